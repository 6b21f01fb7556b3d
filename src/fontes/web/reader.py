"""The source reader: a source's text cut into plain and marked pieces, one mark per evidence quote."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from fontes.anchor import Anchor
from fontes.anchor.case_quotes import anchor_evidence
from fontes.model import Case, Evidence


@dataclass(frozen=True)
class AnchoredQuote:
    """An evidence item of the case and where its quote sits in the source (anchor None: nowhere)."""

    item: Evidence
    anchor: Anchor | None

    @property
    def found(self) -> bool:
        return self.anchor is not None and self.anchor.start is not None and self.anchor.end is not None


@dataclass(frozen=True)
class Piece:
    """A stretch of the source's text; `items` are the evidence items whose quote covers it."""

    text: str
    items: tuple[str, ...] = ()
    fidelity: str = ""


def anchor_case_quotes(case: Case, source_id: str, store) -> list[AnchoredQuote]:
    """Every evidence item citing this source, its quote anchored in the source alone."""
    quotes = []
    for item in case.evidence:
        if item.source != source_id:
            continue
        anchor = anchor_evidence(item, store)
        quotes.append(AnchoredQuote(item, anchor if anchor and anchor.fidelity != "not-found" else None))
    return quotes


def marked_pieces(text: str, quotes: list[AnchoredQuote]) -> list[Piece]:
    """`text` cut at every quote's start and end, so overlapping quotes are all marked."""
    spans: list[tuple[int, int, str, str]] = []
    for q in quotes:
        a = q.anchor
        if a is not None and a.start is not None and a.end is not None and 0 <= a.start < a.end <= len(text):
            spans.append((a.start, a.end, q.item.id, a.fidelity))
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    pieces = []
    for start, end in pairwise(cuts):
        covering = [(item, fidelity) for s, e, item, fidelity in spans if s <= start and end <= e]
        fidelity = "verbatim" if all(f == "verbatim" for _, f in covering) else "inexact"
        pieces.append(
            Piece(text[start:end], tuple(item for item, _ in covering), fidelity if covering else "")
        )
    return pieces
