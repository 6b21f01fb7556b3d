"""Heuer's Analysis of Competing Hypotheses, scored as PARC ACH 2.0's weighted inconsistency.

Shown beside the Bayesian ranking: ACH ranks hypotheses by how little evidence contradicts them.
"""

from __future__ import annotations

import numpy as np

from fontes.errors import ReasonError
from fontes.model import ACH_RATINGS
from fontes.reason.likelihoods import QuestionLikelihoods
from fontes.reason.ranking import rank

#: r = L'ij / max_i L'ij at or above each bound earns the rating (C, N, I); below all: II.
RATING_BOUNDS = ((0.67, "C"), (0.33, "N"), (0.1, "I"))

#: Inconsistency points per rating (PARC ACH 2.0 weighted score).
INCONSISTENCY = {"C": 0.0, "N": 0.0, "I": 1.0, "II": 2.0}

#: Slack on the bounds so an analyst's 0.67 lands on C despite float division.
BOUND_TOLERANCE = 1e-9


def ratings_from_likelihoods(effective: np.ndarray) -> np.ndarray:
    """The rating of each cell from r = L'ij / max_i L'ij: C ≥ 0.67 > N ≥ 0.33 > I ≥ 0.1 > II."""
    r = effective / effective.max(axis=-1, keepdims=True)
    conditions = [r >= bound - BOUND_TOLERANCE for bound, _ in RATING_BOUNDS]
    return np.select(conditions, [rating for _, rating in RATING_BOUNDS], default="II").astype(object)


def ach_ratings(likelihoods: QuestionLikelihoods, effective: np.ndarray) -> np.ndarray:
    """Ratings (items, hypotheses): computed from L', except where the analyst set one by hand."""
    ratings = ratings_from_likelihoods(effective)
    question = likelihoods.question
    hypothesis_ids = question.hypothesis_ids()
    for j, item in enumerate(likelihoods.items):
        for hypothesis_id, rating in item.ach.get(question.id, {}).items():
            where = f"evidence {item.id}: ach.{question.id}.{hypothesis_id}"
            if hypothesis_id not in hypothesis_ids:
                raise ReasonError(
                    f"{hypothesis_id!r} is not a hypothesis of question {question.id!r}",
                    field=where,
                    hint=f"use one of: {', '.join(hypothesis_ids)}",
                )
            if rating not in ACH_RATINGS:
                raise ReasonError(
                    f"unknown ACH rating {rating!r}",
                    field=where,
                    hint=f"use one of: {', '.join(ACH_RATINGS)}",
                )
            ratings[j, hypothesis_ids.index(hypothesis_id)] = rating
    return ratings


def weighted_inconsistency(ratings: np.ndarray, credibility: np.ndarray, counted: np.ndarray) -> np.ndarray:
    """Per hypothesis Σj cj·(1 for I, 2 for II) over the counted items."""
    points = np.vectorize(INCONSISTENCY.__getitem__, otypes=[float])(ratings)
    return (credibility[counted, None] * points[counted]).sum(axis=0)


def ach_ranking(inconsistency: np.ndarray) -> list[int]:
    """Hypothesis indices from least to most inconsistent (ties: case order)."""
    return rank(-inconsistency)
