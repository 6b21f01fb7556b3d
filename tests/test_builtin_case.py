"""The built-in korea-1950 case: the questions as historians argue them, anchored in the sources it cites.

These are the acceptance checks of the case: every hypothesis a position someone holds, each
question with a horizon and nothing counted for it that happened later, schools that differ in
their priors and in how they read the documents, a flip set for every verdict, and the core
documents of the shared corpus weighed with their words verbatim.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from fontes.case import builtin_case_path, check_case, load_case
from fontes.dates import parse_date


@pytest.fixture(scope="module")
def case():
    return load_case()


@pytest.fixture(scope="module")
def verdict(case):
    from fontes import weigh

    return weigh(case, draws=500)


def folded(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_builtin_case_has_no_problems():
    assert [str(p) for p in check_case(builtin_case_path())] == []


def test_the_start_and_the_escalation_are_asked_as_historians_ask_them(case):
    hyps = {q.id: set(q.hypothesis_ids()) for q in case.questions}
    assert {"kim-initiative", "stalin-decision", "southern-provocation"} <= hyps["initiation"]
    assert {"civil-war-continuum", "new-war"} == hyps["continuum"]
    assert {"us-advance-reaction", "mao-choice", "sino-soviet-bargain"} <= hyps["china-entry"]
    assert {"crossing", "widening"} <= set(hyps)
    assert "joint-decision" not in hyps["initiation"]  # it overlapped Kim's own hypothesis


def test_every_hypothesis_is_held_by_a_work_and_denies_each_rival(case):
    for question in case.questions:
        for h in question.hypotheses:
            assert h.held_by, f"{question.id}.{h.id} names no work that holds it"
            assert all(w.author and w.year and w.title for w in h.held_by)
            assert set(h.denies) == set(question.hypothesis_ids()) - {h.id}, f"{question.id}.{h.id}"
    assert "independently of the American advance" not in case.question("china-entry").hypotheses[1].text


def test_at_least_four_questions_each_with_a_horizon_and_nothing_later_counted(case, verdict):
    assert len(case.questions) >= 4
    by_id = {e.id: e for e in case.evidence}
    for question in verdict.questions:
        assert question.horizon, question.id
        horizon_end = parse_date(question.horizon).latest
        for weight in question.evidence:
            item = by_id[weight.id]
            about = item.about or case.source(item.source).date
            assert about is None or parse_date(about).earliest <= horizon_end, (question.id, weight.id)
        for late in question.after_horizon:
            assert parse_date(late.about).earliest > horizon_end, (question.id, late.id)
    entry = next(q for q in verdict.questions if q.id == "china-entry")
    assert "macarthur-lifts-restrictions-24-oct" not in {w.id for w in entry.evidence}  # after 13 October


def test_at_least_eight_schools_with_priors_of_their_own_each_citing_its_works(case):
    schools = [s for s in case.schools if s.id not in ("uniform", "essay")]
    assert len(schools) >= 8
    for school in schools:
        assert school.cites, f"{school.id} cites no work"
        assert set(school.priors) == {q.id for q in case.questions}, school.id
    seen: dict[tuple, str] = {}
    for school in case.schools:
        for qid, prior in school.priors.items():
            key = (qid, tuple(sorted(prior.items())))
            assert key not in seen, f"{school.id} copies {seen.get(key)}'s priors on {qid}"
            seen[key] = school.id
    cites = {s.id: " ".join(s.cites) for s in case.schools}
    for school, names in {
        "revisionist": ["Cumings"],
        "post-revisionist": ["Stueck", "Weathersby"],
        "reactive-china": ["Whiting", "Foot"],
        "chen-jian": ["Chen Jian"],
        "shen-zhihua": ["Shen Zhihua"],
        "russian-archival": ["Torkunov"],
    }.items():
        for name in names:
            assert name in cites[school], f"{school} does not cite {name}"


def test_at_least_seven_items_are_read_differently_by_schools_with_their_works(case):
    read = [e for e in case.evidence if e.readings]
    assert len(read) >= 7
    school_ids = {s.id for s in case.schools}
    for item in read:
        for school, reading in item.readings.items():
            assert school in school_ids
            assert reading.work or reading.note, (item.id, school)
            assert reading.bears_on != {q: item.bears_on.get(q) for q in reading.bears_on}, (item.id, school)


def test_every_question_has_a_flip_set_said_in_words_and_a_leader_under_each_school(case, verdict):
    for question in verdict.questions:
        assert question.flip.words, question.id
        assert question.flip.count == len(question.flip.items)
        assert set(question.school_leaders) == {s.id for s in case.schools}
        assert all(leader in question.schools[s] for s, leader in question.school_leaders.items())


def test_the_schools_reach_conclusions_of_their_own(verdict):
    """Readings and priors together: on each contested question, some schools lead elsewhere."""
    for qid in ("initiation", "china-entry"):
        question = next(q for q in verdict.questions if q.id == qid)
        assert len(set(question.school_leaders.values())) >= 2, qid


def test_the_core_documents_of_the_corpus_are_weighed(case):
    weighed = {e.source for e in case.evidence}
    core = {
        "wcda-notes-conversation-stalin-kim-il-sung-delegation-1949-03-05",
        "dsb-acheson-crisis-in-asia-speech-1950-01-12",
        "wcda-statement-president-truman-korea-1950-06-27",
        "wcda-letter-filipov-soviet-ambassador-prague-gottwald-1950-08-27",
    }
    assert core <= weighed, sorted(core - weighed)
    additions = {
        "frus1949v07p2-d242",
        "cwihp-ciphered-telegram-shtykov-vyshinsky-1950-05-12",
        "cwihp-ciphered-telegram-filippov-roshchin-zhou-enlai-1950-07-05",
        "wcda-report-zhou-enlai-nie-rongzhen-mao-1950-07-22",
        "wcda-politburo-decision-draft-telegram-chanfu-matveyev-1950-09-30",
        "mzdwj6-order-forming-chinese-peoples-volunteers-1950-10-08",
        "mzd-telegram-mao-kim-il-sung-via-ni-zhiliang-1950-10-08",
        "mzdwj6-telegram-mao-zhou-enlai-1950-10-13",
    }
    assert len(additions & weighed) >= 4, sorted(additions - weighed)


def test_a_chinese_quotation_is_in_the_original_words_with_its_translation_named(case):
    chinese = [e for e in case.evidence if re.search(r"[\u4e00-\u9fff]", e.quote)]
    assert chinese
    for item in chinese:
        assert "translation" in item.note.lower(), item.id


def test_actors_with_the_aliases_the_sources_use(case):
    assert len(case.actors) >= 20
    names = {a.id: set(a.names()) for a in case.actors}
    assert {"Filippov", "Fyn Si", "Feng Xi"} <= names["stalin"]
    for actor in ["shtykov", "mun-il", "pak-hon-yong", "roshchin", "kovalev", "panikkar", "marshall"]:
        assert actor in names


def test_enough_sources_events_and_evidence(case):
    assert len(case.sources) >= 45
    assert len(case.events) >= 50
    by_question = {q.id: [e for e in case.evidence if q.id in e.bears_on] for q in case.questions}
    assert all(len(items) >= 5 for items in by_question.values()), {q: len(i) for q, i in by_question.items()}


def test_events_span_1945_to_1950_and_cite_sources(case):
    dates = [parse_date(e.date) for e in case.events]
    assert min(d.earliest for d in dates) <= dt.date(1945, 8, 31)
    assert max(d.latest for d in dates) >= dt.date(1950, 12, 1)
    assert all(e.sources for e in case.events)


def test_evidence_says_what_it_shows(case):
    for item in case.evidence:
        for qid, row in item.bears_on.items():
            assert set(row) == set(case.question(qid).hypothesis_ids()), item.id
        assert item.note, f"{item.id} has no note saying what it shows"


def test_source_metadata_matches_the_corpus(case, korea_documents):
    matched = 0
    for source in case.sources:
        doc = korea_documents.get(source.id)
        if doc is None:
            assert source.url or source.note, (
                f"{source.id} is not in the corpus and says nowhere where it is printed"
            )
            continue
        matched += 1
        assert source.title.startswith(doc["title"]), source.id  # a case may add a translation of the title
        for field in ("date", "url", "archive", "archive_ref"):
            assert str(getattr(source, field) or "") == str(doc.get(field) or ""), (source.id, field)
    assert matched >= 40


def test_the_report_names_a_leader_for_each_question(verdict):
    for qv in verdict.questions:
        assert abs(sum(h.posterior for h in qv.hypotheses) - 1) < 1e-9
        assert qv.leader == qv.hypotheses[0].id


def test_check_case_with_the_shared_corpus_finds_every_quote_verbatim(case, korea_documents, tmp_path):
    from conftest import SHARED_CORPUS

    from fontes.anchor.case_quotes import check_quotes
    from fontes.corpus import Store, ingest_paths

    with Store(tmp_path / "corpus.db") as store:
        assert not ingest_paths([SHARED_CORPUS], store).failed
        checks = check_quotes(case, store)
    assert [c.item.id for c in checks if not c.ok] == []
    assert len(checks) == len(case.evidence)
