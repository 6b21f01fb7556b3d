"""Where the anchor looks for a quotation: word shingles, the shingle index, Store.candidates."""

from __future__ import annotations

import random
import shutil
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fontes.corpus.store as store_module
from fontes.corpus import Document, Store, shingle_index
from fontes.corpus.shingles import fingerprint_pairs, fingerprints, quotation_fingerprints, split_keys
from fontes.errors import CorpusError
from fontes.model import Source

#: Words of made-up telegrams. Every document below is made of them, so each word is in
#: most documents and only the order of words tells one document from another.
VOCABULARY = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "that",
    "is",
    "was",
    "for",
    "on",
    "by",
    "with",
    "from",
    "at",
    "as",
    "troops",
    "army",
    "north",
    "south",
    "korea",
    "korean",
    "forces",
    "border",
    "attack",
    "attacked",
    "advance",
    "river",
    "bridges",
    "government",
    "soviet",
    "chinese",
    "american",
    "united",
    "nations",
    "embassy",
    "minister",
    "ambassador",
    "telegram",
    "report",
    "reported",
    "reports",
    "situation",
    "military",
    "political",
    "question",
    "decision",
    "meeting",
    "conversation",
    "agreed",
    "considered",
    "request",
    "requested",
    "support",
    "aid",
    "withdrawal",
    "invasion",
    "offensive",
    "defense",
    "positions",
    "front",
    "line",
    "parallel",
    "capital",
    "city",
    "people",
    "party",
    "leadership",
    "comrade",
    "instructions",
    "instructed",
    "possible",
    "necessary",
    "immediately",
    "informed",
    "received",
    "position",
    "plan",
    "plans",
    "prepared",
    "operations",
    "units",
    "divisions",
    "regiments",
]


def doc(id: str, text: str) -> Document:
    return Document(source=Source(id=id, title=f"Telegram {id}"), text=text)


def telegrams(count: int, seed: int) -> list[Document]:
    """Documents of six sentences, each spliced from two of forty stock sentences cut anywhere.

    As in the scaled benchmark corpus, every stretch of a few words recurs in many documents
    and a document is told only by where its sentences were cut and joined.
    """
    rng = random.Random(seed)
    stock = [rng.choices(VOCABULARY, k=rng.randint(10, 16)) for _ in range(40)]
    documents = []
    for number in range(count):
        sentences = []
        for _ in range(6):
            head, tail = rng.sample(stock, 2)
            sentences.append(
                " ".join(head[: rng.randint(3, 8)] + tail[rng.randint(3, 8) :]).capitalize() + "."
            )
        documents.append(doc(f"t{number:03d}", " ".join(sentences)))
    return documents


def quotation(rng: random.Random, text: str, words: int = 12) -> str:
    """`words` consecutive words of a text, as written."""
    split = text.split()
    first = rng.randrange(len(split) - words)
    return " ".join(split[first : first + words])


def with_a_changed_word(rng: random.Random, quote: str) -> str:
    words = quote.split()
    words[rng.randrange(len(words))] = "armistice"
    return " ".join(words)


def with_ocr_noise(rng: random.Random, quote: str) -> str:
    """A letter dropped from every fourth word."""
    words = quote.split()
    for i in range(rng.randrange(4), len(words), 4):
        if len(words[i]) > 2:
            cut = rng.randrange(1, len(words[i]))
            words[i] = words[i][: cut - 1] + words[i][cut:]
    return " ".join(words)


def stored_pairs(path) -> set[tuple[int, int]]:
    """(fingerprint, document number) of every row of the shingle index."""
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT hash, docs FROM shingles").fetchall()
    return {
        (hash_, int.from_bytes(docs[i : i + 4], "little"))
        for hash_, docs in rows
        for i in range(0, len(docs), 4)
    }


def expected_pairs(path) -> set[tuple[int, int]]:
    """What the index must hold: the fingerprints of every stored text."""
    with sqlite3.connect(path) as db:
        texts = db.execute("SELECT doc, text FROM texts").fetchall()
    return {(hash_, number) for number, text in texts for hash_ in fingerprints(text)}


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "corpus.db") as opened:
        yield opened


@pytest.fixture(scope="module")
def telegram_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("telegrams") / "corpus.db"
    documents = telegrams(400, seed=7)
    with Store(path) as opened:
        opened.add(documents)
        yield opened, {d.id: d.text for d in documents}


# -- fingerprints --------------------------------------------------------------------------------


def test_a_quotation_has_its_sources_fingerprints_whatever_the_case_accents_and_punctuation():
    source = "The Yalu bridges -- as I said -- are to be bombed on the Korean side ONLY."
    assert set(fingerprints("the yalu bridges, as I said, are to be bombed")) <= set(fingerprints(source))
    assert fingerprints("Pyŏngyang was taken") == fingerprints("pyongyang WAS taken!")
    assert fingerprints("the Ko-\nrean border was crossed") == fingerprints("the Korean border was crossed")
    assert fingerprints("the border [Page 126] was crossed") == fingerprints("the border was crossed")
    assert fingerprints("two words") == [] and fingerprints("") == []


def test_no_shingle_of_a_quotation_runs_across_its_ellipsis():
    assert quotation_fingerprints("the army will advance … to the parallel at dawn") == sorted(
        set(fingerprints("the army will advance")) | set(fingerprints("to the parallel at dawn"))
    )
    assert quotation_fingerprints("the army will... advance at dawn") == sorted(
        set(fingerprints("the army will")) | set(fingerprints("advance at dawn"))
    )


def test_shingles_are_three_words_and_never_run_from_one_text_into_the_next():
    hashes, owners = split_keys(fingerprint_pairs(["one two three four", "five six seven", "eight"]))
    assert sorted(owners.tolist()) == [0, 0, 1]
    assert set(hashes.tolist()) == set(fingerprints("one two three four")) | set(
        fingerprints("five six seven")
    )
    assert not set(fingerprints("three four five")) & set(hashes.tolist())


