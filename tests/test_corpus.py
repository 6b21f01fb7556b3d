"""The corpus: the store, the JSONL and Markdown ingesters, format detection, search, candidates."""

from __future__ import annotations

import json
import sqlite3
import statistics
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import KOREA_JSONL, needs_shared
from hypothesis import given, settings
from hypothesis import strategies as st

import fontes.corpus.ingest as ingest_module
from fontes.corpus import Document, IngestSummary, Store, detect_format, ingest_paths
from fontes.corpus.document import PageBreak
from fontes.corpus.jsonl import read_jsonl
from fontes.corpus.markdown import read_markdown
from fontes.corpus.search import fts_query
from fontes.corpus.store import SCHEMA_VERSION
from fontes.dates import parse_date
from fontes.errors import CorpusError, DateError
from fontes.model import Source

FIXTURES = Path(__file__).parent / "fixtures"
JSONL = FIXTURES / "jsonl"
MARKDOWN = FIXTURES / "markdown"
STALIN = ["Joseph Stalin", "I.V. Stalin", "Filippov", "Filipov", "Fyn Si", "Feng Xi", "Instantsia"]


def doc(id: str, text: str = "Some text.", *, notes: str = "", summary: str = "", **source) -> Document:
    source.setdefault("title", f"Document {id}")
    return Document(source=Source(id=id, **source), text=text, notes=notes, summary=summary)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "corpus.db") as opened:
        yield opened


@pytest.fixture
def fixture_store(store):
    """The store with the five documents of tests/fixtures/jsonl/documents.jsonl."""
    summary = ingest_paths([JSONL / "documents.jsonl"], store)
    assert summary == IngestSummary(added=5, updated=0, failed=[])
    return store


def ids(hits) -> list[str]:
    return [h.id for h in hits]


# -- the store ---------------------------------------------------------------------------------


def test_a_document_comes_back_as_it_went_in(store):
    original = Document(
        source=Source(
            id="d1",
            title="Telegram",
            date="1950-11-08?",
            authors=["Filippov [Stalin]"],
            recipients=["Mao Zedong", "Zhou Enlai"],
            archive="APRF",
            archive_ref="f. 45",
            url="https://example.org/d1",
            doc_type="telegram",
            language_note="Russian",
            credibility=0.7,
            note="dated from the file number",
        ),
        text="First page.\n[Page 2]\nSecond page.",
        notes="1 A footnote.",
        pages=[PageBreak(offset=12, page="2")],
        text_complete=False,
        summary="One line.",
        place="Moscow",
        mirror_urls=["https://mirror.example/d1"],
        language="en",
        origin="x.jsonl:3",
    )
    assert store.add([original]).added == 1
    assert store.get("d1") == original
    assert store.get("nothing") is None
    assert store.ids() == ["d1"] and len(store) == 1 and "d1" in store


def test_adding_a_stored_id_again_replaces_it(store):
    store.add([doc("d1", "The Yalu bridges."), doc("d2")])
    counts = store.add([doc("d1", "The Han river crossing.", title="Revised"), doc("d3")])
    assert (counts.added, counts.updated) == (1, 1)
    assert store.get("d1").text == "The Han river crossing." and store.get("d1").source.title == "Revised"
    assert ids(store.search("Han")) == ["d1"] and store.search("Yalu") == []
    assert len(store) == 3
    store.check()  # the full-text index agrees with the tables


def test_a_failing_add_leaves_nothing_of_that_call(store):
    store.add([doc("kept", "Original text.")])

    def documents():
        yield doc("new", "Words of a new document.")
        yield doc("kept", "Replacement text.")
        raise RuntimeError("the reader broke")

    with pytest.raises(RuntimeError):
        store.add(documents())
    assert store.ids() == ["kept"]
    assert store.get("kept").text == "Original text."
    assert store.search("Replacement") == [] and store.search("new") == []
    store.check()


