"""Offices and spellings against the corpus's own headers, for the people the case does not know.

(a) *office-mismatch* (error): the essay gives a person an office ("the Soviet Foreign Minister
    Dobrynin") that no header of the corpus near the sentence's date gives them, when the headers
    do give them another ("Soviet Ambassador to the USA A. F. Dobrynin"). Offices of one kind
    (two of government) are compared only when two or more documents agree, since one person may
    hold two such offices at once.
(b) *name-variant* (warning): a capitalised word a letter from a name the headers write (two
    letters swapped, one dropped or added) that the corpus never writes.
The case's actors are left to the names check, which knows their roles.
"""

from __future__ import annotations

import datetime as dt
import re

from rapidfuzz.distance import OSA, Levenshtein

from fontes.audit.context import Audit
from fontes.audit.evidence.actor_names import fold
from fontes.audit.evidence.claims import SentenceClaim
from fontes.audit.evidence.entry_documents import cited_days
from fontes.audit.evidence.header_people import HeaderOffice, HeaderPeople
from fontes.audit.lexicon.months import FULL_MONTH, month_number
from fontes.audit.lexicon.offices import ANY_OFFICE, FAMILY, covers, offices_in, offices_of_role
from fontes.audit.reading.essay import Essay
from fontes.dates import format_date, parse_date_or_none
from fontes.model import Actor, Finding, FindingEvidence, FindingLocation

#: How far (days) from the sentence's date a header still shows the office someone held.
HEADER_REACH_DAYS = 365
#: How near (days) one header must lie to the sentence's day, when the headers do not lie on both sides of it.
NEAR_DAYS = 120
_GIVEN_NAMES = r"(?:(?:[A-Z]\.\s?){1,3}|(?:[A-Z][a-zà-ÿ]+\s+){1,2})?"
_QUALIFIER = r"(?:\s+(?:in|of|to|for|at)\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s*){1,3})?"
_BEFORE = re.compile(rf"(?P<office>(?i:{ANY_OFFICE})){_QUALIFIER}\s*(?P<glue>[,(])?\s*{_GIVEN_NAMES}$")
_AFTER = re.compile(
    rf"^\s*,\s*(?i:who\s+was\s+)?(?i:then\s+)?(?i:the|his|her)\s+(?:(?:[A-Z][\w.’'-]*|U\.S\.)\s+){{0,2}}"
    rf"(?P<office>(?i:{ANY_OFFICE}))\b(?![’']s)"
)
_TEMPORAL = re.compile(r"\b(?:former|later|future|ex|onetime|one-time|erstwhile|then-future)[-\s]*$", re.I)
_LEADING_THE = re.compile(r"^the\s+", re.I)
_MONTH_YEAR = re.compile(rf"\b({FULL_MONTH})\s+(1[5-9]\d\d|20\d\d)\b")
_CAPITALISED = re.compile(r"(?<![\w’'])[A-Z][a-zà-ÿ]{3,}(?![\w’'])")


def check_header_offices(essay: Essay, context: Audit) -> list[Finding]:
    """Offices the headers contradict (errors) and slips from names the headers write (warnings)."""
    audit = context.with_essay(essay)
    people = audit.header_people
    known = {t for a in audit.case.actors for n in a.names() for t in fold(n).split()}
    lowercase = {w.casefold() for w in re.findall(r"\b[a-z][a-z'’-]+\b", essay.text)}
    findings: list[Finding] = []
    for claim in audit.body_claims:
        dated = _sentence_day(claim, audit)
        for family, spelling in people.spellings().items():
            if family in known:
                continue
            for start, end in _occurrences(claim.masked, spelling):
                finding = _office_against_headers(claim, family, start, end, dated, people)
                if finding:
                    findings.append(finding)
        findings += _slips(claim, people, known, lowercase, audit)
        findings += _outside_period(claim, audit)
    return findings


# -- (c) an office of the case's actors given for a day outside its period ---------------------------


