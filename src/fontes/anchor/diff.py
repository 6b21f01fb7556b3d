"""The words that differ between a quotation and the source span it aligns with.

Word-level (difflib over normalised tokens), reported in each side's raw words, and each
difference judged: does it change a negation, a number, a date or a name? Those make a
close quotation a misquote; spelling, OCR noise and punctuation do not.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from fontes.anchor.agreement import asks
from fontes.anchor.normalize import CACHED_TEXTS, Normalized, normalize
from fontes.anchor.result import Difference, Meaning
from fontes.anchor.words import (
    AMBIGUOUS_DATE_WORDS,
    MONTHS,
    NUMERALS,
    STOP_WORDS,
    WEEKDAYS,
    Token,
    is_negation,
    number_value,
    tokens,
)

#: Words after which a full stop does not end a sentence ("Mr. Rusk", "W. Bradley Connors").
ABBREVIATIONS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "col",
        "maj",
        "capt",
        "lt",
        "sgt",
        "st",
        "prof",
        "cde",
        "amb",
        "adm",
        "sen",
        "rep",
        "gov",
        "no",
    }
)
#: Two names at least this similar (0-100) are one name misspelt (OCR), not a different name.
SAME_NAME_SIMILARITY = 80
#: A name the quotation puts for the source's pronoun or title must stand this many characters
#: before the span at most, or in the document's header (its first HEADER characters).
NAME_REACH = 600
HEADER = 400
#: The writer's own words for himself: their referent is the sender, not a name nearby.
FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})


@dataclass(frozen=True)
class Passage:
    """A span [start, end) of normalised text, with the raw text it came from.

    `norm` is always `normalize(raw)`: the whole text, so sentence starts can be seen.
    """

    raw: str
    norm: Normalized
    start: int
    end: int

    @cached_property
    def tokens(self) -> list[Token]:
        return tokens(self.norm.text, self.start, self.end)

    def raw_words(self, toks: list[Token]) -> str:
        """The raw text from the first to the last of `toks` ("" for none)."""
        if not toks:
            return ""
        start, end = self.norm.raw_span(toks[0].start, toks[-1].end)
        return self.raw[start:end]

    def norm_words(self, toks: list[Token]) -> str:
        """The normalised text from the first to the last of `toks` ("" for none)."""
        return self.norm.text[toks[0].start : toks[-1].end] if toks else ""

    def raw_token(self, token: Token) -> str:
        start, end = self.norm.raw_span(token.start, token.end)
        return self.raw[start:end]

    def is_capitalised(self, token: Token) -> bool:
        first = self.raw_token(token)[:1]
        return first.isupper()

    def starts_sentence(self, token: Token) -> bool:
        """True when `token` opens the text, a line or a sentence (seen in the raw text,
        where line breaks survive)."""
        raw, i = self.raw, self.norm.starts[token.start] - 1
        while i >= 0 and raw[i] in " \t'\"([‘“":
            i -= 1
        if i < 0 or raw[i] in "!?:;\n\r":
            return True
        if raw[i] != ".":
            return False
        before = re.split(r"[\s(\[-]", raw[max(0, i - 6) : i])[-1].lower()
        return not (before in ABBREVIATIONS or len(before) == 1)


@dataclass(frozen=True)
class Comparison:
    """The differences, and how many of the quotation's words the source has unchanged."""

    diff: list[Difference]
    quote_words: int
    equal_words: int
    #: Character edits in the differences that change no meaning (spelling, OCR, small words).
    harmless_edits: int = 0
    #: Words the meaning-bearing differences span (the longer side of each, added up).
    meaningful_words: int = 0

    @property
    def meaningful(self) -> list[Difference]:
        return [d for d in self.diff if d.meaning]


