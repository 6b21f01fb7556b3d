"""FRUS TEI volumes become one Document per document: zero-width page breaks, footnotes apart."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from fontes.corpus.document import Document
from fontes.corpus.frus_tei import read_frus_tei
from fontes.dates import parse_date
from fontes.errors import CorpusError

FIXTURES = Path(__file__).parent / "fixtures" / "tei"
SAMPLE = FIXTURES / "frus1951v99-sample.xml"
KOREA_1949 = (
    Path(__file__).parent.parent.parent / "shared" / "corpus" / "frus-tei" / "frus1949v07p2-korea.xml"
)
needs_shared_tei = pytest.mark.skipif(
    not KOREA_1949.exists(),
    reason="../shared/corpus/frus-tei is not beside the project; CI always has it",
)


def read(path: Path) -> dict[str, Document | CorpusError]:
    """Everything a volume yields, keyed by document id (or by the error's place)."""
    out: dict[str, Document | CorpusError] = {}
    for item in read_frus_tei(path):
        out[item.id if isinstance(item, Document) else item.file] = item
    return out


@pytest.fixture(scope="module")
def sample() -> dict[str, Document]:
    return read(SAMPLE)


def test_each_document_div_becomes_a_source_named_after_volume_and_number(sample):
    assert list(sample) == ["frus1951v99-d1", "frus1951v99-d2", "frus1951v99-d3"]
    d1 = sample["frus1951v99-d1"].source
    assert d1.title == "The Ambassador in Korea (Muccio) to the Secretary of State"
    assert d1.archive == "FRUS"
    assert d1.archive_ref == "frus1951v99/d1; 795.00/3–251: Telegram"
    assert d1.url == "https://history.state.gov/historicaldocuments/frus1951v99/d1"
    assert d1.date == "1951-03-02"
    assert d1.doc_type == "telegram"
    assert sample["frus1951v99-d1"].place == "Seoul"
    assert sample["frus1951v99-d1"].text_complete is True
    assert sample["frus1951v99-d1"].origin.endswith("frus1951v99-sample.xml#d1")


def test_a_page_break_inside_a_word_adds_nothing_and_is_recorded_where_the_page_starts(sample):
    doc = sample["frus1951v99-d1"]
    assert "the Korean divisions" in doc.text
    page_12 = next(p for p in doc.pages if p.page == "12")
    assert doc.text[page_12.offset :].startswith("rean divisions")


def test_a_page_break_between_words_keeps_one_space(sample):
    doc = sample["frus1951v99-d1"]
    assert "first page of text and the next page begins" in doc.text
    page_13 = next(p for p in doc.pages if p.page == "13")
    assert doc.text[page_13.offset :].startswith("and the next page")


def test_a_document_starts_on_the_page_of_the_last_break_before_it(sample):
    assert sample["frus1951v99-d1"].pages[0].model_dump() == {"offset": 0, "page": "11"}
    assert sample["frus1951v99-d2"].pages[0].model_dump() == {"offset": 0, "page": "14"}


def test_footnotes_leave_the_body_and_are_kept_numbered_in_notes(sample):
    doc = sample["frus1951v99-d1"]
    assert "must never contain" not in doc.text
    assert "positions. Supplies arrived" in doc.text  # the note left no gap behind
    assert doc.notes.split("\n\n") == [
        "[1] Repeated to Tokyo for information.",
        "[2] A footnote that the body must never contain.",
    ]


def test_the_source_note_goes_to_the_archive_reference_not_the_text_or_notes(sample):
    doc = sample["frus1951v99-d1"]
    assert "795.00" not in doc.text and "795.00" not in doc.notes


def test_paragraphs_are_separated_by_blank_lines_and_whitespace_is_normalised(sample):
    assert sample["frus1951v99-d1"].text.split("\n\n")[:3] == [
        "secret",
        "Seoul, March 2, 1951—6 p. m.",
        (
            "312. The KMAG advisers report that the Korean divisions north of the river held their "
            "positions. Supplies arrived on time."
        ),
    ]


def test_sender_and_recipient_resolve_through_the_persons_list(sample):
    d1 = sample["frus1951v99-d1"].source
    assert d1.authors == ["Muccio, John J."]  # persName corresp="#p_MJJ1"
    assert d1.recipients == ["Secretary of State"]  # gloss type="to": its text
    d3 = sample["frus1951v99-d3"].source
    assert d3.authors == ["Secretary of State"] and d3.recipients == []


def test_an_editorial_note_has_its_type_and_date_range(sample):
    source = sample["frus1951v99-d2"].source
    assert source.title == "Editorial Note"
    assert source.doc_type == "editorial note"
    assert source.date == "1951-03-05/1951-03-09"
    assert sample["frus1951v99-d2"].notes == "[1] See Document 1."


def test_without_frus_dates_the_dateline_date_is_used(sample):
    assert sample["frus1951v99-d3"].source.date == "1951-03-10"
    assert sample["frus1951v99-d3"].place == "Washington"


def test_list_labels_open_their_items(sample):
    assert "(a) Hold the line;\n\n(b) report daily." in sample["frus1951v99-d3"].text


def test_xinclude_is_never_followed(sample):
    # d2 includes the volume itself as text; followed, it would hold the whole file
    assert sample["frus1951v99-d2"].text == (
        "Between March 5 and March 9 the Department reviewed the reports from Seoul.\n\n"
        "No record of a reply has been found."
    )


def test_a_document_without_head_is_reported_and_the_others_go_on():
    found = read(FIXTURES / "no-head.xml")
    assert "frus1951v98-d1" in found
    error = found[f"{FIXTURES / 'no-head.xml'}#d2"]
    assert isinstance(error, CorpusError)
    assert error.field == "head"
    assert str(error).startswith(f"{FIXTURES / 'no-head.xml'}#d2: head: document has no head")


def test_a_truncated_file_raises_after_the_documents_before_the_break():
    read_so_far = []
    with pytest.raises(CorpusError) as raised:
        for item in read_frus_tei(FIXTURES / "truncated.xml"):
            read_so_far.append(item.id)
    assert read_so_far == ["frus1951v99-d1"]  # the caller stores none of them: it got an error
    assert raised.value.file == str(FIXTURES / "truncated.xml")
    assert raised.value.line == 77
    assert "not well-formed" in str(raised.value)


def test_an_entity_bomb_is_refused_before_anything_expands():
    with pytest.raises(CorpusError, match="declares entities") as raised:
        list(read_frus_tei(FIXTURES / "entity-bomb.xml"))
    assert raised.value.line == 2  # the DOCTYPE's line


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE TEI [<!ENTITY a "x">]>',
        '<!DOCTYPE TEI SYSTEM "file:///etc/passwd">',
        '<!-- a comment <b> --><!DOCTYPE TEI PUBLIC "-//x//y" "http://example.org/tei.dtd">',
    ],
)
def test_entity_declarations_are_refused_by_the_reader_itself(tmp_path, doctype):
    """Refused from the bytes, whatever limits the installed libxml2 has of its own."""
    volume = tmp_path / "v.xml"
    volume.write_text(
        f'<?xml version="1.0"?>\n{doctype}\n' + SAMPLE.read_text(encoding="utf-8").split("?>", 1)[1],
        encoding="utf-8",
    )
    with pytest.raises(CorpusError, match="declares entities"):
        list(read_frus_tei(volume))


