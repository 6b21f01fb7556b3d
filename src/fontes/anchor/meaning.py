"""Paraphrase by meaning: the sentence of a text closest to the quotation in embedding space
(meaning_model.py), accepted only when a second stage agrees.

A cosine alone cannot decide (a fabricated quotation in the corpus's vocabulary scores as high
as a loose paraphrase), so the passage must also share enough of the quotation's content words,
name every name the quotation names (in the passage or elsewhere in the document), and keep
its claim: the same polarity, every number and every month it gives (paraphrase.keeps_claim).
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

import numpy as np

from fontes.anchor.agreement import clauses, same_shape
from fontes.anchor.meaning_model import MeaningModel, load_model
from fontes.anchor.paraphrase import Paraphrase, keeps_claim
from fontes.anchor.words import (
    MONTHS,
    STOP_WORDS,
    claimed_numbers,
    denies,
    is_content_word,
    number_value,
    stem,
    tokens,
)

#: The least cosine a passage needs to be considered at all (fabricated quotations of the
#: labelled set reach 0.57, its paraphrases 0.61-0.99: benchmarks/paraphrase_items.yaml).
MIN_COSINE = 0.62
#: The least share of the quotation's content words the passage must share ...
MIN_SHARED = 0.45
#: ... or this lower share when the passage is very close in meaning.
CLOSE_COSINE = 0.75
MIN_SHARED_WHEN_CLOSE = 0.3
#: Stems of one word share this many first letters at least, then end in one of these.
SAME_WORD_PREFIX = 5
SAME_WORD_ENDINGS = frozenset(
    {"", "e", "y", "ic", "ion", "ication", "ment", "al", "ive", "ance", "ence", "ure"}
)
#: The quotation needs this many distinct content words to be judged by meaning at all.
MIN_CONTENT_WORDS = 5
#: Passages examined by the second stage, best cosine first.
TRIED = 3
SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")
_HYPHEN_INSIDE = re.compile(r"(?<=\w)-(?=\w)")
#: A document's header (its first characters) names its sender and recipient.
HEADER = 400
#: Characters on each side of a passage where the names it leaves out may stand.
NEAR = 200


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
    # Names, numbers and months are checked apart (below): the words that say what happened
    # must be shared too, or a sentence naming the same people or days on another matter would
    # pass ("at its June 13 meeting UNCOK asked ..." for "at its June 13 meeting UNCOK set up ...").
    quote_names = names(quote_raw)
    wanted = {w for w in _content(quote_text) - quote_names if number_value(w) is None and w not in MONTHS}
    if not wanted:
        return False
    passage_words = _content(passage)
    shared = sum(any(same_word(w, other) for other in passage_words) for w in wanted) / len(wanted)
    if shared < (MIN_SHARED_WHEN_CLOSE if cosine >= CLOSE_COSINE else MIN_SHARED):
        return False
    return (
        carries_every_clause(quote_raw, quote_text, passage)
        and keeps_claim(quote_text, passage)
        and _negated(quote_text) == _negated(passage)
        and keeps_negated_words(quote_text, passage)
        and keeps_names_and_months(quote_raw, passage, document)
        and same_shape(quote_names, quote_text, passage)
    )


def carries_every_clause(quote_raw: str, quote_text: str, passage: str) -> bool:
    """Each clause of the quotation that makes a claim of its own (three content words, or two
    with a name or a number) shares one with the passage (a name, a number, a name abbreviated
    there count): a passage that bears out one clause ("action should be taken north of the
    parallel") does not restate a quotation that adds another ("the President said this was
    wrong"). Two words with no name ("soldiers dispersed them", "all things considered") the
    source may well say in others."""
    passage_words = _content_joined(passage)
    quote_names, shortened = names(quote_raw), abbreviated(quote_raw, passage)
    for clause in clauses(quote_text):
        words = {stem(w) for w in clause if is_content_word(w)}
        tied = bool(words & quote_names) or bool(claimed_numbers(" ".join(clause)))
        if len(words) < (2 if tied else 3) or words & shortened:
            continue
        if not any(same_word(w, other) for w in words for other in passage_words):
            return False
    return True


def same_word(a: str, b: str) -> bool:
    """Two stems of one word, a verb and its noun ("modify", "modific(ation)"; "decide",
    "decision" is beyond it): equal, or sharing a beginning of SAME_WORD_PREFIX letters or
    more after which each goes on with an ending that keeps the act ("commander" is another
    word than "command": an actor)."""
    if a == b or a.removesuffix("e") == b.removesuffix("e"):  # "vote", "vot(ing)"
        return True
    common = len(os.path.commonprefix([a, b]))
    return common >= SAME_WORD_PREFIX and a[common:] in SAME_WORD_ENDINGS and b[common:] in SAME_WORD_ENDINGS


def keeps_names_and_months(quote_raw: str, passage: str, document: str) -> bool:
    """Every name of the quotation is near the passage (its sentence and the next to it) or in
    the document's header (a sender may be named only there: "the Ambassador (Kirk) to ..."),
    and every month it gives is in the passage; a name found only far off is another actor's."""
    at = document.find(passage)
    near = document[max(0, at - NEAR) : at + len(passage) + NEAR] if at >= 0 else passage
    around = _content_joined(near) | _content_joined(document[:HEADER])
    shortened = abbreviated(quote_raw, passage)
    return all(_among(name, around) or name in shortened for name in names(quote_raw)) and _months(
        quote_raw, capitalised=True
    ) <= _months(passage)


def abbreviated(quote_raw: str, passage: str) -> set[str]:
    """The quotation's names that stand abbreviated in the passage ("Southeast Asia": "SEA")."""
    short = {t.text for t in tokens(passage) if t.is_word and 2 <= len(t.text) <= 5}
    return {name for run in name_runs(quote_raw) if any(abbreviates(w, run) for w in short) for name in run}


def name_runs(text: str) -> list[list[str]]:
    """The stems of each run of two or more names in a row ("Southeast Asia", "United Nations")."""
    runs: list[list[str]] = [[]]
    found = names(text)
    for token in tokens(_joined_hyphens(text)):
        word = stem(token.text.lower()) if token.is_word else ""
        if word and word in found and token.text[0].isupper():
            runs[-1].append(word)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if len(run) >= 2]


