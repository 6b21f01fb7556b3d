"""How fragile a verdict is: the fewest readings whose change would make the runner-up lead.

Leader a, runner-up b. A counted item j adds d_j = log L'aj − log L'bj to the log-odds of a over
b; it could add as little as m_j, the least of: its stated ranges at a's low end and b's high
end, every school's reading of it (and the analyst's, under a school that reads it otherwise),
and 0 (the item set aside). Its swing is d_j − m_j. The terms add, so taking the largest swings
first until they pass the log-odds (prior included) gives the fewest items, exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from fontes.model import Case
from fontes.reason.exact import ExactWeighing
from fontes.reason.likelihoods import (
    QuestionLikelihoods,
    geometric_midpoint,
    likelihood_bounds,
    mix_credibility,
)
from fontes.reason.ranking import TIE_TOLERANCE
from fontes.reason.readings import bears_on_under, has_reading

#: What an item "takes" when it is set aside.
SET_ASIDE = "set aside"
#: The analyst's own likelihoods, as an alternative under a school that reads the item otherwise.
ANALYST = "the analyst's reading"

_NUMBERS = (
    "none",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
)


@dataclass(frozen=True)
class Swing:
    """One counted item: what it adds to the leader's log-odds now, the least it could add, and how."""

    id: str
    contribution: float  # d_j, natural log
    floor: float  # m_j
    takes: str  # the reading that gives m_j: "the low end of its range", "the forge reading", "set aside"

    @property
    def swing(self) -> float:
        return self.contribution - self.floor


@dataclass(frozen=True)
class Flip:
    """The flip set of a question: its items (largest swing first), and the log-odds they pass."""

    log_odds: float
    items: tuple[Swing, ...]  # empty when no set flips the verdict

    @property
    def flips(self) -> bool:
        return bool(self.items)


#: The flip set's words for a question on which no item is weighed.
NOTHING_WEIGHED = "none: no evidence is weighed on this question, so only the prior decides its leader"


def count_in_words(n: int, weighed: bool = True) -> str:
    """ "one reading decides this verdict", "three readings decide ...", or "none" for an empty set
    (`weighed` False: no item counts on the question at all)."""
    if not weighed:
        return NOTHING_WEIGHED
    if n == 0:
        return (
            "none: no set of readings within the stated ranges, the schools' readings or items "
            "set aside makes the runner-up lead"
        )
    word = _NUMBERS[n] if n < len(_NUMBERS) else str(n)
    return f"{word} reading decides this verdict" if n == 1 else f"{word} readings decide this verdict"


def _log_ratio(row: np.ndarray, credibility: float, a: int, b: int) -> float:
    """log L'a − log L'b of one item's likelihood row after credibility mixing."""
    mixed = mix_credibility(row[None, :], np.array([credibility]))[0]
    return float(np.log(mixed[a]) - np.log(mixed[b]))


def _range_end(likelihoods: QuestionLikelihoods, j: int, a: int, b: int) -> tuple[float, str] | None:
    """The item at a's low end and b's high end of its stated ranges; None when neither is a range."""
    low, high = likelihoods.low[j], likelihoods.high[j]
    a_range, b_range = low[a] < high[a], low[b] < high[b]
    if not (a_range or b_range):
        return None
    row = geometric_midpoint(low, high).copy()
    row[a], row[b] = low[a], high[b]
    ids = likelihoods.hypothesis_ids
    if a_range and b_range:
        takes = f"the ends of its ranges ({ids[a]} low, {ids[b]} high)"
    elif a_range:
        takes = f"the low end of its range for {ids[a]}"
    else:
        takes = f"the high end of its range for {ids[b]}"
    return _log_ratio(row, float(likelihoods.credibility[j]), a, b), takes


def _reading_rows(case: Case, likelihoods: QuestionLikelihoods, j: int) -> list[tuple[np.ndarray, str]]:
    """The item's likelihood rows under every other reading of it: each school's, and the analyst's."""
    item, question = likelihoods.items[j], likelihoods.question
    readers: list[tuple[str | None, str]] = [
        (s, f"the {s} reading")
        for s in item.readings
        if s != likelihoods.school and has_reading(item, s, question.id)
    ]
    if has_reading(item, likelihoods.school, question.id):
        readers.append((None, ANALYST))
    rows = []
    ids = question.hypothesis_ids()
    for school, takes in readers:
        stated = bears_on_under(item, school).get(question.id)
        if stated is None:
            continue
        row = np.full(len(ids), 0.5)
        for hid, value in stated.items():
            if hid in ids:
                low, high = likelihood_bounds(value, f"evidence {item.id}: readings.{school}")
                row[ids.index(hid)] = np.sqrt(low * high)
        rows.append((row, takes))
    return rows


def swings(case: Case, likelihoods: QuestionLikelihoods, exact: ExactWeighing) -> list[Swing]:
    """One `Swing` per counted item, in case order."""
    a, b = exact.leader, exact.runner_up
    effective = exact.effective
    out = []
    for j in map(int, np.flatnonzero(exact.selection.counted)):
        contribution = float(np.log(effective[j, a]) - np.log(effective[j, b]))
        options = [(contribution, "as it is"), (0.0, SET_ASIDE)]
        end = _range_end(likelihoods, j, a, b)
        if end is not None:
            options.append(end)
        c = float(likelihoods.credibility[j])
        options += [(_log_ratio(row, c, a, b), takes) for row, takes in _reading_rows(case, likelihoods, j)]
        floor, takes = min(options, key=lambda o: o[0])  # ties: the first listed
        out.append(Swing(id=likelihoods.items[j].id, contribution=contribution, floor=floor, takes=takes))
    return out


def flip_set(case: Case, likelihoods: QuestionLikelihoods, exact: ExactWeighing) -> Flip:
    """The fewest counted items whose swings sum past the log-odds of leader over runner-up."""
    a, b = exact.leader, exact.runner_up
    log_odds = float(exact.log_posterior[a] - exact.log_posterior[b])
    if a == b:
        return Flip(log_odds=log_odds, items=())
    ranked = sorted(
        (s for s in swings(case, likelihoods, exact) if s.swing > TIE_TOLERANCE), key=lambda s: -s.swing
    )
    total, chosen = 0.0, []
    for s in ranked:
        chosen.append(s)
        total += s.swing
        if total > log_odds + TIE_TOLERANCE:  # a tie goes to the leader, listed first: it must be passed
            return Flip(log_odds=log_odds, items=tuple(chosen))
    return Flip(log_odds=log_odds, items=())
