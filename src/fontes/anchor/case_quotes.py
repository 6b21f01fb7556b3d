"""The case meets the corpus: is every evidence quotation verbatim in its source?"""

from __future__ import annotations

from dataclasses import dataclass

from fontes.anchor import Anchor, CandidateStore, anchor_quote
from fontes.errors import AnchorError
from fontes.model import Case, Evidence


@dataclass(frozen=True)
class QuoteCheck:
    """One evidence item's quotation, anchored in its own source (anchor None: source not stored)."""

    item: Evidence
    anchor: Anchor | None

    @property
    def ok(self) -> bool:
        return self.anchor is not None and self.anchor.fidelity == "verbatim"

    def problem(self) -> str:
        """What is wrong, in a line; empty when the quotation is verbatim."""
        if self.anchor is None:
            return (
                f"source {self.item.source!r} is not in the corpus store; run fontes pull or fontes ingest it"
            )
        if self.ok:
            return ""
        words = "; ".join(f"{d.quote!r} where the source has {d.source!r}" for d in self.anchor.diff[:3])
        found = f" (score {self.anchor.score:.2f})" if self.anchor.fidelity != "not-found" else ""
        return (
            f"is {self.anchor.fidelity}{found}, not verbatim, in {self.item.source}"
            + (f": {words}" if words else "")
            + "; copy the source's exact words"
        )


def anchor_evidence(item: Evidence, store: CandidateStore) -> Anchor | None:
    """Where an evidence item's quotation sits in the source it names (only there, never elsewhere).

    None when the store lacks that source; a "not-found" anchor when the quotation cannot be read
    (an empty one). The case check, the report's evidence cards and the web reader all anchor here.
    """
    if store.get(item.source) is None:
        return None
    try:
        return anchor_quote(item.quote, store, source_id=item.source)
    except AnchorError:
        return Anchor(source=item.source, fidelity="not-found")


def check_quotes(case: Case, store: CandidateStore) -> list[QuoteCheck]:
    """Anchor every evidence quotation in the source it names."""
    return [QuoteCheck(item, anchor_evidence(item, store)) for item in case.evidence]
