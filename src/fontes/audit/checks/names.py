"""The names check: misspelt names of the case's actors, and offices that contradict the sources.

(a) *name-variant* (warning): a name that is a slip of a letter or two from an actor's attested
    spelling ("Shytkov", "Mum Il") and is attested nowhere (not an alias, not in the corpus, not
    an ordinary word of the essay). A one-word slip must be backed by something besides the
    spelling: a swap of two letters, an office that fits the actor, or the actor named nearby.
(b) *office-mismatch* (error): an office the essay gives an actor ("Secretary of Defense
    Marshall", "K.M. Panikkar, the Indian envoy") that none of the actor's offices is (the case's
    role, the sources' titles), or that the role says began only after the sentence's date; and an
    act the essay gives to an office-holder (or to the sender of a message) that the records of
    that day give to another (a warning when the record names the essay's person in another part).
"""

from __future__ import annotations

import datetime as dt
import re

from rapidfuzz.distance import OSA, Levenshtein

from fontes.audit.checks.dates import best_passage
from fontes.audit.context import Audit
from fontes.audit.evidence.actor_names import ActorIndex, Mention, fold, is_person
from fontes.audit.evidence.catalogue import Catalogue, Known
from fontes.audit.evidence.claims import SentenceClaim
from fontes.audit.evidence.date_mentions import DateMention
from fontes.audit.evidence.dated_records import DatedRecord, Records, own_sentences
from fontes.audit.evidence.entry_documents import cited_days, document_words, named_document
from fontes.audit.evidence.header_people import CORPUS_ACTOR
from fontes.audit.evidence.offices_given import OfficeGiven
from fontes.audit.lexicon.document_kinds import MESSAGE
from fontes.audit.lexicon.offices import (
    FAMILY,
    Held,
    covers,
    offices_of_role,
    title_offices,
)
from fontes.audit.lexicon.transliteration import equivalent_spelling, other_system, romanized_polity
from fontes.audit.reading.essay import Essay
from fontes.dates import format_date
from fontes.model import Actor, Finding, FindingEvidence, FindingLocation

#: Offices of a period (an occupation) that the case's roles do not date: contradicted only by a
#: source of the sentence's date that gives another office.
PERIOD_OFFICES = frozenset({"occupation commander"})
#: How far from the sentence's date (days) a source's title still shows the office someone held.
TITLE_REACH_DAYS = 365
#: How near (days) a message from the essay's sender to its recipient must not lie, for the
#: essay's sender to be taken as wrong.
SENDER_REACH_DAYS = 7


def check_names(essay: Essay, context: Audit) -> list[Finding]:
    """Misspelt actor names (warnings) and offices or acts the sources give to someone else (errors)."""
    audit = context.with_essay(essay)
    records = audit.records
    claims = audit.body_claims
    lowercase = {w.casefold() for w in re.findall(r"\b[a-z][a-z'’-]+\b", essay.text)}
    findings: list[Finding] = []
    for claim in claims:
        # the corpus's header people are checked against their headers in header_offices.py
        given = [g for g in claim.offices if not g.mention.actor.startswith(CORPUS_ACTOR)]
        findings += _name_variants(claim, given, records, audit.catalogue, lowercase, audit)
        findings += _romanizations(claim, records.index)
        days = [m for m in claim.dates if m.is_day and not m.bound] if not claim.state_at else []
        day = days[0] if len(days) == 1 else None
        when = day.span[0] if day else _cited_day(claim, audit)
        for office in given:
            finding = (
                _post_of_another(claim, office, records)
                or _office_against_role(claim, office, when, records)
                or (_office_holder_elsewhere(claim, office, day, records) if day else None)
            )
            if finding:
                findings.append(finding)
        if day:
            finding = _sender_elsewhere(claim, day, records)
            if finding:
                findings.append(finding)
    return findings


