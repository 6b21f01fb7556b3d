"""The parts of a question's verdict that every view shows alike: horizon, items after it,
retrospective marks, the flip set in words, each school's leader, who holds each hypothesis,
what the interval measures, and the sources no item weighs.

The terminal, the JSON report, the HTML report and the web app all take these from here, so
they cannot say different things.
"""

from __future__ import annotations

from typing import Any

from fontes.dates import format_date
from fontes.model import Case
from fontes.reason.verdict import QuestionVerdict
from fontes.report.glossary import INTERVAL_MEASURES, P_TOP_MEANS, ach_rank_labels, odds_text

#: How many characters of a hypothesis's text its short form keeps.
SHORT_TEXT = 60


def short_text(text: str, limit: int = SHORT_TEXT) -> str:
    """The first words of a long hypothesis text, cut at a word and marked with "…"."""
    words = " ".join(text.split())
    if len(words) <= limit:
        return words
    cut = words[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:—- ")
    return cut + "…"


def flip_sentence(qv: QuestionVerdict) -> str:
    """The flip set as a student reads it: "Two readings decide this verdict: e2 (set aside), e5 (...)."."""
    words = qv.flip.words.removeprefix("none: ")  # "No set of readings …", not "None: no set …"
    sentence = words[0].upper() + words[1:]
    if not qv.flip.items:
        return sentence + "."
    named = ", ".join(f"{f.id} ({f.takes})" for f in qv.flip.items)
    return f"{sentence}: {named}."


def school_rows(case: Case, qv: QuestionVerdict, chosen: str | None) -> list[dict[str, Any]]:
    """Each school's own conclusion on the question: its leader, that leader's posterior, and how many
    items the school reads its own way here."""
    labels = {s.id: s.label for s in case.schools}
    own = {
        s.id: sum(1 for e in case.evidence if s.id in e.readings and qv.id in e.readings[s.id].bears_on)
        for s in case.schools
    }
    rows = []
    for sid, posterior in qv.schools.items():
        leader = qv.school_leaders.get(sid) or max(posterior, key=lambda h: posterior[h])
        rows.append(
            {
                "id": sid,
                "label": labels.get(sid, sid),
                "leader": leader,
                "leader_posterior": posterior[leader],
                "readings": own.get(sid, 0),
                "chosen": sid == chosen,
                "posterior": posterior,
            }
        )
    return rows


def verdict_parts(case: Case, qv: QuestionVerdict, chosen: str | None = None) -> dict[str, Any]:
    """Everything new a view shows for one question, as plain data."""
    sources = {s.id: s for s in case.sources}
    question = next((q for q in case.questions if q.id == qv.id), None)
    hypotheses = {h.id: h for h in question.hypotheses} if question else {}
    return {
        "horizon": qv.horizon,
        "horizon_text": format_date(qv.horizon) if qv.horizon else None,
        "after_horizon": [
            {
                "id": a.id,
                "source": a.source,
                "source_title": sources[a.source].title if a.source in sources else a.source,
                "why": a.why,
            }
            for a in qv.after_horizon
        ],
        "retrospective": [e.id for e in qv.evidence if e.retrospective],
        "flip": flip_sentence(qv),
        "flip_items": [{"id": f.id, "takes": f.takes} for f in qv.flip.items],
        "schools": school_rows(case, qv, chosen),
        "held_by": {h.id: "; ".join(h.held_by) for h in qv.hypotheses},
        "held_by_full": {hid: [w.label() for w in h.held_by] for hid, h in hypotheses.items()},
        "short": {h.id: short_text(h.text) for h in qv.hypotheses},
        "interval_measures": INTERVAL_MEASURES,
        "p_top_means": P_TOP_MEANS,
        "ach_rank": ach_rank_labels(qv.hypotheses),
        "overturn_odds": odds_text(qv.overturn_odds),
    }


def unweighed_sources(case: Case, store=None) -> list[dict[str, Any]]:
    """Sources in the case that no evidence item quotes, by date; with a corpus store, whether it holds each
    (None: no store to ask)."""
    from fontes.dates import sort_key

    used = {e.source for e in case.evidence}
    unused = sorted((s for s in case.sources if s.id not in used), key=lambda s: (sort_key(s.date), s.id))
    return [
        {
            "id": s.id,
            "title": s.title,
            "date": s.date,
            "in_corpus": (s.id in store) if store is not None else None,
        }
        for s in unused
    ]


def unweighed_line(entry: dict[str, Any]) -> str:
    """One unweighed source in words: "letter, A letter … (30 June 1950), not in the corpus"."""
    where = {True: "", False: ", not in the corpus", None: ""}[entry["in_corpus"]]
    return f"{entry['id']}: {entry['title']} ({format_date(entry['date'])}){where}"
