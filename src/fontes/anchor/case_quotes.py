"""The case meets the corpus: is every evidence quotation verbatim in its source?"""

from __future__ import annotations

from dataclasses import dataclass

from fontes.anchor import Anchor, anchor_quote
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


def check_quotes(case: Case, store) -> list[QuoteCheck]:
    """Anchor every evidence quotation in the source it names (only there, never elsewhere)."""
    checks = []
    for item in case.evidence:
        if store.get(item.source) is None:
            checks.append(QuoteCheck(item, None))
            continue
        try:
            checks.append(QuoteCheck(item, anchor_quote(item.quote, store, source_id=item.source)))
        except AnchorError:
            checks.append(QuoteCheck(item, Anchor(source=item.source, fidelity="not-found")))
    return checks