def test_a_killed_add_leaves_the_store_as_it_was(tmp_path):
    path = tmp_path / "corpus.db"
    with Store(path) as store:
        store.add([doc("kept", "Original text.")])
    script = textwrap.dedent(f"""
        import os, signal
        from fontes.corpus import Document, Store
        from fontes.model import Source
        def documents():
            for i in range(50):
                yield Document(source=Source(id=f"d{{i}}", title="t"), text="words " * 100)
            yield Document(source=Source(id="kept", title="t"), text="Replacement.")
            os.kill(os.getpid(), signal.SIGKILL)
        Store({str(path)!r}).add(documents())
    """)
    result = subprocess.run([sys.executable, "-c", script], check=False, capture_output=True, timeout=60)
    assert result.returncode == -9, result.stderr.decode()
    with Store(path) as store:
        assert store.ids() == ["kept"] and store.get("kept").text == "Original text."
        store.check()


def test_a_store_keeps_its_documents_when_reopened(tmp_path):
    with Store(tmp_path / "corpus.db") as store:
        store.add([doc("d1", "Kaesong")])
    with Store(tmp_path / "corpus.db") as store:
        assert ids(store.search("kaesong")) == ["d1"]


def test_a_store_from_a_newer_fontes_is_refused(tmp_path):
    Store(tmp_path / "corpus.db").close()
    with sqlite3.connect(tmp_path / "corpus.db") as db:
        db.execute("PRAGMA user_version = 99")
    with pytest.raises(CorpusError, match="newer fontes") as caught:
        Store(tmp_path / "corpus.db")
    assert caught.value.file.endswith("corpus.db") and "upgrade" in caught.value.hint


def test_files_that_are_not_fontes_stores_are_refused(tmp_path):
    with sqlite3.connect(tmp_path / "other.db") as db:
        db.execute("CREATE TABLE accounts (name TEXT)")
    with pytest.raises(CorpusError, match="not a fontes corpus store"):
        Store(tmp_path / "other.db")
    (tmp_path / "notes.txt").write_text("not a database at all, just some words " * 50)
    with pytest.raises(CorpusError, match="not a fontes corpus store"):
        Store(tmp_path / "notes.txt")
    with pytest.raises(CorpusError, match="folder"):
        Store(tmp_path)


