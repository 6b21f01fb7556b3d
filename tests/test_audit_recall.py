"""Recall of the audit on error classes it used to miss, each on small essays written here about
the invented fall of Kessel (tests/toy_archive.py): a true and a false version of each, and the
correct version never flagged."""

from __future__ import annotations

import pytest
from toy_archive import essay, toy_case, toy_context

from fontes.audit.pipeline import run_checks

LIST = """
## References

[1] *Telegram from Brandt to Lenz* (1921), Kessel State Archive, March 4.
[2] *Memorandum of Conversation between Weber and Lenz* (1921), Kessel State Archive, May 12.
[3] *Decision of the Council of Ministers on the Kessel Harbour* (1921), Kessel State Archive, June 1.
[4] FRUS, (1921), *Ruritania, Volume II Document 15*.
[5] *Letter from Falke [Brandt] to Weber* (1921), Kessel State Archive, August 19.
[6] Smith, John. (1999) *The Kessel Crisis*, Oxford University Press, pp. 10-12.
"""


@pytest.fixture(scope="module")
def context(tmp_path_factory):
    return toy_context(tmp_path_factory.mktemp("recall"))


def findings(text: str, context, kind: str | None = None):
    found = run_checks(essay(text + LIST), context)
    return [f for f in found if kind is None or f.kind == kind]


def alarms(text: str, context):
    """The errors and warnings on an essay (infos are not alarms)."""
    return [(f.kind, f.location.marker) for f in findings(text, context) if f.severity != "info"]


# -- 5. every marker of a shifted run ------------------------------------------------------------

SHIFT_BODY = """# The fall of Kessel

On 4 March 1921 Brandt cabled Lenz to hold the harbour {1}. Weber met Lenz on 12 May 1921 and warned her of
twelve divisions on the river {2}. On 1 June the Council of Ministers decided that the harbour would not be
surrendered {3}. The Council also ordered that the fleet leave port {3}. On 2 July Hart telegraphed
Washington that the garrison had withdrawn to the citadel {4}.

In the end Brandt accepted the ceasefire, writing that the army must be kept whole for the winter {5}.
"""


def shift_essay(offset: int) -> str:
    """The essay with markers {2}..{5} pointing `offset` entries past their documents."""
    text = SHIFT_BODY.replace("{1}", "[1]")
    for n in range(2, 6):
        text = text.replace("{" + str(n) + "}", f"[{n + offset}]")
    return text


def test_every_occurrence_of_a_shifted_run_is_reported_the_repeated_and_the_last_marker_too(context):
    found = findings(shift_essay(1), context, "reference-mismatch")
    single = [f for f in found if not f.message.startswith("Systematic shift")]
    assert [f.location.marker for f in single] == ["[3]", "[4]", "[4]", "[5]", "[6]"]
    assert all(f.severity == "error" for f in single)
    repeated, last = single[2], single[4]
    assert (
        "kessel-council-decision-1921-06-01" in repeated.message and "Entry [3] matches" in repeated.message
    )
    assert "kessel-letter-falke-weber-1921-08-19" in last.message and "Entry [5] matches" in last.message
    [shift] = [f for f in found if f.message.startswith("Systematic shift")]
    assert shift.location.marker == "[3]–[6]" and "5 markers in a row" in shift.message


def test_the_same_essay_with_its_markers_right_raises_no_alarm(context):
    assert alarms(shift_essay(0), context) == []


# -- 4. quotations without a marker ------------------------------------------------------------


def test_a_quotation_without_a_marker_found_in_a_listed_document_is_a_warning_naming_its_entry(context):
    text = (
        "# Kessel\n\nBrandt's last word on the city was plain: \"Kessel is lost, but the republic is not, and "
        'the army must be kept whole for the winter." He gave in [1].\n'
    )
    [finding] = findings(text, context, "quote-uncited")
    assert finding.severity == "warning"
    assert "entry [5]" in finding.message and "kessel-letter-falke-weber-1921-08-19" in finding.message
    assert finding.evidence[1].source == "reference [5]"


def test_the_same_quotation_with_its_marker_or_cited_at_the_end_of_its_paragraph_raises_nothing(context):
    marked = (
        "# Kessel\n\nBrandt's last word on the city was plain: \"Kessel is lost, but the republic is not, and "
        'the army must be kept whole for the winter" [5].\n'
    )
    at_the_end = (
        "# Kessel\n\nBrandt's last word on the city was plain: \"Kessel is lost, but the republic is not, and "
        'the army must be kept whole for the winter." He wrote so to Weber on 19 August 1921 [5].\n'
    )
    assert findings(marked, context, "quote-uncited") == []
    assert findings(at_the_end, context, "quote-uncited") == []
    assert alarms(marked, context) == []


