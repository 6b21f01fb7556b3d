"""Essays as they are really published: notes without a heading, footnotes, block quotations
introduced by a colon, lost quotation marks, comments and code, copies the corpus holds only in part."""

from __future__ import annotations

from pathlib import Path

import pytest
from toy_archive import essay, toy_context

from fontes.audit.checks.hygiene import check_reference_hygiene
from fontes.audit.checks.quotes import check_quotations
from fontes.audit.reading.read import read_essay
from fontes.corpus.document import Document
from fontes.model import Source

ESSAYS = Path(__file__).parent / "fixtures" / "essays"

TELEGRAM = "[1] Telegram from Brandt to Lenz, 4 March 1921, Kessel State Archive."
DECISION = "[2] Decision of the Council of Ministers on the Kessel Harbour, 1 June 1921."


@pytest.fixture
def context(tmp_path):
    return toy_context(tmp_path)


def markers(read) -> list[list[int]]:
    return [m.numbers for _, s in read.sentences() for m in s.markers]


def sentences(read) -> list[str]:
    return [s.text for _, s in read.sentences()]


# -- notes after the text, with no heading ---------------------------------------------------------


@pytest.mark.parametrize("name", ["trailing-notes.md", "dotted-notes.txt", "caret-notes.md"])
def test_notes_after_the_text_with_no_heading_are_the_reference_list(name, context):
    read = read_essay(ESSAYS / name)
    assert read.references and all(r.number == i for i, r in enumerate(read.references, 1))
    assert not any(s.startswith(("[1]", "1.", "^1")) for s in sentences(read))
    assert sorted({n for numbers in markers(read) for n in numbers}) == [r.number for r in read.references]
    assert not [f for f in check_reference_hygiene(read, context) if f.severity != "info"]


def test_flattened_superscripts_count_only_where_the_notes_are_numbered_so():
    with_notes = essay(
        "Kessel\n\nThe harbour was to be held.1 The Council agreed in June.2\n\n"
        "1. Telegram from Brandt to Lenz, 4 March 1921.\n2. Decision of the Council, 1 June 1921.\n"
    )
    assert markers(with_notes) == [[1], [2]]
    after_a_quotation = essay(
        "Kessel\n\nBrandt wrote that the harbour was “to be held”.1 Lenz agreed.2\n\n"
        "1. Telegram from Brandt to Lenz, 4 March 1921.\n2. Decision of the Council, 1 June 1921.\n"
    )
    assert markers(after_a_quotation) == [[1], [2]]
    bracketed_notes = essay(
        "Kessel\n\nThe harbour was to be held.7 The Council agreed in June.8\n\n"
        "[7] Telegram from Brandt to Lenz, 4 March 1921.\n[8] Decision of the Council, 1 June 1921.\n"
    )
    assert markers(bracketed_notes) == [[7], [8]]
    without = essay("Kessel\n\nThe garrison held out for 3 weeks and lost 2.5 per cent of its men.\n")
    assert markers(without) == []


def test_superscript_note_numbers_cite_notes_numbered_so_and_nothing_else():
    read = essay(
        "Kessel\n\nThe harbour was to be held.¹ The Council agreed in June.²\n\n"
        "¹ Telegram from Brandt to Lenz, 4 March 1921.\n² Decision of the Council, 1 June 1921.\n"
    )
    assert [r.number for r in read.references] == [1, 2]
    assert markers(read) == [[1], [2]] and len(sentences(read)) == 2
    assert markers(essay("Kessel\n\nThe harbour covered 40 km² of water.[1]\n\n" + TELEGRAM + "\n")) == [[1]]


def test_straight_single_quotes_are_quotations_and_apostrophes_are_not():
    read = essay(
        "Kessel\n\nBrandt's order was to 'hold the harbour at Kessel at all costs', Lenz's reply was 'yes'.\n"
    )
    assert [q.text for _, s in read.sentences() for q in s.quotations] == [
        "hold the harbour at Kessel at all costs",
        "yes",
    ]
    assert [
        q.text
        for _, s in essay("Kessel\n\nThe generals' plan and the '50s.\n").sentences()
        for q in s.quotations
    ] == []


def test_notes_numbered_by_bare_numbers_after_the_text_are_the_reference_list(context):
    read = essay(
        'Kessel\n\nThe order was to hold "at all costs."3 The Council agreed in June.4\n\n'
        "3 Telegram from Brandt to Lenz, 4 March 1921, Kessel Papers, 12.\n"
        "4 Decision of the Council of Ministers on the Kessel Harbour, 1 June 1921, Kessel Papers, 14.\n"
    )
    assert [r.number for r in read.references] == [3, 4]
    assert markers(read) == [[3], [4]]
    assert not [f for f in check_reference_hygiene(read, context) if f.severity != "info"]


