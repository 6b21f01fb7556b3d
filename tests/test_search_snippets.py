"""Search snippets are the document's own words: a curator's note is searched but never shown as
a snippet, and a translator's or editor's bracketed note is cut out of it."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from fontes.corpus import Document, Store
from fontes.corpus.snippets import EDITORIAL_NOTE, snippet_outside_notes, without_notes
from fontes.model import Source
from fontes.web import create_app

with warnings.catch_warnings():  # Starlette prefers httpx2 over the httpx fontes already has
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

LETTER = (
    "To the harbour master. The grain ships will sail on Tuesday [Translator's note: the word used "
    "is the old name of the weekday, which some readers take for Thursday] if the wind holds. "
    "Tell the pilots to be ready at dawn and keep the lighthouse lit through the night."
)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "store.db") as store:
        store.add(
            [
                Document(
                    source=Source(id="letter", title="A letter about the grain ships", date="1850-03-02"),
                    text=LETTER,
                    notes="Curator: the date is inferred from the harbour log; the signature is lost.",
                )
            ]
        )
        yield store


def test_the_pattern_takes_notes_and_leaves_interpolations():
    for note in (
        "[Translator's note: x]",
        "[Ed. note: x]",
        "[Editor’s Note x]",
        "[Note: x]",
        "[Footnote in the source.]",
    ):
        assert EDITORIAL_NOTE.fullmatch(note), note
    for words in ("[Stalin]", "[Notes of the conversation]", "[the word is illegible]"):
        assert not EDITORIAL_NOTE.search(words), words
    assert without_notes("a [Ed. note: b] c") == "a   c"


def test_a_word_only_in_the_curators_notes_finds_the_document_but_is_not_its_snippet(store):
    (hit,) = store.search("inferred")
    assert hit.id == "letter"
    assert "inferred" not in hit.snippet and "Curator" not in hit.snippet
    assert hit.snippet.startswith("To the harbour master.")


def test_a_word_inside_a_translators_note_is_not_shown_from_the_note(store):
    (hit,) = store.search("Thursday")  # only in the note: the snippet is the letter's opening
    assert "Translator" not in hit.snippet and "Thursday" not in hit.snippet
    (hit,) = store.search("weekday wind")  # one word in the note, one outside it
    assert "[[wind]]" in hit.snippet and "weekday" not in hit.snippet and "Translator" not in hit.snippet


def test_a_snippet_away_from_any_note_is_the_index_own(store):
    (hit,) = store.search("lighthouse")
    assert "[[lighthouse]]" in hit.snippet and "Translator" not in hit.snippet
    assert snippet_outside_notes("plain words", "…[[plain]] words", 160) == "…[[plain]] words"


def test_the_web_search_shows_the_same_snippet(store, tmp_path):
    client = TestClient(create_app(db_path=store.path), base_url="http://127.0.0.1:8000")
    page = client.get("/search", params={"q": "inferred"}).text
    assert 'href="/sources/letter"' in page and "Curator" not in page


def test_without_a_store_the_snippet_is_a_quotation_not_the_analysts_note():
    client = TestClient(create_app(Path(__file__).parent / "cases" / "toy"), base_url="http://127.0.0.1:8000")
    page = client.get("/search", params={"q": "shows"}).text  # "shows" is only in e1's note
    assert 'href="/sources/s1"' in page and "what it shows" not in page
    page = client.get("/search", params={"q": "other"}).text
    assert "other exact words" in page
