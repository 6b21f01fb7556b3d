"""Does a sentence make a document say what the document says? Claim and passages read as frames.

For a sentence that says what a document or its author said, asked, ordered, granted, refused,
warned or agreed (or that a party obtained a permission), the document is the one the sentence
clearly cites (`audit.cited`: its quotation, day, people, kind) or, failing that, the one its
marker's entry clearly describes, when that document shares the sentence's people or day (a
shifted list points elsewhere). The passages of the document that speak to the claim are found
by shared content words and by meaning (the anchor room's embedding model); the sentence and
each passage are read as frames (evidence/frames.py) and compared.

Precision first: a `content-mismatch` (error) needs a passage about the claim that states the
same point and says otherwise, and no other passage about it that agrees; names count as
different agents only when both are actors of the case and not the same one. A document whose
whole text holds no passage about the claim gives a `content-unsupported` note, never an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from fontes.anchor.words import number_value
from fontes.audit.checks.dates import misdated_record
from fontes.audit.context import Audit
from fontes.audit.evidence.catalogue import Known, date_bounds, describe
from fontes.audit.evidence.claims import SentenceClaim, masked
from fontes.audit.evidence.dated_records import own_sentences
from fontes.audit.evidence.entry_match import SECONDARY_TYPES
from fontes.audit.evidence.frames import Conflict, Frame, compare
from fontes.audit.evidence.frames import available as frames_available
from fontes.audit.evidence.words import content_stems
from fontes.audit.lexicon.acts import ACTS, CONDITIONS, OBLIGATION, PERMISSION, PREDICATES, verb_lemma
from fontes.audit.reading.essay import Essay
from fontes.corpus.languages import text_language
from fontes.model import Finding, FindingEvidence, FindingLocation, Source

#: A passage speaks to the claim when it shares this many of the claim's content words, and
#: this share of them ...
MIN_SHARED = 2
MIN_SHARE = 0.34
#: ... or when it is this close in meaning and shares one of them.
CLOSE_MEANING = 0.72
#: A sentence this close in meaning, with one word of the claim, keeps it from being called unsupported.
TOUCHING_MEANING = 0.45
#: The passages about the claim that are read as frames, the most relevant first.
READ_PASSAGES = 3
#: A number, a date or a place is compared only in a passage sharing this much of the claim.
DETAIL_SHARE = 0.4
#: A sentence needs this many content words (names left out) to be weighed at all.
MIN_CLAIM_WORDS = 3
#: A passage needs this many words.
MIN_PASSAGE_WORDS = 4
#: Verbs that, with "that", report what was said rather than order it ("told Mao that ...").
_TELLING = frozenset({"tell", "inform", "assure", "advise", "notify"})
_PRONOUNS = frozenset({"he", "she", "it", "they", "this", "these", "his", "her", "their"})
#: Words that limit or except: a negation beside them may restate the limit, not deny the act.
_LIMITS = re.compile(
    r"\b(?:except|beyond|only|limited|restricted|unless|save for|other than|apart from)\b", re.I
)
_MARKER = re.compile(r"\[\d+(?:\s*[,–-]\s*\d+)*\]|\^\{[^}]*\}")
POINTS = {
    "agent": "who acts",
    "act": "the act",
    "aim": "what the act is for",
    "negation": "whether it was done at all",
    "modality": "how firm the act is, or on what condition",
    "number": "a number",
    "date": "a date",
    "place": "a place",
}


@dataclass(frozen=True)
class _Document:
    """The document a sentence speaks of, its own words, and how it was found."""

    known: Known
    words: str
    complete: bool  # the words are its whole text, not an excerpt or a quotation of it
    how: str
    named: bool = False  # the sentence's own words (day, people, quotation) name it, not only a marker

    @property
    def source(self) -> Source:
        return self.known.source


@dataclass(frozen=True)
class _Passage:
    """A sentence of the document, and how far it speaks to the claim."""

    text: str
    share: float  # of the claim's content words
    cosine: float

    @property
    def rank(self) -> float:
        return self.share + 0.5 * self.cosine


def check_content(essay: Essay, context: Audit) -> list[Finding]:
    """Sentences that make a document say what it does not, and claims its words do not speak to."""
    if not frames_available():
        return []  # without the `frames` extra (spaCy and its small English model) nothing is weighed
    audit = context.with_essay(essay)
    findings = []
    for claim in audit.body_claims:
        if not _says_what_a_document_says(claim):
            continue
        document = document_of(claim, audit)
        if document is None:
            continue
        finding = _judge(claim, document, audit)
        if finding is not None:
            findings.append(finding)
    return findings


def _says_what_a_document_says(claim: SentenceClaim) -> bool:
    """A verb of an act (or of obtaining) outside quotations, and enough words to weigh."""
    return len(set(claim.stems)) >= MIN_CLAIM_WORDS and any(verb_lemma(w) for w in claim.words)


def claim_text(claim: SentenceClaim) -> str:
    """The sentence's own words: quotations blanked, markers dropped, spaces single."""
    return " ".join(_MARKER.sub(" ", claim.masked).split())


