"""Abstained or absent? A member said to have abstained from a vote it did not attend, or the reverse.

A sentence saying that a member (the Soviet Union, a delegation) "abstained" in a UN body is checked
against the corpus and the case: when a document or event of the same year records that member's
absence from the body (absent, boycott, non-participation) and none records it abstaining, the
sentence confuses the two, and the finding quotes the record. Without a year in the sentence or
its paragraph, or with records both ways, nothing is said (precision first).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fontes.audit.context import Audit
from fontes.audit.evidence.catalogue import describe
from fontes.audit.evidence.claims import masked
from fontes.audit.lexicon.months import MONTH_NAMES
from fontes.audit.reading.essay import Essay, Paragraph, Sentence
from fontes.audit.reading.sentences import split_sentences
from fontes.model import Finding, FindingEvidence, FindingLocation

ABSTAINED = re.compile(r"\babstain(?:ed|s|ing)?\b|\babstentions?\b", re.IGNORECASE)
ABSENT = re.compile(
    r"\babsen(?:ce|t)\b|\bboycott(?:ed|ing|s)?\b|\bwalk(?:ed|s)? out\b|\bnon-?participation\b"
    r"|\b(?:not|never) (?:been able to |able to )?(?:take|taking|taken|took) part\b"
    r"|\bleft the (?:Security )?Council\b|\bstay(?:ed|ing)? away\b",
    re.IGNORECASE,
)
UN_BODY = re.compile(r"(?i:Security Council|General Assembly|United Nations)|\bUN\b|\bU\.N\.")
#: How near the member's name an act must be, in a record's sentence.
_NEAR = 80
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
#: Capitalised words that name the body or the act, not the member.
_NOT_MEMBERS = frozenset(
    "the security council general assembly united nations un u.n. on in at of from vote votes resolution"
    " when".split()
) | frozenset(name.lower() for name in MONTH_NAMES)
_CLAUSE_BEFORE = 80  # characters before "abstained" searched for the member's name
#: A vote or a sitting, whose body the paragraph may name ("the vote of 27 June").
_VOTE = re.compile(r"\b(?:votes?|voting|resolutions?|sessions?|meetings?)\b", re.IGNORECASE)
#: The words that name one member: a record may write "Soviet absence" where the essay has "USSR".
_MEMBER_GROUPS = [("Soviet", "USSR", "U.S.S.R.", "Russia", "Russian"), ("Britain", "British", "UK", "U.K.")]
_MEMBER_FORMS = {form: tuple(f for f in group if f != form) for group in _MEMBER_GROUPS for form in group}
_SEARCHED = 20


@dataclass(frozen=True)
class _Claim:
    """What the sentence says: a member's names, the act it gives, the act that would contradict it."""

    names: list[str]
    said: str  # "abstained" or "absent"
    year: int
    forms: list[str]  # the names and the other words for the same member ("USSR" for "Soviet")


def check_attendance(essay: Essay, context: Audit) -> list[Finding]:
    """An `attendance-mismatch` warning for each member said to have abstained where the records
    give its absence (or to have been absent where they give its abstention)."""
    if context.store is None and not context.case.events:
        return []
    findings = []
    for paragraph, sentence in essay.sentences():
        claim = _claim(paragraph, sentence)
        if claim is None:
            continue
        record = _contrary_record(claim, context)
        if record is not None:
            findings.append(_finding(essay.text, paragraph, sentence, claim, *record))
    return findings


def _claim(paragraph: Paragraph, sentence: Sentence) -> _Claim | None:
    text = masked(sentence)  # the essay's own words: a quotation's "abstained" is the source's
    if not UN_BODY.search(text) and not (_VOTE.search(text) and UN_BODY.search(paragraph.text)):
        return None  # the body is named in the sentence, or in its paragraph for "the vote"
    act = ABSTAINED.search(text) or ABSENT.search(text)
    if act is None:
        return None
    years = _YEAR.findall(text) or _YEAR.findall(paragraph.text)
    if len(set(years)) != 1:
        return None
    clause = re.split(r"[;,]|\bwhile\b|\bbut\b", text[max(0, act.start() - _CLAUSE_BEFORE) : act.start()])[-1]
    names = [w for w in re.findall(r"\b[A-Z][\w.]+", clause) if w.lower() not in _NOT_MEMBERS]
    if not names:
        return None
    said = "abstained" if ABSTAINED.match(act.group()) else "absent"
    forms = names + [f for name in names for f in _MEMBER_FORMS.get(name.rstrip("s"), ()) if f not in names]
    return _Claim(names=names, said=said, year=int(years[0]), forms=forms)