def _outside_period(claim: SentenceClaim, audit: Audit) -> list[Finding]:
    """The essay gives a case actor an office on a day the case's dated offices put outside its
    period ("Secretary of State Acheson" in 1948), when neither the role nor another period holds it."""
    found: list[Finding] = []
    days = [m for m in claim.dates if m.earliest is not None and m.latest is not None and not m.bound]
    if claim.state_at or len({(m.earliest, m.latest) for m in days}) > 1:
        return found
    if days:
        (earliest, latest), about = days[0].span, days[0].text
    else:
        cited = cited_days(audit, claim)  # no day of its own: the day of the document it cites
        if cited is None:
            return found
        (earliest, latest), about = cited, "the day of the document it cites"
    for given in claim.offices:
        actor = next((a for a in audit.case.actors if a.id == given.mention.actor), None)
        if (
            actor is None
            or not given.mention.exact
            or _TEMPORAL.search(claim.sentence.text[: given.start - claim.sentence.start])
        ):
            continue
        dated = [o for o in actor.offices if any(covers(given.office, f) for f, _, _ in offices_in(o.title))]
        if not dated or any(_overlaps(o.start, o.end, earliest, latest) for o in dated):
            continue
        if not _period_speaks(actor, given.office, dated, earliest, latest):
            continue
        periods = "; ".join(f"{o.title}, {_period(o.start, o.end)}" for o in dated)
        found.append(
            Finding(
                kind="office-mismatch",
                severity="warning",
                location=FindingLocation(
                    paragraph=claim.paragraph.index,
                    sentence=claim.sentence.index,
                    start=given.start,
                    end=given.end,
                ),
                message=(
                    f"The essay gives {actor.name} the office of {given.office} (“{claim.sentence.text[given.start - claim.sentence.start : given.end - claim.sentence.start]}”) "
                    f"in a sentence about {about}; the case dates that office of {actor.name}: {periods}."
                ),
                excerpt=claim.sentence.text,
                evidence=[FindingEvidence(source=f"actor:{actor.id}", quote=periods)],
            )
        )
    return found


def _period_speaks(actor: Actor, office: str, dated: list, earliest: dt.date, latest: dt.date) -> bool:
    """The dated offices decide: the role names the office (else the names check judges it) and adds
    no undated holding of it (the role is the dated title itself), or the case dates another office
    the actor held that day ("Chairman Mao" before 1 October 1949 is his party's chairman)."""
    if not any(covers(office, h.office) for h in offices_of_role(actor.role)):
        return False
    role = _LEADING_THE.sub("", actor.role.strip()).casefold()
    if any(_LEADING_THE.sub("", o.title).casefold() == role for o in dated):
        return True
    return any(_overlaps(o.start, o.end, earliest, latest) for o in actor.offices if o not in dated)


def _overlaps(start: str | None, end: str | None, earliest: dt.date, latest: dt.date) -> bool:
    first, last = parse_date_or_none(start), parse_date_or_none(end)
    return (first is None or latest >= first.earliest) and (last is None or earliest <= last.latest)


def _period(start: str | None, end: str | None) -> str:
    if start and end:
        return f"from {format_date(start)} to {format_date(end)}"
    return f"from {format_date(start)}" if start else f"until {format_date(end or '')}"


def _sentence_day(claim: SentenceClaim, audit: Audit) -> tuple[dt.date, str] | None:
    """The day the sentence speaks of and its words (its first dated mention, else its paragraph's)."""
    for mention in claim.dates:
        if mention.earliest is not None:
            return mention.earliest, mention.text
    month = _MONTH_YEAR.search(claim.masked)
    if month:
        return dt.date(int(month.group(2)), month_number(month.group(1)) or 1, 1), month.group(0)
    for other in audit.body_claims:
        if other.paragraph.index == claim.paragraph.index:
            for mention in other.dates:
                if mention.earliest is not None and mention.year_given:
                    return mention.earliest, mention.text
    return None


def _occurrences(masked: str, spelling: str) -> list[tuple[int, int]]:
    """Where the sentence (quotations blanked) writes the name, capitalised as a name."""
    pattern = re.compile(rf"(?<![\w’']){re.escape(spelling)}(?!\w)", re.IGNORECASE)
    return [(m.start(), m.end()) for m in pattern.finditer(masked) if masked[m.start()].isupper()]


def _office_given(masked: str, start: int, end: int) -> tuple[str, int, int] | None:
    """(office, start, end) of the office the sentence attaches to the name at start:end."""
    left = masked[max(0, start - 100) : start]
    m = _BEFORE.search(left)
    after = masked[end : end + 2]
    if m and m.group("glue") == "," and not re.match(r"\s*(?:[,)—;:]|$)", after):
        m = None  # "the Foreign Minister, Makins and Lloyd": a list, not an apposition
    if m and m.group("glue") == "(" and not after.startswith(")"):
        m = None
    if m and not _TEMPORAL.search(left[: m.start()]) and not re.search(r"['’]s\s*$", left):
        found = offices_in(m.group("office"))
        if len(found) == 1:
            return found[0][0], start - len(left) + m.start(), end
    m = _AFTER.search(masked[end : end + 90])
    if m:
        found = offices_in(m.group("office"))
        if len(found) == 1:
            return found[0][0], start, end + m.end()
    return None