# -- the document ----------------------------------------------------------------------------------


def document_of(claim: SentenceClaim, audit: Audit) -> _Document | None:
    """The document the sentence cites (its own words name it), else its marker's entry's."""
    cited = audit.cited(claim)
    known, how = None, ""
    if cited is not None:
        known = audit.catalogue.get(cited.source)
        how = "; ".join(cited.reasons[:3])
    else:
        for number in (n for m in claim.sentence.markers for n in m.numbers):
            match = audit.described_entries.get(number)
            if (
                match is not None
                and match.clear
                and match.known
                and _shares_people_or_day(claim, match.known, audit)
            ):
                known, how = match.known, f"its marker's entry [{number}] describes it"
                break
    if known is None:
        record = misdated_record(claim, audit)
        if record is not None:
            known, how = audit.catalogue.get(record.id), f"the sentence describes it, dated {record.date}"
    if known is None or known.source.doc_type in SECONDARY_TYPES:
        return None
    named = cited is not None
    text = audit.catalogue.text(known.id)
    if text:
        return _Document(known, text, bool(known.text_complete), how, named)
    record = audit.records.by_id.get(known.id)
    if record is not None and record.text:
        return _Document(known, record.text, False, how, named)
    return None


def _shares_people_or_day(claim: SentenceClaim, known: Known, audit: Audit) -> bool:
    """The document's author or recipient is named by the sentence (or, when it opens with a
    pronoun, by the sentence before it in the paragraph), or its day is the sentence's."""
    people = audit.actor_ids(tuple(known.source.authors)) | audit.actor_ids(tuple(known.source.recipients))
    if (claim.actors | _lead_in_actors(claim, audit)) & people:
        return True
    bounds = date_bounds(known.source.date)
    return bounds is not None and any(day == bounds for _, day in claim.days)


def _lead_in_actors(claim: SentenceClaim, audit: Audit) -> set[str]:
    """The actors of the nearest sentence before it in its paragraph that names any, when the
    sentence opens with a pronoun ("They authorized him ...")."""
    first = re.match(r"\W*(\w+)", claim.sentence.text)
    if first is None or first.group(1).lower() not in _PRONOUNS:
        return set()
    before = [
        c
        for c in audit.body_claims
        if c.paragraph.index == claim.paragraph.index and c.sentence.index < claim.sentence.index
    ]
    return next((c.actors for c in reversed(before) if c.actors), set())


# -- the passages about the claim ------------------------------------------------------------------


def passages_about(claim: SentenceClaim, document: _Document, audit: Audit) -> list[_Passage]:
    """The document's sentences that speak to the claim, the most relevant first."""
    found = [
        _Passage(sentence, round(share, 3), round(cosine, 3))
        for sentence, shared, share, cosine in _sentences_weighed(claim, document, audit)
        if (shared >= MIN_SHARED and share >= MIN_SHARE) or (cosine >= CLOSE_MEANING and shared >= 1)
    ]
    return sorted(found, key=lambda p: -p.rank)[:READ_PASSAGES]


def _sentences_weighed(
    claim: SentenceClaim, document: _Document, audit: Audit
) -> Iterator[tuple[str, int, float, float]]:
    """Each sentence of the document with the claim's content words it shares (how many, and
    what part of the claim's) and its cosine with the claim (0 without the embedding model)."""
    sentences, stems, vectors = _document_passages(document, audit)
    wanted = set(claim.stems)
    cosines = _cosines(claim_text(claim), vectors)
    for i, (sentence, theirs) in enumerate(zip(sentences, stems)):
        shared = len(wanted & theirs)
        yield sentence, shared, shared / len(wanted), float(cosines[i]) if cosines is not None else 0.0


