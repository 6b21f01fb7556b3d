"""The case's timeline as inline SVG: events and sources, 1945–1950, and a zoom on 1949–1950.

An exact day is a point; a month, an interval or an uncertain date is a bar, dashed when the
date is uncertain or approximate. A source that carries evidence is a filled diamond.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fontes.audit.lexicon.months import month_name
from fontes.dates import format_date, parse_date_or_none
from fontes.model import Case
from fontes.report.svg import BLUE, INK, ORANGE, document, shorten, tag, text, title

START, END = dt.date(1945, 1, 1), dt.date(1951, 1, 1)
ZOOM_START, ZOOM_END = dt.date(1949, 1, 1), dt.date(1951, 1, 1)
_MONTH_LETTERS = "JFMAMJJASOND"


@dataclass(frozen=True)
class Mark:
    """One dated thing on the timeline: an event or a source."""

    id: str
    label: str
    date: str
    earliest: dt.date
    latest: dt.date
    uncertain: bool
    kind: str  # the event's kind, or "source"
    evidence: tuple[str, ...] = ()

    @property
    def exact(self) -> bool:
        return self.earliest == self.latest

    @property
    def is_source(self) -> bool:
        return self.kind == "source"

    def tip(self) -> str:
        what = "source" if self.is_source else f"event ({self.kind or 'event'})"
        tip = f"{format_date(self.date)} — {what} {self.id}: {self.label}"
        if self.evidence:
            tip += f" — evidence: {', '.join(self.evidence)}"
        return tip


def _mark(id: str, label: str, date: str | None, kind: str, evidence: tuple[str, ...] = ()) -> Mark | None:
    d = parse_date_or_none(date)
    if d is None or date is None:
        return None
    return Mark(
        id=id,
        label=label,
        date=date,
        earliest=d.earliest,
        latest=d.latest,
        uncertain=d.uncertain or d.approximate,
        kind=kind,
        evidence=evidence,
    )


def timeline_marks(case: Case) -> tuple[list[Mark], list[Mark]]:
    """The case's events and sources as marks, each list in date order (undated ones left out)."""
    on_source: dict[str, list[str]] = {}
    for item in case.evidence:
        on_source.setdefault(item.source, []).append(item.id)
    events = [_mark(e.id, e.summary, e.date, e.kind) for e in case.events]
    sources = [_mark(s.id, s.title, s.date, "source", tuple(on_source.get(s.id, ()))) for s in case.sources]
    return (sorted((m for m in events if m), key=_in_time), sorted((m for m in sources if m), key=_in_time))


def _in_time(mark: Mark) -> tuple:
    return (mark.earliest, mark.latest, mark.id)


def short_date(mark: Mark) -> str:
    """A compact date for a label: `25 Jun`, `Jun–Jul`, with `?` when uncertain (the year is on the axis)."""
    a, b = mark.earliest, mark.latest
    first, last = month_name(a.month, short=True), month_name(b.month, short=True)
    if a == b:
        shown = f"{a.day} {first}"
    elif a.year == b.year and a.month == b.month:
        shown = (
            first
            if a.day == 1 and (b + dt.timedelta(days=1)).month != b.month
            else f"{a.day}–{b.day} {first}"
        )
    else:
        shown = f"{a.day} {first} – {b.day} {last}"
    return shown + ("?" if mark.uncertain else "")


def pack_rows(spans: list[tuple[float, float]], gap: float = 3.0) -> list[int]:
    """The sub-row of each (x_start, x_end) span so that no two in a row overlap; first fit, in order."""
    row_ends: list[float] = []
    rows = []
    for start, end in spans:
        for r, last in enumerate(row_ends):
            if start >= last + gap:
                row_ends[r] = end
                rows.append(r)
                break
        else:
            row_ends.append(end)
            rows.append(len(row_ends) - 1)
    return rows


class _Scale:
    """Days to x between two dates."""

    def __init__(self, start: dt.date, end: dt.date, x0: float, x1: float):
        self.start, self.end, self.x0, self.x1 = start, end, x0, x1
        self.per_day = (x1 - x0) / (end - start).days

    def __call__(self, day: dt.date) -> float:
        day = min(max(day, self.start), self.end)
        return self.x0 + (day - self.start).days * self.per_day

    def shows(self, mark: Mark) -> bool:
        return mark.latest >= self.start and mark.earliest < self.end

    def span(self, mark: Mark) -> tuple[float, float]:
        a = self(mark.earliest)
        b = self(mark.latest + dt.timedelta(days=1))
        return (a - 3, a + 3) if mark.exact else (a, max(b, a + 3))