def offices_held(actor: Actor, records: Records) -> list[Held]:
    """The offices an actor held: the case's role, and every source title that names the office."""
    held = offices_of_role(actor.role)
    reach = dt.timedelta(days=TITLE_REACH_DAYS)
    for record in records.items:
        if record.origin == "event" or actor.id not in record.actors:
            continue
        for who, office in title_offices(
            record.title, record.authors, record.recipients, records.index.resolve
        ):
            if who != actor.id:
                continue
            since, until = record.earliest - reach, record.latest + reach
            for bound in (h for h in held if h.office == office and h.source is None):
                # a title shows the office on its own day; the role's dates bound how far it reaches
                if bound.since and record.earliest >= bound.since:
                    since = max(since, bound.since)
                if bound.until and record.latest <= bound.until:
                    until = min(until, bound.until)
            held.append(Held(office=office, since=since, until=until, words=record.title, source=record.id))
    return held


# -- (b) offices against the role ----------------------------------------------------------------


def _cited_day(claim: SentenceClaim, audit: Audit) -> dt.date | None:
    """The one day of the document the sentence cites, when the sentence names no day itself."""
    if claim.state_at or claim.dates:
        return None
    days = cited_days(audit, claim)
    return days[0] if days is not None and days[0] == days[1] else None


def _office_against_role(
    claim: SentenceClaim, given: OfficeGiven, when: dt.date | None, records: Records
) -> Finding | None:
    actor = records.index.actors[given.mention.actor]
    if not is_person(actor):
        return None
    held = offices_held(actor, records)
    if not held:
        return None  # the case does not say what the actor was
    matching = [h for h in held if covers(given.office, h.office)]
    if any(h.holds_on(when) for h in matching):
        return None
    role_offices = [h for h in held if h.source is None]
    severity = "error"
    if matching:  # held, but not yet (or no longer) on the sentence's day
        bound = next((h for h in matching if h.since or h.until), None)
        if bound is None or when is None:
            return None
        if bound.since and when < bound.since:
            edge = f"from {format_date(bound.since.isoformat())}"
        elif bound.until:
            edge = f"until {format_date(bound.until.isoformat())}"
        else:
            return None
        message = (
            f"The essay calls {actor.name} {_article(given.office)} (“{_words(claim, given)}”) on "
            f"{format_date(when.isoformat())}; "
            f"the case gives {actor.name} that office only {edge} ({actor.role})."
        )
    elif given.office in PERIOD_OFFICES:
        why = _period_office(claim, given, actor, held, records)
        if why is None:
            return None
        message = why
        severity = "warning"  # the period's bounds are the sources' dates, not the case's
    else:
        if not role_offices and given.office in ("envoy", "commander", "secretary", "director"):
            return None
        if _same_kind_unknown(given.office, held):
            return None
        message = (
            f"The essay calls {actor.name} {_article(given.office)} (“{_words(claim, given)}”); "
            f"the case and the sources give "
            f"{actor.name} as {actor.role or ', '.join(sorted({h.office for h in held}))}."
        )
    evidence = [FindingEvidence(source=f"actor:{actor.id}", quote=actor.role)]
    evidence += _title_evidence(held, when, records)
    return _office_finding(claim, given, severity, message, evidence)


def _period_office(
    claim: SentenceClaim, given: OfficeGiven, actor: Actor, held: list[Held], records: Records
) -> str | None:
    """Why an office of a period the case does not bound (an occupation's) is wrong for the
    sentence's date: a source's title of that time, throughout the day, month or year the sentence
    names, gives the actor another office ("Ambassador in Korea (Muccio)" for a 1950 telegram)."""
    spans = {m.span for m in claim.dates if m.resolved and not m.bound} if not claim.state_at else set()
    if len(spans) != 1:
        return None
    [(first, last)] = spans
    dated = [records.by_id[h.source] for h in held if h.source and h.holds_on(first) and h.holds_on(last)]
    if not dated:
        return None
    record = min(dated, key=lambda r: abs((r.earliest - first).days))
    office = next(h.office for h in held if h.source == record.id)
    when = (
        format_date(first.isoformat())
        if first == last
        else f"{format_date(first.isoformat())} – {format_date(last.isoformat())}"
    )
    return (
        f"The essay calls {actor.name} {_article(given.office)} (“{_words(claim, given)}”) in a sentence "
        f"dated {when}; at that time {record.title} ({record.id}, {format_date(record.date)}) gives "
        f"{actor.name} as {office} ({actor.role})."
    )


