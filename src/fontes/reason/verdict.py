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
    held_by: list[str] = Field(default_factory=list)  # the works that argue it, short: "Weathersby 1993"


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
    about: str | None = None  # EDTF: when what it reports happened (its own `about`, else its source's date)
    retrospective: bool = False  # written after the question's horizon about events before it
    reading: str | None = None  # the school whose reading of the item is used (None: the analyst's)


class AfterHorizon(Result):
    """An item about something later than the question's horizon: listed, not counted."""

    id: str
    source: str
    about: str  # EDTF, the date that puts it after the horizon
    horizon: str  # EDTF
    why: str  # in words, with both dates


class FlipItem(Result):
    """One item of a flip set: what it takes, and how far that moves the leader's log-odds."""

    id: str
    takes: str  # "the low end of its range for a", "the revisionist reading", "set aside"
    swing: float  # natural log: its contribution now minus the least it could contribute


class FlipSet(Result):
    """The fewest readings whose change makes the runner-up lead (empty: none does)."""

    items: list[FlipItem] = Field(default_factory=list)
    count: int = 0
    words: str = ""  # "three readings decide this verdict"; "none: ..." when no set flips it
    log_odds: float = 0.0  # leader over runner-up, prior included, natural log: what the swings must pass


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
    horizon: str | None = None  # EDTF: the decision or event whose cause the question asks about
    after_horizon: list[AfterHorizon] = Field(default_factory=list)
    school_leaders: dict[str, str] = Field(
        default_factory=dict
    )  # school id -> the leader of its own conclusion
    flip: FlipSet = Field(default_factory=FlipSet)


class Verdict(Result):
    """A whole case weighed under one school's priors (None: uniform)."""

    case: str
    title: str
    school: str | None
    draws: int
    seed: int
    questions: list[QuestionVerdict] = Field(default_factory=list)
