"""An EDTF date as the parts other formats want: [year, month, day] at the precision the case gave."""

from __future__ import annotations

import re
from dataclasses import dataclass

from fontes.dates import format_date, parse_date_or_none

_PLAIN = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?[?~%]?")


@dataclass(frozen=True)
class DateParts:
    """Start (and, for an interval, end) as [year], [year, month] or [year, month, day]."""

    start: list[int]
    end: list[int] | None
    uncertain: bool
    approximate: bool
    text: str

    @property
    def needs_words(self) -> bool:
        """True when the parts alone would hide something: doubt, approximation or a range."""
        return self.uncertain or self.approximate or self.end is not None

    @property
    def display(self) -> str:
        """The reader's form, `April 1950 (uncertain)`."""
        return format_date(self.text)


def _plain_parts(part: str) -> list[int] | None:
    m = _PLAIN.fullmatch(part)
    if not m or (m[2] and not 1 <= int(m[2]) <= 12):
        return None
    return [int(x) for x in m.groups() if x]


def date_parts(text: str | None) -> DateParts | None:
    """The parts of an EDTF date, or None when it is missing or not valid EDTF.

    Plain years, months, days and intervals of them keep their precision; richer EDTF
    (seasons, unspecified digits, open ends) falls back to its earliest and latest days.
    """
    edtf = parse_date_or_none(text)
    if edtf is None:
        return None
    pieces = [_plain_parts(p) for p in edtf.text.split("/")]
    first, last = pieces[0], pieces[-1]
    if first is not None and last is not None:
        start, end = first, (last if len(pieces) == 2 else None)
    else:
        start = [edtf.earliest.year, edtf.earliest.month, edtf.earliest.day]
        latest = [edtf.latest.year, edtf.latest.month, edtf.latest.day]
        end = latest if edtf.is_range else None
    return DateParts(
        start=start, end=end, uncertain=edtf.uncertain, approximate=edtf.approximate, text=edtf.text
    )
