"""The naive way to find a quotation: fuzzy-match it against every document, keep the best.

`rapidfuzz.process.extractOne(quote, texts, scorer=fuzz.partial_ratio, score_cutoff=90)` scores
the quotation against the best-matching window of every document (0-100) in C; it stops early
at a perfect 100, and the cutoff lets it skip documents that cannot reach 90 (the rule below
makes nothing of lower scores, so they need not be exact).
Classification rule, stated in every result: best score 100 -> verbatim in that document;
90 <= score < 100 -> near-verbatim in that document; below 90 -> not-found. A fuzzy score has
no notion of which words carry meaning, so this rule never says misquote (a changed number or
an added "not" scores like OCR noise), and never paraphrase.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

FOUND_AT = 90.0
RULE = (
    "rapidfuzz.process.extractOne(quote, every document's text, scorer=fuzz.partial_ratio, score_cutoff=90): "
    "best score 100 -> verbatim, >= 90 -> near-verbatim (in the best-scoring document), "
    "< 90 -> not-found; it never says misquote or paraphrase"
)


@dataclass(frozen=True)
class NaiveAnchor:
    source: str | None
    fidelity: str
    score: float | None  # None: below the cutoff


def naive_anchor(quote: str, ids: list[str], texts: list[str]) -> NaiveAnchor:
    """The best document for `quote` by partial_ratio over all `texts`, classified by RULE."""
    best = process.extractOne(quote, texts, scorer=fuzz.partial_ratio, processor=None, score_cutoff=FOUND_AT)
    if best is None:
        return NaiveAnchor(None, "not-found", None)
    _, score, index = best
    return NaiveAnchor(ids[index], "verbatim" if score >= 100.0 else "near-verbatim", score)
