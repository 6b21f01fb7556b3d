"""The date check: the days an essay gives documents and events, against the case and the corpus.

Small essays are written here and read by the real reader; the built-in korea-1950 case is the
reference (with the shared corpus where a test needs the sources' texts), and an invented case
(the fall of Kessel) shows the check works on any case.
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import KOREA_JSONL, needs_shared
from seed_audit import seed_audit
from toy_archive import toy_context

from fontes.audit.checks.dates import check_dates
from fontes.audit.context import Audit
from fontes.audit.evidence.date_mentions import sentence_dates
from fontes.audit.pipeline import run_checks
from fontes.audit.reading.read import essay_from_text
from fontes.case import load_case
from fontes.corpus import Store, ingest_paths


@pytest.fixture(scope="module")
def case():
    return load_case()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    if not KOREA_JSONL.exists():
        pytest.skip("../shared/corpus/korea1950 is not beside the project; CI always has it")
    store = Store(tmp_path_factory.mktemp("dates") / "corpus.db")
    ingest_paths([KOREA_JSONL], store)
    return store


def dates_of(text: str):
    essay = essay_from_text(text)
    return [(essay.text[m.start : m.end], m) for ms in sentence_dates(essay).values() for m in ms]


def check(text: str, case, store=None):
    return check_dates(essay_from_text(text), Audit(case=case, store=store))


# -- reading dates ----------------------------------------------------------------------------


def test_days_months_parts_of_months_seasons_and_ranges_are_read():
    found = dict(
        dates_of(
            "On 12 June 1950 they met. On March 7, 1949 they talked. In mid-August 1949 he "
            "waited. In the spring of 1950 he agreed. The March–April 1950 talks followed."
        )
    )
    assert found["12 June 1950"].earliest == dt.date(1950, 6, 12) and found["12 June 1950"].is_day
    assert found["March 7, 1949"].earliest == dt.date(1949, 3, 7)
    assert (found["mid-August 1949"].earliest, found["mid-August 1949"].latest) == (
        dt.date(1949, 8, 11),
        dt.date(1949, 8, 20),
    )
    assert found["spring of 1950"].precision == "season"
    assert found["March–April 1950"].latest == dt.date(1950, 4, 30)


def test_a_missing_year_comes_from_the_paragraph_before_and_says_so():
    found = dates_of("Kim went to Moscow in March 1949.\n\nOn September 3 he asked again.")
    day = dict(found)["September 3"]
    assert day.earliest == dt.date(1949, 9, 3) and not day.year_given


def test_a_date_earlier_in_the_year_than_the_last_one_leaves_the_next_year_open():
    found = dict(dates_of("On 13 May 1950 they met. On April 25 the chargé reported."))
    assert found["April 25"].earliest == dt.date(1950, 4, 25)
    assert found["April 25"].other_years == (1951,)


def test_a_heading_ends_the_year_a_section_carried():
    found = dict(dates_of("# One\n\nIn 1949 he waited.\n\n# Two\n\nOn September 3 he asked."))
    assert not found["September 3"].resolved


def test_a_section_without_a_year_takes_the_one_year_of_the_essays_title():
    found = dict(
        dates_of("# The Harbour Crisis, May–June 1921\n\n## Two\n\nOn 3 June the mayor wrote again.")
    )
    assert found["3 June"].earliest == dt.date(1921, 6, 3) and not found["3 June"].year_given
    own = dict(dates_of("# The Harbour Crisis, 1921\n\n## The aftermath, 1923\n\nOn 3 June he left."))
    assert own["3 June"].earliest == dt.date(1923, 6, 3)
    two = dict(dates_of("# From 1919 to 1921\n\n## Two\n\nOn 3 June the mayor wrote again."))
    assert not two["3 June"].resolved


def test_a_year_alone_later_in_a_sentence_dates_its_clause_not_the_day_before_it_or_what_follows():
    found = dict(
        dates_of(
            "In March 1921 the siege began.\n\nIn a letter of 2 April, the mayor said the wall was "
            "built in 1904. On 5 April the council met. In 1922, on 8 May, the port reopened."
        )
    )
    assert found["2 April"].earliest == dt.date(1921, 4, 2)
    assert found["5 April"].earliest == dt.date(1921, 4, 5)
    assert found["8 May"].earliest == dt.date(1922, 5, 8)
    both = dict(dates_of("Between 12 June and 3 July 1950 nothing moved."))
    assert both["12 June"].earliest == dt.date(1950, 6, 12)


def test_dates_inside_quotations_are_the_sources_words_and_are_left_out():
    found = dict(
        dates_of("He quoted the cable: “Kim said ‘we attack on 12 June’ and Stalin agreed on 3 April 1950”.")
    )
    assert found == {}


def test_a_date_after_by_or_before_is_a_bound_not_the_day_of_the_thing():
    found = dict(
        dates_of("By 27 September 1950 Washington had decided. Before 3 October 1950 nothing moved.")
    )
    assert found["27 September 1950"].bound and found["3 October 1950"].bound


def test_may_and_march_as_words_are_no_months():
    assert dates_of("He may march 7 miles; the South may attack.") == []


# -- precision: right dates raise nothing -------------------------------------------------------


CORRECT = """# Origins

