"""The evidence cards of the HTML report: each item with its source, its words in context, its numbers.

Plain data for the template (which escapes every string); no markup is built here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fontes.dates import format_date
from fontes.model import Case, Evidence, Likelihood
from fontes.report.links import source_link

#: Characters of the source shown on either side of a quotation.
CONTEXT = 300


@dataclass(frozen=True)
class Excerpt:
    """A quotation inside its source's surrounding words: before, the quoted span, after."""

    before: str
    quoted: str
    after: str
    cut_before: bool
    cut_after: bool
    fidelity: str = "verbatim"


@dataclass
class QuestionRow:
    """What an item does on one question."""

    question: str
    weight_db: float | None
    pivotal: bool
    counted: bool
    corroborates: str | None
    likelihoods: list[dict] = field(default_factory=list)  # hypothesis, given, effective, ach
    after_horizon: str | None = None  # why it is not counted on this question (after its horizon)
    retrospective: bool = False


def excerpt_around(text: str, start: int, end: int, context: int = CONTEXT) -> Excerpt:
    """`text[start:end]` with about `context` characters either side, cut at word boundaries."""
    lo, hi = max(0, start - context), min(len(text), end + context)
    before, after = text[lo:start], text[end:hi]
    if lo > 0 and " " in before:
        before = before[before.index(" ") + 1 :]
    if hi < len(text) and " " in after:
        after = after[: after.rindex(" ")]
    return Excerpt(
        before=before, quoted=text[start:end], after=after, cut_before=lo > 0, cut_after=hi < len(text)
    )


def quote_in_source(item: Evidence, store) -> Excerpt | None:
    """The item's quotation anchored in its source in `store`; None when the store lacks the source or the words."""
    if store is None:
        return None
    from fontes.anchor.case_quotes import anchor_evidence

    anchor = anchor_evidence(item, store)
    if anchor is None or anchor.start is None or anchor.end is None:
        return None
    document = store.get(item.source)
    excerpt = excerpt_around(document.text, anchor.start, anchor.end)
    return Excerpt(**{**excerpt.__dict__, "fidelity": anchor.fidelity})


def given_likelihood(value: Likelihood) -> str:
    """A likelihood as the case gives it: `0.8`, or a range `0.3–0.7`."""
    if isinstance(value, (tuple, list)):
        return f"{value[0]:g}–{value[1]:g}"
    return f"{value:g}"


def readings_of(case: Case, item: Evidence) -> list[dict]:
    """The schools that read the item their own way: label, note, work, and the likelihoods they give."""
    labels = {s.id: s.label for s in case.schools}
    return [
        {
            "school": sid,
            "label": labels.get(sid, sid),
            "note": r.note,
            "work": r.work,
            "bears_on": {
                qid: ", ".join(f"{h} {given_likelihood(v)}" for h, v in row.items())
                for qid, row in r.bears_on.items()
            },
        }
        for sid, r in item.readings.items()
    ]


def _question_rows(case: Case, item: Evidence, weights: dict, after: dict) -> list[QuestionRow]:
    rows = []
    for qid, given in item.bears_on.items():
        weight = weights.get((qid, item.id))
        try:
            hypotheses = case.question(qid).hypothesis_ids()
        except KeyError:
            hypotheses = list(given)
        likelihoods = [
            {
                "hypothesis": hid,
                "given": given_likelihood(given[hid]) if hid in given else "even (not mentioned)",
                "effective": weight.likelihoods.get(hid) if weight else None,
                "ach": weight.ach.get(hid) if weight else None,
            }
            for hid in hypotheses
        ]
        rows.append(
            QuestionRow(
                question=qid,
                weight_db=weight.weight_db if weight else None,
                pivotal=bool(weight and weight.pivotal),
                counted=bool(weight is None or weight.counted),
                corroborates=weight.corroborates if weight else None,
                likelihoods=likelihoods,
                after_horizon=after.get((qid, item.id)),
                retrospective=bool(weight and weight.retrospective),
            )
        )
    return rows


def evidence_cards(case: Case, verdict, store=None) -> list[dict]:
    """One card per evidence item, in case order."""
    sources = {s.id: s for s in case.sources}
    weights = {(qv.id, e.id): e for qv in verdict.questions for e in qv.evidence}
    leaders = {qv.id: (qv.leader, qv.runner_up) for qv in verdict.questions}
    after = {(qv.id, a.id): a.why for qv in verdict.questions for a in qv.after_horizon}
    cards = []
    for item in case.evidence:
        source = sources.get(item.source)
        rows = _question_rows(case, item, weights, after)
        cards.append(
            {
                "id": item.id,
                "quote": item.quote,
                "excerpt": quote_in_source(item, store),
                "note": item.note,
                "group": item.group,
                "credibility": case.credibility_of(item),
                "credibility_own": item.credibility is not None,
                "source_id": item.source,
                "source_title": source.title if source else None,
                "source_date": format_date(source.date) if source else None,
                "archive": source.archive if source else "",
                "archive_ref": source.archive_ref if source else "",
                "url": source.url if source else "",
                "link": source_link(source.url) if source else None,
                "rows": rows,
                "about": format_date(item.about) if item.about else None,
                "readings": readings_of(case, item),
                "leaders": leaders,
                "questions": " ".join(r.question for r in rows),
                "pivotal_on": " ".join(r.question for r in rows if r.pivotal),
            }
        )
    return cards