def _passages_by_number(
    claim: SentenceClaim, claimed: Frame, document: _Document, audit: Audit
) -> list[_Passage]:
    """When no passage shares enough of the claim's words: the sentences of a document the claim
    itself names that state one of its numbers (not a day or year it dates by) and share a content
    word with it ("move north of 38th Street" beside "proceed north of 38th parallel")."""
    dated = {n.lstrip("0") for m in claim.dates for n in re.findall(r"\d+", m.text)}
    numbers = {n for n in claimed.numbers - dated if len(n) >= 2}
    if not document.named or not numbers:
        return []
    found = [
        _Passage(sentence, round(share, 3), round(cosine, 3))
        for sentence, shared, share, cosine in _sentences_weighed(claim, document, audit)
        if shared and numbers & _numbers_in(sentence)
    ]
    return sorted(found, key=lambda p: -p.rank)[:READ_PASSAGES]


def _touched(claim: SentenceClaim, document: _Document, audit: Audit) -> bool:
    """Some sentence of the document comes near the claim at all: two of its words, or one and a
    likeness of meaning (then the claim is not called unsupported, only left unjudged)."""
    sentences, stems, vectors = _document_passages(document, audit)
    wanted = set(claim.stems)
    cosines = _cosines(claim_text(claim), vectors)
    for i, theirs in enumerate(stems):
        shared = len(wanted & theirs)
        if shared >= MIN_SHARED or (shared and cosines is not None and cosines[i] >= TOUCHING_MEANING):
            return True
    return False


def _document_passages(document: _Document, audit: Audit):
    """The document's sentences, their content stems and their vectors (computed once per document)."""
    held = audit.passages
    if document.known.id not in held:
        # a line break inside a paragraph is a printed page's, not a sentence's end
        joined = re.sub(r"(?<!\n)[ \t]*\n(?!\s*\n)", " ", document.words)
        sentences = [s for s in own_sentences(joined) if len(s.split()) >= MIN_PASSAGE_WORDS]
        stems = [set(content_stems(s)) for s in sentences]
        model = _model()
        vectors = model.embed(sentences) if model is not None and sentences else None
        held[document.known.id] = (sentences, stems, vectors)
    return held[document.known.id]


def _model():
    from fontes.anchor.meaning import default_model

    return default_model()


def _cosines(text: str, vectors):
    model = _model()
    if vectors is None or model is None:
        return None
    return vectors @ model.embed([text])[0]


# -- the judgement ----------------------------------------------------------------------------------


def _judge(claim: SentenceClaim, document: _Document, audit: Audit) -> Finding | None:
    reported = _reported_sender(claim, document, audit)
    if reported is not None:
        return reported
    whole, claimed = _claimed_frames(claim, audit)
    if whole.act is None and whole.predicate not in set(PREDICATES.values()):
        return None
    passages = passages_about(claim, document, audit) or _passages_by_number(claim, claimed, document, audit)
    if not passages:
        # a copy in another language cannot be searched by the sentence's words: it says nothing
        silent = (
            document.complete and _in_language_of(claim, document) and not _touched(claim, document, audit)
        )
        return _unsupported(claim, document) if silent else None
    speaker, addressee = _head_name(document.source.authors), _head_name(document.source.recipients)
    # the place the document was written is where it speaks from ("cabled from New Delhi"), not what it says
    stored = audit.catalogue.document(document.known.id) if document.known.in_corpus else None
    nearby = " ".join([p.text for p in passages] + [stored.place if stored is not None else ""])
    dated = frozenset(n.lstrip("0") for m in claim.dates for n in re.findall(r"\d+", m.text))
    weighed = []
    said = _acts_said(claim)
    for whole_passage in passages:
        for passage in _with_clauses(whole_passage):
            read = audit.frame(passage.text, speaker, addressee)
            if _comparable(claimed, read, passage):
                conflicts = _asserted(claimed, read, passage, document, audit, nearby, dated)
                conflicts = _read_in_context(conflicts, claim, claimed, read, passage, said, addressee)
                weighed.append((passage, read, conflicts))
    if not weighed or any(not conflicts for _, _, conflicts in weighed):
        return None  # nothing to compare, or a passage about the claim agrees with it
    # the document's own author speaking ("we want you to ...") before an editor's footnote
    own = [w for w in weighed if speaker is not None and w[1].agent == speaker.lower()]
    passage, _, conflicts = (own or weighed)[0]
    return _mismatch(claim, document, passage, claimed, conflicts)