# -- candidates on a corpus whose words are all common --------------------------------------------


def test_candidates_find_the_source_of_quotations_made_of_common_words(telegram_store):
    store, texts = telegram_store
    rng = random.Random(1)
    sources = rng.sample(sorted(texts), 40)
    verbatim = {id_: quotation(rng, texts[id_]) for id_ in sources}
    assert all(
        store.candidates(quote)[0] == id_ or quote in texts[store.candidates(quote)[0]]
        for id_, quote in verbatim.items()
    )
    changed = [id_ in store.candidates(with_a_changed_word(rng, quote)) for id_, quote in verbatim.items()]
    noisy = [id_ in store.candidates(with_ocr_noise(rng, quote)) for id_, quote in verbatim.items()]
    assert sum(changed) >= 38 and sum(noisy) >= 36  # measured 39 and 39 of 40 (words alone: 8 and 6)


def test_when_shingles_fail_the_rarest_words_still_find_the_source(store):
    store.add(
        [
            doc("yalu", "The bombing of the Yalu bridges is authorized on the Korean side only."),
            doc("other", "The bombing of the bridges over the Han river was not authorized."),
        ]
    )
    garbled = "bombng of teh Yalu brdges is authorised on teh Koraen sdie"  # no three words intact
    assert not set(fingerprints(garbled)) & set(fingerprints(store.get("yalu").text))
    assert store.candidates(garbled)[0] == "yalu"


def test_a_stock_phrase_in_more_documents_than_count_still_finds_them(store, monkeypatch):
    monkeypatch.setattr(store_module, "_COMMON_SHINGLE_DOCS", 2)
    phrase = "furnish such assistance to the Republic of Korea as may be necessary"
    store.add(
        [doc(f"r{n}", f"Resolution {n} asks that members {phrase}.") for n in range(5)]
        + [doc("other", "Members may furnish such assistance as is necessary.")]
    )
    assert sorted(store.candidates(phrase)) == ["r0", "r1", "r2", "r3", "r4"]


# -- keeping the index right ---------------------------------------------------------------------


def test_reingesting_a_document_replaces_its_fingerprints(tmp_path):
    path = tmp_path / "corpus.db"
    old = "The army will advance to the parallel at dawn and hold the bridges."
    new = "Negotiations for an armistice begin at Kaesong on the tenth of July."
    with Store(path) as store:
        store.add([doc("a", old), doc("b", "Nothing of the kind was decided at the meeting.")])
        store.add([doc("a", new)])
        assert store.candidates("negotiations for an armistice begin at Kaesong") == ["a"]
    assert stored_pairs(path) == expected_pairs(path)  # the old text's fingerprints are gone


texts_of_few_words = st.lists(
    st.sampled_from(["army", "river", "bridges", "north", "the", "of", "troops"]), min_size=0, max_size=9
).map(" ".join)
batches = st.lists(
    st.lists(st.tuples(st.sampled_from("abcd"), texts_of_few_words), max_size=4), min_size=1, max_size=4
)


@settings(max_examples=40, deadline=None)
@given(batches)
def test_after_any_adds_and_replacements_the_index_holds_exactly_the_stored_texts(tmp_path_factory, adds):
    path = tmp_path_factory.mktemp("adds") / "corpus.db"
    with Store(path) as store:
        for batch in adds:
            store.add(doc(id_, text) for id_, text in batch)
            assert stored_pairs(path) == expected_pairs(path)


def test_an_add_that_fails_leaves_the_index_as_it_was(tmp_path):
    path = tmp_path / "corpus.db"
    with Store(path) as store:
        store.add([doc("a", "The army will advance to the parallel at dawn.")])
        before = stored_pairs(path)

        def documents():
            yield doc("a", "Entirely different words replace the first ones here.")
            raise RuntimeError("the reader broke")

        with pytest.raises(RuntimeError):
            store.add(documents())
        store.add([doc("b", "Another telegram about the river crossing.")])
    assert before < stored_pairs(path) == expected_pairs(path)


# -- upgrading a store written before the index ---------------------------------------------------


def schema_1_store(path, documents: list[Document]) -> None:
    """A store as fontes wrote it before the shingle index: today's store without what schemas
    2-4 added (the shingles, the languages and their index)."""
    with Store(path) as store:
        store.add(documents)
    with sqlite3.connect(path) as db:
        db.execute("DROP TABLE shingles")
        db.execute("DROP TABLE native_search")
        db.execute("ALTER TABLE sources DROP COLUMN language")
        db.execute("PRAGMA user_version = 1")


def test_a_store_of_schema_1_is_upgraded_in_place_and_its_index_built(tmp_path, telegram_store):
    _, texts = telegram_store
    path = tmp_path / "old.db"
    schema_1_store(path, [doc(id_, text) for id_, text in sorted(texts.items())[:50]])
    quote = quotation(random.Random(2), texts["t007"])
    with Store(path) as store:
        assert len(store) == 50 and store.candidates(quote)[0] == "t007"
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == store_module.SCHEMA_VERSION
    assert stored_pairs(path) == expected_pairs(path)


def test_an_upgrade_that_fails_leaves_the_old_store_untouched(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    schema_1_store(path, [doc("a", "The army will advance to the parallel at dawn.")])
    saved = tmp_path / "saved.db"
    shutil.copy(path, saved)

    def disk_full(db):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setitem(store_module.MIGRATIONS, 2, [shingle_index.SCHEMA, disk_full])
    with pytest.raises(CorpusError, match="disk is full"):
        Store(path)
    assert path.read_bytes() == saved.read_bytes()