def test_a_quotation_without_a_marker_found_nowhere_is_an_ordinary_unanchored_quotation(context):
    text = (
        '# Kessel\n\nBrandt is said to have cried "the river will run red before the harbour is ours '
        'again." He gave in [1].\n'
    )
    found = findings(text, context)
    assert [f.kind for f in found if f.kind.startswith("quote")] == ["quote-fidelity"]
    nowhere = next(f for f in found if f.kind == "quote-fidelity")
    assert nowhere.severity == "info" and "Not in the corpus" in nowhere.message


# -- 1. a date that disagrees with the cited document's own date ----------------------------------


def test_a_document_dated_otherwise_than_the_entry_it_cites_is_a_date_mismatch_with_its_words(context):
    text = (
        "# Kessel\n\nThe letter of 19 July 1921 accepted the ceasefire and gave the city up for lost [5].\n"
    )
    [finding] = findings(text, context, "date-mismatch")
    assert finding.severity == "error"
    assert "entry [5]" in finding.message and "dated 19 August 1921" in finding.message
    assert "accept the ceasefire" in finding.evidence[0].quote
    assert essay(text + LIST).text[finding.location.start : finding.location.end] == "19 July 1921"


@pytest.mark.parametrize("day, flagged", [("19 July 1921", True), ("19 August 1921", False)])
def test_a_document_said_to_be_sent_on_a_day_is_weighed_against_its_entry(day, flagged, context):
    text = f"# Kessel\n\nBrandt sent this letter to Weber under his old alias on {day}, giving the city up [5].\n"
    found = findings(text, context, "date-mismatch")
    assert bool(found) == flagged
    if flagged:
        assert found[0].severity == "error" and "dated 19 August 1921" in found[0].message


def test_a_day_given_to_a_document_of_another_kind_than_the_cited_one_is_not_its_date(context):
    text = "# Kessel\n\nThe order of 19 July 1921 gave the city up for lost, as Falke wrote [5].\n"
    assert findings(text, context, "date-mismatch") == []


def test_a_document_dated_as_its_entry_is_not_flagged(context):
    text = (
        "# Kessel\n\nThe letter of 19 August 1921 accepted the ceasefire and gave the city up for lost [5].\n"
    )
    assert alarms(text, context) == []


def test_a_day_of_an_event_reported_by_a_later_document_is_not_a_document_date(context):
    text = (
        "# Kessel\n\nOn 28 June 1921 northern units crossed the river, as the Minister later reported [4].\n"
    )
    assert findings(text, context, "date-mismatch") == []


def test_after_a_shift_the_date_is_weighed_against_the_right_entry(context):
    text = shift_essay(1).replace(
        "In the end Brandt accepted the ceasefire, writing",
        "The letter of 19 July accepted the ceasefire, for it said",
    )
    [finding] = findings(text, context, "date-mismatch")
    assert "entry [5]" in finding.message and "dated 19 August 1921" in finding.message
    right = findings(text.replace("19 July", "19 August"), context, "date-mismatch")
    assert right == []


# -- 3. the wrong kind of source -------------------------------------------------------------------


def mismatches(text: str, context):
    return [
        (f.location.marker, f.severity, f.message)
        for f in findings(text, context, "reference-mismatch")
        if not f.message.startswith("Systematic shift")
    ]


def test_a_historians_analysis_cited_to_a_telegram_names_the_historians_entry(context):
    text = "# Kessel\n\nAs Smith has shown, the harbour was never defensible once the ice had gone [4].\n"
    [(marker, severity, message)] = mismatches(text, context)
    assert (marker, severity) == ("[4]", "warning")
    assert "a primary document" in message and "Entry [6] fits better: The Kessel Crisis" in message


def test_an_interpretation_no_entry_of_the_list_supports_says_so(context):
    text = "# Kessel\n\nHistorians argue that the retreat of the garrison to the citadel doomed it [4].\n"
    [(_, _, message)] = mismatches(text, context)
    assert "No entry of the list is the historian's work" in message


def test_the_historians_analysis_cited_to_the_historian_and_a_document_cited_for_itself_are_right(context):
    right = "# Kessel\n\nAs Smith has shown, the harbour was never defensible once the ice had gone [6].\n"
    itself = (
        "# Kessel\n\nAs Smith has shown, Brandt wrote to Weber on 19 August 1921 that he would give in [5].\n"
    )
    assert alarms(right, context) == []
    assert alarms(itself, context) == []


