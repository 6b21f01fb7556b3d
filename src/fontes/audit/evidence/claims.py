"""What one sentence of an essay claims, read once and held by the `Audit` for every check.

A `SentenceClaim` holds what the sentence names outside its quotations (the actors, exactly or
by a slip of the spelling, and the offices it gives them; the dates; the kinds of document or
thing; its words) and what it says happened ("Stalin sent Mao a telegraph on October 26": a
message from Stalin to Mao, sent, dated 26 October). Which documents fit it is
`documents.documents_in(claim, audit)`, held by the Audit as `audit.documents(claim)`.
Names and dates inside the essay's quotation marks are the quoted source's words, not the
essay's own description, so they are left out.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from fontes.audit.evidence.actor_names import ActorIndex, Mention
from fontes.audit.evidence.date_mentions import DateMention
from fontes.audit.evidence.offices_given import OfficeGiven, offices_given
from fontes.audit.evidence.words import content_stems, lowercase_words
from fontes.audit.lexicon.document_kinds import DISPATCH, KIND_WORDS, TYPE_WORDS
from fontes.audit.lexicon.months import MONTH_NAMES
from fontes.audit.lexicon.offices import offices_in
from fontes.audit.reading.essay import Essay, Paragraph, Quotation, Sentence

#: Quotations shorter than this are phrases (scare quotes, titles): no evidence of a source.
MIN_QUOTE_WORDS = 6
#: A sentence that says where things stood by a date, not when they happened ("had already").
_STATE_AT = re.compile(r"\balready\b|\bby then\b|\bno longer\b|\bstill\b", re.IGNORECASE)
_GENERIC = frozenset(
    content_stems(
        "according also however already first initial would could made make clear fact one two thus "
        "therefore obvious obviously certain certainly said says stated state things thing way point "
        f"{' '.join(MONTH_NAMES)} mid early late spring summer autumn winter year day month"
    )
)

Days = tuple[dt.date, dt.date]


@dataclass
class SentenceClaim:
    """One sentence of an essay as what it claims: who, what kind of thing, from whom to whom, when."""

    paragraph: Paragraph
    sentence: Sentence
    masked: str  # the sentence with its quotations blanked (offsets kept)
    mentions: list[Mention] = field(default_factory=list)  # the actors it names, exactly or by a slip
    offices: list[OfficeGiven] = field(default_factory=list)  # the offices it gives them
    dates: list[DateMention] = field(default_factory=list)
    kinds: frozenset[str] = frozenset()  # the families of thing it dates (lexicon.document_kinds)
    type_words: dict[str, frozenset[str]] = field(default_factory=dict)  # kind-of-document word -> doc_types
    words: set[str] = field(default_factory=set)  # lower-case, possessives dropped
    sender: str | None = None
    recipient: str | None = None
    dispatch: bool = False  # it says a message was sent
    state_at: bool = False  # "had already", "by then": a state at the date, not an event on it
    stems: list[str] = field(default_factory=list)  # its content words, names and kind words left out

    @property
    def key(self) -> tuple[int, int]:
        return self.paragraph.index, self.sentence.index

    @property
    def actors(self) -> set[str]:
        return {m.actor for m in self.mentions}

    @property
    def exact_mentions(self) -> list[Mention]:
        return [m for m in self.mentions if m.exact]

    @property
    def long_quotations(self) -> list[Quotation]:
        """The sentence's quotations of MIN_QUOTE_WORDS words or more."""
        return long_quotations(self.sentence)

    @property
    def days(self) -> list[tuple[DateMention, Days]]:
        """The days it names (bounds like "by June" left out), and each in the other years its context leaves open."""
        found = []
        for mention in self.dates:
            if mention.earliest is None or mention.latest is None or mention.bound:
                continue
            found.append((mention, (mention.earliest, mention.latest)))
            for year in mention.other_years:
                shifted = mention.shifted(year)
                if shifted:
                    found.append((mention, shifted))
        return found


def read_claims(
    essay: Essay, index: ActorIndex, dates: dict[tuple[int, int], list[DateMention]]
) -> list[SentenceClaim]:
    """Every sentence of an essay (headings too) read as a claim, in the order of the essay."""
    return [
        read_claim(paragraph, sentence, index, dates.get((paragraph.index, sentence.index), []))
        for paragraph, sentence in essay.sentences()
    ]


