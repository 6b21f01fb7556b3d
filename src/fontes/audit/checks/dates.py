"""The date check: the days an essay gives documents and events, against the case and the corpus.

A sentence's date is compared with the records of the same description: the same people (as
sender and recipient where the sentence says so), the same kind of thing (a message, a meeting,
a speech, a decision, a report), and the same content. Precision comes first:

- a record of that description on the essay's day (or on that day in a year the context leaves
  open) ends the matter: no finding;
- a *date-mismatch* is reported only when exactly one document or event (with its sources)
  fits well on everything but the date, lies within 45 days (or on the same day of a month up
  to three months away), and does not itself speak of the essay's day; it is an error, or a
  warning when the sources' own date is uncertain or they disagree;
- when the only record on the essay's day is a draft and the sentence says the message was
  sent, a warning names the draft and the message that was sent;
- when nothing fits the content but a record of the same people and kind lies close by,
  an *info* says there is no record of that day and names the nearest one (ten days at most).
"""

from __future__ import annotations

import datetime as dt
import re

from fontes.audit.context import Audit
from fontes.audit.evidence.catalogue import Known, date_bounds
from fontes.audit.evidence.claims import SentenceClaim, masked
from fontes.audit.evidence.date_mentions import DateMention
from fontes.audit.evidence.dated_records import DatedRecord, Records, own_sentences
from fontes.audit.evidence.entry_documents import document_words, misdated_entry, named_document
from fontes.audit.evidence.entry_match import SECONDARY_TYPES
from fontes.audit.evidence.words import content_stems
from fontes.audit.lexicon.document_kinds import DOCUMENT_NOUNS, DOCUMENT_VERBS, MESSAGE, TYPE_WORDS
from fontes.audit.lexicon.months import month_name
from fontes.audit.lexicon.offices import ANY_OFFICE
from fontes.audit.reading.essay import Essay
from fontes.dates import format_date
from fontes.model import Finding, FindingEvidence, FindingLocation

#: How far (days) a record may lie from the essay's date and still be the one it misdates; a record
#: on the same day of another month may lie further (a month written for another).
WINDOW_DAYS = 45
MONTH_SLIP_DAYS = 92
#: How near (days) a record must be to be named as the nearest when there is no record of the day.
NEAREST_DAYS = 10
#: How much content a record must share with the sentence to fit it well, and by how much it
#: must beat the next record of the same description.
MIN_SIMILARITY = 9.0
MIN_SHARED_WORDS = 2
MIN_LEAD = 1.5
#: The smaller lead enough when the two dates differ as a slip of the pen does (19 for 9 October).
MIN_LEAD_FOR_SLIP = 1.25
_SENT_KINDS = re.compile(r"\b(telegram|cable)\b", re.IGNORECASE)


def check_dates(essay: Essay, context: Audit) -> list[Finding]:
    """Date mismatches, drafts taken for messages sent, and days of which the sources keep no record."""
    audit = context.with_essay(essay)
    records = audit.records
    findings: list[Finding] = []
    for claim in audit.body_claims:
        days = [m for m in claim.dates if m.is_day and not m.bound]
        if claim.state_at:
            continue
        if not days:
            # a day and month the essay's context gives no year: the entry's document may still disagree
            loose = [m for m in claim.dates if _yearless_day(m)]
            finding = _against_entry(claim, loose[0], audit) if len(loose) == 1 else None
        elif len({(m.earliest, m.latest) for m in days}) != 1:
            continue  # two days in one sentence: which one dates what cannot be told apart
        else:
            finding = _judge(claim, days[0], records) if claim.actors and claim.kinds else None
            if finding is None or finding.severity == "info":
                # "no record of that day" says less than the cited document's own other date
                finding = _against_entry(claim, days[0], audit) or finding
        if finding is not None:
            findings.append(finding)
    return findings


def _yearless_day(mention: DateMention) -> bool:
    return mention.earliest is None and bool(mention.month and mention.day) and not mention.bound


# -- the day of the document the marker's entry names --------------------------------------------