On 5 March 1949 Stalin received Kim Il Sung in Moscow, and the notes of their conversation survive [1]. On
September 24, 1949, the Politburo sent its directive to Shtykov [2, 3]. Acheson gave his speech at the National
Press Club on 12 January 1950. On 13 May 1950 Roshchin cabled Filippov that Kim had arrived in Peking. On 14 May
1950 Vyshinsky sent Mao the reply that the question should be decided by the Chinese and Korean comrades together.

On 29 September 1950 Secretary of Defense Marshall sent MacArthur a telegram telling him to feel unhampered in
going north of the parallel. On 9 October 1950 the Joint Chiefs of Staff sent MacArthur a directive: he was to
obtain authorization from Washington before any action against objectives in Chinese territory [7]. On 3 October
1950 Zhou Enlai called in Panikkar, the Indian ambassador, and warned him. President Truman made his statement on
27 June 1950. The Chargé in Korea (Drumright) informed the Secretary of State on 25 April 1950 that the guerrillas
in the Odae Mountain area had been broken up.
"""


def test_an_essay_whose_dates_are_right_raises_nothing(case):
    assert check(CORRECT, case) == []


@needs_shared
def test_an_essay_whose_dates_are_right_raises_nothing_with_the_corpus_either(case, corpus):
    assert check(CORRECT, case, corpus) == []


def test_where_things_stood_by_a_date_is_no_claim_about_that_day(case):
    text = (
        "On September 28, 1950, America had already made up its mind to cross the 38th parallel. By 27 "
        "September 1950 Washington had decided."
    )
    assert check(text, case) == []


def test_a_month_a_season_or_a_day_without_a_year_raises_nothing(case):
    assert check("Stalin met Kim in Moscow in April 1950. In the spring of 1950 Stalin agreed.", case) == []
    text = (
        "# Talks\n\nOn October 19 the Joint Chiefs of Staff cabled MacArthur to obtain authorization from "
        "Washington before any action against objectives in Chinese territory."
    )
    assert check(text, case) == []  # no year anywhere before it: the day cannot be placed


def test_an_empty_essay_and_an_essay_without_dates_raise_nothing(case):
    assert check("", case) == []
    assert check("Kim, not Stalin, started the war [1] [2, 3]. Mao did not “expand ‘the war’.\n", case) == []


# -- date mismatches --------------------------------------------------------------------------


def test_a_misdated_directive_is_an_error_naming_the_directive_its_date_and_its_words(case):
    text = (
        "On 19 October 1950 the Joint Chiefs of Staff cabled MacArthur that he must obtain authorization from "
        "Washington before any military action against objectives in Chinese territory [4]."
    )
    [finding] = check(text, case)
    assert (finding.kind, finding.severity) == ("date-mismatch", "error")
    assert "9 October 1950" in finding.message
    assert finding.evidence[0].source == "jcs-93709-macarthur-1950-10-09"
    assert "authorization from Washington" in finding.evidence[0].quote
    assert text[finding.location.start - text.index("On") :].startswith("19 October 1950")


def test_a_telegram_dated_a_day_late_is_an_error(case):
    text = (
        "Marshall's telegram to MacArthur of 30 September 1950 told him to feel unhampered tactically and "
        "strategically to proceed north of the 38th parallel."
    )
    [finding] = check(text, case)
    assert finding.severity == "error" and finding.evidence[0].source == "frus1950v07-d573"
    assert "29 September 1950" in finding.message


def test_a_meeting_on_the_wrong_day_is_an_error_naming_the_event(case):
    [finding] = check("On 16 October 1950 Truman met MacArthur at Wake Island.", case)
    assert finding.kind == "date-mismatch" and "15 October 1950" in finding.message


def test_without_the_documents_words_a_near_record_is_only_named_as_the_nearest(case):
    # JCS messages to MacArthur of June, September, October and November 1950 all fit "a JCS cable
    # to MacArthur": without the directive's own words nothing says which one the essay means.
    [finding] = check("On 19 October 1950 the Joint Chiefs of Staff cabled MacArthur about the war.", case)
    assert finding.severity == "info" and "the nearest is" in finding.message
    assert (
        check("On 19 October 1950 the Joint Chiefs of Staff cabled MacArthur about the war [3].", case)[
            0
        ].severity
        == "info"
    )
    assert check("On 25 October 1950 the Joint Chiefs of Staff cabled MacArthur about the war.", case) == []


def test_a_draft_taken_for_the_message_sent_is_a_warning_naming_the_message_sent(case):
    text = "In 1949 Kim kept asking. Stalin sent Mao a telegraph on October 26 on the subject of Kim's demand [10]."
    [finding] = check(text, case)
    assert (finding.kind, finding.severity) == ("date-mismatch", "warning")
    assert "draft" in finding.message and "5 November 1949" in finding.message
    assert finding.evidence[0].source == "wcda-draft-reply-stalin-mao-via-molotov-1949-10-26"
    assert finding.evidence[-1].source == "wcda-cable-20475-gromyko-kovalev-1949-11-05"


def test_drafting_on_the_day_of_the_draft_is_right(case):
    assert check("On 26 October 1949 Stalin drafted a reply to Mao's telegram.", case) == []


def test_a_meeting_on_a_day_no_record_keeps_is_an_info_naming_the_nearest_record(case):
    text = "In their initial meeting, Stalin rejected Kim's proposal to attack the ROK on March 7, 1949."
    [finding] = check(text, case)
    assert (finding.kind, finding.severity) == ("date-mismatch", "info")
    assert finding.message.startswith("No record of a meeting on 7 March 1949")
    assert finding.evidence[0].source == "wcda-notes-conversation-stalin-kim-il-sung-delegation-1949-03-05"


def test_dates_in_a_quotation_inside_a_quotation_are_not_checked(case):
    text = (
        "Shtykov reported: “Kim said that ‘on 19 October 1950 the Joint Chiefs of Staff cabled MacArthur to "
        "obtain authorization from Washington’” [3]."
    )
    assert check(text, case) == []


# -- any case: the invented fall of Kessel ------------------------------------------------------


KESSEL = """# The fall of Kessel

