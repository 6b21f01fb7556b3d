"""Sensitivity: what each item is worth to the verdict, found by dropping it and weighing again.

Dropping a group's counted item lets the group's next most diagnostic item take over,
because the whole pipeline is rerun.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from fontes.reason.exact import ExactWeighing, weigh_exactly
from fontes.reason.likelihoods import QuestionLikelihoods


@dataclass(frozen=True)
class ItemSensitivity:
    """Log-odds of leader over runner-up with the item minus without it (natural log); pivotal
    when dropping the item changes the leader."""

    delta_log_odds: float
    pivotal: bool


def sensitivity(
    likelihoods: QuestionLikelihoods, prior: np.ndarray, full: ExactWeighing
) -> list[ItemSensitivity]:
    """One `ItemSensitivity` per bearing item, in case order, against the full result `full`."""
    leader, runner_up = full.leader, full.runner_up
    full_log_odds = full.log_posterior[leader] - full.log_posterior[runner_up]
    results = []
    for j in range(len(likelihoods.items)):
        dropped = weigh_exactly(likelihoods.without(j), prior)
        dropped_log_odds = dropped.log_posterior[leader] - dropped.log_posterior[runner_up]
        results.append(
            ItemSensitivity(
                delta_log_odds=float(full_log_odds - dropped_log_odds),
                pivotal=dropped.leader != leader,
            )
        )
    return results