def _post_of_another(claim: SentenceClaim, given: OfficeGiven, records: Records) -> Finding | None:
    """An ambassador given the post that the case gives another ambassador of the same country ("the
    American ambassador in India, Kirk", whose role is ambassador to the Soviet Union)."""
    actors = records.index.actors
    actor = actors.get(given.mention.actor)
    post = given.post.casefold()
    if actor is None or given.office != "ambassador" or not post or "ambassador" not in actor.role.casefold():
        return None
    if re.search(rf"\b{re.escape(post)}\b", actor.role.casefold()):
        return None
    at_post = re.compile(rf"\bambassador\s+(?:to|in|at)\s+(?:the\s+)?{re.escape(post)}\b")
    others = [
        a
        for a in actors.values()
        if a.id != actor.id and a.polity and a.polity == actor.polity and at_post.search(a.role.casefold())
    ]
    if not others:
        return None
    message = (
        f"The essay calls {actor.name} the ambassador in {given.post} (“{_words(claim, given)}”); the case "
        f"gives {actor.name} as {actor.role}, and that post to {others[0].name} ({others[0].role})."
    )
    evidence = [
        FindingEvidence(source=f"actor:{actor.id}", quote=actor.role),
        FindingEvidence(source=f"actor:{others[0].id}", quote=others[0].role),
    ]
    return _office_finding(claim, given, "error", message, evidence)


def _same_kind_unknown(office: str, held: list[Held]) -> bool:
    """True when the essay's office is of a kind the actor's known offices say nothing about
    (a personal secretary's role says nothing of ministries): no contradiction can be shown."""
    families = {FAMILY.get(h.office) for h in held}
    mine = FAMILY.get(office)
    comparable = {"government", "head", "mission", "military", "director"}
    return mine not in comparable or not families & comparable


def _title_evidence(held: list[Held], when: dt.date | None, records: Records) -> list[FindingEvidence]:
    titled = [(h, records.by_id[h.source]) for h in held if h.source]
    if when is not None:
        titled.sort(key=lambda pair: abs((pair[1].earliest - when).days))
    seen: set[str] = set()
    evidence: list[FindingEvidence] = []
    for h, record in titled:
        if h.office in seen:
            continue
        seen.add(h.office)
        evidence.append(FindingEvidence(source=record.id, url=record.url or None, quote=record.title))
        if len(evidence) == 2:
            break
    return evidence


def _words(claim: SentenceClaim, given: OfficeGiven) -> str:
    base = claim.sentence.start
    return claim.sentence.text[given.start - base : given.end - base].rstrip(",( ")


def _article(office: str) -> str:
    return ("an " if office[0] in "aeiou" else "a ") + office


# -- (b) acts the records of the day give to someone else ----------------------------------------


def _on_day(records: Records, day: DateMention) -> list[DatedRecord]:
    return [r for r in records.around(*day.span) if r.is_day]


