"""The report as JSON: the versioned `fontes.report/1` contract."""

from __future__ import annotations

from typing import Any

from fontes.model import Case
from fontes.report.verdict_views import INTERVAL_MEASURES, flip_sentence, unweighed_sources

SCHEMA = "fontes.report/1"


def _round(x: float, digits: int = 6) -> float:
    return round(float(x), digits)


def report_data(case: Case, verdict, store=None) -> dict[str, Any]:
    """The report of a weighed case as plain data (the fields of the contract, and a few more).

    With a corpus `store`, each unweighed source says whether the corpus holds it.
    """
    titles = {s.id: s for s in case.sources}
    questions = []
    for qv in verdict.questions:
        questions.append(
            {
                "id": qv.id,
                "text": qv.text,
                "leader": qv.leader,
                "runner_up": qv.runner_up,
                "overturn_odds": _round(qv.overturn_odds),
                "horizon": qv.horizon,
                "after_horizon": [
                    {"id": a.id, "source": a.source, "about": a.about, "why": a.why} for a in qv.after_horizon
                ],
                "flip": {
                    "count": qv.flip.count,
                    "words": flip_sentence(qv),
                    "log_odds": _round(qv.flip.log_odds),
                    "items": [
                        {"id": f.id, "takes": f.takes, "swing": _round(f.swing)} for f in qv.flip.items
                    ],
                },
                "school_leaders": dict(qv.school_leaders),
                "ach_ranking": list(qv.ach_ranking),
                "hypotheses": [
                    {
                        "id": h.id,
                        "text": h.text,
                        "prior": _round(h.prior),
                        "posterior": _round(h.posterior),
                        "median": _round(h.median),
                        "interval": [_round(h.interval[0]), _round(h.interval[1])],
                        "p_top": _round(h.p_top),
                        "ach_inconsistency": _round(h.ach_inconsistency),
                        "ach_rank": h.ach_rank,
                        "held_by": list(h.held_by),
                    }
                    for h in qv.hypotheses
                ],
                "evidence": [
                    {
                        "id": e.id,
                        "source": e.source,
                        "source_title": titles[e.source].title if e.source in titles else None,
                        "source_date": titles[e.source].date if e.source in titles else None,
                        "weight_db": _round(e.weight_db, 4),
                        "delta_log_odds": _round(e.delta_log_odds),
                        "pivotal": e.pivotal,
                        "counted": e.counted,
                        "corroborates": e.corroborates,
                        "credibility": _round(e.credibility),
                        "diagnosticity": _round(e.diagnosticity),
                        "ach": dict(e.ach),
                        "about": e.about,
                        "retrospective": e.retrospective,
                        "reading": e.reading,
                    }
                    for e in qv.evidence
                ],
                "schools": {sid: {h: _round(p) for h, p in post.items()} for sid, post in qv.schools.items()},
            }
        )
    return {
        "schema": SCHEMA,
        "case": verdict.case,
        "title": verdict.title,
        "school": verdict.school,
        "draws": verdict.draws,
        "seed": verdict.seed,
        "interval_measures": INTERVAL_MEASURES,
        "questions": questions,
        "unweighed_sources": unweighed_sources(case, store),
    }