def compare(quote: Passage, source: Passage) -> Comparison:
    """Word-level differences between a quotation and the source span aligned with it."""
    q_tokens, s_tokens = quote.tokens, source.tokens
    matcher = difflib.SequenceMatcher(
        None, [t.text for t in q_tokens], [t.text for t in s_tokens], autojunk=False
    )
    diff: list[Difference] = []
    equal_words = harmless_edits = meaningful_words = 0
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        q_side, s_side = q_tokens[i1:i2], s_tokens[j1:j2]
        if op == "equal":
            equal_words += sum(t.is_word for t in q_side)
            continue
        if _degree_word(quote, q_tokens, i1, q_side, source, s_tokens, j1, s_side):
            continue
        meaning = meaning_changed(quote, q_side, source, s_side)
        diff.append(
            Difference(quote=quote.raw_words(q_side), source=source.raw_words(s_side), meaning=meaning)
        )
        if meaning:
            meaningful_words += max(sum(t.is_word for t in q_side), sum(t.is_word for t in s_side))
        else:
            harmless_edits += Levenshtein.distance(quote.norm_words(q_side), source.norm_words(s_side))
    return Comparison(diff, sum(t.is_word for t in q_tokens), equal_words, harmless_edits, meaningful_words)


#: Words that the degree sign stands for after a number: "the 38°" is "the 38th parallel".
DEGREE_WORDS = frozenset({"parallel", "latitude"})


def _degree_word(
    quote: Passage,
    q_tokens: list[Token],
    i: int,
    q_side: list[Token],
    source: Passage,
    s_tokens: list[Token],
    j: int,
    s_side: list[Token],
) -> bool:
    """ "parallel" (or "latitude") added or left out right after a number that the other side
    prints with a degree sign: the same words, spelt out."""
    for side, other, other_tokens, at in ((q_side, source, s_tokens, j), (s_side, quote, q_tokens, i)):
        rest = s_side if side is q_side else q_side
        if rest or len(side) != 1 or side[0].text not in DEGREE_WORDS or at == 0:
            continue
        number = other_tokens[at - 1]
        _, raw_end = other.norm.raw_span(number.start, number.end)
        if number.text[0].isdigit() and other.raw[raw_end : raw_end + 1] in ("°", "º"):
            return True
    return False


def meaning_changed(
    quote: Passage, q_side: list[Token], source: Passage, s_side: list[Token]
) -> Meaning | None:
    """What a difference changes: a negation, a number, a date, a name, a question put as a
    statement (or the reverse); None if nothing that matters."""
    q_words = [t.text for t in q_side if t.is_word]
    s_words = [t.text for t in s_side if t.is_word]
    negation_changed = _negations(q_words) != _negations(s_words) or _negated_pair(q_words, s_words)
    if negation_changed and not _misspelt(q_words, s_words):
        return "negation"
    if _numbers(q_words) != _numbers(s_words) and not _misspelt(q_words, s_words):
        return "number"
    if _dates(quote, q_side) != _dates(source, s_side) and not _misspelt(q_words, s_words):
        return "date"
    if _names_differ(quote, q_side, source, s_side):
        return "name"
    if asks(" ".join(t.text for t in q_side)) != asks(" ".join(t.text for t in s_side)):
        return "question"  # "said that" for "asked whether": a question reported as an answer
    return None


def _negations(words: list[str]) -> int:
    return sum(map(is_negation, words))


def _negated_pair(q_words: list[str], s_words: list[str]) -> bool:
    """ "likely" against "unlikely", "combatant" against "noncombatant"."""
    if len(q_words) != 1 or len(s_words) != 1:
        return False
    a, b = sorted((q_words[0], s_words[0]), key=len)
    return any(b == prefix + a for prefix in ("un", "non", "non-"))


def _misspelt(q_words: list[str], s_words: list[str]) -> bool:
    """One long word misread by OCR ("withont" for "without", "thrce" for "three", "Satunday")
    changes nothing; a short one ("na" for "no") cannot be told from a real change, so it counts."""
    if len(q_words) != 1 or len(s_words) != 1:
        return False
    a, b = q_words[0], s_words[0]
    if a[0].isdigit() or b[0].isdigit():
        return False
    return min(len(a), len(b)) >= 4 and Levenshtein.distance(a, b) <= 1


def _numbers(words: list[str]) -> list[str]:
    return sorted(v for v in map(number_value, words) if v is not None)