def test_the_default_path_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("FONTES_DB", str(tmp_path / "mine.db"))
    assert Store.default_path() == tmp_path / "mine.db"
    monkeypatch.delenv("FONTES_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert Store.default_path() == tmp_path / "data" / "fontes" / "corpus.db"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert Store.default_path() == tmp_path / ".local" / "share" / "fontes" / "corpus.db"


# -- search ------------------------------------------------------------------------------------


def test_hits_are_ranked_and_their_snippets_highlight_the_words(store):
    store.add(
        [
            doc("once", "The bridges over the Yalu were bombed on the Korean side."),
            doc("thrice", "Yalu. The Yalu border. Beyond the Yalu lies Manchuria."),
            doc("none", "Nothing about rivers here."),
        ]
    )
    hits = store.search("yalu")
    assert ids(hits) == ["thrice", "once"]
    assert hits[0].score > hits[1].score > 0
    assert "[[Yalu]]" in hits[1].snippet and "bombed" in hits[1].snippet


def test_a_word_in_the_title_outranks_the_same_word_in_the_text(store):
    store.add(
        [
            doc("in-text", "A report on Kaesong and the fighting there."),
            doc("in-title", "A report on the fighting.", title="Kaesong"),
        ]
    )
    assert ids(store.search("Kaesong")) == ["in-title", "in-text"]


def test_notes_and_summaries_are_searched_too(store):
    store.add(
        [doc("n", "Body.", notes="Footnote: received in Tokyo"), doc("s", "Body.", summary="Tokyo cable")]
    )
    assert sorted(ids(store.search("Tokyo"))) == ["n", "s"]


def test_every_word_must_match_and_phrases_and_prefixes_work(fixture_store):
    assert ids(fixture_store.search("Yalu bridges")) == ["frus-test-d3"]
    assert fixture_store.search("Yalu Ongjin") == []
    assert ids(fixture_store.search('"northern border"')) == ["frus-test-editorial-note"]
    assert fixture_store.search('"border northern"') == []
    assert ids(fixture_store.search("volunt*")) == ["wcda-test-letter-filippov-mao"]


def test_a_word_finds_its_other_forms(store):
    store.add(
        [
            doc("a", "The northern forces attacked at dawn."),
            doc("b", "Reports of attacks on Ongjin."),
            doc("c", "An attache of the embassy."),
        ]
    )
    assert sorted(ids(store.search("attack"))) == ["a", "b"]
    assert ids(store.search('"forces attack"')) == ["a"]
    snippets = {hit.id: hit.snippet for hit in store.search("attacking")}
    assert "[[attacked]]" in snippets["a"] and "[[attacks]]" in snippets["b"]


def test_a_store_searching_whole_words_only_is_upgraded_to_stems_in_place(tmp_path):
    path = tmp_path / "corpus.db"
    with Store(path) as store:
        store.add([doc("a", "The northern forces attacked at dawn.")])
    with sqlite3.connect(path) as db:  # the search index as schema 2 had it
        db.execute("DROP TABLE native_search")
        db.execute("ALTER TABLE sources DROP COLUMN language")
        db.execute("DROP TABLE search")
        db.execute(
            "CREATE VIRTUAL TABLE search USING fts5 (title, text, notes, summary, content = "
            "'search_content', content_rowid = 'doc', tokenize = 'unicode61 remove_diacritics 2')"
        )
        db.execute("INSERT INTO search (search) VALUES ('rebuild')")
        db.execute("PRAGMA user_version = 2")
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM search WHERE search MATCH 'attack'").fetchone()[0] == 0
    with Store(path) as store:
        assert ids(store.search("attack")) == ["a"] and store.get("a").text.endswith("dawn.")
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


@pytest.mark.parametrize(
    "query",
    [
        "AND",
        "NOT Ongjin",
        '"unbalanced',
        "parallel:",
        "(Ongjin",
        "NEAR(a b)",
        "-",
        "*",
        "title:Ongjin",
        "Ongjin's",
        '""',
    ],
)
def test_fts_syntax_in_a_query_is_taken_literally(fixture_store, query):
    fixture_store.search(query)  # never an FTS5 syntax error
    assert fts_query("AND") == '"AND"'


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab \"*():^-+.,'NEAROT\u00e9\u2019"), max_size=30))
def test_no_query_text_is_an_fts_syntax_error(query):
    with sqlite3.connect(":memory:") as db:
        db.execute("CREATE VIRTUAL TABLE t USING fts5 (body)")
        db.execute("INSERT INTO t VALUES ('a b ab')")
        match = fts_query(query)
        if match:
            db.execute("SELECT * FROM t WHERE t MATCH ?", (match,)).fetchall()


def test_date_filters_match_documents_whose_range_overlaps(fixture_store):
    def between(low=None, high=None):
        return sorted(ids(fixture_store.search("", date_from=low, date_to=high)))

    assert between("1950-10-25", "1950-10-25") == ["frus-test-editorial-note"]  # 1950-10-24/1950-10-25
    assert between("1950-11", "1950-11") == ["frus-test-d3"]  # 1950-11-08?
    assert between(high="1950-06") == ["dsb-test-speech", "frus-test-d1"]  # the whole of June
    assert between("1950-10") == ["frus-test-d3", "frus-test-editorial-note", "wcda-test-letter-filippov-mao"]
    assert sorted(ids(fixture_store.search("Korean"))) == ["frus-test-d1", "frus-test-d3"]
    assert ids(fixture_store.search("Korean", date_from="1950-10-01")) == ["frus-test-d3"]


def test_a_bad_date_filter_says_which_one(fixture_store):
    with pytest.raises(DateError) as caught:
        fixture_store.search("", date_from="June 1950")
    assert caught.value.field == "date_from"
    with pytest.raises(DateError, match="before it starts"):
        fixture_store.search("", date_from="1950-07", date_to="1950-06")