def test_an_event_cited_to_a_document_dated_before_it_is_an_error_naming_a_later_one(context):
    text = "# Kessel\n\nOn 28 June 1921 northern units crossed the river at three points [3].\n"
    [(marker, severity, message)] = mismatches(text, context)
    assert (marker, severity) == ("[3]", "error")
    assert "dated before it" in message and "Entry [4] fits better" in message


def test_an_event_cited_to_a_later_report_or_to_the_order_that_set_its_day_is_right(context):
    reported = "# Kessel\n\nOn 28 June 1921 northern units crossed the river at three points [4].\n"
    ordered = (
        "# Kessel\n\nOn 10 June 1921 the fleet left port, two regiments having reached the garrison [3].\n"
    )
    assert alarms(reported, context) == []
    assert alarms(ordered, context) == []


def test_a_document_that_never_mentions_the_matter_is_a_warning_naming_the_one_that_does(context):
    text = "# Kessel\n\nTwelve divisions were massed on the river, ready to attack within ten days [5].\n"
    [(marker, severity, message)] = mismatches(text, context)
    assert (marker, severity) == ("[5]", "warning")
    assert "do not tell what the sentence reports" in message and "Entry [2] fits better" in message
    right = text.replace("[5]", "[2]")
    assert alarms(right, context) == []


# -- 2. spellings near a known name, and the romanizations that are no slip ------------------------


@pytest.fixture(scope="module")
def romanized(tmp_path_factory):
    """An invented case of three officials whose names are romanized, and one telegram of each."""
    from fontes.audit.context import Audit
    from fontes.corpus.document import Document
    from fontes.corpus.store import Store
    from fontes.model import Actor, Source

    actors = [
        Actor(
            id="orlov", name="Grigorii Orlovskii", aliases=["Orlovskii"], role="Soviet envoy", polity="USSR"
        ),
        Actor(id="zhang", name="Zhang Dehuai", aliases=["Chang Teh-huai"], role="Premier", polity="PRC"),
        Actor(id="kim-du-bong", name="Kim Du-bong", role="Foreign Minister", polity="DPRK"),
    ]
    sources = [
        Source(
            id="orlov-telegram-1949-05-02",
            title="Telegram from Orlovskii to Moscow",
            date="1949-05-02",
            authors=["orlov"],
            doc_type="telegram",
        ),
    ]
    store = Store(tmp_path_factory.mktemp("romanized") / "r.db")
    store.add(
        [
            Document(
                source=sources[0],
                text="Grigorii Orlovskii reports that the harvest has failed in three provinces of the north.",
                text_complete=True,
            )
        ]
    )
    case = toy_case().model_copy(update={"id": "romanized", "actors": actors, "sources": sources})
    return Audit(case=case, store=store)


ROMAN_LIST = "\n## References\n\n[1] *Telegram from Orlovskii to Moscow* (1949), May 2.\n"


def name_findings(text: str, audit):
    return [
        (f.severity, f.message)
        for f in run_checks(essay(text + ROMAN_LIST), audit)
        if f.kind == "name-variant"
    ]


def test_a_slip_in_a_name_the_essay_spells_right_elsewhere_gives_the_cited_sources_spelling(romanized):
    text = (
        "# The harvest\n\nGrigorii Orlovskii wrote often to Moscow.\n\n"
        "Grigorii Orlofskii reported on 2 May 1949 that the harvest had failed [1].\n"
    )
    [(severity, message)] = name_findings(text, romanized)
    assert severity == "warning" and "“Grigorii Orlofskii”" in message
    assert "The cited source (orlov-telegram-1949-05-02) writes “Grigorii Orlovskii”" in message


def test_the_right_spelling_raises_nothing(romanized):
    text = "# The harvest\n\nGrigorii Orlovskii reported on 2 May 1949 that the harvest had failed [1].\n"
    assert name_findings(text, romanized) == []


