"""Read JSON Lines documents in the shape of shared/corpus/korea1950/documents.jsonl.

One JSON object per line (fields in that corpus's README). A bad line (not UTF-8, not JSON,
not an object, a missing or mistyped field, a date that is not EDTF) is yielded as a
CorpusError naming file:line and field; the other lines go on.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterator
from typing import Any, BinaryIO

from fontes.corpus.document import Document
from fontes.corpus.fields import SURROGATE_HINT, Fields, has_surrogate, page_breaks
from fontes.corpus.languages import language_code
from fontes.errors import CorpusError
from fontes.model import Source

#: What joins a second stored copy (`other_excerpts`) to the text: the editorial mark of a gap.
EXCERPT_GAP = "\n\n[…]\n\n"


def read_jsonl(path: str | os.PathLike[str]) -> Iterator[Document | CorpusError]:
    """Yield a Document per line, or a CorpusError for a line that cannot be one."""
    name = os.fspath(path)
    try:
        with open(path, "rb") as handle:  # bytes, so that one line not in UTF-8 cannot stop the others
            yield from _read_lines(handle, name)
    except OSError as exc:
        raise CorpusError(f"cannot be read: {exc.strerror}", file=name) from None


def _read_lines(handle: BinaryIO, name: str, first_line: int = 1) -> Iterator[Document | CorpusError]:
    """The records of an open JSONL file (or of a part of it starting at `first_line`), one per
    non-blank line."""
    for number, raw in enumerate(handle, first_line):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield CorpusError(
                f"is not UTF-8 (bad byte at column {exc.start + 1})",
                file=name,
                line=number,
                hint="save the file as UTF-8",
            )
            continue
        line = line.rstrip("\r\n")
        if number == 1:
            line = line.removeprefix("\ufeff")
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield CorpusError(
                f"is not valid JSON ({exc.msg.removesuffix(' at')} at column {exc.colno})",
                file=name,
                line=number,
                hint="each line must hold one whole JSON object; a line cut short is often the cause",
            )
            continue
        except (ValueError, RecursionError):  # Python's limits: 4,300-digit integers, deep nesting
            yield CorpusError(
                "holds a number too long or arrays and objects nested too deep to read",
                file=name,
                line=number,
                hint="a record holds text, lists of text and numbers",
            )
            continue
        if not isinstance(record, dict):
            yield CorpusError(
                f"holds a JSON {type(record).__name__}, not an object",
                file=name,
                line=number,
                hint='write one {"id": ..., "title": ..., "text": ...} per line',
            )
            continue
        try:
            yield document_from_record(record, name, number)
        except CorpusError as exc:
            yield exc


def read_jsonl_part(data: bytes, name: str, first_line: int) -> Iterator[Document | CorpusError]:
    """`read_jsonl` of whole lines cut from the file `name`, the first of them line `first_line`."""
    return _read_lines(io.BytesIO(data), name, first_line)


def document_from_record(record: dict[str, Any], file: str, line: int) -> Document:
    """One documents.jsonl record as a Document (raises CorpusError naming the field)."""
    f = Fields(record, file, line)
    source = Source(
        id=f.identifier("id"),
        title=f.text("title", required=True, empty_ok=False),
        **f.source_metadata(),
        note=f.text("date_note"),
    )
    text = f.text("text", required=True)
    notes = [f.text("notes")]
    mirror_urls = f.names("mirror_urls")
    for index, excerpt in enumerate(_excerpts(f)):
        text += EXCERPT_GAP + excerpt["text"]
        if excerpt["url"] and excerpt["url"] not in mirror_urls:
            mirror_urls.append(excerpt["url"])
        origin = f"Excerpt {index + 2} (after the […] in the text), from {excerpt['url'] or 'another copy'}"
        notes.append(f"{origin}: {excerpt['note']}" if excerpt["note"] else origin)
    return Document(
        source=source,
        text=text,
        notes="\n\n".join(n for n in notes if n),
        pages=page_breaks(text),
        text_complete=f.flag("text_complete"),
        language=language_code(f.text("language")),
        summary=f.text("archive_summary"),
        place=f.text("place"),
        mirror_urls=mirror_urls,
        origin=f"{file}:{line}",
    )


def _excerpts(f: Fields) -> list[dict[str, str]]:
    """`other_excerpts`: further stored copies of the document ({url, note, text} each)."""
    value = f.record.get("other_excerpts") or []
    hint = 'write "other_excerpts": [{"url": "...", "note": "...", "text": "..."}]'
    if not isinstance(value, list):
        raise f.error("other_excerpts", "should be a list of objects", hint=hint)
    excerpts = []
    for index, item in enumerate(value):
        field = f"other_excerpts[{index}]"
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise f.error(field, "should be an object with a text", hint=hint)
        if not all(isinstance(item.get(k, ""), str) for k in ("url", "note")):
            raise f.error(field, "url and note should be text", hint=hint)
        if any(has_surrogate(item.get(k, "")) for k in ("text", "url", "note")):
            raise f.error(field, "holds half a character (an unpaired surrogate)", hint=SURROGATE_HINT)
        excerpts.append({"text": item["text"], "url": item.get("url", ""), "note": item.get("note", "")})
    return excerpts