def test_name_filters_take_every_alias_of_an_actor(store):
    store.add(
        [
            doc("a", authors=["Filippov [Stalin]"], recipients=["Mao Zedong"]),
            doc("b", authors=["Feng Xi (Stalin)"], recipients=["Shtykov"]),
            doc("c", authors=["Kimball"], recipients=["Kim Il Sung"]),
            doc("d", authors=["Vyshinsky", "Filipov"], recipients=["Mao Zedong"]),
        ]
    )
    assert ids(store.search("", authors=["Filippov"])) == ["a"]
    assert ids(store.search("", authors=STALIN)) == ["a", "b", "d"]
    assert ids(store.search("", authors=["stalin"])) == ["a", "b"]  # case-insensitive, in brackets
    assert ids(store.search("", authors=["Kim"])) == []  # whole words: not Kimball
    assert ids(store.search("", recipients=["Kim"])) == ["c"]
    assert ids(store.search("", recipients=["Mao Zedong"], authors=["Vyshinsky"])) == ["d"]
    assert ids(store.search("", authors=[])) == ["a", "b", "c", "d"]  # no names: no filter


def test_archive_filter_and_limit(fixture_store):
    assert sorted(ids(fixture_store.search("", archive="frus"))) == [
        "frus-test-d1",
        "frus-test-d3",
        "frus-test-editorial-note",
    ]
    assert ids(fixture_store.search("", archive="Wilson")) == ["wcda-test-letter-filippov-mao"]
    assert ids(fixture_store.search("", archive="100%")) == []  # LIKE wildcards are literal
    assert len(fixture_store.search("", limit=2)) == 2


def test_an_empty_query_lists_by_date_with_the_opening_words(fixture_store):
    hits = fixture_store.search("")
    assert [h.date for h in hits] == [
        "1950-01-12",
        "1950-06-25",
        "1950-10-05",
        "1950-10-24/1950-10-25",
        "1950-11-08?",
    ]
    assert hits[0].snippet.startswith("This afternoon I should like") and hits[0].score == 0.0
    assert hits[2].authors == ["Filippov [Stalin]"] and hits[2].recipients == ["Mao Zedong"]


# -- candidates (where the anchor looks for a quotation) ----------------------------------------


def test_candidates_find_the_document_of_a_quotation(fixture_store):
    quote = "the bombing of the Yalu bridges is authorized on the Korean side only"
    assert fixture_store.candidates(quote)[0] == "frus-test-d3"
    assert fixture_store.candidates("the bombng of the Yalu brdges is authorised")[0] == "frus-test-d3"
    assert fixture_store.candidates("zzz qqq") == [] and fixture_store.candidates("…") == []


def test_candidates_stay_fast_at_thousands_of_documents(tmp_path):
    import random

    rng = random.Random(0)
    vocabulary = [f"w{i}" for i in range(20000)] + ["the", "of", "and", "Korea", "troops"] * 400
    with Store(tmp_path / "big.db") as store:
        store.add(doc(f"d{i}", " ".join(rng.choices(vocabulary, k=250))) for i in range(3000))
        quotes = [(f"d{i}", " ".join(store.get(f"d{i}").text.split()[100:115])) for i in range(0, 3000, 150)]
        times, found = [], 0
        for want, quote in quotes:
            start = time.perf_counter()
            found += want in store.candidates(quote)
            times.append(time.perf_counter() - start)
    assert found == len(quotes)
    assert statistics.median(times) < 0.05  # measured ~1 ms here, ~8 ms at 50,000 documents


# -- JSONL ----------------------------------------------------------------------------------------