_SUBJECT = rf"(?:(?:the|a|an|his|her|their|its|[A-Z][\w.'’-]*|{ANY_OFFICE})\s+){{0,6}}?"
_NOUN_BEFORE = re.compile(
    rf"\b(?:{DOCUMENT_NOUNS})\s+(?:(?:[A-Z][\w'’-]*|sent|written|signed|issued|drafted|delivered|"
    rf"dispatched|despatched)\s+){{0,2}}(?:of|dated|on|from)\s+(?:the\s+)?$"
)
_NOUN_AFTER = re.compile(rf"^(?:,?\s+\d{{4}})?\s+(?:{DOCUMENT_NOUNS})\b")
_VERB_AFTER = re.compile(rf"^(?:,?\s+\d{{4}})?,?\s+{_SUBJECT}(?:{DOCUMENT_VERBS})\b")
_ON_BEFORE = re.compile(r"(?:^|\b[Oo]n\s+)$")
#: "sent this telegram over his own name on 30 September": the document sent, then its day.
_SENT_ON = re.compile(
    rf"\b(?:sent|signed|dispatched|despatched|issued|delivered)\s+(?:the|this|that|his|her|its|their|a)\s+"
    rf"(?:[\w'’-]+\s+)?(?:{DOCUMENT_NOUNS})\b[^.;:()]{{0,40}}?\s+on\s+(?:the\s+)?$"
)


def dates_a_document(text: str, start: int, end: int) -> bool:
    """True when the date at text[start:end] is the day of a document the sentence names: "the
    telegram of 12 June", "the 12 June memorandum", "On 4 August the ambassador cabled", "sent
    the telegram on 30 September"."""
    before, after = text[:start], text[end:]
    if _NOUN_BEFORE.search(before) or _NOUN_AFTER.match(after) or _SENT_ON.search(before):
        return True
    return bool(_ON_BEFORE.search(before) and _VERB_AFTER.match(after))


def _against_entry(claim: SentenceClaim, mention: DateMention, audit: Audit) -> Finding | None:
    """A date-mismatch when the sentence dates a document and its marker's entry (its right entry,
    when the marker is part of a shifted run) names a document of the corpus dated another day."""
    base = claim.sentence.start
    if not dates_a_document(claim.sentence.text, mention.start - base, mention.end - base):
        return None
    named = _documents_named(claim, audit)
    if len(named) != 1:
        return None  # no document, or several: which one the date belongs to cannot be told
    number, known = named[0]
    if not _same_kind(claim, known):
        return None  # "the directive of 27 September" cited to a telegram dates another document
    bounds = date_bounds(known.source.date)
    if bounds is None or bounds[0] != bounds[1] or not known.in_corpus:
        return None  # a corpus document's own date only: a case's title alone may date loosely
    day, said = bounds[0], mention.earliest or _in_year(mention, bounds[0].year)
    if said is None or said == day:
        return None
    if mention.earliest is not None and any(a <= day <= b for a, b in _possible_days(mention)):
        return None
    if abs((day - said).days) > MONTH_SLIP_DAYS and (day.month, day.day) != (said.month, said.day):
        return None  # too far to be a misdating: another document altogether
    words = document_words(audit, known)
    if names_day(words, said):
        return None  # the document itself speaks of the essay's day
    uncertain = bool(re.search(r"[?~%]", known.source.date or ""))
    source = known.source
    passage = _passage(words, claim.stems)
    shown = (
        _day(mention)
        if mention.earliest
        else f"{said.day} {month_name(said.month)} (the essay gives no year)"
    )
    message = (
        f"The essay dates this document to {shown}, but entry [{number}] names {source.title} "
        f"({source.id}), which is dated {format_date(source.date)}: “{passage}”"
    )
    evidence = [FindingEvidence(source=source.id, url=source.url or None, quote=passage)]
    return _finding("date-mismatch", "warning" if uncertain else "error", claim, mention, message, evidence)


def _same_kind(claim: SentenceClaim, known: Known) -> bool:
    """Whether the kinds of document the sentence names (its words for them) include the cited
    document's kind; true when it names none, or the document has no kind."""
    kind = known.source.doc_type
    named = [TYPE_WORDS[w] for w in re.findall(r"[a-z]+", masked(claim.sentence).lower()) if w in TYPE_WORDS]
    return not kind or not named or any(kind in types for types in named)


def _in_year(mention: DateMention, year: int) -> dt.date | None:
    """The essay's day and month in the document's year (None for a day no such month has)."""
    try:
        return dt.date(year, mention.month or 0, mention.day or 0)
    except ValueError:
        return None


