"""The command line: exit codes, one-line errors, and the fontes.report/1 JSON contract."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest
from click.testing import CliRunner

from fontes.cli import cli


def run(*args):
    return CliRunner().invoke(cli, list(args))


def test_check_case_exit_codes(toy_case_dir):
    assert run("check-case", str(toy_case_dir)).exit_code == 0
    (toy_case_dir / "sources.yaml").write_text("- id: s1\n  title: [unclosed\n")
    result = run("check-case", str(toy_case_dir))
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith("toy/sources.yaml:2: YAML does not parse")
    assert "unknown source" not in result.output  # no cascade from the broken file


def test_report_json_follows_the_contract(toy_case_dir):
    result = run("report", "--case", str(toy_case_dir), "--json", "--draws", "500", "--seed", "3")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["schema"] == "fontes.report/1"
    assert data["case"] == "toy" and data["school"] == "flat"
    (q,) = data["questions"]
    assert q["leader"] == "a"
    assert [h["id"] for h in q["hypotheses"]] == ["a", "b"]
    # e1 (0.8 vs 0.2, credibility 1) and e2 ([0.3, 0.7] at its midpoint 0.4583 vs 0.25,
    # credibility 0.5, mixed with the mean 0.3541 -> 0.4062 vs 0.3021): by hand,
    # P(a) = 0.8*0.4062 / (0.8*0.4062 + 0.2*0.3021) = 0.8432.
    assert math.isclose(q["hypotheses"][0]["posterior"], 0.843232, abs_tol=1e-5)
    low, high = q["hypotheses"][0]["interval"]
    assert low < q["hypotheses"][0]["posterior"] < high
    assert math.isclose(sum(h["p_top"] for h in q["hypotheses"]), 1.0)
    e1 = next(e for e in q["evidence"] if e["id"] == "e1")
    assert math.isclose(e1["weight_db"], 10 * math.log10(4), abs_tol=1e-3) and e1["pivotal"] is False
    assert set(q["schools"]) == {"flat", "sceptic"}
    assert q["schools"]["sceptic"]["a"] < q["schools"]["flat"]["a"]


def test_report_school_option_changes_the_prior(toy_case_dir):
    data = json.loads(
        run("report", "--case", str(toy_case_dir), "--json", "--school", "sceptic", "--draws", "200").output
    )
    assert data["school"] == "sceptic"
    assert math.isclose(data["questions"][0]["hypotheses"][0]["posterior"], 0.573, abs_tol=1e-3)


def test_report_same_seed_same_intervals(toy_case_dir):
    a = run("report", "--case", str(toy_case_dir), "--json", "--draws", "300", "--seed", "7").output
    b = run("report", "--case", str(toy_case_dir), "--json", "--draws", "300", "--seed", "7").output
    assert a == b


@pytest.mark.parametrize(
    "args, words",
    [
        (["--school", "nobody"], "nobody"),
        (["--case", "does/not/exist"], "is not a case folder"),
    ],
)
def test_user_mistakes_give_one_line_not_a_traceback(toy_case_dir, args, words):
    if "--case" not in args:
        args = ["--case", str(toy_case_dir), *args]
    result = run("report", *args)
    assert result.exit_code == 2  # an input error
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and words in lines[0]


def test_broken_case_report_names_the_file_and_line(toy_case_dir):
    text = (toy_case_dir / "evidence.yaml").read_text().replace("b: 0.2", "b: 7")
    (toy_case_dir / "evidence.yaml").write_text(text)
    result = run("report", "--case", str(toy_case_dir))
    assert result.exit_code == 2
    assert result.output.startswith(
        "Error: toy/evidence.yaml:6: e1: bears_on.q.b: likelihood 7.0 is outside (0, 1]"
    )


def test_zero_draws_is_a_usage_error(toy_case_dir):
    assert run("report", "--case", str(toy_case_dir), "--draws", "0").exit_code == 2


def test_terminal_report_shows_ranking_evidence_schools_and_ach(toy_case_dir):
    result = CliRunner().invoke(
        cli, ["report", "--case", str(toy_case_dir), "--draws", "200"], terminal_width=120
    )
    out = result.output
    assert result.exit_code == 0
    for words in [
        "Who did it?",
        "84.3%",
        "+6.0 dB",
        "the exact words of the source",
        "Letter from A to B (13 May 1950)",
        "Doubts A",
        "57.4%",
        "ACH ranking",
        "Pivotal items",
    ]:
        assert words in out, words


def test_report_writes_a_self_contained_html_file(toy_case_dir, tmp_path):
    out = tmp_path / "report.html"
    result = run(
        "report",
        "--case",
        str(toy_case_dir),
        "--draws",
        "50",
        "--html",
        str(out),
        "--db",
        str(tmp_path / "none.db"),
    )
    assert result.exit_code == 2 and "no corpus store here" in result.output  # an explicit --db must exist
    result = run("report", "--case", str(toy_case_dir), "--draws", "50", "--html", str(out))
    assert result.exit_code == 0, result.output
    html = out.read_text()
    assert "84.3%" in html and "<svg" in html
    assert not list(tmp_path.glob("*.tmp"))


def test_essay_without_html_is_a_usage_error(toy_case_dir, tmp_path):
    essay = tmp_path / "e.md"
    essay.write_text("An essay.")
    assert run("report", "--case", str(toy_case_dir), "--essay", str(essay)).exit_code == 2


def test_written_files_get_ordinary_permissions(toy_case_dir, tmp_path):
    import os
    import stat

    out = tmp_path / "report.html"
    run("report", "--case", str(toy_case_dir), "--draws", "20", "--html", str(out))
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~mask


def test_the_command_line_starts_without_loading_the_heavy_libraries():
    """`fontes --help` stays fast: pydantic, YAML, numpy and rich load inside the commands that need them."""
    code = (
        "import sys; from fontes.cli import cli; "
        "print(sorted(m for m in ('pydantic', 'yaml', 'numpy', 'rich', 'lxml') if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"


def test_a_case_of_empty_files_is_a_problem_not_a_clean_case(tmp_path):
    folder = tmp_path / "blank"
    folder.mkdir()
    for name in ("case.yaml", "sources.yaml", "evidence.yaml"):
        (folder / name).write_text("")
    checked = run("check-case", str(folder))
    assert checked.exit_code == 1 and "blank/case.yaml:1: is empty" in checked.output
    reported = run("report", "--case", str(folder))
    assert reported.exit_code == 2 and "case.yaml:1: is empty" in reported.output
