"""Schools side by side: each school's own conclusion, and what it takes to overturn the leader.

Under a school the items are read its way (its readings replace the analyst's likelihoods),
so the group selection is made again under its likelihoods before its prior is applied.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from fontes.model import Case, Question, School
from fontes.reason.exact import weigh_exactly
from fontes.reason.likelihoods import question_likelihoods
from fontes.reason.priors import school_prior, uniform_prior

#: The key under which the uniform posterior is listed when a case has no schools.
UNIFORM = "uniform"


@dataclass(frozen=True)
class SchoolConclusion:
    """One school's posterior {hypothesis id: probability} on a question, and its leader."""

    posterior: dict[str, float]
    leader: str


def conclusions_by_school(case: Case, question: Question) -> dict[str, SchoolConclusion]:
    """{school id: its conclusion} for every school, each under its own readings and prior;
    a case without schools gets `UNIFORM` (the analyst's readings, uniform prior)."""
    hypothesis_ids = question.hypothesis_ids()
    out = {}
    schools: list[School | None] = list(case.schools) or [None]
    for school in schools:
        likelihoods = question_likelihoods(case, question, school.id if school else None)
        prior = school_prior(school, question) if school else uniform_prior(question)
        exact = weigh_exactly(likelihoods, prior)
        out[school.id if school else UNIFORM] = SchoolConclusion(
            posterior=dict(zip(hypothesis_ids, exact.posterior.tolist())), leader=hypothesis_ids[exact.leader]
        )
    return out


def overturn_odds(counted_effective: np.ndarray, leader: int, runner_up: int) -> float:
    """Prior odds (runner-up : leader) the runner-up would need to draw level: Π L'leader / Π L'runner-up.

    Any prior odds above this overturn the leader; it is the likelihood ratio of the counted items.
    """
    log_ratio = np.log(counted_effective[:, leader]).sum() - np.log(counted_effective[:, runner_up]).sum()
    with np.errstate(over="ignore"):
        return float(np.exp(log_ratio))
