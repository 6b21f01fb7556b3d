"""Uncertainty: how much the posterior moves when every likelihood range is sampled.

Each range is drawn uniformly on the log scale, S times from a seeded generator, so the
same seed always gives the same intervals.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from fontes.errors import ReasonError
from fontes.reason.bayes import log_posterior
from fontes.reason.likelihoods import mix_credibility
from fontes.reason.ranking import first_best

DEFAULT_DRAWS = 4000


@dataclass(frozen=True)
class Spread:
    """Per hypothesis: median posterior, 5–95% interval, and P(top), the share of draws it leads."""

    median: np.ndarray
    low: np.ndarray
    high: np.ndarray
    p_top: np.ndarray


def check_draws(draws: int, seed: int) -> None:
    """Refuse a draw count below 1 or a negative seed."""
    if int(draws) != draws or draws < 1:
        raise ReasonError(f"draws must be a whole number of at least 1, not {draws!r}", field="draws")
    if int(seed) != seed or seed < 0:
        raise ReasonError(f"seed must be a whole number of at least 0, not {seed!r}", field="seed")


def draw_likelihoods(low: np.ndarray, high: np.ndarray, draws: int, rng: np.random.Generator) -> np.ndarray:
    """`draws` samples of every likelihood, log-uniform within [low, high]: shape (draws, items, hypotheses).

    Points (low == high) come back exactly as given.
    """
    u = rng.random((draws, *low.shape))
    log_low, log_high = np.log(low), np.log(high)
    sampled = np.exp(log_low + u * (log_high - log_low))
    return np.where(low == high, low, sampled)


def posterior_spread(
    low: np.ndarray,
    high: np.ndarray,
    credibility: np.ndarray,
    prior: np.ndarray,
    draws: int = DEFAULT_DRAWS,
    seed: int = 0,
) -> Spread:
    """Sample the posterior over the counted items' likelihood ranges, mixing credibility per draw.

    Pass only the counted items: which item of a dependence group counts is decided once,
    on midpoint values, and kept fixed for every draw. Each call starts a fresh
    `numpy.random.default_rng(seed)`, so a question's spread does not depend on the others.
    """
    check_draws(draws, seed)
    rng = np.random.default_rng(seed)
    effective = mix_credibility(draw_likelihoods(low, high, draws, rng), credibility)
    log_post = log_posterior(np.log(prior), np.log(effective))  # (draws, hypotheses)
    posterior = np.exp(log_post)
    low_q, median, high_q = np.quantile(posterior, [0.05, 0.5, 0.95], axis=0)
    leaders = first_best(log_post)
    p_top = np.bincount(leaders, minlength=len(prior)) / draws
    return Spread(median=median, low=low_q, high=high_q, p_top=p_top)
