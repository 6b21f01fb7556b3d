"""Reference alignment: does each marker point to the entry that describes what its sentence cites?"""

from __future__ import annotations

import re

import pytest
from seed_audit import seed_audit
from toy_archive import essay, toy_context

from fontes.audit.checks.references import check_reference_alignment

LIST = """
## References

[1] *Telegram from Brandt to Lenz* (1921), Kessel State Archive, March 4.
[2] *Memorandum of Conversation between Weber and Lenz* (1921), Kessel State Archive, May 12.
[3] *Decision of the Council of Ministers on the Kessel Harbour* (1921), Kessel State Archive, June 1.
[4] FRUS, (1921), *Ruritania, Volume II Document 15*.
[5] *Letter from Falke [Brandt] to Weber* (1921), Kessel State Archive, August 19.
[6] Smith, John. (1999) *The Kessel Crisis*, Oxford University Press, pp. 10-12.
"""

RIGHT = (
    """# The fall of Kessel

On 4 March 1921 Brandt cabled Lenz to hold the harbour [1]. Weber met Lenz on 12 May 1921 and warned her of
twelve divisions on the river [2]. On 1 June the Council of Ministers decided that the harbour would not be
surrendered [3]. On 2 July Hart telegraphed Washington that the garrison had withdrawn to the citadel [4].
Brandt wrote to Weber on 19 August that he would accept the ceasefire [5]. The surrender was, in the end,
inevitable [6].
"""
    + LIST
)

SHIFTED = (
    """# The fall of Kessel

On 4 March 1921 Brandt cabled Lenz to hold the harbour [1]. Weber met Lenz on 12 May 1921 and warned her of
twelve divisions on the river [3]. On 1 June the Council of Ministers decided that the harbour would not be
surrendered [4]. On 2 July Hart telegraphed Washington that the garrison had withdrawn to the citadel [5].
Brandt wrote to Weber on 19 August that he would accept the ceasefire [6]. Smith calls the surrender
inevitable [6].
"""
    + LIST
)


@pytest.fixture
def context(tmp_path):
    return toy_context(tmp_path)


def summary(findings):
    """(marker, cited source, better entry) of each individual finding; shift findings apart."""
    rows = []
    for f in findings:
        if f.message.startswith("Systematic shift"):
            continue
        better = re.search(r"Entry \[(\d+)\] matches", f.message)
        rows.append((f.location.marker, f.evidence[0].source, int(better.group(1)) if better else None))
    return rows


def shifts(findings):
    return [f for f in findings if f.message.startswith("Systematic shift")]


# -- small essays ----------------------------------------------------------------------------------


def test_right_citations_and_a_book_cited_for_an_interpretation_raise_nothing(context):
    assert check_reference_alignment(essay(RIGHT), context) == []


def test_markers_shifted_by_one_are_each_flagged_with_the_entry_that_matches(context):
    findings = check_reference_alignment(essay(SHIFTED), context)
    assert summary(findings) == [
        ("[3]", "kessel-conversation-weber-lenz-1921-05-12", 2),
        ("[4]", "kessel-council-decision-1921-06-01", 3),
        ("[5]", "frus1921v02-d15", 4),
        ("[6]", "kessel-letter-falke-weber-1921-08-19", 5),
    ]
    assert all(f.kind == "reference-mismatch" and f.severity == "error" for f in findings)
    council = findings[1]
    assert "entry [4], which names frus1921v02-d15" in council.message
    assert (
        "Entry [3] matches: Decision of the Council of Ministers on the Kessel Harbour, June 1 1921"
        in council.message
    )
    # the evidence: the cited document, the wrong entry's own words, the right entry's
    assert council.evidence[0].url == "https://archive.example/kessel/4"
    assert council.evidence[1].quote.startswith("[4] FRUS, (1921)")
    assert council.location.start == essay(SHIFTED).text.index("[4]")


def test_a_systematic_shift_is_reported_once_with_its_run_and_offset(context):
    findings = shifts(check_reference_alignment(essay(SHIFTED), context))
    assert len(findings) == 1
    assert findings[0].location.marker == "[3]–[6]"
    assert "4 markers in a row" in findings[0].message and "off by +1" in findings[0].message
    assert "[3] → [2], [4] → [3], [5] → [4], [6] → [5]" in findings[0].message


def test_a_book_pointed_to_by_one_slip_is_a_warning_not_an_error(context):
    text = "Brandt wrote to Weber on 19 August 1921 that he would accept the ceasefire [6].\n" + LIST
    [finding] = check_reference_alignment(essay(text), context)
    assert finding.severity == "warning"
    assert (
        "a secondary work (The Kessel Crisis, 1999)" in finding.message
        and "Entry [5] matches" in finding.message
    )


