"""Judge how faithful a quotation is to one text (DESIGN.md, "Quotation fidelity (exact)").

verbatim: found exactly after normalising (ellipses and [interpolations] as gaps);
near-verbatim: aligns with similarity >= 0.90 and no meaning-bearing word differs;
misquote: aligns with >= 0.75 and a negation, number, date or name differs, or a question is
put as a statement;
paraphrase: a passage says the same in other words (paraphrase.py, then meaning.py);
otherwise None. Precision first: an approximate class also needs half the quotation's words
unchanged, and a misquote must be one small change (a few words) in an otherwise
near-verbatim quotation, so a sentence made of the corpus's own vocabulary, or two
fragments spliced together, is not reported as a weak match.
"""

from __future__ import annotations

import math
import re

from fontes.anchor.agreement import same_shape
from fontes.anchor.align import Alignment, ParsedQuote, align_approximately, find_exact
from fontes.anchor.diff import Comparison, Passage, compare
from fontes.anchor.meaning import (
    carries_every_clause,
    default_model,
    find_meaning_paraphrase,
    keeps_names_and_months,
    keeps_negated_words,
    names,
)
from fontes.anchor.normalize import Normalized, normalize
from fontes.anchor.paraphrase import find_paraphrase
from fontes.anchor.result import Fidelity, Match
from fontes.anchor.selector import text_quote_selector

NEAR_VERBATIM = 0.90
MISQUOTE = 0.75
#: Shorter quotations are only ever verbatim or not found: too little to align reliably.
MIN_ALIGNED_CHARS = 15
MIN_ALIGNED_WORDS = 3
#: Share of the quotation's words that must be unchanged in the span.
MIN_EQUAL_WORD_SHARE = 0.5
#: A misquote changes a word or a short phrase: meaning-bearing differences this wide at most;
#: its other edits (spelling, OCR) stay within what near-verbatim allows (1 - NEAR_VERBATIM).
MAX_MEANINGFUL_WORDS = 4
#: Hyphens, dashes used as hyphens, and spaces: how one word or two is printed, not which words.
_SPACING = re.compile(r"[\s\-\u2010\u2011]+")


def locate(
    quotation: ParsedQuote, raw: str, *, paraphrase: bool = True, by_meaning: bool = True
) -> Match | None:
    """The most faithful place of `quotation` in the raw text, or None when it is not there.

    `paraphrase=False` skips the search for a paraphrase (the slowest part), for a caller
    that holds a closer match already; `by_meaning=False` keeps it to content-word overlap.
    """
    text = normalize(raw)
    spans = find_exact(quotation, text.text)
    if spans:
        return match_of(raw, text, spans, "verbatim", 1.0)
    alignment = align_approximately(quotation, text.text)
    if alignment is not None:
        comparison = _compare(quotation, raw, text, alignment)
        if _spacing_only(comparison):
            return match_of(raw, text, alignment.spans, "verbatim", 1.0)
        fidelity = judge(quotation, alignment.similarity, comparison)
        if fidelity:
            return match_of(raw, text, alignment.spans, fidelity, alignment.similarity, comparison)
    found = _paraphrase(quotation, text.text, by_meaning) if paraphrase else None
    if found:
        return match_of(raw, text, [(found.start, found.end)], "paraphrase", found.score)
    return None


def judge(quotation: ParsedQuote, similarity: float, comparison: Comparison) -> Fidelity | None:
    """near-verbatim, misquote or None for an approximate alignment."""
    if quotation.length < MIN_ALIGNED_CHARS or quotation.word_count < MIN_ALIGNED_WORDS:
        return None
    if comparison.equal_words < MIN_EQUAL_WORD_SHARE * comparison.quote_words:
        return None
    if comparison.meaningful:
        near_verbatim_otherwise = comparison.harmless_edits <= (1 - NEAR_VERBATIM) * quotation.length
        small_change = comparison.meaningful_words <= MAX_MEANINGFUL_WORDS
        if similarity >= MISQUOTE and near_verbatim_otherwise and small_change:
            return "misquote"
        return None
    if similarity >= NEAR_VERBATIM:
        return "near-verbatim"
    if similarity >= MISQUOTE and _words_replaced(comparison):
        return "misquote"  # too far in letters for a variant spelling: the words were changed
    return None


#: A quotation that is the source's words with at most this many words put in others' place.
MAX_REPLACED_WORDS = 2


def _words_replaced(comparison: Comparison) -> bool:
    """Every word of the quotation the source's, in order, but one or two replaced by others
    ("military strength of driving" for "military capability of driving"): nothing added or dropped."""
    changed = comparison.quote_words - comparison.equal_words
    same_length = all(len(d.quote.split()) == len(d.source.split()) for d in comparison.diff)
    return 0 < changed <= MAX_REPLACED_WORDS and len(comparison.diff) <= MAX_REPLACED_WORDS and same_length


def _spacing_only(comparison: Comparison) -> bool:
    """Every difference is one of hyphens or spaces ("all-out" for "all out", "well known" for
    "well-known"), or none is left (the degree sign spelt out): the source's words as printed."""
    return all(
        _SPACING.sub("", d.quote.lower()) == _SPACING.sub("", d.source.lower()) != "" for d in comparison.diff
    )


def _compare(quotation: ParsedQuote, raw: str, text: Normalized, alignment: Alignment) -> Comparison:
    """The word differences of every piece with its span, added up."""
    parts = [
        compare(Passage(quotation.raw, quotation.norm, qs, qe), Passage(raw, text, ss, se))
        for (qs, qe), (ss, se) in zip(quotation.pieces, alignment.spans)
    ]
    return Comparison(
        diff=[d for part in parts for d in part.diff],
        quote_words=sum(p.quote_words for p in parts),
        equal_words=sum(p.equal_words for p in parts),
        harmless_edits=sum(p.harmless_edits for p in parts),
        meaningful_words=sum(p.meaningful_words for p in parts),
    )


def _paraphrase(quotation: ParsedQuote, text: str, by_meaning: bool):
    """Content-word overlap first (cheap, strict), then the meaning of sentences (meaning.py):
    the offline model that the wordllama wheel ships, or none when it is not installed."""
    quote_text = quotation.search_text()
    found = find_paraphrase(quote_text, text)
    passage = text[found.start : found.end] if found is not None else ""
    if found is not None and not (
        keeps_names_and_months(quotation.raw, passage, text)
        and carries_every_clause(quotation.raw, quote_text, passage)
        and keeps_negated_words(quote_text, passage)
        and same_shape(names(quotation.raw), quote_text, passage)
    ):
        found = None
    model = default_model() if by_meaning else None
    # An elided quotation claims the source's own words with cuts: verbatim or overlap only.
    if found is None and model is not None and len(quotation.pieces) == 1:
        found = find_meaning_paraphrase(model, quotation.raw, quote_text, text)
    return found


def match_of(
    raw: str,
    text: Normalized,
    spans: list[tuple[int, int]],
    fidelity: Fidelity,
    score: float,
    comparison: Comparison | None = None,
) -> Match:
    """The Match of `spans` of the normalised `text` (raw offsets, selector, differences)."""
    start, end = text.starts[spans[0][0]], text.ends[spans[-1][1] - 1]
    return Match(
        start=start,
        end=end,
        fidelity=fidelity,
        score=math.floor(score * 1000) / 1000,
        selector=text_quote_selector(raw, start, end),
        diff=comparison.diff if comparison else [],
    )
