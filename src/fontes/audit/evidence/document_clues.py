"""What essay text says about a document besides its date (date_mentions.py): actors, kind, words.

Names inside the essay's quotation marks belong to the quoted source's words, not to the essay's
description of a document, so callers mask quotations before looking (`masked`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from fontes.audit.reading.essay import Sentence
from fontes.case.actors import find_actor
from fontes.model import Case


def masked(sentence: Sentence) -> str:
    """The sentence's text with its quotations blanked out (same length, so offsets hold)."""
    chars = list(sentence.text)
    for quotation in sentence.quotations:
        for i in range(max(0, quotation.start - sentence.start), min(len(chars), quotation.end - sentence.start)):
            chars[i] = " "
    return "".join(chars)


# -- actors --------------------------------------------------------------------------------------

#: Capitalised words of actors' names that name no one on their own.
_GENERIC_NAME_WORDS = frozenset({
    "united", "nations", "security", "council", "general", "assembly", "joint", "chiefs", "staff", "president",
    "secretary", "state", "people", "peoples", "republic", "army", "central", "committee", "dean", "john",
    "comrade", "cde", "ambassador", "minister", "chairman", "national", "korea", "korean", "soviet", "chinese",
})


@dataclass(frozen=True)
class ActorMention:
    actor: str  # actor id
    name: str  # the words of the essay
    start: int
    end: int


def actors_in(text: str, offset: int, case: Case) -> list[ActorMention]:
    """Actors of the case named in `text` by name, alias or a surname no other actor shares."""
    found: list[ActorMention] = []
    taken: list[tuple[int, int]] = []
    for _surface, actor_id, pattern in _actor_patterns(case):
        for m in pattern.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            found.append(ActorMention(actor_id, m.group(), offset + m.start(), offset + m.end()))
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda a: a.start)


def actors_named(text: str, case: Case) -> set[str]:
    """Ids of the actors a short text (an author or recipient field) names."""
    direct = find_actor(case, text)
    if direct is not None:
        return {direct.id}
    return {m.actor for m in actors_in(text, 0, case)}


def _actor_patterns(case: Case) -> list[tuple[str, str, re.Pattern]]:
    return _patterns_for(tuple((a.id, a.name, tuple(a.aliases)) for a in case.actors))


@lru_cache(maxsize=16)
def _patterns_for(actors: tuple[tuple[str, str, tuple[str, ...]], ...]) -> list[tuple[str, str, re.Pattern]]:
    """(surface, actor id, pattern), longest surface first, so "Kim Il Sung" wins over "Kim"."""
    surfaces: dict[str, str] = {}
    for actor_id, name, aliases in actors:
        for surface in (name, *aliases):
            surfaces.setdefault(surface, actor_id)  # the first actor with a spelling, as find_actor
    owners: dict[str, set[str]] = {}
    for actor_id, name, aliases in actors:
        for surface in (name, *aliases):
            words = surface.replace("-", " ").split()
            if len(words) < 2 or any(w[0].islower() for w in words):
                continue  # one-word names are aliases already; "Joint Chiefs of Staff" is an institution
            for word in (words[0], words[-1]):
                if len(word) >= 3 and word[0].isupper() and word.casefold() not in _GENERIC_NAME_WORDS \
                        and "." not in word:
                    owners.setdefault(word, set()).add(actor_id)
    for word, ids in owners.items():
        if len(ids) == 1 and word not in surfaces:
            surfaces[word] = next(iter(ids))
    patterns = []
    for surface in sorted(surfaces, key=len, reverse=True):
        body = r"[\s-]+".join(re.escape(part) for part in re.split(r"[\s-]+", surface))
        patterns.append((surface, surfaces[surface], re.compile(rf"(?<![\w]){body}(?![\w])")))
    return patterns


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