def _draw(mark: Mark, scale: _Scale, y: float) -> str:
    """A point (exact day), a diamond (a source with evidence) or a bar (anything wider)."""
    tip = title(mark.tip())
    colour = ORANGE if mark.is_source else BLUE
    if mark.exact and mark.evidence:
        x = scale(mark.earliest)
        return tag(
            "path",
            tip,
            d=f"M{x:.1f},{y - 4.5:.1f} l4.5,4.5 l-4.5,4.5 l-4.5,-4.5 z",
            fill=colour,
            fill_opacity=0.45 if mark.uncertain else None,
            stroke=INK,
            stroke_width=0.7,
            stroke_dasharray="2 1.5" if mark.uncertain else None,
        )
    if mark.exact:
        fill = "#ffffff" if mark.is_source else colour
        return tag(
            "circle",
            tip,
            cx=scale(mark.earliest),
            cy=y,
            r=3.4,
            fill=fill,
            fill_opacity=0.35 if mark.uncertain else None,
            stroke=colour if mark.is_source else INK,
            stroke_width=1.3 if mark.is_source or mark.uncertain else 0.6,
            stroke_dasharray="2 1.5" if mark.uncertain else None,
        )
    a, b = scale.span(mark)
    dashed = "3 2" if mark.uncertain else None
    fill = colour if mark.evidence or not mark.is_source else "#ffffff"
    return tag(
        "rect",
        tip,
        x=a,
        y=y - 3.5,
        width=b - a,
        height=7.0,
        rx=1.5,
        fill=fill,
        fill_opacity=0.35 if mark.uncertain else 0.75,
        stroke=INK if not mark.is_source else colour,
        stroke_width=1.1,
        stroke_dasharray=dashed,
    )


def _year_axis(scale: _Scale, top: float, bottom: float) -> str:
    parts = []
    for year in range(scale.start.year, scale.end.year + 1):
        for month in (1, 4, 7, 10):
            day = dt.date(year, month, 1)
            if scale.start <= day <= scale.end:
                x = scale(day)
                strong = month == 1
                parts.append(
                    tag("line", x1=x, x2=x, y1=top, y2=bottom, stroke="#bdbdbd" if strong else "#ececec")
                )
                if strong and day < scale.end:
                    parts.append(text(x + 4, bottom + 14, str(year), font_size=12, font_weight="bold"))
    return "".join(parts)


def _month_axis(scale: _Scale, top: float, bottom: float) -> str:
    parts = []
    day = scale.start
    while day < scale.end:
        x, nxt = scale(day), dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        parts.append(
            tag("line", x1=x, x2=x, y1=top, y2=bottom, stroke="#bdbdbd" if day.month == 1 else "#ececec")
        )
        middle = (x + scale(nxt)) / 2
        lettered = scale(nxt) - x >= 12 or day.month % 3 == 1  # a narrow chart: J, A, J, O only
        for y_label in (top - 4, bottom + 13) if lettered else ():
            parts.append(
                text(
                    middle,
                    y_label,
                    _MONTH_LETTERS[day.month - 1],
                    text_anchor="middle",
                    font_size=10,
                    fill="#555",
                )
            )
        if day.month == 1:
            parts.append(text(x + 3, bottom + 27, str(day.year), font_size=12, font_weight="bold"))
        day = nxt
    return "".join(parts)


def _lane(marks: list[Mark], scale: _Scale, top: float, pitch: float) -> tuple[str, float]:
    shown = [m for m in marks if scale.shows(m)]
    rows = pack_rows([scale.span(m) for m in shown])
    body = "".join(_draw(m, scale, top + pitch * (r + 0.5)) for m, r in zip(shown, rows))
    return body, pitch * (max(rows, default=0) + 1)


#: The colour of a question's horizon line.
HORIZON = "#b71c1c"


