"""The month names, spelled once in audit/lexicon/months.py, serve the audit's patterns and fontes.dates."""

from __future__ import annotations

import re
from pathlib import Path

from fontes.audit.lexicon.months import FULL_MONTH, MONTH, MONTH_WITH_STOP, month_number
from fontes.dates import format_date

SRC = Path(__file__).parent.parent / "src"


def test_a_month_is_numbered_from_its_name_or_abbreviation():
    assert [month_number(w) for w in ("January", "sept.", "Sep", "dec", "Maybe")] == [1, 9, 9, 12, None]


def test_the_patterns_take_full_names_and_abbreviations_as_asked():
    assert re.fullmatch(FULL_MONTH, "November") and not re.fullmatch(FULL_MONTH, "Nov")
    assert re.fullmatch(MONTH, "Sept") and not re.fullmatch(MONTH, "Sept.")
    assert re.fullmatch(MONTH_WITH_STOP, "Sept.")


def test_fontes_dates_writes_the_lexicon_s_names():
    assert format_date("1950-06-25") == "25 June 1950"


def test_no_other_module_spells_the_months_out():
    spelled = re.compile(r"[\"'(|]September[\"'|)]", re.IGNORECASE)
    offenders = [
        str(p.relative_to(SRC))
        for p in SRC.rglob("*.py")
        if spelled.search(p.read_text(encoding="utf-8")) and p.name != "months.py"
    ]
    assert offenders == []
