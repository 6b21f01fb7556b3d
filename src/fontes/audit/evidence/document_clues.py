"""What essay text says about a document besides its date and actors: its kind and its words.

Names inside the essay's quotation marks belong to the quoted source's words, not to the essay's
description of a document, so callers mask quotations before looking (`masked`).
"""

from __future__ import annotations

import re

from fontes.audit.reading.essay import Sentence


def masked(sentence: Sentence) -> str:
    """The sentence's text with its quotations blanked out (same length, so offsets hold)."""
    chars = list(sentence.text)
    for quotation in sentence.quotations:
        for i in range(max(0, quotation.start - sentence.start), min(len(chars), quotation.end - sentence.start)):
            chars[i] = " "
    return "".join(chars)


# -- kinds of document ---------------------------------------------------------------------------

#: Words for a kind of document, and the doc_type values (corpus and case) they describe.
TYPE_WORDS: dict[str, frozenset[str]] = {}
for _words, _types in (
    (("telegram telegrams telegraph telegraphed telegraphs cable cables cabled ciphered cipher cyphered "
     "cypher cyphering wire"), "telegram"),
    ("letter letters", "letter"),
    ("conversation conversations meeting meetings talks talked met discussion discussions", "conversation"),
    ("directive directives order orders instruction instructions", "directive resolution"),
    ("decision decisions resolution resolutions", "resolution directive"),
    ("speech speeches address addresses lecture", "speech statement"),
    ("statement statements declaration declarations announcement", "statement speech"),
    ("memorandum memoranda memo memorandums", "memorandum"),
    ("report reports", "report"),
    ("estimate estimates", "estimate"),
):
    for _word in _words.split():
        TYPE_WORDS[_word] = frozenset(_types.split())

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")


def type_words_in(text: str) -> dict[str, frozenset[str]]:
    """The document-kind words of `text` and the doc_types each names."""
    found = {}
    for word in words_of(text):
        if word in TYPE_WORDS:
            found[word] = TYPE_WORDS[word]
    return found


def words_of(text: str) -> list[str]:
    """Lower-case words, possessives dropped."""
    return [m.group().lower().replace("’", "'").removesuffix("'s") for m in _WORD.finditer(text)]
