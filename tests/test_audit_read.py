"""Reading an essay: paragraphs, headings, sentences, citation markers, quotations, references."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import ESSAY
from hypothesis import given, settings
from hypothesis import strategies as st

from fontes.audit.reading.read import essay_from_text, read_essay, words_of
from fontes.audit.reading.references import split_entry
from fontes.errors import AuditError

ESSAYS = Path(__file__).parent / "fixtures" / "essays"
needs_seed = pytest.mark.skipif(not ESSAY.exists(), reason="../shared/seeds is not beside the project")


def body(essay):
    return [p for p in essay.paragraphs if not p.heading]


def all_markers(essay):
    return [m for _, s in essay.sentences() for m in s.markers]


def all_quotations(essay):
    return [q for _, s in essay.sentences() for q in s.quotations]


# --- paragraphs and headings -----------------------------------------------------------------


def test_markdown_title_numbered_headings_and_the_reference_heading():
    essay = read_essay(ESSAYS / "tricky-markers.md")
    assert essay.title == "Who Armed the North?"
    assert [p.text for p in essay.paragraphs if p.heading] == [
        "Who Armed the North?",
        "1. Introduction",
        "2. References",
    ]
    assert [p.index for p in essay.paragraphs] == list(range(len(essay.paragraphs)))


def test_lines_wrapped_inside_a_paragraph_make_one_paragraph():
    essay = essay_from_text("Title\n\nThe first line\nand the second line.\n\nAnother paragraph.\n")
    assert [p.text for p in body(essay)] == ["The first line and the second line.", "Another paragraph."]


def test_a_paragraph_cut_by_a_page_break_is_put_back_together():
    lower = essay_from_text("Essay\n\nHowever, the party may use\n\nthe pressure to grow [3].\n")
    assert [p.text for p in body(lower)] == ["However, the party may use the pressure to grow [3]."]
    after_of = essay_from_text("Essay\n\nThey entered the mountain area of\n\nKangwon Province in March.\n")
    assert len(body(after_of)) == 1
    assert (
        body(after_of)[0].sentences[0].text == "They entered the mountain area of Kangwon Province in March."
    )


def test_paragraphs_that_end_a_sentence_or_meet_a_heading_stay_apart():
    essay = essay_from_text(
        "Essay\n\nIt ended there.\n\nthe next starts low.\n\nNo full stop here\n\n"
        "2. The Next Section\n\nText.\n"
    )
    assert [p.text for p in essay.paragraphs] == [
        "Essay",
        "It ended there.",
        "the next starts low.",
        "No full stop here",
        "2. The Next Section",
        "Text.",
    ]


def test_the_seed_essays_page_breaks_are_rejoined():
    if not ESSAY.exists():
        pytest.skip("../shared/seeds is not beside the project")
    essay = read_essay(ESSAY)
    texts = [p.text for p in essay.paragraphs]
    assert any("the CCP may use the intense external pressure" in t for t in texts)
    assert any("Odae Mountain area of Kangwon Province" in t for t in texts)


# --- sentences ---------------------------------------------------------------------------------


def test_abbreviations_and_initials_do_not_end_a_sentence():
    sentences = [s.text for _, s in read_essay(ESSAYS / "tricky-markers.md").sentences()]
    assert sentences == [
        "Stalin approved the plan in April 1950 [1, 3].",
        "Mao was told in May [2–4][5], and the U.S. Embassy learned of it later [2-3].",
        "The ambassador wrote that “the [Soviet] adviser, Comrade [N.V.] Vasiliev, drew up the [1950] plan” [6].",
        (
            "K.M. Panikkar saw Zhou Enlai on 3 October, as Gen. Marshall knew (see pp. 73-83 and No. 5 of the "
            "series) [1]."
        ),
        "Dr. Kim's own count is lost [9].",
    ]


def test_an_initial_or_acronym_before_a_new_sentence_ends_it():
    essay = essay_from_text("Essay\n\nThe aid came from the U.S. The Soviets sent more. Plan B. It failed.\n")
    assert [s.text for _, s in essay.sentences()] == [
        "The aid came from the U.S.",
        "The Soviets sent more.",
        "Plan B.",
        "It failed.",
    ]


def test_a_quotation_is_never_cut_into_sentences_and_its_marker_stays_with_it():
    essay = essay_from_text("Essay\n\n“Are there troops? What will they do?” [8] The reply came later.\n")
    assert [(s.text, [m.text for m in s.markers]) for _, s in essay.sentences()] == [
        ("“Are there troops? What will they do?” [8]", ["[8]"]),
        ("The reply came later.", []),
    ]


# --- markers -----------------------------------------------------------------------------------


def test_several_markers_in_one_sentence_ranges_and_adjacent_markers():
    essay = read_essay(ESSAYS / "tricky-markers.md")
    sentences = [s for _, s in essay.sentences()]
    assert [m.numbers for m in sentences[0].markers] == [[1, 3]]
    assert [(m.text, m.numbers) for m in sentences[1].markers] == [
        ("[2–4]", [2, 3, 4]),
        ("[5]", [5]),
        ("[2-3]", [2, 3]),
    ]


def test_ieee_marker_ranges_and_markers_with_a_page():
    essay = read_essay(ESSAYS / "ieee.md")
    assert [(m.text, m.numbers) for m in all_markers(essay)][2:5] == [
        ("[3]", [3]),
        ("[4]–[6]", [4, 5, 6]),
        ("[7, p. 45]", [7]),
    ]


def test_bracketed_words_and_years_inside_a_quotation_are_not_markers():
    essay = read_essay(ESSAYS / "tricky-markers.md")
    quoting = [s for _, s in essay.sentences()][2]
    assert [m.text for m in quoting.markers] == ["[6]"]
    assert (
        quoting.quotations[0].text == "the [Soviet] adviser, Comrade [N.V.] Vasiliev, drew up the [1950] plan"
    )


def test_marker_offsets_point_at_the_marker():
    essay = read_essay(ESSAYS / "tricky-markers.md")
    for marker in all_markers(essay):
        assert essay.text[marker.start : marker.end] == marker.text


def test_markdown_footnote_markers_are_numbered_by_their_labels():
    essay = read_essay(ESSAYS / "footnotes.md")
    assert [[m.text for m in s.markers] for _, s in essay.sentences()] == [
        ["[^1]"],
        ["[^2]", "[^2]", "[^3]"],
        ["[^note]"],
    ]
    assert all_markers(essay)[-1].numbers == [4]  # a named note follows the numbered ones
    assert [r.number for r in essay.references] == [1, 2, 3, 4]


# --- quotations --------------------------------------------------------------------------------


def test_straight_and_curly_quotes_and_a_quotation_inside_a_quotation():
    essay = read_essay(ESSAYS / "quotations.txt")
    first = body(essay)[0].sentences[0]
    assert [q.text for q in first.quotations] == [
        "the North must be freed",
        "we will ‘march north’ when ready",
    ]


def test_block_quotes_markdown_and_indented():
    essay = read_essay(ESSAYS / "quotations.txt")
    blocks = [q for q in all_quotations(essay) if q.block]
    assert [q.text for q in blocks] == [
        "We ask for your consent to begin the operation. The army is ready and the people await it.",
        (
            "The Politburo held that an attack was not prepared and could turn into a drawn-out war that the "
            "North could not win."
        ),
    ]
    cable = next(s for _, s in essay.sentences() if s.quotations and s.quotations[0].block)
    assert [m.numbers for m in cable.markers] == [[2]]


def test_a_quotation_across_a_page_break_is_one_quotation():
    essay = read_essay(ESSAYS / "quotations.txt")
    assert "entered the mountain area of Kangwon Province in March. Soldiers dispersed them" in [
        q.text for q in all_quotations(essay)
    ]


def test_a_marker_just_inside_the_closing_quote_cites_and_leaves_the_quotation():
    essay = read_essay(ESSAYS / "quotations.txt")
    last = body(essay)[-1].sentences[0]
    assert [m.numbers for m in last.markers] == [[4]]
    assert [q.text for q in last.quotations] == ["from the Aleutians to the Ryukyus."]


def test_unbalanced_quotes_record_nothing_and_do_not_crash():
    essay = read_essay(ESSAYS / "unbalanced.txt")
    assert [q.text for q in all_quotations(essay)] == ["a real quotation"]
    assert [s.text for s in body(essay)[0].sentences] == [
        "Kim said “the army is ready and the people want it.",
        "Stalin answered that patience was needed [1].",
    ]


def test_a_quotation_running_over_paragraphs_closes_at_each_paragraph_end():
    essay = essay_from_text(
        "Essay\n\nHe wrote: “The first part goes on.\n\n“The second part ends here.” [2]\n"
    )
    assert [q.text for q in all_quotations(essay)] == [
        "The first part goes on.",
        "The second part ends here.",
    ]


def test_texts_are_the_words_of_their_spans():
    for path in ESSAYS.iterdir():
        essay = read_essay(path)
        for paragraph in essay.paragraphs:
            assert words_of(essay.text[paragraph.start : paragraph.end]).strip("#*_ ") == paragraph.text
            for sentence in paragraph.sentences:
                assert words_of(essay.text[sentence.start : sentence.end]) == sentence.text
                for quotation in sentence.quotations:
                    assert words_of(essay.text[quotation.start : quotation.end]) == quotation.text


# --- the reference list ------------------------------------------------------------------------


def test_numbered_entries_split_into_their_parts():
    essay = read_essay(ESSAYS / "tricky-markers.md")
    first, telegram, partners, road = essay.references[:4]
    assert (first.number, first.authors, first.year, first.title, first.pages) == (
        1,
        ["Weathersby, Kathryn"],
        1993,
        "Soviet Aims in Korea and the Origins of the Korean War",
        "10-25",
    )
    assert (telegram.authors, telegram.year, telegram.title, telegram.publisher, telegram.date) == (
        [],
        1950,
        "Ciphered Telegram, Shtykov to Vyshinsky",
        "Wilson Center Digital Archive",
        "January 19",
    )
    assert partners.authors == ["Goncharov, Sergei", "Lewis, John", "Xue Litai"]
    assert (road.title, road.publisher, road.pages) == (
        "China's Road to the Korean War",
        "Columbia University Press",
        "85",
    )
    assert essay.references[6].url.startswith("https://www.wilsoncenter.org/")


def test_an_entry_whose_author_field_holds_a_newspaper_and_a_date_besides_the_year():
    parts = split_entry("AP, Cumings, Bruce. (1948) *The Origins of the Korean War*, March 3 and 9, 12.")
    assert parts["authors"] == ["AP", "Cumings, Bruce"]
    assert (parts["year"], parts["title"], parts["date"], parts["pages"]) == (
        1948,
        "The Origins of the Korean War",
        "March 3 and 9",
        "12",
    )


def test_an_entry_without_italics_takes_its_title_from_before_the_year():
    parts = split_entry(
        "Truman's 'Police Action' Remark (1950) Example History, <https://example.org/truman>."
    )
    assert (parts["title"], parts["year"], parts["publisher"], parts["url"]) == (
        "Truman's 'Police Action' Remark",
        1950,
        "Example History",
        "https://example.org/truman",
    )


def test_an_archive_document_with_its_year_in_the_title_and_a_month_alone():
    parts = split_entry(
        "*Cable from Roshchin to Filippov (1950)* Example Digital Archive, Presidential "
        "Archive. Given by the archive in Moscow, May."
    )
    assert (parts["title"], parts["year"], parts["date"]) == ("Cable from Roshchin to Filippov", 1950, "May")
    assert parts["publisher"] == "Example Digital Archive, Presidential Archive"


def test_a_reference_list_in_author_date_style_without_numbers():
    essay = read_essay(ESSAYS / "author-date.md")
    assert all_markers(essay) == []
    assert [(r.number, r.authors[0], r.year) for r in essay.references] == [
        (None, "Goncharov, Sergei N.", 1993),
        (None, "Stueck, William", 1995),
        (None, "Weathersby, Kathryn", 1993),
    ]
    assert essay.references[1].publisher == "Princeton University Press"
    assert essay.references[2].title.startswith("Soviet Aims in Korea")


def test_harvard_titles_in_single_quotes_and_place_publisher_imprints():
    weathersby = read_essay(ESSAYS / "harvard.txt").references[2]
    assert (weathersby.title, weathersby.year, weathersby.pages) == (
        "To attack, or not to attack? Stalin, Kim Il Sung, and the prelude to war",
        1995,
        "1-9",
    )
    appleman = read_essay(ESSAYS / "ieee.md").reference(3)
    assert (appleman.authors, appleman.publisher) == (
        ["R. E. Appleman"],
        "Office of the Chief of Military History",
    )


def test_footnote_definitions_are_the_reference_entries():
    essay = read_essay(ESSAYS / "footnotes.md")
    panikkar = essay.reference(2)
    assert (panikkar.authors, panikkar.title, panikkar.publisher, panikkar.year, panikkar.pages) == (
        ["K.M. Panikkar"],
        "In Two Chinas: Memoirs of a Diplomat",
        "Allen and Unwin",
        1955,
        "110",
    )
    assert not any(p.text.startswith("[^") for p in essay.paragraphs)


def test_no_reference_list():
    essay = read_essay(ESSAYS / "no-references.txt")
    assert essay.references == []
    assert [m.numbers for m in all_markers(essay)] == [[1], [2, 3]]


def test_an_empty_file_gives_an_essay_with_nothing_in_it():
    essay = read_essay(ESSAYS / "empty.txt")
    assert (essay.text, essay.title, essay.paragraphs, essay.references) == ("", "", [], [])


# --- files that cannot be read, and encodings --------------------------------------------------


@pytest.mark.parametrize(
    "name, data, says",
    [
        ("essay.docx", b"not a zip at all", "not a .docx"),
        ("essay.txt", b"caf\x81\x8d\x90", "neither UTF-8 nor cp1252"),
        ("essay.txt", b"text\x00with NUL", "NUL"),
        ("essay.txt", b"%PDF-1.4 ...", "PDF"),
    ],
)
def test_unreadable_files_raise_an_audit_error_with_a_hint(tmp_path, name, data, says):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(AuditError) as raised:
        read_essay(path)
    assert says in raised.value.message
    assert raised.value.file == str(path) and raised.value.hint


def test_a_missing_file_or_a_folder_raises_an_audit_error(tmp_path):
    with pytest.raises(AuditError, match="no such file"):
        read_essay(tmp_path / "missing.md")
    with pytest.raises(AuditError, match="folder"):
        read_essay(tmp_path)


def test_a_zip_that_is_not_a_word_document(tmp_path):
    path = tmp_path / "essay.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(AuditError, match="word/document.xml"):
        read_essay(path)


def test_cp1252_bom_and_windows_line_ends_are_read(tmp_path):
    cp1252 = tmp_path / "cp1252.txt"
    cp1252.write_bytes(b"Essay\r\n\r\nStalin\x92s reply came [1].\r\n")
    essay = read_essay(cp1252)
    assert body(essay)[0].text == "Stalin’s reply came [1]."
    bom = tmp_path / "bom.md"
    bom.write_bytes("\ufeff# Title\n\nText.\n".encode("utf-8"))
    assert read_essay(bom).title == "Title"


# --- .docx -------------------------------------------------------------------------------------

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx(path: Path, body_xml: str, **parts: str) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", f"<w:document {W_NS}><w:body>{body_xml}</w:body></w:document>")
        for name, xml in parts.items():
            archive.writestr(f"word/{name}.xml", xml)
    return path


def _p(text: str, style: str = "", extra: str = "") -> str:
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f'<w:p>{props}<w:r><w:t xml:space="preserve">{text}</w:t></w:r>{extra}</w:p>'


def test_a_docx_with_headings_a_page_break_a_quote_style_and_a_numbered_list(tmp_path):
    numbering = (
        f'<w:numbering {W_NS}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0">'
        '<w:numFmt w:val="decimal"/><w:lvlText w:val="[%1]"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    )
    item = (
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
        '<w:r><w:t xml:space="preserve">Panikkar, K.M. (1955) </w:t></w:r>'
        "<w:r><w:rPr><w:i/></w:rPr><w:t>In Two Chinas</w:t></w:r>"
        "<w:r><w:t>, Allen and Unwin, pp.108-111.</w:t></w:r></w:p>"
    )
    broken = (
        '<w:p><w:r><w:t xml:space="preserve">Zhou warned Panikkar that China would </w:t></w:r>'
        '<w:r><w:br w:type="page"/></w:r><w:r><w:t>act if the parallel were crossed [1].</w:t></w:r></w:p>'
    )
    path = _docx(
        tmp_path / "essay.docx",
        _p("The Parallel", "Title")
        + _p("1. Introduction", "Heading1")
        + broken
        + _p("“We cannot stand idly by.” [1]", "Quote")
        + _p("References", "Heading1")
        + item,
        numbering=numbering,
    )
    essay = read_essay(path)
    assert essay.title == "The Parallel"
    assert [p.text for p in essay.paragraphs if p.heading] == [
        "The Parallel",
        "1. Introduction",
        "References",
    ]
    assert (
        body(essay)[0].sentences[0].text
        == "Zhou warned Panikkar that China would act if the parallel were crossed [1]."
    )
    assert [q.text for q in all_quotations(essay) if q.block] == ["We cannot stand idly by."]
    [entry] = essay.references
    assert (entry.number, entry.authors, entry.year, entry.title, entry.pages) == (
        1,
        ["Panikkar, K.M."],
        1955,
        "In Two Chinas",
        "108-111",
    )


def test_docx_footnotes_become_markers_and_entries(tmp_path):
    footnotes = (
        f'<w:footnotes {W_NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/>'
        '</w:r></w:p></w:footnote><w:footnote w:id="5"><w:p><w:r><w:t xml:space="preserve">Acheson, Dean. '
        "(1969) </w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>Present at the Creation</w:t></w:r><w:r>"
        "<w:t>, Norton, 357.</w:t></w:r></w:p></w:footnote></w:footnotes>"
    )
    path = _docx(
        tmp_path / "notes.docx",
        _p("Acheson drew the perimeter in January.", extra='<w:r><w:footnoteReference w:id="5"/></w:r>'),
        footnotes=footnotes,
    )
    essay = read_essay(path)
    assert [m.text for m in all_markers(essay)] == ["[^1]"]
    [entry] = essay.references
    assert (entry.number, entry.authors, entry.title, entry.year, entry.pages) == (
        1,
        ["Acheson, Dean"],
        "Present at the Creation",
        1969,
        "357",
    )


# --- the seed essay ----------------------------------------------------------------------------


@needs_seed
def test_the_seed_essays_structure():
    essay = read_essay(ESSAY)
    assert essay.title == "The Origins and the Escalation of the Korean War in 1950"
    assert (len(essay.paragraphs), sum(p.heading for p in essay.paragraphs)) == (25, 7)
    assert sum(len(p.sentences) for p in essay.paragraphs) == 115
    cited = [m.numbers for m in all_markers(essay)]
    assert cited == [
        [1],
        [2],
        [3],
        [4],
        [5],
        [6],
        [7],
        [8],
        [9],
        [10],
        [11],
        [12],
        [13],
        [14],
        [15],
        [15],
        [2],
        [2],
        [15],
    ]
    assert len(all_quotations(essay)) == 7 and not any(q.block for q in all_quotations(essay))
    assert [r.number for r in essay.references] == list(range(1, 16))


@needs_seed
def test_the_seed_essays_bracketed_insertions_stay_inside_the_quotation():
    essay = read_essay(ESSAY)
    sentence = next(s for _, s in essay.sentences() if "Comrade [N.V.] Roshchin" in s.text)
    assert [m.text for m in sentence.markers] == ["[13]"]
    assert "[Soviet] Ambassador [to China]" in sentence.quotations[0].text


@needs_seed
def test_the_seed_essays_reference_entries():
    refs = {r.number: r for r in read_essay(ESSAY).references}
    assert (refs[1].authors, refs[1].year, refs[1].pages) == (["Stueck William"], 1993, "73-83")
    assert (refs[6].authors, refs[6].year, refs[6].date, refs[6].pages) == (
        ["NYT", "Stueck, William"],
        1947,
        "January 24 and 29",
        "70",
    )
    assert refs[6].title.lower() == refs[1].title.lower()
    assert (refs[5].year, refs[5].date, refs[5].authors) == (1949, "March 5", [])
    assert refs[10].url == "https://alphahistory.com/" and refs[10].publisher == "Alpha History"
    assert refs[11].date == "June"
    assert (refs[13].authors, refs[13].pages) == (["FRUS"], "573, 648")
    assert refs[14].year is None
    assert (refs[15].authors, refs[15].year, refs[15].pages) == (["Jun, Niu"], 1991, "93-115")


def test_the_reference_list_ends_at_the_next_section():
    essay = essay_from_text(
        "Essay\n\nText [1].\n\n6. References\n\n[1] Kim, Ann. (1990) *Title*, Press.\n\n"
        "7. Maps of the Front\n\nThe maps follow.\n"
    )
    assert [p.text for p in essay.paragraphs][-2:] == ["7. Maps of the Front", "The maps follow."]
    assert [r.title for r in essay.references] == ["Title"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "a",
                "B",
                ".",
                " ",
                "\n",
                "\n\n",
                "“",
                "”",
                '"',
                "‘",
                "’",
                "[",
                "]",
                "^",
                ":",
                "1",
                "–",
                "#",
                ">",
                "*",
                "[1]",
                "[^1]",
                "[2–3]",
                "References\n\n",
                "\n\n[1] X, Y. (1950) *T*, P.\n",
                "U.S. ",
                "pp.",
                "    ",
            ]
        ),
        max_size=60,
    ).map("".join)
)
def test_any_text_reads_without_crashing_and_every_offset_holds(text):
    essay = essay_from_text(text)
    for paragraph in essay.paragraphs:
        for sentence in paragraph.sentences:
            assert words_of(text[sentence.start : sentence.end]) == sentence.text
            assert all(text[m.start : m.end] == m.text for m in sentence.markers)