def read_claim(
    paragraph: Paragraph, sentence: Sentence, index: ActorIndex, dates: list[DateMention]
) -> SentenceClaim:
    """One sentence read as a claim."""
    skip = [(q.start, q.end) for q in sentence.quotations]
    mentions = index.mentions(sentence.text, sentence.start, skip)
    mentions += [m for m, _ in index.near_misses(sentence.text, sentence.start, skip)]
    mentions.sort(key=lambda m: m.start)
    plain = masked(sentence)
    words = lowercase_words(plain)
    sender, recipient = _direction(plain, mentions, sentence.start)
    return SentenceClaim(
        paragraph=paragraph,
        sentence=sentence,
        masked=plain,
        mentions=mentions,
        offices=offices_given(sentence, mentions),
        dates=dates,
        kinds=frozenset(family for family, pattern in KIND_WORDS.items() if pattern.search(plain)),
        type_words={w: TYPE_WORDS[w] for w in words if w in TYPE_WORDS},
        words=set(words),
        sender=sender,
        recipient=recipient,
        dispatch=bool(DISPATCH.search(plain)),
        state_at=bool(_STATE_AT.search(plain)),
        stems=_content(plain, mentions),
    )


def _content(plain: str, mentions: list[Mention]) -> list[str]:
    """The sentence's content stems, without its names, offices, kind words and generic words."""
    name_stems = set(content_stems(" ".join(m.text for m in mentions)))
    name_stems |= set(content_stems(" ".join(plain[a:b] for _, a, b in offices_in(plain))))
    kind_stems = set()
    for pattern in KIND_WORDS.values():
        kind_stems |= set(content_stems(" ".join(m.group() for m in pattern.finditer(plain))))
    return [
        w for w in content_stems(plain) if w not in name_stems | kind_stems | _GENERIC and not w.isdigit()
    ]


def masked(sentence: Sentence) -> str:
    """The sentence's text with its quotations blanked out (same length, so offsets hold)."""
    chars = list(sentence.text)
    for quotation in sentence.quotations:
        for i in range(
            max(0, quotation.start - sentence.start), min(len(chars), quotation.end - sentence.start)
        ):
            chars[i] = " "
    return "".join(chars)


def long_quotations(sentence: Sentence) -> list[Quotation]:
    """The sentence's quotations of MIN_QUOTE_WORDS words or more."""
    return [q for q in sentence.quotations if len(re.findall(r"\w+", q.text)) >= MIN_QUOTE_WORDS]


def _direction(text: str, mentions: list[Mention], offset: int) -> tuple[str | None, str | None]:
    """Sender and recipient of a message the sentence describes, when its words say so."""
    masked, cursor, order = "", 0, []
    for i, mention in enumerate(sorted(mentions, key=lambda m: m.start)):
        masked += text[cursor : mention.start - offset] + f"@{i}@"
        cursor = mention.end - offset
        order.append(mention.actor)
    masked += text[cursor:]
    glue = r"(?:the\s+|comrade\s+|cde\.?\s+)?[^@.;]{0,40}?"
    sent = (
        r"sent|send|sends|cabled|telegraphed|wired|wrote|issued|dispatched|despatched|forwarded|transmitted"
    )
    kind = r"telegrams?|telegraph|cables?|letters?|messages?|directives?|reply|note"
    told = r"informed|told|advised|notified|cabled|telegraphed"
    patterns = [
        (rf"\bfrom\s+{glue}@(\d+)@[^@.;]{{0,30}}?\bto\s+{glue}@(\d+)@", 1, 2),
        (rf"@(\d+)@[^@.;]{{0,45}}?\b(?:{sent})\b[^@.;]{{0,30}}?@(\d+)@", 1, 2),
        (rf"@(\d+)@(?:'s|’s)?\s+(?:\w+\s+){{0,2}}(?:{kind})\s+to\s+{glue}@(\d+)@", 1, 2),
        (rf"@(\d+)@[^@.;]{{0,20}}?\b(?:was|were)\s+(?:{told})\b[^@.;]{{0,40}}?\bby\s+{glue}@(\d+)@", 2, 1),
    ]
    for pattern, s, r in patterns:
        hit = re.search(pattern, masked, re.IGNORECASE)
        if hit:
            return order[int(hit.group(s))], order[int(hit.group(r))]
    hit = re.search(rf"\bfrom\s+{glue}@(\d+)@", masked, re.IGNORECASE)
    if (
        hit
        and DISPATCH.search(masked) is None
        and re.search(r"telegra|cable|letter|message", masked, re.IGNORECASE)
    ):
        return order[int(hit.group(1))], None
    return None, None