def _office_holder_elsewhere(
    claim: SentenceClaim, given: OfficeGiven, day: DateMention, records: Records
) -> Finding | None:
    """The essay gives an act of its day to X as an office-holder; that day's records give it to Y."""
    person = given.mention.actor
    actor = records.index.actors[person]
    others = claim.actors - {person}
    if not others:
        return None
    that_day = [r for r in _on_day(records, day) if others & r.involved]
    if not that_day or any(person in r.involved for r in that_day):
        return None
    instead = set()
    for record in that_day:
        for other in record.involved - claim.actors:
            candidate = records.index.actors.get(other)
            if (
                candidate
                and is_person(candidate)
                and candidate.polity == actor.polity
                and any(_same_office_kind(given.office, h.office) for h in offices_held(candidate, records))
            ):
                instead.add(other)
    if len(instead) != 1:
        return None
    holder = records.index.actors[instead.pop()]
    shown = sorted(that_day, key=lambda r: r.origin == "event")
    message = (
        f"The essay gives what happened on {format_date(day.span[0].isoformat())} to {actor.name} "
        f"(“{_words(claim, given)}”); the records of that day give it to {holder.name} ({holder.role}) "
        f"and do not name {actor.name}."
    )
    evidence = [
        FindingEvidence(source=r.id, url=r.url or None, quote=_passage_naming(r, holder, claim, records))
        for r in shown[:2]
    ]
    evidence.append(FindingEvidence(source=f"actor:{holder.id}", quote=holder.role))
    return _office_finding(claim, given, "error", message, evidence)


def _same_office_kind(written: str, held: str) -> bool:
    """The office held is the one written, or one of the same kind (a chargé for "the ambassador")."""
    family = FAMILY.get(written)
    return covers(written, held) or (
        family in ("mission", "government", "military") and FAMILY.get(held) == family
    )


def _sender_elsewhere(claim: SentenceClaim, day: DateMention, records: Records) -> Finding | None:
    """The essay makes X the sender of a message to R on its day; the record of that day is from Y."""
    if not claim.sender or not claim.recipient or MESSAGE not in claim.kinds:
        return None
    sent = [
        r
        for r in _on_day(records, day)
        if r.origin != "event" and MESSAGE in r.kinds and claim.recipient in r.recipients and r.authors
    ]
    if not sent or any(claim.sender in r.authors for r in sent):
        return None
    reach = dt.timedelta(days=SENDER_REACH_DAYS)
    if any(
        claim.sender in r.authors and claim.recipient in r.recipients
        for r in records.around(day.span[0] - reach, day.span[1] + reach)
        if r.origin != "event"
    ):
        return None
    authors = {a for r in sent for a in r.authors}
    if len(authors) != 1:
        return None
    record = sent[0]
    writer = records.index.actors[authors.pop()]
    sender = records.index.actors[claim.sender]
    named = claim.sender in record.named
    also = (
        f"; it names {sender.name}, but not as its sender" if named else f" and does not name {sender.name}"
    )
    message = (
        f"The essay makes {sender.name} the sender of the message to "
        f"{records.index.actors[claim.recipient].name} of {format_date(day.span[0].isoformat())}; "
        f"the record of that day is {record.title}, from {writer.name} ({writer.role}){also}."
    )
    mention = next((m for m in claim.mentions if m.actor == claim.sender), None)
    evidence = [
        FindingEvidence(
            source=record.id,
            url=record.url or None,
            quote=_passage_naming(record, sender if named else writer, claim, records),
        ),
        FindingEvidence(source=f"actor:{writer.id}", quote=writer.role),
    ]
    return Finding(
        kind="office-mismatch",
        severity="warning" if named else "error",
        location=FindingLocation(
            paragraph=claim.paragraph.index,
            sentence=claim.sentence.index,
            start=mention.start if mention else day.start,
            end=mention.end if mention else day.end,
        ),
        message=message,
        excerpt=claim.sentence.text,
        evidence=evidence,
    )


def _office_finding(
    claim: SentenceClaim, given: OfficeGiven, severity: str, message: str, evidence: list[FindingEvidence]
) -> Finding:
    """An office-mismatch at the words that give the office."""
    return Finding(
        kind="office-mismatch",
        severity=severity,
        location=FindingLocation(
            paragraph=claim.paragraph.index, sentence=claim.sentence.index, start=given.start, end=given.end
        ),
        message=message,
        excerpt=claim.sentence.text,
        evidence=evidence,
    )


