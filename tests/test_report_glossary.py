"""The glossary's words in the terminal, shared ACH ranks, odds for extreme priors, an 80-column report."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

import fontes
from fontes.reason.ranking import shared_places
from fontes.report import print_report
from fontes.report.glossary import TERMS, count, odds_text, rank_labels

CHRONICLE = Path(__file__).parent / "cases" / "chronicle"


def test_equal_scores_share_a_rank_and_are_printed_as_ties():
    assert shared_places([-0.0, -0.0, -1.0, -0.5]) == [1, 1, 4, 3]
    assert rank_labels({"a": 1, "b": 1, "c": 3}) == {"a": "=1", "b": "=1", "c": "3"}


def test_odds_for_extreme_priors_are_not_zero():
    assert odds_text(1e-4) == "1 : 10⁴"
    assert odds_text(2.5) == "2.5 : 1"
    assert odds_text(3.1e7) == "3.1×10⁷ : 1"
    assert count(1, "source") == "1 source" and count(2, "evidence item") == "2 evidence items"


def test_the_terminal_at_80_columns_fits_and_explains_every_term():
    case = fontes.load_case(CHRONICLE)
    verdict = fontes.weigh(case, draws=200)
    out = io.StringIO()
    print_report(case, verdict, Console(file=out, width=80, color_system=None))
    lines = out.getvalue().splitlines()
    assert max(len(line) for line in lines) <= 80
    shown = " ".join(" ".join(lines).replace("│", " ").split())
    for term in TERMS.values():
        assert f"{term.label}: {term.definition}." in shown
    for qv in verdict.questions:
        assert any(line.startswith(f"╭─ {qv.id} · prior:") for line in lines)