def _documents_named(claim: SentenceClaim, audit: Audit) -> list[tuple[int, Known]]:
    """The primary documents the sentence's markers' entries name (a shifted marker's right entry), one each."""
    misdated = misdated_entry(audit, claim)
    if misdated is not None:
        return [misdated]
    named: dict[str, tuple[int, Known]] = {}
    cited = audit.cited(claim)
    for marker in claim.sentence.markers:
        for number in marker.numbers:
            shift = audit.alignment.offset_at(marker) or 0
            known = named_document(audit, number - shift)
            if known is None:
                continue
            if known.source.doc_type in SECONDARY_TYPES or (cited is not None and cited.source != known.id):
                return []  # the sentence cites another document, or cites a scholar too
            named.setdefault(known.id, (number - shift, known))
    return list(named.values())


def _passage(words: str, stems: list[str]) -> str:
    """The sentence of a document's words that shares most with the essay's sentence."""
    pieces = [p for p in own_sentences(words) if len(p) > 20] or [words]
    wanted = set(stems)
    best = max(pieces, key=lambda p: len(set(content_stems(p)) & wanted))
    return best if len(best) <= 320 else best[:320].rsplit(" ", 1)[0] + " …"


def _one_day(claim: SentenceClaim) -> DateMention | None:
    """The one day a sentence dates a thing it describes, or None (no day, two days, no people or kind)."""
    if claim.state_at or not claim.actors or not claim.kinds:
        return None
    days = [m for m in claim.dates if m.is_day and not m.bound]
    if len({(m.earliest, m.latest) for m in days}) != 1:
        return None  # two days in one sentence: which one dates what cannot be told apart
    return days[0]


def misdated_record(claim: SentenceClaim, audit: Audit) -> DatedRecord | None:
    """The record a sentence describes on another day than its own: the one a date-mismatch names."""
    day = _one_day(claim)
    if day is None:
        return None
    fit = _fit(claim, day, audit.records)
    if fit is None or fit[0] != "mismatch" or fit[1] is None:
        return None
    return _prefer_source(fit[2], fit[1])


# -- what fits ---------------------------------------------------------------------------------


def _direction_fits(claim: SentenceClaim, record: DatedRecord) -> bool:
    if claim.sender and record.authors and claim.sender not in record.authors:
        return False
    if claim.recipient and record.recipients and claim.recipient not in record.recipients:
        return False
    # a document whose author is unknown fits a sender only when its words name the sender
    return not (
        claim.sender and record.origin != "event" and not record.authors and claim.sender not in record.named
    )


def described(claim: SentenceClaim, record: DatedRecord) -> bool:
    """The record is of the kind the sentence names and shares its people (in the right direction)."""
    return (
        bool(claim.kinds & record.kinds)
        and bool(claim.actors & record.involved)
        and _direction_fits(claim, record)
    )


def _all_people(claim: SentenceClaim, record: DatedRecord) -> bool:
    return claim.actors <= record.involved


def _days_apart(mention: DateMention, record: DatedRecord) -> int:
    earliest, latest = mention.span
    if record.on(earliest, latest):
        return 0
    if record.latest < earliest:
        return (earliest - record.latest).days
    return (record.earliest - latest).days


def _possible_days(mention: DateMention) -> list[tuple[dt.date, dt.date]]:
    """The essay's day, and the same day in the years its context leaves open."""
    days = [mention.span]
    years = set(mention.other_years)
    if not mention.year_given:
        year = mention.span[0].year
        years |= {year - 1, year + 1}
    for year in sorted(years):
        shifted = mention.shifted(year)
        if shifted:
            days.append(shifted)
    return days


def _clusters(candidates: list[DatedRecord]) -> list[list[DatedRecord]]:
    """Records that are one thing: an event and the sources it cites."""
    groups: list[list[DatedRecord]] = []
    placed: dict[str, int] = {}
    for record in candidates:
        linked = set(record.sources) | set(record.events)
        home = next((placed[i] for i in linked if i in placed), None)
        if home is None:
            home = len(groups)
            groups.append([])
        groups[home].append(record)
        placed[record.id] = home
        for other in linked:
            placed.setdefault(other, home)
    return groups


# -- judging one date ---------------------------------------------------------------------------


def _judge(claim: SentenceClaim, mention: DateMention, records: Records) -> Finding | None:
    fit = _fit(claim, mention, records)
    if fit is None:
        return None
    if fit[0] == "on-day":
        return _draft_taken_for_sent(claim, mention, fit[2], records)
    if fit[0] == "mismatch" and fit[1] is not None:
        return _mismatch(claim, mention, fit[1], fit[2], records)
    return _no_record(claim, mention, fit[2], records)


