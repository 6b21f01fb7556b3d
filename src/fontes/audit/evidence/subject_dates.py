"""When the named events of a case began, in the case's own words.

A case says it in its title, description, questions, hypotheses or event summaries: "Who started
the Korean War in June 1950?", "the outbreak of the Korean War on 25 June 1950", or an event
whose summary reads "the Berlin Blockade began." (dated by the event). Only names of events count
(a War, Conference, Crisis, Offensive, Treaty, ...), never of people, states or parties, so a work
that names one cannot be older than its start.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fontes.audit.lexicon.months import FULL_MONTH as _MONTH
from fontes.dates import parse_date_or_none
from fontes.model import Case

_EVENT_NOUNS = (
    r"(?:War|Wars|Conference|Crisis|Offensive|Counteroffensive|Campaign|Revolution|Uprising"
    r"|Rebellion|Revolt|Landing|Landings|Blockade|Airlift|Treaty|Pact|Agreement|Armistice"
    r"|Incident|Affair|Invasion|Intervention|Expedition|Summit|Speech|Airlift|Coup)"
)
_WORD = r"[A-Z][\w’'-]*"
NAMED_EVENT = (
    rf"(?:(?:Battle|Siege|Operation|Treaty|Conference)\s+(?:of\s+(?:the\s+)?)?"
    rf"{_WORD}(?:\s+{_WORD}){{0,2}}"
    rf"|(?:{_WORD}\s+){{1,4}}{_EVENT_NOUNS}\b)"
)
DATE_WORDS = (
    rf"(?:(?:early|mid|late|the\s+(?:spring|summer|autumn|winter)\s+of)[\s-]+)?"
    rf"(?:\d{{1,2}}\s+)?(?:{_MONTH}\s+)?(?:\d{{1,2}},?\s+)?(?P<year>1[5-9]\d\d|20\d\d)"
)
_STARTED = re.compile(
    rf"\b(?:started|starts|start|began|begins|begin|opened|launched|unleashed|initiated)\s+(?:the\s+)?"
    rf"(?P<name>{NAMED_EVENT})\s+(?:in|on)\s+(?P<date>{DATE_WORDS})"
)
_OUTBREAK = re.compile(
    rf"\b(?:outbreak|start|beginning|onset|opening)\s+of\s+(?:the\s+)?(?P<name>{NAMED_EVENT})"
    rf"(?:\s*,?\s+(?:in|on)\s+(?P<date>{DATE_WORDS}))?"
)
_BEGAN = re.compile(
    rf"(?P<name>{NAMED_EVENT})\s+(?:began|begins|started|starts|broke\s+out|breaks\s+out)"
    rf"(?:\s+(?:in|on)\s+(?P<date>{DATE_WORDS})|(?=\s*[.;,]))"
)


@dataclass(frozen=True)
class SubjectStart:
    """A named event, the year the case says it began, and where and in which words it says so."""

    name: str
    year: int
    where: str  # "question initiation", "event north-korean-attack-1950-06-25", "case description"
    words: str  # the case's sentence


def subject_starts(case: Case) -> list[SubjectStart]:
    """Every named event whose start the case states, earliest statement per name."""
    found: dict[str, SubjectStart] = {}
    for where, text, dated in _case_texts(case):
        for start in _starts_in(text, where, dated):
            key = start.name.lower()
            if key not in found or start.year < found[key].year:
                found[key] = start
    return sorted(found.values(), key=lambda s: (s.year, s.name))


def _case_texts(case: Case):
    """(where, text, the date of the event it describes or None) for every text of the case."""
    yield "case title", case.title, None
    yield "case description", case.description, None
    for question in case.questions:
        yield f"question {question.id}", question.text, None
        for hypothesis in question.hypotheses:
            yield f"hypothesis {question.id}/{hypothesis.id}", hypothesis.text, None
    for event in case.events:
        yield f"event {event.id}", event.summary, event.date


def _starts_in(text: str, where: str, dated: str | None):
    text = " ".join((text or "").split())
    for pattern in (_STARTED, _OUTBREAK, _BEGAN):
        for match in pattern.finditer(text):
            year = _year(match.group("date"), dated)
            if year is not None:
                name = re.sub(r"^the\s+", "", match.group("name"), flags=re.IGNORECASE)
                yield SubjectStart(name=name, year=year, where=where, words=_sentence_around(text, match))


def _year(date_words: str | None, event_date: str | None) -> int | None:
    written = re.search(r"(1[5-9]\d\d|20\d\d)", date_words) if date_words else None
    if written:
        return int(written.group(1))
    parsed = parse_date_or_none(event_date)
    return parsed.earliest.year if parsed else None


def _sentence_around(text: str, match: re.Match) -> str:
    start = max(text.rfind(". ", 0, match.start()) + 2, 0) if ". " in text[: match.start()] else 0
    end = text.find(". ", match.end())
    return text[start : end + 1 if end >= 0 else len(text)].strip()


def names_in(title: str, starts: list[SubjectStart]) -> list[SubjectStart]:
    """The named events of `starts` that a title names (whole words, any case)."""
    return [s for s in starts if re.search(rf"(?<![\w-]){re.escape(s.name)}(?![\w-])", title, re.IGNORECASE)]
