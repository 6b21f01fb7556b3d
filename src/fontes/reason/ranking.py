"""Order values best first, letting near-ties keep case order.

Every "ties go to the one listed first" rule in the reasoning (leader, counted item,
ACH rank) goes through here, so float noise never decides a tie.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

#: Values closer than this (absolute) count as tied; they compare log posteriors,
#: diagnosticities (log scale) and ACH scores, all of order 1.
TIE_TOLERANCE = 1e-9


def rank(values: Sequence[float] | np.ndarray, tolerance: float = TIE_TOLERANCE) -> list[int]:
    """Indices of `values`, highest first; values within `tolerance` of the best keep their order."""
    values = np.asarray(values, dtype=float)
    remaining = list(range(len(values)))
    order: list[int] = []
    while remaining:
        best = values[remaining].max()
        pick = next(i for i in remaining if values[i] >= best - tolerance)
        order.append(pick)
        remaining.remove(pick)
    return order


def first_best(values: np.ndarray, tolerance: float = TIE_TOLERANCE) -> np.ndarray:
    """Per row of `values` (..., k), the first index within `tolerance` of the row's maximum."""
    near_top = values >= values.max(axis=-1, keepdims=True) - tolerance
    return near_top.argmax(axis=-1)


def shared_places(values: Sequence[float] | np.ndarray, tolerance: float = TIE_TOLERANCE) -> list[int]:
    """Each value's place, highest first, with equal values (within `tolerance`) sharing it: 1, 1, 3."""
    values = np.asarray(values, dtype=float)
    return [1 + int((values > v + tolerance).sum()) for v in values]
