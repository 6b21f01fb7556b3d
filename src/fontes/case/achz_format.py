"""The .achz format: PARC ACH's file, as the Open Source ACH importer (`import_action.php`) reads it.

The importer renames the upload to `.gz`, runs `gunzip`, reads the one file inside, converts
it from UTF-16 to UTF-8, renames PROJECT-TITLE, LAST-INDEX and COLOR-SCHEME (hyphens PHP's
SimpleXML cannot name) and reads, under the root element:

    <PROJECT-TITLE>the question</PROJECT-TITLE>   <CLASSIFICATION>U</CLASSIFICATION>
    <MATRIX>
      <HYPOTHESIS><NAME>...</NAME></HYPOTHESIS> ...            in column order
      <EVIDENCE>
        <NAME>the evidence</NAME> <NOTES>...</NOTES> <LINK>URL</LINK> <TYPE>...</TYPE>
        <DATE>milliseconds since 1970 (0: none)</DATE> <CODE>...</CODE> <FLAG>0|1</FLAG>
        <VALUES>C C,C,N,NA,I,I I</VALUES>                 one per hypothesis, in column order
        <CREDIBILITY>HIGH|MEDIUM|LOW</CREDIBILITY>
      </EVIDENCE> ...
    </MATRIX>

So one file holds one matrix: fontes writes a file per question. It adds what the importer
ignores: `question`, `id` and `credibility` attributes, `DATE/@edtf` and `EVIDENCE/SOURCE`
(title, `id` attribute), so a file read back by fontes keeps its ids and exact numbers.
fontes also reads its own older zip of `<ACHMatrix>` files (fontes-achz/1), told apart by the
first bytes; element names are read case-insensitively in both.
"""

from __future__ import annotations

import datetime as dt
import re

from fontes.dates import parse_date_or_none

FORMAT = "fontes-achz/1"
ROOT = "ACHMatrix"
MEMBER_NAME = "matrix-{number}.xml"

#: The root element fontes writes (the importer reads whatever the root is called).
PARC_ROOT = "ACH"

#: fontes' rating -> the cell value the importer knows ("C C" is very consistent, "I I" very inconsistent).
PARC_VALUE = {"CC": "C C", "C": "C", "N": "N", "NA": "NA", "I": "I", "II": "I I"}

_EPOCH = dt.date(1970, 1, 1)

#: Likelihood P(evidence | hypothesis) given to each rating on import.
LIKELIHOOD_OF_RATING = {"C": 0.9, "N": 0.5, "I": 0.2, "II": 0.05}

#: Ratings as PARC ACH and others write them -> fontes' rating (None: not applicable, no rating).
RATING_WORDS = {
    "cc": "C",
    "very consistent": "C",
    "++": "C",
    "c c": "C",
    "c": "C",
    "consistent": "C",
    "+": "C",
    "n": "N",
    "neutral": "N",
    "na": None,
    "n/a": None,
    "not applicable": None,
    "": None,
    "i": "I",
    "inconsistent": "I",
    "-": "I",
    "ii": "II",
    "i i": "II",
    "very inconsistent": "II",
    "--": "II",
}

#: Credibility levels: the value given on import, and the lowest fontes credibility written as each.
CREDIBILITY_OF_LEVEL = {"high": 0.9, "medium": 0.7, "low": 0.5}
LEVEL_FLOORS = ((0.85, "High"), (0.6, "Medium"), (0.0, "Low"))

#: Relevance scales the credibility on import (fontes has no separate relevance).
RELEVANCE_FACTOR = {"high": 1.0, "medium": 0.85, "low": 0.7}


def credibility_level(credibility: float) -> str:
    """High, Medium or Low for a fontes credibility in [0, 1]."""
    return next(level for floor, level in LEVEL_FLOORS if credibility >= floor)


def rating_from_word(word: str) -> str | None:
    """fontes' rating for a cell's text; KeyError for a word that is no rating."""
    return RATING_WORDS[word.strip().lower()]


def clean_id(raw: str | None, fallback: str) -> str:
    """An id from a file kept as written when it is a plain token (letters, digits, _ . : -), else slugged."""
    raw = (raw or "").strip()
    return raw if re.fullmatch(r"[\w.:-]{1,200}", raw) else slug(raw, fallback)


def slug(text: str, fallback: str) -> str:
    """A lower-case id made of letters, digits and hyphens, at most 60 characters."""
    made = re.sub(r"[^0-9a-z]+", "-", text.casefold()).strip("-")[:60].strip("-")
    return made or fallback


def epoch_ms(edtf: str | None) -> int:
    """The earliest day of an EDTF date in milliseconds since 1970 (UTC midnight), 0 when undated."""
    parsed = parse_date_or_none(edtf)
    return 0 if parsed is None else (parsed.earliest - _EPOCH).days * 86_400_000
