"""The audit on a subject other than the built-in case's: which knowledge it uses, and what it
learns from the corpus's own headers and from the essay's own reference list."""

from __future__ import annotations

import json

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


def _skip_test_the_audit_without_case_names_its_knowledge_first(tmp_path):
    essay = tmp_path / "cuba.txt"
    essay.write_text(f"The Crisis\n\n{CUBA_LIKE}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["audit", str(essay)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "Knowledge used: neither"
    data = json.loads(CliRunner().invoke(cli, ["audit", str(essay), "--json"]).stdout)
    assert data["knowledge"] == "neither"
    asked = json.loads(CliRunner().invoke(cli, ["audit", str(essay), "--case", "builtin", "--json"]).stdout)
    assert asked["knowledge"] == "case korea-1950 (asked)"


def test_the_api_without_case_does_not_flag_an_office_of_another_period(tmp_path):
    essay = tmp_path / "cuba.txt"
    essay.write_text(f"The Crisis\n\n{CUBA_LIKE}\n", encoding="utf-8")
    report = fontes.audit_essay(essay)
    assert report.knowledge == "neither"
    assert not [f for f in report.findings if f.kind == "office-mismatch"]
