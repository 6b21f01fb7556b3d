"""Reference-list hygiene: malformed entries, impossible years, duplicates, unused entries and
markers that name no entry."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ESSAY

from fontes.audit.checks.hygiene import check_reference_hygiene
from fontes.audit.context import Audit
from fontes.audit.evidence.subject_dates import subject_starts
from fontes.audit.reading.read import essay_from_text, read_essay
from fontes.case import load_case
from fontes.model import Case, Event, Hypothesis, Question

ESSAYS = Path(__file__).parent / "fixtures" / "essays"


def berlin_case() -> Case:
    """A small case about another crisis: its question and one event date two named events."""
    return Case(
        id="berlin",
        title="The Berlin Blockade",
        questions=[
            Question(
                id="start",
                text="Who started the Berlin Blockade in June 1948?",
                hypotheses=[
                    Hypothesis(id="stalin", text="Stalin, to stop the West's currency reform"),
                    Hypothesis(id="west", text="The West, by splitting Germany"),
                ],
            )
        ],
        events=[
            Event(
                id="airlift-1948-06-26",
                date="1948-06-26",
                summary="The first transports landed at Tempelhof: the Berlin Airlift began.",
            ),
            Event(
                id="soviet-withdrawal-1948",
                date="1948-12",
                summary="The Soviet Union began withdrawing its troops from the zone.",
            ),
        ],
    )


@pytest.fixture(scope="module")
def korea() -> Audit:
    return Audit(case=load_case())


def findings_on(path: Path, context: Audit):
    return check_reference_hygiene(read_essay(path), context)


def summary(findings):
    return [(f.kind, f.severity, f.location.marker) for f in findings]


# --- where the case dates named events --------------------------------------------------------


def test_the_case_dates_named_events_from_its_questions_and_event_summaries():
    starts = {s.name: s for s in subject_starts(berlin_case())}
    assert sorted(starts) == ["Berlin Airlift", "Berlin Blockade"]
    assert (starts["Berlin Blockade"].year, starts["Berlin Blockade"].where) == (1948, "question start")
    assert (starts["Berlin Airlift"].year, starts["Berlin Airlift"].where) == (
        1948,
        "event airlift-1948-06-26",
    )


def test_the_built_in_case_dates_the_korean_war_by_its_own_question(korea):
    [start] = [s for s in subject_starts(korea.case) if s.name == "Korean War"]
    assert (start.year, start.where) == (1950, "case description")
    assert start.words.startswith("The Korean War began on 25 June 1950")


# --- an essay with every kind of slip ---------------------------------------------------------


def test_every_slip_in_a_reference_list_is_found_once():
    findings = findings_on(ESSAYS / "reference-slips.md", Audit(case=berlin_case()))
    assert summary(findings) == [
        ("reference-malformed", "warning", "[2]"),  # the same book as [1]
        ("reference-malformed", "error", "[3]"),  # 1946, before the Berlin Airlift its title names
        ("reference-malformed", "warning", "[3]"),  # pages 93-85
        ("reference-malformed", "warning", "[4]"),  # no year (pp.173-83 is not backwards)
        ("reference-malformed", "warning", "[5]"),  # no title
        ("reference-malformed", "warning", "[6]"),  # two entries numbered [6]
        ("reference-malformed", "error", "[7]"),  # dated 2107
        ("reference-unused", "info", "[8]"),
    ]
    by_marker = {(f.location.marker, f.severity): f for f in findings}
    assert "Berlin Airlift" in by_marker["[3]", "error"].message
    assert (
        by_marker["[3]", "error"].evidence[-1].quote
        == "The first transports landed at Tempelhof: the Berlin Airlift began."
    )
    assert "93–85 runs backwards" in by_marker["[3]", "warning"].message
    assert "8 of the list's 9 entries" in by_marker["[4]", "warning"].message
    assert "in the future" in by_marker["[7]", "error"].message


def test_a_finding_points_at_its_entry_and_quotes_it():
    essay = read_essay(ESSAYS / "reference-slips.md")
    finding = next(
        f for f in check_reference_hygiene(essay, Audit(case=berlin_case())) if f.location.marker == "[7]"
    )
    assert essay.text[finding.location.start : finding.location.end].startswith("[7] Doe, Jane. (2107)")
    assert finding.evidence[0].source == "reference [7]" and finding.evidence[0].quote == finding.excerpt


def test_a_marker_without_an_entry_is_located_and_an_uncited_entry_reported(korea):
    findings = findings_on(ESSAYS / "tricky-markers.md", korea)
    assert summary(findings) == [
        ("marker-without-entry", "error", "[9]"),
        ("reference-unused", "info", "[7]"),
    ]
    marker = findings[0]
    assert (marker.location.paragraph, marker.location.sentence) == (2, 4)
    assert marker.excerpt == "Dr. Kim's own count is lost [9]."
    assert "numbered 1–7" in marker.message


def test_markers_with_no_reference_list_at_all_make_one_finding(korea):
    [finding] = findings_on(ESSAYS / "no-references.txt", korea)
    assert (finding.kind, finding.severity, finding.location.marker) == (
        "marker-without-entry",
        "error",
        "[1]",
    )
    assert "[1], [2], [3] in 2 markers but has no reference list" in finding.message


@pytest.mark.parametrize(
    "name",
    [
        "author-date.md",
        "footnotes.md",
        "quotations.txt",
        "unbalanced.txt",
        "empty.txt",
        "ieee.md",
        "harvard.txt",
    ],
)
def test_clean_reference_lists_raise_nothing(korea, name):
    assert findings_on(ESSAYS / name, korea) == []


def test_same_title_by_other_authors_or_in_another_edition_is_not_a_duplicate(korea):
    essay = essay_from_text(
        "Essay\n\nTwo books [1][2], and a new edition [3][4].\n\nReferences\n\n"
        "[1] Hastings, Max. (1987) *The Korean War*, Simon and Schuster.\n"
        "[2] Cumings, Bruce. (2010) *The Korean War*, Modern Library.\n"
        "[3] Stueck, William. (1995) *The Korean War: An International History*, Princeton University Press.\n"
        "[4] Stueck, William. (2004) *The Korean War: An International History*, 2nd ed., Princeton University Press.\n"
    )
    assert check_reference_hygiene(essay, korea) == []


def test_the_same_work_with_two_years_is_an_error_that_says_which_year_is_impossible(korea):
    essay = essay_from_text(
        "Essay\n\nOne book [1], cited again [2].\n\nReferences\n\n"
        "[1] Cumings, Bruce. (1981) *The Origins of the Korean War*, Princeton University Press.\n"
        "[2] Cumings, Bruce. (1946) *The Origins of the Korean War*, Princeton University Press.\n"
    )
    findings = check_reference_hygiene(essay, korea)
    assert summary(findings) == [
        ("reference-malformed", "error", "[2]"),
        ("reference-malformed", "error", "[2]"),
    ]
    conflict = next(f for f in findings if "listed twice" in f.message)
    assert "[2]'s 1946 cannot be right" in conflict.message
    assert "does not show whether [1]'s 1981 is" in conflict.message


def test_an_author_field_holding_an_abbreviation_beside_a_person(korea):
    essay = essay_from_text(
        "Essay\n\nA report [1] and a volume [2].\n\nReferences\n\n"
        "[1] AP, Cumings, Bruce. (1990) *The Roaring of the Cataract*, March 3, 12.\n"
        "[2] FRUS, (1950), *Korea, Volume VII*, 573.\n"
    )
    [finding] = check_reference_hygiene(essay, korea)
    assert (finding.location.marker, finding.severity) == ("[1]", "warning")
    assert "'AP'" in finding.message and "'Cumings, Bruce'" in finding.message


# --- the seed essay ----------------------------------------------------------------------------


@pytest.mark.skipif(not ESSAY.exists(), reason="../shared/seeds is not beside the project")
def test_the_seed_essays_reference_list(korea):
    findings = findings_on(ESSAY, korea)
    assert summary(findings) == [
        ("reference-malformed", "error", "[6]"),  # 1947, before the Korean War
        ("reference-malformed", "error", "[6]"),  # the same book as [1], with another year
        ("reference-malformed", "warning", "[6]"),  # 'NYT' in the author field
        ("reference-malformed", "warning", "[14]"),  # no year
    ]
    before_war, conflict, author, no_year = findings
    assert "'NYT'" in author.message and "'Stueck, William'" in author.message
    assert "dated 1947" in before_war.message and "Korean War" in before_war.message
    assert before_war.evidence[-1].quote.startswith("The Korean War began on 25 June 1950")
    assert "as [1] (1993) and [6] (1947)" in conflict.message
    assert "14 of the list's 15 entries" in no_year.message
    # every entry is cited, every marker has its entry, and the other entries raise nothing
    assert {f.location.marker for f in findings} == {"[6]", "[14]"}


def test_an_audit_reports_its_progress_check_by_check(korea, tmp_path):
    from fontes.audit import audit_essay

    essay = tmp_path / "essay.md"
    essay.write_text(
        "Stalin approved the attack in April 1950 [1].\n\n## References\n\n"
        "1. Weathersby, Kathryn. 1993. Soviet Aims in Korea. Washington: CWIHP.\n"
    )
    calls = []
    audit_essay(essay, korea, progress=lambda done, total, name: calls.append((done, total, name)))
    assert [c[0] for c in calls] == list(range(1, len(calls) + 1)) and calls[-1][:2] == (
        len(calls),
        len(calls),
    )
    assert "check_quotations" in {c[2] for c in calls} and len(calls) >= 5