def test_a_paragraph_whose_lines_open_with_numbers_is_prose_unless_every_line_is_a_note():
    prose = essay(
        "Kessel\n\nThe garrison held.\n\n12 ships lay at anchor in March 1921.\n4 of them had no coal.\n"
    )
    assert prose.references == [] and len(sentences(prose)) == 3
    falling = essay("Kessel\n\nThe garrison held.\n\n4 Brandt to Lenz, 1921.\n3 Council decision, 1921.\n")
    assert falling.references == []


def test_two_pages_of_one_collection_are_two_documents_not_a_duplicate(context):
    read = essay(
        "Kessel\n\nBrandt wrote twice that day.[1][2]\n\n## Notes\n\n"
        "[1] Brandt to Lenz, 4 March 1921, FRUS 1921, vol. II, 12.\n"
        "[2] Brandt to Lenz, 4 March 1921, FRUS 1921, vol. II, 14.\n"
    )
    assert not [f for f in check_reference_hygiene(read, context) if "the same work" in f.message]


def test_a_numbered_list_ending_the_essay_is_not_taken_for_notes():
    read = essay(
        "Kessel\n\nThree lessons follow.\n\n1. Harbours need coal.\n2. Garrisons need food.\n3. Fleets need ports.\n"
    )
    assert read.references == []


def test_a_single_note_after_the_text_is_the_reference_list(context):
    read = essay(
        "Kessel\n\nThe fleet stayed in port, as ordered.[8]\n\n"
        "[8] Telegram from Brandt to Lenz, 4 March 1921, Kessel State Archive.\n"
    )
    [note] = read.references
    assert note.number == 8 and note.raw.startswith("[8] Telegram from Brandt")
    assert not [f for f in check_reference_hygiene(read, context) if f.severity != "info"]


def test_a_single_bracketed_line_that_reads_as_no_note_stays_prose():
    read = essay("Kessel\n\nThe fleet stayed in port.\n\n[1] The garrison held out for three weeks.\n")
    assert read.references == []


def test_a_note_s_own_label_is_not_a_citing_marker():
    read = essay(
        "Kessel\n\nThe fleet stayed in port, as ordered.[8]\n\n"
        "[8] Brandt to Lenz, 4 March 1921, Kessel State Archive.\n"
    )
    assert markers(read) == [[8]]


def test_a_footnote_with_a_word_label_ends_its_sentence():
    read = essay(
        "Kessel\n\nBrandt wrote first.[^brandt] Lenz replied.[^b]\n\n[^brandt]: A letter.\n[^b]: A reply.\n"
    )
    assert sentences(read) == ["Brandt wrote first.[^brandt]", "Lenz replied.[^b]"]


def test_markdown_footnotes_tie_a_quotation_to_their_document(context):
    text = (
        "Brandt wrote that “the fleet will remain in port until the end of May, and no troops can be sent” "
        "in March.[^a]\n\n[^a]: Telegram from Brandt to Lenz, 4 March 1921, Kessel State Archive.\n"
    )
    [finding] = check_quotations(essay("Kessel\n\n" + text), context)
    assert finding.severity in ("warning", "error") and finding.location.marker == "[^a]"
    assert finding.evidence[0].source == "kessel-telegram-brandt-lenz-1921-03-04"


def test_an_ibid_note_ties_a_quotation_to_the_document_of_the_note_before(context):
    text = (
        "Kessel\n\nBrandt ordered the governor to hold the harbour.1 The garrison was “reinforced by three "
        "regiments”.2\n\n1. Decision of the Council of Ministers on the Kessel Harbour, 1 June 1921.\n2. Ibid.\n"
    )
    [finding] = check_quotations(essay(text), context)
    assert finding.severity == "error" and "“three” where the source has “two”" in finding.message
    assert not [f for f in check_reference_hygiene(essay(text), context) if f.severity != "info"]


# -- block quotations introduced by a colon --------------------------------------------------------


def test_a_marker_in_the_sentence_introducing_a_block_quotation_applies_to_it(context):
    text = (
        "Kessel\n\nOn 4 March Brandt sent Lenz an order that she could not mistake:[1]\n\n"
        "> Give up the harbour at once and bring the garrison home by sea before the ice.\n\n"
        f"## References\n\n{TELEGRAM}\n"
    )
    [finding] = check_quotations(essay(text), context)
    assert finding.severity == "error" and finding.location.marker == "[1]"
    assert finding.message.startswith("Not in Telegram from Brandt to Lenz")


