"""The search logic apart from SQL: FTS5 queries built safely from plain words, date ranges, names.

A user's query is never handed to FTS5 as syntax: every word becomes a quoted string, so
`AND`, `-`, `:`, `(` or an unbalanced quote can never raise an FTS5 syntax error.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable

from fontes.dates import parse_date
from fontes.errors import DateError

#: The FTS5 table's tokenizer: words folded as `tokens` below does, then reduced to their English
#: stem, so "attack" finds "attacked" and "attacks" (words of other languages are left as they are).
TOKENIZER = "porter unicode61 remove_diacritics 2"

#: Markers around the matched words in a snippet.
HIGHLIGHT_START, HIGHLIGHT_END = "[[", "]]"

_PIECES = re.compile(r'"([^"]*)"?|(\S+)')
_TOKEN = re.compile(r"[^\W_]+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


def _strip_latin_diacritics(text: str) -> str:
    """Drop accents from Latin letters only, as unicode61's remove_diacritics does (not й -> и)."""
    out: list[str] = []
    for char in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(char) and out and ord(out[-1]) < 0x250:
            continue
        out.append(char)
    return unicodedata.normalize("NFC", "".join(out))


def tokens(text: str) -> list[str]:
    """The words of `text` as the FTS5 tokenizer splits and folds them (lower case, no Latin accents),
    before it stems them."""
    return _TOKEN.findall(_strip_latin_diacritics(text).lower())


def _fts_string(words: str) -> str:
    """`words` as one FTS5 string; a NUL, where FTS5 would stop reading the query, becomes a space."""
    return '"' + words.replace('"', '""').replace("\x00", " ") + '"'


def fts_query(text: str) -> str:
    """An FTS5 MATCH expression requiring every word (AND) of a plain-words query.

    `"two words"` in the query is a phrase and a trailing `*` a prefix (`telegra*`); anything
    else is taken literally. Returns "" when the query holds no searchable word.
    """
    parts = []
    for phrase, word in _PIECES.findall(text):
        if phrase:
            if tokens(phrase):
                parts.append(_fts_string(phrase))
            continue
        prefix = word.endswith("*")
        word = word.rstrip("*")
        if not tokens(word):
            continue
        parts.append(_fts_string(word) + (" *" if prefix else ""))
    return " ".join(parts)


def any_of_terms(terms: Iterable[str], column: str | None = None) -> str:
    """An FTS5 expression matching documents with any of `terms` (optionally in one column)."""
    expression = " OR ".join(_fts_string(t) for t in terms)
    return f"{column} : ({expression})" if column else expression


def date_bounds(
    date_from: str | dt.date | None, date_to: str | dt.date | None
) -> tuple[str | None, str | None]:
    """ISO bounds of an asked range: the earliest day of `date_from`, the latest day of `date_to`.

    `--to 1950-06` therefore includes the whole of June. A document matches when its own
    range [earliest, latest] overlaps the asked range.
    """
    low = _bound(date_from, "date_from", earliest=True)
    high = _bound(date_to, "date_to", earliest=False)
    if low and high and high < low:
        raise DateError(
            f"the range ends ({high}) before it starts ({low})",
            field="date_to",
            hint="put the earlier date in --from",
        )
    return low, high


def _bound(value: str | dt.date | None, field: str, *, earliest: bool) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        parsed = parse_date(value)
    except DateError as exc:
        raise DateError(exc.message, field=field, hint=exc.hint) from None
    return (parsed.earliest if earliest else parsed.latest).isoformat()


def normalise_name(name: str) -> str:
    """A name folded for comparison: no accents, curly apostrophes straight, case and spaces folded."""
    folded = unicodedata.normalize("NFKD", name.translate(_APOSTROPHES))
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return " ".join(folded.casefold().split())


def names_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """A regex finding any of `names` as whole words in a normalised name (None when no names).

    `Filippov` finds `Filippov [Stalin]` and `Stalin` finds it too; `Kim` does not find `Kimball`.
    """
    wanted = sorted({normalise_name(n) for n in names if n and n.strip()}, key=len, reverse=True)
    if not wanted:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in wanted) + r")(?!\w)")
