"""The case format's positions and chronology: held_by, denies, horizon, about and per-school readings.

check-case refuses each mistake in one line naming the file, the line and the field; a case that
holds them all writes back and reads back the same.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fontes.case import check_case, load_case, write_case

CHRONICLE = Path(__file__).parent / "cases" / "chronicle"


@pytest.fixture
def chronicle(tmp_path: Path) -> Path:
    """A writable copy of the chronicle case (two questions with horizons, readings, a memoir)."""
    return Path(shutil.copytree(CHRONICLE, tmp_path / "chronicle"))


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def only_problem(folder: Path):
    (problem,) = check_case(folder)
    return problem


def test_the_chronicle_case_is_clean_and_keeps_its_new_fields(chronicle):
    assert check_case(chronicle) == []
    case = load_case(chronicle)
    fire = case.question("fire")
    assert fire.horizon == "1950-06-25"
    smith = fire.hypotheses[1]
    assert [w.label() for w in smith.held_by] == ["Birch 1975, Sparks", "Cedar 1990, The Forge"]
    assert smith.denies["storm"] == "that it started by itself"
    clouds = next(e for e in case.evidence if e.id == "memoir-clouds")
    assert clouds.about == "1950-06-25"


def test_a_work_is_cited_short_by_its_authors_surnames_and_year():
    from fontes.model import Work

    assert Work(author="Weathersby, Kathryn", year=1993, title="Soviet Aims").short() == "Weathersby 1993"
    three = Work(
        author="Goncharov, Sergei N.; Lewis, John W.; Xue Litai", year=1993, title="Uncertain Partners"
    )
    assert three.short() == "Goncharov/Lewis/Xue Litai 1993"
    assert Work(author="Shen Zhihua", year=2012, title="Mao, Stalin").short() == "Shen Zhihua 2012"


def test_a_reading_takes_the_analysts_value_for_a_hypothesis_it_does_not_name(chronicle):
    oil = next(e for e in load_case(chronicle).evidence if e.id == "diary-oil")
    assert oil.readings["forge"].bears_on["fire"] == {"miller": 0.4, "smith": 0.5, "storm": 0.3}
    assert oil.readings["forge"].work == "Birch 1975, Sparks"


def test_a_hypothesis_that_names_no_work_is_refused(chronicle):
    edit(
        chronicle,
        "case.yaml",
        "        held_by: [{author: Dale, year: 1980, title: Weather and Blame}]\n",
        "",
    )
    problem = only_problem(chronicle)
    assert (problem.file, problem.line, problem.field) == ("chronicle/case.yaml", 19, "fire.storm: held_by")
    assert "names no work that argues it" in problem.message


def test_a_hypothesis_that_does_not_say_what_it_denies_of_a_rival_is_refused(chronicle):
    edit(
        chronicle,
        "case.yaml",
        "denies: {miller: that the miller lit it, smith: that the smith lit it}",
        "denies: {miller: that the miller lit it}",
    )
    problem = only_problem(chronicle)
    assert (problem.file, problem.line, problem.field) == (
        "chronicle/case.yaml",
        22,
        "fire.storm: denies.smith",
    )
    assert "may overlap" in problem.message


def test_a_denial_of_an_unknown_rival_is_refused(chronicle):
    edit(
        chronicle,
        "case.yaml",
        "denies: {debt: that debt forced it}",
        "denies: {debt: that debt forced it, war: that the war did}",
    )
    problem = only_problem(chronicle)
    assert (problem.line, problem.field) == (34, "sale.choice: denies.war")
    assert "unknown rival 'war'" in problem.message


def test_a_horizon_that_is_not_edtf_is_refused(chronicle):
    edit(chronicle, "case.yaml", "horizon: 1950-06-25", "horizon: 25 June 1950")
    problem = only_problem(chronicle)
    assert (problem.file, problem.line, problem.field) == ("chronicle/case.yaml", 9, "fire: horizon")
    assert "not a valid EDTF date" in problem.message


def test_an_about_that_is_not_edtf_is_refused(chronicle):
    edit(chronicle, "evidence.yaml", "about: 1950-06-25", "about: the night of the fire")
    problem = only_problem(chronicle)
    assert (problem.file, problem.line, problem.field) == (
        "chronicle/evidence.yaml",
        33,
        "memoir-clouds: about",
    )


@pytest.mark.parametrize(
    "old, new, line, field, words",
    [
        ("    forge:\n", "    forges:\n", 8, "diary-oil: readings.forges", "unknown school 'forges'"),
        (
            "        fire: {miller: 0.4, smith: 0.5}",
            "        fires: {miller: 0.4, smith: 0.5}",
            10,
            "diary-oil: readings.forge.bears_on.fires",
            "unknown question 'fires'",
        ),
        (
            "        fire: {miller: 0.4, smith: 0.5}",
            "        fire: {miller: 0.4, smyth: 0.5}",
            10,
            "diary-oil: readings.forge.bears_on.fire.smyth",
            "unknown hypothesis 'smyth'",
        ),
        (
            "        fire: {miller: 0.4, smith: 0.5}",
            "        fire: {miller: 1.4, smith: 0.5}",
            10,
            "diary-oil: readings.forge.bears_on.fire.miller",
            "outside (0, 1]",
        ),
        (
            "      note: lamp oil was in every house; it tells nothing of the miller\n      work: Birch 1975, Sparks\n",
            "",
            8,
            "diary-oil: readings.forge",
            "says neither why nor from which work",
        ),
    ],
)
def test_a_reading_with_a_mistake_is_refused_in_one_located_line(chronicle, old, new, line, field, words):
    edit(chronicle, "evidence.yaml", old, new)
    problem = only_problem(chronicle)
    assert (problem.file, problem.line, problem.field) == ("chronicle/evidence.yaml", line, field)
    assert words in problem.message
    assert "\n" not in str(problem)


def test_a_reading_without_bears_on_says_what_it_should_hold(chronicle):
    edit(chronicle, "evidence.yaml", "      bears_on:\n        fire: {storm: 0.5}\n", "")
    problem = only_problem(chronicle)
    assert (problem.line, problem.field) == (39, "memoir-clouds: readings.weather")
    assert "should hold bears_on" in problem.message


def test_a_case_with_positions_horizons_and_readings_writes_back_and_reads_back_the_same(chronicle, tmp_path):
    case = load_case(chronicle)
    out = write_case(case, tmp_path / "copy")
    assert check_case(out) == []
    again = load_case(out)
    assert again == case
    assert again.evidence[0].readings["forge"].note.startswith("lamp oil")
    assert again.question("sale").horizon == "1950-10-01/1950-10-13"
