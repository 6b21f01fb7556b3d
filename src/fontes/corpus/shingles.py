"""Word shingles as fingerprints: what `Store.candidates` looks up to find a quotation's documents.

A shingle is SHINGLE_WORDS consecutive words; its fingerprint is a 32-bit hash of them. A
quotation's source shares most of the quotation's shingles, and a document that merely
uses the same words shares few of them (passim and Hypothesis find quotations this way;
DESIGN.md, "How to find a quotation fast"). Words are compared folded: lower case, accents
and other combining marks dropped, a word broken by a line-end hyphen joined again, any
other character a separator. The fingerprints of many texts are computed at once with
numpy, so an ingest pays about a tenth of a millisecond a document, not a Python loop a word.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache

import numpy as np

#: Words in a shingle: three survive OCR noise and changed words better than four or five
#: (measured at 50,000 documents: the ten best documents hold the quoted passage for 0.97 of
#: quotations, 0.95 of OCR-noisy ones, with three words; 0.94 and 0.87 with four).
SHINGLE_WORDS = 3

#: A hyphen at a line end between letters; the word is joined when it goes on in lower case
#: ("Ko-\nrean"), as the anchor's normalising does (fontes.anchor.normalize).
_LINE_END_HYPHEN = re.compile(r"[-\u2010\u2011][ \t]*\r?\n\s*")
#: Where words are left out of a quotation.
_ELLIPSIS = re.compile(r"…|\.\s*\.\s*\.")
#: FRUS page markers are zero-width for quotation (as fontes.anchor.normalize.PAGE_MARKER).
_PAGE_MARKER = re.compile(r"\[Page \d+\]")
#: Characters of a word after the first MAX_WORD_CHARS share one weight (they still count).
_MAX_WORD_CHARS = 64
_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)
_MIX1, _MIX2 = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)


@cache
def _character_table() -> np.ndarray:
    """For every code point of the Basic Multilingual Plane: its folded form, or 0 for a separator."""
    table = np.zeros(0x10000, np.uint32)
    for code in range(0x10000):
        char = chr(code)
        if not char.isalnum():
            continue
        lower = char.lower()
        bare = "".join(c for c in unicodedata.normalize("NFKD", lower) if not unicodedata.combining(c))
        # A syllable or ligature that decomposes into several letters keeps its own code.
        folded = bare if len(bare) == 1 else lower if len(lower) == 1 else char
        table[code] = ord(folded)
    return table


@cache
def _powers() -> np.ndarray:
    powers = np.full(_MAX_WORD_CHARS, _MULTIPLIER, np.uint64)
    powers[0] = 1
    return np.cumprod(powers, dtype=np.uint64)


def _mix(values: np.ndarray) -> np.ndarray:
    """Spread every bit over the whole 64 (splitmix64's finaliser), arrays of uint64 (a new array)."""
    values = values ^ (values >> np.uint64(30))
    values *= _MIX1
    values ^= values >> np.uint64(27)
    values *= _MIX2
    values ^= values >> np.uint64(31)
    return values


def fingerprint_pairs(texts: Sequence[str]) -> np.ndarray:
    """Every distinct (fingerprint, text index) of `texts` as sorted uint64 keys.

    A key is the fingerprint (as an unsigned 32-bit number) in the high half and the index of
    the text holding it in the low half; see `split_keys`.
    """
    if not texts:
        return np.empty(0, np.uint64)
    texts = [_prepared(t) for t in texts]
    starts = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]])
    codes = np.frombuffer("\0".join(texts).encode("utf-32-le"), np.uint32)
    in_plane = codes < 0x10000
    if in_plane.all():
        chars = _character_table()[codes]
    else:
        chars = np.where(in_plane, _character_table()[np.where(in_plane, codes, 0)], codes)
    words, word_starts = _word_hashes(chars)
    if len(words) < SHINGLE_WORDS:
        return np.empty(0, np.uint64)
    owner = np.searchsorted(starts, word_starts, side="right") - 1
    count = len(words) - SHINGLE_WORDS + 1
    with np.errstate(over="ignore"):
        shingles = _mix(words[:count])
        for offset in range(1, SHINGLE_WORDS):
            shingles = _mix(shingles * _MULTIPLIER + words[offset : offset + count])
    whole = owner[:count] == owner[SHINGLE_WORDS - 1 :]  # no shingle runs from one text into the next
    keys = (shingles[whole] >> np.uint64(32) << np.uint64(32)) | owner[:count][whole].astype(np.uint64)
    return sorted_distinct(keys)


