"""Wilson Center Digital Archive document pages become Documents; every field but text is optional."""

from __future__ import annotations

from pathlib import Path

import pytest

from fontes.corpus.document import Document
from fontes.corpus.wcda_html import read_wcda_html
from fontes.errors import CorpusError

FIXTURES = Path(__file__).parent / "fixtures" / "wcda"


def read_one_path(path: Path) -> Document:
    (document,) = read_wcda_html(path)
    return document


def read_one(name: str) -> Document:
    return read_one_path(FIXTURES / name)


@pytest.fixture(scope="module")
def telegram() -> Document:
    return read_one("document-114999.html")


def test_a_full_page_gives_title_date_and_record_id(telegram):
    source = telegram.source
    assert source.id == "wcda-114999"
    assert source.url == "https://digitalarchive.wilsoncenter.org/document/114999"
    assert source.title == "Ciphered Telegram No. 4401, Shtykov to Vyshinsky"
    assert source.date == "1951-03-03"
    assert source.archive == "Wilson Center Digital Archive"
    assert source.doc_type == "telegram"
    assert source.authors == ["Shtykov, Terentii Fomich"]
    assert telegram.origin == str(FIXTURES / "document-114999.html")


def test_the_text_is_the_active_pane_in_paragraphs(telegram):
    assert telegram.text.split("\n\n") == [
        "CIPHERED TELEGRAM",
        "Top Secret\nCopying forbidden",
        (
            "On 2 March Kim Il Sung received me and asked that the ammunition for the spring be "
            "sent before the thaw."
        ),
        "I answered that I would report his request.",
        "SHTYKOV",
    ]
    assert "ШИФРТЕЛЕГРАММА" not in telegram.text  # the other pane, not shown
    assert "Skip to content" not in telegram.text and "dataLayer" not in telegram.text


def test_the_archive_summary_is_kept_apart_from_the_text(telegram):
    assert telegram.summary == (
        "Shtykov reports a conversation with Kim Il Sung about the spring supply of ammunition."
    )
    assert "spring supply" not in telegram.text


def test_the_archival_signature_is_the_reference_and_the_translator_a_language_note(telegram):
    assert telegram.source.archive_ref == "APRF, Fond 45, Opis 1, Delo 999, Listy 1-2"
    assert telegram.source.language_note == (
        "Original Language: Russian; Contents: English Translation; "
        "also on the page: Russian Transcription. Translated by A. N. Example."
    )
    assert telegram.source.note == "Original classification: Top Secret"


def test_a_slug_address_names_the_document_and_the_record_id_is_a_second_address():
    letter = read_one("letter-slug.html")
    assert letter.source.id == "wcda-letter-feng-xi-kim-il-sung-example"
    assert letter.source.url.endswith("/document/letter-feng-xi-kim-il-sung-example")
    assert letter.mirror_urls == ["https://digitalarchive.wilsoncenter.org/document/118000"]
    assert letter.source.date == "1951-04"  # a month only
    assert letter.source.title == "Letter, Feng Xi [Stalin] to Kim Il Sung"
    assert letter.source.doc_type == "letter"
    # the citation is shown without a label; the rights statement is not a citation
    assert letter.source.archive_ref == "AVPRF, Fond 059a, Opis 5a, Delo 9, Papka 11, List 10"


def test_a_page_with_only_a_record_id_gets_the_archive_address():
    cable = read_one("record-id-only.html")
    assert cable.source.id == "wcda-117001"
    assert cable.source.url == "https://digitalarchive.wilsoncenter.org/document/117001"
    assert cable.source.date is None and cable.summary == "" and cable.source.archive_ref == ""
    assert cable.text == "Comrade Gao Gang: the plan stands. Zhou Enlai"


def test_a_page_without_a_document_text_is_refused():
    with pytest.raises(CorpusError, match="no document text found") as raised:
        read_one("not-a-document.html")
    assert raised.value.file == str(FIXTURES / "not-a-document.html")


def test_a_page_without_address_or_record_id_is_refused(tmp_path):
    page = tmp_path / "anonymous.html"
    page.write_text(
        '<html><body><h1 class="title">A cable</h1>'
        '<div class="tab-pane active"><p>Text.</p></div></body></html>'
    )
    with pytest.raises(CorpusError, match="neither its address") as raised:
        read_one_path(page)
    assert raised.value.field == "id"


def test_a_page_saved_by_a_browser_is_named_by_its_saved_from_address(tmp_path):
    page = tmp_path / "saved.html"
    page.write_text(
        "<!-- saved from url=(0052)https://digitalarchive.wilsoncenter.org/document/1 -->"
        '<html><body><div class="tab-pane"><p>Text.</p></div></body></html>'
    )
    assert read_one_path(page).source.id == "wcda-1"


@pytest.mark.parametrize(
    "shown, date",
    [
        ("October 12, 1950", "1950-10-12"),
        ("12 October 1950", "1950-10-12"),
        ("1950", "1950"),
        ("February 30, 1950", None),
        ("Autumn 1950", None),
    ],
)
def test_dates_are_read_as_the_page_writes_them(tmp_path, shown, date):
    page = tmp_path / "dated.html"
    page.write_text(
        f'<html><head><link rel="canonical" href="/document/7"></head><body>'
        f'<p class="date">{shown}</p><div class="tab-pane"><p>Text.</p></div>'
        f"</body></html>"
    )
    document = read_one_path(page)
    assert document.source.date == date
    assert document.source.url == "https://digitalarchive.wilsoncenter.org/document/7"


def test_a_page_without_charset_in_windows_1252_is_still_read(tmp_path):
    page = tmp_path / "old.html"
    page.write_bytes(
        '<html><head><link rel="canonical" href="/document/8"></head><body>'
        '<div class="tab-pane"><p>Charg\u00e9 d\u2019affaires</p></div></body></html>'.encode("cp1252")
    )
    assert read_one_path(page).text == "Charg\u00e9 d\u2019affaires"
