"""The names check: misspelt names of the case's actors, and offices or acts the sources give otherwise.

Small essays are written here and read by the real reader, against the built-in korea-1950 case
(and the shared corpus where a test needs the sources' texts) and against an invented case, the
fall of Kessel, to show the check is the same for any case.
"""

from __future__ import annotations

import pytest
from conftest import KOREA_JSONL, needs_shared
from seed_audit import seed_audit
from toy_archive import toy_context

from fontes.audit.checks.names import check_names
from fontes.audit.context import Audit
from fontes.audit.reading.read import essay_from_text
from fontes.case import load_case
from fontes.corpus import Store, ingest_paths


@pytest.fixture(scope="module")
def case():
    return load_case()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    if not KOREA_JSONL.exists():
        pytest.skip("../shared/corpus/korea1950 is not beside the project; CI always has it")
    store = Store(tmp_path_factory.mktemp("names") / "corpus.db")
    ingest_paths([KOREA_JSONL], store)
    return store


def check(text: str, case, store=None):
    essay = essay_from_text(text)
    return [
        (f.kind, f.severity, essay.text[f.location.start : f.location.end], f)
        for f in check_names(essay, Audit(case=case, store=store))
    ]


def kinds(text: str, case, store=None):
    return [(kind, severity, words) for kind, severity, words, _ in check(text, case, store)]


# -- (a) name variants ---------------------------------------------------------------------------


def test_a_slip_in_a_surname_is_a_warning_giving_the_attested_spellings(case):
    [(kind, severity, words, finding)] = check("The Soviet envoy Terentii Shytkov met Kim in 1949.", case)
    assert (kind, severity, words) == ("name-variant", "warning", "Terentii Shytkov")
    assert "Terentii Shtykov" in finding.message and "T.F. Shtykov" in finding.message
    assert finding.evidence[0].source == "actor:shtykov"


def test_a_slip_in_a_korean_name_with_its_office_is_a_warning(case):
    assert kinds("Kim sent his secretary, Mum Il, to the embassy.", case) == [
        ("name-variant", "warning", "Mum Il")
    ]


def test_swapped_letters_in_one_word_are_a_warning(case):
    assert kinds("Vyshinksy answered Mao.", case) == [("name-variant", "warning", "Vyshinksy")]


def test_attested_aliases_and_spellings_are_never_flagged(case):
    text = (
        "Filippov wrote to Mao; Fyn Si and Feng Xi are Stalin too, as is I.V. Stalin. Kim Il-sung, Kim Ir Sen, "
        "Chou En-lai, Zhou En-lai, Mao Tse-tung, Shtytkov, Shtraus, Matveyev and Pak Heon-yeong all appear in "
        "the sources. Comrade Filippov agreed."
    )
    assert check(text, case) == []


@needs_shared
def test_a_spelling_the_sources_themselves_use_is_not_flagged(case, corpus):
    # FRUS writes "Ambassador Shtikov" (despatch 564 of 14 September 1949)
    assert check("Ambassador Shtikov was away in September 1949.", case, corpus) == []


def test_other_people_titles_and_ordinary_words_are_not_flagged(case):
    text = (
        "Kim Il went to Beijing in May 1949. Kim Young-Sam received the documents in 1994. Marshal Stalin "
        "received the delegation. Anderson wrote about the war, and so did Weathersby, Cumings and Stueck. "
        "Despite this, Atcheson is a name some writers use."
    )
    assert check(text, case) == []


def test_a_one_word_slip_needs_something_besides_the_spelling(case):
    assert check("Atcheson spoke to the press.", case) == []  # one letter, nothing else: could be anyone
    assert kinds("Secretary of State Atcheson spoke to the press.", case) == [
        ("name-variant", "warning", "Atcheson")
    ]  # the office is Acheson's


def test_names_inside_quotations_are_left_to_the_quotation_check(case):
    assert check("Tunkin wrote: “Mum Il came to me on September 3”.", case) == []


# -- (b) offices against the role and the sources' titles ------------------------------------------


def test_a_charge_called_an_ambassador_is_an_error_citing_the_frus_title(case):
    [(kind, severity, words, finding)] = check(
        "Ambassador Drumright reported on 25 April 1950 that the guerrillas had been broken up.", case
    )
    assert (kind, severity, words) == ("office-mismatch", "error", "Ambassador Drumright")
    assert finding.evidence[0].source == "actor:drumright"
    assert ("frus1950v07-d25", "The Chargé in Korea (Drumright) to the Secretary of State") in [
        (e.source, e.quote) for e in finding.evidence
    ]


