"""Does one known document restate a quotation in other words (a loose test, for a document already named)?

The anchor room's paraphrase test must be strict, since it searches the whole corpus. Once the
essay's own words (a date, an author, a kind of document) have named the document, a looser test
is safe: half of the quotation's content words within one to three sentences of that document, in
a passage made mostly of them, with the same polarity and numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fontes.anchor.normalize import normalize
from fontes.anchor.paraphrase import keeps_claim
from fontes.anchor.words import is_content_word, stem, tokens

MIN_SHARED_WORDS = 5
MIN_RECALL = 0.5  # share of the quotation's content words in the passage
MIN_DENSITY = 0.4  # share of the passage's content words that are the quotation's
MAX_SENTENCES = 3
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")


@dataclass(frozen=True)
class Restatement:
    """A passage of the raw text ([start, end)) that restates the quotation, and how much of it."""

    start: int
    end: int
    recall: float
    words: str  # the passage's raw words


def restated_in(quote: str, raw: str) -> Restatement | None:
    """The passage of `raw` that best restates `quote` loosely, if any."""
    quote_norm = normalize(quote).text
    wanted = {stem(t.text) for t in tokens(quote_norm) if t.is_word and is_content_word(t.text)}
    if len(wanted) < MIN_SHARED_WORDS:
        return None
    text = normalize(raw)
    sentences = _sentences(text.text)
    best: tuple[tuple[float, float], int, int] | None = None
    for i in range(len(sentences)):
        for j in range(i, min(len(sentences), i + MAX_SENTENCES)):
            start, end = sentences[i][0], sentences[j][1]
            stems = [
                stem(t.text) for t in tokens(text.text, start, end) if t.is_word and is_content_word(t.text)
            ]
            shared = wanted & set(stems)
            if len(shared) < MIN_SHARED_WORDS or not stems:
                continue
            recall, density = len(shared) / len(wanted), len(shared) / len(set(stems))
            rank = (recall, density)  # most of the quotation, then the tightest passage
            better = recall >= MIN_RECALL and density >= MIN_DENSITY and (best is None or rank > best[0])
            if better and keeps_claim(quote_norm, text.text[start:end]):
                best = (rank, start, end)
    if best is None:
        return None
    (recall, _), start, end = best
    raw_start, raw_end = text.raw_span(start, end)
    return Restatement(raw_start, raw_end, round(recall, 3), raw[raw_start:raw_end])


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(s, e) for s, e in spans if e > s]
