"""Labelled quotations drawn from the scaled corpus, five classes, seeded.

Every quotation but the fabricated ones is a span of 12-30 words of one paragraph of one
scaled document (so it is an exact substring of that document's text), then changed:

    verbatim       the span as it is                                   -> verbatim
    ocr            OCR-like noise: adjacent letters swapped, a letter   -> near-verbatim
                   dropped, m/rn confused (about one edit in 30 letters,
                   digits never touched)
    words-changed  one lowercase word (two in spans of 25+ words)       -> near-verbatim
                   replaced by another lowercase word of the corpus
                   (no negation, number word or month either way, none
                   inside [editorial brackets])
    number-negation  a number changed, or "not" added after (or taken   -> misquote
                   from) an auxiliary verb
    fabricated     words drawn from the corpus's vocabulary by their    -> not-found
                   frequency; no four consecutive words of it stand in
                   any real sentence (and so, in practice, in no scaled
                   document)

The changed classes keep, as DESIGN.md defines them, a character similarity of at least
0.92 to the original span (normalised Levenshtein; near-verbatim starts at 0.90), else
another span is drawn. `original` keeps the unchanged span: a result is in the right
document when that document's text contains it.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

CLASSES = {
    "verbatim": "verbatim",
    "ocr": "near-verbatim",
    "words-changed": "near-verbatim",
    "number-negation": "misquote",
    "fabricated": "not-found",
}

MIN_WORDS, MAX_WORDS = 12, 30
_WORD_SPAN = re.compile(r"\S+")
_NUMBER = re.compile(r"(?<![\w.,/:\[-])\d{1,4}(?![\w,/:\]-]|\.\d)")
_AUXILIARY = re.compile(r"\b(is|was|were|are|will|would|could|should|can|has|have|had|did|does|do)\b")
_NOT_AFTER_AUXILIARY = re.compile(
    r"\b(is|was|were|are|will|would|could|should|can|has|have|had|did|does|do) not\b"
)
_PLAIN_WORD = re.compile(r"(?<![\w'’-])[a-z]{3,}(?![\w'’-])")
#: Words a words-changed quotation neither replaces nor brings in: they carry a negation, a
#: number or a date (a change of them makes a misquote), or are too common to change meaning.
_KEEP = frozenset(
    {
        "not",
        "nor",
        "never",
        "none",
        "nothing",
        "nobody",
        "neither",
        "without",
        "cannot",
        "the",
        "and",
        "no",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "hundred",
        "thousand",
        "million",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "half",
        "dozen",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    }
)
_BRACKETED = re.compile(r"\[[^\]]*\]")
#: A changed quotation stays at least this similar to its span (DESIGN: near-verbatim >= 0.90).
MIN_SIMILARITY = 0.92


@dataclass(frozen=True)
class Quotation:
    """One labelled quotation; `source` and `original` are None for fabricated ones."""

    kind: str
    expected: str
    quote: str
    source: str | None
    original: str | None


def latin_paragraphs(documents: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(id, paragraph) for every mostly-Latin paragraph of at least MIN_WORDS words."""
    found = []
    for doc_id, text in documents:
        for paragraph in text.split("\n"):
            if len(paragraph.split()) >= MIN_WORDS and sum(c.isascii() for c in paragraph) >= 0.95 * len(
                paragraph
            ):
                found.append((doc_id, paragraph))
    return found


def random_span(rng: random.Random, paragraph: str) -> str:
    """A span of MIN_WORDS-MAX_WORDS whole words of the paragraph, exactly as written."""
    words = list(_WORD_SPAN.finditer(paragraph))
    length = rng.randint(MIN_WORDS, min(MAX_WORDS, len(words)))
    first = rng.randint(0, len(words) - length)
    return paragraph[words[first].start() : words[first + length - 1].end()]


def ocr_noise(rng: random.Random, text: str) -> str:
    """Letters swapped, dropped or m/rn confused, about one edit in 30 letters (at least one)."""
    edits = max(1, round(sum(c.isalpha() for c in text) / 30))
    for _ in range(edits):
        text = rng.choice([_swap_letters, _drop_letter, _confuse_m_rn])(rng, text)
    return text


def _letter_pairs(text: str) -> list[int]:
    return [
        i
        for i in range(len(text) - 1)
        if text[i].isalpha() and text[i + 1].isalpha() and text[i] != text[i + 1]
    ]


def _swap_letters(rng: random.Random, text: str) -> str:
    pairs = _letter_pairs(text)
    if not pairs:
        return text
    i = rng.choice(pairs)
    return text[:i] + text[i + 1] + text[i] + text[i + 2 :]


