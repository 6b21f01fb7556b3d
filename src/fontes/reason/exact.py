"""The exact posterior of one question: mix credibility, pick each group's counted item, apply Bayes.

This is "the whole pipeline" that schools and sensitivity rerun; ranges enter at their
geometric midpoint.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from fontes.reason.bayes import log_posterior
from fontes.reason.groups import Selection, diagnosticity, select_counted
from fontes.reason.likelihoods import QuestionLikelihoods
from fontes.reason.ranking import rank


@dataclass(frozen=True)
class ExactWeighing:
    """The exact result for one question under one prior."""

    effective: np.ndarray  # midpoint L', (items, hypotheses), every bearing item
    diagnosticity: np.ndarray  # (items,)
    selection: Selection
    log_posterior: np.ndarray  # (hypotheses,)
    ranking: list[int]  # hypothesis indices, highest posterior first (ties: case order)

    @property
    def posterior(self) -> np.ndarray:
        return np.exp(self.log_posterior)

    @property
    def counted_effective(self) -> np.ndarray:
        """L' of the items that count, (counted items, hypotheses)."""
        return self.effective[self.selection.counted]

    @property
    def leader(self) -> int:
        return self.ranking[0]

    @property
    def runner_up(self) -> int:
        """The second hypothesis, or the leader itself when the question has only one."""
        return self.ranking[1] if len(self.ranking) > 1 else self.ranking[0]


def weigh_exactly(likelihoods: QuestionLikelihoods, prior: np.ndarray) -> ExactWeighing:
    """Run the exact pipeline for `prior` (probabilities, in hypothesis order)."""
    effective = likelihoods.effective_midpoint()
    diagnosticities = diagnosticity(effective)
    selection = select_counted(likelihoods.items, diagnosticities)
    log_post = log_posterior(np.log(prior), np.log(effective[selection.counted]))
    return ExactWeighing(
        effective=effective,
        diagnosticity=diagnosticities,
        selection=selection,
        log_posterior=log_post,
        ranking=rank(log_post),
    )
