"""Words of normalised text: tokens with their offsets, and the word lists fidelity needs.

A token is a number ("38th", "6/24/50"), a word (with inner apostrophes: "don't"), or one
punctuation mark. The lists say which words carry meaning a misquotation can change
(negations, numbers, dates) and which carry none (stop words, ignored by paraphrase).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from fontes.audit.lexicon.months import AMBIGUOUS_MONTH_WORDS, MONTH_NUMBER

TOKEN = re.compile(r"\d+(?:[.,:/-]\d+)*\w*|\w+(?:'\w+)*|[^\w\s]")

NEGATIONS = frozenset(
    {
        "not",
        "no",
        "never",
        "nor",
        "neither",
        "none",
        "nobody",
        "nothing",
        "nowhere",
        "without",
        "cannot",
        "refuse",
        "refused",
        "refuses",
        "deny",
        "denied",
        "denies",
    }
)

_UNITS = (
    "zero",
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
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
_TENS = (
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
)
_ORDINALS = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
)
NUMERALS: dict[str, str] = {
    **{word: str(value) for value, word in enumerate(_UNITS)},
    **{word: str(20 + 10 * i) for i, word in enumerate(_TENS)},
    **{word: str(i + 1) for i, word in enumerate(_ORDINALS)},
    "hundred": "100",
    "thousand": "1000",
    "million": "1000000",
    "billion": "1000000000",
    "dozen": "12",
    "half": "0.5",
    "twice": "2",
    "once": "1",
    "single": "1",
    "double": "2",
}

MONTHS: dict[str, str] = {name: f"m{number}" for name, number in MONTH_NUMBER.items()}
_WEEKDAYS = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)
WEEKDAYS = {d: d[:3] for d in _WEEKDAYS}
#: Month words that are also ordinary words: a date only when capitalised ("May", not "may").
AMBIGUOUS_DATE_WORDS = AMBIGUOUS_MONTH_WORDS | {"sun", "sat", "wed"}

STOP_WORDS = frozenset(
    {
        "a",
        "about",
        "above",
        "after",
        "again",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "etc",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "hence",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "however",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "may",
        "me",
        "might",
        "more",
        "most",
        "mr",
        "mrs",
        "must",
        "my",
        "myself",
        "of",
        "off",
        "on",
        "once",
        "one",
        "ones",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "per",
        "re",
        "said",
        "same",
        "say",
        "says",
        "shall",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "therefore",
        "these",
        "they",
        "this",
        "those",
        "through",
        "thus",
        "to",
        "too",
        "under",
        "until",
        "up",
        "upon",
        "us",
        "very",
        "via",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "whether",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
    }
)


@dataclass(frozen=True, slots=True)
class Token:
    """A token of normalised text: its form and its [start, end) in that text."""

    text: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()


def tokens(normalised: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The tokens of normalised[start:end], with offsets into `normalised`."""
    end = len(normalised) if end is None else end
    return [Token(m.group(), m.start(), m.end()) for m in TOKEN.finditer(normalised, start, end)]


def is_negation(word: str) -> bool:
    return word in NEGATIONS or word.endswith("n't")


#: Words that deny what follows as surely as "not" does ("we hardly need it").
WEAK_NEGATIONS = frozenset({"hardly", "scarcely", "barely", "seldom", "unnecessary", "unable", "unwilling"})


def denies(word: str) -> bool:
    """A negation, or a word that denies as one does ("hardly", "unnecessary")."""
    return is_negation(word) or word in WEAK_NEGATIONS


#: Words after which "one" is a pronoun, not the number ("the one", "no one").
_ONE_AS_PRONOUN_AFTER = frozenset({"the", "this", "that", "no", "any", "every", "each", "another", "which"})
#: Words before which "one" is a pronoun ("one may be needed"; "one of them" is still a count).
_ONE_AS_PRONOUN_BEFORE = frozenset(
    "may might can could will would should must is was has had who which that".split()
)
_BEFORE_A_DATE = frozenset({"on", "of", "by", "until", "till", "from", "to", "since", "before", "after"})
#: Words after which "once" still counts ("once a week", "once in Beijing"); before any other
#: word it opens a clause ("once 48 hours have passed") or means "formerly".
_ONCE_COUNTS_BEFORE = frozenset({"", "a", "in", "at", "and", "or", "only", "each", "every", "during"})


def claimed_numbers(text: str) -> set[str]:
    """The numbers a normalised text gives, leaving out "one" where it is a pronoun and "once"
    where it is a conjunction."""
    words = [t.text if t.is_word else "" for t in tokens(text)]  # "" marks punctuation
    found = set()
    for at, word in enumerate(words):
        value = number_value(word) if word else None
        if value is None:
            continue
        before = words[at - 1] if at else ""
        after = words[at + 1] if at + 1 < len(words) else ""
        if word in ("one", "1"):  # normalised text spells it "1"
            date = after == "may" and before in _BEFORE_A_DATE  # "on 1 May"
            if not date and (before in _ONE_AS_PRONOUN_AFTER or after in _ONE_AS_PRONOUN_BEFORE or not after):
                continue
        if word == "once" and after not in _ONCE_COUNTS_BEFORE:
            continue
        found.add(value)
    return found


def number_value(word: str) -> str | None:
    """The number a token names ("38th" -> "38", "1,000" -> "1000", "nine" -> "9"), else None."""
    if word[0].isdigit():  # the digits only: "38th", "38fh" (OCR) and "38" are one number
        digits = re.match(r"\d+(?:[.,:/-]\d+)*", word)
        return re.sub(r"(?<=\d),(?=\d{3})", "", digits.group() if digits else word)
    return NUMERALS.get(word)


def is_content_word(word: str) -> bool:
    """A word that says what a passage is about: not a stop word, a negation or punctuation."""
    return (
        word[0].isalnum()
        and word not in STOP_WORDS
        and not is_negation(word)
        and (len(word) > 1 or word.isdigit())
    )


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light English stem, enough to see "attacked" and "attacks" as one word."""
    word = word.removesuffix("'s")
    for suffix in ("ations", "ation", "ingly", "ings", "ing", "edly", "ies", "ied", "ed", "es", "ly", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word  # "arrange" ~ "arranged"
