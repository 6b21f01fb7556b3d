"""Standard romanizations of Chinese, Russian and Korean names, as rules, so that two spellings of one
name that the systems produce are known for an equivalence and not taken for a slip.

    equivalence("Chou En-lai", "Zhou Enlai")      -> "Wade–Giles"   (the written form's system)
    equivalence("Grigoriy Tunkin", "Grigorii Tunkin") -> "BGN/PCGN"
    equivalence("Pak Heon-yeong", "Pak Hon-yong") -> "Revised Romanization"
    equivalence("Shtikov", "Shtykov")              -> None          (a vowel for another: no system)

The rules are general (Wade–Giles initials and finals against pinyin's; the Russian -ii/-iy/-y
endings, ya/ia, yu/iu, e/ye; Korean ŏ/eo, ŭ/eu, k/g, t/d, p/b, ch/j), never lists of names.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import product

#: The systems, by language: the first of each pair is the older one.
CHINESE = ("Wade–Giles", "pinyin")
RUSSIAN = ("Library of Congress", "BGN/PCGN")
KOREAN = ("McCune–Reischauer", "Revised Romanization")

#: Polities whose people's names are romanized from each language.
_LANGUAGE_OF_POLITY = {
    "chinese": ("prc", "roc", "china", "taiwan", "chinese"),
    "russian": ("ussr", "soviet", "russia", "russian"),
    "korean": ("dprk", "rok", "korea", "korean"),
}
_APOSTROPHES = re.compile(r"[’'ʼʻ`ʹʺ]")
#: More spellings than this from one name are not worth comparing (a long name of many syllables).
_MAX_FORMS = 512


def _plain(text: str) -> str:
    """Lower case, accents kept only where the systems use them (ŏ, ŭ, ü, ë)."""
    return unicodedata.normalize("NFC", text).casefold()


def _strip_marks(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def romanized_polity(polity: str) -> bool:
    """True when the people of this polity write their names in Chinese, Russian or Korean."""
    folded = polity.casefold()
    return any(w in folded for words in _LANGUAGE_OF_POLITY.values() for w in words)


def languages_of(polity: str) -> tuple[str, ...]:
    """The languages whose romanizations fit an actor of this polity (all three when unknown)."""
    folded = polity.casefold()
    found = tuple(lang for lang, words in _LANGUAGE_OF_POLITY.items() if any(w in folded for w in words))
    return found or tuple(_LANGUAGE_OF_POLITY)


# -- Chinese: Wade–Giles and pinyin ---------------------------------------------------------------

#: Wade–Giles initials (apostrophe of aspiration often dropped) and the pinyin initials they stand for.
_WG_INITIALS = [
    ("ch'", ("q", "ch")),
    ("ch", ("zh", "j", "ch", "q")),
    ("hs", ("x",)),
    ("ts'", ("c",)),
    ("tz'", ("c",)),
    ("ts", ("z", "c")),
    ("tz", ("z", "c")),
    ("k'", ("k",)),
    ("k", ("g", "k")),
    ("t'", ("t",)),
    ("t", ("d", "t")),
    ("p'", ("p",)),
    ("p", ("b", "p")),
    ("j", ("r",)),
    ("ss", ("s",)),
    ("sz", ("s",)),
]
#: Wade–Giles finals and their pinyin.
_WG_FINALS = [
    ("ieh", ("ie",)),
    ("ien", ("ian",)),
    ("üeh", ("üe", "ue")),
    ("ueh", ("ue", "üe")),
    ("iung", ("iong",)),
    ("ung", ("ong",)),
    ("erh", ("er",)),
    ("ih", ("i",)),
    ("eh", ("e",)),
    ("ü", ("ü", "u")),
    ("o", ("o", "e", "uo")),
    ("u", ("u", "i")),  # tzu, ssu -> zi, si
]


def _wg_syllable(syllable: str) -> set[str]:
    """The pinyin syllables a Wade–Giles syllable may stand for (itself among them)."""
    initials: list[tuple[str, tuple[str, ...]]] = [(syllable, ("",))]
    for wg, pinyin in _WG_INITIALS:
        if syllable.startswith(wg):
            initials = [(syllable[len(wg) :], pinyin)]
            break
    rest, heads = initials[0]
    rest = _APOSTROPHES.sub("", rest)
    tails = {rest}
    for wg, pinyin in _WG_FINALS:
        if rest.endswith(wg):
            tails |= {rest[: -len(wg)] + p for p in pinyin}
            break
    forms = {h + t for h in heads for t in tails}
    if syllable.startswith("yu") and syllable != "yung":
        forms.add("you")  # WG yu is pinyin you
    return forms | {_APOSTROPHES.sub("", syllable)}


#: Initials only pinyin writes: a name with one of them is not Wade–Giles.
_PINYIN_ONLY = re.compile(r"(?:^|[\s-])(?:b|d|g|z|x|q|r|c(?!h))|zh")
#: What only Wade–Giles writes: an apostrophe of aspiration, hs-, ts-/tz-, -ih, -ieh, hyphenated syllables.
_WADE_ONLY = re.compile(r"[’'ʼ]|\w-\w|(?:^|[\s-])(?:hs|ts|tz|ch|j|[kpt](?=[aeiou]))|ih\b|ieh\b|ung\b")


def _chinese_forms(name: str) -> set[str]:
    """Every pinyin spelling of a (possibly Wade–Giles) name, syllables run together per word."""
    if _PINYIN_ONLY.search(_plain(name)):
        return {_chinese_key(name)}
    words = []
    for word in _plain(name).split():
        syllables = [s for s in word.split("-") if s]
        options = [_wg_syllable(s) for s in syllables]
        if _count(options) > _MAX_FORMS:
            return set()
        words.append({"".join(p) for p in product(*options)})
    if _count(words) > _MAX_FORMS:
        return set()
    return {" ".join(p) for p in product(*words)}


def _chinese_key(name: str) -> str:
    return " ".join(w.replace("-", "") for w in _APOSTROPHES.sub("", _plain(name)).split())


def _chinese_system(name: str) -> str:
    folded = _plain(name)
    return CHINESE[0] if _WADE_ONLY.search(folded) and not _PINYIN_ONLY.search(folded) else CHINESE[1]


def chinese_system(name: str) -> str:
    """ "Wade–Giles" when a Chinese name shows that system's marks, else "pinyin"."""
    return _chinese_system(name)


