"""Dependence groups: within a group only the most diagnostic item counts for a question.

Items that are not independent (same informant, copies of one report) must not be
multiplied together; the rest of the group is kept as corroboration.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from fontes.model import Evidence
from fontes.reason.ranking import rank


@dataclass(frozen=True)
class Selection:
    """Which bearing items count, and for each one that does not, the item it corroborates."""

    counted: np.ndarray  # bool, (items,)
    corroborates: tuple[str | None, ...]


def diagnosticity(effective: np.ndarray) -> np.ndarray:
    """max_i log L'ij − min_i log L'ij per item: how far the item separates the hypotheses."""
    logs = np.log(effective)
    return logs.max(axis=-1) - logs.min(axis=-1)


def select_counted(items: tuple[Evidence, ...], diagnosticities: np.ndarray) -> Selection:
    """Keep each group's most diagnostic item (ties: the one listed first); ungrouped items all count.

    The selection is made once, on the midpoint L', and kept for every uncertainty draw
    and every school, so a draw never changes which items count.
    """
    members: dict[str, list[int]] = {}
    for j, item in enumerate(items):
        if item.group is not None:
            members.setdefault(item.group, []).append(j)
    counted = np.ones(len(items), dtype=bool)
    corroborates: list[str | None] = [None] * len(items)
    for indices in members.values():
        chosen = indices[rank(diagnosticities[indices])[0]]
        for j in indices:
            if j != chosen:
                counted[j] = False
                corroborates[j] = items[chosen].id
    return Selection(counted=counted, corroborates=tuple(corroborates))