def test_a_sentence_that_names_a_scholar_cites_the_scholar(context):
    text = "As Smith shows, Brandt wrote to Weber on 19 August 1921 that he would give in [6].\n" + LIST
    assert check_reference_alignment(essay(text), context) == []


def test_a_sentence_about_what_historians_think_is_not_a_primary_citation(context):
    text = "Historians disagree about what Brandt meant on 4 March 1921 when he cabled Lenz [6].\n" + LIST
    assert check_reference_alignment(essay(text), context) == []


def test_several_markers_in_one_sentence_are_right_when_one_names_the_document(context):
    text = "On 4 March 1921 Brandt cabled Lenz to hold the harbour [1, 6]. Later Weber met Lenz on 12 May 1921 [6][2].\n"
    assert check_reference_alignment(essay(text + LIST), context) == []


def test_several_markers_naming_other_documents_are_each_flagged(context):
    text = "On 4 March 1921 Brandt cabled Lenz to hold the harbour [3, 5].\n" + LIST
    findings = check_reference_alignment(essay(text), context)
    assert [(f.location.marker, f.severity) for f in findings] == [("[3, 5]", "error"), ("[3, 5]", "error")]
    assert "no entry" not in findings[0].message.lower() or "Entry [1]" not in findings[0].message


def test_a_day_alone_is_not_enough_to_flag_a_marker(context):
    text = "Something happened in Kessel on 4 March 1921 [5].\n" + LIST
    assert check_reference_alignment(essay(text), context) == []


def test_a_document_no_entry_describes_is_flagged_without_a_better_entry(context):
    text = "On 20 June 1921 Brandt ordered the fleet to sail [3].\n" + LIST
    [finding] = check_reference_alignment(essay(text), context)
    assert finding.evidence[0].source == "kessel-order-brandt-fleet-1921-06-20"
    assert "No entry of the list clearly describes that document" in finding.message


def test_a_reference_list_in_another_style(context):
    text = """Brandt cabled Lenz on 4 March 1921 to hold the harbour.[1] Weber met Lenz on 12 May 1921.[1]

Notes

1. Otto Brandt to Maria Lenz, telegram, 4 March 1921, Kessel State Archive.
"""
    findings = check_reference_alignment(essay(text), context)
    assert [f.location.sentence for f in findings] == [1]


def test_no_reference_list_a_marker_without_an_entry_and_an_empty_file(context):
    assert check_reference_alignment(essay("On 4 March 1921 Brandt cabled Lenz [1]."), context) == []
    assert check_reference_alignment(essay("On 4 March 1921 Brandt cabled Lenz [9].\n" + LIST), context) == []
    assert check_reference_alignment(essay(""), context) == []


def test_unbalanced_quotation_marks_do_not_break_the_check(context):
    text = "On 4 March 1921 Brandt cabled Lenz: “hold the harbour at all costs [3]. Then he waited.\n" + LIST
    findings = check_reference_alignment(essay(text), context)
    assert [f.evidence[0].source for f in findings] == ["kessel-telegram-brandt-lenz-1921-03-04"]


def test_without_a_corpus_the_case_alone_still_aligns_references(tmp_path):
    findings = check_reference_alignment(essay(SHIFTED), toy_context(tmp_path, with_corpus=False))
    assert [row[0] for row in summary(findings)] == ["[3]", "[4]", "[5]", "[6]"]


# -- the seed essay --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_context(tmp_path_factory):
    return seed_audit(tmp_path_factory)


@pytest.fixture(scope="module")
def seed(seed_context):
    read, context = seed_context
    return read, check_reference_alignment(read, context)


def test_seed_markers_pointing_to_the_wrong_entry(seed):
    """Each verified against the sources: the cited document (corpus text or case note) and the entry."""
    _, findings = seed
    assert summary(findings) == [
        # "in line with his demand from the meeting with Kim on March 5, 1949. He demanded ... [6]"
        ("[6]", "wcda-notes-conversation-stalin-kim-il-sung-delegation-1949-03-05", 5),
        # question 4 of Gromyko's telegram to Tunkin of 11 September 1949, paraphrased; [8] is the Politburo
        ("[8]", "wcda-telegram-gromyko-tunkin-1949-09-11", 7),
        # the Politburo decision "sent to the Soviet envoy on September 24"; [9] is Gromyko's cable 20475
        ("[9]", "wcda-politburo-decision-directive-soviet-ambassador-korea-1949-09-24", 8),
        # "Stalin sent Mao a telegraph on October 26"; [10] is Acheson's speech of January 1950
        ("[10]", "wcda-draft-reply-stalin-mao-via-molotov-1949-10-26", None),
        # Acheson's perimeter: [11] is Roshchin's telegram, [10] the speech
        ("[11]", "dsb-acheson-crisis-in-asia-speech-1950-01-12", 10),
        # Roshchin's telegram of 13 May 1950, quoted; [13] names FRUS documents 25, 573, 648
        ("[13]", "wcda-ciphered-telegram-roshchin-filippov-1950-05-13", 11),
        # Drumright's telegram of 25 April 1950 (FRUS VII d25) and Marshall's of 29 September (d573): [15] is
        # Niu Jun's article, while entry [13] names both documents
        ("[15]", "frus1950v07-d25", 13),
        ("[15]", "frus1950v07-d573", 13),
    ]