def _drop_letter(rng: random.Random, text: str) -> str:
    pairs = _letter_pairs(text)
    if not pairs:
        return text
    i = rng.choice(pairs)
    return text[:i] + text[i + 1 :]


def _confuse_m_rn(rng: random.Random, text: str) -> str:
    """m read as rn, or rn as m; a swap where the text has neither."""
    places = [(m.start(), m.group()) for m in re.finditer(r"rn|m", text)]
    if not places:
        return _swap_letters(rng, text)
    i, found = rng.choice(places)
    return text[:i] + ("m" if found == "rn" else "rn") + text[i + len(found) :]


def change_words(rng: random.Random, text: str, vocabulary: list[str]) -> str | None:
    """One plain lowercase word replaced by another (two in long spans); None when there is none."""
    bracketed = [(b.start(), b.end()) for b in _BRACKETED.finditer(text)]
    places = [
        m
        for m in _PLAIN_WORD.finditer(text)
        if m.group() not in _KEEP and not any(start <= m.start() < end for start, end in bracketed)
    ]
    count = 2 if len(text.split()) >= 25 else 1
    if len(places) < count:
        return None
    chosen = sorted(rng.sample(places, count), key=lambda m: m.start(), reverse=True)
    for match in chosen:
        replacement = match.group()
        while replacement == match.group() or replacement in _KEEP:
            replacement = rng.choice(vocabulary)
        text = text[: match.start()] + replacement + text[match.end() :]
    return text


def change_number_or_negation(rng: random.Random, text: str) -> str | None:
    """A number changed, else a negation added or removed; None when the span has neither."""
    numbers = list(_NUMBER.finditer(text))
    if numbers and rng.random() < 0.5:
        m = rng.choice(numbers)
        value = int(m.group())
        return text[: m.start()] + str(value + rng.choice([1, 2, 3, 10])) + text[m.end() :]
    negated = _NOT_AFTER_AUXILIARY.search(text)
    if negated:
        return text[: negated.end(1)] + text[negated.end() :]
    auxiliary = _AUXILIARY.search(text)
    if auxiliary:
        return text[: auxiliary.end()] + " not" + text[auxiliary.end() :]
    if numbers:
        m = rng.choice(numbers)
        return text[: m.start()] + str(int(m.group()) + 1) + text[m.end() :]
    return None


def fabricated(rng: random.Random, vocabulary: list[str], real_runs: set[tuple[str, ...]]) -> str:
    """Corpus words in an order no real sentence has (no 4-word run of a real sentence)."""
    while True:
        words = [rng.choice(vocabulary) for _ in range(rng.randint(MIN_WORDS, MAX_WORDS))]
        folded = [w.lower() for w in words]
        if not any(tuple(folded[i : i + 4]) in real_runs for i in range(len(folded) - 3)):
            sentence = " ".join(words)
            return sentence[0].upper() + sentence[1:] + "."


def word_runs(texts: list[str], size: int = 4) -> set[tuple[str, ...]]:
    """Every run of `size` consecutive (lower-cased) words of the texts."""
    runs: set[tuple[str, ...]] = set()
    for text in texts:
        words = [w.lower() for w in re.findall(r"[A-Za-z]+", text)]
        runs.update(tuple(words[i : i + size]) for i in range(len(words) - size + 1))
    return runs


def make_quotations(
    documents: list[tuple[str, str]], per_class: int, seed: int, vocabulary: list[str], real_texts: list[str]
) -> list[Quotation]:
    """`per_class` quotations of each class from (id, text) documents, reproducible with `seed`."""
    rng = random.Random(seed)
    paragraphs = latin_paragraphs(documents)
    plain = [w for w in vocabulary if w.islower() and len(w) >= 3]
    quotations: list[Quotation] = []

    def draw(kind: str, change: Callable[[str], str | None]) -> None:
        made = 0
        while made < per_class:
            doc_id, paragraph = rng.choice(paragraphs)
            original = random_span(rng, paragraph)
            quote = change(original)
            if kind == "verbatim" or (
                quote is not None
                and quote != original
                and Levenshtein.normalized_similarity(quote, original) >= MIN_SIMILARITY
            ):
                quotations.append(Quotation(kind, CLASSES[kind], quote, doc_id, original))
                made += 1

    draw("verbatim", lambda span: span)
    draw("ocr", lambda span: ocr_noise(rng, span))
    draw("words-changed", lambda span: change_words(rng, span, plain))
    draw("number-negation", lambda span: change_number_or_negation(rng, span))
    runs = word_runs(real_texts)
    quotations += [
        Quotation("fabricated", "not-found", fabricated(rng, vocabulary, runs), None, None)
        for _ in range(per_class)
    ]
    return quotations