def test_jsonl_records_become_documents_with_every_field_kept():
    docs = {d.id: d for d in read_jsonl(JSONL / "documents.jsonl")}
    d1 = docs["frus-test-d1"]
    assert d1.source.date == "1950-06-25" and d1.source.archive_ref == "795.00/6-2550: Telegram"
    assert d1.source.note == "From the file number 795.00/6–2550." and d1.place == "Seoul"
    assert d1.text_complete is True and d1.notes == "Footnote kept as printed."
    assert d1.pages == [PageBreak(offset=d1.text.index("[Page 126]"), page="126")]
    assert d1.origin.endswith("documents.jsonl:1")
    letter = docs["wcda-test-letter-filippov-mao"]
    assert letter.summary == "Stalin asks Mao to send volunteers to Korea."
    assert letter.mirror_urls == ["https://example.org/mirror/1"]
    assert letter.source.language_note == "Translated from Russian."
    assert docs["frus-test-editorial-note"].source.date == "1950-10-24/1950-10-25"


def test_a_second_stored_copy_joins_the_text_after_a_gap_mark():
    speech = {d.id: d for d in read_jsonl(JSONL / "documents.jsonl")}["dsb-test-speech"]
    assert speech.text.endswith(
        "[…]\n\nThis perimeter runs along the islands to the south and we will hold it."
    )
    assert speech.mirror_urls == ["https://example.edu/course/speech.htm"]
    assert "Abridged copy on a course page." in speech.notes


def test_bad_jsonl_lines_are_reported_one_by_one_and_the_rest_read():
    items = list(read_jsonl(JSONL / "broken.jsonl"))
    assert [i.id for i in items if isinstance(i, Document)] == ["broken-ok-1", "broken-ok-2"]
    errors = [str(i) for i in items if isinstance(i, CorpusError)]
    file = str(JSONL / "broken.jsonl")
    assert errors == [
        (
            f"{file}:2: is not valid JSON (Unterminated string starting at column 37) (each line must hold "
            "one whole JSON object; a line cut short is often the cause)"
        ),
        f"{file}:3: title: is missing (every record needs a 'title')",
        (
            f"{file}:4: date: '1950-02-30' has no day 30 in that month "
            "(write e.g. 1950-06-25, 1950-04?, 1949-08~ or 1950-03/1950-04)"
        ),
        (
            f"{file}:5: authors: should be a list of text, not the number 42 "
            '(give authors as a list such as ["Kirk", "Muccio"])'
        ),
        f'{file}:6: holds a JSON list, not an object (write one {{"id": ..., "title": ..., "text": ...}} per line)',
        f"{file}:7: is not UTF-8 (bad byte at column 38) (save the file as UTF-8)",
    ]


def test_a_jsonl_file_that_cannot_be_read_raises(tmp_path):
    with pytest.raises(CorpusError, match="cannot be read"):
        list(read_jsonl(tmp_path / "absent.jsonl"))


# -- Markdown ------------------------------------------------------------------------------------


def test_markdown_front_matter_gives_the_metadata_and_footnotes_go_to_notes():
    (memo,) = read_markdown(MARKDOWN / "memo-with-front-matter.md")
    assert (
        memo.id == "memo-test-allison-1950-07-15" and memo.source.title == "Memorandum on the 38th parallel"
    )
    assert memo.source.date == "1950-07-15" and memo.source.authors == ["Allison"]
    assert memo.source.recipients == ["Rusk"] and memo.source.archive_ref == "795.00/7-1550"
    assert memo.summary == "Allison argues against stopping at the parallel." and memo.text_complete is False
    assert memo.text.startswith("# Memorandum by the Director")
    assert memo.text.endswith("no validity as a boundary.[^2]") and "Not printed" not in memo.text
    assert (
        memo.notes
        == "[^1]: Not printed.\n[^2]: The memorandum was sent through the Assistant Secretary's office."
    )
    assert memo.pages == [PageBreak(offset=memo.text.index("[Page 393]"), page="393")]


def test_plain_text_takes_its_id_and_title_from_the_file_or_its_first_heading():
    (note,) = read_markdown(MARKDOWN / "plain-text-note.txt")
    assert (note.id, note.source.title) == ("plain-text-note", "plain-text-note")
    assert note.text.startswith("Notes taken at a meeting") and note.source.date is None
    (telegram,) = read_markdown(MARKDOWN / "heading-only.md")
    assert (telegram.id, telegram.source.title) == ("heading-only", "Telegram from Tokyo")