def test_a_source_box_caption_inside_the_block_quote_introduces_the_quotation(context):
    text = (
        "Kessel\n\n> **Source 1.** Brandt's order to the governor:[1]\n>\n"
        "> Give up the harbour at once and bring the garrison home by sea before the ice.\n\n"
        f"## References\n\n{TELEGRAM}\n"
    )
    read = essay(text)
    [quotation] = [q for _, s in read.sentences() for q in s.quotations]
    assert quotation.text.startswith("Give up the harbour") and [m.text for m in quotation.introduced_by] == [
        "[1]"
    ]
    [finding] = check_quotations(read, context)
    assert finding.severity == "error" and finding.location.marker == "[1]"
    one_paragraph = essay(
        "Kessel\n\n> Hold the harbour at Kessel at all costs:\n> the fleet will remain in port.\n"
    )
    [whole] = [q for _, s in one_paragraph.sentences() for q in s.quotations]
    assert whole.text.startswith("Hold the harbour")


@pytest.mark.parametrize(
    "attribution", ["— Brandt to Lenz, 4 March 1921 [1]", "Source: Brandt to Lenz, 4 March 1921 [1]"]
)
def test_a_block_quotation_s_attribution_line_is_not_quoted(attribution, context):
    text = (
        "Kessel\n\nThe order was plain.\n\n> Hold the harbour at Kessel at all costs. The fleet will remain in port."
        f"\n>\n> {attribution}\n\n"
        f"## References\n\n{TELEGRAM}\n"
    )
    read = essay(text)
    [quotation] = [q for _, s in read.sentences() for q in s.quotations]
    assert quotation.text == "Hold the harbour at Kessel at all costs. The fleet will remain in port."
    assert check_quotations(read, context) == []


def test_a_block_quotation_tied_to_nothing_and_found_nowhere_is_info(context):
    text = (
        "Kessel\n\nA sailor remembered the order differently.\n\n"
        "> Give up the harbour at once and bring the garrison home by sea before the ice.\n"
    )
    [finding] = check_quotations(essay(text), context)
    assert finding.severity == "info" and finding.message == "Not in the corpus; the text names no source"


# -- lost quotation marks --------------------------------------------------------------------------


def test_a_quotation_without_its_closing_mark_is_read_to_the_sentence_end(context):
    read = essay(
        "Kessel\n\nBrandt ordered that “the fleet will remain in port until April [1]. Lenz obeyed.\n"
    )
    [(_, sentence)] = [(p, s) for p, s in read.sentences() if s.loose_quotations]
    [loose] = sentence.loose_quotations
    assert (loose.text, loose.missing_mark) == ("the fleet will remain in port until April", "closing")
    [finding] = check_quotations(read, context)
    assert finding.severity == "info" and "closing mark" in finding.message


def test_a_quotation_without_its_opening_mark_is_read_from_the_sentence_start(context):
    read = essay(
        "Kessel\n\nThe order was plain. Hold the harbour at Kessel at all costs,” Brandt wrote [1].\n"
    )
    [loose] = [q for _, s in read.sentences() for q in s.loose_quotations]
    assert (loose.text, loose.missing_mark) == ("Hold the harbour at Kessel at all costs,", "opening")
    [finding] = check_quotations(read, context)
    assert finding.severity == "info" and "opening mark" in finding.message


# -- what is not prose -----------------------------------------------------------------------------


def test_front_matter_comments_and_code_blocks_are_not_prose():
    read = essay(
        '---\ntitle: Kessel\nsummary: "a quoted summary of the essay" [9]\n---\n\n'
        "# Kessel\n\nThe harbour held.[1] <!-- “a hidden remark, not a quotation” [7] -->\n\n"
        '```\nprint("code is not a quotation either") [8]\n```\n\n'
        f"## References\n\n{TELEGRAM}\n"
    )
    assert markers(read) == [[1]]
    assert [q for _, s in read.sentences() for q in s.quotations + s.loose_quotations] == []
    assert sentences(read) == ["The harbour held.[1]"]
    assert len(read.text) > read.text.index("The harbour")  # offsets into the text are kept


def test_html_tags_are_taken_out_and_a_superscript_note_number_is_a_marker():
    read = essay(
        "Kessel\n\n<p>Brandt ordered Lenz to <em>hold</em> the harbour &amp; the city.<sup>1</sup></p>\n\n"
        '<p>Lenz obeyed.<sup><a href="#fn2">2</a></sup><br>The fleet stayed.</p>\n\n'
        "1. Telegram from Brandt to Lenz, 4 March 1921.\n2. Decision of the Council, 1 June 1921.\n"
    )
    assert sentences(read) == [
        "Brandt ordered Lenz to hold the harbour & the city.[1]",
        "Lenz obeyed.[2]",
        "The fleet stayed.",
    ]
    assert markers(read) == [[1], [2]]
    assert essay("Kessel\n\nThe garrison was < 5 men > the fleet.\n").text.endswith("< 5 men > the fleet.\n")


# -- what the corpus holds -------------------------------------------------------------------------


