"""The language a stored text is written in, told by its script, and the words each language indexes.

A document's language is what its record says (`language`, an ISO 639-1 code) or else what the
letters of its text show: Han characters Chinese, kana Japanese, Hangul Korean, Cyrillic Russian,
Latin English. Search and anchoring use it: Chinese has no spaces between words, so its text is
indexed as overlapping pairs of characters; Russian words are reduced to their Snowball stems.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: Languages by ISO 639-1 code, as a reader names them ("Russian original").
LANGUAGE_NAMES = {
    "en": "English",
    "ru": "Russian",
    "zh": "Chinese",
    "ja": "Japanese",
    "ko": "Korean",
    "de": "German",
    "fr": "French",
}
#: The letters of a script, by the language the audit takes them for.
_SCRIPTS = {
    "zh": re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"),
    "ja": re.compile(r"[\u3040-\u30ff]"),
    "ko": re.compile(r"[\uac00-\ud7af\u1100-\u11ff]"),
    "ru": re.compile(r"[\u0400-\u04ff]"),
    "en": re.compile(r"[A-Za-z]"),
}
#: The language of a text is judged on its first characters (a long text's opening says enough).
_SAMPLE = 4000
#: Kana among Han characters make a text Japanese; this share of kana is enough.
_KANA_SHARE = 0.1
_NON_LATIN = re.compile(
    r"[\u0400-\u04ff\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]"
)
#: A character that only the native index can find (Han, Cyrillic).
_NATIVE_CHAR = re.compile(r"[\u0400-\u04ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]+(?:-[\u0400-\u04ff]+)*")
#: Distinct Russian words whose stems are kept (a few MB).
_STEMS_KEPT = 50_000
_NAMED_LANGUAGE = re.compile(r"^(?:en|ru|zh|ja|ko|de|fr|[a-z]{2,3})(?:-[A-Za-z0-9]+)*$")


def text_language(text: str) -> str:
    """The ISO code of the language a text's letters are written in ('' for a text without letters)."""
    sample = text[:_SAMPLE]
    if not _NON_LATIN.search(sample):  # most texts: counting the scripts is not needed
        return "en" if _SCRIPTS["en"].search(sample) else ""
    counts = {code: len(script.findall(sample)) for code, script in _SCRIPTS.items()}
    if counts["ja"] >= _KANA_SHARE * counts["zh"]:
        counts["ja"] += counts["zh"]  # kana among Han characters: Japanese writes both
    else:
        counts["ja"] = 0
    best = max(counts, key=lambda c: counts[c])
    return best if counts[best] else ""


def language_code(value: str) -> str:
    """A record's language field as a bare code ('ru-Latn' -> 'ru'); '' when it names none."""
    value = value.strip()
    if not _NAMED_LANGUAGE.match(value.lower()):
        return ""
    return value.lower().split("-")[0]


def language_name(code: str) -> str:
    """The English name of a language code, or the code itself when the table has none."""
    return LANGUAGE_NAMES.get(code, code)


def native_terms(text: str) -> str:
    """The words of `text` that the English (Porter) index cannot find, as index terms.

    Each run of Han characters becomes its overlapping character pairs ("参战" in "拟参战" is
    found), a lone character itself; each Russian word its Snowball stem. Other words are left
    to the English index. Returns '' when the text holds neither.
    """
    if text.isascii() or not _NATIVE_CHAR.search(text):
        return ""
    terms: list[str] = []
    for run in _HAN_RUN.findall(text):
        terms.extend([run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)])
    terms.extend(_russian_stem(word.lower()) for word in _CYRILLIC_WORD.findall(text))
    return " ".join(terms)


def native_query(text: str) -> str:
    """An FTS5 expression for the native index requiring every Han run (as a phrase of its
    character pairs) and every Russian word (by stem) of a plain-words query; '' when none."""
    parts = []
    for run in _HAN_RUN.findall(text):
        parts.append('"' + native_terms(run) + '"')
    for word in _CYRILLIC_WORD.findall(text):
        parts.append('"' + native_terms(word) + '"')
    return " ".join(parts)


def without_native_words(text: str) -> str:
    """`text` with its Han runs and Cyrillic words taken out (what the English index can find)."""
    return _CYRILLIC_WORD.sub(" ", _HAN_RUN.sub(" ", text))


def has_native_terms(text: str) -> bool:
    """True when `text` holds a Han character or a Cyrillic word."""
    return bool(_HAN_RUN.search(text) or _CYRILLIC_WORD.search(text))


@lru_cache(maxsize=_STEMS_KEPT)
def _russian_stem(word: str) -> str:
    """The Snowball stem of a lower-cased Russian word, kept: a corpus repeats its words, and
    stemming one is far slower than looking it up."""
    return _russian_stemmer().stemWord(word)


@lru_cache(maxsize=1)
def _russian_stemmer():
    """The Snowball stemmer for Russian (built once: it is a table of rules)."""
    import snowballstemmer

    return snowballstemmer.stemmer("russian")
