"""Differences a historian would not call a misquotation: the quotation is verbatim despite them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fontes.anchor import anchor_in_text
from fontes.anchor.normalize import normalize


def fidelity(quote: str, text: str) -> str | None:
    match = anchor_in_text(quote, text)
    if match is not None:
        assert text[match.start : match.end] == match.selector.exact
    return match.fidelity if match is not None else None


@pytest.mark.parametrize(
    "quote, source",
    [
        (
            "the troops halted at the 38th parallel for the night",
            "The troops halted at the 38° parallel for the night.",
        ),
        ("the troops halted at the thirty-eighth parallel", "The troops halted at the 38th parallel."),
        ("the enemy had twelve divisions along the river", "The enemy had 12 divisions along the river."),
        ("prices rose by 40 per cent within the month", "Prices rose by 40% within the month."),
        ("the harbour was defended by the whole garrison", "the harbor was defended by the whole garrison"),
        (
            "the army was mobilised and the fleet travelled north",
            "The army was mobilized and the fleet traveled north.",
        ),
        ("a programme of defence for the centre", "a program of defense for the center"),
        ("we must co-operate with the allied command", "We must cooperate with the allied command."),
        ("the Korean delegation arrived at noon", "The Ko-\nrean delegation arrived at noon."),
        (
            "“the order,” he said, “stands — without change”",
            '"the order," he said, "stands -- without change"',
        ),
        ("it was an all-out offensive against the south", "It was an all out offensive against the south."),
        ("a well known fact of the campaign", "a well-known fact of the campaign"),
        ("on the advice of our military advisers", "on the advice of our military advisors"),
        (
            "please ask immediate interview Vishinsky on Korean invasion",
            "Please ask immediate interview Vishinsky1 on Korean invasion.",
        ),
        ("the guns opened fire at about 4 a.m. that day", "The guns opened fire at about 4 a. m. that day."),
        (
            "operations north of the 38th parallel to destroy the enemy",
            "operations north of the 38° to destroy the enemy",
        ),
    ],
)
def test_a_harmless_variant_is_verbatim(quote, source):
    assert fidelity(quote, source) == "verbatim"


@pytest.mark.parametrize(
    "quote, source",
    [
        ("the enemy had twenty divisions along the river", "The enemy had 12 divisions along the river."),
        ("they marched for days along the coast road", "They marched four days along the coast road."),
        (
            "the troops halted at the 39th parallel for the night",
            "The troops halted at the 38° parallel for the night.",
        ),
        ("it was an all-out offensive against the north", "It was an all out offensive against the south."),
        (
            "operations north of the 38th frontier to destroy the enemy",
            "operations north of the 38° to destroy the enemy",
        ),
        (
            "operations north of the 38th parallel to destroy the enemy",
            "operations north of the 38 to destroy the enemy",
        ),
    ],
)
def test_a_changed_number_or_word_is_still_a_difference(quote, source):
    assert fidelity(quote, source) != "verbatim"


def test_a_dash_between_words_is_not_a_hyphen_inside_one():
    assert normalize("attack — and").text != normalize("attackand").text
    assert normalize("Pak-Kim").text == "pak-kim"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcdeilmnorstu 0123456789-.°%\n’", max_size=60))
def test_every_rewritten_character_maps_back_into_the_raw_text(raw):
    norm = normalize(raw)
    assert len(norm.text) == len(norm.starts) == len(norm.ends)
    assert all(0 <= s <= e <= len(raw) for s, e in zip(norm.starts, norm.ends))
    assert list(norm.starts) == sorted(norm.starts)
