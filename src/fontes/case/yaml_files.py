"""Read a case's YAML files keeping line numbers, so every problem can say where it is."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

#: The files of a case folder, and whether a case needs them.
CASE_FILES = {
    "case": True,
    "actors": False,
    "sources": True,
    "events": False,
    "evidence": True,
}


@dataclass
class Problem:
    """One thing wrong with a case: where it is and what to do about it."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """PyYAML's safe loader (in C where built), refusing duplicate keys and repeated lists or mappings."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """Refuse an alias (*name) of a list or mapping: a few of them nest into billions of values.
        A value its tag does not fit (`!!bool maybe`, `!!map [a]`, a 5,000-digit int) is an error here."""
        if isinstance(node, yaml.CollectionNode) and (
            node in self.constructed_objects or node in self.recursive_objects
        ):
            raise yaml.constructor.ConstructorError(
                None,
                None,
                "repeats a list or mapping through an alias (*name); write it out in full",
                node.start_mark,
            )
        try:
            return super().construct_object(node, deep)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            kind = node.tag.rpartition(":")[2]
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot be read as {kind} ({str(exc)[:80]})", node.start_mark
            ) from None


def _mapping_without_duplicates(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict:
    loader.flatten_mapping(node)
    seen: dict = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, Hashable):
            raise yaml.constructor.ConstructorError(
                None,
                None,
                "a key is a list or mapping; keys are names such as id or title",
                key_node.start_mark,
            )
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}; keep one of them", key_node.start_mark
            )
        seen[key] = True
    return loader.construct_mapping(node, deep=True)


def _core_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    text = loader.construct_scalar(node)
    return int(text, 0) if text[:2] in ("0o", "0x") else int(text)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates)
# Dates stay as written: `date: 1950-02-30` is then an EDTF problem with its line and field.
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_str)

# Plain values are typed as YAML 1.2 types them, as ruamel (which writes cases, and read them before)
# does: only true and false are booleans, so `id: no` or `text: Yes` stay text, and so do `12:30` and
# `1_000`; `010` is ten. (PyYAML alone follows YAML 1.1.)
_BOOL, _INT, _FLOAT, _VALUE = (f"tag:yaml.org,2002:{kind}" for kind in ("bool", "int", "float", "value"))
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag not in (_BOOL, _INT, _FLOAT, _VALUE)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Loader.add_implicit_resolver(
    _INT, re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), list("-+0123456789")
)
_Loader.add_implicit_resolver(
    _FLOAT,
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+.0123456789"),
)
_Loader.add_constructor(_INT, _core_int)


@dataclass
class YamlFile:
    """A parsed YAML file and its name; line numbers are looked up only when a problem needs one.

    Values come from PyYAML's fast safe loader; `line_of` composes the text again into nodes
    (no values built, no aliases followed), which know the line where each key and item sits.
    """

    name: str
    data: Any
    text: str = ""
    _located: Any = None

    def line_of(self, *path: str | int) -> int | None:
        """1-based line of the value at `path` (keys and list indexes), or of its nearest parent."""
        if self._located is None:
            try:
                self._located = yaml.compose(self.text, Loader=_Loader)
            except (yaml.YAMLError, RecursionError):  # the values were read; go on without lines
                self._located = False
        node, line = self._located, 1
        for step in path:
            found = _child(node, step)
            if found is None:
                break
            line, node = found
        return line


def _child(node: Any, step: str | int) -> tuple[int, yaml.Node] | None:
    """(1-based line, node) of a mapping node's key or a sequence node's item; None if it has none."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == str(step):
                return key.start_mark.line + 1, value
    elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
        return node.value[step].start_mark.line + 1, node.value[step]
    return None


def read_yaml(path: Path, display: str, problems: list[Problem]) -> YamlFile | None:
    """Parse one YAML file; on failure record a problem with its line and return None."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.append(
            Problem(
                display, None, "", f"is not UTF-8 text ({exc.reason} at byte {exc.start}); save it as UTF-8"
            )
        )
        return None
    except OSError as exc:
        problems.append(Problem(display, None, "", f"cannot be read: {exc.strerror}"))
        return None
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and mark and mark.line >= len(text.splitlines()):
            mark = exc.context_mark  # "end of stream" says less than where the open bracket was
        line = mark.line + 1 if mark else None
        what = exc.problem or exc.context or "invalid YAML"
        problems.append(
            Problem(display, line, "", f"YAML does not parse: {what}; check indentation and quotes")
        )
        return None
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        problems.append(Problem(display, None, "", f"YAML does not parse: {exc}"))
        return None
    return YamlFile(display, data, text)


def plain(value: Any) -> Any:
    """Turn ruamel's containers and YAML dates into plain Python (dates back to ISO text)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return str(value)
    return value
