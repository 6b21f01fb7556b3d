"""JSON Lines corpora: a few good records, one of them (or one line, or the bytes) broken."""

from __future__ import annotations

import json

from hypothesis import strategies as st

from fuzz.formats.common import broken_bytes
from fuzz.formats.data_tree import broken_data
from fuzz.formats.dates import valid_dates
from fuzz.paths import fixture_bytes
from fuzz.sample import Sample

NAME = "corpus.jsonl"
PLACEHOLDER = "RAWJSONSNIPPETHERE"

#: Raw JSON put where a value goes.
SNIPPETS = {
    "NaN": "NaN",
    "Infinity": "-Infinity",
    "huge integer": "1" * 5000,
    "float overflow": "1e999",
    "deep array": "[" * 100_000 + "]" * 100_000,
    "deep object": '{"a":' * 5000 + "1" + "}" * 5000,
    "lone surrogate": '"\\ud800"',
    "reversed surrogates": '"\\udfff\\ud800"',
    "NUL escape": '"\\u0000"',
    "huge text": '"' + "x " * 1_000_000 + '"',
    "invalid escape": '"\\x41"',
    "single quotes": "'text'",
    "leading zero": "01",
    "bad number": "1.5e",
    "bad unicode escape": '"\\uZZZZ"',
    "bare word": "undefined",
    "page markers": '"[Page 1] a [Page 2] b [Page ] [Page x][Page 99999999999999999999]"',
}
LINE_BREAKS = (
    "duplicate key",
    "truncated line",
    "two records on one line",
    "not an object",
    "blank lines",
    "only a brace",
    "very long line",
    "record split over two lines",
)

_TEXT = st.sampled_from(
    [
        "Seoul, June 25, 1950.",
        "Kim Il Sung asked again.",
        "Переговоры",
        "[Page 12] text",
        "a\n\nb",
        "“quoted” text",
        "",
    ]
)


@st.composite
def records(draw) -> dict:
    """A valid record: required fields and a few optional ones."""
    record = {
        "id": draw(st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True)),
        "title": draw(_TEXT.filter(bool)),
        "text": draw(_TEXT),
    }
    if draw(st.booleans()):
        record["date"] = draw(valid_dates())
    if draw(st.booleans()):
        record["authors"] = draw(st.lists(_TEXT.filter(bool), max_size=2))
    if draw(st.booleans()):
        record["credibility"] = draw(st.floats(0, 1))
    if draw(st.booleans()):
        record["other_excerpts"] = [{"url": "https://example.org/1", "note": "copy", "text": draw(_TEXT)}]
    return record


def _fixture_records() -> list[dict]:
    lines = [
        line for data in fixture_bytes("jsonl/documents.jsonl") for line in data.splitlines() if line.strip()
    ]
    return [json.loads(line) for line in lines]


@st.composite
def samples(draw) -> Sample:
    pool = _fixture_records()
    chosen = draw(st.lists(st.one_of(records(), st.sampled_from(pool)), min_size=1, max_size=4))
    index = draw(st.integers(0, len(chosen) - 1))
    lines = [json.dumps(r, ensure_ascii=draw(st.booleans())) for r in chosen]
    kind = draw(st.sampled_from(["record", "record", "line", "bytes"]))
    how = []
    if kind == "record":
        broken, what, raw = draw(broken_data(chosen[index], PLACEHOLDER, huge=1_000_000))
        line = json.dumps(broken, allow_nan=True)
        how.append(f"record {index + 1}: {what}")
        if raw:
            name = draw(st.sampled_from(sorted(SNIPPETS)))
            line = line.replace(f'"{PLACEHOLDER}"', SNIPPETS[name], 1)
            how.append(f"({name})")
        lines[index] = line
    elif kind == "line":
        lines[index], what = draw(broken_line(lines[index]))
        how.append(f"line {index + 1}: {what}")
    data = ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")
    if kind == "bytes":
        data, what = draw(broken_bytes(data, huge=1_000_000))
        how.append(what)
    return Sample({NAME: data}, NAME, how)


@st.composite
def broken_line(draw, line: str) -> tuple[str, str]:
    kind = draw(st.sampled_from(LINE_BREAKS))
    if kind == "duplicate key":
        key = draw(st.sampled_from(["id", "title", "text", "date"]))
        return f'{{"{key}": "duplicate", ' + line[1:], f"key {key!r} given twice"
    if kind == "truncated line":
        at = draw(st.integers(0, len(line)))
        return line[:at], f"cut at column {at}"
    if kind == "two records on one line":
        return line + " " + line, "two records on one line"
    if kind == "not an object":
        return draw(st.sampled_from(["[1, 2]", "42", '"text"', "null", "true", "[]"])), "not an object"
    if kind == "blank lines":
        return "\n   \n\t\n" + line, "blank lines before it"
    if kind == "only a brace":
        return "{", "only a brace"
    if kind == "very long line":
        return line[:-1] + ', "padding": "' + "p" * 8_000_000 + '"}', "8 MB line"
    at = draw(st.integers(0, len(line)))
    return line[:at] + "\n" + line[at:], f"split at column {at}"


def from_bytes(data: bytes) -> Sample:
    return Sample({NAME: data}, NAME, ["atheris input"])


def seeds() -> list[bytes]:
    return fixture_bytes("jsonl/*.jsonl")
