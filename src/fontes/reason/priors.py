"""Priors: a school's (or a caller's) prior for one question as a probability vector.

A school that says nothing about a question, or no school at all, means a uniform prior.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from fontes.errors import ReasonError
from fontes.model import Case, Question, School


def find_school(case: Case, school_id: str) -> School:
    """The case's school with this id, or a ReasonError naming the known ones."""
    for school in case.schools:
        if school.id == school_id:
            return school
    known = ", ".join(s.id for s in case.schools) or "none"
    raise ReasonError(
        f"unknown school {school_id!r}", field="school", hint=f"the case's schools are: {known}"
    )


def chosen_school(case: Case, school_id: str | None) -> School | None:
    """The school asked for, else the case's default school, else None (uniform priors)."""
    wanted = school_id if school_id is not None else case.default_school
    return None if wanted is None else find_school(case, wanted)


def uniform_prior(question: Question) -> np.ndarray:
    """Every hypothesis equally likely."""
    k = len(question.hypotheses)
    return np.full(k, 1.0 / k)


def school_prior(school: School | None, question: Question) -> np.ndarray:
    """The school's prior for `question`, uniform when there is no school or it has no prior here."""
    if school is None or question.id not in school.priors:
        return uniform_prior(question)
    return prior_from_mapping(
        question, school.priors[question.id], where=f"school {school.id}: priors.{question.id}"
    )


def prior_from_mapping(question: Question, priors: Mapping[str, float], where: str = "priors") -> np.ndarray:
    """A prior {hypothesis: weight} as a vector in hypothesis order, normalised to sum to 1.

    Every hypothesis needs a positive, finite weight; unknown ids are refused.
    """
    hypothesis_ids = question.hypothesis_ids()
    unknown = [h for h in priors if h not in hypothesis_ids]
    if unknown:
        raise ReasonError(
            f"{unknown[0]!r} is not a hypothesis of question {question.id!r}",
            field=where,
            hint=f"use one of: {', '.join(hypothesis_ids)}",
        )
    missing = [h for h in hypothesis_ids if h not in priors]
    if missing:
        raise ReasonError(
            f"no prior for hypothesis {missing[0]!r}",
            field=where,
            hint="give every hypothesis of the question a prior",
        )
    weights = np.array([float(priors[h]) for h in hypothesis_ids])
    for h, w in zip(hypothesis_ids, weights):
        if not (math.isfinite(w) and w > 0.0):
            raise ReasonError(
                f"prior {w} for {h!r} is not a positive number",
                field=where,
                hint="priors must be above 0; they are normalised to sum to 1",
            )
    return weights / weights.sum()
