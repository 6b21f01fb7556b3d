"""The command line's own messages: each said once ("skipped: " not twice), one casing ("wrote"),
and counts that take the singular for one."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

import fontes
from fontes.cli import cli
from fontes.report.exports import write_per_question

TOY = Path(__file__).parent / "cases" / "toy"


def test_a_skipped_source_is_said_skipped_once(tmp_path):
    # the toy case's one source has no address: pull asks nothing and skips it, with its reason
    result = CliRunner().invoke(cli, ["pull", "--case", str(TOY), "--db", str(tmp_path / "store.db")])
    lines = [line for line in result.output.splitlines() if "skipped" in line and "stored" not in line]
    assert lines == ["skipped: s1: no url"], result.output
    assert "0 stored (0 fetched, 0 from the cache), 1 skipped, 0 failed" in result.output


def test_import_says_wrote_as_every_command_does_with_singular_counts(tmp_path):
    case = fontes.load_case(TOY)
    (path,) = write_per_question(case, fontes.weigh(case, draws=20), tmp_path / "achz")
    result = CliRunner().invoke(cli, ["import", "--format", "achz", str(path), "-o", str(tmp_path / "new")])
    assert result.exit_code == 0, result.output
    assert f"wrote case q to {tmp_path / 'new'}: 1 question, 2 hypotheses, 2 evidence items." in result.output
    assert "Wrote" not in result.output and "(s)" not in result.output
