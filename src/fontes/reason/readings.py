"""Schools' readings: the likelihoods an item has under one school.

Under school s an item's `readings[s]` replaces its `bears_on`, question by question and
hypothesis by hypothesis; what the reading does not name keeps the analyst's value.
"""

from __future__ import annotations

from fontes.model import Evidence, Likelihood


def bears_on_under(item: Evidence, school_id: str | None) -> dict[str, dict[str, Likelihood]]:
    """The item's likelihoods {question: {hypothesis: L}} as school `school_id` reads it (None: the analyst)."""
    reading = item.readings.get(school_id) if school_id is not None else None
    if reading is None:
        return item.bears_on
    merged = {qid: dict(row) for qid, row in item.bears_on.items()}
    for qid, row in reading.bears_on.items():
        merged[qid] = {**merged.get(qid, {}), **row}
    return merged


def has_reading(item: Evidence, school_id: str | None, question_id: str) -> bool:
    """True when the school reads this item its own way on this question."""
    reading = item.readings.get(school_id) if school_id is not None else None
    return reading is not None and question_id in reading.bears_on
