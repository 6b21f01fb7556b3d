"""The audit on a subject other than the built-in case's: which knowledge it uses, and what it
learns from the corpus's own headers and from the essay's own reference list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from click.testing import CliRunner

import fontes
from fontes.audit.knowledge import choose_knowledge, essay_years, subject_matches
from fontes.cli import cli

KOREA_LIKE = (
    "In January 1950 Stalin told Shtykov that he was ready to help. Kim Il Sung flew to Moscow in "
    "April 1950, and Mao was told in May 1950. Acheson spoke of the perimeter that January."
)
CUBA_LIKE = (
    "In October 1962 Secretary of State Rusk met Dobrynin, and Kennedy wrote to Khrushchev on "
    "27 October 1962. Stalin had been dead since 1953."
)


def test_an_essay_on_the_case_s_years_and_people_gets_the_built_in_case():
    case = fontes.load_case()
    assert subject_matches(KOREA_LIKE, case)
    knowledge = choose_knowledge(KOREA_LIKE, None, case, has_corpus=True)
    assert knowledge.case is case
    assert knowledge.label == "case korea-1950 (chosen: the essay's subject matches it)"


def test_an_essay_on_another_decade_gets_no_case_even_when_it_names_some_of_its_people():
    case = fontes.load_case()
    assert not subject_matches(CUBA_LIKE, case)
    knowledge = choose_knowledge(CUBA_LIKE, None, case, has_corpus=True)
    assert knowledge.case.actors == [] and knowledge.label == "corpus"
    assert choose_knowledge(CUBA_LIKE, None, case, has_corpus=False).label == "neither"


def test_a_case_asked_for_is_used_whatever_the_subject():
    case = fontes.load_case()
    assert choose_knowledge(CUBA_LIKE, case, case, has_corpus=True).label == "case korea-1950 (asked)"


def test_years_of_author_date_citations_do_not_date_the_subject():
    assert essay_years("The crisis of 1962 (Fursenko 1997; Allison, 1971) is well known since May 1963.") == [
        1962,
        1963,
    ]


def test_the_api_without_case_does_not_flag_an_office_of_another_period(tmp_path):
    essay = tmp_path / "cuba.txt"
    essay.write_text(f"The Crisis\n\n{CUBA_LIKE}\n", encoding="utf-8")
    report = fontes.audit_essay(essay)
    assert report.knowledge == "neither"
    assert not [f for f in report.findings if f.kind == "office-mismatch"]


# -- the second subject: a Suez 1956 essay against a small corpus of its own, with no case ----------

SUEZ = Path(__file__).parent / "fixtures" / "subjects" / "suez1956"


@pytest.fixture(scope="module")
def suez_report(tmp_path_factory):
    """The Suez essay audited from the command line with no --case, as its JSON and its text."""
    from fontes.corpus import Store, ingest_paths

    db = tmp_path_factory.mktemp("suez") / "corpus.db"
    store = Store(db)
    ingest_paths([SUEZ / "documents.jsonl"], store)
    store.close()
    result = CliRunner().invoke(cli, ["audit", str(SUEZ / "essay.md"), "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout), (SUEZ / "essay.md").read_text(encoding="utf-8"), db


def _span(text: str, words: str, after: str = "") -> tuple[int, int]:
    start = text.index(words, text.index(after) if after else 0)
    return start, start + len(words)


def test_the_suez_essay_is_audited_with_the_corpus_alone(suez_report):
    data, _, _ = suez_report
    expected = json.loads((SUEZ / "expected.json").read_text(encoding="utf-8"))
    assert data["knowledge"] == expected["knowledge"] == "corpus"


@pytest.mark.parametrize(
    "planted",
    json.loads((SUEZ / "expected.json").read_text(encoding="utf-8"))["planted"],
    ids=lambda p: f"{p['kind']}:{p['words']}",
)
def test_every_planted_error_of_the_suez_essay_is_found(suez_report, planted):
    data, text, _ = suez_report
    start, end = _span(text, planted["words"], planted.get("sentence", ""))
    found = [
        f
        for f in data["findings"]
        if f["kind"] == planted["kind"]
        and f["severity"] in ("error", "warning")
        and f["location"]["start"] <= start
        and end <= f["location"]["end"]
    ]
    assert found, f"{planted['kind']} on “{planted['words']}” not found ({planted['why']})"


@pytest.mark.parametrize(
    "words", json.loads((SUEZ / "expected.json").read_text(encoding="utf-8"))["correct"], ids=str
)
def test_no_finding_falls_on_a_correct_item_of_the_suez_essay(suez_report, words):
    data, text, _ = suez_report
    start, end = _span(text, words)
    on_it = [
        f["message"]
        for f in data["findings"]
        if f["severity"] in ("error", "warning")
        and f["location"]["start"] is not None
        and f["location"]["start"] < end
        and start < f["location"]["end"]
    ]
    assert on_it == []


def test_the_suez_essay_has_no_finding_beyond_its_planted_errors(suez_report):
    data, _, _ = suez_report
    expected = json.loads((SUEZ / "expected.json").read_text(encoding="utf-8"))
    serious = [f for f in data["findings"] if f["severity"] in ("error", "warning")]
    assert len(serious) == len(expected["planted"]), [f["message"] for f in serious]


def test_the_terminal_report_opens_with_the_knowledge_used(suez_report):
    _, _, db = suez_report
    result = CliRunner().invoke(cli, ["audit", str(SUEZ / "essay.md"), "--db", str(db)])
    assert result.stdout.splitlines()[0] == "Knowledge used: corpus"
    asked = CliRunner().invoke(
        cli, ["audit", str(SUEZ / "essay.md"), "--db", str(db), "--case", "builtin", "--json"]
    )
    assert json.loads(asked.stdout)["knowledge"] == "case korea-1950 (asked)"