@pytest.mark.parametrize(
    "name, message",
    [
        ("bad-date.md", "bad-date.md:3: date: '1950-02-30' has no day 30 in that month"),
        ("unknown-key.md", "unknown-key.md:3: author: is not a front matter key (did you mean authors?)"),
        (
            "unclosed-front-matter.md",
            "unclosed-front-matter.md:1: the front matter that starts with --- is never closed",
        ),
    ],
)
def test_bad_front_matter_is_reported_with_its_line(name, message):
    (error,) = read_markdown(MARKDOWN / name)
    assert isinstance(error, CorpusError) and str(error).startswith(str(MARKDOWN / message))


def test_a_markdown_file_that_is_not_utf8_raises_with_its_line():
    with pytest.raises(CorpusError) as caught:
        list(read_markdown(MARKDOWN / "not-utf8.md"))
    assert caught.value.line == 4 and "UTF-8" in str(caught.value)


# -- format detection and ingest ----------------------------------------------------------------


@pytest.mark.parametrize(
    "content, expected",
    [
        ('{"id": "a", "title": "t", "text": "x"}\n', "jsonl"),
        ('\ufeff\n  {"id": "a"}\n', "jsonl"),
        (
            '<?xml version="1.0"?>\n<!-- FRUS -->\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/></TEI>',
            "tei",
        ),
        ('<tei:TEI xmlns:tei="http://www.tei-c.org/ns/1.0"/>', "tei"),
        ('<?xml version="1.0"?>\n<!DOCTYPE TEI [\n  <!ENTITY a "b">\n  <!ENTITY c "&a;">\n]>\n<TEI/>', "tei"),
        ('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN">\n<html/>', "wcda-html"),
        ("<!DOCTYPE html>\n<html lang='en'><head><title>Telegram</title></head></html>", "wcda-html"),
        ("<html><body><p>Cable</p></body></html>", "wcda-html"),
        ("---\ntitle: x\n---\nText.", "markdown"),
        ("# A heading\n\nText.", "markdown"),
        ("<!-- a comment -->\nPlain words after a comment.", "markdown"),
        ("Just plain text.", "markdown"),
    ],
)
def test_formats_are_told_by_content_not_by_suffix(tmp_path, content, expected):
    path = tmp_path / "file.txt"
    path.write_text(content, encoding="utf-8")
    assert detect_format(path) == expected


def test_detection_of_the_fixtures():
    assert detect_format(JSONL / "broken.jsonl") == "jsonl"
    assert detect_format(MARKDOWN / "plain-text-note.txt") == "markdown"
    assert detect_format(MARKDOWN / "not-utf8.md") == "markdown"


def test_files_fontes_cannot_read_are_refused_by_detection(tmp_path):
    (tmp_path / "feed.xml").write_text('<?xml version="1.0"?><rss version="2.0"/>')
    with pytest.raises(CorpusError, match="root <rss>"):
        detect_format(tmp_path / "feed.xml")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4\x00\x01\x02")
    with pytest.raises(CorpusError, match="binary"):
        detect_format(tmp_path / "scan.pdf")


def test_ingest_adds_good_records_and_lists_each_bad_one(store):
    summary = ingest_paths([JSONL / "broken.jsonl"], store)
    assert (summary.added, summary.updated, len(summary.failed)) == (2, 0, 6)
    assert all(line.startswith(str(JSONL / "broken.jsonl:")) and "\n" not in line for line in summary.failed)
    assert store.ids() == ["broken-ok-1", "broken-ok-2"]


def test_ingesting_the_same_file_again_changes_nothing(store):
    ingest_paths([JSONL / "documents.jsonl"], store)
    again = ingest_paths([JSONL / "documents.jsonl"], store)
    assert again == IngestSummary(added=0, updated=0, unchanged=5, failed=[])
    assert len(store) == 5


