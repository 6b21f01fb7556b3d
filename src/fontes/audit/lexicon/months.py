"""The month names, spelled once: the names, their numbers, and the patterns that find them in text."""

from __future__ import annotations

#: The months in order, as written in English prose.
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
#: Their usual abbreviations (May has none), as regular-expression pieces.
_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept?", "Oct", "Nov", "Dec")

#: A month written out in full (a regular-expression group).
FULL_MONTH = "(?:" + "|".join(MONTH_NAMES) + ")"
#: A month written out or abbreviated ("Sep", "Sept").
MONTH = "(?:" + "|".join(MONTH_NAMES + _ABBREVIATIONS) + ")"
#: A month written out or abbreviated, the abbreviation's full stop included ("Sept.").
MONTH_WITH_STOP = "(?:" + "|".join(MONTH_NAMES + tuple(a + r"\.?" for a in _ABBREVIATIONS)) + ")"

#: 1-12 by lower-case name and by its first three letters ("sept" too).
MONTH_NUMBER: dict[str, int] = {name.lower(): i + 1 for i, name in enumerate(MONTH_NAMES)}
MONTH_NUMBER.update({name[:3].lower(): i + 1 for i, name in enumerate(MONTH_NAMES)})
MONTH_NUMBER["sept"] = 9

#: The abbreviations as lower-case words ("jan", "sep", "sept"), for word lists (May has none).
ABBREVIATION_WORDS = frozenset(name[:3].lower() for name in MONTH_NAMES if len(name) > 3) | {"sept"}
#: Month words that are also ordinary words or names: a date only when capitalised ("May", not "may").
AMBIGUOUS_MONTH_WORDS = frozenset({"may", "march", "mar", "jan", "dec"})


def month_name(number: int, short: bool = False) -> str:
    """The English name of month 1-12 ("June"), or its three-letter form ("Jun")."""
    name = MONTH_NAMES[number - 1]
    return name[:3] if short else name


def month_number(word: str) -> int | None:
    """1-12 for a month's name or abbreviation ("Sept." -> 9), else None."""
    return MONTH_NUMBER.get(word.lower().rstrip("."))
