"""The anchor room: where a quotation sits in a source or the corpus, and how faithful it is.

    anchor_in_text(quote, text) -> Match | None          # pure: one text, no store
    anchor_quote(quote, store, source_id=None) -> Anchor  # the corpus, or one source of it

Without a source id, the store's `candidates(text, limit)` names the few documents likely to
hold the quotation and only those are aligned, never the whole corpus (DESIGN.md, "How to
find a quotation fast").
"""

from __future__ import annotations

from typing import Protocol

from fontes.anchor.align import ParsedQuote
from fontes.anchor.fidelity import locate
from fontes.anchor.meaning import default_model
from fontes.anchor.result import Anchor, Difference, Fidelity, Match, TextQuoteSelector
from fontes.errors import AnchorError

__all__ = [
    "Anchor",
    "AnchorError",
    "Difference",
    "Fidelity",
    "Match",
    "TextQuoteSelector",
    "anchor_in_text",
    "anchor_quote",
]


class _HasText(Protocol):
    text: str


class CandidateStore(Protocol):
    """What anchoring needs of a store (fontes.corpus.store.Store has both)."""

    def candidates(self, text: str, limit: int = 10) -> list[str]: ...

    def get(self, id: str) -> _HasText | None: ...


def anchor_in_text(quote: str, text: str) -> Match | None:
    """Where `quote` sits in `text` and how faithfully; None when it is not there.

    Raises AnchorError for a quotation with no words.
    """
    return locate(ParsedQuote.parse(quote), text or "")


def anchor_quote(
    quote: str,
    store: CandidateStore,
    source_id: str | None = None,
    candidates: int = 10,
    by_meaning: bool = True,
) -> Anchor:
    """Anchor `quote` in one source (`source_id`) or in the `candidates` likeliest documents.

    A paraphrase is sought by content-word overlap, then (unless `by_meaning` is False) by the
    meaning of sentences, in the lexical candidates and in those closest in meaning.

    Raises AnchorError for an empty quotation or an unknown source id.
    """
    quotation = ParsedQuote.parse(quote)
    if source_id is not None:
        document = store.get(source_id)
        if document is None:
            raise AnchorError(
                f"no source {source_id!r} in the corpus",
                field="source",
                hint="check the id with `fontes search`, or ingest the source first",
            )
        match = locate(quotation, document.text, by_meaning=by_meaning)
        return (
            Anchor.from_match(source_id, match) if match else Anchor(source=source_id, fidelity="not-found")
        )
    best: tuple[Match, str] | None = None
    tried = store.candidates(" … ".join(quotation.piece_texts()), limit=candidates)
    for doc_id in tried:
        document = store.get(doc_id)
        # A paraphrase never outranks a near-verbatim quotation or a misquote found already.
        paraphrase = best is None or best[0].fidelity == "paraphrase"
        match = (
            locate(quotation, document.text, paraphrase=paraphrase, by_meaning=by_meaning)
            if document is not None
            else None
        )
        if match and (best is None or match.rank() < best[0].rank()):
            best = (match, doc_id)
            if match.fidelity == "verbatim":
                break
    if best is None and by_meaning:
        best = _by_meaning(quotation, store, candidates, tried)
    if best is None:
        return Anchor(source=None, fidelity="not-found")
    return Anchor.from_match(best[1], best[0])


def _by_meaning(
    quotation: ParsedQuote, store: CandidateStore, limit: int, tried: list[str]
) -> tuple[Match, str] | None:
    """A paraphrase in the documents whose sentences are closest in meaning to the quotation
    (a matrix product over the store's sentence vectors), when the store keeps them; the lexical
    candidates, `tried` already with the meaning stage, are not tried again."""
    model = default_model()
    closest = getattr(store, "closest_in_meaning", None)
    if model is None or closest is None:
        return None
    for doc_id in closest(quotation.search_text(), model, limit, tried):
        document = store.get(doc_id)
        match = locate(quotation, document.text) if document is not None else None
        if match is not None:
            return match, doc_id
    return None