def test_entity_declarations_after_a_long_comment_are_refused_on_their_line(tmp_path):
    """A comment longer than the reader's first look at the file, with what looks like the
    root element inside it, does not hide the DOCTYPE after it."""
    comment = "<!-- <TEI> " + "a long comment " * 2000 + "-->"
    volume = tmp_path / "v.xml"
    volume.write_text(
        f'<?xml version="1.0"?>\n{comment}\n<!DOCTYPE TEI [<!ENTITY a "x">]>\n'
        + SAMPLE.read_text(encoding="utf-8").split("?>", 1)[1],
        encoding="utf-8",
    )
    with pytest.raises(CorpusError, match="declares entities") as raised:
        list(read_frus_tei(volume))
    assert raised.value.line == 3


def test_a_plain_doctype_without_entities_is_read(tmp_path):
    volume = tmp_path / "v.xml"
    volume.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE TEI>\n' + SAMPLE.read_text(encoding="utf-8").split("?>", 1)[1],
        encoding="utf-8",
    )
    assert next(read_frus_tei(volume)).id.endswith("-d1")


@pytest.mark.parametrize(
    "name, message",
    [
        ("declared-latin1-is-utf8.xml", "declares encoding ISO-8859-1 but its bytes are UTF-8"),
        ("declared-utf8-is-latin1.xml", "not well-formed XML: Invalid bytes in character encoding"),
    ],
)
def test_a_wrong_encoding_declaration_is_refused(name, message):
    with pytest.raises(CorpusError, match=message) as raised:
        list(read_frus_tei(FIXTURES / name))
    assert raised.value.file == str(FIXTURES / name)


