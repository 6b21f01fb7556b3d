"""Anchoring a case's evidence quotations: each only in the source it names.

One function does it for the case check, the report's evidence cards and the web reader; the
texts are short made-up dispatches.
"""

from __future__ import annotations

from dataclasses import dataclass

from fontes.anchor.case_quotes import anchor_evidence, check_quotes
from fontes.model import Evidence

DISPATCH = (
    "The Minister said his government would not send troops across the river before the harvest. "
    "He asked that the message be passed to the Embassy at once."
)
OTHER = "The harvest was poor; the Minister asked for grain, not troops."


@dataclass
class _Doc:
    text: str


class _Store:
    """Two stored dispatches, and no candidate search: an evidence item names its source."""

    def __init__(self) -> None:
        self.docs = {"d-1": _Doc(DISPATCH), "d-2": _Doc(OTHER)}

    def candidates(self, text: str, limit: int = 10) -> list[str]:
        raise AssertionError("an evidence quotation is anchored in its own source, never searched for")

    def get(self, id_: str) -> _Doc | None:
        return self.docs.get(id_)


def _item(quote: str, source: str = "d-1") -> Evidence:
    return Evidence(id="e1", source=source, quote=quote, bears_on={"q": {"a": 0.7, "b": 0.3}})


def test_a_verbatim_quotation_is_anchored_at_its_words_in_its_own_source():
    anchor = anchor_evidence(_item("would not send troops across the river"), _Store())
    assert anchor is not None and anchor.fidelity == "verbatim" and anchor.source == "d-1"
    assert DISPATCH[anchor.start : anchor.end] == "would not send troops across the river"


def test_words_found_only_in_another_source_are_not_found_in_the_one_named():
    anchor = anchor_evidence(_item("the Minister asked for grain, not troops"), _Store())
    assert anchor is not None and anchor.fidelity != "verbatim" and anchor.source == "d-1"


def test_a_source_the_store_lacks_gives_no_anchor_and_an_empty_quotation_a_not_found_one():
    assert anchor_evidence(_item("any words", source="d-9"), _Store()) is None
    empty = anchor_evidence(_item("   "), _Store())
    assert empty is not None and empty.fidelity == "not-found" and empty.start is None


def test_the_case_check_reports_what_anchor_evidence_finds():
    class _Case:
        evidence = [_item("would not send troops across the river"), _item("words", source="d-9")]

    checks = check_quotes(_Case(), _Store())  # type: ignore[arg-type]
    assert [c.ok for c in checks] == [True, False]
    assert "not in the corpus store" in checks[1].problem()