def _fit(
    claim: SentenceClaim, mention: DateMention, records: Records
) -> tuple[str, DatedRecord | None, list[DatedRecord]] | None:
    """What the records say of a sentence's day: ("on-day", None, records of that day), ("mismatch",
    the record it misdates, its group), ("near", None, records close by), or None."""
    day = mention.span[0]
    reach = dt.timedelta(days=MONTH_SLIP_DAYS)
    pool = {r.id: r for a, b in _possible_days(mention) for r in records.around(a - reach, b + reach)}
    fitting = [r for r in pool.values() if described(claim, r)]
    on_day = [r for r in fitting if any(r.on(a, b) for a, b in _possible_days(mention))]
    if on_day:
        return ("on-day", None, on_day)
    near = [
        r
        for r in fitting
        if _all_people(claim, r)
        and (r.latest - r.earliest).days <= 7
        and (_days_apart(mention, r) <= WINDOW_DAYS or (r.earliest.day == day.day and r.is_day))
    ]
    if not near:
        return None
    scored = []
    for group in _clusters(near):
        best = max(group, key=lambda r: records.similarity(claim.stems, r))
        scored.append((records.similarity(claim.stems, best), best, group))
    scored.sort(key=lambda s: -s[0])
    score, best, group = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    shared = records.shared_words(claim.stems, best)
    if any(names_day(r.text + " " + r.summary, day) for r in group):
        return None  # the record itself speaks of the essay's day: the essay may describe that
    lead = MIN_LEAD_FOR_SLIP if likely_slip(day, best) else MIN_LEAD
    if score >= MIN_SIMILARITY and len(shared) >= MIN_SHARED_WORDS and score >= lead * runner_up:
        return ("mismatch", best, group)
    return ("near", None, near)


def names_day(text: str, day: dt.date) -> bool:
    """True when a text writes this day of the month ("27 June", "June 27", "6-27", "27/6")."""
    month = month_name(day.month)
    short = month_name(day.month, short=True)
    patterns = [
        rf"\b{day.day}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{month}|{short}\.?)\b",
        rf"\b(?:{month}|{short}\.?)\s+{day.day}(?:st|nd|rd|th)?\b",
        rf"(?<![\d/–-]){day.month}[/–-]{day.day}(?:[/–-]\d{{2,4}})?(?![\d/–-])",
    ]
    return any(re.search(p, text) for p in patterns)


def likely_slip(day: dt.date, record: DatedRecord) -> bool:
    """True when the essay's day differs from the record's as slips do: a day or two (sent and
    received), a digit added, dropped or changed in the day of the same month (19 for 9, 13 for
    23), or the same day of the month next to it."""
    if not record.is_day:
        return False
    other = record.earliest
    if abs((day - other).days) <= 2:
        return True
    if (day.year, day.month) == (other.year, other.month):
        a, b = str(day.day), str(other.day)
        changed = sum(x != y for x, y in zip(a, b)) if len(a) == len(b) else None
        return (len(a) != len(b) and (a in b or b in a)) or (len(a) == len(b) == 2 and changed == 1)
    return day.year == other.year and day.day == other.day and abs(day.month - other.month) == 1


def _mismatch(
    claim: SentenceClaim, mention: DateMention, best: DatedRecord, group: list[DatedRecord], records: Records
) -> Finding:
    named = _prefer_source(group, best)
    dates = {(r.earliest, r.latest) for r in group if r.origin != "event" or len(group) == 1}
    uncertain = named.uncertain or len(dates) > 1 or named.credibility < 0.7
    severity = "warning" if uncertain else "error"
    doubt = " (the sources' dates disagree or are uncertain)" if uncertain and not named.uncertain else ""
    message = (
        f"The essay dates this to {_day(mention)}, but {_what(named)} is dated "
        f"{format_date(named.date)}{doubt}."
    )
    evidence = [_evidence(named, claim.stems, records)]
    evidence += [_evidence(r, claim.stems, records) for r in group if r is not named][:2]
    return _finding("date-mismatch", severity, claim, mention, message, evidence)


