"""Quotations in a paragraph: curly or straight double quotes, guillemets, and ‘single’ or 'single'
quotes (a straight one opens only after a space or bracket and closes only where no word goes on,
so that "don't" and "Marshall's" stay apostrophes).

Single quotes inside a double quotation are part of it (a quotation inside a quotation). A quotation
left open at the paragraph's end is recorded only when the next paragraph opens with a quotation
mark (the convention for a quotation that runs over several paragraphs); any other unbalanced mark
is treated as plain text and records nothing.
"""

from __future__ import annotations

import re

from fontes.audit.reading.essay import Quotation

OPENERS = {"“": "double", "«": "double", "„": "double", "‘": "single"}
CLOSERS = {"”": "double", "»": "double", "’": "single", "'": "single"}
_OPENING_CONTEXT = set(" \t\n([{—–-/") | {""}
#: Where an unclosed quotation's words stop: a sentence's end or a citation marker.
_SENTENCE_END = re.compile(r"[.!?…](?=\s+[A-Z“\"‘(\[]|\s*$)|\s*\[\^?\d|[.!?]?\^\d")
#: What an unopened quotation's words go back to: a sentence's end, a colon, a marker.
_BACKWARD_BOUNDARY = re.compile(r"[.!?…:;][\"'”’)\]]*\s+|\]\s*[,;]?\s*")


def find_quotations(
    text: str, start: int, end: int, continued: bool = False, loose: list[Quotation] | None = None
) -> list[Quotation]:
    """The quotations in text[start:end]; `continued` when the next paragraph goes on quoting.

    A double quotation missing one of its marks goes to `loose` (when given), read from the mark
    to the sentence's end, or from the sentence's start (or the quotation before) to the mark.
    """
    found: list[Quotation] = []
    open_at: int | None = None
    kind = ""
    for i in range(start, end):
        char = text[i]
        before = text[i - 1] if i > start else ""
        after = text[i + 1] if i + 1 < end else ""
        if char == '"':
            opening = _opens(before, after, is_open=open_at is not None and kind == "double")
            if opening:
                if open_at is None or kind == "double":
                    open_at, kind = i, "double"
            elif open_at is not None and kind == "double":
                _record(found, text, open_at + 1, i)
                open_at = None
            elif open_at is None and loose is not None:
                _record_unopened(loose, found, text, start, i)
            continue
        if char in OPENERS and OPENERS[char] == "double":
            if open_at is None or kind == "double":
                open_at, kind = i, "double"
        elif char in "‘'" and open_at is None and _opens_single(char, before, after):
            open_at, kind = i, "single"
        elif char in "”»" and open_at is None and loose is not None:
            _record_unopened(loose, found, text, start, i)
        elif char in CLOSERS and open_at is not None and CLOSERS[char] == kind:
            if kind == "single" and after.isalnum():
                continue  # an apostrophe inside a word: don’t, Marshall's
            _record(found, text, open_at + 1, i)
            open_at = None
    if open_at is not None and kind == "double" and continued:
        _record(found, text, open_at + 1, end)
    elif open_at is not None and kind == "double" and loose is not None:
        stop = _SENTENCE_END.search(text, open_at + 1, end)
        _record(loose, text, open_at + 1, stop.start() if stop else end, missing_mark="closing")
    return found


def _record_unopened(
    loose: list[Quotation], found: list[Quotation], text: str, start: int, mark: int
) -> None:
    """A closing mark with no opening one: the words back to the sentence's start, a colon or the
    quotation or marker before."""
    begin = max([start, *(q.end + 1 for q in found if q.end < mark)])
    for boundary in _BACKWARD_BOUNDARY.finditer(text, begin, mark):
        begin = boundary.end()
    _record(loose, text, begin, mark, missing_mark="opening")


def _opens_single(char: str, before: str, after: str) -> bool:
    """Whether a single quote opens a quotation: after a space or bracket, before a word (a straight
    one not before another, so that '' is no quotation)."""
    return before in _OPENING_CONTEXT and bool(after.strip()) and not (char == "'" and after == "'")


def _opens(before: str, after: str, is_open: bool) -> bool:
    """Whether a straight double quote opens a quotation, judged by the characters around it."""
    if before in _OPENING_CONTEXT and after and not after.isspace():
        return not is_open or before == ""
    if before and not before.isspace():
        return False
    return not is_open


def _record(found: list[Quotation], text: str, start: int, end: int, missing_mark: str = "") -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    words = re.sub(r"\s+", " ", re.sub(r"\n[ \t]*>[ \t]?", "\n", text[start:end])).strip()
    if words:
        found.append(Quotation(text=words, start=start, end=end, missing_mark=missing_mark))


def opens_with_quotation(paragraph_text: str) -> bool:
    """True when a paragraph begins with an opening quotation mark."""
    stripped = paragraph_text.lstrip("> \t")
    return stripped[:1] in ("“", "«", "„", '"')
