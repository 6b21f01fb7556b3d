"""A short quotation (two to a few words) in the one text an essay ties it to: verbatim, or changed.

Too short for the aligner's judgement (`fidelity.judge` wants three words and fifteen characters),
it is compared word by word: a span of as many words, inside one clause, holding all its words
but one run of them (one word of two to four, two of five), where that run changes a number, a
negation, a date or a name, is a misquote. Only one such reading may exist (two different changed
runs are two readings: nothing is reported), and a word kept must be a content word of letters,
so "the two" is never "the three", nor "3 points" a footnote "3 1".
"""

from __future__ import annotations

import re

from fontes.anchor.align import ParsedQuote, find_exact
from fontes.anchor.diff import Comparison, Passage, meaning_changed
from fontes.anchor.fidelity import match_of
from fontes.anchor.normalize import normalize
from fontes.anchor.result import Difference, Match
from fontes.anchor.words import Token, is_content_word

#: Punctuation that ends a clause: a span of the source never runs across it.
_CLAUSE_END = re.compile(r"[.;:!?]")


def locate_short(quotation: ParsedQuote, raw: str) -> Match | None:
    """The short quotation in `raw`: verbatim, a misquote of one meaning-bearing word, or None."""
    text = normalize(raw)
    spans = find_exact(quotation, text.text)
    if spans:
        return match_of(raw, text, spans, "verbatim", 1.0)
    if len(quotation.pieces) != 1:
        return None
    quote = Passage(quotation.raw, quotation.norm, *quotation.pieces[0])
    quoted = [t for t in quote.tokens if t.is_word]
    if len(quoted) < 2:
        return None
    source = Passage(raw, text, 0, len(text.text))
    words = [t for t in source.tokens if t.is_word]
    readings: dict[str, tuple[list[Token], Difference]] = {}
    for at in range(len(words) - len(quoted) + 1):
        window = words[at : at + len(quoted)]
        changed = _changed_run(quoted, window)
        if changed is None or _crosses_clause(text.text, window):
            continue
        first, last = changed
        meaning = meaning_changed(quote, quoted[first:last], source, window[first:last])
        if meaning is not None:
            difference = Difference(
                quote=quote.raw_words(quoted[first:last]),
                source=source.raw_words(window[first:last]),
                meaning=meaning,
            )
            readings.setdefault(" ".join(t.text for t in window[first:last]), (window, difference))
    if len(readings) != 1:
        return None
    [(window, difference)] = readings.values()
    changed_words = len(difference.quote.split())
    comparison = Comparison(
        [difference], len(quoted), len(quoted) - changed_words, meaningful_words=changed_words
    )
    kept = (len(quoted) - changed_words) / len(quoted)
    return match_of(raw, text, [(window[0].start, window[-1].end)], "misquote", kept, comparison)


def _changed_run(quoted: list[Token], window: list[Token]) -> tuple[int, int] | None:
    """[first, last) of the words that differ, when they are one run shorter than half the quotation
    (one word of two to four, two of five) and a word kept is a content word of letters (a number
    kept is too little to tie the span); else None."""
    differing = [i for i, (q, s) in enumerate(zip(quoted, window)) if q.text != s.text]
    if not differing or differing[-1] - differing[0] + 1 != len(differing):
        return None
    if len(differing) > max(1, (len(quoted) - 1) // 2):
        return None
    kept = [q.text for i, q in enumerate(quoted) if i not in differing]
    if not any(is_content_word(w) and w.isalpha() for w in kept):
        return None
    return differing[0], differing[-1] + 1


def _crosses_clause(text: str, window: list[Token]) -> bool:
    """Whether a clause ends between two words of the span."""
    return any(_CLAUSE_END.search(text[a.end : b.start]) for a, b in zip(window, window[1:]))