# -- Russian: Library of Congress and BGN/PCGN ----------------------------------------------------


def _russian_key(name: str) -> str:
    """A spelling with the differences between the two systems folded away."""
    text = _APOSTROPHES.sub("", _strip_marks(_plain(name)))
    words = []
    for word in text.split():
        word = re.sub(r"(?:ii|iy|ij|yi|yy)$", "y", word)  # -ий: LC -ii, BGN -iy, often -y
        word = re.sub(r"([aeiou])i$", r"\1y", word)  # -ай, -ей: LC -ai, BGN -ay
        word = re.sub(r"^i([aeou])", r"y\1", word)  # Я, Ю at the start: LC ia, iu; BGN ya, yu
        word = re.sub(r"([aeiouy])i([aeu])", r"\1y\2", word)  # after a vowel
        word = re.sub(r"([^aeiouy])i([au])", r"\1y\2", word)  # softened consonant + я, ю
        word = re.sub(r"(^|[aeiouy])ye", r"\1e", word)  # Е: BGN ye at the start and after vowels
        word = re.sub(r"yo", "e", word)  # Ё: BGN yo, LC ë (written e)
        words.append(word)
    return " ".join(words)


def _russian_system(name: str) -> str:
    folded = _plain(name)
    library = re.search(r"ii\b|\bi[aeu]|[aeiou]i[aeu]|ë|ʹ", folded)
    return RUSSIAN[0] if library else RUSSIAN[1]


# -- Korean: McCune–Reischauer and Revised Romanization --------------------------------------------


