"""Date expressions in an essay's sentences, with a missing year taken carefully from nearby dates.

"On 12 June", "on March 7, 1949", "September 24", "in mid-August", "the spring of 1950",
"March–April": each becomes a `DateMention` with its earliest and latest day. A year the essay
leaves out is taken from the same sentence, else from the paragraph, else from the paragraphs
before it in the same section, else from the section's heading or the essay's title; the mention
then says so (`year_given` is False), and when the day falls before the last date read in that
year, the next year stays possible too. A year alone written after a date of its sentence dates a
clause of its own ("On 28 September Clubb wrote that the divisions had moved in 1949"): it gives
neither that date nor the sentences after it a year.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from fontes.audit.lexicon.months import MONTH_NUMBER as _MONTH_NUMBER
from fontes.audit.lexicon.months import MONTH_WITH_STOP as _MONTH
from fontes.audit.reading.essay import Essay, Sentence

#: A month written as a date writes it: capitalised ("May", never "may"), optionally abbreviated.
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_DASH = r"\s*[-–—]\s*"
_PART = r"(?:early|mid|late|the\s+beginning\s+of|the\s+middle\s+of|the\s+end\s+of|end\s+of|beginning\s+of)"
_SEASON = r"(?:spring|summer|autumn|fall|winter)"

_PATTERNS = [
    # 12 June 1950, 12 June, 5th of March 1949, 24-25 June 1950
    (
        "day",
        re.compile(
            rf"\b(?P<day>{_DAY})(?:{_DASH}(?P<day2>{_DAY}))?\s+(?:of\s+)?(?P<month>{_MONTH})"
            rf"(?:,?\s+(?P<year>{_YEAR}))?\b"
        ),
    ),
    # March 7, 1949; September 24; June 24-25, 1950
    (
        "day",
        re.compile(
            rf"\b(?P<month>{_MONTH})\s+(?P<day>{_DAY})(?:{_DASH}(?P<day2>{_DAY}))?\b"
            rf"(?:,?\s+(?P<year>{_YEAR})\b)?"
        ),
    ),
    # mid-August, early October 1950, the end of March
    ("part", re.compile(rf"\b(?P<part>(?i:{_PART}))[-\s]+(?P<month>{_MONTH})(?:,?\s+(?P<year>{_YEAR}))?\b")),
    # March–April, March-April 1950
    ("months", re.compile(rf"\b(?P<month>{_MONTH}){_DASH}(?P<month2>{_MONTH})(?:,?\s+(?P<year>{_YEAR}))?\b")),
    # the spring of 1950, summer 1949
    ("season", re.compile(rf"\b(?P<season>(?i:{_SEASON}))\s+(?:of\s+)?(?P<year>{_YEAR})\b")),
    # in April, of April 1950, during October
    (
        "month",
        re.compile(
            rf"\b(?:in|of|during|early|late|by|since|until|from)\s+(?P<month>{_MONTH})"
            rf"(?:,?\s+(?P<year>{_YEAR}))?\b"
        ),
    ),
    # ISO days: 1950-10-09
    ("iso", re.compile(rf"\b(?P<year>{_YEAR})-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])\b")),
]
_YEAR_ALONE = re.compile(rf"(?<!\d)(?<!\d[,.])\b(?P<year>{_YEAR})\b(?!\d|[,.]\d)")

#: Words just before a date that make it a bound, not the day of the thing described.
_BOUND_WORDS = re.compile(
    r"\b(?:by|before|after|until|till|since|from|through|prior\s+to|no\s+later\s+than|"
    r"not\s+until|up\s+to|ending|ended|beginning|starting)\s+(?:on\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMention:
    """A date expression of the essay: its words, where they are, and the days it can mean."""

    text: str
    start: int
    end: int
    earliest: dt.date | None  # None when no year could be found
    latest: dt.date | None
    precision: str  # day, part (mid-August), months (March–April), month, season, year
    year_given: bool  # the essay wrote the year; False when it was taken from nearby dates
    other_years: tuple[int, ...] = ()  # further years the context leaves possible
    bound: bool = False  # "by 3 October", "before June": a limit, not the day of the event
    month: int | None = None
    day: int | None = None

    @property
    def resolved(self) -> bool:
        return self.earliest is not None

    @property
    def is_day(self) -> bool:
        return self.precision == "day" and self.resolved and self.earliest == self.latest

    @property
    def span(self) -> tuple[dt.date, dt.date]:
        """The first and last day of a resolved mention (checks read only those)."""
        if self.earliest is None or self.latest is None:
            raise ValueError(f"the date {self.text!r} has no year, so no days")
        return self.earliest, self.latest

    def shifted(self, year: int) -> tuple[dt.date, dt.date] | None:
        """The same days in another year (for a year the context leaves possible)."""
        if self.earliest is None or self.latest is None:
            return None
        try:
            return self.earliest.replace(year=year), self.latest.replace(
                year=year + (self.latest.year - self.earliest.year)
            )
        except ValueError:  # 29 February
            return None


@dataclass
class _Raw:
    kind: str
    start: int
    end: int
    text: str
    groups: dict[str, str | None] = field(default_factory=dict)


def _month(word: str | None) -> int | None:
    if not word:
        return None
    key = word.lower().rstrip(".")
    return _MONTH_NUMBER.get(key) or _MONTH_NUMBER.get(key[:3])


def _day(word: str | None) -> int | None:
    digits = re.match(r"\d+", word) if word else None
    return int(digits.group()) if digits else None


_PRIORITY = {"day": 0, "iso": 0, "part": 1, "months": 2, "season": 3, "month": 4}


def _raw_dates(text: str) -> list[_Raw]:
    """Every date expression of a text; where two overlap, a day wins over a month ("of May 2")."""
    found: list[_Raw] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            found.append(_Raw(kind, m.start(), m.end(), m.group(), m.groupdict()))
    found.sort(key=lambda r: (_PRIORITY[r.kind], -(r.end - r.start), r.start))
    kept: list[_Raw] = []
    for raw in found:
        if any(raw.start < k.end and k.start < raw.end for k in kept):
            continue
        kept.append(raw)
    return sorted(kept, key=lambda r: r.start)


def explicit_years(text: str) -> list[tuple[int, int]]:
    """(offset, year) of every year written in a text, dates' years included."""
    return [(m.start(), int(m.group("year"))) for m in _YEAR_ALONE.finditer(text)]