def test_a_foreign_minister_called_a_premier_is_an_error(case):
    assert kinds("Premier Pak Hon-yong went with Kim to Moscow.", case) == [
        ("office-mismatch", "error", "Premier Pak Hon-yong")
    ]


def test_an_office_before_the_role_began_is_an_error_and_after_it_is_right(case):
    early = "On 1 September 1950 Secretary of Defense Marshall wrote to the President."
    [(kind, _, _, finding)] = check(early, case)
    assert kind == "office-mismatch" and "only from 21 September 1950" in finding.message
    assert check("On 29 September 1950, Marshall, the secretary of defense, cabled MacArthur.", case) == []


def test_an_envoy_called_the_leader_of_the_occupation_forces_at_a_date_the_sources_give_another_office(case):
    [(kind, severity, words, finding)] = check(
        "On 25 June 1950 Muccio, the leader of the American occupation forces, reported the attack.", case
    )
    assert (kind, severity) == ("office-mismatch", "warning")
    assert words == "Muccio, the leader of the American occupation forces"
    assert "at that time The Ambassador in Korea (Muccio) to the Secretary of State" in finding.message
    assert "dated 25 June 1950" in finding.message
    [(_, severity, _, _)] = check(
        "In a telegram of June 1950, Muccio, the leader of the occupation forces, wrote.", case
    )
    assert severity == "warning"
    # no source of the day gives another office, or a commander in chief: nothing to say
    assert (
        check("On 10 March 1946 Shtykov, the head of the Soviet occupation forces, met Kim Il Sung.", case)
        == []
    )
    assert (
        check("On 1 July 1950 MacArthur, the head of the occupation forces in Japan, flew to Korea.", case)
        == []
    )


def test_offices_the_sources_give_raise_nothing(case):
    text = (
        "On 3 October 1950 Zhou Enlai met K.M. Panikkar, the Indian envoy to China. Foreign Minister Zhou "
        "spoke for Premier Zhou's government. MacArthur, the commander in chief, and President Truman met at "
        "Wake Island. The Chargé in Korea (Drumright) wrote to the Secretary of State. Stalin's envoy Kovalev, "
        "the chargé Tunkin and Kim's secretary, Mun Il, were there. Chairman Mao and Chairman Kim agreed."
    )
    assert check(text, case) == []


def test_an_office_someone_held_before_or_after_is_not_checked_when_the_essay_says_so(case):
    assert check("The former ambassador Tunkin and the later Foreign Minister Gromyko met.", case) == []


def test_an_office_no_actor_of_the_case_holds_raises_nothing(case):
    assert (
        check("Additionally, the Indian president warned China that the UN would not cross [2].", case) == []
    )


# -- (b) acts the records of that day give to someone else --------------------------------------------


def test_an_act_the_days_records_give_to_another_official_is_an_error(case):
    text = (
        "On 3 September 1949 Mun Il came to the Soviet ambassador Shtykov with Kim's request to seize Ongjin."
    )
    [(kind, severity, words, finding)] = check(text, case)
    assert (kind, severity, words) == ("office-mismatch", "error", "ambassador Shtykov")
    assert "Grigorii Tunkin" in finding.message
    assert finding.evidence[0].source == "wcda-telegram-tunkin-vyshinsky-1949-09-03"


@needs_shared
def test_the_days_record_quotes_its_own_words(case, corpus):
    text = (
        "On 3 September 1949 Mun Il came to the Soviet ambassador Shtykov with Kim's request to seize Ongjin."
    )
    [(_, _, _, finding)] = check(text, case, corpus)
    assert finding.evidence[0].quote.startswith(
        "On September 3 the personal secretary of Kim Il Sung, Mun Il"
    )


@needs_shared
def test_a_message_the_days_record_shows_as_sent_by_another_is_a_warning_when_it_names_the_essays_sender(
    case, corpus
):
    [(kind, severity, words, finding)] = check(
        "The telegraph from Mao to Stalin on 13 May 1950 asked for clarifications.", case, corpus
    )
    assert (kind, severity, words) == ("office-mismatch", "warning", "Mao")
    assert "Nikolai Roshchin" in finding.message
    assert "following the instructions of Mao Zedong" in finding.evidence[0].quote


def test_the_right_official_or_sender_raises_nothing(case):
    text = (
        "On 3 September 1949 Mun Il came to the chargé Tunkin. On 12 May 1950 Kim told the Soviet ambassador "
        "Shtykov about Mao's remarks. On 13 May 1950 Roshchin cabled Stalin. Stalin sent Mao a telegram on "
        "14 May 1950."
    )
    assert check(text, case) == []


