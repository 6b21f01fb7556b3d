"""The offices a sentence gives the actors it names: "Secretary of Defense Marshall", "K.M. Panikkar,
the Indian envoy". Whether the sources agree is the names check's business (checks/names.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fontes.audit.evidence.actor_names import Mention
from fontes.audit.lexicon.offices import ANY_OFFICE, offices_in
from fontes.audit.reading.essay import Sentence

_QUALIFIER = r"(?:\s+(?:in|of|to|for|at)\s+(?:the\s+)?(?P<post>(?:[A-Z][\w.’'-]*,?\s*)+))?"
_GIVEN_NAMES = r"(?:(?<=,)\s*(?:[A-Z][a-z]+\s+|[A-Z]\.\s?){1,2})?"
_BEFORE_NAME = re.compile(rf"(?P<office>(?i:{ANY_OFFICE})){_QUALIFIER}\s*(?P<glue>,|\()?{_GIVEN_NAMES}\s*$")
_AFTER_NAME = re.compile(
    rf"^\s*,\s*(?i:who\s+was\s+)?(?i:then\s+)?(?i:the|his|her|their|its)\s+"
    rf"(?:(?:[A-Z][\w.’'-]*|U\.S\.|US)\s+){{0,2}}(?P<office>(?i:{ANY_OFFICE}))\b"
)
_TEMPORAL = re.compile(
    r"\b(?:former|later|future|ex|onetime|one-time|then-future|erstwhile)[-\s]*$", re.IGNORECASE
)


@dataclass(frozen=True)
class OfficeGiven:
    """An office the essay gives an actor, and the words that give it."""

    mention: Mention
    office: str
    start: int
    end: int
    post: str = ""  # where the office is held, as the essay writes it ("India" of "ambassador in India")


def offices_given(sentence: Sentence, mentions: list[Mention]) -> list[OfficeGiven]:
    """Offices the sentence attaches to a named actor: before the name ("Secretary of Defense
    Marshall", "The Chargé in Korea (Drumright)", "his secretary, Mun Il,") or after it in
    apposition ("Marshall, the secretary of defense,")."""
    text, base = sentence.text, sentence.start
    quoted = [(q.start, q.end) for q in sentence.quotations]
    given: list[OfficeGiven] = []
    for mention in mentions:
        if any(s <= mention.start < e for s, e in quoted):
            continue
        left = text[max(0, mention.start - base - 90) : mention.start - base]
        m = _BEFORE_NAME.search(left)
        if m and not _TEMPORAL.search(left[: m.start()]):
            after = text[mention.end - base : mention.end - base + 2]
            closed = m.group("glue") != "," or re.match(r"\s*(?:[,)—;:]|$)", after) or not after.strip()
            bracketed = m.group("glue") != "(" or after.startswith(")")
            office = _read_office(m.group("office")) if closed and bracketed else None
            if office:
                start = mention.start - len(left) + m.start()
                post = (m.group("post") or "").strip(" ,")
                given.append(OfficeGiven(mention, office, start, mention.end, post))
                continue
        m = _AFTER_NAME.search(text[mention.end - base : mention.end - base + 80])
        if m:
            office = _read_office(m.group("office"))
            if office:
                given.append(OfficeGiven(mention, office, mention.start, mention.end + m.end()))
    return given


def _read_office(words: str) -> str | None:
    found = offices_in(words)
    return found[0][0] if len(found) == 1 else None
