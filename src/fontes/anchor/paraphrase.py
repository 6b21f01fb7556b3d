"""Does a passage of the source say what the quotation says, in other words?

Content-word overlap (stop words removed, light stems) over a sliding window, with a
conservative bar: most of the quotation's content words, densely packed in the passage and
mostly in the quotation's order, none of its stretches missing (a spliced quotation matches
only one of its halves), and the same claim (a negation in both or neither, every number of
the quotation present). Overlap cannot see an antonym ("dangerous" for "advantageous"): the
bar is set high for that reason; meaning.py (sentence embeddings, offline) is tried after it.
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

from fontes.anchor.normalize import CACHED_TEXTS
from fontes.anchor.words import Token, claimed_numbers, denies, is_content_word, number_value, stem, tokens

#: The quotation needs this many distinct content words to be judged a paraphrase at all.
MIN_CONTENT_WORDS = 5
#: How far a paraphrased passage is widened to its sentence, at most (characters each way).
SENTENCE_REACH = 300
SENTENCE_END = re.compile(r"[.!?;:](?:'|\))? ")


@dataclass(frozen=True)
class Bar:
    """What a passage must reach to count as restating the quotation."""

    recall: float  # share of the quotation's content words in the passage
    density: float  # share of the passage's content words that are the quotation's
    score: float  # their harmonic mean (the reported score)
    in_order: float  # share of the matched words given in the quotation's order
    missing_run: float  # longest run of the quotation's words missing, as a share of them
    matched: int = 0  # distinct content words in common, at least


#: A sentence-long quotation: most of its words, densely.
SHORT_BAR = Bar(recall=0.6, density=0.5, score=0.7, in_order=0.6, missing_run=0.25)
#: A long quotation (LONG_QUOTE content words or more) may keep only half its words, since a
#: dozen shared words in the same order, densely, do not happen by chance.
LONG_QUOTE = 20
LONG_BAR = Bar(recall=0.5, density=0.5, score=0.0, in_order=0.75, missing_run=0.34, matched=12)
#: When this share of the quotation is one verbatim run of the passage, the rest must be
#: restated there too: more than this share of its content words.
VERBATIM_SHARE = 0.45
RESTATED_SHARE = 0.5


@dataclass(frozen=True)
class Paraphrase:
    """A restating passage: normalised [start, end), widened to its sentence, and its score."""

    start: int
    end: int
    score: float


@dataclass(frozen=True)
class _Window:
    score: float
    recall: float
    density: float
    first: int  # token indices into the text
    last: int
    matched: frozenset[str]


def find_paraphrase(quote_text: str, text: str) -> Paraphrase | None:
    """The passage of normalised `text` that best restates normalised `quote_text`, if any."""
    quote_content = [stem(t.text) for t in tokens(quote_text) if t.is_word and is_content_word(t.text)]
    wanted = set(quote_content)
    if len(wanted) < MIN_CONTENT_WORDS:
        return None
    bar = LONG_BAR if len(wanted) >= LONG_QUOTE else SHORT_BAR
    # A stem is the start of its word, so a stem not in the text at all is in no window:
    # a text lacking too many is passed over before it is split into words (the slow part).
    if sum(stem in text for stem in wanted) < max(bar.recall * len(wanted), bar.matched):
        return None
    all_tokens, content = _words_of(text)
    for window in _windows(wanted, content, bar):
        if _longest_missing_run(quote_content, window.matched) > bar.missing_run * len(quote_content):
            continue
        if _in_order(quote_content, all_tokens[window.first : window.last + 1]) < bar.in_order:
            continue
        start, end = sentence_of(text, all_tokens[window.first].start, all_tokens[window.last].end)
        if keeps_claim(quote_text, text[start:end]) and not _spliced(quote_text, text, start, end):
            return Paraphrase(start, end, round(window.score, 3))
    return None


@lru_cache(maxsize=CACHED_TEXTS)
def _words_of(text: str) -> tuple[list[Token], list[tuple[int, str]]]:
    """The tokens of a text, and (token index, stem) of its content words (cached: texts repeat)."""
    all_tokens = tokens(text)
    return all_tokens, [
        (i, stem(t.text)) for i, t in enumerate(all_tokens) if t.is_word and is_content_word(t.text)
    ]


def _windows(wanted: set[str], content: list[tuple[int, str]], bar: Bar) -> list[_Window]:
    """Passages holding enough of the wanted stems densely enough, best first."""
    width = max(2 * len(wanted), len(wanted) + 4)
    found = []
    for first in range(len(content)):
        if content[first][1] not in wanted:
            continue
        seen: set[str] = set()
        for last in range(first, min(len(content), first + width)):
            if content[last][1] not in wanted:
                continue
            seen.add(content[last][1])
            recall, density = len(seen) / len(wanted), len(seen) / (last - first + 1)
            if recall < bar.recall or density < bar.density or len(seen) < bar.matched:
                continue
            score = 2 * recall * density / (recall + density)
            if score >= bar.score:
                found.append(
                    _Window(score, recall, density, content[first][0], content[last][0], frozenset(seen))
                )
    found.sort(key=lambda w: (-w.score, w.first))
    return found


def _in_order(quote_content: list[str], passage_tokens) -> float:
    """Share of the matched words that the passage gives in the quotation's order (longest
    increasing run of quotation positions): a restatement keeps most of its order."""
    position: dict[str, int] = {}
    for i, word in enumerate(quote_content):
        position.setdefault(word, i)
    sequence = [position[s] for s in (stem(t.text) for t in passage_tokens if t.is_word) if s in position]
    sequence = list(dict.fromkeys(sequence))  # first mention of each word
    if not sequence:
        return 0.0
    tails: list[int] = []
    for value in sequence:
        at = bisect.bisect_left(tails, value)
        tails[at : at + 1] = [value]
    return len(tails) / len(sequence)


def _spliced(quote_text: str, text: str, start: int, end: int) -> bool:
    """A large part of the quotation is text[start:end] word for word, but the rest of its
    content is not restated in that sentence: a fragment with other words stuck to it."""
    quote_words = [t.text for t in tokens(quote_text) if t.is_word]
    passage = [t for t in tokens(text, start, end) if t.is_word]
    run = difflib.SequenceMatcher(
        None, quote_words, [t.text for t in passage], autojunk=False
    ).find_longest_match()
    if run.size < VERBATIM_SHARE * len(quote_words):
        return False
    outside = [stem(w) for w in quote_words[: run.a] + quote_words[run.a + run.size :] if is_content_word(w)]
    if not outside:
        return False
    low, high = sentence_of(text, passage[run.b].start, passage[run.b + run.size - 1].end)
    present = {stem(t.text) for t in tokens(text, low, high) if t.is_word}
    return sum(w in present for w in outside) <= RESTATED_SHARE * len(outside)


def _longest_missing_run(quote_content: list[str], matched: frozenset[str]) -> int:
    longest = run = 0
    for word in quote_content:
        run = 0 if word in matched else run + 1
        longest = max(longest, run)
    return longest


def sentence_of(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) widened to the sentence(s) around it, at most SENTENCE_REACH each way."""
    low = max(0, start - SENTENCE_REACH)
    ends_before = [m.end() for m in SENTENCE_END.finditer(text, low, start)]
    new_start = ends_before[-1] if ends_before else (0 if low == 0 else start)
    after = SENTENCE_END.search(text, end, min(len(text), end + SENTENCE_REACH))
    if after:
        new_end = after.start() + 1
    else:
        new_end = len(text) if len(text) - end <= SENTENCE_REACH else end
    return new_start, new_end


def keeps_claim(quote_text: str, passage: str) -> bool:
    """The passage keeps the quotation's polarity (a negation, or a word that denies as one
    does, in both or neither) and every number the quotation gives ("one" as a pronoun is none)."""
    quote_words = [t.text for t in tokens(quote_text) if t.is_word]
    passage_words = [t.text for t in tokens(passage) if t.is_word]
    if any(map(denies, quote_words)) != any(map(denies, passage_words)):
        return False
    return claimed_numbers(quote_text) <= {v for v in map(number_value, passage_words) if v is not None}
