"""Quotation fidelity: is each quotation of the essay the words of the source it comes from?"""

from __future__ import annotations

import pytest
from seed_audit import seed_audit
from toy_archive import essay, toy_context

from fontes.audit.checks.quotes import check_quotations

LIST = """
## References

[1] *Telegram from Brandt to Lenz* (1921), Kessel State Archive, March 4.
[2] *Memorandum of Conversation between Weber and Lenz* (1921), Kessel State Archive, May 12.
[3] *Decision of the Council of Ministers on the Kessel Harbour* (1921), Kessel State Archive, June 1.
[4] *Letter from Falke [Brandt] to Weber* (1921), Kessel State Archive, August 19.
[5] FRUS, (1921), *Ruritania, Volume II Document 15*.
[6] Smith, John. (1999) *The Kessel Crisis*, Oxford University Press, pp. 10-12.
"""


@pytest.fixture
def context(tmp_path):
    return toy_context(tmp_path)


def check(text: str, context):
    return check_quotations(essay(text + "\n" + LIST), context)


def test_a_verbatim_quotation_raises_nothing(context):
    text = (
        "On 4 March 1921 Brandt ordered Lenz: “Hold the harbour at Kessel at all costs. The fleet will remain "
        "in port until the end of April” [1]."
    )
    assert check(text, context) == []


def test_a_changed_number_is_a_misquotation_naming_the_words(context):
    text = (
        "Weber told Lenz on 12 May 1921 that “the northern army had twenty divisions on the river and that an "
        "attack was expected within ten days” [2]."
    )
    [finding] = check(text, context)
    assert (finding.kind, finding.severity) == ("quote-fidelity", "error")
    assert "“twenty” where the source has “twelve” (number)" in finding.message
    assert finding.evidence[0].source == "kessel-conversation-weber-lenz-1921-05-12"
    assert finding.evidence[0].quote.startswith("the northern army had twelve divisions")


def test_a_word_or_two_changed_is_near_verbatim(context):
    text = (
        "The Council decided on 1 June 1921 that “the harbour of Kessel must not be surrendered. The garrison is "
        "to be reinforced by two regiments” [3]."
    )
    [finding] = check(text, context)
    assert finding.severity == "warning" and finding.message.startswith("Near-verbatim quotation of Decision")
    assert "“must” for “shall”" in finding.message
    assert finding.evidence[0].quote == (
        "the harbour of Kessel shall not be surrendered. The garrison is to be reinforced by two regiments"
    )


def test_the_same_thing_in_other_words_is_a_paraphrase_with_the_sources_wording(context):
    text = (
        "On 19 August 1921 Brandt wrote to Weber: “Kessel has been lost, yet the republic has not, and the army "
        "has to be kept whole through the winter” [4]."
    )
    [finding] = check(text, context)
    assert finding.severity == "warning" and finding.message.startswith("Paraphrase presented as a quotation")
    assert (
        finding.evidence[0].quote
        == "Kessel is lost, but the republic is not, and the army must be kept whole for the winter."
    )


def test_words_missing_from_a_document_the_corpus_holds_whole_are_an_error(context):
    text = "In his letter of 19 August 1921 Brandt told Weber: “The war is over and we have won every battle that mattered” [4]."
    [finding] = check(text, context)
    assert finding.severity == "error"
    assert finding.message.startswith("Not in Letter from Falke [Brandt] to Weber (19 August 1921)")
    assert "full text" in finding.message and "invent" not in finding.message.lower()


def test_words_missing_from_an_excerpt_could_not_be_checked(context):
    text = "Hart reported on 2 July 1921 that “the Chancellor has lost all hope of holding the southern provinces” [5]."
    [finding] = check(text, context)
    assert finding.severity == "info" and finding.message.startswith("Not found in")
    assert (
        "the stored copy holds only the first" in finding.message
        and "could not be checked" in finding.message
    )
    assert finding.evidence[0].source == "frus1921v02-d15"


def test_a_quotation_with_no_marker_and_no_source_is_only_info(context):
    [finding] = check(
        "A diarist wrote: “nobody in the city expected the northern army to come so soon”.", context
    )
    assert finding.severity == "info" and finding.location.marker is None
    assert finding.message == "Not in the corpus; the text names no source"
    assert finding.evidence == [] and "invent" not in finding.message.lower()


def test_short_phrases_in_quotation_marks_are_left_alone(context):
    assert check("Brandt called Kessel “the iron harbour” of the north [1].", context) == []