def _read_in_context(
    conflicts: list[Conflict],
    claim: SentenceClaim,
    claimed: Frame,
    read: Frame,
    passage: _Passage,
    said: set[str],
    addressee: str | None,
) -> list[Conflict]:
    """The conflicts left once the sentence as a whole is read: an act it also gives ("ordered ...
    and called on"), a statement it quotes word for word and calls a warning, and the passage's
    "you" acting (what the author writes to the addressee, not who writes it) are no conflicts."""
    if read.act in said or (_STATEMENTS >= {claimed.act, read.act} and _quotes_passage(claim, passage)):
        conflicts = [c for c in conflicts if c.point != "act"]
    if addressee is not None:
        conflicts = [c for c in conflicts if not (c.point == "agent" and c.source == addressee.lower())]
    return conflicts


def _acts_said(claim: SentenceClaim) -> set[str]:
    """The kinds of act every act verb of the sentence gives, outside its quotations ("ordered the
    fleet ... and called on the government": an order and a request)."""
    words = re.findall(r"[A-Za-z]+", masked(claim.sentence))
    return {ACTS[lemma] for lemma in map(verb_lemma, words) if lemma in ACTS}


#: Acts that state something (a warning is a statement of a danger): the essay that gives the
#: statement's own words may call it any of them.
_STATEMENTS = frozenset({"warn", "report", "agree"})


def _quotes_passage(claim: SentenceClaim, passage: _Passage) -> bool:
    """The sentence quotes the passage word for word: the document's own words are given, and the
    verb of statement that introduces them ("warned that ...") is the essay's reading of them."""
    held = " ".join(passage.text.lower().split())
    return any(
        len(q.text.split()) >= 3 and " ".join(q.text.lower().strip(" .,;:").split()) in held
        for q in claim.sentence.quotations
    )


#: Where a passage's coordinated clauses meet: "northern units crossed the river, and the garrison withdrew".
_CLAUSE_BREAK = re.compile(
    r"\s*(?:;|,?\s+(?:and|but|while|whereas)\s+(?=(?:the|a|an|his|her|its|their|he|she|it|they|we|I)\b|[A-Z]))\s*"
)


def _with_clauses(passage: _Passage) -> list[_Passage]:
    """The passage and, when it joins clauses, each clause: a claim agreeing with one clause of a
    compound sentence is supported by it, whatever the sentence's main verb."""
    clauses = [c for c in _CLAUSE_BREAK.split(passage.text) if len(c.split()) >= 3]
    if len(clauses) < 2:
        return [passage]
    return [passage] + [_Passage(c, passage.share, passage.cosine) for c in clauses]


def _claimed_frames(claim: SentenceClaim, audit: Audit) -> tuple[Frame, Frame]:
    """The sentence's frame, and the frame compared with the document: for a report ("Liu told
    Mao that Lin Biao had agreed"), that of what it reports, which the document is said to say."""
    text = claim_text(claim)
    whole = audit.frame(text)
    telling = whole.act == "report" or whole.predicate in _TELLING
    if not telling or whole.act_word is None:
        return whole, whole
    reported = re.search(rf"\b{re.escape(whole.act_word)}\b[^.;]*?\bthat\s+(.{{12,}})", text)
    return whole, audit.frame(reported.group(1)) if reported else whole


