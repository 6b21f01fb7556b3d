"""Citation markers: `[3]`, `[3, 5]`, `[3–5]`, `[3][4]` and Markdown footnote references `[^3]`.

Only numbers make a marker: `[Soviet]` or `[N.V.]` inside a quotation are the quoting author's
insertions, and a bracketed year such as `[1950]` is not a reference number.
"""

from __future__ import annotations

import re

from fontes.audit.reading.blocks import SUPERSCRIPT_DIGITS
from fontes.audit.reading.essay import Marker

_NUMBER = r"\d{1,3}"
_ITEM = rf"{_NUMBER}(?:\s*[-–—]\s*{_NUMBER})?"
_PAGE = r"(?:\s*[,:]\s*(?:pp?\.\s*)?\d+(?:\s*[-–—]\s*\d+)?)"
#: `[3]`, `[3, 5]`, `[3–5]`, and with a page: `[7, p. 45]`, `[7, pp. 45-47]`, `[7: 45]`.
NUMBERED_MARKER = re.compile(rf"\[\s*({_ITEM}(?:\s*[,;]\s*{_ITEM})*)(?:{_PAGE}(?<=\d)(?=\s*\]))?\s*\](?!\()")
_PAGED = re.compile(rf"\[\s*({_NUMBER})\s*[,:]\s*pp?\.\s*\d+(?:\s*[-–—]\s*\d+)?\s*\]")
#: IEEE's range of markers: `[4]–[6]`.
_RANGE_BETWEEN = re.compile(r"\s*[-–—]\s*")
NOTE_MARKER = re.compile(r"\[\^([^\]\s]+)\](?!:)")
#: `held.^3`: a caret and a number after a word or punctuation (never a line's own label `^3 `).
CARET_MARKER = re.compile(r"(?<=[^\s^[])\^(\d{1,3})(?![\d\]])")
#: `held.3`, `intervene,3`, `forces".3`, `forces."3`: a note number set right after a word's punctuation (or a
#: quotation's closing mark and its punctuation), as a flattened superscript. Read only where the
#: essay's notes are numbered `3.` and it has no bracketed markers.
BARE_NUMBER_MARKER = re.compile(
    r"(?:(?<=[^\W\d_][.,;:!?)”\"’])|(?<=[^\W\d_][”\"’][.,;:!?])|(?<=[^\W\d_][.,;:!?][”\"’]))(\d{1,3})(?=\s|$)"
)
#: `held.¹²`: superscript digits after a word or its punctuation. Read only where the notes are
#: numbered so (`² The Secretary ...`): elsewhere they may be units (km²).
SUPERSCRIPT_MARKER = re.compile(rf"(?<=\S)([{SUPERSCRIPT_DIGITS}]{{1,3}})(?![{SUPERSCRIPT_DIGITS}])")
SUPERSCRIPT_VALUES = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
#: The highest number a `^n` marker may have.
MAX_NOTE_NUMBER = 999
#: The longest range a marker may span; `[1-300]` is a typing slip, not 300 references.
MAX_RANGE = 50


def find_markers(
    text: str,
    start: int,
    end: int,
    note_numbers: dict[str, int],
    bare_numbers: int = 0,
    superscripts: bool = False,
) -> list[Marker]:
    """Every marker in text[start:end], in order; `note_numbers` maps note labels to numbers.

    With `bare_numbers` (the highest note number), flattened superscripts (`held.3`) count too;
    with `superscripts` (the notes are numbered `¹`), superscript digits (`held.¹`).
    """
    found: list[Marker] = []
    if superscripts:
        for match in SUPERSCRIPT_MARKER.finditer(text, start, end):
            value = int(match.group(1).translate(SUPERSCRIPT_VALUES))
            if value > 0:
                found.append(
                    Marker(text=match.group(0), numbers=[value], start=match.start(), end=match.end())
                )
    for pattern in (CARET_MARKER, BARE_NUMBER_MARKER) if bare_numbers else (CARET_MARKER,):
        for match in pattern.finditer(text, start, end):
            value = int(match.group(1))
            if 0 < value <= (bare_numbers or MAX_NOTE_NUMBER):
                found.append(
                    Marker(text=match.group(0), numbers=[value], start=match.start(), end=match.end())
                )
    for match in NUMBERED_MARKER.finditer(text, start, end):
        paged = _PAGED.fullmatch(match.group(0))
        numbers = [int(paged.group(1))] if paged else marker_numbers(match.group(1))
        if numbers:
            found.append(Marker(text=match.group(0), numbers=numbers, start=match.start(), end=match.end()))
    found = _join_marker_ranges(text, found)
    for match in NOTE_MARKER.finditer(text, start, end):
        label = match.group(1)
        number = note_numbers.get(label, int(label) if label.isdigit() else None)
        if number is not None:
            found.append(Marker(text=match.group(0), numbers=[number], start=match.start(), end=match.end()))
    return sorted(found, key=lambda m: m.start)


def marker_numbers(inside: str) -> list[int]:
    """The reference numbers a marker's inside names: '3, 5' -> [3, 5]; '3–5' -> [3, 4, 5]."""
    numbers: list[int] = []
    for item in re.split(r"\s*[,;]\s*", inside.strip()):
        ends = [int(n) for n in re.split(r"\s*[-–—]\s*", item)]
        if len(ends) == 2 and ends[0] < ends[1] and ends[1] - ends[0] <= MAX_RANGE:
            numbers.extend(range(ends[0], ends[1] + 1))
        else:
            numbers.extend(ends)
    return [n for n in dict.fromkeys(numbers) if n > 0]


def note_label_numbers(labels: list[str]) -> dict[str, int]:
    """Numbers for note labels: numeric labels keep theirs, others follow in order of definition."""
    numbers = {label: int(label) for label in labels if label.isdigit()}
    following = max(numbers.values(), default=0)
    for label in labels:
        if label not in numbers:
            following += 1
            numbers[label] = following
    return numbers


def _join_marker_ranges(text: str, markers: list[Marker]) -> list[Marker]:
    """`[4]–[6]` is one marker naming 4, 5 and 6."""
    joined: list[Marker] = []
    for marker in markers:
        previous = joined[-1] if joined else None
        if (
            previous
            and len(previous.numbers) == 1
            and len(marker.numbers) == 1
            and _RANGE_BETWEEN.fullmatch(text[previous.end : marker.start])
            and 0 < marker.numbers[0] - previous.numbers[0] <= MAX_RANGE
        ):
            joined[-1] = Marker(
                text=text[previous.start : marker.end],
                numbers=list(range(previous.numbers[0], marker.numbers[0] + 1)),
                start=previous.start,
                end=marker.end,
            )
            continue
        joined.append(marker)
    return joined
