"""Schools side by side: the posterior under each school's prior, and what it takes to overturn.

The counted likelihoods do not depend on the prior, so one selection serves every school.
"""

from __future__ import annotations

import numpy as np

from fontes.model import Case, Question
from fontes.reason.bayes import log_posterior
from fontes.reason.priors import school_prior, uniform_prior

#: The key under which the uniform posterior is listed when a case has no schools.
UNIFORM = "uniform"


def posteriors_by_school(case: Case, question: Question,
                         counted_effective: np.ndarray) -> dict[str, dict[str, float]]:
    """{school id: {hypothesis id: posterior}} for every school; a case without schools gets `UNIFORM`."""
    log_likelihoods = np.log(counted_effective)
    priors = {school.id: school_prior(school, question) for school in case.schools}
    if not priors:
        priors = {UNIFORM: uniform_prior(question)}
    hypothesis_ids = question.hypothesis_ids()
    return {
        school_id: dict(zip(hypothesis_ids, np.exp(log_posterior(np.log(prior), log_likelihoods)).tolist()))
        for school_id, prior in priors.items()
    }


def overturn_odds(counted_effective: np.ndarray, leader: int, runner_up: int) -> float:
    """Prior odds (runner-up : leader) the runner-up would need to draw level: Π L'leader / Π L'runner-up.

    Any prior odds above this overturn the leader; it is the likelihood ratio of the counted items.
    """
    log_ratio = np.log(counted_effective[:, leader]).sum() - np.log(counted_effective[:, runner_up]).sum()
    with np.errstate(over="ignore"):
        return float(np.exp(log_ratio))