def abbreviates(short: str, words: list[str]) -> bool:
    """Whether `short` is made of each word's first letter and, at most, more of its letters in
    their order: "un" of "United Nations", "sea" of "Southeast Asia"."""
    if not words:
        return not short
    if not short or short[0] != words[0][0]:
        return False
    word = words[0]
    # Take the first letter and then any further letters of this word, in order.
    for taken in range(1, len(short) + 1):
        if _in_order(short[1:taken], word[1:]) and abbreviates(short[taken:], words[1:]):
            return True
    return False


def _in_order(letters: str, word: str) -> bool:
    """Whether `letters` occur in `word` in their order (not necessarily together)."""
    rest = iter(word)
    return all(letter in rest for letter in letters)


def _among(name: str, stems: set[str]) -> bool:
    """The name's stem, or one that begins with it or it with ("Korea", "Korean")."""
    return name in stems or any(
        len(other) >= 4 and len(name) >= 4 and (other.startswith(name) or name.startswith(other))
        for other in stems
    )


def keeps_negated_words(quote_text: str, passage: str) -> bool:
    """No word that one side negates (the first content word after a negation) is asserted by
    the other in a clause that denies nothing: "cannot be considered final" is not "is
    considered final and will not be modified", but "expect no difficulty" is "do not
    anticipate any difficulty" (the negation there governs the verb of the same clause)."""
    quote_negated, quote_asserted = _polarity(quote_text)
    passage_negated, passage_asserted = _polarity(passage)
    return not (quote_negated & passage_asserted or passage_negated & quote_asserted)


def _polarity(text: str) -> tuple[set[str], set[str]]:
    """(stems a negation governs: the first content word after it, stems said outright: in a
    clause with no negation, and nowhere after a negation in its clause) of a normalised text
    ("answered that ..., but had not received an answer" says "answer" under a negation)."""
    negated: set[str] = set()
    asserted: set[str] = set()
    denied: set[str] = set()  # every content word after a negation, in its clause
    for clause in clauses(text):
        pending, denying = False, False
        said: set[str] = set()
        for word in clause:
            if denies(word):
                pending = denying = True
            elif is_content_word(word) and number_value(word) is None:
                (negated if pending else denied if denying else said).add(stem(word))
                pending = False
        if not denying:
            asserted |= said
    return negated, asserted - negated - denied


def _negated(text: str) -> bool:
    """Whether a text denies something (a weak negation such as "hardly" counts)."""
    return any(denies(t.text.lower()) for t in tokens(text) if t.is_word)


def names(text: str) -> set[str]:
    """Stems of the capitalised words that are not a sentence's first word: names, mostly;
    hyphenated parts joined ("Du-bong" is "dubong", as normalised); number words ("Tenth")
    are numbers, checked as such."""
    found, first = set(), True
    for token in tokens(_joined_hyphens(text)):
        if not token.is_word:
            first = token.text in ".!?"
            continue
        word = token.text
        lower = word.lower()
        if (
            not first
            and word[0].isupper()
            and lower not in STOP_WORDS
            and lower not in MONTHS
            and number_value(lower) is None
        ):
            found.add(stem(lower))
        first = False
    return found


def _joined_hyphens(text: str) -> str:
    """The text with the hyphens inside words taken out, as normalisation does to names."""
    return _HYPHEN_INSIDE.sub("", text)


def _content_joined(text: str) -> set[str]:
    """Content stems of a text, also with its hyphenated words joined."""
    return _content(text) | _content(_joined_hyphens(text))


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