# -- any case: the invented fall of Kessel ----------------------------------------------------------


def test_the_check_works_on_any_case(tmp_path):
    text = (
        "Chancellor Weber met Lenz on 12 May 1921. Ambassador Hart reported on 2 July 1921. Otto Brant then "
        "accepted the ceasefire. Governor Lenz held out, and Minister Hart was told that no ships would come."
    )
    findings = check_names(essay_from_text(text), toy_context(tmp_path))
    assert [(f.kind, f.severity) for f in findings] == [
        ("office-mismatch", "error"),
        ("office-mismatch", "error"),
        ("name-variant", "warning"),
    ]
    assert "Foreign Minister of Ruritania" in findings[0].message
    assert ("frus1921v02-d15", "The Minister in Ruritania (Hart) to the Secretary of State") in [
        (e.source, e.quote) for e in findings[1].evidence
    ]


def test_an_empty_essay_raises_nothing(case):
    assert check("", case) == []


# -- the seed essay ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    essay, context = seed_audit(tmp_path_factory)
    return essay, check_names(essay, context)


@needs_shared
def test_the_seed_essay_has_four_name_and_office_findings_each_verified_against_the_sources(seed):
    essay, findings = seed
    assert [(f.kind, f.severity, essay.text[f.location.start : f.location.end]) for f in findings] == [
        ("name-variant", "warning", "Terentii Shytkov"),
        ("name-variant", "warning", "Mum Il"),
        ("office-mismatch", "error", "envoy Terentii Shytkov"),
        ("office-mismatch", "warning", "Mao"),
    ]


@needs_shared
def test_the_seed_envoy_of_3_september_was_the_charge_tunkin(seed):
    _, findings = seed
    [finding] = [f for f in findings if f.kind == "office-mismatch" and f.severity == "error"]
    assert "Grigorii Tunkin" in finding.message and "do not name Terentii Shtykov" in finding.message
    assert [e.source for e in finding.evidence] == [
        "wcda-telegram-tunkin-vyshinsky-1949-09-03",
        "mun-il-ongjin-request-1949-09-03",
        "actor:tunkin",
    ]


@needs_shared
def test_the_seed_marshall_panikkar_macarthur_and_drumright_offices_are_right(seed):
    essay, findings = seed
    flagged = {essay.text[f.location.start : f.location.end] for f in findings}
    assert not any(
        name in words for words in flagged for name in ("Marshall", "Panikkar", "MacArthur", "Drumright")
    )


DIRECTIVE_LIST = "\n\n## References\n\n[1] FRUS, (1950), *Korea, Volume VII Document 553*.\n"


def test_a_sentence_without_a_day_gives_an_office_on_the_day_of_the_document_it_cites(case, corpus):
    # frus1950v07-d553: "The Secretary of Defense (Marshall) to the President", September 1950;
    # the case dates Marshall's State Department years 1947-1949
    wrong = (
        "# The directive\n\nSecretary of State Marshall then sent the draft directive to the President [1]."
    )
    [finding] = [f for *_, f in check(wrong + DIRECTIVE_LIST, case, corpus) if f.kind == "office-mismatch"]
    assert "on 27 September 1950" in finding.message and "secretary of state" in finding.message
    right = wrong.replace("Secretary of State", "Secretary of Defense")
    assert [k for k, *_ in check(right + DIRECTIVE_LIST, case, corpus) if k == "office-mismatch"] == []
    unmarked = wrong.replace(" [1].", ".")
    assert [k for k, *_ in check(unmarked + DIRECTIVE_LIST, case, corpus) if k == "office-mismatch"] == []


def test_an_ambassador_given_the_post_the_case_gives_another_ambassador_of_his_country(case):
    wrong = "# Envoys\n\nIn November 1950 the American ambassador in India, Alan Kirk, saw a pattern in it."
    [(kind, severity, words)] = kinds(wrong, case)
    assert (kind, severity, words) == ("office-mismatch", "error", "ambassador in India, Alan Kirk")
    [(*_, finding)] = check(wrong, case)
    assert "US Ambassador to the Soviet Union" in finding.message and "Henderson" in finding.message
    assert kinds(wrong.replace("in India", "in the Soviet Union"), case) == []
    # no other Soviet ambassador holds a post in China: another name for his own post is no mismatch
    assert kinds("# Envoys\n\nIn October 1950 the Soviet ambassador to China, Roshchin, saw Mao.", case) == []