def horizon_marks(case: Case) -> list[tuple[str, dt.date, str]]:
    """(question id, the horizon's last day, the horizon in words) for every question that states one."""
    marks = []
    for q in case.questions:
        d = parse_date_or_none(q.horizon)
        if d is not None:
            marks.append((q.id, d.latest, format_date(q.horizon)))
    return marks


def _horizons(case: Case, scale: _Scale, top: float, bottom: float, *, labels: bool = True) -> str:
    """A dashed red line at each question's horizon, labelled with the question's id unless the
    chart is too narrow for the labels to stand apart (the line's tooltip still names it)."""
    parts = []
    for qid, day, words in horizon_marks(case):
        if not scale.start <= day < scale.end:
            continue
        x = scale(day + dt.timedelta(days=1))  # the end of its last day
        tip = title(f"horizon of {qid}: {words}; items about later events are not counted for it")
        parts.append(
            tag(
                "line",
                tip,
                x1=x,
                x2=x,
                y1=top,
                y2=bottom,
                stroke=HORIZON,
                stroke_width=1.4,
                stroke_dasharray="4 3",
            )
        )
        if labels:
            parts.append(
                text(
                    x + 2,
                    bottom + 10,
                    f"⟂ {qid}",
                    font_size=9.5,
                    fill=HORIZON,
                    tip=f"horizon of {qid}: {words}",
                )
            )
    return "".join(parts)


def _legend(y: float, width: float) -> tuple[str, float]:
    """The key to the marks, wrapped to `width`; the SVG and the baseline of its last line."""
    items = [
        (tag("circle", cx=6, cy=-4, r=3.2, fill=BLUE, stroke=INK, stroke_width=0.6), "event on a known day"),
        (
            tag("rect", x=0, y=-7.5, width=16, height=7, fill=BLUE, fill_opacity=0.75, stroke=INK),
            "event over a span",
        ),
        (
            tag(
                "rect",
                x=0,
                y=-7.5,
                width=16,
                height=7,
                fill=BLUE,
                fill_opacity=0.35,
                stroke=INK,
                stroke_dasharray="3 2",
            ),
            "dashed: uncertain or approximate date",
        ),
        (tag("circle", cx=6, cy=-4, r=3.2, fill="#ffffff", stroke=ORANGE, stroke_width=1.3), "source"),
        (
            tag(
                "path", d="M6,-8.5 l4.5,4.5 l-4.5,4.5 l-4.5,-4.5 z", fill=ORANGE, stroke=INK, stroke_width=0.7
            ),
            "source with evidence",
        ),
        (
            tag("line", x1=6, x2=6, y1=-10, y2=2, stroke=HORIZON, stroke_width=1.4, stroke_dasharray="4 3"),
            "a question's horizon",
        ),
    ]
    parts, x = [], 0.0
    for symbol, words in items:
        step = 28 + 6.2 * len(words)
        if x and x + step - 8 > width:  # the next line rather than past the edge
            x, y = 0.0, y + 18
        parts.append(f'<g transform="translate({x:.0f},{y:.0f})">{symbol}</g>')
        parts.append(text(x + 20, y, words, font_size=11))
        x += step
    return "".join(parts), y


#: The drawn width of the charts on a desktop, and of their phone versions (fewer labels, same sizes).
WIDE, NARROW = 960.0, 360.0