def _passage_naming(record: DatedRecord, actor: Actor, claim: SentenceClaim, records: Records) -> str:
    """The record's own words that name the actor (or, for its author, the opening), else its best passage."""
    for piece in own_sentences(record.text):
        if len(piece) > 20 and records.index.spelled_in(piece, actor.id):
            return piece if len(piece) <= 320 else piece[:320].rsplit(" ", 1)[0] + " …"
    return best_passage(record, claim.stems, records)


# -- (a) names that slip from an actor's spelling -------------------------------------------------


def _name_variants(
    claim: SentenceClaim,
    given: list[OfficeGiven],
    records: Records,
    catalogue: Catalogue,
    lowercase: set[str],
    audit: Audit | None = None,
) -> list[Finding]:
    findings = []
    index = records.index
    for mention in claim.mentions:
        if mention.exact or mention.actor.startswith(CORPUS_ACTOR):
            continue
        actor = index.actors[mention.actor]
        written = [t for t in fold(mention.text).split()]
        if any(t in lowercase for t in written if t not in index.tokens):
            continue  # an ordinary word of the essay, capitalised here
        if equivalent_spelling(mention.text, list(dict.fromkeys(actor.names())), actor.polity):
            continue  # a romanization, not a slip: _romanizations says which
        if not (_backed(mention, actor, claim, given, index) or _spelled_elsewhere(actor, audit)):
            continue
        if _attested(mention.text, records, catalogue):
            continue
        spellings = ", ".join(dict.fromkeys(actor.names()))
        message = (
            f"“{mention.text}” is not a spelling of {actor.name} ({actor.role}) found in the case or "
            f"the sources; they write {spellings}."
        )
        evidence = [FindingEvidence(source=f"actor:{actor.id}", quote=spellings)]
        cited = _cited_spelling(claim, actor, audit) if audit is not None else None
        if cited is not None:
            message += f" The cited source ({cited[0].id}) writes “{cited[1]}”."
            evidence.append(
                FindingEvidence(source=cited[0].id, url=cited[0].source.url or None, quote=cited[2])
            )
        else:
            evidence += _spelling_evidence(actor, claim, records)
        findings.append(_variant_finding(claim, mention, "warning", message, evidence))
    return findings


def _romanizations(claim: SentenceClaim, index: ActorIndex) -> list[Finding]:
    """An info for each name of the sentence that a standard romanization makes of an actor's spelling."""
    skip = [(q.start, q.end) for q in claim.sentence.quotations]
    names = {(m.start, m.end): m.text for m in claim.mentions if not m.exact}
    names.update(
        {
            (n.start, n.end): n.text
            for n in index.unresolved_names(claim.sentence.text, claim.sentence.start, skip)
        }
    )
    findings = []
    for (start, end), text in sorted(names.items()):
        if any(a <= start and end <= b and (a, b) != (start, end) for a, b in names):
            continue  # a word of a longer name judged whole
        for actor in index.actors.values():
            if not is_person(actor) or not romanized_polity(actor.polity):
                continue
            equivalent = equivalent_spelling(text, list(dict.fromkeys(actor.names())), actor.polity)
            if equivalent is not None:
                mention = Mention(actor=actor.id, text=text, start=start, end=end, exact=False)
                findings.append(_equivalence(claim, mention, actor, *equivalent))
                break
    return findings


def _variant_finding(
    claim: SentenceClaim, mention: Mention, severity: str, message: str, evidence: list[FindingEvidence]
) -> Finding:
    return Finding(
        kind="name-variant",
        severity=severity,
        location=FindingLocation(
            paragraph=claim.paragraph.index,
            sentence=claim.sentence.index,
            start=mention.start,
            end=mention.end,
        ),
        message=message,
        excerpt=claim.sentence.text,
        evidence=evidence,
    )


