"""Forms a historian would not call a misquotation, brought to one spelling before matching.

"38th" and "38°", "thirty-eighth" and "38th", "twelve" and "12", "per cent" and "%", British and
American spellings ("harbour"/"harbor", "mobilise"/"mobilize", "travelled"/"traveled"), and a
hyphen inside a word ("co-operate"/"cooperate", "Ko- rean" where a line break was folded) are
rewritten alike in the quotation and the source, each rewritten piece keeping its raw span.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fontes.anchor.normalize import Normalized

_UNITS = "zero one two three four five six seven eight nine".split()
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = {
    w: 10 * i
    for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split())
    if i > 1
}
_ORDINAL_UNITS = "_ first second third fourth fifth sixth seventh eighth ninth".split()
_ORDINAL_TEENS = "tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth".split()
_ORDINAL_TENS = {w.replace("ty", "tieth"): n for w, n in _TENS.items()}

#: Number words, cardinal and ordinal, by value.
NUMBER_WORDS: dict[str, int] = {
    **{w: i for i, w in enumerate(_UNITS)},
    **{w: 10 + i for i, w in enumerate(_TEENS)},
    **_TENS,
    **{w: i for i, w in enumerate(_ORDINAL_UNITS) if i},
    **{w: 10 + i for i, w in enumerate(_ORDINAL_TEENS)},
    **_ORDINAL_TENS,
}
_UNIT_WORDS = "|".join([*_UNITS[1:], *_ORDINAL_UNITS[1:]])
_NUMBER_WORD = re.compile(
    rf"\b(?:({'|'.join(_TENS)})[- ]?({_UNIT_WORDS})|({'|'.join(sorted(NUMBER_WORDS, key=len, reverse=True))}))\b"
)
#: A hyphen between letters ("co-operate"), or before a space where a line break was folded
#: ("Ko- rean"); "anti- and pro-war" is rewritten alike on both sides, so it is harmless too.
_WORD_HYPHEN = re.compile(r"(?<=[a-z])- ?(?=[a-z])")
#: An editor's footnote number set close after a word ("Vishinsky1", "bridges2"): not the words.
_GLUED_NOTE_NUMBER = re.compile(r"(?<=[a-z]{3})\d{1,2}\b")
#: A space inside an abbreviation of single letters: "a. m." is "a.m.", "U. S." is "U.S.".
_SPACED_INITIALS = re.compile(r"(?<=\b[a-z])\. (?=[a-z]\.)")
_ORDINAL_OR_DEGREE = re.compile(r"(?<=\d)(?:(?:st|nd|rd|th)(?![a-z])|[°º])")
_PER_CENT = re.compile(r" ?\bper ?cent\b| ?\bpercent\b| %")
#: British spellings -> American (words listed where a rule would merge two words: "four"/"for").
_SPELLINGS = [
    (re.compile(r"\badviser(s)?\b"), r"advisor\1"),  # before the -ise rule would make it "advizer"
    (
        re.compile(
            r"\b(col|hon|lab|fav|behavi|neighb|harb|arm|rum|vig|endeav|hum|sav|val|parl|splend|od|ferv|clam|cand"
            r"|rig|ard|demean)our"
        ),
        r"\1or",
    ),
    (re.compile(r"(?<=[a-z]{2})is(e|es|ed|ing|ation|ations|er|ers)\b"), r"iz\1"),
    (re.compile(r"\b(anal|paral|catal)ys(e|es|ed|ing)\b"), r"\1yz\2"),
    (re.compile(r"\b(cent|theat|met|lit|fib|calib|somb|spect|meag|sab)re(s|d)?\b"), r"\1er\2"),
    (re.compile(r"\b(defen|offen|preten|licen)ce(s)?\b"), r"\1se\2"),
    (
        re.compile(
            r"\b(travel|cancel|label|model|signal|counsel|fuel|total|level|channel|marshal|quarrel|rival|equal)l"
            r"(ed|ing|er|ers)\b"
        ),
        r"\1\2",
    ),
    (re.compile(r"\bprogramme(s)?\b"), r"program\1"),
    (re.compile(r"\b(catalog|dialog|analog)ue(s)?\b"), r"\1\2"),
    (re.compile(r"\bmanoeuvr(e|es|ed|ing)\b"), r"maneuver\1"),
    (re.compile(r"\bjudgement(s)?\b"), r"judgment\1"),
    (re.compile(r"\bgrey\b"), "gray"),
]
_HYPHENS = frozenset("-\u2010\u2011")
_TRIGGER = re.compile(
    r"[a-z]-|[a-z]\. [a-z]\.|\d|%|per ?cent|our|is|ys|re\b|ce\b|ll|gue|grey|adviser|judgement|programme|\b(?:"
    + "|".join(NUMBER_WORDS)
    + r")\b"
)


def harmless_forms(norm: Normalized, raw: str) -> Normalized:
    """`norm` with the forms above rewritten alike; unchanged (the same object) when none occurs."""
    if not _TRIGGER.search(norm.text):
        return norm
    norm = _rewrite(
        norm, _WORD_HYPHEN, lambda m, n: "" if _in_word_hyphen(raw, n.starts[m.start()]) else None
    )
    norm = _rewrite(norm, _GLUED_NOTE_NUMBER, lambda m, n: "")
    norm = _rewrite(norm, _SPACED_INITIALS, lambda m, n: ".")
    norm = _rewrite(norm, _ORDINAL_OR_DEGREE, lambda m, n: "")
    norm = _rewrite(norm, _PER_CENT, lambda m, n: "%")
    norm = _rewrite(norm, _NUMBER_WORD, lambda m, n: _number(m))
    for pattern, replacement in _SPELLINGS:
        norm = _rewrite(norm, pattern, _expanding(replacement))
    return norm


def _expanding(template: str) -> Callable[[re.Match[str], Normalized], str | None]:
    """A replacement that fills `template`'s groups from the match."""
    return lambda match, _norm: match.expand(template)


