"""The what-if panel: a case changed as the reader asks (school, priors, likelihoods, credibility,
items switched off), always on a deep copy, and weighed again with `fontes.weigh`."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import fontes
from fontes.errors import WebError
from fontes.model import Case, Evidence, School
from fontes.reason.verdict import QuestionVerdict

#: Fewer draws than the report's 4000: the panel answers while the reader types.
WHATIF_DRAWS = 1000
WHATIF_SEED = 0
#: The id of the school that carries a reader's own priors (made unique within the case).
WHATIF_SCHOOL = "what-if"

_REQUEST_KEYS = {"school", "page_school", "priors", "items", "name"}
_ITEM_KEYS = {"likelihoods", "credibility", "off"}


@dataclass(frozen=True)
class ItemChange:
    """What the reader changed about one evidence item on one question."""

    likelihoods: dict[str, float] = field(default_factory=dict)
    credibility: float | None = None
    off: bool = False


@dataclass(frozen=True)
class WhatIf:
    """A reader's changes to one question: the school (None: uniform), own priors, item changes;
    `page_school` is the school the page was drawn under, so that its status can say the school changed."""

    question: str
    school: str | None
    priors: dict[str, float] | None = None
    items: dict[str, ItemChange] = field(default_factory=dict)
    page_school: str | None = None

    def changes_nothing(self) -> bool:
        """True when only a school is chosen: the case's own verdict answers."""
        return self.priors is None and not any(
            c.off or c.likelihoods or c.credibility is not None for c in self.items.values()
        )


def parse_whatif(data: Any, case: Case, question_id: str) -> WhatIf:
    """Validate a what-if request (decoded JSON) against the case; WebError says what is wrong."""
    question = _question(case, question_id)
    if not isinstance(data, dict):
        raise WebError("a what-if request is a JSON object", hint='send {"school": ..., "items": {...}}')
    unknown = set(data) - _REQUEST_KEYS
    if unknown:
        raise WebError(f"unknown field {min(unknown)!r}", hint="use school, priors and items")
    hypotheses = question.hypothesis_ids()
    school = _school(case, data.get("school", case.default_school))
    page_school = _school(case, data["page_school"], "page_school") if "page_school" in data else school
    priors = None
    if data.get("priors") is not None:
        priors = _numbers(data["priors"], hypotheses, "priors", low=0.0, low_open=True, high=math.inf)
        missing = [h for h in hypotheses if h not in priors]
        if missing:
            raise WebError(
                f"no prior for {missing[0]!r}",
                field="priors",
                hint="give every hypothesis of the question a prior",
            )
    bearing = {
        item.id
        for item in case.evidence
        if question_id in item.bears_on or any(question_id in r.bears_on for r in item.readings.values())
    }
    raw_items = data.get("items") or {}
    if not isinstance(raw_items, dict):
        raise WebError("items is an object {item id: changes}", field="items")
    items = {}
    for item_id, raw in raw_items.items():
        if item_id not in bearing:
            raise WebError(f"no evidence item {str(item_id)[:80]!r} bears on {question_id!r}", field="items")
        items[item_id] = _item_change(raw, hypotheses, f"items.{item_id}")
    return WhatIf(question=question_id, school=school, priors=priors, items=items, page_school=page_school)


def apply_whatif(case: Case, whatif: WhatIf) -> Case:
    """A copy of `case` with the changes made; the case itself is never touched.

    Only what changes is copied (the evidence and school lists, and deep copies of the items
    the reader changed): a whole deep copy would cost more than the weighing. An item
    switched off no longer bears on the question (and leaves the case if it bore on nothing
    else); the reader's priors become a new school, which is made the default.
    """
    changed = case.model_copy()
    changed.evidence = [
        item.model_copy(deep=True) if item.id in whatif.items else item for item in case.evidence
    ]
    changed.schools = list(case.schools)
    by_id = {item.id: item for item in changed.evidence}
    for item_id, change in whatif.items.items():
        item = by_id[item_id]
        readings = [r for r in item.readings.values() if whatif.question in r.bears_on]
        if change.off:  # off for the analyst and for every school that reads it
            item.bears_on.pop(whatif.question, None)
            for reading in readings:
                del reading.bears_on[whatif.question]
            item.readings = {s: r for s, r in item.readings.items() if r.bears_on}
            continue
        # the reader's value is the item's value, whoever reads it
        item.bears_on.setdefault(whatif.question, {}).update(change.likelihoods)
        for reading in readings:
            reading.bears_on[whatif.question].update(change.likelihoods)
        if change.credibility is not None:
            item.credibility = change.credibility
    changed.evidence = [item for item in changed.evidence if item.bears_on or item.readings]
    changed.default_school = whatif.school
    if whatif.priors is not None:
        school = _whatif_school(changed, whatif)
        changed.schools.append(school)
        changed.default_school = school.id
        if whatif.school:  # the reader's priors, the chosen school's readings
            changed.evidence = [_also_read_as(item, whatif.school, school.id) for item in changed.evidence]
    return changed