def _reported_sender(claim: SentenceClaim, document: _Document, audit: Audit) -> Finding | None:
    """The sentence makes someone the sender of a document that another wrote, reporting his words
    (an ambassador's telegram on what the premier told him, given as the premier's own)."""
    source = document.source
    authors = audit.actor_ids(tuple(source.authors))
    sender = claim.sender
    if sender is None or not document.named or not authors or sender in authors:
        return None
    if sender not in {m.actor for m in audit.actor_index.mentions(document.words)}:
        return None  # not a report of the sender's words: the sentence may mean another message
    if sender in {m.actor for m in audit.actor_index.mentions(source.title)}:
        return None  # its title says it carries the sender's message ("containing a message from Mao")
    if authors & {m.actor for m in audit.actor_index.mentions(claim.sentence.text)}:
        return None  # the sentence names who sent it ("Roshchin passed on a telegram from Mao")
    names = {a.id: a.name for a in audit.case.actors}
    conflict = Conflict(
        "agent", names.get(sender, sender), ", ".join(names.get(a, a) for a in sorted(authors))
    )
    passage = next((s for s in own_sentences(document.words) if names.get(sender, "~").split()[-1] in s), "")
    message = (
        f"The sentence presents {describe(source)} [{source.id}] as {conflict.claim}'s message; it is "
        f"from {conflict.source}, and reports {conflict.claim}'s words (found as the document: {document.how})"
    )
    return _finding(claim, source, message, passage or describe(source))


def _head_name(names: list[str]) -> str | None:
    """The name a first- or second-person pronoun of the document stands for: its one author's (or recipient's) surname."""
    if len(names) != 1:
        return None
    name = re.sub(r"[\[(][^\])]*[\])]", "", names[0]).split(",")[0].strip()
    return name.split()[-1] if name else None


def _comparable(claimed: Frame, read: Frame, passage: _Passage) -> bool:
    """Both state an act, or the same predicate, or an aim, or (in a passage close to the claim)
    numbers or places: there is something to compare."""
    details = passage.share >= DETAIL_SHARE and bool(
        (claimed.numbers and read.numbers) or (claimed.places and read.places)
    )
    return (
        bool(claimed.act and read.act)
        or (claimed.predicate is not None and claimed.predicate == read.predicate)
        or bool(claimed.aim and read.aim)
        or details
    )


def _asserted(
    claimed: Frame,
    read: Frame,
    passage: _Passage,
    document: _Document,
    audit: Audit,
    nearby: str = "",
    dated: frozenset[str] = frozenset(),
) -> list[Conflict]:
    """The frames' conflicts on points the sentence asserts and a historian would not dismiss."""
    same_act = (claimed.act is not None and claimed.act == read.act) or (
        claimed.predicate is not None and claimed.predicate == read.predicate
    )
    kept = []
    for conflict in compare(claimed, read):
        point = conflict.point
        if point == "agent" and not _other_actor(conflict, audit):
            continue
        if point == "act" and "report" in (claimed.act, read.act):
            continue  # saying is compatible with every act it reports
        if point in ("negation", "modality") and not same_act:
            continue
        if point == "negation" and (_LIMITS.search(claimed.text) or _LIMITS.search(read.text)):
            continue
        if point == "modality" and not _firmness_changed(claimed, read):
            continue
        if point in ("number", "date", "place") and passage.share < DETAIL_SHARE:
            continue
        if point == "number":
            numbers = _number_conflict(claimed, read, document, dated)
            if numbers is not None:
                kept.append(numbers)
            continue
        if point == "date" and _document_day(document) in claimed.dates:
            continue  # the sentence dates the document itself; the date check weighs that
        if point == "place":
            places = _place_conflict(claimed, read, audit, nearby)
            if places is not None:
                kept.append(places)
            continue
        kept.append(conflict)
    return kept


def _firmness_changed(claimed: Frame, read: Frame) -> bool:
    """A requirement or condition stated as done ("will obtain authorization prior to" as "secured
    authorization"), or an obligation as a permission and back; a grant whose condition the
    sentence leaves out is not a misreading of the grant."""
    if claimed.act is None:
        return bool(read.modality & {"obligation", "condition"}) and not claimed.modality
    firm = {"obligation", "permission"}
    return (
        bool(claimed.modality & firm)
        and bool(read.modality & firm)
        and claimed.modality & firm != read.modality & firm
    )


def _place_conflict(claimed: Frame, read: Frame, audit: Audit, nearby: str) -> Conflict | None:
    """Places that differ, once the names of the case's actors (a parser may take a person for a
    place) and the places the passages about the claim name, or the document's own place, are left out."""
    mine = {p for p in claimed.places if not audit.actor_ids((p,)) and p not in nearby.lower()}
    theirs = {p for p in read.places if not audit.actor_ids((p,))}
    if not mine or not theirs or mine <= theirs:
        return None
    return Conflict("place", ", ".join(sorted(mine - theirs)), ", ".join(sorted(theirs)))


