"""Offices: the words for them, the ones each actor held (from the case and the sources' titles), and
whether an office an essay gives someone agrees.

An office the essay names is *consistent* with an actor when the actor held it (the role in the
case, or a source's title such as "The Chargé in Korea (Drumright) to the Secretary of State"),
or when it is the general word for one the actor held ("envoy" for an ambassador or a chargé,
"commander" for a commander in chief). It *contradicts* the actor when the actor's offices are
known and none of them is it, or when the role says the actor took it up only after the date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from fontes.audit.evidence.actor_names import fold
from fontes.audit.lexicon.months import FULL_MONTH as _MONTH

#: (office, pattern, family), most specific first: the role text is read in this order, and what
#: one office's words matched is not read again ("First Deputy Foreign Minister" is not a
#: "Foreign Minister").
OFFICES: list[tuple[str, str, str]] = [
    (
        "first deputy foreign minister",
        r"first\s+deputy\s+(?:foreign\s+minister|minister\s+of\s+foreign\s+affairs)",
        "government",
    ),
    (
        "deputy foreign minister",
        r"deputy\s+(?:foreign\s+minister|minister\s+of\s+foreign\s+affairs)",
        "government",
    ),
    (
        "foreign minister",
        r"foreign\s+minister|minister\s+(?:of|for)\s+(?:foreign|external)\s+affairs|fonmin|foreign\s+secretary|"
        r"secretary\s+of\s+state\s+for\s+foreign\s+affairs",
        "government",
    ),
    ("vice-premier", r"vice[-\s]?premier|deputy\s+premier|deputy\s+prime\s+minister", "government"),
    (
        "premier",
        (
            r"premier|prime\s+minister|chairman\s+of\s+the\s+(?:[\w.]+\s+){0,2}?(?:council\s+of\s+ministers|"
            r"cabinet(?:\s+of\s+ministers)?)|head\s+of\s+(?:the\s+)?government"
        ),
        "government",
    ),
    ("vice president", r"vice[-\s]president", "government"),
    ("vice-chairman", r"vice[-\s]chairman", "government"),
    ("chancellor", r"chancellor", "government"),
    ("governor", r"governor", "government"),
    ("president", r"president", "head"),
    ("chairman", r"chairman", "head"),
    (
        "defense minister",
        (
            r"minister\s+of\s+(?:the\s+)?armed\s+forces|(?:defen[cs]e|war)\s+minister|"
            r"minister\s+of\s+(?:defen[cs]e|war)"
        ),
        "government",
    ),
    ("assistant secretary of state", r"assistant\s+secretary\s+of\s+state", "government"),
    ("under secretary of state", r"under\s*secretary\s+of\s+state", "government"),
    ("acting secretary of state", r"acting\s+secretary\s+of\s+state", "government"),
    ("secretary of state", r"secretary\s+of\s+state", "government"),
    ("secretary of defense", r"secretary\s+of\s+defen[cs]e|defen[cs]e\s+secretary|secdef", "government"),
    ("ambassador", r"ambassador", "mission"),
    ("chargé", r"chargé(?:\s+d['’]affaires)?|charge\s+d['’]affaires", "mission"),
    ("counselor", r"(?:minister[-\s])?counsell?or", "mission"),
    ("special representative", r"(?:special|personal)\s+representative", "mission"),
    ("minister", r"minister(?=\s+(?:in|to|at)\s+(?-i:[A-Z]))", "mission"),
    ("envoy", r"envoy|emissary|representative", "mission"),
    (
        "occupation commander",
        (
            r"(?:leader|head|commander|chief|commanding\s+general)\s+of\s+(?:the\s+)?(?:[\w.]+\s+){0,2}?"
            r"occupation(?:\s+(?:forces|troops|army|authorities|administration))?|"
            r"occupation\s+(?:commander|chief)|military\s+governor"
        ),
        "military",
    ),
    ("commander in chief", r"commander[-\s]in[-\s]chief|cinc\w*", "military"),
    ("commander", r"commander", "military"),
    ("chief of staff", r"chief\s+of\s+(?:the\s+)?(?:[\w.]+\s+)?(?:general\s+)?staff", "military"),
    ("director", r"director", "director"),
    ("secretary", r"(?:personal\s+)?secretary", "personal"),
    ("interpreter", r"interpreter|translator", "personal"),
]
_PATTERN = {office: re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE) for office, pattern, _ in OFFICES}
FAMILY = {office: family for office, _, family in OFFICES}
ANY_OFFICE = "|".join(f"(?:{pattern})" for _, pattern, _ in OFFICES)

#: General words, and the offices each covers.
GENERAL: dict[str, frozenset[str]] = {
    "envoy": frozenset({"ambassador", "chargé", "counselor", "special representative", "envoy", "minister"}),
    "commander": frozenset({"commander in chief", "commander"}),
    #: An occupation is commanded by a commander in chief (MacArthur in Japan), never by a diplomat.
    "occupation commander": frozenset({"occupation commander", "commander in chief", "commander"}),
    "secretary": frozenset(
        {
            "secretary",
            "secretary of state",
            "secretary of defense",
            "assistant secretary of state",
            "under secretary of state",
            "acting secretary of state",
        }
    ),
    "deputy foreign minister": frozenset({"first deputy foreign minister", "deputy foreign minister"}),
    "chairman": frozenset({"chairman", "president", "premier"}),
    "president": frozenset({"president", "chairman"}),
    "director": frozenset({"director"}),
}
_WHEN = rf"(?:(\d{{1,2}})\s+)?({_MONTH})?\s*(\d{{4}})"


@dataclass(frozen=True)
class Held:
    """An office an actor held, from when and until when when the case says so."""

    office: str
    since: dt.date | None = None
    until: dt.date | None = None
    words: str = ""  # the words that say so (the role, or a source's title)
    source: str | None = None  # the source id when a title says so

    def holds_on(self, day: dt.date | None) -> bool:
        if day is None:
            return True
        return (self.since is None or day >= self.since) and (self.until is None or day <= self.until)


def offices_in(text: str) -> list[tuple[str, int, int]]:
    """(office, start, end) of each office a text names, the most specific reading of each span.

    Words of an office held by someone else are skipped: "the Ambassador's absence", "Consultant
    to the Secretary of State".
    """
    taken: list[tuple[int, int]] = []
    found: list[tuple[str, int, int]] = []
    for office, _, _ in OFFICES:
        for m in _PATTERN[office].finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            after, before = text[m.end() : m.end() + 2], text[max(0, m.start() - 8) : m.start()]
            if re.match(r"['’]s", after) or re.search(r"\b(?:to|for)\s+the\s+$", before, re.IGNORECASE):
                continue
            found.append((office, m.start(), m.end()))
    return sorted(found, key=lambda f: f[1])


def _when(match: re.Match, end_of_period: bool) -> dt.date:
    day, month, year = match.group(1), match.group(2), int(match.group(3))
    month_number = list(calendar.month_name).index(month) if month else (12 if end_of_period else 1)
    if day:
        return dt.date(year, month_number, int(day))
    last = calendar.monthrange(year, month_number)[1]
    return dt.date(year, month_number, last if end_of_period else 1)


def offices_of_role(role: str) -> list[Held]:
    """The offices a role names, each with the dates the role gives it.

    "Secretary of Defense (from 21 September 1950)" starts on that day; "(Special Representative
    until March 1949)" ends then. A date elsewhere in the role bounds nothing.
    """
    held: list[Held] = []
    for office, start, end in offices_in(role):
        rest, before = role[end:], role[:start]
        since = until = None
        m = re.match(rf"[^;()]{{0,80}}?\(\s*from\s+{_WHEN}\s*\)", rest)
        if m:
            since = _when(m, end_of_period=False)
        m = re.match(rf"[^;()]{{0,40}}?\buntil\s+{_WHEN}\s*\)", rest)
        if m and "(" in before[-3:] + role[max(0, start - 1) : start]:
            until = _when(m, end_of_period=True)
        held.append(Held(office=office, since=since, until=until, words=role))
    return held


def title_offices(
    title: str, authors: frozenset[str], recipients: frozenset[str], resolve
) -> list[tuple[str, str]]:
    """(actor id, office) pairs a FRUS-style title gives: "The Chargé in Korea (Drumright) to the Secretary of State".

    A part naming a person in brackets gives that person the office; a part without a name gives
    it to the document's only author (or only recipient).
    """
    pairs: list[tuple[str, str]] = []
    parts = re.split(r"\s+to\s+(?=the\s|The\s|[A-Z])", title, maxsplit=1)
    for side, part in enumerate(parts[:2]):
        offices = offices_in(re.sub(r"\([^)]*\)", " ", part))
        if len(offices) != 1:
            continue
        named = re.findall(r"\(([^)]+)\)", part)
        actor = resolve(tuple(fold(named[-1]).split())) if named else None
        if actor is None and not named:
            group = authors if side == 0 else recipients
            actor = next(iter(group)) if len(group) == 1 else None
        if actor:
            pairs.append((actor, offices[0][0]))
    return pairs


def covers(written: str, held: str) -> bool:
    """True when the office an essay writes is the office held, or a general word for it."""
    return written == held or held in GENERAL.get(written, frozenset())
