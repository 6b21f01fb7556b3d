"""Bayes' rule on the log scale, and the weight of evidence in decibans.

Working in logs (with logsumexp) keeps long chains of small likelihoods from underflowing.
"""

from __future__ import annotations

import numpy as np


def logsumexp(values: np.ndarray, axis: int = -1) -> np.ndarray:
    """log Σ exp(values) along `axis`, computed without overflow or underflow."""
    top = np.max(values, axis=axis, keepdims=True)
    return np.squeeze(top, axis=axis) + np.log(np.sum(np.exp(values - top), axis=axis))


def log_posterior(log_prior: np.ndarray, log_likelihoods: np.ndarray) -> np.ndarray:
    """log P(Hi | E) = log πi + Σj log L'ij − log Z.

    `log_likelihoods` is shaped (..., items, hypotheses); the result (..., hypotheses).
    """
    unnormalised = log_prior + log_likelihoods.sum(axis=-2)
    return unnormalised - logsumexp(unnormalised, axis=-1)[..., None]


def weight_db(likelihood_a: float | np.ndarray, likelihood_b: float | np.ndarray) -> float | np.ndarray:
    """Weight of evidence for Ha over Hb in decibans: 10·log10(L'a / L'b)."""
    return 10.0 * np.log10(np.asarray(likelihood_a, dtype=float) / np.asarray(likelihood_b, dtype=float))
