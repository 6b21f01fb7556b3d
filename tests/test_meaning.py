"""Paraphrase by meaning, offline: the wheel's model, the store's sentence vectors, the second stage."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import KOREA_JSONL

from fontes.anchor import anchor_in_text, anchor_quote
from fontes.anchor.meaning import default_model
from fontes.corpus.sentence_vectors import SentenceVectors, vectors_path

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


def test_sentence_vectors_are_saved_beside_the_store_and_reused(korea_store):
    model = default_model()
    built = korea_store.sentence_vectors(model)
    path = vectors_path(korea_store)
    assert path.is_file() and len(built.vectors) > 1000
    again = SentenceVectors.for_store(korea_store, model)
    assert again.fingerprint == built.fingerprint and again.vectors.shape == built.vectors.shape
    vector = model.embed(["Kim Il Sung asks your opinion on how Moscow would perceive this"])[0]
    doc_id, _ = again.nearest_documents(vector, 1)[0]
    assert doc_id == "wcda-telegram-shtykov-ussr-first-deputy-minister-foreign-affairs-1950-11-29"
