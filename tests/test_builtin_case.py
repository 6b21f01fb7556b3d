"""The built-in korea-1950 case: complete, valid, and anchored in the sources it cites."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from fontes.case import builtin_case_path, check_case, load_case
from fontes.dates import parse_date


@pytest.fixture(scope="module")
def case():
    return load_case()


def folded(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_builtin_case_has_no_problems():
    assert [str(p) for p in check_case(builtin_case_path())] == []


def test_questions_and_hypotheses(case):
    hyps = {q.id: q.hypothesis_ids() for q in case.questions}
    assert {"stalin-directed", "kim-initiated", "joint-decision", "civil-war"} <= set(hyps["initiation"])
    assert {"us-advance", "mao-choice", "stalin-pressed", "macarthur"} <= set(hyps["escalation"])


def test_schools_cite_their_scholars(case):
    cites = {s.id: " ".join(s.cites) for s in case.schools}
    assert {"uniform", "traditionalist", "revisionist", "post-revisionist", "chinese-scholarship", "essay"} <= set(cites)
    for school, names in {"traditionalist": ["Rees", "Dallin", "Slusser"], "revisionist": ["Cumings"],
                          "post-revisionist": ["Stueck", "Weathersby"],
                          "chinese-scholarship": ["Chen Jian", "Niu Jun"]}.items():
        for name in names:
            assert name in cites[school], f"{school} does not cite {name}"
    for school in case.schools:
        assert set(school.priors) == {"initiation", "escalation"}


def test_actors_with_the_aliases_the_sources_use(case):
    assert len(case.actors) >= 20
    names = {a.id: set(a.names()) for a in case.actors}
    assert {"Filippov", "Fyn Si", "Feng Xi"} <= names["stalin"]
    for actor in ["shtykov", "mun-il", "pak-hon-yong", "roshchin", "kovalev", "panikkar", "marshall"]:
        assert actor in names


def test_enough_sources_events_and_evidence(case):
    assert len(case.sources) >= 45
    assert len(case.events) >= 50
    assert len(case.evidence) >= 40
    by_question = {q.id: [e for e in case.evidence if q.id in e.bears_on] for q in case.questions}
    assert len(by_question["initiation"]) >= 15 and len(by_question["escalation"]) >= 15


def test_events_span_1945_to_1950_and_cite_sources(case):
    dates = [parse_date(e.date) for e in case.events]
    assert min(d.earliest for d in dates) <= dt.date(1945, 8, 31)
    assert max(d.latest for d in dates) >= dt.date(1950, 12, 1)
    assert all(e.sources for e in case.events)


def test_evidence_gives_every_hypothesis_a_likelihood(case):
    for item in case.evidence:
        for qid, row in item.bears_on.items():
            assert set(row) == set(case.question(qid).hypothesis_ids()), item.id
            assert item.note, f"{item.id} has no note saying what it shows"


def test_every_evidence_quote_is_verbatim_in_its_source(case, korea_corpus):
    for item in case.evidence:
        assert item.source in korea_corpus, f"{item.id}: source {item.source} is not in the corpus"
        assert folded(item.quote) in folded(korea_corpus[item.source]["text"]), item.id


def test_source_metadata_matches_the_corpus(case, korea_corpus):
    matched = 0
    for source in case.sources:
        doc = korea_corpus.get(source.id)
        if doc is None:
            assert source.url, f"{source.id} is not in the corpus and has no URL"
            continue
        matched += 1
        for field in ("title", "date", "url", "archive", "archive_ref"):
            assert str(getattr(source, field) or "") == str(doc.get(field) or ""), (source.id, field)
    assert matched >= 40


def test_the_report_names_a_leader_for_each_question(case):
    from fontes import weigh

    verdict = weigh(case, draws=500)
    for qv in verdict.questions:
        assert abs(sum(h.posterior for h in qv.hypotheses) - 1) < 1e-9
        assert qv.leader == qv.hypotheses[0].id


def test_check_case_with_the_shared_corpus_finds_every_quote_verbatim(case, korea_corpus, tmp_path):
    from conftest import KOREA_JSONL

    from fontes.anchor.case_quotes import check_quotes
    from fontes.corpus import Store, ingest_paths

    with Store(tmp_path / "corpus.db") as store:
        assert not ingest_paths([KOREA_JSONL], store).failed
        checks = check_quotes(case, store)
    assert [c.item.id for c in checks if not c.ok] == []
    assert len(checks) == len(case.evidence)
