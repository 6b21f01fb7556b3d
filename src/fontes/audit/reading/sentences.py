"""Sentences of a paragraph, abbreviation-aware, never cut inside a quotation.

A sentence ends at `.`, `?`, `!` or `…` (with any closing quotes, brackets and citation markers
that follow) when the next word starts with a capital or a digit. "K.M. Panikkar", "U.S. forces",
"pp. 73", "No. 8600", "Univ. of", "Cde. Filippov" and initials do not end one.
"""

from __future__ import annotations

import re

from fontes.audit.lexicon.months import ABBREVIATION_WORDS
from fontes.audit.reading.words import words

#: Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = (
    words(
        "mr mrs ms dr prof gen lt col maj capt adm sgt cpl cmdr sen rep gov pres amb ambs st jr sr"
        " co ltd inc corp bros vs cf ed eds trans comp repr univ dept assn est fig figs ch chap sec art"
        " para vol vols nos p pp ff op cit ibid al approx ca cde tel mt ft ave rt hon esp govt intl"
        " e.g i.e viz"
    )
    | ABBREVIATION_WORDS
)
#: Words that begin a sentence, so an initial or "U.S." before them can end the previous one.
SENTENCE_STARTERS = words(
    "the this that these those it its he she they we i in on at but however and as a an there when"
    " after before although though since if yet so thus therefore then moreover instead such"
)
#: A terminator, its closing marks and the note markers after it: `[3]`, `[^3]`, `[^a]`, `^3`, `³`, or a
#: note number set close after it (`held.3`, a superscript flattened to plain text).
_CANDIDATE = re.compile(
    r"[.!?…]+[\"'”’»)\]]*(?:[ \t]*\[\^?[\d,;–— -]+\]|\[\^[^\]\s]+\]|\^\d{1,3}(?!\d)|(?<=[.!?…\"'”’»)])\d{1,3}(?=\s|$)"
    r"|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})*"
)
_OPENING = "\"'“‘«([*_"


def split_sentences(
    text: str, start: int, end: int, quotations: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """(start, end) of each sentence in text[start:end]; `quotations` are spans not to cut inside."""
    spans: list[tuple[int, int]] = []
    sentence_start = start
    for match in _CANDIDATE.finditer(text, start, end):
        stop = match.end()
        following = _next_word(text, stop, end)
        if following is None:
            continue
        if not _ends_sentence(text, match.start(), following, quotations, start):
            continue
        spans.append((sentence_start, stop))
        sentence_start = following[0]
    spans.append((sentence_start, end))
    return [trimmed for s, e in spans if (trimmed := _trim(text, s, e))]


def _next_word(text: str, stop: int, end: int) -> tuple[int, str] | None:
    """The position of what follows the gap after `stop`, and its first word; None without a gap."""
    pos = stop
    while pos < end and text[pos].isspace():
        pos += 1
    if pos == stop or pos >= end:
        return None
    word = re.match(r"[\"'“‘«(\[*_]*([\w’'.-]*)", text[pos:end])
    return pos, word.group(1) if word else ""


def _ends_sentence(text: str, terminator: int, following: tuple[int, str], quotations, start: int) -> bool:
    pos, word = following
    first = text[pos : pos + 1]
    lead = text[pos : pos + 8].lstrip(_OPENING)[:1]
    if not (lead.isupper() or lead.isdigit()) and first not in '“‘«"':
        return False
    if _inside_quotation(text, terminator, quotations):
        return False
    if text[terminator] != ".":
        return True
    last_word = re.search(r"([\w.’'-]*)$", text[max(start, terminator - 40) : terminator])
    token = last_word.group(1) if last_word else ""
    return not _is_abbreviation(token, word)


def _inside_quotation(text: str, position: int, quotations) -> bool:
    """Inside a quotation, unless only closing punctuation lies between here and its end."""
    for q_start, q_end in quotations:
        if q_start <= position < q_end:
            return bool(text[position:q_end].strip(".!?…\"'”’» \n"))
    return False


def _is_abbreviation(token: str, next_word: str) -> bool:
    if not token:
        return False
    bare = token.rstrip(".")
    lowered = bare.lower()
    if lowered in ABBREVIATIONS or lowered.replace(".", "") in ("eg", "ie"):
        return True
    if lowered == "no":
        return next_word[:1].isdigit()
    initial = len(bare) == 1 and bare.isupper()
    dotted = re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", bare) is not None
    if initial or dotted:
        return next_word.lower() not in SENTENCE_STARTERS
    return False


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None