def _in_word_hyphen(raw: str, at: int) -> bool:
    """A hyphen before a small letter ("co-operate", not "Pak-Kim"), or before a folded line ("Ko- rean")."""
    if raw[at] not in _HYPHENS or at == 0 or not raw[at - 1].isalpha():
        return False
    after = raw[at + 1 : at + 3]
    return after[:1].islower() or (len(after) == 2 and after[0].isspace() and after[1].islower())


def _number(match: re.Match[str]) -> str:
    if match.group(3):
        return str(NUMBER_WORDS[match.group(3)])
    return str(_TENS[match.group(1)] + NUMBER_WORDS[match.group(2)])


def _rewrite(
    norm: Normalized, pattern: re.Pattern[str], replace: Callable[[re.Match[str], Normalized], str | None]
) -> Normalized:
    """Each match of `pattern` replaced (None: kept); a replacement's characters take the match's raw span."""
    from fontes.anchor.normalize import Normalized

    text, starts, ends = norm.text, norm.starts, norm.ends
    pieces: list[str] = []
    new_starts, new_ends = array("i"), array("i")
    position = 0
    for match in pattern.finditer(text):
        replacement = replace(match, norm)
        if replacement is None or replacement == match.group():
            continue
        start, end = match.span()
        pieces.append(text[position:start])
        new_starts.extend(starts[position:start])
        new_ends.extend(ends[position:start])
        raw_start, raw_end = norm.raw_span(start, end)
        pieces.append(replacement)
        new_starts.extend([raw_start] * len(replacement))
        new_ends.extend([raw_end] * len(replacement))
        position = end
    if not pieces:
        return norm
    pieces.append(text[position:])
    new_starts.extend(starts[position:])
    new_ends.extend(ends[position:])
    return Normalized("".join(pieces), new_starts, new_ends)
