"""Paraphrase by meaning: the sentence of a text closest to the quotation in embedding space
(meaning_model.py), accepted only when a second stage agrees.

A cosine alone cannot decide (a fabricated quotation in the corpus's vocabulary scores as high
as a loose paraphrase), so the passage must also share enough of the quotation's content words,
name every name the quotation names (in the passage or elsewhere in the document), and keep
its claim: the same polarity, every number and every month it gives (paraphrase.keeps_claim).
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from fontes.anchor.meaning_model import MeaningModel, load_model
from fontes.anchor.paraphrase import Paraphrase, keeps_claim
from fontes.anchor.words import MONTHS, STOP_WORDS, is_content_word, stem, tokens

#: The least cosine a passage needs to be considered at all (fabricated quotations of the
#: labelled set reach 0.57, its paraphrases 0.61-0.99: benchmarks/paraphrase_items.yaml).
MIN_COSINE = 0.62
#: The least share of the quotation's content words the passage must share ...
MIN_SHARED = 0.45
#: ... or this lower share when the passage is very close in meaning.
CLOSE_COSINE = 0.75
MIN_SHARED_WHEN_CLOSE = 0.3
#: The quotation needs this many distinct content words to be judged by meaning at all.
MIN_CONTENT_WORDS = 5
#: Passages examined by the second stage, best cosine first.
TRIED = 3
SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")


@lru_cache(maxsize=1)
def default_model() -> MeaningModel | None:
    """The offline model shipped by the wordllama wheel (loaded once: 16 MB of weights)."""
    return load_model()


def find_meaning_paraphrase(
    model: MeaningModel, quote_raw: str, quote_text: str, text: str
) -> Paraphrase | None:
    """The sentence of normalised `text` that restates the quotation (as written, and
    normalised), if any."""
    if len(_content(quote_text)) < MIN_CONTENT_WORDS:
        return None
    spans, vectors = _sentence_vectors(model, text)
    if not spans:
        return None
    cosines = vectors @ model.embed([quote_text])[0]
    for best in np.argsort(-cosines)[:TRIED]:
        cosine = float(cosines[best])
        if cosine < MIN_COSINE:
            break
        start, end = spans[best]
        if agrees(quote_raw, quote_text, text[start:end], text, cosine):
            return Paraphrase(start, end, round(cosine, 3))
    return None


def agrees(quote_raw: str, quote_text: str, passage: str, document: str, cosine: float) -> bool:
    """The second stage: content words, names, polarity, numbers and months agree (names and
    months are read from the quotation as written, where capitals still show them)."""
    # Names are checked apart (below): the words that say what happened must be shared too,
    # or a sentence naming the same people on another matter would pass.
    wanted = _content(quote_text) - names(quote_raw)
    if not wanted:
        return False
    shared = len(wanted & _content(passage)) / len(wanted)
    if shared < (MIN_SHARED_WHEN_CLOSE if cosine >= CLOSE_COSINE else MIN_SHARED):
        return False
    return keeps_claim(quote_text, passage) and keeps_names_and_months(quote_raw, passage, document)


def keeps_names_and_months(quote_raw: str, passage: str, document: str) -> bool:
    """Every name of the quotation is in the document (a sender may be named only in its header)
    and every month it gives is in the passage."""
    return names(quote_raw) <= _content(document) and _months(quote_raw, capitalised=True) <= _months(passage)


def names(text: str) -> set[str]:
    """Stems of the capitalised words that are not a sentence's first word: names, mostly."""
    found, first = set(), True
    for token in tokens(text):
        if not token.is_word:
            first = token.text in ".!?"
            continue
        word = token.text
        if not first and word[0].isupper() and word.lower() not in STOP_WORDS and word.lower() not in MONTHS:
            found.add(stem(word.lower()))
        first = False
    return found


def _content(text: str) -> set[str]:
    return {stem(t.text.lower()) for t in tokens(text) if t.is_word and is_content_word(t.text.lower())}


def _months(text: str, capitalised: bool = False) -> set[str]:
    """The months a text names ("May" only capitalised, when `capitalised`)."""
    return {
        MONTHS[t.text.lower()]
        for t in tokens(text)
        if t.is_word and t.text.lower() in MONTHS and (t.text[0].isupper() or not capitalised)
    }


@lru_cache(maxsize=64)
def _sentence_vectors(model: MeaningModel, text: str) -> tuple[list[tuple[int, int]], np.ndarray]:
    """The sentences of a text with their vectors (cached: texts repeat). Single sentences only:
    a pair would lend one sentence's negation or number to its neighbour's claim."""
    spans = [(m.start(), m.end()) for m in SENTENCE.finditer(text) if m.group().strip()]
    spans = [(s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in spans]
    if not spans:
        return [], np.zeros((0, model.dimension), np.float32)
    return spans, model.embed([text[s:e] for s, e in spans])
