"""Who a text names: the case's actors by name, alias or surname, and names that nearly match one.

A name is a run of capitalised words ("Terentii Shytkov", "K.M. Panikkar", "Kim Il-sung").
It names an actor when it is one of the actor's attested spellings, or a surname (or, for
Chinese and Korean names, a family name) that only that actor has. A name that is none of
these but differs from an actor's spelling by a slip of a letter or two is a `near miss`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from fontes.model import Actor, Case

#: Words that make an actor a body rather than a person (no surnames to slip on).
_BODY_WORDS = frozenset(
    {
        "council",
        "assembly",
        "chiefs",
        "committee",
        "staff",
        "nations",
        "party",
        "government",
        "ministry",
        "politburo",
        "command",
        "department",
        "agency",
    }
)
#: Polities whose people write the family name first (Mao Zedong, Kim Il Sung).
_FAMILY_FIRST = frozenset({"prc", "dprk", "rok", "china", "korea", "north korea", "south korea"})
#: Titles and offices written before a name; never names themselves.
TITLE_WORDS = frozenset(
    {
        "the",
        "comrade",
        "cde",
        "cdes",
        "mr",
        "mrs",
        "dr",
        "general",
        "genl",
        "gen",
        "marshal",
        "president",
        "premier",
        "chairman",
        "ambassador",
        "secretary",
        "minister",
        "foreign",
        "prime",
        "envoy",
        "admiral",
        "colonel",
        "lieutenant",
        "captain",
        "sir",
        "lord",
        "chargé",
        "charge",
        "counselor",
        "counsellor",
        "director",
        "commander",
        "chief",
        "vice",
        "deputy",
        "acting",
        "assistant",
        "under",
        "defense",
        "defence",
        "state",
        "soviet",
        "american",
        "chinese",
        "korean",
        "indian",
        "british",
        "us",
        "u.s.",
        "north",
        "south",
        "army",
        "his",
        "her",
        "their",
        "its",
        "according",
        "on",
        "in",
        "at",
        "and",
    }
)

_NAME_TOKEN = r"(?:[A-Z]\.(?:\s?[A-Z]\.)*|[A-Z][\w’'\-]*[\w])"
_NAME_RUN = re.compile(rf"{_NAME_TOKEN}(?:(?:\s+(?:of|de|van|von|der|du|al)\s+|\s+){_NAME_TOKEN})*")
_POSSESSIVE = re.compile(r"[’']s$")


def fold(text: str) -> str:
    """A spelling for comparing names: no accents, no case, hyphens and dots as spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[’']s\b", "", text)
    text = re.sub(r"[.\-‐–_]", " ", text.casefold())
    return " ".join(text.split())


def _tokens(name: str) -> tuple[str, ...]:
    return tuple(fold(name).split())


def _joined(name: str) -> tuple[str, ...]:
    """The words of a name with its hyphens closed up ("Zhou En-lai" as "zhou enlai")."""
    return tuple(fold(re.sub(r"(?<=\w)[-‐](?=\w)", "", name)).split())


def _initial(token: str) -> bool:
    return len(token) == 1


def is_person(actor: Actor) -> bool:
    """An actor who is one person (not the JCS or the Security Council)."""
    words = set(fold(actor.name).split())
    return not (words & _BODY_WORDS) and len(words) <= 4


@dataclass(frozen=True)
class Name:
    """A run of capitalised words in a text, with its place in the whole essay (or document)."""

    text: str
    start: int
    end: int
    initial: bool = False  # it begins a sentence, so its first word is capitalised anyway

    @property
    def tokens(self) -> tuple[str, ...]:
        return _tokens(self.text)


@dataclass(frozen=True)
class Mention:
    """An actor named in a text: who, in which words, and whether the spelling is attested."""

    actor: str  # actor id
    text: str
    start: int
    end: int
    exact: bool = True  # False for a near miss (a slip of a letter or two)
    distance: int = 0


class ActorIndex:
    """The case's actors, indexed by every spelling, surname and family name."""

    def __init__(self, case: Case):
        self.case = case
        self.actors = {a.id: a for a in case.actors}
        self.full: dict[tuple[str, ...], set[str]] = {}
        self.short: dict[str, set[str]] = {}  # a surname or family name alone
        self.tokens: set[str] = set()
        self._spelling_patterns: dict[str, list[re.Pattern[str]]] = {}
        for actor in case.actors:
            person = is_person(actor)
            for spelling in actor.names():
                toks = _tokens(spelling)
                if not toks:
                    continue
                self.full.setdefault(toks, set()).add(actor.id)
                self.full.setdefault(_joined(spelling), set()).add(actor.id)
                bare = tuple(t for t in toks if not _initial(t))
                if bare and bare != toks:
                    self.full.setdefault(bare, set()).add(actor.id)
                self.tokens.update(toks)
                family = _family_name(actor, spelling) if person and len(bare) > 1 else None
                if family and family not in TITLE_WORDS:
                    self.short.setdefault(family, set()).add(actor.id)
            self.full.setdefault((fold(actor.id).replace(" ", "-"),), set())

    # -- exact names -------------------------------------------------------------------------

    def resolve(self, tokens: tuple[str, ...]) -> str | None:
        """The one actor these words name, or None (unknown, or shared by several actors)."""
        if not tokens:
            return None
        ids = self.full.get(tokens) or self.full.get(tuple(t for t in tokens if not _initial(t)))
        if not ids and len(tokens) == 1:
            ids = self.short.get(tokens[0])
        if ids and len(ids) == 1:
            return next(iter(ids))
        return None

    def parties(self, names: list[str] | tuple[str, ...]) -> frozenset[str]:
        """Actor ids of a source's authors or recipients ("Filippov [Stalin]", "Secretary of State (Acheson)")."""
        found: set[str] = set()
        for name in names:
            if name in self.actors:
                found.add(name)
                continue
            candidates = [
                name,
                *re.findall(r"[\[(]([^\])]+)[\])]", name),
                re.sub(r"[\[(][^\])]*[\])]", "", name),
            ]
            for candidate in candidates:
                actor = self.resolve(tuple(fold(candidate).split()))
                if actor:
                    found.add(actor)
                    break
            else:
                mentioned = {m.actor for m in self.mentions(name)}
                if len(mentioned) == 1:
                    found |= mentioned
        return frozenset(found)

    def spelled_in(self, text: str, actor_id: str) -> bool:
        """True when `text` writes one of the actor's attested spellings in full (a surname alone is not one)."""
        return any(pattern.search(text) for pattern in self._spellings(actor_id))

    def _spellings(self, actor_id: str) -> list[re.Pattern[str]]:
        if actor_id not in self._spelling_patterns:
            names = sorted(self.actors[actor_id].names(), key=len, reverse=True)
            self._spelling_patterns[actor_id] = [re.compile(rf"\b{re.escape(n)}\b") for n in names]
        return self._spelling_patterns[actor_id]

    def mentions(
        self, text: str, offset: int = 0, skip: list[tuple[int, int]] | None = None
    ) -> list[Mention]:
        """The actors a text names by an attested spelling (longest names first)."""
        found: list[Mention] = []
        for name in names_in(text, offset, skip):
            found.extend(self._split(name)[0])
        return found

    def _split(self, name: Name) -> tuple[list[Mention], list[Name]]:
        """The actors a run of capitalised words names, and the leftover runs that name no actor."""
        words = [(m.group(), m.start(), m.end()) for m in re.finditer(_NAME_TOKEN, name.text)]
        if name.initial and len(words) > 1 and fold(words[0][0]) not in self.tokens | TITLE_WORDS:
            words = words[1:]  # "Despite Kim": an ordinary word that starts the sentence
        mentions: list[Mention] = []
        leftovers: list[Name] = []
        i = 0
        pending: list[tuple[str, int, int]] = []
        while i < len(words):
            hit = None
            for j in range(len(words), i, -1):
                piece = words[i:j]
                written = name.text[piece[0][1] : piece[-1][2]]
                toks = _tokens(written)
                if len(piece) == 1 and fold(piece[0][0]) in TITLE_WORDS and toks not in self.full:
                    continue
                if len(piece) == 1 and toks not in self.full and self._inside_other_name(words, i):
                    continue  # "Kim" of "Kim Il" or "Kim Young-Sam": another person's name
                actor = self.resolve(toks) or (self.resolve(_joined(written)) if len(piece) > 1 else None)
                if actor:
                    hit = (actor, piece)
                    break
            if hit:
                if pending:
                    leftovers.append(_name_of(name, pending))
                    pending = []
                actor, piece = hit
                start, end = name.start + piece[0][1], name.start + piece[-1][2]
                mentions.append(
                    Mention(actor=actor, text=name.text[piece[0][1] : piece[-1][2]], start=start, end=end)
                )
                i += len(piece)
            else:
                pending.append(words[i])
                i += 1
        if pending:
            leftovers.append(_name_of(name, pending))
        return mentions, leftovers

    def _inside_other_name(self, words: list[tuple[str, int, int]], i: int) -> bool:
        """True when the word at i has a neighbour in its run that is neither a title nor a known name."""
        for j in (i - 1, i + 1):
            if 0 <= j < len(words):
                neighbour = fold(words[j][0])
                if neighbour not in TITLE_WORDS and neighbour not in self.tokens:
                    return True
                if neighbour in self.tokens and (neighbour,) not in self.full and neighbour not in self.short:
                    return True  # a given name of some actor ("Il" after "Kim"): a longer name
        return False

    def unresolved_names(
        self, text: str, offset: int = 0, skip: list[tuple[int, int]] | None = None
    ) -> list[Name]:
        """Runs of capitalised words (titles before them dropped) that, whole, are no actor's spelling
        (one word only when it is six letters or more: a short capitalised word is mostly no name)."""
        found = []
        for name in names_in(text, offset, skip):
            rest = _after_titles(name)
            if rest is None or (len(rest.tokens) == 1 and len(rest.tokens[0]) < 6):
                continue
            if self.resolve(rest.tokens) is None:
                found.append(rest)
        return found

    # -- near misses --------------------------------------------------------------------------

    def near_misses(
        self, text: str, offset: int = 0, skip: list[tuple[int, int]] | None = None
    ) -> list[tuple[Mention, Name]]:
        """Names that are no actor's attested spelling but a slip away from exactly one actor's."""
        found: list[tuple[Mention, Name]] = []
        for name in names_in(text, offset, skip):
            mentions, leftovers = self._split(name)
            whole = _after_titles(name)
            if mentions and leftovers and whole is not None and self.resolve(whole.tokens) is None:
                # "Zhang Dehaui": the family name alone is exact, the whole name a slip from one spelling
                mention = self.near_miss(whole)
                if mention and any(m.actor == mention.actor for m in mentions):
                    found.append((mention, whole))
                    continue
            for leftover in leftovers:
                rest = _after_titles(leftover)
                mention = self.near_miss(rest) if rest else None
                if mention and rest:
                    found.append((mention, rest))
        return found

    def near_miss(self, name: Name) -> Mention | None:
        """The actor whose spelling this name slips from, when it is one actor and one slip."""
        toks = tuple(t for t in name.tokens if not _initial(t))
        if not toks or any(t in TITLE_WORDS for t in toks):
            return None
        best: dict[str, int] = {}
        for spelling, ids in self.full.items():
            people = [i for i in ids if i in self.actors and is_person(self.actors[i])]
            if not people:
                continue
            distance = _slip(toks, tuple(t for t in spelling if not _initial(t)), self.tokens)
            if distance is not None:
                for actor in people:
                    best[actor] = min(distance, best.get(actor, 99))
        if len(best) != 1:
            return None
        actor, distance = next(iter(best.items()))
        return Mention(
            actor=actor, text=name.text, start=name.start, end=name.end, exact=False, distance=distance
        )


def _family_name(actor: Actor, spelling: str) -> str | None:
    """The word of a spelling that alone names the person: the family name.

    It is the first word for Chinese and Korean names (Mao, Kim, Chou), else the last word of
    the actor's own name; a pseudonym's last word (Fyn Si) or a title (President Rhee) is none.
    """
    words = [w for w in spelling.replace("-", "").split() if not re.fullmatch(r"(?:[A-Z]\.)+", w)]
    if fold(actor.polity) in _FAMILY_FIRST:
        return fold(words[0]) if words else None
    if spelling != actor.name:
        return None
    return fold(words[-1]) if words else None


def _after_titles(name: Name) -> Name | None:
    """The name without the titles before it ("Secretary of State Atcheson" -> "Atcheson")."""
    words = [(m.group(), m.start(), m.end()) for m in re.finditer(_NAME_TOKEN, name.text)]
    last = max((i for i, (w, _, _) in enumerate(words) if fold(w) in TITLE_WORDS), default=-1)
    rest = words[last + 1 :]
    return _name_of(name, rest) if rest else None


def _name_of(name: Name, words: list[tuple[str, int, int]]) -> Name:
    return Name(
        text=name.text[words[0][1] : words[-1][2]],
        start=name.start + words[0][1],
        end=name.start + words[-1][2],
    )


def _slip(written: tuple[str, ...], attested: tuple[str, ...], known: set[str]) -> int | None:
    """Letters changed between two spellings of one name, when it is a slip; else None.

    A slip is in the same number of words, each the same or one change away (two for words of
    nine letters or more; a swap of two letters counts as one). A one-word name must differ in
    a word of six letters or more and by a swap or a single change; a name of several words
    must keep at least one word exactly as attested.
    """
    if len(written) != len(attested) or not written:
        return None
    total, same = 0, 0
    for w, a in zip(written, attested):
        if w == a:
            same += 1
            continue
        if w in known:  # another actor's attested word: a different name, not a slip
            return None
        d = OSA.distance(w, a)
        allowed = 2 if len(a) >= 9 else 1
        if d > allowed or min(len(w), len(a)) < 3:
            return None
        total += d
    if total == 0:
        return None
    if len(written) == 1:
        if len(attested[0]) < 6 or total > 1:
            return None
    elif same == 0:
        return None
    return total


def names_in(text: str, offset: int = 0, skip: list[tuple[int, int]] | None = None) -> list[Name]:
    """Runs of capitalised words (possessives dropped), outside the `skip` spans (quotations)."""
    names: list[Name] = []
    for m in _NAME_RUN.finditer(text):
        start, raw = offset + m.start(), _POSSESSIVE.sub("", m.group())
        if skip and any(s <= start < e for s, e in skip):
            continue
        initial = m.start() == 0 or bool(re.search(r"[.!?:;“\"(]\s*$", text[: m.start()]))
        names.append(Name(text=raw, start=start, end=start + len(raw), initial=initial))
    return names
