"""One change to nested data (JSON records, YAML files): a field dropped, renamed or given a bad value."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import strategies as st

from fuzz.formats.common import wrong_values
from fuzz.formats.dates import date_strings

Path = tuple[Any, ...]

#: What can happen to one place in the data.
DATA_BREAKS = (
    "deleted",
    "wrong value",
    "date",
    "unknown id",
    "key renamed",
    "unknown field",
    "emptied",
    "raw snippet",
)


def paths(data: Any, prefix: Path = ()) -> list[Path]:
    """Every place below `data`: dict keys and list indexes, depth first."""
    found: list[Path] = []
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        found.append(prefix + (key,))
        found.extend(paths(value, prefix + (key,)))
    return found


def containers(data: Any, prefix: Path = ()) -> list[Path]:
    """The paths of the dicts inside `data`, itself included."""
    found = [prefix] if isinstance(data, dict) else []
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        found.extend(containers(value, prefix + (key,)))
    return found


def at(data: Any, path: Path) -> Any:
    for step in path:
        data = data[step]
    return data


@st.composite
def broken_data(draw, data: Any, placeholder: str, huge: int = 100_000) -> tuple[Any, str, bool]:
    """(changed copy, what changed, whether `placeholder` was put in for a raw snippet)."""
    data = copy.deepcopy(data)
    places = paths(data)
    kind = draw(st.sampled_from(DATA_BREAKS))
    if not places or kind == "unknown field":
        where = draw(st.sampled_from(containers(data))) if containers(data) else None
        if where is None:
            return draw(wrong_values(huge)), "the whole file replaced by a wrong value", False
        key = draw(st.sampled_from(["zz_unknown", "ID", "id ", "Id", "", "0", "note\u200b"]))
        at(data, where)[key] = draw(wrong_values(huge))
        return data, f"unknown field {key!r} at {_show(where)}", False
    path = draw(st.sampled_from(places))
    parent, last = at(data, path[:-1]), path[-1]
    if kind == "deleted":
        del parent[last]
        return data, f"{_show(path)} deleted", False
    if kind == "key renamed" and isinstance(parent, dict):
        value = parent.pop(last)
        parent["zz-unknown"] = value
        return data, f"key {_show(path)} renamed to 'zz-unknown'", False
    if kind == "date":
        value = draw(date_strings())
        parent[last] = value
        return data, f"{_show(path)} = date {value[:40]!r}", False
    if kind == "unknown id":
        parent[last] = "zz-unknown"
        return data, f"{_show(path)} = unknown id 'zz-unknown'", False
    if kind == "emptied":
        value = draw(st.sampled_from(["", [], {}, None]))
        parent[last] = value
        return data, f"{_show(path)} = {value!r}", False
    if kind == "raw snippet":
        parent[last] = placeholder
        return data, f"{_show(path)} = a raw snippet", True
    value = draw(wrong_values(huge))
    parent[last] = value
    return data, f"{_show(path)} = {_brief(value)}", False


def _show(path: Path) -> str:
    return ".".join(str(p) for p in path) or "(top)"


def _brief(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:40]}… ({len(text):,} characters)"
