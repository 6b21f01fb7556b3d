"""Guess a document's type from how its title begins ("Ciphered Telegram, ...", "Memorandum by ...").

Only titles that name their type are classified; anything else stays "" rather than be guessed.
The words are the corpus's own (see shared/corpus/korea1950/README.md, `doc_type`).
"""

from __future__ import annotations

import re

_TITLE_TYPES: tuple[tuple[str, str], ...] = (
    (r"editorial note", "editorial note"),
    (r"(memorandum|record|notes?|minutes) of (the )?conversations?", "conversation"),
    (r"(ciphered |cipher |coded )?(telegram|cable|telegraph)", "telegram"),
    (r"memorandum|memo\b", "memorandum"),
    (r"letter", "letter"),
    (r"(national intelligence |special )?estimate", "estimate"),
    (r"report", "report"),
    (r"directive", "directive"),
    (r"(draft )?resolution", "resolution"),
    (r"speech|address by", "speech"),
    (r"statement", "statement"),
)
#: One pattern, a group per type: the first type in the list that matches wins, as the words
#: after the leading punctuation are tried in order.
_PATTERN = re.compile(
    r"\W*(?:" + "|".join(f"(?P<t{n}>{words})" for n, (words, _) in enumerate(_TITLE_TYPES)) + ")",
    re.IGNORECASE,
)


def doc_type_from_title(title: str) -> str:
    """The type a title names in its first words, or "" when it names none."""
    found = _PATTERN.match(title)
    return _TITLE_TYPES[int(found.lastgroup[1:])][1] if found and found.lastgroup else ""