def _office_against_headers(
    claim: SentenceClaim,
    family: str,
    start: int,
    end: int,
    dated: tuple[dt.date, str] | None,
    people: HeaderPeople,
) -> Finding | None:
    day = dated[0] if dated else None
    given = _office_given(claim.masked, start, end)
    if given is None:
        return None
    office, office_start, office_end = given
    held = [h for h in people.offices_of(family) if day is None or h.reaches(day, HEADER_REACH_DAYS)]
    if not held or any(covers(office, h.office or "") for h in held):
        return None
    documents = {h.source for h in held if not h.source.startswith("actor:")}
    if not _close_or_around(held, day, len(documents)):
        return None  # the headers lie on one side of the day, far from it: the office may have changed
    if FAMILY.get(office) in {FAMILY.get(h.office or "") for h in held} and len(documents) < 2:
        return None  # one header of the same kind: the person may have held both
    return _mismatch(claim, office, (office_start, office_end), held, dated)


def _close_or_around(held: list[HeaderOffice], day: dt.date | None, documents: int) -> bool:
    """The headers speak for the day: one lies within NEAR_DAYS of it, or they lie on both sides of it
    (an undated sentence: two documents or more agree)."""
    if day is None:
        return documents >= 2
    near = dt.timedelta(days=NEAR_DAYS)
    days = [h.since for h in held if h.since is not None]
    if not days:
        return True  # a case's office without bounds
    if any(abs(d - day) <= near for d in days):
        return True
    return min(days) <= day <= max(days)


def _mismatch(
    claim: SentenceClaim, office: str, span: tuple[int, int], held: list[HeaderOffice], dated
) -> Finding:
    day = dated[0] if dated else None
    shown = sorted(held, key=lambda h: abs((h.since - day).days) if day and h.since else 0)
    name = shown[0].name
    said = claim.sentence.text[span[0] : span[1]]
    words = ", ".join(dict.fromkeys(f"“{h.words} ({h.name})”" for h in shown[:3]))
    when = f" in a sentence about {dated[1]}" if dated else ""
    message = (
        f"The essay calls {name} {_article(office)} (“{said}”){when}; the corpus's headers call "
        f"{name} {words}, in {len({h.source for h in held})} document(s)."
    )
    return Finding(
        kind="office-mismatch",
        severity="error",
        location=FindingLocation(
            paragraph=claim.paragraph.index,
            sentence=claim.sentence.index,
            start=claim.sentence.start + span[0],
            end=claim.sentence.start + span[1],
        ),
        message=message,
        excerpt=claim.sentence.text,
        evidence=[FindingEvidence(source=h.source, quote=h.title) for h in shown[:3]],
    )


def _article(office: str) -> str:
    return ("an " if office[0] in "aeiou" else "a ") + office


def _slips(
    claim: SentenceClaim, people: HeaderPeople, known: set[str], lowercase: set[str], audit: Audit
) -> list[Finding]:
    findings = []
    spellings = people.spellings()
    for m in _CAPITALISED.finditer(claim.masked):
        word = fold(m.group(0))
        if word in spellings or word in known or word in lowercase:
            continue
        if re.match(r"\s+[A-Z][a-zà-ÿ]", claim.masked[m.end() : m.end() + 3]):
            continue  # a given name before a family name ("Steven Smith"), not a slip of one
        target = next(
            (k for k in spellings if len(k) > 4 and k not in known and _one_letter_slip(word, k)), None
        )
        if target is None or _attested(m.group(0), audit):
            continue
        entry = people.by_family[target][0]
        findings.append(
            Finding(
                kind="name-variant",
                severity="warning",
                location=FindingLocation(
                    paragraph=claim.paragraph.index,
                    sentence=claim.sentence.index,
                    start=claim.sentence.start + m.start(),
                    end=claim.sentence.start + m.end(),
                ),
                message=(
                    f"“{m.group(0)}” is one letter from {spellings[target]}, as the corpus's headers "
                    f"write the name; the corpus never writes “{m.group(0)}”."
                ),
                excerpt=claim.sentence.text,
                evidence=[FindingEvidence(source=entry.source, quote=entry.title)],
            )
        )
    return findings


def _one_letter_slip(written: str, attested: str) -> bool:
    """Two neighbouring letters swapped, or one letter dropped or added (a substitution may be a
    transliteration, which the names check judges)."""
    if OSA.distance(written, attested) != 1:
        return False
    swapped = Levenshtein.distance(written, attested) == 2
    return swapped or abs(len(written) - len(attested)) == 1


def _attested(written: str, audit: Audit) -> bool:
    """True when the corpus writes the word somewhere (then it is a spelling, not a slip)."""
    if audit.store is None:
        return False
    pattern = re.compile(rf"(?<!\w){re.escape(written)}(?!\w)", re.IGNORECASE)
    for hit in audit.store.search(f'"{written}"', limit=3):
        document = audit.catalogue.document(hit.id)
        if document and pattern.search(f"{document.text} {document.notes} {document.source.title}"):
            return True
    return False