def test_a_changed_document_is_updated_and_the_others_are_unchanged(store, tmp_path):
    lines = (JSONL / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    ingest_paths([JSONL / "documents.jsonl"], store)
    first = json.loads(lines[0])
    first["title"] = first["title"] + " (corrected)"
    edited = tmp_path / "documents.jsonl"
    edited.write_text("\n".join([json.dumps(first), *lines[1:]]) + "\n", encoding="utf-8")
    summary = ingest_paths([edited], store)
    assert (summary.added, summary.updated, summary.unchanged) == (0, 1, 4)
    assert store.get(first["id"]).source.title.endswith("(corrected)")


def test_ingest_walks_folders_and_reports_progress(store):
    calls = []
    summary = ingest_paths([MARKDOWN], store, progress=lambda done, total, path: calls.append((done, total)))
    assert store.ids() == ["heading-only", "memo-test-allison-1950-07-15", "plain-text-note"]
    assert summary.added == 3 and len(summary.failed) == 4
    assert {Path(line.split(":")[0]).name for line in summary.failed} == {
        "bad-date.md",
        "not-utf8.md",
        "unclosed-front-matter.md",
        "unknown-key.md",
    }
    assert calls == [(i, 7) for i in range(1, 8)]


def test_ingest_skips_readmes_in_folders_and_reports_missing_paths(tmp_path, store):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "README.md").write_text("# About this folder\n")
    (tmp_path / "docs" / ".hidden.md").write_text("# Hidden\n")
    (tmp_path / "docs" / "a.md").write_text("# A telegram\n\nText.\n")
    summary = ingest_paths([tmp_path / "docs", tmp_path / "absent.jsonl"], store)
    assert store.ids() == ["a"]
    assert summary.failed == [f"{tmp_path / 'absent.jsonl'}: does not exist (check the path)"]


def read_nothing(path):
    """A reader that finds no document in a file."""
    return iter(())


@pytest.mark.parametrize(
    "name, content, says",
    [
        ("empty.jsonl", "", "is empty"),
        ("data.csv", "id,title\n1,Telegram\n", "is a .csv file, not a corpus document"),
        ("export.pdf", "%PDF-1.4 saved as text", "is a .pdf file, not a corpus document"),
    ],
)
def test_a_file_of_no_corpus_format_is_refused_not_stored_as_prose(tmp_path, name, content, says):
    (tmp_path / name).write_text(content)
    with pytest.raises(CorpusError, match=says):
        detect_format(tmp_path / name)


def test_an_empty_file_or_a_missing_reader_is_reported(tmp_path, store, monkeypatch):
    (tmp_path / "empty.md").write_text("\n\n")
    (tmp_path / "volume.xml").write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"/>')
    (tmp_path / "page.html").write_text("<html><body></body></html>")
    monkeypatch.setitem(ingest_module.READERS, "tei", ("fontes.corpus.no_such_module", "read_frus_tei"))
    monkeypatch.setitem(ingest_module.READERS, "wcda-html", (__name__, "read_nothing"))
    summary = ingest_paths([tmp_path / "empty.md", tmp_path / "volume.xml", tmp_path / "page.html"], store)
    assert summary.added == 0 and len(store) == 0
    assert summary.failed == [
        f"{tmp_path / 'empty.md'}: is empty (is it the file you meant?)",
        (
            f"{tmp_path / 'volume.xml'}: needs fontes.corpus.no_such_module.read_frus_tei, which this fontes "
            "lacks (update fontes)"
        ),
        f"{tmp_path / 'page.html'}: holds no documents (is it the file you meant?)",
    ]


# -- the shared Korea corpus ------------------------------------------------------------------


@pytest.fixture(scope="module")
def korea_store(tmp_path_factory):
    if not KOREA_JSONL.exists():
        pytest.skip("../shared/corpus/korea1950 is not beside the project; CI always has it")
    with Store(tmp_path_factory.mktemp("korea") / "corpus.db") as opened:
        summary = ingest_paths([KOREA_JSONL], opened)
        assert summary == IngestSummary(added=148, updated=0, failed=[])
        yield opened


