"""A sentence's quotations as evidence: anchored in the corpus, or in one document of it.

The answers are held by the Audit (`audit.anchors`), so the checks that ask about the same
quotation share one search.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fontes.anchor import Anchor, anchor_quote
from fontes.errors import FontesError

if TYPE_CHECKING:
    from fontes.audit.context import Audit

#: The fidelities of a quotation found in a document (anything but "not-found").
FOUND = ("verbatim", "near-verbatim", "misquote", "paraphrase")


def anchored(quote: str, audit: Audit, source_id: str | None = None) -> Anchor:
    """`quote` anchored in the corpus, or in one source of it (held by the Audit: checks share the answers)."""
    if audit.store is None:
        return Anchor(source=None, fidelity="not-found")
    known = audit.anchors
    if (quote, source_id) not in known:
        try:
            known[(quote, source_id)] = anchor_quote(quote, audit.store, source_id)
        except FontesError:
            known[(quote, source_id)] = Anchor(source=source_id, fidelity="not-found")
    return known[(quote, source_id)]
