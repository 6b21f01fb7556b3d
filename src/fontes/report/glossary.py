"""What each number of a verdict means, in the words every view prints beside it.

The terminal legend, the HTML report's legend and the web app's tooltips all take their
definitions from `TERMS`, so the three cannot explain a number differently.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """One number a view shows: its label as printed and its short definition."""

    key: str
    label: str
    definition: str


#: What the 90% interval and P(top) measure (and do not), as the reports print it beside them.
INTERVAL_MEASURES = (
    "spread from the stated likelihood ranges only; not how the hypotheses are cut, "
    "which items are chosen, or how contested items are read"
)
#: Why "P(top) 100%" is not certainty.
P_TOP_MEANS = (
    "P(top) is the share of draws of those ranges in which a hypothesis leads: "
    "100% says no draw of the ranges changes the leader, not that the verdict is certain"
)

_TERMS = [
    Term(
        "p_top",
        "P(top)",
        "the share of draws of the stated likelihood ranges in which a hypothesis leads: "
        "100% says no draw of the ranges changes the leader, not that the verdict is certain",
    ),
    Term(
        "interval",
        "90% interval",
        "the posterior's 5–95% range over draws of the stated likelihood ranges: " + INTERVAL_MEASURES,
    ),
    Term(
        "decibans",
        "dB (decibans)",
        "an item's weight for the leader over the runner-up, 10·log10 of its likelihood ratio: "
        "+10 dB is ten to one for the leader, −10 dB ten to one against, 0 dB says nothing",
    ),
    Term(
        "overturn_odds",
        "prior odds the runner-up would need",
        "how much more likely than the leader a reader must hold the runner-up before any evidence "
        "for the two to draw level; the likelihood ratio of the counted items",
    ),
    Term(
        "ach_inconsistency",
        "ACH inconsistency",
        "Heuer's score: each counted item rated I (inconsistent) adds 1 and II (very inconsistent) "
        "adds 2, times the item's credibility; lower is better",
    ),
    Term(
        "ach_rank",
        "ACH rank",
        "place by ACH inconsistency, least inconsistent first; equal scores share a rank, shown as =1",
    ),
    Term(
        "horizon",
        "horizon",
        "the date of the decision or event the question asks about; items about later events are "
        "not counted for it, items written later about earlier events are",
    ),
    Term(
        "flip_set",
        "flip set",
        "the fewest contested readings that, taken the other way, change the leader; "
        "the fewer, the more fragile the verdict",
    ),
]

#: What every view calls the prior when no school is chosen (never "None").
NO_SCHOOL = "no school (uniform priors)"


def school_label(case, school: str | None) -> str:
    """A school's label as the views print it; `NO_SCHOOL` for None or "" (uniform priors)."""
    labels = {s.id: s.label for s in case.schools}
    return labels.get(school, school) if school else NO_SCHOOL


#: Every term by key, in the order a legend lists them.
TERMS: dict[str, Term] = {t.key: t for t in _TERMS}


def definition(key: str) -> str:
    """The definition of one term, by key ("p_top", "interval", ...)."""
    return TERMS[key].definition


def legend(keys: list[str] | None = None) -> list[Term]:
    """The terms to explain under a view's tables (all of them unless `keys` names some)."""
    return [TERMS[k] for k in keys] if keys is not None else list(_TERMS)


def rank_labels(ranks: dict[str, int]) -> dict[str, str]:
    """Ranks as printed: "2", or "=1" where another hypothesis shares the rank."""
    counts = Counter(ranks.values())
    return {key: (f"={r}" if counts[r] > 1 else str(r)) for key, r in ranks.items()}


def ach_rank_labels(hypotheses) -> dict[str, str]:
    """Each hypothesis's ACH rank as printed, ties shown as ties ("=1")."""
    return rank_labels({h.id: h.ach_rank for h in hypotheses})


def _superscript(n: int) -> str:
    return str(n).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))


def _magnitude(y: float) -> str:
    """A positive number as a reader says it: 2.5, 1,234, 3.1×10⁷."""
    if y < 100:
        return f"{y:,.1f}"
    if y < 1e4:
        return f"{y:,.0f}"
    mantissa, exponent = f"{y:.1e}".split("e")
    power = f"10{_superscript(int(exponent))}"
    return power if mantissa == "1.0" else f"{mantissa}×{power}"


def odds_text(x: float) -> str:
    """Prior odds as a reader says them: `2.5 : 1`, `1,234 : 1`, `3.1×10⁷ : 1`, `1 : 10⁴` for tiny odds."""
    if x != x:  # NaN
        return "undefined"
    if x == float("inf"):
        return "∞ : 1"
    if x <= 0:
        return "0 : 1"
    if x >= 1:
        return f"{_magnitude(x)} : 1"
    return f"1 : {_magnitude(1 / x)}"


def plural(n: int, noun: str) -> str:
    """The noun for n of it: "source" for 1, "sources" otherwise ("evidence item" → "evidence items")."""
    return noun if n == 1 else noun + "s"


def count(n: int, noun: str) -> str:
    """n and its noun: "1 source", "3 sources"."""
    return f"{n} {plural(n, noun)}"