@needs_shared
def test_every_korea_document_is_stored_with_its_text(korea_store, korea_corpus):
    assert len(korea_store) == 148 and korea_store.ids() == sorted(korea_corpus)
    for id_, record in korea_corpus.items():
        stored = korea_store.get(id_)
        assert stored.text.startswith(record["text"]) and stored.source.date == record["date"]
        assert stored.source.authors == record["authors"]
    korea_store.check()


@needs_shared
def test_ongjin_finds_the_documents_that_name_it(korea_store, korea_corpus):
    expected = {
        id_
        for id_, r in korea_corpus.items()
        if "ongjin"
        in " ".join([r["title"], r["text"], r.get("notes", ""), r.get("archive_summary", "")]).lower()
    }
    hits = korea_store.search("Ongjin")
    assert set(ids(hits)) == expected >= {"wcda-telegram-tunkin-vyshinsky-1949-09-03", "frus1950v07-d59"}
    assert all("[[Ongjin]]" in h.snippet for h in hits)


@needs_shared
def test_stalins_pseudonyms_find_his_telegrams(korea_store, korea_corpus):
    def written_by(*spellings):
        return sorted(
            id_
            for id_, r in korea_corpus.items()
            if any(s in author for author in r["authors"] for s in spellings)
        )

    assert sorted(ids(korea_store.search("", authors=["Filippov"]))) == written_by("Filippov")
    assert len(written_by("Filippov")) == 3
    assert sorted(ids(korea_store.search("", authors=STALIN, limit=200))) == written_by(
        "Filippov", "Filipov", "Feng Xi", "Stalin"
    )
    assert "wcda-letter-filippov-mao-1950-10-05" in ids(korea_store.search("divisions", authors=STALIN))


@needs_shared
@pytest.mark.parametrize(
    "low, high",
    [
        ("1950-10-24", "1950-10-25"),
        ("1950-07-01", "1950-07-05"),
        ("1949", "1949"),
        ("1950-06-25", "1950-06-25"),
    ],
)
def test_korea_date_ranges_return_the_overlapping_documents(korea_store, korea_corpus, low, high):
    asked = (parse_date(low).earliest, parse_date(high).latest)
    expected = sorted(
        id_
        for id_, r in korea_corpus.items()
        if parse_date(r["date"]).earliest <= asked[1] and asked[0] <= parse_date(r["date"]).latest
    )
    assert sorted(ids(korea_store.search("", date_from=low, date_to=high, limit=200))) == expected
    if low == "1950-07-01":  # a memorandum of 1950-06-29/1950-07-06 overlaps the first days of July
        assert "frus1950v07-d188" in expected


@needs_shared
def test_candidates_find_each_korea_document_from_a_dozen_of_its_words(korea_store, korea_corpus):
    found = 0
    for id_, record in korea_corpus.items():
        words = record["text"].split()
        found += id_ in korea_store.candidates(" ".join(words[len(words) // 2 :][:12]))
    assert found >= 145  # measured 147 of 148; the miss is a question of common words only


@needs_shared
def test_the_ingest_of_the_korea_corpus_is_quick(tmp_path):
    start = time.perf_counter()
    with Store(tmp_path / "corpus.db") as store:
        summary = ingest_paths([KOREA_JSONL], store)
    assert time.perf_counter() - start < 10  # measured ~0.2 s
    assert summary.added == 148


def test_half_a_character_that_a_reader_let_through_is_refused_by_the_store_and_nothing_stored(store):
    store.add([doc("kept", "Kaesong")])
    broken = Document(
        source=Source(id="broken", title="Talks"), text="text", place="\ud800", origin="x.jsonl"
    )
    with pytest.raises(CorpusError, match="half a character") as caught:
        store.add([doc("fine", "Ongjin"), broken])
    assert caught.value.file == "x.jsonl" and caught.value.field == "broken"
    assert list(store.ids()) == ["kept"] and ids(store.search("Ongjin")) == []