On 4 May 1921 Brandt telegraphed Lenz to hold the harbour at Kessel at all costs [1]. On 1 June 1921 the Council
of Ministers decided that the harbour should not be surrendered [3].

Weber answered Falke's letter of 19 August 1921 [3, 4]. On 20 August 1921 Brandt wrote to Weber that he had decided
to accept the ceasefire, since Kessel was lost.

## References

- [1] Kessel State Archive, Telegram from Brandt to Lenz, 1921.
"""


def test_the_check_works_on_any_case(tmp_path):
    findings = check_dates(essay_from_text(KESSEL), toy_context(tmp_path))
    assert [(f.severity, f.evidence[0].source) for f in findings] == [
        ("error", "kessel-telegram-brandt-lenz-1921-03-04"),
        ("error", "kessel-letter-falke-weber-1921-08-19"),
    ]
    assert "4 March 1921" in findings[0].message and "19 August 1921" in findings[1].message
    assert findings[0].evidence[0].quote.startswith("Hold the harbour at Kessel at all costs.")


def test_without_the_corpus_the_titles_alone_name_no_mismatch_only_the_nearest_letter(tmp_path):
    findings = check_dates(essay_from_text(KESSEL), toy_context(tmp_path, with_corpus=False))
    assert [(f.severity, f.evidence[0].source) for f in findings] == [
        ("info", "kessel-letter-falke-weber-1921-08-19")
    ]


# -- the seed essay -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    essay, context = seed_audit(tmp_path_factory)
    return essay, check_dates(essay, context)


def _at(essay, finding) -> str:
    return essay.text[finding.location.start : finding.location.end]


@needs_shared
def test_the_seed_essay_has_three_date_findings_each_verified_against_the_sources(seed):
    essay, findings = seed
    assert [(_at(essay, f), f.severity) for f in findings] == [
        ("March 7, 1949", "info"),
        ("October 26", "warning"),
        ("October 19", "error"),
    ]


@needs_shared
def test_the_seed_jcs_telegram_of_october_19_is_jcs_93709_of_9_october(seed):
    essay, findings = seed
    [finding] = [f for f in findings if _at(essay, f) == "October 19"]
    assert finding.evidence[0].source == "jcs-93709-macarthur-1950-10-09"
    assert "9 October 1950" in finding.message
    assert (
        "prior to taking any military actions against objectives in Chinese territory"
        in finding.evidence[0].quote
    )


@needs_shared
def test_the_seed_telegraph_of_october_26_was_a_draft_sent_on_5_november(seed):
    essay, findings = seed
    [finding] = [f for f in findings if _at(essay, f) == "October 26"]
    sources = [e.source for e in finding.evidence]
    assert sources == [
        "wcda-draft-reply-stalin-mao-via-molotov-1949-10-26",
        "wcda-note-grigoryan-stalin-1949-11-01",
        "wcda-cable-20475-gromyko-kovalev-1949-11-05",
    ]
    assert "draft reply" in finding.evidence[1].quote


@needs_shared
def test_the_seed_sentences_whose_dates_are_right_raise_nothing(seed):
    essay, findings = seed
    flagged = {_at(essay, f) for f in findings}
    # 5 March 1949 (the meeting), 3 and 11 September 1949, 24 September 1949 (the Politburo), 12 January 1950
    # (Acheson), 13 May 1950 (Roshchin's telegram), 25 April 1950 (Drumright), 29 September and 3 October 1950,
    # and "On September 28, America had already made up its mind" (a state by that day, not an act on it).
    for right in (
        "March 5, 1949",
        "September 3",
        "September 11",
        "September 24",
        "January 12",
        "May 13",
        "April 25",
        "September 28",
        "September 29",
        "October 3",
    ):
        assert right not in flagged


LETTERS = """# The letters of October 1950

