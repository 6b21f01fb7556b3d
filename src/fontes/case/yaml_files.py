"""Read a case's YAML files keeping line numbers, so every problem can say where it is."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

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


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """PyYAML's safe loader (in C where built), refusing duplicate keys."""


def _mapping_without_duplicates(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict:
    loader.flatten_mapping(node)
    seen: dict = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}; keep one of them", key_node.start_mark)
        seen[key] = True
    return loader.construct_mapping(node, deep=True)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates)


@dataclass
class YamlFile:
    """A parsed YAML file and its name; line numbers are looked up only when a problem needs one.

    Values come from PyYAML's fast safe loader; `line_of` re-reads the text with ruamel's
    round-trip loader, which knows where every key and item sits.
    """

    name: str
    data: Any
    text: str = ""
    _located: Any = None

    def line_of(self, *path: str | int) -> int | None:
        """1-based line of the value at `path` (keys and list indexes), or of its nearest parent."""
        if self._located is None:
            try:
                self._located = YAML(typ="rt").load(self.text)
            except Exception:  # the fast loader accepted it; keep going without lines
                self._located = {}
        node, line = self._located, 1
        for step in path:
            try:
                if isinstance(node, CommentedMap) and step in node:
                    line = node.lc.key(step)[0] + 1
                    node = node[step]
                elif isinstance(node, CommentedSeq) and isinstance(step, int) and step < len(node):
                    line = node.lc.item(step)[0] + 1
                    node = node[step]
                else:
                    break
            except (AttributeError, KeyError, IndexError, TypeError):
                break
        return line


def read_yaml(path: Path, display: str, problems: list[Problem]) -> YamlFile | None:
    """Parse one YAML file; on failure record a problem with its line and return None."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(display, None, "", f"is not UTF-8 text ({exc.reason} at byte {exc.start}); save it as UTF-8"))
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
        problems.append(Problem(display, line, "", f"YAML does not parse: {what}; check indentation and quotes"))
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