def timeline_chart(case: Case, width: float = WIDE) -> str:
    """The whole period, one lane of events and one of sources, each packed so that marks do not overlap.

    Narrower than 600 (a phone's version) the horizons go unlabelled and the long notes are cut
    shorter; every text keeps its size.
    """
    events, sources = timeline_marks(case)
    narrow = width < 600
    x0, x1 = (60.0 if narrow else 80.0), width - 10
    scale = _Scale(START, END, x0, x1)
    top = 30.0
    event_body, event_h = _lane(events, scale, top, 9.0)
    source_top = top + event_h + 14
    source_body, source_h = _lane(sources, scale, source_top, 9.0)
    bottom = source_top + source_h
    zoom_words = (
        text(x1, top - 12, "1949–1950: zoomed below", font_size=11, fill="#555", text_anchor="end")
        if narrow
        else text(scale(ZOOM_START) + 4, top - 12, "1949–1950: zoomed below", font_size=11, fill="#555")
    )
    zoom = (
        tag(
            "rect",
            x=scale(ZOOM_START),
            y=top - 8,
            width=scale(ZOOM_END) - scale(ZOOM_START),
            height=bottom - top + 8,
            fill="#f3f3f3",
        )
        + zoom_words
    )
    parts = [
        zoom,
        _year_axis(scale, top - 8, bottom),
        text(x0 - 8, top + event_h / 2 + 4, "events", text_anchor="end", font_weight="bold"),
        text(x0 - 8, source_top + source_h / 2 + 4, "sources", text_anchor="end", font_weight="bold"),
        tag("line", x1=x0, x2=x1, y1=source_top - 7, y2=source_top - 7, stroke="#9e9e9e"),
        event_body,
        source_body,
        _horizons(case, scale, top - 8, bottom, labels=not narrow),
    ]
    outside = [m for m in sources + events if not scale.shows(m)]
    y = bottom + 40
    if outside:
        names = ", ".join(f"{m.id} ({format_date(m.date)})" for m in outside)
        parts.append(
            text(
                0,
                y,
                shorten(f"Not drawn, dated outside 1945–1950: {names}", int(width / 6)),
                font_size=11,
                fill="#555",
                tip=names,
            )
        )
        y += 22
    legend, y = _legend(y, width)
    parts.append(legend)
    label = f"Timeline of {case.title}, 1945–1950"
    description = f"{len(events)} events and {len(sources)} dated sources, by date"
    kind = "timeline-narrow" if narrow else "timeline"
    return document(kind, width, y + 10, label, "".join(parts), description=description)


def timeline_zoom_chart(case: Case, width: float = WIDE) -> str:
    """1949–1950 month by month: the sources packed at the top, then one labelled row per event.

    Narrower than 600 (a phone's version) the event labels are cut shorter, the dates beside the
    marks, the horizons' labels and two month letters in three are left out; every text keeps its size.
    """
    events, sources = timeline_marks(case)
    narrow = width < 600
    x0, x1 = (width * 0.5 if narrow else 372.0), width - 10
    label_chars = int((x0 - 8) / 7) if narrow else 58  # about 7 px a character at 11 px
    scale = _Scale(ZOOM_START, ZOOM_END, x0, x1)
    top = 36.0
    source_body, source_h = _lane(sources, scale, top, 9.0)
    shown = [m for m in events if scale.shows(m)]
    pitch = 16.0
    rows_top = top + source_h + 16
    bottom = rows_top + pitch * len(shown)
    stripes = [
        tag("rect", x=0, y=rows_top + pitch * i, width=x1, height=pitch, fill="#f5f5f5")
        for i in range(1, len(shown), 2)
    ]
    parts = [
        *stripes,
        _month_axis(scale, top - 18, bottom),
        text(
            x0 - 8,
            top + source_h / 2 + 4,
            f"sources ({sum(scale.shows(m) for m in sources)})",
            text_anchor="end",
            font_weight="bold",
        ),
        source_body,
        tag("line", x1=0, x2=x1, y1=rows_top - 8, y2=rows_top - 8, stroke="#9e9e9e"),
    ]
    for i, m in enumerate(shown):
        y = rows_top + pitch * (i + 0.5)
        parts.append(
            text(
                x0 - 8,
                y + 4,
                shorten(m.label, label_chars),
                text_anchor="end",
                font_size=11,
                tip=m.tip(),
            )
        )
        parts.append(_draw(m, scale, y))
        if narrow:
            continue
        a, b = scale.span(m)
        when = short_date(m)
        if b + 6 + 5.5 * len(when) < x1:
            parts.append(text(b + 5, y + 3.5, when, font_size=9.5, fill="#555"))
        else:
            parts.append(text(a - 5, y + 3.5, when, font_size=9.5, fill="#555", text_anchor="end"))
    parts.append(_horizons(case, scale, top - 18, bottom, labels=not narrow))
    legend, end = _legend(bottom + 48, width)
    parts.append(legend)
    label = f"Timeline of {case.title}, zoomed on 1949–1950"
    description = (
        f"{len(shown)} events of 1949–1950, one row each in date order, under the sources of those years"
    )
    kind = "timeline-zoom-narrow" if narrow else "timeline-zoom"
    return document(kind, width, end + 10, label, "".join(parts), description=description)
