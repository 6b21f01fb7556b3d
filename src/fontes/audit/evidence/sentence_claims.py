"""What a sentence of an essay says happened: who, what kind of thing, from whom to whom, and when.

"Stalin sent Mao a telegraph on October 26" reads as a message from Stalin to Mao, sent, dated
26 October (1949, from the paragraph). The date and names checks compare such claims with the
records of the case and the corpus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fontes.audit.context import Audit
from fontes.audit.evidence.actor_names import Mention
from fontes.audit.evidence.date_mentions import DateMention
from fontes.audit.evidence.dated_records import DECISION, MEETING, MESSAGE, REPORT, SPEECH, content_stems
from fontes.audit.lexicon.offices import offices_in
from fontes.audit.reading.essay import Essay, Paragraph, Sentence

#: Words that say what kind of thing a sentence dates, by family.
KIND_WORDS: dict[str, re.Pattern[str]] = {
    MESSAGE: re.compile(r"\b(telegrams?|telegraph(?:ed|s)?|cables?|cabled|ciphered|cyphering|ciphering|wired?|"
                        r"messages?|letters?|directives?|instructions?|despatch|dispatch|reply|replies|"
                        r"wrote\s+to|writes\s+to|written\s+to)\b", re.IGNORECASE),
    MEETING: re.compile(r"\b(meetings?|met|meet|talks|conversations?|talked|visit(?:ed)?|audience|conference|"
                        r"discussions?|luncheon|interview)\b", re.IGNORECASE),
    SPEECH: re.compile(r"\b(speech|address|statement|declaration|remarks|broadcast|announced|announcement)\b",
                       re.IGNORECASE),
    DECISION: re.compile(r"\b(decisions?|decided|resolution|resolved|approved|approval|directive|"
                         r"made up (?:its|his|their) mind)\b", re.IGNORECASE),
    REPORT: re.compile(r"\b(reports?|reported|memorandum|estimate|despatch)\b", re.IGNORECASE),
}
_DISPATCH = re.compile(r"\b(sent|send|sends|cabled|telegraphed|wired|dispatched|despatched|transmitted|issued|"
                       r"forwarded)\b", re.IGNORECASE)
#: A sentence that says where things stood by a date, not when they happened ("had already").
_STATE_AT = re.compile(r"\balready\b|\bby then\b|\bno longer\b|\bstill\b", re.IGNORECASE)
_GENERIC = frozenset(content_stems(
    "according also however already first initial would could made make clear fact one two thus "
    "therefore obvious obviously certain certainly said says stated state things thing way point "
    "january february march april may june july august september october november december "
    "mid early late spring summer autumn winter year day month"))


@dataclass
class Claim:
    """One sentence of an essay read as a dated claim."""

    paragraph: Paragraph
    sentence: Sentence
    mentions: list[Mention] = field(default_factory=list)  # exact and near-miss
    dates: list[DateMention] = field(default_factory=list)
    kinds: frozenset[str] = frozenset()
    sender: str | None = None
    recipient: str | None = None
    dispatch: bool = False
    state_at: bool = False  # "had already", "by then": a state at the date, not an event on it
    stems: list[str] = field(default_factory=list)

    @property
    def actors(self) -> set[str]:
        return {m.actor for m in self.mentions}


def _quoted_spans(sentence: Sentence) -> list[tuple[int, int]]:
    return [(q.start, q.end) for q in sentence.quotations]


def _outside_quotes(sentence: Sentence) -> str:
    """The sentence with its quotations blanked (offsets kept)."""
    chars = list(sentence.text)
    for q in sentence.quotations:
        for i in range(max(0, q.start - sentence.start), min(len(chars), q.end - sentence.start)):
            chars[i] = " "
    return "".join(chars)


def _direction(text: str, mentions: list[Mention], offset: int) -> tuple[str | None, str | None]:
    """Sender and recipient of a message the sentence describes, when its words say so."""
    masked, cursor, order = "", 0, []
    for i, m in enumerate(sorted(mentions, key=lambda m: m.start)):
        masked += text[cursor:m.start - offset] + f"@{i}@"
        cursor = m.end - offset
        order.append(m.actor)
    masked += text[cursor:]
    glue = r"(?:the\s+|comrade\s+|cde\.?\s+)?[^@.;]{0,40}?"
    sent = r"sent|send|sends|cabled|telegraphed|wired|wrote|issued|dispatched|despatched|forwarded|transmitted"
    kind = r"telegrams?|telegraph|cables?|letters?|messages?|directives?|reply|note"
    told = r"informed|told|advised|notified|cabled|telegraphed"
    patterns = [
        (rf"\bfrom\s+{glue}@(\d+)@[^@.;]{{0,30}}?\bto\s+{glue}@(\d+)@", 1, 2),
        (rf"@(\d+)@[^@.;]{{0,45}}?\b(?:{sent})\b[^@.;]{{0,30}}?@(\d+)@", 1, 2),
        (rf"@(\d+)@(?:'s|’s)?\s+(?:\w+\s+){{0,2}}(?:{kind})\s+to\s+{glue}@(\d+)@", 1, 2),
        (rf"@(\d+)@[^@.;]{{0,20}}?\b(?:was|were)\s+(?:{told})\b[^@.;]{{0,40}}?\bby\s+{glue}@(\d+)@", 2, 1),
    ]
    for pattern, s, r in patterns:
        m = re.search(pattern, masked, re.IGNORECASE)
        if m:
            return order[int(m.group(s))], order[int(m.group(r))]
    m = re.search(rf"\bfrom\s+{glue}@(\d+)@", masked, re.IGNORECASE)
    if m and _DISPATCH.search(masked) is None and re.search(r"telegra|cable|letter|message", masked, re.IGNORECASE):
        return order[int(m.group(1))], None
    return None, None


def read_claims(essay: Essay, context: Audit) -> list[Claim]:
    """Every body sentence of an essay read as a claim (sentences without dates included)."""
    context = context.with_essay(essay)
    index = context.actor_index
    dates = context.sentence_dates
    claims: list[Claim] = []
    for paragraph, sentence in essay.sentences():
        if paragraph.heading:
            continue
        skip = _quoted_spans(sentence)
        mentions = index.mentions(sentence.text, sentence.start, skip)
        mentions += [m for m, _ in index.near_misses(sentence.text, sentence.start, skip)]
        mentions.sort(key=lambda m: m.start)
        plain = _outside_quotes(sentence)
        kinds = frozenset(family for family, pattern in KIND_WORDS.items() if pattern.search(plain))
        sender, recipient = _direction(plain, mentions, sentence.start)
        name_stems = set(content_stems(" ".join(m.text for m in mentions)))
        name_stems |= set(content_stems(" ".join(plain[a:b] for _, a, b in offices_in(plain))))
        kind_stems = set()
        for pattern in KIND_WORDS.values():
            kind_stems |= set(content_stems(" ".join(m.group() for m in pattern.finditer(plain))))
        stems = [w for w in content_stems(plain) if w not in name_stems | kind_stems | _GENERIC
                 and not w.isdigit()]
        claims.append(Claim(
            paragraph=paragraph, sentence=sentence, mentions=mentions,
            dates=dates.get((paragraph.index, sentence.index), []), kinds=kinds, sender=sender,
            recipient=recipient, dispatch=bool(_DISPATCH.search(plain)), state_at=bool(_STATE_AT.search(plain)),
            stems=stems))
    return claims