def _also_read_as(item: Evidence, school: str, new_school: str) -> Evidence:
    """The item with `school`'s reading given to `new_school` too (the item itself when it has none)."""
    if school not in item.readings:
        return item
    return item.model_copy(update={"readings": {**item.readings, new_school: item.readings[school]}})


@dataclass(frozen=True)
class WhatIfResult:
    """The changed case and its question weighed again."""

    case: Case
    verdict: QuestionVerdict


def weigh_whatif(
    case: Case, whatif: WhatIf, draws: int = WHATIF_DRAWS, seed: int = WHATIF_SEED
) -> WhatIfResult:
    """The question weighed under the changes (only that question: the others are not asked)."""
    changed = apply_whatif(case, whatif)
    alone = changed.model_copy(update={"questions": [changed.question(whatif.question)]})
    verdict = fontes.weigh(alone, school=changed.default_school, draws=draws, seed=seed)
    return WhatIfResult(case=changed, verdict=verdict.questions[0])


def case_to_save(case: Case, whatif: WhatIf, new_id: str) -> Case:
    """The changed case as a new case of its own, ready for `fontes.write_case`."""
    changed = apply_whatif(case, whatif)
    changed.id = new_id
    note = f"Made in the fontes what-if panel from case {case.id!r}, question {whatif.question!r}."
    changed.description = f"{changed.description}\n\n{note}".strip()
    return changed


def verdict_json(qv: QuestionVerdict) -> dict[str, Any]:
    """A question verdict as plain JSON data, floats at full precision."""
    return qv.model_dump(mode="json")


def _question(case: Case, question_id: str):
    try:
        return case.question(question_id)
    except KeyError:
        raise WebError(f"no question {question_id[:80]!r} in this case", field="question") from None


def _school(case: Case, value: Any, where: str = "school") -> str | None:
    """A school id of the case; "" or None means no school (uniform priors)."""
    if value in (None, ""):
        return None
    if not isinstance(value, str) or value not in {s.id for s in case.schools}:
        raise WebError(
            f"no school {str(value)[:80]!r} in this case",
            field=where,
            hint="the case's schools: " + ", ".join(s.id for s in case.schools),
        )
    return value


def _item_change(raw: Any, hypotheses: list[str], where: str) -> ItemChange:
    if not isinstance(raw, dict):
        raise WebError("an item's changes are an object {likelihoods, credibility, off}", field=where)
    unknown = set(raw) - _ITEM_KEYS
    if unknown:
        raise WebError(
            f"unknown field {min(unknown)!r}", field=where, hint="use likelihoods, credibility and off"
        )
    off = raw.get("off", False)
    if not isinstance(off, bool):
        raise WebError("off is true or false", field=f"{where}.off")
    likelihoods = _numbers(
        raw.get("likelihoods") or {}, hypotheses, f"{where}.likelihoods", low=0.0, low_open=True, high=1.0
    )
    credibility = raw.get("credibility")
    if credibility is not None:
        credibility = _number(credibility, f"{where}.credibility", low=0.0, low_open=False, high=1.0)
    return ItemChange(likelihoods=likelihoods, credibility=credibility, off=off)


def _numbers(
    raw: Any, hypotheses: list[str], where: str, *, low: float, low_open: bool, high: float
) -> dict[str, float]:
    if not isinstance(raw, Mapping):
        raise WebError("expected an object {hypothesis id: number}", field=where)
    out = {}
    for hid, value in raw.items():
        if hid not in hypotheses:
            raise WebError(
                f"{str(hid)[:80]!r} is not a hypothesis of this question",
                field=where,
                hint="use one of: " + ", ".join(hypotheses),
            )
        out[hid] = _number(value, f"{where}.{hid}", low=low, low_open=low_open, high=high)
    return out


def _number(value: Any, where: str, *, low: float, low_open: bool, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise WebError(f"{str(value)[:40]!r} is not a number", field=where)
    x = float(value)
    too_low = x <= low if low_open else x < low
    if not math.isfinite(x) or too_low or x > high:
        bounds = f"{'above' if low_open else 'at least'} {low:g}" + (
            f" and at most {high:g}" if math.isfinite(high) else ""
        )
        raise WebError(f"{value!r} is out of range", field=where, hint=f"give a number {bounds}")
    return x


def _whatif_school(case: Case, whatif: WhatIf) -> School:
    """The reader's priors for this question as a school; other questions keep the chosen school's."""
    taken = {s.id for s in case.schools}
    school_id, n = WHATIF_SCHOOL, 1
    while school_id in taken:
        n += 1
        school_id = f"{WHATIF_SCHOOL}-{n}"
    base = next((s for s in case.schools if s.id == whatif.school), None)
    priors = {q: dict(p) for q, p in (base.priors.items() if base else ())}
    chosen = whatif.priors or {}  # called only when the reader gave priors
    total = sum(chosen.values())
    priors[whatif.question] = {h: p / total for h, p in chosen.items()}
    label = f"What-if priors on {whatif.question}" + (f" (else {base.label})" if base else "")
    return School(
        id=school_id,
        label=label,
        priors=priors,
        note="The reader's own priors, set in the fontes what-if panel.",
    )
