"""What a sentence cites, and how well a reference entry describes a source (fontes.audit.evidence.documents,
fontes.audit.evidence.entry_match)."""

from __future__ import annotations

import pytest
from toy_archive import DOCUMENTS, essay, toy_case, toy_context

from fontes.audit.evidence.documents import cited_document
from fontes.audit.evidence.entries import archive_family, frus_documents
from fontes.audit.evidence.entry_match import best_source_for, entry_matches, is_secondary, title_similarity
from fontes.audit.reading.essay import Reference
from fontes.model import Source

SOURCES = {s.id: s for s, _, _ in DOCUMENTS}
TELEGRAM = "kessel-telegram-brandt-lenz-1921-03-04"
LETTER = "kessel-letter-falke-weber-1921-08-19"


@pytest.fixture
def context(tmp_path):
    return toy_context(tmp_path)


def cited_in(text: str, context, sentence: int = 0):
    """The candidates of one sentence of a one-paragraph essay, and the document it clearly cites."""
    audit = context.with_essay(essay(text))
    candidates = audit.documents(audit.claims[sentence])
    return candidates, cited_document(candidates)


def entry(raw: str, **parts) -> Reference:
    return Reference(number=parts.pop("number", 1), raw=raw, start=0, end=len(raw), **parts)


# -- the documents a claim fits ----------------------------------------------------------------------------------


def test_a_day_with_its_author_and_recipient_names_one_document(context):
    candidates, cited = cited_in("On 4 March 1921 Brandt cabled Lenz to hold the harbour [1].", context)
    assert cited.source == TELEGRAM
    assert any("dated 4 March 1921" in r for r in cited.reasons)
    assert "by Brandt" in cited.reasons and "to Lenz" in cited.reasons
    # the harbour master's report of the same day is a candidate, but only by its date
    other = next(c for c in candidates if c.source == "kessel-report-harbour-master-1921-03-04")
    assert not other.specific


def test_a_day_alone_does_not_say_which_document(context):
    _, cited = cited_in("Something happened in Kessel on 4 March 1921 [1].", context)
    assert cited is None


def test_a_missing_year_comes_from_the_essay(context):
    text = "Kessel was besieged in 1921. On March 4 Brandt cabled Lenz to hold the harbour [1]."
    _, cited = cited_in(text, context, sentence=1)
    assert cited.source == TELEGRAM
    assert any("read as 1921 from the essay" in r for r in cited.reasons)


def test_an_alias_names_the_actor(context):
    _, cited = cited_in("On 19 August 1921 Falke wrote to Weber that Kessel was lost [5].", context)
    assert cited.source == LETTER


def test_a_quotation_anchored_in_the_corpus_is_the_strongest_evidence(context):
    text = "Lenz was told: “The fleet will remain in port until the end of April, and no troops can be sent” [1]."
    _candidates, cited = cited_in(text, context)
    assert cited.source == TELEGRAM and cited.anchor.fidelity == "verbatim"
    assert "its quotation is word for word of this document's words" in cited.reasons


def test_dates_and_names_inside_a_quotation_are_the_sources_not_the_essays(context):
    text = "The Council wrote that “the fleet shall leave port on 10 June, and Weber shall go with it” [3]."
    candidates, _ = cited_in(text, context)
    assert not any("10 June" in r for c in candidates for r in c.reasons)


def test_a_sentence_that_continues_the_one_before_inherits_its_evidence(context):
    text = "On 4 March 1921 Brandt sent a telegram to Lenz. It ordered her to hold the harbour [1]."
    _, cited = cited_in(text, context, sentence=1)
    assert cited.source == TELEGRAM
    assert all("(in the sentence before)" in r for r in cited.reasons)


def test_a_sentence_that_does_not_continue_the_one_before_needs_evidence_of_its_own(context):
    text = "On 4 March 1921 Brandt sent a telegram to Lenz. Historians disagree about the harbour [1]."
    _, cited = cited_in(text, context, sentence=1)
    assert cited is None


def test_a_sentence_without_dates_or_quotations_cites_nothing_clearly(context):
    _, cited = cited_in("Brandt never trusted Lenz [1].", context)
    assert cited is None


