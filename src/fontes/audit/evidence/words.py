"""The words of a text as the evidence compares them: lower-case words, content stems, near pairs."""

from __future__ import annotations

import re

from fontes.anchor.words import is_content_word, stem

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")


def lowercase_words(text: str) -> list[str]:
    """Lower-case words, possessives dropped."""
    return [m.group().lower().replace("’", "'").removesuffix("'s") for m in _WORD.finditer(text)]


def content_stems(text: str) -> list[str]:
    """The stems of a text's content words, in order."""
    words = [w.lower().replace("’", "'") for w in _WORD.findall(text)]
    return [stem(w) for w in words if len(w) > 2 and is_content_word(w)]


def near_pairs(stems: list[str], reach: int = 3) -> set[frozenset[str]]:
    """Pairs of different stems at most `reach` words apart: a phrase, whatever its word order."""
    return {
        frozenset((stems[i], stems[j]))
        for i in range(len(stems))
        for j in range(i + 1, min(len(stems), i + reach + 1))
        if stems[i] != stems[j]
    }
