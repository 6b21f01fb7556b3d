"""The JSON contracts in docs/cli.md hold exactly the fields the code writes."""

from __future__ import annotations

from pathlib import Path

import fontes
from fontes import audit_essay
from fontes.reason import weigh
from fontes.report import report_data
from fontes.report.contracts import AUDIT_FIELDS, REPORT_FIELDS, field_paths

HERE = Path(__file__).parent


def test_every_field_of_the_report_is_documented_and_every_documented_field_is_written():
    # the chronicle case has every optional part: items after a horizon, a retrospective memoir,
    # schools' readings, a flip set and a source no item weighs
    case = fontes.load_case(HERE / "cases" / "chronicle")
    written = set(field_paths(report_data(case, weigh(case, draws=50))))
    assert written == set(REPORT_FIELDS)


def test_the_built_in_case_writes_only_documented_fields():
    case = fontes.load_case()
    assert set(field_paths(report_data(case, weigh(case, draws=50)))) <= set(REPORT_FIELDS)


def test_every_field_of_the_audit_is_documented_and_every_documented_field_is_written(tmp_path):
    essay = tmp_path / "essay.md"
    essay.write_text(
        "# On the war\n\nOn 3 September 1949 Kim sent his secretary, Mum Il, to Tunkin [2].\n\n"
        "## References\n\n[1] Notes of a conversation, 1949.\n",
        encoding="utf-8",
    )
    report = audit_essay(essay, fontes.load_case())
    data = report.to_json()
    assert any(f["evidence"] for f in data["findings"]), "the essay must give a finding with evidence"
    assert set(field_paths(data)) == set(AUDIT_FIELDS)


def test_the_audit_json_counts_as_the_terminal_does_in_its_label(tmp_path):
    essay = tmp_path / "essay.md"
    essay.write_text("First paragraph.\n\nKim sent Mum Il to Tunkin [2].\n", encoding="utf-8")
    finding = audit_essay(essay, fontes.load_case()).to_json()["findings"][0]
    assert finding["location"]["paragraph"] == 1 and finding["location"]["label"].startswith("¶2")
