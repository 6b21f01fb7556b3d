"""Loading and checking case folders: every problem found at once, each with file, line, field."""

from __future__ import annotations

from pathlib import Path

import pytest

from fontes.case import check_case, load_case, parse_likelihood, write_case
from fontes.errors import CaseError


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text()
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1))


def messages(folder: Path) -> list[str]:
    return [str(p) for p in check_case(folder)]


def test_toy_case_loads_with_words_and_ranges_resolved(toy_case_dir):
    case = load_case(toy_case_dir)
    assert [q.id for q in case.questions] == ["q"]
    e1, e2 = case.evidence
    assert e1.bears_on["q"] == {"a": 0.8, "b": 0.2}
    assert e2.bears_on["q"] == {"a": (0.3, 0.7), "b": 0.25}
    assert case.sources[0].date == "1950-05-13"  # YAML dates come back as EDTF text
    assert case.credibility_of(e1) == 1.0 and case.credibility_of(e2) == 0.5


def test_unmentioned_hypothesis_gets_even(toy_case_dir):
    edit(toy_case_dir, "evidence.yaml", "q: {a: 0.8, b: 0.2}", "q: {a: 0.8}")
    assert load_case(toy_case_dir).evidence[0].bears_on["q"]["b"] == 0.5


def test_clean_case_has_no_problems(toy_case_dir):
    assert check_case(toy_case_dir) == []


def test_unknown_source_is_reported_with_line_and_field(toy_case_dir):
    edit(toy_case_dir, "evidence.yaml", "source: s1", "source: s9")
    assert messages(toy_case_dir) == [
        "toy/evidence.yaml:2: e1: source: unknown source 's9'; add it to sources.yaml or fix the id"
    ]


def test_unknown_hypothesis_and_question(toy_case_dir):
    edit(toy_case_dir, "evidence.yaml", "q: {a: 0.8, b: 0.2}", "q: {a: 0.8, c: 0.2}")
    edit(toy_case_dir, "evidence.yaml", "q: {a: [0.3, 0.7]", "z: {a: [0.3, 0.7]")
    found = messages(toy_case_dir)
    assert any(m.startswith("toy/evidence.yaml:6: e1: bears_on.q.c: unknown hypothesis 'c'") for m in found)
    assert any(m.startswith("toy/evidence.yaml:13: e2: bears_on.z: unknown question 'z'") for m in found)


@pytest.mark.parametrize("value", ["0", "1.5", "-0.2", "[0.7, 0.3]", "maybe", "[0.2, 0.3, 0.4]", ".nan"])
def test_likelihood_outside_unit_interval_or_malformed(toy_case_dir, value):
    edit(toy_case_dir, "evidence.yaml", "b: 0.2", f"b: {value}")
    (problem,) = check_case(toy_case_dir)
    assert (problem.file, problem.line, problem.field) == ("toy/evidence.yaml", 6, "e1: bears_on.q.b")


def test_bad_edtf_date(toy_case_dir):
    edit(toy_case_dir, "sources.yaml", "date: 1950-05-13", "date: '1950-13-45'")
    (problem,) = check_case(toy_case_dir)
    assert (problem.line, problem.field) == (3, "s1: date")
    assert "not a valid EDTF date" in problem.message


def test_duplicate_ids(toy_case_dir):
    edit(toy_case_dir, "evidence.yaml", "id: e2", "id: e1")
    (problem,) = check_case(toy_case_dir)
    assert problem.line == 7 and "duplicate id 'e1'" in problem.message


@pytest.mark.parametrize(
    "priors, words",
    [
        ("{a: 0.2, b: 0.7}", "sum to 0.9, not 1"),
        ("{a: -0.2, b: 1.2}", "is not above 0"),
        ("{a: 0, b: 1}", "is not above 0"),
        ("{a: 1.0}", "no prior for b"),
    ],
)
def test_bad_priors(toy_case_dir, priors, words):
    edit(toy_case_dir, "case.yaml", "{a: 0.2, b: 0.8}", priors)
    found = messages(toy_case_dir)
    assert found and all(m.startswith("toy/case.yaml:") for m in found)
    assert any(words in m for m in found)


def test_priors_within_tolerance_pass(toy_case_dir):
    edit(toy_case_dir, "case.yaml", "{a: 0.2, b: 0.8}", "{a: 0.2000000001, b: 0.8}")
    assert check_case(toy_case_dir) == []


def test_yaml_that_does_not_parse_names_its_line(toy_case_dir):
    edit(toy_case_dir, "evidence.yaml", "quote: other exact words", "quote: [unclosed")
    (problem,) = check_case(toy_case_dir)
    assert problem.file == "toy/evidence.yaml" and problem.line is not None
    assert "YAML does not parse" in problem.message


def test_every_problem_is_reported_at_once(toy_case_dir):
    edit(toy_case_dir, "evidence.yaml", "source: s1", "source: s9")
    edit(toy_case_dir, "evidence.yaml", "b: 0.2", "b: 2")
    edit(toy_case_dir, "sources.yaml", "date: 1950-05-13", "date: May 1950")
    edit(toy_case_dir, "case.yaml", "default_school: flat", "default_school: nobody")
    assert len(check_case(toy_case_dir)) == 4


