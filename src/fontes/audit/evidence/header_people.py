"""People and their offices as the corpus's own document headers give them, with the documents' dates.

FRUS titles ("The Ambassador in the Soviet Union (Kirk) to the Secretary of State", "Message From
Prime Minister Eden to President Eisenhower") and Wilson Center titles ("Telegram from Soviet
Ambassador to the USA A. F. Dobrynin to the USSR Foreign Ministry", "Ciphered Telegram, Shtykov to
Vyshinsky") name a person, often with the office held on the document's day. The table is learned
from whatever corpus is given, so the audit knows the people of any subject; a case's actors'
offices are added to it, never put in its place.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from fontes.audit.evidence.actor_names import fold
from fontes.audit.lexicon.offices import ANY_OFFICE, offices_in
from fontes.dates import parse_date_or_none
from fontes.model import Actor, Case

#: The start of the id of an actor learned from the corpus's headers (not typed in a case).
CORPUS_ACTOR = "corpus-"

_CAP = r"(?:[A-Z][\w’'-]*|U\.S\.(?:S\.R\.)?|U\.K\.)"
_PLACE = rf"(?:\s+(?:in|of|to|at|for)\s+(?:the\s+)?{_CAP}(?:\s+{_CAP})*?){{0,2}}"
_NAME_WORD = r"[A-Z][a-zà-ÿ]+(?:['’-][A-Za-zà-ÿ]+)?(?![’'\w])"
_PERSON = rf"(?:[A-Z]\.\s?){{0,3}}{_NAME_WORD}(?:\s+{_NAME_WORD})?"
_AFTER_OFFICE = re.compile(
    rf"^(?P<place>{_PLACE})\s*(?:\((?P<bracketed>[^()]{{2,60}})\)|(?P<name>{_PERSON})"
    r"(?=\s*(?:$|[,;:]|\b(?:to|and|on|in|at|of|from|regarding|about|concerning|with)\b)))"
)
#: "Ciphered Telegram, Shtykov to Vyshinsky": names without offices.
_SENDER_TO = re.compile(
    rf"(?:^|,\s*|\b[Ff]rom\s+)(?P<sender>{_PERSON})\s+to\s+(?P<recipient>{_PERSON})\s*(?:$|[,(])"
)
_QUALIFIER = re.compile(
    r"(?:(?!(?:From|To|Between|And|The|Of|Message|Letter|Telegram|Memorandum|Ciphered|Cable)\b)[A-Z][\w-]*\s+){1,2}$"
)
_NOT_NAMES = frozenset(
    "the department embassy state states government ministry secretary president mission affairs offices "
    "office diplomatic representative representatives legation consulate delegation posts officers forces "
    "command committee council staff nations army navy chiefs cabinet bureau politburo presidium union "
    "republic kingdom".split()
)
#: A place that is another party ("to the Secretary of Defense", "to the Embassy in …"): what follows is not this office's holder.
_OTHER_PARTY = re.compile(
    rf"(?i:{ANY_OFFICE})|\b(?:Embassy|Mission|Legation|Consulate|Department|Delegation|Ministry|Office)\b"
)
#: "Special Assistant to the Secretary of State (Howe)": the office is another's, the name is not its holder's.
_SERVING = re.compile(
    r"\b(?:Assistant|Adviser|Advisor|Consultant|Aide|Counsel+or|Deputy|Officer|Liaison)\s+(?:to|for)\s+the\s+$",
    re.I,
)


@dataclass(frozen=True)
class HeaderOffice:
    """One header's words about one person: the office they give (None: a name only), on the document's day."""

    name: str  # as the header writes it ("Kirk", "A. F. Dobrynin")
    office: str | None
    words: str  # the header's words for the office ("The Ambassador in the Soviet Union")
    source: str  # the document id (or "actor:<id>" for a case's office)
    title: str
    since: dt.date | None
    until: dt.date | None

    def reaches(self, day: dt.date, days: int) -> bool:
        """True when the header's day (or the case's period) lies within `days` of `day`."""
        if self.since is None and self.until is None:
            return True
        reach = dt.timedelta(days=days)
        return (self.since is None or day >= self.since - reach) and (
            self.until is None or day <= self.until + reach
        )


def family_name(name: str) -> str:
    """The folded last word of a name: "A. F. Dobrynin" -> "dobrynin"."""
    words = fold(name).split()
    return words[-1] if words else ""


def _people_in_title(title: str) -> list[tuple[str, str | None, str]]:
    """(name, office, office words) for each person a header names."""
    probe = re.sub(r"\b(to|for) the\b", lambda m: m.group(1) + "·the", title)  # every office is read
    found: list[tuple[str, str | None, str]] = []
    for office, start, end in offices_in(probe):
        m = _AFTER_OFFICE.match(title[end:])
        if not m or _SERVING.search(title[:start]) or _OTHER_PARTY.search(m.group("place")):
            continue
        name = (m.group("bracketed") or m.group("name") or "").strip()
        if not name or family_name(name) in _NOT_NAMES or not name[:1].isupper():
            continue
        qualifier = _QUALIFIER.search(title[:start])
        begin = qualifier.start() if qualifier else start
        words = (title[begin:end] + m.group("place")).strip()
        found.append((name, office, words))
    if not found:
        m = _SENDER_TO.search(title)
        if m:
            found += [(m.group(role), None, "") for role in ("sender", "recipient")]
    return found


@dataclass
class HeaderPeople:
    """The people the corpus's headers name, by folded family name, with each header's office and day."""

    by_family: dict[str, list[HeaderOffice]] = field(default_factory=dict)

    @classmethod
    def from_documents(
        cls, documents: Iterable[tuple[str, str, str | None]], case: Case | None = None
    ) -> HeaderPeople:
        """The table from (id, title, date) of every document, with the case's actors' offices added."""
        people = cls()
        for doc_id, title, date in documents:
            when = parse_date_or_none(date) if date else None
            for name, office, words in _people_in_title(title or ""):
                people._add(
                    HeaderOffice(
                        name,
                        office,
                        words,
                        doc_id,
                        title,
                        when.earliest if when else None,
                        when.latest if when else None,
                    )
                )
        if case is not None:
            people._add_case(case)
        return people

    def _add(self, entry: HeaderOffice) -> None:
        key = family_name(entry.name)
        if len(key) > 2:
            self.by_family.setdefault(key, []).append(entry)

    def _add_case(self, case: Case) -> None:
        """The case's dated offices join the headers' for the people the headers already name."""
        for actor in case.actors:
            key = family_name(actor.name)
            if key not in self.by_family:
                continue
            for held in actor.offices:
                found = offices_in(held.title)
                start, end = parse_date_or_none(held.start), parse_date_or_none(held.end)
                self._add(
                    HeaderOffice(
                        actor.name,
                        found[0][0] if len(found) == 1 else None,
                        held.title,
                        f"actor:{actor.id}",
                        held.title,
                        start.earliest if start else None,
                        end.latest if end else None,
                    )
                )

    def offices_of(self, family: str) -> list[HeaderOffice]:
        """The headers (and case offices) that give the person an office."""
        return [h for h in self.by_family.get(family, []) if h.office]

    def spellings(self) -> dict[str, str]:
        """Each folded family name and the spelling the headers write."""
        return {key: entries[0].name.split()[-1] for key, entries in self.by_family.items()}

    def as_actors(self) -> list[Actor]:
        """The header people as actors (ids begin with CORPUS_ACTOR), for an audit with no case: the
        checks that follow people (dates, senders) then know the corpus's people by their names."""
        actors = []
        for key, entries in sorted(self.by_family.items()):
            names = sorted({e.name for e in entries}, key=len, reverse=True)
            offices = sorted({e.words for e in entries if e.words})
            actors.append(
                Actor(
                    id=f"{CORPUS_ACTOR}{key}",
                    name=names[0],
                    aliases=[n for n in names[1:]]
                    + ([key.capitalize()] if len(names[0].split()) > 1 else []),
                    role="; ".join(offices[:3]),
                )
            )
        return actors