def _draft_taken_for_sent(
    claim: SentenceClaim, mention: DateMention, on_day: list[DatedRecord], records: Records
) -> Finding | None:
    """A warning when the only record of the day is a draft and the essay says the message was sent."""
    if not claim.dispatch or MESSAGE not in claim.kinds:
        return None
    days = [r for r in on_day if r.is_day and r.origin != "event"]
    if not days or not all(r.draft for r in days):
        return None
    draft = days[0]
    later = (
        [
            records.by_id[i]
            for e in draft.events
            for i in records.by_id[e].sources
            if i in records.by_id and i != draft.id
        ]
        if draft.events
        else []
    )
    sent = [r for r in later if not r.draft and r.earliest > draft.latest and _SENT_KINDS.search(r.title)]
    evidence = [_evidence(draft, claim.stems, records)]
    if sent:
        final = min(sent, key=lambda r: r.earliest)
        between = [
            r for r in later if draft.latest < r.earliest < final.earliest and "draft" in r.text.lower()
        ]
        message = (
            f"The essay says the message was sent on {_day(mention)}, but the record of that day is a "
            f"draft ({draft.title}); the sources give the message as sent in {final.title} "
            f"({format_date(final.date)})."
        )
        evidence += [_evidence(r, ["draft", *claim.stems], records) for r in between]
        evidence.append(_evidence(final, claim.stems, records))
    else:
        message = (
            f"The essay says the message was sent on {_day(mention)}, but the only record of that day "
            f"is a draft ({draft.title})."
        )
    return _finding("date-mismatch", "warning", claim, mention, message, evidence)


def _no_record(
    claim: SentenceClaim, mention: DateMention, near: list[DatedRecord], records: Records
) -> Finding | None:
    """An info naming the nearest record of the same people and kind, when one lies close by."""
    close = sorted(
        (r for r in near if _days_apart(mention, r) <= NEAREST_DAYS and r.is_day),
        key=lambda r: (_days_apart(mention, r), r.origin == "event"),
    )
    if not close:
        return None
    nearest = close[0]
    ties = [
        r
        for r in close
        if _days_apart(mention, r) == _days_apart(mention, nearest)
        and not (set(r.sources) | set(r.events)) & {nearest.id}
        and r.id != nearest.id
    ]
    if ties:
        return None
    kinds = sorted(claim.kinds & nearest.kinds) or sorted(claim.kinds)
    message = (
        f"No record of a {kinds[0]} on {_day(mention)} naming "
        f"{_people(claim, records)} is among the case's sources or the corpus; the nearest is "
        f"{nearest.title.rstrip('.')} ({format_date(nearest.date)})."
    )
    return _finding("date-mismatch", "info", claim, mention, message, [_evidence(nearest, claim.stems, None)])


# -- wording ------------------------------------------------------------------------------------


def _prefer_source(group: list[DatedRecord], best: DatedRecord) -> DatedRecord:
    sources = [r for r in group if r.origin != "event" and r.earliest == best.earliest]
    return sources[0] if sources else best


def _day(mention: DateMention) -> str:
    shown = format_date(mention.span[0].isoformat())
    return shown if mention.year_given else f"{shown} (year from the essay's context)"


def _what(record: DatedRecord) -> str:
    return (
        f"{record.title} ({record.id})"
        if record.origin != "event"
        else f"the event “{record.title}” ({record.id})"
    )


def _people(claim: SentenceClaim, records: Records) -> str:
    names = [records.index.actors[a].name for a in dict.fromkeys(m.actor for m in claim.mentions)]
    return " and ".join(names) if len(names) <= 2 else ", ".join(names[:-1]) + " and " + names[-1]


def best_passage(record: DatedRecord, stems: list[str], records: Records | None, limit: int = 320) -> str:
    """The sentence of the record's own words that shares most with the essay's sentence."""
    pieces = [p for p in own_sentences(record.text) if len(p) > 20] or own_sentences(record.text)
    if not pieces:
        return record.summary or record.title
    wanted = set(stems)

    def weight(piece: str) -> float:
        mine = set(content_stems(piece)) & wanted
        return sum(records.rarity(w) for w in mine) if records else len(mine)

    best = max(pieces, key=weight)
    return best if len(best) <= limit else best[:limit].rsplit(" ", 1)[0] + " …"


def _evidence(record: DatedRecord, stems: list[str], records: Records | None) -> FindingEvidence:
    return FindingEvidence(
        source=record.id, url=record.url or None, quote=best_passage(record, stems, records)
    )


def _finding(
    kind: str,
    severity: str,
    claim: SentenceClaim,
    mention: DateMention,
    message: str,
    evidence: list[FindingEvidence],
) -> Finding:
    return Finding(
        kind=kind,
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