def test_a_quotation_inside_a_quotation_is_judged_once(context):
    text = (
        "Hart reported on 2 July 1921 that “Chancellor Brandt told me that he would ask for a ‘ceasefire at any "
        "price and without conditions’ within days” [5]."
    )
    findings = check(text, context)
    assert len(findings) == 1 and findings[0].evidence[0].source == "frus1921v02-d15"


def test_the_location_is_the_quotation_and_its_marker(context):
    text = "Weber told Lenz that “the northern army had twenty divisions on the river and that an attack was expected” [2]."
    read = essay(text + "\n" + LIST)
    [finding] = check_quotations(read, context)
    assert read.text[finding.location.start : finding.location.end].startswith("the northern army had twenty")
    assert finding.location.marker == "[2]" and (finding.location.paragraph, finding.location.sentence) == (
        0,
        0,
    )


def test_unbalanced_quotes_no_list_an_empty_file_and_no_corpus(context, tmp_path):
    [unclosed] = check_quotations(
        essay("Brandt cabled: “Hold the harbour at Kessel at all costs [1]."), context
    )
    assert unclosed.severity == "info" and unclosed.message.startswith("A quotation mark is missing")
    assert check_quotations(essay(""), context) == []
    no_corpus = toy_context(tmp_path / "bare", with_corpus=False)
    text = "Weber said “the northern army had twenty divisions on the river and that an attack was expected” [2]."
    assert check_quotations(essay(text + LIST), no_corpus) == []


# -- the seed essay --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    read, context = seed_audit(tmp_path_factory)
    return read, check_quotations(read, context)


def by_start(findings, read, words: str):
    at = read.text.index(words)
    return next(f for f in findings if f.location.start <= at < f.location.end)


def test_seed_every_long_quotation_is_checked_and_none_is_verbatim(seed):
    _read, findings = seed
    assert len(findings) == 6
    assert all(f.kind == "quote-fidelity" for f in findings)
    assert not any("invent" in f.message.lower() for f in findings)
    assert not any(f.severity == "error" for f in findings)


def test_seed_gromykos_questions_are_paraphrased(seed):
    """The essay's question 4 of Gromyko's telegram of 11 September 1949 is a re-translation."""
    read, findings = seed
    finding = by_start(findings, read, "Are there American military personnel")
    assert finding.severity == "warning" and "Paraphrase" in finding.message
    assert finding.evidence[0].source == "wcda-telegram-gromyko-tunkin-1949-09-11"
    assert "Are there American troops in the south of Korea?" in finding.evidence[0].quote


def test_seed_roshchins_telegram_and_drumrights_are_paraphrased(seed):
    read, findings = seed
    roshchin = by_start(findings, read, "Comrade Mao Zedong would like to speak personally")
    assert roshchin.evidence[0].source == "wcda-ciphered-telegram-roshchin-filippov-1950-05-13"
    assert "would like to have personal clarifications of comrade Filippov" in roshchin.evidence[0].quote
    drumright = by_start(findings, read, "Over 600 North Korean insurgents")
    assert drumright.evidence[0].source == "frus1950v07-d25"
    assert (
        "numbering more than 600, who had penetrated into Odae Mountain area" in drumright.evidence[0].quote
    )
    assert {roshchin.severity, drumright.severity} == {"warning"}


def test_seed_the_politburo_quotations_beyond_its_stored_excerpt_could_not_be_checked(seed):
    read, findings = seed
    for words in ("It is inconceivable from a military standpoint", "You are also unprepared politically"):
        finding = by_start(findings, read, words)
        assert finding.severity == "info" and "could not be checked" in finding.message
        assert (
            finding.evidence[0].source
            == "wcda-politburo-decision-directive-soviet-ambassador-korea-1949-09-24"
        )
        assert "the stored copy holds only the first" in finding.message


def test_seed_zhous_warning_to_panikkar_is_not_in_the_corpus_and_names_no_source(seed):
    read, findings = seed
    finding = by_start(findings, read, "The US military is aiming to expand the conflict")
    assert finding.severity == "info" and finding.location.marker is None
    assert finding.message == "Not in the corpus; the text names no source"


def test_seed_scare_quotes_are_left_alone(seed):
    read, findings = seed
    civil_war = read.text.index('"civil war"')
    assert not [f for f in findings if f.location.start <= civil_war + 1 < f.location.end]