def _number_conflict(
    claimed: Frame, read: Frame, document: _Document, dated: frozenset[str]
) -> Conflict | None:
    """Numbers of the sentence that the passage gives otherwise: none that is a day or year the
    sentence dates by (a parser may miss a date), none the document gives anywhere."""
    mine = claimed.numbers - dated
    if not mine or not read.numbers or mine <= read.numbers or mine <= _numbers_in(document.words):
        return None
    return Conflict("number", ", ".join(sorted(mine - read.numbers)), ", ".join(sorted(read.numbers)))


def _numbers_in(text: str) -> frozenset[str]:
    return frozenset(
        n for w in re.findall(r"\w[\w,.-]*", text) if (n := number_value(w.strip(",.-"))) is not None
    )


def _other_actor(conflict: Conflict, audit: Audit) -> bool:
    mine, theirs = audit.actor_ids((conflict.claim,)), audit.actor_ids((conflict.source,))
    return bool(mine and theirs and not mine & theirs)


def _document_day(document: _Document) -> str | None:
    bounds = date_bounds(document.source.date)
    if bounds is None or bounds[0] != bounds[1]:
        return None
    return f"m{bounds[0].month}-{bounds[0].day}"


# -- findings -------------------------------------------------------------------------------------


def _location(claim: SentenceClaim) -> FindingLocation:
    markers = claim.sentence.markers
    return FindingLocation(
        paragraph=claim.paragraph.index,
        sentence=claim.sentence.index,
        start=claim.sentence.start,
        end=claim.sentence.end,
        marker=markers[0].text if markers else None,
    )


def _mismatch(
    claim: SentenceClaim, document: _Document, passage: _Passage, claimed: Frame, conflicts: list[Conflict]
) -> Finding:
    source = document.source
    points = "; ".join(_point(c, claimed, passage.text) for c in conflicts)
    message = (
        f"The sentence makes {describe(source)} [{source.id}] say otherwise than it does, on {points}. "
        f"The document reads: “{passage.text}” (found as the document: {document.how})"
    )
    return _finding(claim, source, message, passage.text)


def _point(conflict: Conflict, claimed: Frame, passage: str) -> str:
    """One point of conflict in the two texts' words."""
    if conflict.point == "modality":
        theirs = modal_words(passage) or conflict.source
        mine = (modal_words(claimed.text) if claimed.modality else "") or "none of it"
        return f"{POINTS['modality']}: the document has “{theirs}”, the sentence {mine}"
    return f"{POINTS.get(conflict.point, conflict.point)}: the sentence has “{conflict.claim}”, the document “{conflict.source}”"


def modal_words(text: str) -> str:
    """The words of obligation, permission and condition a text holds, as written."""
    lower = text.lower()
    found = [p for p in CONDITIONS if re.search(rf"\b{re.escape(p)}\b", lower)]
    found += [w for w in re.findall(r"[a-z']+", lower) if w in OBLIGATION | PERMISSION]
    return ", ".join(dict.fromkeys(found))


def _finding(claim: SentenceClaim, source: Source, message: str, quote: str) -> Finding:
    return Finding(
        kind="content-mismatch",
        severity="error",
        location=_location(claim),
        message=message,
        excerpt=claim_text(claim),
        evidence=[FindingEvidence(source=source.id, url=source.url or None, quote=quote)],
    )


def _in_language_of(claim: SentenceClaim, document: _Document) -> bool:
    """Whether the document's stored copy is in the sentence's language (or its language is unknown)."""
    stored, written = document.known.language, text_language(claim.sentence.text)
    return not stored or not written or stored == written


def _unsupported(claim: SentenceClaim, document: _Document) -> Finding:
    source = document.source
    message = (
        f"No passage of {describe(source)} [{source.id}] speaks to what this sentence says it "
        f"said: its whole text was searched by words and by meaning (found as the document: {document.how})"
    )
    return Finding(
        kind="content-unsupported",
        severity="info",
        location=_location(claim),
        message=message,
        excerpt=claim_text(claim),
        evidence=[FindingEvidence(source=source.id, url=source.url or None, quote=describe(source))],
    )