def _dates(passage: Passage, toks: list[Token]) -> list[str]:
    found = []
    for token in toks:
        value = MONTHS.get(token.text) or WEEKDAYS.get(token.text)
        if value and (token.text not in AMBIGUOUS_DATE_WORDS or passage.is_capitalised(token)):
            found.append(value)
    return sorted(found)


def _names_differ(quote: Passage, q_side: list[Token], source: Passage, s_side: list[Token]) -> bool:
    """A name is put for another name, added or dropped; not one name misspelt (OCR), not a
    pronoun or title put for a name, and not a word capitalised because it opens a sentence."""
    q_names, s_names = _capitalised(quote, q_side), _capitalised(source, s_side)
    if not (q_names or s_names):
        return False
    if q_side and not q_names and s_names:
        return False  # "he" for "Mao", "the Marshal" for "Stalin": the words differ, not the name
    if s_side and not s_names and q_names:
        # "Mao" for the source's "he": right only when the source names him just before (the
        # writer's "I" or "we" names its sender, who may be named only in the metadata; a
        # misread word is no name). A quotation's opening word counts as a name when the source
        # never writes it in lower case.
        q_words, s_words = [t.text for t in q_side if t.is_word], [t.text for t in s_side if t.is_word]
        if FIRST_PERSON & set(s_words) or Levenshtein.distance(" ".join(q_words), " ".join(s_words)) <= 1:
            return False  # "Hc" for "He": one letter misread
        put = [w for w, is_name in q_names if is_name or not _written_in_lower_case(source.raw, w)]
        return not all(_named_before(source, word) for word in put)
    unmatched = [
        (word, is_name)
        for word, is_name in q_names
        if not any(_same_name(word, other) for other, _ in s_names)
    ]
    unmatched += [
        (word, is_name)
        for word, is_name in s_names
        if not any(_same_name(word, other) for other, _ in q_names)
    ]
    return any(is_name for _, is_name in unmatched)


def _named_before(source: Passage, name: str) -> bool:
    """Whether the source names `name` in its header or shortly before the span."""
    text = source.norm.text
    around = text[:HEADER] + " " + text[max(0, source.start - NAME_REACH) : source.start]
    return any(_same_name(name, t.text) for t in tokens(around) if t.is_word and len(t.text) > 2)


def _written_in_lower_case(raw: str, word: str) -> bool:
    return re.search(rf"\b{re.escape(word.lower())}\b", raw) is not None


def _same_name(a: str, b: str) -> bool:
    """One name, perhaps misread: "Shtykov" and "Shtykow", "MacOnthur" and "MacArthur"."""
    a, b = a.lower(), b.lower()
    return fuzz.ratio(a, b) >= SAME_NAME_SIMILARITY or Levenshtein.distance(a, b) <= max(
        1, max(len(a), len(b)) // 3
    )


def _capitalised(passage: Passage, toks: list[Token]) -> list[tuple[str, bool]]:
    """(word, is a name) for the capitalised words that could be names: not stop words,
    numerals or dates; a name unless it opens a sentence and is nowhere capitalised mid-sentence."""
    found = []
    for token in toks:
        word = token.text
        if not token.is_word or word[0].isdigit() or not passage.is_capitalised(token):
            continue
        if word in STOP_WORDS or word in NUMERALS or word in MONTHS or word in WEEKDAYS or is_negation(word):
            continue
        is_name = not passage.starts_sentence(token) or word in _midsentence_capitals(passage)
        found.append((word, is_name))
    return found


def _midsentence_capitals(passage: Passage) -> frozenset[str]:
    """The words the whole text capitalises somewhere in mid-sentence: names, surely."""
    return _capitals_of(passage.raw)


@lru_cache(maxsize=CACHED_TEXTS)
def _capitals_of(raw: str) -> frozenset[str]:
    norm = normalize(raw)
    whole = Passage(raw, norm, 0, len(norm.text))
    return frozenset(
        t.text for t in whole.tokens if t.is_word and whole.is_capitalised(t) and not whole.starts_sentence(t)
    )
