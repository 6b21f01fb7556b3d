"""The timeline as TimelineJS3 JSON: every dated event and source is a slide.

TimelineJS shows `text.headline` and `text.text` as HTML, so every piece of case text is
HTML-escaped here; links are written only for http(s) URLs. Uncertain, approximate and
ranged EDTF dates get a `display_date` in words (`April 1950 (uncertain)`), since the
date objects alone would look exact. Undated sources are left out (a slide needs a date), and
so are secondary works (articles, books): their publication dates would stretch the time bar
decades past the events, and they are no part of the record the timeline shows.
"""

from __future__ import annotations

import json
import re
from html import escape
from typing import Any

from fontes.audit.lexicon.months import ABBREVIATION_WORDS
from fontes.case.actors import display_name
from fontes.model import Case, Event, Source
from fontes.report.exports.date_parts import DateParts, date_parts

HEADLINE_CHARS = 120
DOCUMENTS_GROUP = "Documents"
EVENTS_GROUP = "Events"
_DATE_KEYS = ("year", "month", "day")

#: Source types that are later scholarship, not documents of the time.
SECONDARY_TYPES = frozenset({"article", "book", "chapter", "book chapter", "review", "thesis"})

#: Words whose full stop does not end a sentence (compared lower-case, without the stop).
ABBREVIATIONS = ABBREVIATION_WORDS | frozenset(
    {
        "a.m",
        "p.m",
        "no",
        "nos",
        "st",
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "lt",
        "col",
        "capt",
        "maj",
        "sgt",
        "adm",
        "gov",
        "sen",
        "rep",
        "amb",
        "pres",
        "prof",
        "rev",
        "jr",
        "sr",
        "u.s",
        "u.n",
        "u.s.s.r",
        "vol",
        "p",
        "pp",
        "cf",
        "ca",
        "e.g",
        "i.e",
        "etc",
        "vs",
        "fig",
        "art",
        "para",
        "ch",
    }
)
_CANDIDATE_END = re.compile(r"(\S+)[.!?][\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")


def date_object(parts: list[int]) -> dict[str, int]:
    """A TimelineJS date object, `{"year": 1950, "month": 6}`, at the parts' precision."""
    return dict(zip(_DATE_KEYS, parts))


def _dates(parts: DateParts) -> dict[str, Any]:
    slide: dict[str, Any] = {"start_date": date_object(parts.start)}
    if parts.end is not None:
        slide["end_date"] = date_object(parts.end)
    if parts.needs_words:
        slide["display_date"] = parts.display
    return slide


def _ends_sentence(word: str) -> bool:
    """Whether a full stop after `word` ends a sentence: not after an abbreviation or an initial."""
    bare = word.lstrip("\"'([").lower()
    if bare in ABBREVIATIONS:
        return False
    if len(bare) == 1 and bare.isalpha():
        return False  # an initial: "John R. Jones"
    return not re.fullmatch(r"(?:[a-z]\.)+[a-z]", bare)  # "a.m", "u.s.a"


def first_sentence(text: str) -> str:
    """The text up to its first sentence end, skipping stops after abbreviations, initials and "No."."""
    text = " ".join(text.split())
    for match in _CANDIDATE_END.finditer(text):
        if _ends_sentence(match.group(1)):
            return text[: match.end()].rstrip()
    return text


def headline_of(summary: str) -> str:
    """The first sentence of a summary, cut to HEADLINE_CHARS characters."""
    first = first_sentence(summary).rstrip(".")
    return first if len(first) <= HEADLINE_CHARS else first[: HEADLINE_CHARS - 1].rstrip() + "…"


def _link(url: str, label: str) -> str:
    if not url.startswith(("https://", "http://")):
        return escape(label)
    return f'<a href="{escape(url, quote=True)}">{escape(label)}</a>'


def _paragraph(label: str, value: str) -> str:
    return f"<p><b>{escape(label)}:</b> {value}</p>" if value else ""


def event_slide(case: Case, event: Event, parts: DateParts) -> dict[str, Any]:
    titles = {s.id: s for s in case.sources}
    sources = ", ".join(
        _link(titles[sid].url, titles[sid].title) if sid in titles else escape(sid) for sid in event.sources
    )
    actors = ", ".join(escape(display_name(case, a)) for a in event.actors)
    body = (
        f"<p>{escape(event.summary)}</p>"
        + _paragraph("Actors", actors)
        + _paragraph("Sources", sources)
        + _paragraph("Note", escape(event.note))
    )
    return {
        **_dates(parts),
        "unique_id": f"event-{event.id}",
        "text": {"headline": escape(headline_of(event.summary)), "text": body},
        "group": event.kind.capitalize() if event.kind else EVENTS_GROUP,
    }


def source_slide(case: Case, source: Source, parts: DateParts) -> dict[str, Any]:
    authors = ", ".join(escape(display_name(case, a)) for a in source.authors)
    recipients = ", ".join(escape(display_name(case, r)) for r in source.recipients)
    where = escape(", ".join(x for x in (source.archive, source.archive_ref) if x))
    body = (
        _paragraph("From", authors)
        + _paragraph("To", recipients)
        + _paragraph("Archive", where)
        + _paragraph("Type", escape(source.doc_type))
        + (f"<p>{_link(source.url, source.url)}</p>" if source.url else "")
    )
    return {
        **_dates(parts),
        "unique_id": f"source-{source.id}",
        "text": {"headline": escape(source.title), "text": body},
        "group": DOCUMENTS_GROUP,
    }


def timeline_data(case: Case) -> dict[str, Any]:
    """The TimelineJS3 data object: a title slide and the events and sources, oldest first."""
    slides: list[tuple[tuple, dict[str, Any]]] = []
    for event in case.events:
        parts = date_parts(event.date)
        if parts is not None:
            slides.append(((parts.start, 0), event_slide(case, event, parts)))
    for source in case.sources:
        if source.doc_type.strip().lower() in SECONDARY_TYPES:
            continue
        parts = date_parts(source.date)
        if parts is not None:
            slides.append(((parts.start, 1), source_slide(case, source, parts)))
    slides.sort(key=lambda pair: pair[0])
    title_text = f"<p>{escape(case.description)}</p>" if case.description else ""
    return {
        "title": {"text": {"headline": escape(case.title), "text": title_text}},
        "events": [slide for _, slide in slides],
    }


def timelinejs_json(case: Case) -> str:
    return json.dumps(timeline_data(case), ensure_ascii=False, indent=2) + "\n"
