"""Anchor many quotations at once: a JSONL file of {"id", "quote", "source"?} lines.

Every good line is answered and every bad one named (file:line: why), so one slip in a file
of thousands costs one line, not the run.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from fontes.anchor import Anchor, CandidateStore, anchor_quote
from fontes.errors import AnchorError


_LINE_SHAPE = 'each line needs {"id": ..., "quote": "..."}'


@dataclass(frozen=True)
class BatchLine:
    """One line of a batch: its anchor, or why it could not be anchored."""

    number: int
    id: object
    quote: str
    anchor: Anchor | None
    problem: str | None


def read_batch_text(path: str | os.PathLike[str]) -> str:
    """The batch file's text; AnchorError naming the file (and line) when it is not UTF-8 text."""
    name = os.fspath(path)
    file = Path(path)
    if file.is_dir():
        raise AnchorError("is a folder, not a JSONL file", file=name, hint="give the batch file itself")
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise AnchorError(f"cannot be read: {exc.strerror or exc}", file=name, hint="check the path") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise AnchorError("is not UTF-8 text", file=name, line=line,
                          hint='a batch is JSONL: one {"id": ..., "quote": "..."} object a line') from None
    if "\x00" in text:
        raise AnchorError("is a binary file, not JSONL", file=name,
                          hint='a batch is JSONL: one {"id": ..., "quote": "..."} object a line')
    return text.removeprefix("\ufeff")


def anchor_batch(path: str | os.PathLike[str], store: CandidateStore,
                 source_id: str | None = None) -> Iterator[BatchLine]:
    """Anchor each line of the batch file at `path`; blank lines are skipped."""
    for number, line in enumerate(read_batch_text(path).splitlines(), 1):
        if not line.strip():
            continue
        request_id: object = None
        try:
            try:
                request = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"not JSON at column {exc.colno}; " + _LINE_SHAPE) from None
            if not isinstance(request, dict) or not isinstance(request.get("quote"), str):
                raise ValueError(_LINE_SHAPE)
            request_id = request.get("id")
            source = request.get("source") or source_id
            if source is not None and not isinstance(source, str):
                raise ValueError('"source" must be a source id (a string)')
            yield BatchLine(number, request_id, request["quote"],
                            anchor_quote(request["quote"], store, source_id=source), None)
        except (ValueError, AnchorError) as exc:
            yield BatchLine(number, request_id, "", None, str(exc))
