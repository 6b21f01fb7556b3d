"""A passage close in meaning must keep the quotation's claim as a claim of the same shape:
asserted (not asked), with the same actors in the same roles, the same negations and numbers.
Texts written here, of an invented consulate; each rule has a restatement that passes beside
the one it rejects."""

from __future__ import annotations

import pytest

from fontes.anchor import anchor_in_text
from fontes.anchor.agreement import asks, puts_another_name, turns_voice
from fontes.anchor.meaning import abbreviates, keeps_negated_words
from fontes.anchor.paraphrase import keeps_claim
from fontes.anchor.words import claimed_numbers

DISPATCH = (
    "From: the Consul at Valdora (Brenner) to the Ministry. "
    "The consul asked the harbour master whether the northern garrison had been withdrawn from the coast. "
    "Field reports place about 3,000 Bulgarian cavalry near the river crossing, with their supply trains "
    "still in the hills. "
    "The consul was told by the governor that the harbour would be closed to all shipping within a week. "
    "I do not anticipate any difficulty in fixing the date of the visit with the mayor. "
    "The loss of the port would have grave consequences for us in the Baltic, in SEA and elsewhere. "
    "Ostrander then drove to the frontier post to inspect the new barracks and speak with Colonel Vey."
)


def fidelity(quote: str) -> str | None:
    match = anchor_in_text(quote, DISPATCH)
    return match.fidelity if match else None


def test_a_passage_that_asks_does_not_restate_a_quotation_that_asserts():
    assert fidelity("The harbour master reported that the garrison in the north had left the coast.") is None
    assert (
        fidelity("The consul asked the harbour master if the garrison in the north had left the coast.")
        == "paraphrase"
    )


def test_a_question_reported_as_a_statement_in_the_source_words_is_a_misquote():
    match = anchor_in_text(
        "The harbour master said the northern garrison had been withdrawn from the coast.", DISPATCH
    )
    assert match is not None and match.fidelity == "misquote"
    assert [d.meaning for d in match.diff if d.meaning] == ["question"]


@pytest.mark.parametrize(
    "text, question",
    [
        ("he asked the minister if the troops had left", True),
        ("they inquired whether the line was held", True),
        ("had the troops left?", True),
        ("we will act whether or not they agree", False),
        ("if the troops leave we shall follow", False),
    ],
)
def test_asks_reads_a_question_from_its_words(text, question):
    assert asks(text) is question


def test_another_actor_in_the_place_of_the_quotations_name_is_not_a_paraphrase():
    other = "Reports from the field put some 3,000 Hungarian cavalry close to the river crossing, their supply trains still in the hills."
    assert fidelity(other) is None
    assert fidelity(other.replace("Hungarian", "Bulgarian")) == "paraphrase"
    # A title for the name is the same actor: not a substitution.
    assert not puts_another_name(
        {"secretary"}, "the secretary said the line held", "acheson said the line held"
    )


def test_roles_turned_round_by_the_voice_are_not_a_paraphrase():
    assert (
        fidelity("The consul told the governor that the port would be shut to every ship within a week.")
        is None
    )
    assert (
        fidelity("The governor told the consul that the port would be shut to every ship within a week.")
        == "paraphrase"
    )
    assert turns_voice("the envoy warned the mayor", "the envoy was warned by the mayor")
    assert not turns_voice("the mayor warned the envoy", "the envoy was warned by the mayor")


def test_a_negation_governs_its_own_clause_only():
    # "expect no difficulty" and "do not anticipate any difficulty": the same claim.
    assert fidelity("I expect no trouble in settling the date of the visit with the mayor.") == "paraphrase"
    assert keeps_negated_words("i expect no difficulty", "i do not anticipate any difficulty")
    # A word under a negation is not asserted by its other use earlier in the sentence.
    assert keeps_negated_words(
        "i replied that i had passed the request on but had still had no answer",
        "i answered that i had sent the request on, but had still not received an answer",
    )
    # A word denied on one side and asserted, in a clause denying nothing, on the other: not.
    assert not keeps_negated_words(
        "these orders cannot be considered final", "these orders are considered final and will not change"
    )