def test_seed_the_politburo_finding_names_the_entry_that_matches(seed):
    _, findings = seed
    politburo = next(f for f in findings if f.location.marker == "[9]")
    assert politburo.severity == "error"
    assert (
        "Entry [8] matches: Politburo Decision to Confirm the Following Directive to the Soviet Ambassador "
        "in Korea, September 24 1949"
    ) in politburo.message
    assert politburo.evidence[0].url == "https://digitalarchive.wilsoncenter.org/document/112133"
    assert politburo.evidence[1].quote.startswith("[9] Cable Telegram no. 20475 from Gromyko to Kovalev")


def test_seed_quoted_documents_are_shown_in_their_own_words(seed):
    _, findings = seed
    drumright = next(f for f in findings if f.evidence[0].source == "frus1950v07-d25")
    assert "numbering more than 600" in drumright.evidence[0].quote
    assert drumright.evidence[0].url == "https://history.state.gov/historicaldocuments/frus1950v07/d25"
    gromyko = next(f for f in findings if f.location.marker == "[8]")
    assert "Are there American troops in the south of Korea?" in gromyko.evidence[0].quote


def test_seed_two_systematic_shifts(seed):
    _, findings = seed
    assert [(f.location.marker, f.severity) for f in shifts(findings)] == [
        ("[6]–[11]", "error"),
        ("[13]–[15]", "error"),
    ]
    assert "off by +1" in shifts(findings)[0].message and "off by +2" in shifts(findings)[1].message


def test_seed_sentences_citing_scholarship_raise_nothing(seed):
    read, findings = seed
    flagged = {f.location.marker for f in findings}
    assert not flagged & {"[1]", "[2]", "[3]", "[4]", "[5]", "[7]", "[12]", "[14]"}
    # the JCS telegram "On October 19" matches no document of that day: not flagged, though also [15]
    jcs = next(s for _, s in read.sentences() if s.text.startswith("On October 19"))
    assert not [f for f in findings if f.location.start == jcs.markers[0].start]


def test_seed_with_its_markers_put_right_only_the_october_telegram_remains(seed_context):
    """Precision: each marker moved to the entry the findings name, the audit finds nothing more, except
    Stalin's telegram of 26 October 1949, which no entry of the list describes."""
    read, context = seed_context
    text = read.text
    for wrong, right in (
        ("for import [6]", "for import [5]"),
        ("attack?” [8]", "attack?” [7]"),
        ("revolt” [9]", "revolt” [8]"),
        ("Philippine Islands [11]", "Philippine Islands [10]"),
        ("following days” [13]", "following days” [11]"),
        ("organized resistance” [15]", "organized resistance” [13]"),
        ("38th Street [15]", "38th Street [13]"),
    ):
        assert text.count(wrong) == 1
        text = text.replace(wrong, right)
    findings = check_reference_alignment(essay(text), context)
    assert [(f.location.marker, f.evidence[0].source) for f in findings] == [
        ("[10]", "wcda-draft-reply-stalin-mao-via-molotov-1949-10-26")
    ]


@pytest.mark.parametrize(
    ("entry", "described"),
    [
        (
            "[1] Brandt to Lenz, 4 March 1921, in Kessel Papers, vol. 2.",
            "kessel-telegram-brandt-lenz-1921-03-04",
        ),
        ("[1] Otto Brandt to Maria Lenz, March 4, 1921.", "kessel-telegram-brandt-lenz-1921-03-04"),
        ("[1] Lenz to Brandt, 4 March 1921, in Kessel Papers, vol. 2.", None),
        ("[1] Brandt to Lenz, 5 March 1921, in Kessel Papers, vol. 2.", None),
    ],
)
def test_an_entry_naming_sender_recipient_and_day_describes_that_one_document(entry, described, context):
    from fontes.audit.evidence.entry_match import source_by_parties

    [reference] = essay(f"Kessel\n\nThe order came.[1]\n\n## Notes\n\n{entry}\n").references
    found = source_by_parties(reference, context.catalogue)
    assert (found.id if found else None) == described