def _korean_key(name: str) -> str:
    """A spelling with the differences between the two systems folded away."""
    text = _APOSTROPHES.sub("", _plain(name)).replace("-", "")
    text = text.replace("eo", "o").replace("eu", "u").replace("ŏ", "o").replace("ŭ", "u")
    text = re.sub(r"shi", "si", text)
    text = re.sub(r"ch", "j", text)
    for voiceless, voiced in (("k", "g"), ("t", "d"), ("p", "b")):
        text = text.replace(voiceless, voiced)
    return " ".join(text.split())


_VOICELESS = re.compile(r"(?:^|[\s-])(?:ch|k|t|p)")
_VOICED = re.compile(r"(?:^|[\s-])(?:j|g|d|b)")


def _korean_system(name: str, other: str) -> str:
    """McCune–Reischauer when the name has its breves, apostrophes or voiceless initials where the
    other spelling has voiced ones; Revised Romanization when it has eo/eu or voiced initials."""
    mine, theirs = _plain(name), _plain(other)
    if re.search(r"[ŏŭ’']", mine):
        return KOREAN[0]
    if re.search(r"eo|eu", mine) != re.search(r"eo|eu", theirs):
        return KOREAN[1] if re.search(r"eo|eu", mine) else KOREAN[0]
    voiceless = len(_VOICELESS.findall(mine)) - len(_VOICELESS.findall(theirs))
    voiced = len(_VOICED.findall(mine)) - len(_VOICED.findall(theirs))
    return KOREAN[0] if voiceless > 0 or voiced < 0 else KOREAN[1]


def _korean_vowels_agree(written: str, attested: str) -> bool:
    """Two spellings that both write Revised Romanization's eo/eu write the same vowels: one that
    drops a letter of them ("guk" for "geuk") is a slip, not the other system."""
    pattern = re.compile(r"eo|eu")
    if not (pattern.search(_plain(written)) and pattern.search(_plain(attested))):
        return True
    vowels = re.compile(r"[^aeiouwyŏŭ]")
    return vowels.sub("", _plain(written)) == vowels.sub("", _plain(attested))


# -- one question ---------------------------------------------------------------------------------


def _count(options: list[set[str]]) -> int:
    total = 1
    for o in options:
        total *= max(1, len(o))
    return total


def _same_chinese(a: str, b: str) -> bool:
    """One name in two systems (or in Wade–Giles twice): never two pinyin spellings."""
    if _chinese_system(a) == _chinese_system(b) == CHINESE[1]:
        return False
    return bool(_chinese_forms(a) & _chinese_forms(b))


def equivalence(written: str, attested: str, polity: str = "") -> str | None:
    """The romanization system that makes `written` another spelling of `attested`, or None.

    None also when the two are the same spelling (case, hyphens and apostrophes aside).
    """
    if _chinese_key(written) == _chinese_key(attested):
        return None
    for language in languages_of(polity):
        if language == "chinese" and _same_chinese(written, attested):
            return _chinese_system(written)
        if language == "russian" and _russian_key(written) == _russian_key(attested):
            return _russian_system(written)
        if (
            language == "korean"
            and _korean_key(written) == _korean_key(attested)
            and _korean_vowels_agree(written, attested)
        ):
            return _korean_system(written, attested)
    return None


def other_system(system: str) -> str:
    """The other system of the same language ("pinyin" for "Wade–Giles")."""
    for pair in (CHINESE, RUSSIAN, KOREAN):
        if system in pair:
            return pair[1] if system == pair[0] else pair[0]
    return system


def equivalent_spelling(written: str, spellings: list[str], polity: str = "") -> tuple[str, str] | None:
    """(system of `written`, the attested spelling it renders) when a standard system turns one of
    an actor's `spellings` into `written`; None when none does. A pinyin spelling is no equivalence
    of an actor who has a pinyin spelling of the same length: it should be that one."""
    for spelling in spellings:
        system = equivalence(written, spelling, polity)
        if system is None:
            continue
        if system == CHINESE[1] and any(
            chinese_system(s) == CHINESE[1] and len(s.split()) == len(written.split()) for s in spellings
        ):
            return None
        return system, spelling
    return None