def test_a_word_that_denies_counts_as_a_negation_and_a_pronoun_one_is_no_number():
    assert keeps_claim("a new order is unnecessary now", "no new order is needed now")
    assert not keeps_claim("a new order is needed now", "no new order is needed now")
    assert claimed_numbers("though 1 may be needed once 48 hours have passed") == {"48"}
    assert claimed_numbers("he met the envoy once.") == {"1"}
    assert claimed_numbers("on 1 may the envoy left") == {"1"}


def test_names_given_in_full_may_stand_abbreviated_in_the_source():
    assert (
        fidelity(
            "Losing the port would have grave consequences for us in the Baltic, in Southeast Asia and in other places."
        )
        == "paraphrase"
    )
    assert abbreviates("sea", ["southeast", "asia"]) and abbreviates("un", ["unit", "nation"])
    assert not abbreviates("us", ["southeast", "asia"])


def test_a_name_put_for_the_sources_pronoun_must_be_the_one_the_source_means():
    match = anchor_in_text(
        "Halloran drove to the frontier post to inspect the new barracks and speak with Colonel Vey.",
        "Nothing was heard from the capital. He then drove to the frontier post to inspect the new barracks "
        "and speak with Colonel Vey.",
    )
    assert match is not None and match.fidelity == "misquote"
    named = anchor_in_text(
        "Halloran drove to the frontier post to inspect the new barracks and speak with Colonel Vey.",
        "Halloran reached the capital at noon. He then drove to the frontier post to inspect the new "
        "barracks and speak with Colonel Vey.",
    )
    assert named is not None and named.fidelity == "near-verbatim"


def test_a_verb_and_its_noun_are_one_word_but_an_actor_is_another():
    from fontes.anchor.meaning import same_word
    from fontes.anchor.words import stem

    assert same_word(stem("modify"), stem("modification"))
    assert not same_word(stem("command"), stem("commanders"))
    assert not same_word(stem("general"), stem("generous"))


def test_a_passage_sharing_only_the_names_numbers_and_dates_does_not_restate_the_quotation():
    from fontes.anchor.meaning import agrees

    passage = "at its meeting of 3 march the harbour board appointed a committee to inspect the cranes."
    other_act = "At its 3 March meeting the harbour board told the shipowners to leave before the spring."
    same_act = "At its 3 March meeting the harbour board set up a committee to inspect the cranes."
    # Close enough in meaning to be weighed (cosine given); the words that say what was done decide.
    assert not agrees(other_act, other_act.lower(), passage, passage, cosine=0.7)
    assert agrees(same_act, same_act.lower(), passage, passage, cosine=0.7)


def test_every_clause_of_the_quotation_must_be_borne_out_by_the_passage():
    from fontes.anchor.meaning import carries_every_clause

    passage = "the board then ruled that the cranes should be repaired before the winter."
    added = "The Mayor said this was a mistake, and that the cranes should be repaired before the winter."
    assert not carries_every_clause(added, added.lower(), passage)
    borne_out = "The Board ruled, and the cranes were to be mended before winter came."
    assert carries_every_clause(borne_out, borne_out.lower(), passage)
    # An opening aside with no name or number may be put otherwise by the source.
    aside = "All things considered, the cranes should be mended before the winter."
    assert carries_every_clause(aside, aside.lower(), passage)


def test_a_count_given_to_other_people_is_not_a_paraphrase():
    from fontes.anchor.agreement import moves_a_number

    passage = "in valdora the envoy held 3 talks with the mayor and the bishop and 1 talk with the governor."
    names = {"valdora", "mayor", "bishop", "governor"}
    moved = "the governor met the envoy 3 times in valdora, and the mayor only once."
    kept = "in valdora the envoy met the mayor and the bishop 3 times, and the governor once."
    assert moves_a_number(names, moved, passage)
    assert not moves_a_number(names, kept, passage)
