"""Which knowledge an audit uses: the case asked for, the built-in case when the essay's subject is
its subject, or only the corpus and the essay. Nothing about one subject is assumed for another.

The built-in case is chosen without being asked only when the essay's own dated years fall inside
the case's timeline and the essay names several of the case's people (one fewer when every dated
year falls inside it); the report then says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fontes.audit.lexicon.months import MONTH_NAMES
from fontes.audit.reading.essay import Essay
from fontes.model import Case

#: How many of the case's people an essay must name for its subject to be the case's.
MATCHING_ACTORS = 3
#: The share of the essay's dated years that must fall inside the case's timeline.
MATCHING_YEARS = 0.6
#: How many years either side of the case's dated records still count as its timeline.
YEARS_AROUND = 1

_YEAR = re.compile(r"(?<![\d.,/-])(1[5-9]\d\d|20\d\d)(?![\d.,/-]\d|['’]?s\b)")
_CITED_BY = re.compile(r"([A-Z][\w'’-]+)(?:\s+et\s+al\.?)?,?\s+$")
#: A dateline of the text itself ("Posted 12 March 2021", "Last updated", "© 2019"): it dates the
#: page, not its subject.
_DATELINE = re.compile(
    r"(?:\b(?:posted|published|updated|modified|copyright)\b|©)[^\n.]{0,60}$", re.IGNORECASE
)
_MONTHS = {m.casefold() for m in MONTH_NAMES} | {"of", "in", "since", "until", "by"}
_WORD = re.compile(r"[A-Za-zÀ-ÿ'’-]+")


@dataclass(frozen=True)
class Knowledge:
    """The case the audit uses (empty when none) and the words the report opens with."""

    case: Case
    label: str


def no_case() -> Case:
    """A case that knows nothing: the audit then learns only from the corpus and the essay."""
    return Case(id="corpus", title="The corpus and the essay only", questions=[])


def label_for(case: Case, has_corpus: bool, reason: str = "asked") -> str:
    """The report's first words about its knowledge: "corpus", "neither" or "case <id> (<reason>)"."""
    if not case.actors and not case.sources and not case.events:
        return "corpus" if has_corpus else "neither"
    return f"case {case.id} ({reason})"


def choose_knowledge(
    essay_text: str, asked: Case | None, builtin: Case | None, has_corpus: bool
) -> Knowledge:
    """The case asked for; else `builtin` when the essay's subject matches it; else no case."""
    if asked is not None:
        return Knowledge(asked, label_for(asked, has_corpus, "asked"))
    if builtin is not None and subject_matches(essay_text, builtin):
        return Knowledge(builtin, label_for(builtin, has_corpus, "chosen: the essay's subject matches it"))
    empty = no_case()
    return Knowledge(empty, label_for(empty, has_corpus))


def timeline_years(case: Case) -> tuple[int, int] | None:
    """The first and last year of the case's dated events (of its sources when it has no events),
    widened by YEARS_AROUND: the years the case is about, not those of the works on it."""
    dates: list[str | None] = [e.date for e in case.events] or [s.date for s in case.sources]
    years = [int(m.group(0)) for date in dates if date for m in [re.match(r"\d{4}", date)] if m]
    if not years:
        return None
    return min(years) - YEARS_AROUND, max(years) + YEARS_AROUND


def essay_years(text: str) -> list[int]:
    """The years the essay dates things by (four-digit numbers that read as years), leaving out
    author-date citations ("Weathersby 1993") and the page's own dateline ("Posted 12 March
    2021"), which date a work and not the subject, and decades ("released in the 1990s"), which
    place a thing loosely rather than date it."""
    years = []
    for m in _YEAR.finditer(text):
        before = _CITED_BY.search(text[max(0, m.start() - 40) : m.start()])
        if before and before.group(1).casefold() not in _MONTHS:
            continue
        if _DATELINE.search(text, max(0, m.start() - 80), m.start()):
            continue
        years.append(int(m.group(1)))
    return years


def named_actors(text: str, case: Case) -> set[str]:
    """The ids of the case's people whose full name, an alias or family name the essay writes as a word."""
    words = {re.sub(r"['’]s$", "", w).strip("'’-").casefold() for w in _WORD.findall(text)}
    folded = " ".join(text.split()).casefold()
    named = set()
    for actor in case.actors:
        for spelling in actor.names():
            parts = spelling.split()
            family = parts[-1].strip(".,").casefold() if parts else ""
            whole = re.search(rf"(?<!\w){re.escape(spelling.casefold())}(?!\w)", folded)
            if whole or (
                len(family) > 3 and family[:1].isalpha() and family in words and _capitalised(text, family)
            ):
                named.add(actor.id)
                break
    return named


def _capitalised(text: str, word: str) -> bool:
    """The word occurs with a capital letter (a name, not an ordinary word)."""
    return re.search(rf"(?<!\w){re.escape(word[:1].upper() + word[1:])}(?!\w)", text) is not None


def subject_matches(text: str, case: Case) -> bool:
    """True when the essay's dated years mostly fall inside the case's timeline and it names several
    of the case's people."""
    span = timeline_years(case)
    years = essay_years(text)
    if span is None:
        return False
    inside = sum(span[0] <= y <= span[1] for y in years)
    if years and inside / len(years) < MATCHING_YEARS:
        return False  # an essay without a year is judged by the people it names alone
    named = len(named_actors(text, case))
    if years and inside == len(years):
        return named >= MATCHING_ACTORS - 1  # every dated year in the case's timeline: fewer people suffice
    return named >= MATCHING_ACTORS


def body_text(essay: Essay) -> str:
    """The essay's paragraphs outside its headings and reference list (where its subject is dated)."""
    return "\n".join(p.text for p in essay.paragraphs if not p.heading)
