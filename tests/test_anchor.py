"""Anchoring quotations: where a quotation sits in a source, and how faithful it is.

The texts here are short made-up telegrams in the style of FRUS; the last tests anchor in
the shared Korea corpus through the real store when it is beside the project.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from conftest import KOREA_JSONL, needs_shared
from hypothesis import given, settings
from hypothesis import strategies as st

from fontes.anchor import Anchor, anchor_in_text, anchor_quote
from fontes.anchor.normalize import folded, normalize
from fontes.errors import AnchorError

TELEGRAM = (
    "925. According to army reports, northern forces crossed the parallel at four points "
    "this morning. The attack began about 4 a.m. with artillery fire on Ongjin. "
    "Kaesong was captured at 9 a.m. by some 10 tanks. The Ambassador does not believe "
    "that the Government will ask for American troops before June 30. "
    "It would appear from the manner of the attack that it is an all-out offensive."
)


def located(quote: str, text: str = TELEGRAM):
    """anchor_in_text, with the promise every match keeps: its span is its selector."""
    match = anchor_in_text(quote, text)
    if match is not None:
        assert text[match.start : match.end] == match.selector.exact
        assert match.selector.prefix == text[max(0, match.start - 32) : match.start]
        assert match.selector.suffix == text[match.end : match.end + 32]
    return match


# -- the five classes ---------------------------------------------------------------------


def test_verbatim_quotation_is_found_with_its_exact_span():
    match = located("Kaesong was captured at 9 a.m. by some 10 tanks")
    assert match.fidelity == "verbatim" and match.score == 1.0 and match.diff == []
    assert match.selector.exact == "Kaesong was captured at 9 a.m. by some 10 tanks"
    assert match.selector.prefix.endswith("fire on Ongjin. ") and len(match.selector.prefix) == 32
    assert match.selector.suffix.startswith(". The Ambassador does not")


def test_case_and_outer_quote_marks_and_final_stop_do_not_matter():
    match = located('"kaesong WAS captured at 9 a.m. by some 10 tanks."')
    assert match.fidelity == "verbatim"
    assert match.selector.exact == "Kaesong was captured at 9 a.m. by some 10 tanks"


def test_ocr_noise_is_near_verbatim_with_the_misread_words_listed():
    match = located("Kaesong was captnred at 9 a.m. by sorne 10 tanks")
    assert match.fidelity == "near-verbatim" and 0.9 <= match.score < 1
    assert [(d.quote, d.source, d.meaning) for d in match.diff] == [
        ("captnred", "captured", None),
        ("sorne", "some", None),
    ]


def test_a_misread_name_is_still_near_verbatim():
    match = located("Kaesong was captured at 9 a.m. by some 10 tanks. The Arnbassador does not believe")
    assert match.fidelity == "near-verbatim"


def test_a_changed_number_is_a_misquote_naming_the_number():
    match = located("Kaesong was captured at 9 a.m. by some 40 tanks")
    assert match.fidelity == "misquote" and match.score >= 0.75
    assert [(d.quote, d.source, d.meaning) for d in match.diff] == [("40", "10", "number")]


def test_a_number_written_as_a_word_is_compared_as_a_number():
    assert located("northern forces crossed the parallel at four points").fidelity == "verbatim"
    match = located("northern forces crossed the parallel at three points")
    assert match.fidelity == "misquote" and match.diff[0].meaning == "number"


def test_a_dropped_negation_is_a_misquote():
    match = located("The Ambassador does believe that the Government will ask for American troops")
    assert match.fidelity == "misquote"
    assert [(d.quote, d.source, d.meaning) for d in match.diff] == [("", "not", "negation")]


def test_an_inserted_negation_is_a_misquote():
    match = located("Kaesong was not captured at 9 a.m. by some 10 tanks")
    assert match.fidelity == "misquote" and match.diff[0].meaning == "negation"


def test_a_changed_date_is_a_misquote():
    match = located("will ask for American troops before July 30")
    assert match.fidelity == "misquote"
    assert [(d.quote, d.source, d.meaning) for d in match.diff] == [("July", "June", "date")]


def test_a_changed_name_is_a_misquote():
    match = located(
        "Kaesong was captured at 9 a.m. by some 10 tanks. The Ambassador does not believe "
        "that the Government will ask for Soviet troops"
    )
    assert match.fidelity == "misquote"
    assert [(d.quote, d.source, d.meaning) for d in match.diff] == [("Soviet", "American", "name")]


def test_a_pronoun_put_for_a_name_changes_no_name():
    text = "Stalin said that Mao agreed to send nine divisions to the border."
    match = located("Stalin said that he agreed to send nine divisions to the border", text)
    assert match.fidelity == "near-verbatim"


def test_a_restatement_in_other_words_is_a_paraphrase():
    match = located(
        "The Ambassador doesn't think the Government is going to request American troops before 30 June"
    )
    assert match.fidelity == "paraphrase"
    assert "The Ambassador does not believe" in match.selector.exact
    assert match.diff == []


def test_a_paraphrase_must_keep_the_negation():
    assert (
        located("The Ambassador believes the Government is going to request American troops before 30 June")
        is None
    )


def test_a_fabricated_sentence_in_the_texts_own_words_is_not_found():
    fabricated = [
        "The Government asked for American tanks to attack Ongjin before the artillery fire began.",
        "Northern troops captured the Ambassador at Kaesong and began an offensive on June 30.",
        "The army reports that the offensive on Ongjin will not begin before four American points.",
        "Manner of tanks began army Government offensive troops reports appear Kaesong parallel.",
    ]
    assert [located(q) for q in fabricated] == [None] * 4


def test_a_short_quotation_must_be_exact():
    assert located("ask for tanks") is None
    assert located("ask for American").fidelity == "verbatim"


def test_a_quotation_does_not_end_inside_a_word_of_the_source():
    match = located("reports, northern force")
    assert match.fidelity == "near-verbatim" and match.selector.exact == "reports, northern forces"
    assert [(d.quote, d.source) for d in match.diff] == [("force", "forces")]


# -- normalising: ellipses, quote marks, dashes, hyphenation -------------------------------


@pytest.mark.parametrize("ellipsis", ["...", "…", ". . .", "[...]", " [ … ] "])
def test_an_ellipsis_matches_a_gap_in_order(ellipsis):
    match = located(f"northern forces crossed the parallel{ellipsis}by some 10 tanks")
    assert match.fidelity == "verbatim" and match.score == 1.0
    assert match.selector.exact.startswith("northern forces crossed the parallel at four points")
    assert match.selector.exact.endswith("by some 10 tanks")


def test_ellipsis_pieces_must_come_in_the_order_of_the_source():
    assert located("by some 10 tanks ... northern forces crossed the parallel") is None


def test_an_ellipsis_cannot_stand_for_a_whole_book():
    text = "The attack began at dawn. " + "Nothing happened. " * 50 + "The front was quiet."
    assert located("The attack began at dawn … The front was quiet", text).fidelity == "verbatim"
    far = "The attack began at dawn. " + "Nothing happened. " * 200 + "The front was quiet."
    assert located("The attack began at dawn … The front was quiet", far) is None


def test_ellipses_tolerate_noise_in_each_piece():
    match = located(
        "northern forces crossed the paralle1 at four points ... captured at 9 a.m. by sorne 10 tanks"
    )
    assert match.fidelity == "near-verbatim"
    assert match.selector.exact.startswith("northern forces") and match.selector.exact.endswith("10 tanks")


def test_a_bracketed_interpolation_stands_for_the_words_it_replaces():
    text = "He said that the Ambassador, Comrade Roshchin, would bring the reply."
    match = located("the [Soviet] Ambassador, Comrade [N.V.] Roshchin, would bring the reply", text)
    assert match.fidelity == "verbatim"
    assert located("[Stalin] said that the Ambassador", text).selector.exact == "said that the Ambassador"


def test_curly_quotes_and_dashes_match_straight_ones():
    text = "Kim said: “We can’t wait—the south is ready to rise.”"
    match = located("We can't wait -- the south is ready to rise", text)
    assert match.fidelity == "verbatim"
    assert match.selector.exact == "We can’t wait—the south is ready to rise"


def test_a_quotation_inside_a_quotation_matches_either_kind_of_mark():
    text = 'Mao replied that "the Americans will not dare" to cross, and smiled.'
    match = located("Mao replied that 'the Americans will not dare' to cross", text)
    assert match.fidelity == "verbatim"
    assert match.selector.exact == 'Mao replied that "the Americans will not dare" to cross'


def test_a_word_broken_at_a_line_end_is_joined():
    text = "The delegation of the Ko-\nrean Workers Party arrived by rail-\nway on Monday."
    match = located("the Korean Workers Party arrived by railway", text)
    assert match.fidelity == "verbatim"
    assert match.selector.exact == "the Ko-\nrean Workers Party arrived by rail-\nway"


def test_a_dash_or_a_capital_at_a_line_end_is_no_broken_word():
    text = "They would attack—\nand soon. The Pak-\nKim faction agreed."
    assert located("attack - and soon", text).fidelity == "verbatim"
    assert located("The Pak-Kim faction agreed", text).fidelity == "verbatim"


def test_line_breaks_and_runs_of_spaces_are_one_space():
    text = "Action was\n\ninitiated   about 4 a. m.\tyesterday"
    assert located("action was initiated about 4 a. m. yesterday", text).selector.exact == text


def test_a_frus_page_marker_is_invisible_to_a_quotation():
    text = "with some 10 tanks participating in operation.\n\n[Page 126]\n\nIt would appear from nature of attack"
    match = located("participating in operation. It would appear", text)
    assert match.fidelity == "verbatim" and "[Page 126]" in match.selector.exact


def test_compatibility_characters_and_accents_are_normalised():
    text = "The ﬁnal communiqué of the Politburo"
    assert located("the final communique\u0301 of the politburo", text).selector.exact == text


# -- offsets and selectors -------------------------------------------------------------------


def test_selector_at_the_start_of_a_text_has_an_empty_prefix():
    match = located("925. According to army reports")
    assert match.start == 0 and match.selector.prefix == ""


def test_selector_at_the_end_of_a_text_has_an_empty_suffix():
    match = located("it is an all-out offensive")
    assert match.end == len(TELEGRAM) - 1 and match.selector.suffix == "."


def test_offsets_are_code_points_even_after_wide_characters():
    text = "Ｔｈｅ 中国人民志愿军 crossed the Yalu on 19 October."
    match = located("crossed the Yalu on 19 October", text)
    assert text[match.start : match.end] == "crossed the Yalu on 19 October"


words = st.lists(st.text(alphabet="abcdeéﬁ’—“”ABC", min_size=1, max_size=6), min_size=1, max_size=30)
gaps = st.sampled_from([" ", "  ", "\n", " — ", ", ", "\n\n"])


@settings(max_examples=150, deadline=None)
@given(words, gaps, st.data())
def test_any_run_of_whole_words_of_a_text_is_found_verbatim(tokens, gap, data):
    text = gap.join(tokens)
    i = data.draw(st.integers(0, len(tokens) - 1))
    j = data.draw(st.integers(i + 1, len(tokens)))
    quote = gap.join(tokens[i:j])
    if not any(c.isalnum() for c in normalize(quote).text):
        return
    match = located(quote, text)
    assert match is not None and match.fidelity == "verbatim"
    assert normalize(match.selector.exact).text == normalize(quote).text.strip(" '.,;:!?-")


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_normalising_maps_every_character_back_into_the_raw_text(raw):
    norm = normalize(raw)
    assert len(norm.text) == len(norm.starts) == len(norm.ends)
    assert all(0 <= a < b <= len(raw) for a, b in zip(norm.starts, norm.ends, strict=True))
    assert list(norm.starts) == sorted(norm.starts)
    once = folded(raw)
    assert folded(once.text).text == once.text


def test_ordinary_prose_normalises_to_itself_harmless_forms_and_all():
    for raw in ("Co-operate\nwith the Ko-\nrean side", "a 38th  parallel — “crossed”", "per cent"):
        once = normalize(raw).text
        assert normalize(once).text == once


# -- errors ------------------------------------------------------------------------------


@pytest.mark.parametrize("quote", ["", "   ", "...", "“ ”", "[Page 3]"])
def test_a_quotation_without_words_is_an_error(quote):
    with pytest.raises(AnchorError, match="no words") as raised:
        anchor_in_text(quote, TELEGRAM)
    assert raised.value.field == "quote" and raised.value.hint


# -- anchoring in a store -----------------------------------------------------------------


@dataclass
class Doc:
    text: str


class TinyStore:
    """An in-memory stand-in for fontes.corpus.store.Store: candidates by shared words."""

    def __init__(self, texts: dict[str, str]):
        self.docs = {id_: Doc(text) for id_, text in texts.items()}
        self.fetched: list[str] = []
        self.asked: list[tuple[str, int]] = []

    def candidates(self, text: str, limit: int = 10) -> list[str]:
        self.asked.append((text, limit))
        words = set(re.findall(r"\w+", text.lower()))
        shared = {id_: len(words & set(re.findall(r"\w+", d.text.lower()))) for id_, d in self.docs.items()}
        return [id_ for id_ in sorted(shared, key=lambda i: -shared[i]) if shared[id_]][:limit]

    def get(self, id_: str) -> Doc | None:
        self.fetched.append(id_)
        return self.docs.get(id_)


@pytest.fixture
def store() -> TinyStore:
    return TinyStore(
        {
            "seoul-925": TELEGRAM,
            "moscow-12": "Gromyko said the Soviet Government regarded the events in Korea as an internal "
            "affair of the Koreans and would not interfere.",
            "peking-3": "Zhou told the Indian Ambassador that if the Americans crossed the parallel China "
            "would intervene; the South Koreans crossing alone would not matter.",
            **{
                f"filler-{n}": f"Routine report number {n} on supplies of rice and coal to the ports."
                for n in range(30)
            },
        }
    )


def test_anchor_quote_finds_the_source_among_the_candidates(store):
    anchor = anchor_quote("regarded the events in Korea as an internal affair of the Koreans", store)
    assert anchor.source == "moscow-12" and anchor.fidelity == "verbatim"
    assert store.docs["moscow-12"].text[anchor.start : anchor.end] == anchor.selector.exact


def test_anchor_quote_aligns_only_the_candidates(store):
    anchor_quote("if the Americans crossed the parallel China would not intervene", store, candidates=3)
    assert store.asked == [("if the americans crossed the parallel china would not intervene", 3)]
    assert len(store.fetched) <= 3


def test_the_candidates_are_asked_for_with_the_gaps_of_the_quotation(store):
    anchor = anchor_quote("if the Americans crossed the parallel … China would intervene", store)
    assert store.asked == [("if the americans crossed the parallel … china would intervene", 10)]
    assert (anchor.source, anchor.fidelity) == ("peking-3", "verbatim")


def test_anchor_quote_reports_a_misquote_with_its_source(store):
    anchor = anchor_quote("if the Americans crossed the parallel China would not intervene", store)
    assert (anchor.source, anchor.fidelity) == ("peking-3", "misquote")
    assert [d.meaning for d in anchor.diff] == ["negation"]


def test_once_a_candidate_holds_a_misquote_the_others_are_not_searched_for_a_paraphrase(store, monkeypatch):
    from fontes.anchor import fidelity

    searched, search = [], fidelity._paraphrase
    monkeypatch.setattr(
        fidelity, "_paraphrase", lambda quote, text: searched.append(text) or search(quote, text)
    )
    anchor = anchor_quote("if the Americans crossed the parallel China would not intervene", store)
    assert (anchor.source, anchor.fidelity) == ("peking-3", "misquote")
    assert store.fetched[0] == "peking-3" and len(store.fetched) == 10 and searched == []


def test_a_text_lacking_most_of_the_quotations_words_is_not_split_into_words(monkeypatch):
    from fontes.anchor import paraphrase

    monkeypatch.setattr(paraphrase, "_words_of", lambda text: pytest.fail("the text was split"))
    quote = normalize("The Ambassador doesn't think the Government will request American troops").text
    assert (
        paraphrase.find_paraphrase(quote, normalize("Routine report on supplies of rice and coal.").text)
        is None
    )


def test_anchor_quote_in_one_named_source(store):
    anchor = anchor_quote("Kaesong was captured at 9 a.m.", store, source_id="seoul-925")
    assert (anchor.source, anchor.fidelity, store.fetched) == ("seoul-925", "verbatim", ["seoul-925"])
    missing = anchor_quote("Kaesong was captured at 9 a.m.", store, source_id="moscow-12")
    assert missing == Anchor(source="moscow-12", fidelity="not-found")


def test_an_unknown_source_id_is_an_error_with_a_hint(store):
    with pytest.raises(AnchorError, match="no source 'seoul-926'") as raised:
        anchor_quote("Kaesong was captured", store, source_id="seoul-926")
    assert raised.value.field == "source" and "fontes search" in raised.value.hint


def test_a_quotation_found_nowhere_is_not_found_without_a_source(store):
    anchor = anchor_quote("The Chinese volunteers crossed the Yalu in secret on 19 October.", store)
    assert anchor == Anchor(source=None, fidelity="not-found")


def test_the_batch_line_shape(store):
    line = anchor_quote("Kaesong was captnred at 9 a.m. by some 10 tanks", store).to_json(id="e1")
    assert list(line) == ["id", "source", "start", "end", "fidelity", "score", "selector", "diff"]
    assert line["id"] == "e1" and line["fidelity"] == "near-verbatim"
    assert line["selector"]["type"] == "TextQuoteSelector"
    assert set(line["selector"]) == {"type", "exact", "prefix", "suffix"}
    assert line["diff"] == [{"quote": "captnred", "source": "captured", "meaning": None}]
    assert Anchor(source=None, fidelity="not-found").to_json()["selector"] is None


# -- the shared Korea corpus, through the real store -----------------------------------------


@pytest.fixture(scope="module")
def korea_store(tmp_path_factory):
    if not KOREA_JSONL.exists():
        pytest.skip("../shared/corpus/korea1950 is not beside the project; CI always has it")
    from fontes.corpus.ingest import ingest_paths
    from fontes.corpus.store import Store

    with Store(tmp_path_factory.mktemp("anchor") / "corpus.db") as opened:
        ingest_paths([KOREA_JSONL], opened)
        yield opened


def sentence_of(text: str, *, having: str) -> str:
    """The first sentence of `text` that matches the regular expression `having`."""
    for sentence in re.split(r"(?<=[a-z]\.)\s+(?=[A-Z])|\n", text):
        if re.search(having, sentence):
            return sentence.strip()
    raise AssertionError(f"no sentence with {having!r}")


def ocr_noise(sentence: str) -> str:
    """Misread every 9th of the letters e, i, n, r, t the way OCR does (e->c, i->l, n->u, ...)."""
    misread = str.maketrans("einrt", "clunf")
    chars = list(sentence)
    for i in [i for i, c in enumerate(sentence) if c in "einrt"][4::9]:
        chars[i] = chars[i].translate(misread)
    return "".join(chars)


KNOWN = "frus1950v07-d59"  # Muccio's first report of the attack, 25 June 1950


@needs_shared
def test_korea_verbatim_noisy_misquoted_and_paraphrased(korea_store):
    text = korea_store.get(KNOWN).text
    sentence = sentence_of(text, having=r"\binvaded\b")

    verbatim = anchor_quote(sentence, korea_store)
    assert (verbatim.source, verbatim.fidelity) == (KNOWN, "verbatim")
    assert text[verbatim.start : verbatim.end] == verbatim.selector.exact

    noisy = anchor_quote(ocr_noise(sentence), korea_store)
    assert ocr_noise(sentence) != sentence
    assert (noisy.source, noisy.fidelity) == (KNOWN, "near-verbatim")

    negated = anchor_quote(sentence.replace(" invaded ", " did not invade ", 1), korea_store)
    assert (negated.source, negated.fidelity) == (KNOWN, "misquote")
    assert [d.meaning for d in negated.diff] == ["negation"]


@needs_shared
def test_korea_changed_number_is_a_misquote_naming_it(korea_store):
    text = korea_store.get(KNOWN).text
    sentence = sentence_of(text, having=r"\s\d{1,2}\s[a-z]")
    number = re.search(r"(?<=\s)\d{1,2}(?=\s[a-z])", sentence).group()
    changed = anchor_quote(sentence.replace(f" {number} ", f" {int(number) + 7} ", 1), korea_store)
    assert (changed.source, changed.fidelity) == (KNOWN, "misquote")
    assert [(d.source, d.meaning) for d in changed.diff] == [(number, "number")]


@needs_shared
def test_korea_paraphrase_and_fabrication(korea_store):
    paraphrase = anchor_quote(
        "This morning the forces of North Korea invaded the territory of the ROK at a number of points",
        korea_store,
    )
    assert (paraphrase.source, paraphrase.fidelity) == (KNOWN, "paraphrase")

    fabricated = anchor_quote(
        "Stalin ordered Kim Il Sung to attack the South before the Americans could send troops to Korea.",
        korea_store,
    )
    assert fabricated == Anchor(source=None, fidelity="not-found")


def test_a_short_quotation_with_a_word_put_for_another_is_a_misquote_naming_both():
    source = (
        "The council judged that the garrison lacked the strength to hold the harbour through the winter."
    )
    match = anchor_in_text("the garrison lacked the courage to hold the harbour", source)
    assert match is not None and match.fidelity == "misquote"
    assert [(d.quote, d.source) for d in match.diff] == [("courage", "strength")]
    # words added as well as changed are no longer the source's words with one replaced
    assert anchor_in_text("the young garrison lacked the courage to hold the old harbour", source) is None