def sorted_distinct(values: np.ndarray, of_sorted_runs: bool = False) -> np.ndarray:
    """The distinct values, sorted (np.unique hashes them, slower than a sort for these arrays).

    `of_sorted_runs`: the values are sorted runs one after another, which a merge sort joins
    faster than a quicksort sorts them.
    """
    values = np.sort(values, kind="stable" if of_sorted_runs else "quicksort")
    return values[np.concatenate(([True], values[1:] != values[:-1]))] if len(values) else values


def _prepared(text: str) -> str:
    """The text with page markers taken out and words broken at a line end joined."""
    if "[Page " in text:
        text = _PAGE_MARKER.sub(" ", text)
    if "\n" in text and ("-" in text or "\u2010" in text or "\u2011" in text):
        text = _LINE_END_HYPHEN.sub(_join_broken_word, text)
    return text


def _join_broken_word(hyphen: re.Match[str]) -> str:
    text, start, end = hyphen.string, hyphen.start(), hyphen.end()
    broken = start > 0 and text[start - 1].isalpha() and end < len(text) and text[end].islower()
    return "" if broken else hyphen.group()


def _word_hashes(chars: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A 64-bit hash of every word of the folded characters, and where each word starts.

    A word's hash is the sum of its characters times powers of _MULTIPLIER by their place in
    the word, plus its length, mixed; a character's place comes from one running sum that
    steps back to 0 at each word's start (cheaper than numbering each word's characters).
    """
    is_word = chars != 0
    edges = np.flatnonzero(is_word[1:] != is_word[:-1]) + 1
    if len(chars) and is_word[0]:
        edges = np.concatenate(([0], edges))
    if len(chars) and is_word[-1]:
        edges = np.append(edges, len(chars))
    word_starts, word_ends = edges[0::2], edges[1::2]
    if len(word_starts) == 0:
        return np.empty(0, np.uint64), word_starts
    lengths = word_ends - word_starts
    offsets = np.zeros(len(lengths), np.int64)
    np.cumsum(lengths[:-1], out=offsets[1:])
    small = np.int32 if len(chars) < 2**31 else np.int64  # half the memory traffic
    step = np.ones(int(offsets[-1] + lengths[-1]), small)
    step[0] = 0
    step[offsets[1:]] = 1 - lengths[:-1]
    position = np.cumsum(step, dtype=small)
    np.minimum(position, _MAX_WORD_CHARS - 1, out=position)
    with np.errstate(over="ignore"):
        weighted = chars[is_word].astype(np.uint64)
        weighted *= _powers()[position]
        sums = np.add.reduceat(weighted, offsets)
        sums += lengths.astype(np.uint64)
        return _mix(sums), word_starts


def split_keys(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(fingerprints as int32, owners as uint32) of `fingerprint_pairs` keys."""
    fingerprints = (keys >> np.uint64(32)).astype(np.uint32).view(np.int32)
    return fingerprints, (keys & np.uint64(0xFFFFFFFF)).astype(np.uint32)


def fingerprints(text: str) -> list[int]:
    """The distinct fingerprints of one text, as signed 32-bit integers."""
    return split_keys(fingerprint_pairs([text]))[0].tolist()


def quotation_fingerprints(quotation: str) -> list[int]:
    """The distinct fingerprints of a quotation; no shingle runs across an ellipsis (a gap)."""
    hashes = split_keys(fingerprint_pairs(_ELLIPSIS.split(quotation)))[0]
    return sorted(set(hashes.tolist()))
