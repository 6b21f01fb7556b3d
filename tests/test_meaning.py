"""Paraphrase by meaning, offline: the wheel's model, the store's sentence vectors, the second stage."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import yaml
from conftest import KOREA_JSONL

from fontes.anchor import anchor_in_text, anchor_quote
from fontes.anchor.meaning import default_model
from fontes.corpus.sentence_vectors import SentenceVectors, quantise, vectors_path

ITEMS = Path(__file__).parent.parent / "benchmarks" / "paraphrase_items.yaml"
TEXT = (
    "Routine supplies of rice and coal arrived at the port. The northern army launched an assault "
    "on the southern capital at dawn with 90 tanks. Nothing else was reported."
)


def test_the_model_loads_from_the_installed_wheel_and_ranks_by_meaning():
    model = default_model()
    assert model is not None and model.dimension == 256
    a, b, c = model.embed(
        [
            "The fleet was ordered to prevent any attack on Formosa.",
            "The fleet was told to stop any assault on Formosa.",
            "Rice and coal arrived at the port.",
        ]
    )
    assert a @ b > a @ c + 0.3


def test_a_restatement_in_other_words_is_a_paraphrase():
    match = anchor_in_text(
        "At dawn the northern army began an assault on the southern capital with 90 tanks", TEXT
    )
    assert match.fidelity == "paraphrase"
    assert "launched an assault" in match.selector.exact


@pytest.mark.parametrize(
    "flipped",
    [
        "At dawn the northern army began an assault on the southern capital with 40 tanks",
        "At dawn the northern army did not begin an assault on the southern capital with 90 tanks",
        "In June the northern army began an assault on the southern capital with 90 tanks",
        "At dawn the Chinese army began an assault on the southern capital with 90 tanks",
    ],
)
def test_a_restatement_that_flips_a_number_negation_month_or_name_is_not_a_paraphrase(flipped):
    assert anchor_in_text(flipped, TEXT) is None


@pytest.fixture(scope="module")
def korea_store(tmp_path_factory):
    if not KOREA_JSONL.exists():
        pytest.skip("../shared/corpus/korea1950 is not beside the project; CI always has it")
    from fontes.corpus.ingest import ingest_paths
    from fontes.corpus.store import Store

    with Store(tmp_path_factory.mktemp("meaning") / "corpus.db") as opened:
        ingest_paths([KOREA_JSONL], opened)
        yield opened


def test_the_labelled_set_meets_the_bars(korea_store):
    items = yaml.safe_load(ITEMS.read_text())
    paraphrases = [anchor_quote(p["quote"], korea_store) for p in items["paraphrases"]]
    right = sum(
        a.source == p["source"] and a.fidelity != "not-found"
        for a, p in zip(paraphrases, items["paraphrases"])
    )
    assert right >= 0.6 * len(paraphrases)
    fabricated = [anchor_quote(q, korea_store).fidelity for q in items["fabricated"]]
    assert fabricated.count("not-found") >= 0.95 * len(fabricated)
    flipped = [anchor_quote(p["quote"], korea_store).fidelity for p in items["flipped"]]
    assert flipped.count("paraphrase") <= 0.2 * len(flipped)


def test_sentence_vectors_are_saved_beside_the_store_memory_mapped_and_reused(korea_store):
    model = default_model()
    built = korea_store.sentence_vectors(model)
    path = vectors_path(korea_store)
    assert path.is_file() and len(built) > 1000 and built.rows.dtype == np.int8
    again = SentenceVectors.for_store(korea_store, model)
    assert isinstance(again.rows, np.memmap)
    assert again.fingerprint == built.fingerprint and again.rows.shape == built.rows.shape
    ids = korea_store.closest_in_meaning(
        "Kim Il Sung asks your opinion on how Moscow would perceive this", model, 1
    )
    assert ids == ["wcda-telegram-shtykov-ussr-first-deputy-minister-foreign-affairs-1950-11-29"]


def test_int8_rows_give_the_cosines_of_the_exact_vectors_within_a_hundredth():
    model = default_model()
    exact = model.embed(
        ["The northern army crossed the parallel at dawn.", "Rice and coal arrived at the port."]
    )
    rows, scales = quantise(exact)
    assert np.abs((rows.astype(np.float32) * scales[:, None]) @ exact[0] - exact @ exact[0]).max() < 0.01


def test_a_large_corpus_is_searched_whole_by_signs_then_cosines(tmp_path, monkeypatch):
    """Past WHOLE_CORPUS_ROWS, a lookup ranks every sentence by the signs of its vector and
    computes the cosines of the best only: a document sharing no rare word with the text is
    still found; `among` still keeps a lookup to the documents given."""
    import sqlite3

    import fontes.corpus.sentence_vectors as sentence_vectors
    from fontes.corpus import Store, ingest_paths

    corpus = tmp_path / "c.jsonl"
    texts = {
        "harbour": "Routine supplies of rice and coal arrived at the harbour today.",
        "assault": "The northern army launched an assault on the southern capital.",
        "weather": "Heavy rain fell over the hills and the rivers rose in the night.",
    }
    corpus.write_text(
        "\n".join(json.dumps({"id": k, "title": k, "text": v}) for k, v in texts.items()) + "\n"
    )
    model = default_model()
    with Store(tmp_path / "s.db") as store:
        ingest_paths([corpus], store)
        with sqlite3.connect(tmp_path / "s.db") as raw:
            numbers = dict(raw.execute("SELECT id, doc FROM sources"))
        vectors = store.sentence_vectors(model)
        query = model.embed(["The army of the north attacked the capital of the south."])[0]
        assert vectors.nearest(query, 1)[0][0] == numbers["assault"]
        assert [n for n, _ in vectors.nearest(query, 3, among=[numbers["harbour"]])] == [numbers["harbour"]]
        monkeypatch.setattr(sentence_vectors, "WHOLE_CORPUS_ROWS", 0)
        monkeypatch.setattr(sentence_vectors, "PREFILTERED", 1)
        assert vectors.signs().shape == (3, 32)
        # The sentence agreeing most in sign with the query is the closest in meaning.
        assault_row = int(np.flatnonzero(vectors.docs == numbers["assault"])[0])
        assert vectors._agreeing_in_sign(query, 1).tolist() == [assault_row]
        # In other words than the document's: no shared rare word, found by meaning.
        assert store.closest_in_meaning(
            "Storms soaked the uplands and the streams swelled after dark", model, 1
        ) == ["weather"]


def test_an_ingest_embeds_the_sentences_so_the_first_lookup_by_meaning_builds_nothing(tmp_path, monkeypatch):
    from fontes.corpus import Store, ingest_into_store
    from fontes.corpus.sentence_vectors import fingerprint

    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        json.dumps({"id": "a", "title": "A", "text": "The northern army launched an assault on the capital."})
        + "\n"
    )
    ingest_into_store([corpus], tmp_path / "s.db")
    monkeypatch.setattr(SentenceVectors, "build", None)  # a build now would fail
    with Store(tmp_path / "s.db") as store:
        assert vectors_path(store).is_file()
        vectors = store.sentence_vectors(default_model())
        assert vectors.fingerprint == fingerprint(store) and len(vectors) == 1