def test_a_quotation_of_a_document_stored_only_in_another_language_is_info(context):
    context.store.add(
        [
            Document(
                source=Source(
                    id="kessel-note-weber-1921-06-02",
                    title="Note of Weber to the Russian Envoy",
                    date="1921-06-02",
                    doc_type="note",
                ),
                text="Правительство Руритании не может гарантировать безопасность гавани Кессель.",
                text_complete=True,
            )
        ]
    )
    text = (
        "Kessel\n\nWeber's note told the envoy that “the government cannot promise that the harbour will be safe "
        "this winter” [3].\n\n## References\n\n[3] Note of Weber to the Russian Envoy, 2 June 1921.\n"
    )
    [finding] = check_quotations(essay(text), context)
    assert finding.severity == "info" and "the stored copy is the Russian original" in finding.message


def test_a_short_distinctive_quotation_changed_in_its_document_is_found(context):
    text = f"Kessel\n\nThe garrison was “reinforced by three regiments” in June [2].\n\n## References\n\n{DECISION}\n"
    [finding] = check_quotations(essay(text), context)
    assert finding.severity == "error" and "“three” where the source has “two”" in finding.message
    verbatim = f"Kessel\n\nThe garrison was “reinforced by two regiments” in June [2].\n\n## References\n\n{DECISION}\n"
    assert check_quotations(essay(verbatim), context) == []


@pytest.mark.parametrize(
    ("quoted", "changed"),
    [
        ("three regiments", "“three” where the source has “two” (number)"),
        ("be defended", None),
        ("surrendered harbour", None),
    ],
)
def test_a_two_word_quotation_tied_to_its_document_is_checked(quoted, changed, context):
    text = f"Kessel\n\nThe Council ordered “{quoted}” in June [2].\n\n## References\n\n{DECISION}\n"
    findings = check_quotations(essay(text), context)
    if changed is None:
        assert findings == []
    else:
        [finding] = findings
        assert finding.severity == "error" and changed in finding.message
        assert finding.evidence[0].quote == "two regiments"


def test_a_five_word_quotation_with_two_words_changed_is_a_misquote(context):
    entry = "[4] The Secretary of State to the Minister in Ruritania (Hart), 3 July 1921, FRUS 1921, vol. II, doc. 16."
    text = f"Kessel\n\nThe Secretary wrote that the Government “will not send two battalions” [4].\n\n## References\n\n{entry}\n"
    [finding] = check_quotations(essay(text), context)
    assert (
        finding.severity == "error"
        and "“two battalions” where the source has “naval forces”" in finding.message
    )
    three_changed = (
        f"Kessel\n\nThe Secretary said it “will send two more battalions” [4].\n\n## References\n\n{entry}\n"
    )
    assert check_quotations(essay(three_changed), context) == []


def test_a_two_word_quotation_with_a_changed_name_is_a_misquote(context):
    text = (
        "Kessel\n\nThe Secretary told Hart to warn “Chancellor Weber” on 3 July [4].\n\n## References\n\n"
        "[4] The Secretary of State to the Minister in Ruritania (Hart), 3 July 1921, FRUS 1921, vol. II, doc. 16.\n"
    )
    [finding] = check_quotations(essay(text), context)
    assert finding.severity == "error" and "“Weber” where the source has “Brandt” (name)" in finding.message


def test_a_two_word_quotation_whose_change_has_two_readings_is_not_reported(context):
    context.store.add(
        [
            Document(
                source=Source(
                    id="kessel-muster-1921-06-03", title="Muster of the Kessel Garrison", date="1921-06-03"
                ),
                text="Two regiments came by rail. Five regiments stayed on the river.",
                text_complete=True,
            )
        ]
    )
    text = (
        "Kessel\n\nThe muster counted “three regiments” [5].\n\n## References\n\n"
        "[5] Muster of the Kessel Garrison, 3 June 1921.\n"
    )
    assert check_quotations(essay(text), context) == []


def test_a_short_phrase_the_document_does_not_hold_raises_nothing(context):
    text = f"Kessel\n\nThe Council called Kessel “the northern gate” in June [2].\n\n## References\n\n{DECISION}\n"
    assert check_quotations(essay(text), context) == []
    stop_words = f"Kessel\n\nThe Council said it was “to be” so [2].\n\n## References\n\n{DECISION}\n"
    assert check_quotations(essay(stop_words), context) == []


def test_a_paraphrase_found_in_a_document_the_text_never_names_is_only_a_lead(context):
    words = "“Kessel has been lost, yet the republic has not, and the army has to be kept whole through the winter”"
    [untied] = check_quotations(essay(f"Kessel\n\nA soldier later remembered: {words}.\n"), context)
    assert untied.severity == "info" and "the text names no source" in untied.message
    described = f"Kessel\n\nOn 19 August 1921 Brandt wrote to Weber: {words}.\n"
    [tied] = check_quotations(essay(described), context)
    assert tied.severity == "warning" and tied.message.startswith("Paraphrase presented as a quotation")