{sentence}

## References

[1] *Letter, Cde. Filippov [Stalin] for Mao Zedong (1950)* History and Public Policy Program Digital Archive, October 5.
"""


def letter_findings(sentence: str, case, corpus):
    essay = essay_from_text(LETTERS.format(sentence=sentence))
    found = run_checks(essay, Audit(case=case, store=corpus))
    return [(f.kind, f.message) for f in found if f.kind in ("date-mismatch", "reference-mismatch")]


def test_a_document_of_the_entry_given_the_day_of_another_by_its_author_is_misdated(case, corpus):
    # Stalin wrote to Mao on 5 October 1950 ("I considered 5-6 divisions a minimum, not a maximum")
    # and to Kim on 8 October; the sentence tells the first under the second's day.
    misdated = "Stalin's letter of 8 October answered that he counted five or six divisions a minimum, not a maximum [1]."
    [(kind, message)] = letter_findings(misdated, case, corpus)
    assert kind == "date-mismatch" and "entry [1]" in message and "dated 5 October 1950" in message


def test_a_sentence_on_what_only_the_other_letter_says_keeps_its_marker_finding(case, corpus):
    # the letter to Kim of 8 October: "My reply has been delayed because of my consultations with the
    # Chinese comrades, which took several days."
    other = "Stalin's letter of 8 October told Kim that his reply had been delayed by consultations with the Chinese comrades [1]."
    assert [kind for kind, _ in letter_findings(other, case, corpus)] == ["reference-mismatch"]


def test_a_day_with_no_record_is_weighed_against_the_cited_documents_own_date(case, corpus):
    # frus1950v07-d899, JCS 97594 of 29 November 1950: "Your proposal ... is being considered. It
    # involves world-wide consequences."; the corpus keeps no message of the Joint Chiefs of 1 December
    text = (
        "# The reply\n\nThe JCS reply of 1 December 1950 warned that the proposal was being considered [1].\n\n"
        "## References\n\n[1] FRUS, (1950), *Korea, Volume VII Document 899*.\n"
    )
    [finding] = check(text, case, corpus)
    assert (finding.kind, finding.severity) == ("date-mismatch", "error")
    assert "entry [1]" in finding.message and "dated 29 November 1950" in finding.message