def test_a_spelling_of_a_standard_romanization_is_an_equivalence_naming_its_system(romanized):
    text = (
        "# The harvest\n\nGrigoriy Orlovskiy reported on 2 May 1949 that the harvest had failed [1]. "
        "Chang Te-huai answered him, and so did Kim Tu-bong.\n"
    )
    found = name_findings(text, romanized)
    assert [s for s, _ in found] == ["info", "info", "info"]
    assert (
        "“Grigoriy Orlovskiy” is the BGN/PCGN spelling of Grigorii Orlovskii (Library of Congress)"
        in found[0][1]
    )
    assert "“Chang Te-huai” is the Wade–Giles spelling of Zhang Dehuai (pinyin)" in found[1][1]
    assert "McCune–Reischauer spelling of Kim Du-bong (Revised Romanization)" in found[2][1]


def test_a_spelling_no_system_produces_is_a_variant(romanized):
    text = (
        "# The harvest\n\nGrigorii Orlovskii wrote often to Moscow. Zhang Dehuai replied.\n\n"
        "Zhang Dehaui answered him [1].\n"
    )
    [(severity, message)] = name_findings(text, romanized)
    assert severity == "warning" and "“Zhang Dehaui”" in message


@pytest.mark.parametrize(
    ("written", "attested", "polity", "system"),
    [
        ("Hsu Chih-tung", "Xu Zhidong", "PRC", "Wade–Giles"),
        ("Tsao Kuang-p'ing", "Cao Guangping", "PRC", "Wade–Giles"),
        ("Xu Zhidong", "Hsu Chih-tung", "PRC", "pinyin"),
        ("Yevgeniy Belov", "Evgenii Belov", "USSR", "BGN/PCGN"),
        ("Iurii Sokolovskii", "Yuriy Sokolovskiy", "USSR", "Library of Congress"),
        ("Natalya Orlova", "Natal'ia Orlova", "USSR", "BGN/PCGN"),
        ("Ch'oe Sŏng-gŭk", "Choe Seong-geuk", "DPRK", "McCune–Reischauer"),
        ("Jeong Deok-su", "Chŏng Tŏk-su", "ROK", "Revised Romanization"),
    ],
)
def test_the_romanization_rules_name_the_system_of_a_spelling(written, attested, polity, system):
    from fontes.audit.lexicon.transliteration import equivalence

    assert equivalence(written, attested, polity) == system


@pytest.mark.parametrize(
    ("written", "attested", "polity"),
    [
        ("Xu Zhidung", "Xu Zhidong", "PRC"),  # a vowel for another
        ("Hsu Chih-tnug", "Hsu Chih-tung", "PRC"),  # letters swapped
        ("Belvo", "Belov", "USSR"),  # letters swapped
        ("Sokolivskii", "Sokolovskii", "USSR"),  # a vowel for another
        ("Choe Seong-guk", "Choe Seong-geuk", "DPRK"),  # a letter dropped from eu
    ],
)
def test_spellings_no_system_produces_are_no_equivalence(written, attested, polity):
    from fontes.audit.lexicon.transliteration import equivalence

    assert equivalence(written, attested, polity) is None


def test_a_historians_name_on_what_the_document_itself_says_is_not_flagged(context):
    text = (
        "# Kessel\n\nAs Smith notes, northern units crossed the river at three points and the garrison "
        "withdrew to the old citadel [4].\n"
    )
    assert alarms(text, context) == []


def test_a_day_without_a_year_is_weighed_in_the_year_of_the_entrys_document(context):
    undated = "# Kessel\n\nThe letter of 19 July accepted the ceasefire and gave the city up for lost [5].\n"
    [finding] = findings(undated, context, "date-mismatch")
    assert "19 July (the essay gives no year)" in finding.message and "19 August 1921" in finding.message
    right = undated.replace("19 July", "19 August")
    assert findings(right, context, "date-mismatch") == []


def test_a_run_whose_gaps_only_the_words_fill_is_still_a_shift(context):
    text = shift_essay(1).replace(
        "On 1 June the Council of Ministers decided", "The Council of Ministers decided"
    )
    single = [
        f.location.marker
        for f in findings(text, context, "reference-mismatch")
        if not f.message.startswith("Systematic shift")
    ]
    assert single == ["[3]", "[4]", "[4]", "[5]", "[6]"]
    undated_right = shift_essay(0).replace(
        "On 1 June the Council of Ministers decided", "The Council of Ministers decided"
    )
    assert alarms(undated_right, context) == []


def test_a_quotation_going_on_from_a_cited_sentence_needs_no_marker_of_its_own(context):
    text = (
        '# Kessel\n\nBrandt wrote to Weber on 19 August 1921 [5]. He admitted that "Kessel is lost, but the '
        'republic is not, and the army must be kept whole for the winter."\n'
    )
    assert findings(text, context, "quote-uncited") == []