_Bounds = tuple[dt.date, dt.date, str, int | None, int | None]
_SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}


def _last_of(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _bounds(raw: _Raw, year: int) -> _Bounds | None:
    """The first and last day a date expression means in a year; None when it names no real day."""
    g = raw.groups
    if raw.kind == "season":
        return _season_bounds(g.get("season") or "", year)
    iso_month = g.get("month") if raw.kind == "iso" else None
    month = int(iso_month) if iso_month else _month(g.get("month"))
    if month is None:
        return None
    try:
        if raw.kind in ("day", "iso"):
            return _day_bounds(_day(g.get("day")), _day(g.get("day2")), year, month)
        if raw.kind == "part":
            return _part_bounds((g.get("part") or "").lower(), year, month)
        if raw.kind == "months":
            month2 = _month(g.get("month2"))
            if month2 is None or month2 < month:
                return None
            return dt.date(year, month, 1), _last_of(year, month2), "months", month, None
        if raw.kind == "month":
            return dt.date(year, month, 1), _last_of(year, month), "month", month, None
    except ValueError:  # 31 June, a year out of range
        return None
    return None


def _day_bounds(day: int | None, day2: int | None, year: int, month: int) -> _Bounds | None:
    if day is None:
        return None
    first = dt.date(year, month, day)
    last = dt.date(year, month, day2) if day2 and day2 > day else first
    return first, last, "day", month, day


def _part_bounds(part: str, year: int, month: int) -> _Bounds:
    if part.startswith("early") or "beginning" in part:
        span = (1, 10)
    elif part.startswith("mid") or "middle" in part:
        span = (11, 20)
    else:
        span = (21, calendar.monthrange(year, month)[1])
    return dt.date(year, month, span[0]), dt.date(year, month, span[1]), "part", month, None


def _season_bounds(season: str, year: int) -> _Bounds:
    months = _SEASON_MONTHS.get(season.lower())
    if months is None:  # winter: December of the year before to February
        return dt.date(year - 1, 12, 1), dt.date(year, 2, 28), "season", None, None
    return dt.date(year, months[0], 1), _last_of(year, months[1]), "season", None, None


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def sentence_dates(essay: Essay) -> dict[tuple[int, int], list[DateMention]]:
    """The date mentions of every body sentence, keyed by (paragraph index, sentence index).

    Dates inside the essay's quotations are the source's words and are left out. A year is
    carried from one paragraph to the next within a section; a heading starts its section with the
    year it writes, else with the one year of the essay's title ("..., September–October 1950").
    """
    result: dict[tuple[int, int], list[DateMention]] = {}
    carried: int | None = None  # the last year the essay wrote, in this section
    last_day: dt.date | None = None  # the last date read, to notice a turn of the year
    title_year: int | None = None
    title = next((p for p in essay.paragraphs if p.heading), None)
    title_years = {y for _, y in explicit_years(title.text)} if title is not None else set()
    if len(title_years) == 1:
        title_year = title_years.pop()
    for paragraph in essay.paragraphs:
        if paragraph.heading:
            years = [y for _, y in explicit_years(paragraph.text)]
            carried, last_day = (years[-1] if years else title_year), None
            continue
        for sentence in paragraph.sentences:
            mentions, carried, last_day = _read_sentence(essay, sentence, carried, last_day)
            result[(paragraph.index, sentence.index)] = mentions
    return result


def _read_sentence(
    essay: Essay, sentence: Sentence, carried: int | None, last_day: dt.date | None
) -> tuple[list[DateMention], int | None, dt.date | None]:
    """A sentence's date mentions, and the year and last day it leaves to the sentences after it."""
    text = sentence.text
    quoted = [(q.start - sentence.start, q.end - sentence.start) for q in sentence.quotations]
    years_here = [(o, y) for o, y in explicit_years(text) if not _inside(o, o + 4, quoted)]
    raws = [raw for raw in _raw_dates(text) if not _inside(raw.start, raw.end, quoted)]
    in_dates = [(raw.start, raw.end) for raw in raws if raw.groups.get("year")]
    bare = [(o, y) for o, y in years_here if not _inside(o, o + 4, in_dates)]
    mentions: list[DateMention] = []
    for raw in raws:
        bound = (
            bool(_BOUND_WORDS.search(text[: raw.start]))
            or raw.kind == "month"
            and re.match(r"(?:by|since|until|from)\b", raw.text, re.IGNORECASE) is not None
        )
        dating = [(o, y) for o, y in years_here if (o, y) not in bare or o < raw.start]
        year, given, others = _year_of(raw, dating, carried, last_day)
        bounds = _bounds(raw, year) if year is not None else None
        if year is not None and bounds is None:
            continue  # not a real day (31 June): not a date
        earliest, latest, precision, month, day = bounds if bounds else _unresolved(raw)
        mention = DateMention(
            text=raw.text,
            start=sentence.start + raw.start,
            end=sentence.start + raw.end,
            earliest=earliest,
            latest=latest,
            precision=precision,
            year_given=given,
            other_years=others,
            bound=bound,
            month=month,
            day=day,
        )
        mentions.append(mention)
        if earliest is not None and precision in ("day", "part") and not bound:
            last_day = earliest
    first_date = min((raw.start for raw in raws), default=len(text))
    setting = [(o, y) for o, y in years_here if (o, y) not in bare or o < first_date]
    if setting:
        carried = setting[-1][1]
    for m in mentions:
        if m.year_given and m.earliest:
            carried = m.earliest.year
    return mentions, carried, last_day


def _year_of(
    raw: _Raw, years_here: list[tuple[int, int]], carried: int | None, last_day: dt.date | None
) -> tuple[int | None, bool, tuple[int, ...]]:
    """The year of a date expression, whether the essay wrote it, and the further years left open:
    a day before the last one read in that year may fall in the next."""
    written = raw.groups.get("year")
    if written:
        return int(written), True, ()
    year, others = _nearby_year(raw.start, years_here, carried)
    if year is None or last_day is None or year != last_day.year or raw.kind not in ("day", "part"):
        return year, False, others
    month = _month(raw.groups.get("month"))
    day = _day(raw.groups.get("day")) or 1
    if month and (month, day) < (last_day.month, last_day.day):
        others = (year + 1,)
    return year, False, others


def _unresolved(raw: _Raw) -> tuple[None, None, str, int | None, int | None]:
    """What a date expression without a year still says: its precision, month and day."""
    precision = {"iso": "day"}.get(raw.kind, raw.kind)
    day = _day(raw.groups.get("day")) if raw.kind == "day" else None
    return None, None, precision, _month(raw.groups.get("month")), day


def _nearby_year(
    offset: int, years_here: list[tuple[int, int]], carried: int | None
) -> tuple[int | None, tuple[int, ...]]:
    """The year nearest a yearless date: the sentence's own, else the one carried from before."""
    if years_here:
        nearest = min(years_here, key=lambda oy: abs(oy[0] - offset))
        return nearest[1], ()
    return carried, ()
