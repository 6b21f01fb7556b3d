"""EDTF dates (`1950-04?`, `1949-08~`, `1950-03/1950-04`): parse, order, compare, format.

A thin layer over the `edtf` library: it does the parsing; this module turns its
answers into plain `datetime.date` bounds that the rest of fontes can sort and draw.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import time
from dataclasses import dataclass
from functools import lru_cache

from fontes.audit.lexicon.months import MONTH_NAMES as _MONTHS
from fontes.errors import DateError


@dataclass(frozen=True, order=True)
class Edtf:
    """A parsed EDTF date: its earliest and latest possible day, and how sure it is."""

    earliest: dt.date
    latest: dt.date
    text: str
    uncertain: bool = False
    approximate: bool = False

    @property
    def is_range(self) -> bool:
        return self.earliest != self.latest

    @property
    def midpoint(self) -> dt.date:
        return self.earliest + (self.latest - self.earliest) / 2

    def overlaps(self, other: Edtf) -> bool:
        """True when the two dates could be the same day."""
        return self.earliest <= other.latest and other.earliest <= self.latest

    def __str__(self) -> str:
        return self.text


def _as_date(struct: time.struct_time) -> dt.date:
    return dt.date(struct.tm_year, struct.tm_mon, struct.tm_mday)


#: Day, month or year with an optional qualifier: the forms nearly every case uses.
_SIMPLE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([?~%]?)", re.ASCII)  # EDTF digits are ASCII
_HINT = "write e.g. 1950-06-25, 1950-04?, 1949-08~ or 1950-03/1950-04"


def _simple_bounds(part: str) -> tuple[dt.date, dt.date] | None:
    """Bounds of a plain year, month or day (qualifier allowed); None for anything richer."""
    m = _SIMPLE.fullmatch(part)
    if not m:
        return None
    year = int(m[1])
    month = int(m[2]) if m[2] else None
    day = int(m[3]) if m[3] else None
    if year == 0:
        raise DateError(
            f"{part!r} is in year 0, before the calendar fontes uses (years 1 to 9999)", hint=_HINT
        )
    if month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if not 1 <= month <= 12:
        return None  # seasons (1950-21) and invalid months such as 00: the library decides
    last = calendar.monthrange(year, month)[1]
    if day is None:
        return dt.date(year, month, 1), dt.date(year, month, last)
    if not 1 <= day <= last:
        raise DateError(f"{part!r} has no day {day} in that month", hint=_HINT)
    return dt.date(year, month, day), dt.date(year, month, day)


def _fast_parse(raw: str) -> tuple[dt.date, dt.date] | None:
    parts = raw.split("/")
    if len(parts) > 2 or "" in parts:
        return None
    first, last = _simple_bounds(parts[0]), _simple_bounds(parts[-1])
    if first is None or last is None:
        return None
    return first[0], last[1]


@lru_cache(maxsize=4096)
def parse_date(text: str) -> Edtf:
    """Parse an EDTF string, or raise DateError saying what a valid one looks like.

    Plain days, months, years and intervals of them are read directly (the edtf library's
    grammar takes some 30 ms a date); every other EDTF form goes to the library.
    """
    raw = str(text).strip()
    if not raw:
        raise DateError("empty date", hint="write an EDTF date such as 1950-06-25 or 1950-04?")
    fast = _fast_parse(raw)
    if fast is not None:
        earliest, latest = fast
        if latest < earliest:
            raise DateError(f"{raw!r} ends before it starts", hint="put the earlier date first")
        return Edtf(
            earliest=earliest,
            latest=latest,
            text=raw,
            uncertain="?" in raw or "%" in raw,
            approximate="~" in raw or "%" in raw,
        )
    import edtf  # imported here: it loads pyparsing, which the CLI need not pay for

    try:
        parsed = edtf.parse_edtf(raw)
        earliest = _as_date(parsed.lower_strict())
        latest = _as_date(parsed.upper_strict())
    except Exception as exc:  # the library raises several types, and some bugs raise others
        raise DateError(f"{raw!r} is not a valid EDTF date", hint=_HINT) from exc
    if latest < earliest:
        raise DateError(f"{raw!r} ends before it starts", hint="put the earlier date first")
    return Edtf(
        earliest=earliest,
        latest=latest,
        text=raw,
        uncertain="?" in raw or "%" in raw,
        approximate="~" in raw or "%" in raw,
    )


def parse_date_or_none(text: str | None) -> Edtf | None:
    """The parsed date, or None when there is none or it is not valid EDTF (for views and checks
    that pass over a bad date; a case or corpus reports it where it is read)."""
    if not text:
        return None
    try:
        return parse_date(text)
    except DateError:
        return None


def is_valid_date(text: str) -> bool:
    return parse_date_or_none(text) is not None


def sort_key(text: str | None) -> tuple[dt.date, dt.date]:
    """Order by earliest possible day, then latest; undated or invalid last."""
    d = parse_date_or_none(text)
    return (d.earliest, d.latest) if d else (dt.date.max, dt.date.max)


def format_date(text: str | None) -> str:
    """A reader's form: `25 June 1950`, `April 1950 (uncertain)`, `29 June – 6 July 1950`."""
    if not text:
        return "undated"
    d = parse_date_or_none(text)
    if d is None:
        return str(text)
    parts = [p for p in d.text.replace("?", "").replace("~", "").replace("%", "").split("/")]
    shown = " – ".join(_format_simple(p) for p in parts)
    if d.uncertain and d.approximate:
        shown += " (uncertain, approximate)"
    elif d.uncertain:
        shown += " (uncertain)"
    elif d.approximate:
        shown = "about " + shown
    return shown


def _format_simple(part: str) -> str:
    bits = part.split("-")
    if len(bits) == 3 and all(b.isdigit() for b in bits):
        return f"{int(bits[2])} {_MONTHS[int(bits[1]) - 1]} {bits[0]}"
    if len(bits) == 2 and all(b.isdigit() for b in bits) and 1 <= int(bits[1]) <= 12:
        return f"{_MONTHS[int(bits[1]) - 1]} {bits[0]}"
    return part or "open"
