"""What the store knows of each copy: whether it is whole, its language, and search in that language."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest
from conftest import KOREA_ADDITIONS, needs_shared

from fontes.corpus import Document, Store
from fontes.corpus.frus_tei import read_frus_tei
from fontes.corpus.jsonl import read_jsonl
from fontes.corpus.languages import native_terms, text_language
from fontes.corpus.store import SCHEMA_VERSION
from fontes.model import Source

CHINESE = "我们认为应当派遣部队入朝作战，此事对各方都有利。"
RUSSIAN = "Правительство считает необходимым немедленно созвать совещание министров."


def doc(id: str, text: str, **fields) -> Document:
    return Document(source=Source(id=id, title=f"Document {id}"), text=text, **fields)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "corpus.db") as opened:
        opened.add(
            [
                doc("zh", CHINESE, text_complete=True),
                doc("ru", RUSSIAN, text_complete=False),
                doc("en", "The government thinks a meeting of ministers necessary."),
            ]
        )
        yield opened


def test_the_language_of_a_text_is_told_by_its_letters():
    assert text_language(CHINESE) == "zh"
    assert text_language(RUSSIAN) == "ru"
    assert text_language("日本政府は声明を発表した。") == "ja"
    assert text_language("A plain English sentence.") == "en"
    assert text_language("1950 — 12") == ""


def test_each_stored_copy_says_its_language_and_whether_it_is_an_excerpt(store):
    assert store.get("zh").language == "zh" and store.get("zh").holding() == "Chinese original"
    assert store.get("ru").holding() == "excerpt, Russian original"
    assert store.get("en").language == "en" and store.get("en").holding() == ""


def test_a_record_s_own_language_field_wins_over_the_letters(tmp_path):
    path = tmp_path / "documents.jsonl"
    record = {
        "id": "t1",
        "title": "Note",
        "text": "Translated text.",
        "language": "ru",
        "text_complete": False,
    }
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (read,) = list(read_jsonl(path))
    assert read.language == "ru" and read.text_complete is False


def test_a_chinese_word_is_found_inside_a_run_of_characters(store):
    assert [h.id for h in store.search("入朝")] == ["zh"]
    assert [h.id for h in store.search("派遣部队")] == ["zh"]
    assert store.search("朝派") == []  # the characters must stand together in that order
    assert "[[入朝]]" in store.search("入朝")[0].snippet


def test_a_russian_word_finds_its_other_forms(store):
    assert [h.id for h in store.search("правительства")] == ["ru"]
    assert [h.id for h in store.search("министр")] == ["ru"]
    assert [h.id for h in store.search("ministers")] == ["en"]


def test_native_terms_leave_english_to_the_english_index():
    assert native_terms("The telegram 参战 said") == "参战"
    assert native_terms("Only English words here.") == ""


def test_a_replaced_document_leaves_the_chinese_index(store):
    store.add([doc("zh", "An English text now.")])
    assert store.search("入朝") == []


def test_a_store_of_schema_3_learns_languages_in_place(tmp_path):
    path = tmp_path / "corpus.db"
    with Store(path) as store:
        store.add([doc("zh", CHINESE), doc("en", "English words.")])
    with sqlite3.connect(path) as db:  # the store as schema 3 had it
        db.execute("DROP TABLE native_search")
        db.execute("ALTER TABLE sources DROP COLUMN language")
        db.execute("PRAGMA user_version = 3")
    with Store(path) as store:
        assert store.get("zh").language == "zh" and store.get("en").language == "en"
        assert [h.id for h in store.search("作战")] == ["zh"]
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_tei_document_with_a_gap_is_not_complete_and_keeps_its_language(tmp_path):
    volume = tmp_path / "frus1950v98.xml"
    volume.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="frus1950v98"><text><body>'
        '<div type="document" xml:id="d1" n="1" xml:lang="fr"><head>Note verbale</head>'
        "<p>Le gouvernement <gap reason="
        '"illegible"/> accepte la proposition.</p></div>'
        '<div type="document" xml:id="d2" n="2"><head>Telegram</head><p>Whole text.</p></div>'
        "</body></text></TEI>",
        encoding="utf-8",
    )
    first, second = list(read_frus_tei(volume))
    assert first.text_complete is False and first.language == "fr"
    assert second.text_complete is True


@needs_shared
def test_fontes_search_finds_mao_s_telegram_by_a_chinese_word(tmp_path):
    db = str(tmp_path / "corpus.db")
    fontes = [sys.executable, "-m", "fontes"]
    subprocess.run([*fontes, "ingest", str(KOREA_ADDITIONS), "--db", db], check=True, capture_output=True)
    found = subprocess.run(
        [*fontes, "search", "参战", "--db", db], capture_output=True, text=True, check=True
    )
    assert "mzdwj6-telegram-mao-zhou-enlai-1950-10-13" in found.stdout.replace("\n", "")


def test_fontes_show_says_excerpt_and_russian_original(store):
    from io import StringIO

    from rich.console import Console

    from fontes.report.corpus_views import print_document

    out = StringIO()
    print_document(store.get("ru"), Console(file=out, width=100))
    assert "(excerpt, Russian original)" in out.getvalue()
    assert "stored copy" in out.getvalue()


def test_a_quotation_is_anchored_in_the_language_of_its_document(store):
    from fontes.anchor import anchor_quote

    chinese = anchor_quote("我们认为应当派遣部队入朝作战,此事对各方都有利", store)  # ASCII comma for "，"
    assert (chinese.source, chinese.fidelity) == ("zh", "verbatim")
    russian = anchor_quote("считает необходимым немедленно созвать совещание", store)
    assert (russian.source, russian.fidelity) == ("ru", "verbatim")