def test_unknown_field_and_missing_file(toy_case_dir):
    edit(toy_case_dir, "sources.yaml", "archive:", "archiv:")
    (toy_case_dir / "evidence.yaml").unlink()
    found = messages(toy_case_dir)
    assert "toy/evidence.yaml: is missing; every case needs it" in found
    assert any("s1: archiv: is not a known field" in m for m in found)


def test_load_case_raises_one_located_error(toy_case_dir):
    edit(toy_case_dir, "evidence.yaml", "source: s1", "source: s9")
    with pytest.raises(CaseError) as info:
        load_case(toy_case_dir)
    assert str(info.value).startswith("toy/evidence.yaml:2: e1: source: unknown source 's9'")


def test_not_a_folder(tmp_path):
    (problem,) = check_case(tmp_path / "nowhere")
    assert "is not a case folder" in problem.message


def test_parse_likelihood_words_numbers_ranges():
    assert parse_likelihood("very-likely") == 0.95
    assert parse_likelihood(1) == 1.0
    assert parse_likelihood([0.25, "likely"]) == (0.25, 0.75)
    with pytest.raises(ValueError):
        parse_likelihood(True)


def test_written_case_reads_back_the_same(toy_case_dir, tmp_path):
    case = load_case(toy_case_dir)
    out = write_case(case, tmp_path / "copy")
    assert load_case(out) == case.model_copy(update={})
    with pytest.raises(CaseError):
        write_case(case, out)  # never overwrites without being told
    assert not list(out.glob("*.tmp"))


def test_aliases_name_one_actor():
    from fontes.case.actors import display_name, names_for

    case = load_case()
    assert "Stalin" in " ".join(names_for(case, "Filippov"))
    assert "Feng Xi" in names_for(case, "stalin")
    assert names_for(case, "Nobody Known") == ["Nobody Known"]
    assert display_name(case, "shtykov") == "Terentii Shtykov"


def test_an_office_title_names_whoever_held_it_on_the_date():
    from fontes.case.actors import find_actor
    from fontes.model import Actor, Case, Office, Question

    rusk = Actor(
        id="rusk",
        name="Dean Rusk",
        offices=[Office(title="Secretary of State", start="1961-01-21", end="1969-01-20")],
    )
    acheson = Actor(
        id="acheson",
        name="Dean Acheson",
        offices=[Office(title="Secretary of State", start="1949-01-21", end="1953-01-20")],
    )
    case = Case(
        id="c", title="c", questions=[Question(id="q", text="q", hypotheses=[])], actors=[rusk, acheson]
    )
    assert find_actor(case, "the Secretary of State", on="1950-10-05") is acheson
    assert find_actor(case, "Secretary of  State", on="1962-10") is rusk
    assert find_actor(case, "Secretary of State", on="1956") is None  # Dulles: not an actor of this case
    assert find_actor(case, "Secretary of State") is None  # undated: two holders, so nobody in particular


def test_the_builtin_case_knows_stalin_by_his_office_in_1950_and_not_in_1955():
    from fontes.case.actors import find_actor

    case = load_case()
    assert (
        find_actor(case, "The Chairman of the Council of Ministers of the USSR", on="1950-07-05").id
        == "stalin"
    )
    assert find_actor(case, "Chairman of the Council of Ministers of the USSR", on="1955-02") is None


def test_an_office_that_ends_before_it_starts_is_refused_with_its_line(toy_case_dir):
    (toy_case_dir / "actors.yaml").write_text(
        "- id: a\n  name: A\n  offices:\n    - {title: Premier, start: 1950-05, end: 1949-01}\n",
        encoding="utf-8",
    )
    (problem,) = check_case(toy_case_dir)
    assert (problem.file, problem.line, problem.field) == ("toy/actors.yaml", 4, "a: offices[0]")
    assert "after it ends" in problem.message


def test_duplicate_key_is_reported_with_its_line(toy_case_dir):
    edit(
        toy_case_dir,
        "sources.yaml",
        "  archive: Example Archive",
        "  archive: Example Archive\n  title: Again",
    )
    (problem,) = check_case(toy_case_dir)
    assert (problem.file, problem.line) == ("toy/sources.yaml", 7)
    assert "duplicate key 'title'" in problem.message


def test_a_written_case_reads_back_without_libyaml_too(toy_case_dir, tmp_path):
    import yaml

    case = load_case(toy_case_dir)
    uncertain = case.sources[0].model_copy(
        update={"date": "1950-07-28?", "title": "Who? When?", "authors": [], "recipients": []}
    )  # so: {flow}
    out = write_case(case.model_copy(update={"sources": [uncertain]}), tmp_path / "copy")
    for path in out.glob("*.yaml"):  # PyYAML's pure-Python parser read `date: 1950-07-28?,` in {...} as a key
        assert yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    assert load_case(out).sources[0].date == "1950-07-28?"
