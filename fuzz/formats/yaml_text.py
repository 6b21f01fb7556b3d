"""YAML written to trip a reader: alias bombs, recursive aliases, tags, duplicate keys, deep nesting."""

from __future__ import annotations

import io
import re
from typing import Any

from hypothesis import strategies as st
from ruamel.yaml import YAML

#: A value that `dump` writes as plain text and `raw_snippets` replaces with raw YAML.
PLACEHOLDER = "RAWYAMLSNIPPETHERE"


def _laughs(levels: int = 9, width: int = 9) -> str:
    parts = ["&l0 [" + ", ".join(["lol"] * width) + "]"]
    parts += [f"&l{i} [" + ", ".join([f"*l{i - 1}"] * width) + "]" for i in range(1, levels + 1)]
    return "[" + ", ".join(parts) + "]"


#: Flow-style snippets that fit wherever a value goes.
SNIPPETS = {
    "billion laughs (alias bomb)": _laughs(),
    "alias bomb in a mapping": "{a: &a [x, x, x, x, x, x, x, x], b: &b [*a, *a, *a, *a, *a, *a, *a, *a], "
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b], d: &d [*c, *c, *c, *c, *c, *c, *c, *c], "
    "e: &e [*d, *d, *d, *d, *d, *d, *d, *d], f: &f [*e, *e, *e, *e, *e, *e, *e, *e], "
    "g: &g [*f, *f, *f, *f, *f, *f, *f, *f], h: [*g, *g, *g, *g, *g, *g, *g, *g]}",
    "recursive alias": "&r [*r]",
    "recursive mapping": "&m {a: *m}",
    "undefined alias": "*nope",
    "merge key": "{<<: {a: 1}, b: 2}",
    "bad merge key": "{<<: 3}",
    "python object tag": "!!python/object/apply:os.system [echo fuzz]",
    "python name tag": "!!python/name:os.system",
    "custom tag": "!custom {x: 1}",
    "binary": "!!binary aGVsbG8=",
    "bad binary": "!!binary '!!!'",
    "set": "!!set {a, b}",
    "omap": "!!omap [{a: 1}, {a: 2}]",
    "timestamp tag": "!!timestamp 2001-12-14t21:59:43.10-05:00",
    "bad timestamp tag": "!!timestamp 1950-02-30",
    "str tag on a list": "!!str [a]",
    "int tag on words": "!!int abc",
    "float tag": "!!float nan",
    "bool tag on a word": "!!bool maybe",
    "merge tag": "!!merge x",
    "value tag": "!!value x",
    "map tag on a list": "!!map [a]",
    "seq tag on a mapping": "!!seq {a: 1}",
    "pairs tag on a word": "!!pairs x",
    "set tag on a list": "!!set [a]",
    "omap tag on a mapping": "!!omap {a: 1}",
    "tuple tag": "!!python/tuple [1, 2]",
    "empty int tag": "!!int ''",
    "hex int tag": "!!int 0x",
    "null tag": "!!null x",
    "complex key": "{? [a, b] : c}",
    "mapping as key": "{? {a: b} : c}",
    "anchored key": "{&k a: *k}",
    "plain impossible date": "1950-02-30",
    "plain five-digit year": "99999-01-01",
    "plain year zero": "0000-01-01",
    "huge integer": "9" * 5000,
    "huge hex": "0x" + "f" * 300,
    "float overflow": "1e999",
    "infinity": "-.inf",
    "not a number": ".nan",
    "deep list 1000": "[" * 1000 + "]" * 1000,
    "deep list 100000": "[" * 100_000 + "]" * 100_000,
    "deep mapping 3000": "{a: " * 3000 + "b" + "}" * 3000,
    "unclosed bracket": "[a, b",
    "empty mapping": "{}",
    "quoted surrogate escape": '"\\ud800"',
    "quoted NUL escape": '"\\0"',
    "long escaped text": '"' + "\\u00e9" * 20000 + '"',
}

#: Whole-file changes made to the text.
TEXT_BREAKS = (
    "duplicate key",
    "directive",
    "second document",
    "tab indentation",
    "anchor at top",
    "document end",
)


def dump(data: Any) -> str:
    yaml = YAML(typ="rt")
    yaml.width = 4096
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


@st.composite
def snippet(draw) -> tuple[str, str]:
    """(description, flow YAML) of one trap."""
    name = draw(st.sampled_from(sorted(SNIPPETS)))
    return name, SNIPPETS[name]


def place(text: str, raw: str) -> str:
    """The dumped text with the placeholder replaced by raw YAML."""
    return re.sub(rf"(['\"]?){PLACEHOLDER}\1", lambda m: raw, text, count=1)


@st.composite
def broken_text(draw, text: str) -> tuple[str, str]:
    """YAML text with one whole-file change, and what."""
    kind = draw(st.sampled_from(TEXT_BREAKS))
    lines = text.split("\n")
    if kind == "duplicate key":
        keyed = [i for i, line in enumerate(lines) if re.match(r"^\s*(- )?[\w-]+:", line)]
        if keyed:
            i = draw(st.sampled_from(keyed))
            m = re.match(r"^(\s*)(- )?([\w-]+):", lines[i])
            indent = m.group(1) + ("  " if m.group(2) else "")
            lines.insert(i + 1, f"{indent}{m.group(3)}: duplicated")
            return "\n".join(lines), f"duplicate key {m.group(3)!r} after line {i + 1}"
        return text + "\na: 1\na: 2\n", "duplicate key at the end"
    if kind == "directive":
        directive = draw(
            st.sampled_from(["%YAML 1.1", "%YAML 2.0", "%TAG ! tag:evil.example,2000:", "%FOO bar"])
        )
        return f"{directive}\n---\n{text}", f"directive {directive!r}"
    if kind == "second document":
        return text + "\n---\nextra: document\n", "a second YAML document"
    if kind == "tab indentation":
        indented = [i for i, line in enumerate(lines) if line.startswith(" ")]
        if indented:
            i = draw(st.sampled_from(indented))
            lines[i] = "\t" + lines[i].lstrip(" ")
            return "\n".join(lines), f"tab indentation on line {i + 1}"
        return "\t" + text, "tab at the start"
    if kind == "anchor at top":
        return f"--- &top\n{text}", "the whole document anchored"
    return text + "\n...\n", "document end marker"
