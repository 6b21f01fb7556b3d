"""The .achz format as fontes writes and reads it: a zip of ACH matrices, one XML file per question.

PARC ACH 2.0 saved its matrices as `.achz`, a zip holding an XML matrix, but its schema
was never published and no copy of it could be found (PARC's and Pherson's downloads are
gone). What follows is therefore fontes' own reconstruction, built from what PARC ACH is
documented to hold: a titled matrix of hypotheses and evidence, each item with its
source, date, type, credibility and relevance (High, Medium, Low), and one rating per
cell (CC, C, N, NA, I, II). It is NOT verified against files written by PARC ACH itself.

    matrix-1.xml, matrix-2.xml, ...      one per question, in case order

    <ACHMatrix format="fontes-achz/1" question="QUESTION-ID">
      <Title>the question</Title>
      <Hypotheses>
        <Hypothesis id="H-ID"><Text>...</Text><Note>...</Note></Hypothesis>
      </Hypotheses>
      <EvidenceList>
        <Evidence id="E-ID" credibility="0.9">        (the number is fontes' own, optional)
          <Description>the quotation</Description>
          <Source id="SOURCE-ID">the source's title</Source>
          <Date>EDTF</Date> <Type>telegram</Type>
          <Credibility>High</Credibility> <Relevance>High</Relevance>
          <Note>...</Note>
          <Ratings><Rating hypothesis="H-ID">C</Rating> ...</Ratings>
        </Evidence>
      </EvidenceList>
      <Scores><Score hypothesis="H-ID" inconsistency="2" weightedInconsistency="1.8"/></Scores>
    </ACHMatrix>

Element names are read case-insensitively; everything but Title, Hypothesis/Text,
Evidence/Description and the ratings is optional.
"""

from __future__ import annotations

import re

FORMAT = "fontes-achz/1"
ROOT = "ACHMatrix"
MEMBER_NAME = "matrix-{number}.xml"

#: Likelihood P(evidence | hypothesis) given to each rating on import.
LIKELIHOOD_OF_RATING = {"C": 0.9, "N": 0.5, "I": 0.2, "II": 0.05}

#: Ratings as PARC ACH and others write them -> fontes' rating (None: not applicable, no rating).
RATING_WORDS = {
    "cc": "C", "very consistent": "C", "++": "C",
    "c": "C", "consistent": "C", "+": "C",
    "n": "N", "neutral": "N",
    "na": None, "n/a": None, "not applicable": None, "": None,
    "i": "I", "inconsistent": "I", "-": "I",
    "ii": "II", "very inconsistent": "II", "--": "II",
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