def _equivalence(claim: SentenceClaim, mention: Mention, actor: Actor, system: str, spelling: str) -> Finding:
    """An info: the essay's spelling is the one a standard romanization gives, not a slip."""
    whose = "" if spelling == actor.name else f", {actor.name}"
    message = (
        f"“{mention.text}” is the {system} spelling of {spelling} ({other_system(system)}){whose}: "
        f"the same name in another romanization, not an error."
    )
    return _variant_finding(
        claim, mention, "info", message, [FindingEvidence(source=f"actor:{actor.id}", quote=spelling)]
    )


def _spelled_elsewhere(actor: Actor, audit: Audit | None) -> bool:
    """The essay itself spells the actor's name as the case does somewhere (its slip is a slip)."""
    if audit is None:
        return False
    return any(m.actor == actor.id and m.exact for c in audit.body_claims for m in c.mentions)


def _cited_spelling(claim: SentenceClaim, actor: Actor, audit: Audit) -> tuple[Known, str, str] | None:
    """(document, spelling, its sentence) for the way a document the sentence's markers name spells the actor."""
    for marker in claim.sentence.markers:
        for number in marker.numbers:
            known = named_document(audit, number)
            if known is None or not known.in_corpus:
                continue
            words = document_words(audit, known)
            for spelling in sorted(set(actor.names()), key=len, reverse=True):
                found = re.search(rf"(?<!\w){re.escape(spelling)}(?!\w)", words)
                if found:
                    piece = next((p for p in own_sentences(words) if spelling in p), spelling)
                    return (
                        known,
                        spelling,
                        piece if len(piece) <= 240 else piece[:240].rsplit(" ", 1)[0] + " …",
                    )
    return None


def _backed(
    mention: Mention, actor: Actor, claim: SentenceClaim, given: list[OfficeGiven], index: ActorIndex
) -> bool:
    """Something besides the spelling says the name is the actor's."""
    words = fold(mention.text).split()
    if len(words) > 1:
        return True  # one word of it is exactly the actor's (a slip needs one kept word)
    spelled = [t for s in actor.names() for t in fold(s).split()]
    target = min(spelled, key=lambda t: OSA.distance(words[0], t))
    if OSA.distance(words[0], target) == 1 and Levenshtein.distance(words[0], target) == 2:
        return True  # two letters swapped
    held = offices_of_role(actor.role)
    if any(g.mention == mention and any(covers(g.office, h.office) for h in held) for g in given):
        return True
    return index.spelled_in(claim.paragraph.text, actor.id)


def _attested(written: str, records: Records, catalogue: Catalogue) -> bool:
    """True when the sources or the case spell the name this way (in a title, an author, a text)."""
    pattern = re.compile(rf"(?<!\w){re.escape(written)}(?!\w)", re.IGNORECASE)
    for record in records.items:
        if pattern.search(record.title) or pattern.search(record.text):
            return True
    for source in records.case.sources:
        if any(pattern.search(a) for a in [*source.authors, *source.recipients]):
            return True
    return any(
        pattern.search(f"{document.text} {document.notes} {document.source.title}")
        for document in catalogue.holding_phrase(written)
    )


def _spelling_evidence(actor: Actor, claim: SentenceClaim, records: Records) -> list[FindingEvidence]:
    """A source's own words spelling the actor's name, nearest the sentence's date."""
    when = next((m.earliest for m in claim.dates if m.is_day), None)
    candidates = [r for r in records.items if r.origin != "event" and actor.id in r.named and r.text]
    if when is not None:
        candidates.sort(key=lambda r: abs((r.earliest - when).days))
    for record in candidates:
        for piece in own_sentences(record.text):
            if records.index.spelled_in(piece, actor.id):
                quote = piece if len(piece) <= 240 else piece[:240].rsplit(" ", 1)[0] + " …"
                return [FindingEvidence(source=record.id, url=record.url or None, quote=quote)]
    return []