def test_a_file_that_is_not_tei_is_refused(tmp_path):
    other = tmp_path / "other.xml"
    other.write_text('<?xml version="1.0"?><html><body><div type="document"/></body></html>')
    with pytest.raises(CorpusError, match="not a TEI file"):
        list(read_frus_tei(other))


def test_a_volume_without_xml_id_is_named_by_its_frus_idno(tmp_path):
    copy = tmp_path / "renamed.xml"
    copy.write_text(
        SAMPLE.read_text(encoding="utf-8").replace(' xml:id="frus1951v99">', ">", 1), encoding="utf-8"
    )
    assert next(read_frus_tei(copy)).id == "frus1951v99-d1"


def test_a_repeated_document_id_makes_the_file_fail(tmp_path):
    copy = tmp_path / "twice.xml"
    copy.write_text(
        SAMPLE.read_text(encoding="utf-8").replace('xml:id="d3"', 'xml:id="d1"'), encoding="utf-8"
    )
    with pytest.raises(CorpusError, match="ID d1 already defined") as raised:
        list(read_frus_tei(copy))
    assert raised.value.line == 80 and "unique" in raised.value.hint


@needs_shared_tei
def test_the_korea_chapter_of_frus_1949_comes_out_whole():
    items = list(read_frus_tei(KOREA_1949))
    assert all(isinstance(item, Document) for item in items), [
        str(i) for i in items if isinstance(i, CorpusError)
    ]
    assert [d.id for d in items] == [f"frus1949v07p2-d{n}" for n in range(189, 307)]

    historical = [d for d in items if d.source.doc_type != "editorial note"]
    assert len(historical) == 108
    earliest = min(parse_date(d.source.date).earliest for d in historical)
    latest = max(parse_date(d.source.date).latest for d in historical)
    assert (earliest, latest) == (dt.date(1949, 1, 5), dt.date(1949, 12, 30))

    for doc in items:
        offsets = [p.offset for p in doc.pages]
        assert offsets == sorted(set(offsets)), doc.id  # increasing
        assert all(0 <= o < len(doc.text) for o in offsets), doc.id
        for note in filter(None, doc.notes.split("\n\n")):
            footnote = re.sub(r"^\[[^\]]*\] ", "", note)
            if len(footnote) > 40:  # short ones ("Not printed.") may recur in any text
                assert footnote not in doc.text, (doc.id, footnote)

    pages = [p.page for d in items for p in d.pages]
    assert set(pages) == {str(n) for n in range(940, 1115)}
    d190 = next(d for d in items if d.id == "frus1949v07p2-d190")
    assert "the consequent full recognition of his Government" in d190.text
    assert "Robert A. Lovett" not in d190.text and "[1] Robert A. Lovett" in d190.notes
    assert d190.source.archive_ref == "frus1949v07p2/d190; 501.BB Korea/1–549"