def test_without_a_corpus_the_case_still_names_documents(tmp_path):
    context = toy_context(tmp_path, with_corpus=False)
    _, cited = cited_in("On 20 June 1921 Brandt ordered the fleet to sail [1].", context)
    assert cited.source == "kessel-order-brandt-fleet-1921-06-20"


# -- entry_matches ---------------------------------------------------------------------------------


def test_an_entry_with_the_documents_title_and_day_matches_it():
    reference = entry(
        "[1] Telegram from Brandt to Lenz (1921), Kessel State Archive, March 4.",
        title="Telegram from Brandt to Lenz",
        year=1921,
        date="March 4",
    )
    assert entry_matches(reference, SOURCES[TELEGRAM]) == 1.0
    assert entry_matches(reference, SOURCES[LETTER]) < 0.4


def test_a_day_that_contradicts_the_document_lowers_the_match():
    right = entry("x", title="Telegram from Brandt to Lenz", year=1921, date="March 4")
    wrong = entry("x", title="Telegram from Brandt to Lenz", year=1921, date="March 9")
    assert entry_matches(right, SOURCES[TELEGRAM]) == 1.0
    assert entry_matches(wrong, SOURCES[TELEGRAM]) < 0.75  # no longer a clear match: maybe another telegram


def test_a_descriptive_title_matches_the_archives_longer_title():
    speech = Source(
        id="speech",
        title="Secretary of State Dean G. Acheson's speech, Crisis in Asia - An Examination of U.S. Policy",
        date="1950-01-12",
    )
    reference = entry(
        "[10] Dean Acheson's 'Perimeter Speech' on Asia (1950)",
        title="Dean Acheson's 'Perimeter Speech' on Asia",
        year=1950,
    )
    assert entry_matches(reference, speech) >= 0.75
    assert title_similarity("Korea", "The Ambassador in Korea (Muccio) to the Secretary of State") < 0.4


def test_the_wilson_centers_other_name_is_the_same_archive():
    assert archive_family("History and Public Policy Program Digital Archive") == "wilson"
    assert archive_family("Wilson Center Digital Archive") == "wilson"
    assert archive_family("Foreign Relations of the United States") == "frus"
    assert archive_family("Oxford University Press") is None


def test_an_entry_naming_frus_documents_names_exactly_those():
    reference = entry("[13] FRUS, (1950), *Korea, Volume VII Document 25*, 573, 648.", year=1950)
    assert frus_documents(reference) == {"frus1950v07-d25", "frus1950v07-d573", "frus1950v07-d648"}
    part = entry("Foreign Relations of the United States, 1949, Volume VII, Part 2, Document 209")
    assert frus_documents(part) == {"frus1949v07p2-d209"}
    d25 = Source(id="frus1950v07-d25", title="The Chargé in Korea (Drumright) to the Secretary of State")
    d26 = Source(id="frus1950v07-d26", title="The Chargé in Korea (Drumright) to the Secretary of State")
    assert entry_matches(reference, d25) == 1.0 and entry_matches(reference, d26) == 0.0


def test_a_scholars_book_matches_no_primary_source(context):
    book = entry(
        "[6] Smith, John. (1999) *The Kessel Crisis*, Oxford University Press, pp. 10-12.",
        authors=["Smith, John"],
        year=1999,
        title="The Kessel Crisis",
        publisher="Oxford University Press",
    )
    match = best_source_for(book, context.catalogue)
    assert match.known.id == "smith-kessel-crisis-1999"  # the case knows the book itself
    assert is_secondary(book, match)
    assert all(entry_matches(book, s) < 0.4 for s in SOURCES.values())


def test_an_entry_is_matched_against_the_case_and_the_corpus(context):
    letter = entry(
        "[5] Letter from Falke [Brandt] to Weber (1921), August 19.",
        title="Letter from Falke [Brandt] to Weber",
        year=1921,
        date="August 19",
    )
    match = best_source_for(letter, context.catalogue)
    assert match.known.id == LETTER and match.clear
    assert toy_case().source(LETTER).title == match.known.source.title
