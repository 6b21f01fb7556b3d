"""The result types of the reasoning: what every view (terminal, JSON, HTML, web) renders.

Plain pydantic data, no logic; floats are full precision, rounding is the views' business.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

AchRating = Literal["C", "N", "I", "II"]


class Result(BaseModel):
    """Base of the result types: unknown fields are refused."""

    model_config = ConfigDict(extra="forbid")


class HypothesisVerdict(Result):
    """One hypothesis: its prior, exact posterior, the spread over draws, and its ACH standing."""

    id: str
    text: str
    prior: float
    posterior: float
    median: float
    interval: tuple[float, float]  # 5% and 95% quantiles of the posterior over draws
    p_top: float  # share of draws in which it has the highest posterior
    ach_inconsistency: float
    ach_rank: int  # 1 = least inconsistent


class EvidenceWeight(Result):
    """One item bearing on the question, and what it does to the verdict."""

    id: str
    source: str
    weight_db: float  # decibans for the leader over the runner-up
    delta_log_odds: float  # log-odds leader:runner-up with the item minus without (natural log)
    pivotal: bool  # dropping the item changes the leader
    counted: bool  # False: another item of its dependence group counts instead
    corroborates: str | None = None  # the counted item of its group, when not counted itself
    credibility: float
    likelihoods: dict[str, float]  # hypothesis id -> effective midpoint L'
    ach: dict[str, AchRating]  # hypothesis id -> rating
    diagnosticity: float  # max_i log L' − min_i log L'


class QuestionVerdict(Result):
    """One question weighed: hypotheses ranked by exact posterior, evidence in case order."""

    id: str
    text: str
    leader: str
    runner_up: str  # equals leader when the question has one hypothesis
    hypotheses: list[HypothesisVerdict]
    evidence: list[EvidenceWeight]
    schools: dict[str, dict[str, float]]  # school id -> hypothesis id -> posterior
    overturn_odds: float  # runner-up:leader prior odds needed to draw level
    ach_ranking: list[str]  # hypothesis ids, least inconsistent first


class Verdict(Result):
    """A whole case weighed under one school's priors (None: uniform)."""

    case: str
    title: str
    school: str | None
    draws: int
    seed: int
    questions: list[QuestionVerdict] = Field(default_factory=list)
