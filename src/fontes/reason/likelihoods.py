"""The items bearing on one question and their likelihoods P(item | hypothesis).

Ranges stay as (low, high) bounds, so the exact posterior can use their geometric
midpoint and the uncertainty draws can sample them; credibility mixing lives here too.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from fontes.errors import ReasonError
from fontes.model import DEFAULT_LIKELIHOOD, Case, Evidence, Likelihood, Question
from fontes.reason.horizon import Placement, place
from fontes.reason.readings import bears_on_under


@dataclass(frozen=True)
class QuestionLikelihoods:
    """One question's bearing items (case order) with bounds and credibilities, as `school` reads them.

    `low` and `high` are shaped (items, hypotheses), equal where a point was given. Items after
    the question's horizon are not among `items`: they are in `after_horizon`, with their places.
    """

    question: Question
    items: tuple[Evidence, ...]
    low: np.ndarray
    high: np.ndarray
    credibility: np.ndarray
    school: str | None = None
    placements: tuple[Placement, ...] = ()
    after_horizon: tuple[tuple[Evidence, Placement], ...] = ()

    @property
    def hypothesis_ids(self) -> list[str]:
        return self.question.hypothesis_ids()

    def midpoint(self) -> np.ndarray:
        """Each likelihood as one number: a point as given, a range at its geometric midpoint."""
        return geometric_midpoint(self.low, self.high)

    def effective_midpoint(self) -> np.ndarray:
        """The midpoint likelihoods after credibility mixing: the L' of the exact posterior."""
        return mix_credibility(self.midpoint(), self.credibility)

    def without(self, index: int) -> QuestionLikelihoods:
        """The same question with item `index` dropped (for sensitivity)."""
        keep = np.arange(len(self.items)) != index
        return QuestionLikelihoods(
            question=self.question,
            items=tuple(item for j, item in enumerate(self.items) if keep[j]),
            low=self.low[keep],
            high=self.high[keep],
            credibility=self.credibility[keep],
            school=self.school,
            placements=tuple(p for j, p in enumerate(self.placements) if keep[j]),
            after_horizon=self.after_horizon,
        )


def find_question(case: Case, question_id: str) -> Question:
    """The case's question with this id, or a ReasonError naming the known ones."""
    for question in case.questions:
        if question.id == question_id:
            return question
    known = ", ".join(q.id for q in case.questions) or "none"
    raise ReasonError(
        f"unknown question {question_id!r}", field="question", hint=f"the case's questions are: {known}"
    )


def geometric_midpoint(low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """sqrt(low·high), exactly `low` where the bounds coincide."""
    return np.where(low == high, low, np.sqrt(low * high))


def mix_credibility(likelihoods: np.ndarray, credibility: np.ndarray) -> np.ndarray:
    """L' = c·L + (1 − c)·mean_i(L): a report of credibility c mixed with an uninformative one.

    `likelihoods` is shaped (..., items, hypotheses) and `credibility` (items,).
    """
    c = credibility[:, None]
    return c * likelihoods + (1.0 - c) * likelihoods.mean(axis=-1, keepdims=True)


def question_likelihoods(case: Case, question: Question, school: str | None = None) -> QuestionLikelihoods:
    """Gather the items bearing on `question` as `school` reads them (None: the analyst), in case order,
    with validated likelihood bounds; items after the question's horizon are set apart."""
    hypothesis_ids = question.hypothesis_ids()
    if not hypothesis_ids:
        raise ReasonError(
            f"question {question.id!r} has no hypotheses",
            field="question",
            hint="give every question at least one hypothesis",
        )
    read = [(item, bears_on_under(item, school)) for item in case.evidence]
    bearing = [(item, rows[question.id]) for item, rows in read if question.id in rows]
    placed = [(item, row, place(case, question, item)) for item, row in bearing]
    after = tuple((item, p) for item, _, p in placed if p.after)
    placed = [(item, row, p) for item, row, p in placed if not p.after]
    items = tuple(item for item, _, _ in placed)
    low = np.full((len(items), len(hypothesis_ids)), DEFAULT_LIKELIHOOD)
    high = low.copy()
    field = "bears_on" if school is None else f"readings.{school}.bears_on"
    for j, (item, stated, _) in enumerate(placed):
        for hypothesis_id, value in stated.items():
            where = f"evidence {item.id}: {field}.{question.id}.{hypothesis_id}"
            if hypothesis_id not in hypothesis_ids:
                raise ReasonError(
                    f"{hypothesis_id!r} is not a hypothesis of question {question.id!r}",
                    field=where,
                    hint=f"use one of: {', '.join(hypothesis_ids)}",
                )
            i = hypothesis_ids.index(hypothesis_id)
            low[j, i], high[j, i] = likelihood_bounds(value, where)
    credibility = np.array([credibility_checked(case, item) for item in items], dtype=float)
    return QuestionLikelihoods(
        question,
        items,
        low,
        high,
        credibility,
        school=school,
        placements=tuple(p for _, _, p in placed),
        after_horizon=after,
    )


def likelihood_bounds(value: Likelihood, where: str) -> tuple[float, float]:
    """A likelihood as (low, high): a point gives (v, v); both must lie in (0, 1], low ≤ high."""
    if isinstance(value, (tuple, list)):
        if len(value) != 2:
            raise ReasonError(
                "a likelihood range needs exactly two numbers", field=where, hint="write [low, high]"
            )
        low, high = float(value[0]), float(value[1])
    else:
        low = high = float(value)
    if not (0.0 < low <= 1.0 and 0.0 < high <= 1.0):
        raise ReasonError(
            f"likelihood {value!r} is outside (0, 1]",
            field=where,
            hint="a likelihood is a probability above 0 and at most 1",
        )
    if low > high:
        raise ReasonError(
            f"likelihood range {value!r} runs backwards",
            field=where,
            hint="write [low, high] with low ≤ high",
        )
    return low, high


def credibility_checked(case: Case, item: Evidence) -> float:
    """`case.credibility_of(item)`, refused unless it lies in [0, 1]."""
    c = float(case.credibility_of(item))
    if not 0.0 <= c <= 1.0:
        raise ReasonError(
            f"credibility {c} is outside [0, 1]",
            field=f"evidence {item.id}: credibility",
            hint="credibility is a number from 0 (worthless) to 1 (fully reliable)",
        )
    return c
