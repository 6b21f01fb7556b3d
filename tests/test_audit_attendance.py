"""Abstained or absent: a member's attendance of a UN vote, checked against the records of its year."""

from __future__ import annotations

import pytest
from toy_archive import essay, toy_context

from fontes.audit.checks.attendance import check_attendance
from fontes.corpus.document import Document
from fontes.model import Source

ABSENCE = (
    "The delegation of Ruritania stayed away from the Security Council for the whole of May, and its "
    "chair stood empty when the Council voted on the Kessel question."
)
ABSTENTION = "When the Security Council voted on the Kessel question, the delegation of Ruritania abstained."


def record(id: str, text: str, date: str = "1951-05-20") -> Document:
    return Document(
        source=Source(id=id, title=f"Report {id}", date=date, doc_type="report"),
        text=text,
        text_complete=True,
    )


@pytest.fixture
def context(tmp_path):
    audit = toy_context(tmp_path)
    audit.store.add([record("absence-report", ABSENCE)])
    return audit


def findings(text: str, context):
    return check_attendance(essay("Kessel\n\n" + text), context)


def test_a_member_said_to_abstain_from_a_vote_it_was_absent_from_is_a_warning(context):
    [finding] = findings(
        "In May 1951 Ruritania abstained when the Security Council voted on Kessel.", context
    )
    assert (finding.kind, finding.severity) == ("attendance-mismatch", "warning")
    assert finding.evidence[0].source == "absence-report"
    assert "stayed away from the Security Council" in finding.evidence[0].quote
    assert finding.message.startswith("Ruritania is said to have abstained")


def test_a_member_the_records_show_abstaining_too_raises_nothing(context):
    context.store.add([record("abstention-report", ABSTENTION)])
    assert (
        findings("In May 1951 Ruritania abstained when the Security Council voted on Kessel.", context) == []
    )


def test_a_member_said_to_be_absent_where_it_abstained_is_a_warning(tmp_path):
    audit = toy_context(tmp_path)
    audit.store.add([record("abstention-report", ABSTENTION)])
    [finding] = findings("In 1951 Ruritania boycotted the Security Council vote on Kessel.", audit)
    assert finding.evidence[0].source == "abstention-report" and "records its abstention" in finding.message


def test_without_a_year_or_in_another_year_nothing_is_said(context):
    assert findings("Ruritania abstained when the Security Council voted on Kessel.", context) == []
    assert findings("In May 1955 Ruritania abstained when the Security Council voted.", context) == []


def test_the_words_of_a_quotation_are_not_the_essay_s_claim(context):
    text = "In 1951 the envoy wrote that “Ruritania abstained in the Security Council” on Kessel."
    assert findings(text, context) == []


def test_another_member_s_abstention_is_not_checked_against_this_one_s_absence(context):
    assert findings("In May 1951 Borduria abstained in the Security Council vote on Kessel.", context) == []


def test_the_vote_s_body_may_be_named_by_the_paragraph(context):
    text = "The Security Council met on Kessel in May 1951. Ruritania abstained from the vote of 20 May 1951."
    [finding] = findings(text, context)
    assert finding.evidence[0].source == "absence-report"
    assert findings("Ruritania abstained from the vote of 20 May 1951 in its own parliament.", context) == []


def test_a_member_s_other_names_find_the_record_of_its_absence(tmp_path):
    audit = toy_context(tmp_path)
    audit.store.add(
        [record("soviet-absence", "The Soviet delegation stayed away from the Security Council all May.")]
    )
    [finding] = findings("In May 1951 the USSR abstained in the Security Council vote on Kessel.", audit)
    assert finding.message.startswith("USSR is said to have abstained")
    assert findings("In May 1951 Britain abstained in the Security Council vote on Kessel.", audit) == []