def _contrary_record(claim: _Claim, context: Audit) -> tuple[str, str, str, str] | None:
    """(source id, url, description, passage) of a record of the other act, when no record of the
    same year gives the act the sentence says."""
    contrary = ABSENT if claim.said == "abstained" else ABSTAINED
    same = ABSTAINED if claim.said == "abstained" else ABSENT
    found: tuple[str, str, str, str] | None = None
    for source_id, url, title, text in _records(claim, context):
        for passage in _passages(text):
            if not UN_BODY.search(passage):
                continue
            if _near_member(passage, same, claim.forms):
                return None  # the records say it too: nothing to correct
            if found is None and _near_member(passage, contrary, claim.forms):
                found = (source_id, url, title, passage)
    return found


def _records(claim: _Claim, context: Audit):
    """(id, url, description, text) of the corpus documents and case events of the claim's year
    that name the member and an absence or an abstention."""
    low, high = f"{claim.year}-01-01", f"{claim.year}-12-31"
    if context.store is not None:
        ids: dict[str, None] = {}
        for name in claim.forms:
            for word in ("absence", "absent", "boycott", "abstained", "abstention", "participate"):
                for hit in context.store.search(
                    f"{name} {word}", date_from=low, date_to=high, limit=_SEARCHED
                ):
                    ids.setdefault(hit.id, None)
        for source_id in ids:
            known = context.catalogue.get(source_id)
            text = context.catalogue.text(source_id) or ""
            if known is not None:
                yield source_id, known.source.url, describe(known.source), text
    for event in context.case.events:
        if event.date and str(event.date).startswith(str(claim.year)):
            yield (
                (event.sources[0] if event.sources else event.id),
                "",
                f"the case's event {event.id}",
                event.summary,
            )


def _passages(text: str) -> list[str]:
    """The sentences of a record's text, on one line each."""
    return [" ".join(text[s:e].split()) for s, e in split_sentences(text, 0, len(text), [])]


def _near_member(passage: str, act: re.Pattern[str], names: list[str]) -> bool:
    """True when the passage gives the act within _NEAR characters of a name of the member, named
    as the sentence names it ("Soviet" finds "Soviets")."""
    named = [m.start() for name in names for m in re.finditer(rf"\b{re.escape(name.rstrip('s'))}", passage)]
    return any(abs(m.start() - at) <= _NEAR for m in act.finditer(passage) for at in named)


def _finding(
    text: str,
    paragraph: Paragraph,
    sentence: Sentence,
    claim: _Claim,
    source_id: str,
    url: str,
    title: str,
    passage: str,
) -> Finding:
    said = ABSTAINED if claim.said == "abstained" else ABSENT
    act = said.search(text, sentence.start, sentence.end)
    start = act.start() if act else sentence.start
    member = " ".join(claim.names)
    other = "absence" if claim.said == "abstained" else "abstention"
    message = (
        f"{member} is said to have {'abstained' if claim.said == 'abstained' else 'been absent'}, but "
        f"{title} [{source_id}] records its {other}: “{passage.rstrip('.')}”. "
        + (
            "A member that is absent casts no vote, so it does not abstain."
            if claim.said == "abstained"
            else "A member that abstains is present."
        )
    )
    return Finding(
        kind="attendance-mismatch",
        severity="warning",
        location=FindingLocation(
            paragraph=paragraph.index,
            sentence=sentence.index,
            start=start,
            end=act.end() if act else sentence.end,
        ),
        message=message,
        excerpt=sentence.text,
        evidence=[FindingEvidence(source=source_id, url=url or None, quote=passage)],
    )
