"""Chronology: which items may count for a question, given its horizon.

A question's `horizon` is the date of the decision or event whose cause it asks about. An item
about something later (its `about`, else its source's date, begins after the horizon ends) is
not evidence of that cause; a later document about earlier events still is, and is marked
retrospective.
"""

from __future__ import annotations

from dataclasses import dataclass

from fontes.dates import Edtf, parse_date
from fontes.errors import DateError, ReasonError
from fontes.model import Case, Evidence, Question


@dataclass(frozen=True)
class Placement:
    """Where an item stands against a question's horizon.

    `about` is the date used (the item's own, else its source's; None when neither is given);
    `after` means it is not counted; `retrospective` means it counts but was written later.
    """

    about: str | None
    source_date: str | None
    after: bool = False
    retrospective: bool = False


def _date(text: str | None, where: str) -> Edtf | None:
    if not text:
        return None
    try:
        return parse_date(text)
    except DateError as exc:
        raise ReasonError(exc.message, field=where, hint=exc.hint) from None


def source_date(case: Case, item: Evidence) -> str | None:
    """The date of the source the item quotes (None when unknown or undated)."""
    for source in case.sources:
        if source.id == item.source:
            return source.date
    return None


def place(case: Case, question: Question, item: Evidence) -> Placement:
    """The item against the question's horizon; without a horizon every item counts as it is."""
    written = source_date(case, item)
    about = item.about or written
    horizon = _date(question.horizon, f"question {question.id}: horizon")
    if horizon is None:
        return Placement(about=about, source_date=written)
    reported = _date(about, f"evidence {item.id}: about")
    if reported is not None and reported.earliest > horizon.latest:
        return Placement(about=about, source_date=written, after=True)
    dated = _date(written, f"evidence {item.id}: source date")
    later = dated is not None and dated.earliest > horizon.latest
    return Placement(about=about, source_date=written, retrospective=later)
