"""Paraphrase by meaning on texts written here: a restatement found, a negated or re-cast one not."""

from __future__ import annotations

from fontes.anchor import anchor_in_text

TEXT = (
    "From: the Minister of Trade (Halvorsen) to the Embassy. "
    "The harbour cranes were repaired during the winter. "
    "The instructions cannot be considered final, since later events may require changes. "
    "Kim Du-bong spoke at length about his journey to the northern provinces. "
    "Nothing else of note was said at the meeting."
)


def test_a_restatement_in_other_words_is_a_paraphrase():
    match = anchor_in_text("Kim Du-bong talked at length of his trip to the northern provinces.", TEXT)
    assert match is not None and match.fidelity == "paraphrase"
    assert "journey" in match.selector.exact


def test_a_restatement_that_negates_another_word_of_the_sentence_is_not_a_paraphrase():
    assert (
        anchor_in_text(
            "The instructions are considered final and later events will not require changes.", TEXT
        )
        is None
    )


def test_a_restatement_that_names_another_actor_is_not_a_paraphrase():
    assert (
        anchor_in_text("Pak Heon-yeong talked at length of his trip to the northern provinces.", TEXT) is None
    )
