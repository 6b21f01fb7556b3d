"""The reasoning room, by example: small cases whose answers are worked out by hand.

Each example builds a `Case` directly, weighs it, and checks the numbers in its comment.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fontes.errors import ReasonError
from fontes.model import Case, Evidence, Hypothesis, Question, School, Source
from fontes.reason import (
    EvidenceWeight,
    QuestionVerdict,
    Verdict,
    posterior_under,
    weigh,
)
from fontes.reason.bayes import weight_db

# ---------------------------------------------------------------- building cases


def question(qid: str = "q", hypotheses: tuple[str, ...] = ("a", "b")) -> Question:
    return Question(
        id=qid,
        text=f"Question {qid}?",
        hypotheses=[Hypothesis(id=h, text=f"{h.upper()} did it") for h in hypotheses],
    )


def item(
    eid: str,
    bears_on: dict,
    *,
    source: str = "s1",
    credibility: float | None = None,
    group: str | None = None,
    ach: dict | None = None,
) -> Evidence:
    return Evidence(
        id=eid,
        source=source,
        quote=f"the words of {eid}",
        bears_on=bears_on,
        credibility=credibility,
        group=group,
        ach=ach or {},
    )


def case(
    *evidence: Evidence,
    questions: list[Question] | None = None,
    schools: list[School] | None = None,
    default_school: str | None = None,
) -> Case:
    """A case whose source s1 is fully credible (c = 1) and s2 has credibility 0.6."""
    return Case(
        id="toy",
        title="A toy case",
        questions=questions or [question()],
        schools=schools or [],
        default_school=default_school,
        sources=[
            Source(id="s1", title="Letter", credibility=1.0),
            Source(id="s2", title="Rumour", credibility=0.6),
        ],
        evidence=list(evidence),
    )


def only(verdict: Verdict) -> QuestionVerdict:
    assert len(verdict.questions) == 1
    return verdict.questions[0]


def posterior_of(q: QuestionVerdict) -> dict[str, float]:
    return {h.id: h.posterior for h in q.hypotheses}


def evidence_of(q: QuestionVerdict) -> dict[str, EvidenceWeight]:
    return {e.id: e for e in q.evidence}


# ---------------------------------------------------------------- the exact posterior


def test_the_design_toy_case_by_hand():
    # Prior a 0.5, b 0.5.
    # e1: L = (0.8, 0.2), c = 1.0            -> L' = (0.8, 0.2)
    # e2: L = ([0.3, 0.7], 0.25), c = 0.5    -> midpoint of the range sqrt(0.3·0.7) = 0.458258
    #     mean = (0.458258 + 0.25) / 2 = 0.354129
    #     L'a = 0.5·0.458258 + 0.5·0.354129 = 0.406193
    #     L'b = 0.5·0.25     + 0.5·0.354129 = 0.302064
    # unnormalised: a 0.5·0.8·0.406193 = 0.162477, b 0.5·0.2·0.302064 = 0.030206
    # P(a | E) = 0.162477 / 0.192684 = 0.843233
    toy = case(
        item("e1", {"q": {"a": 0.8, "b": 0.2}}),
        item("e2", {"q": {"a": (0.3, 0.7), "b": 0.25}}, credibility=0.5, group="g1"),
    )
    q = only(weigh(toy, draws=200))
    assert q.leader == "a" and q.runner_up == "b"
    assert posterior_of(q)["a"] == pytest.approx(0.843233, abs=1e-6)
    assert posterior_of(q)["b"] == pytest.approx(0.156767, abs=1e-6)
    e2 = evidence_of(q)["e2"]
    assert e2.likelihoods == pytest.approx({"a": 0.406193, "b": 0.302064}, abs=1e-6)
    assert e2.counted and e2.corroborates is None  # alone in its group, so it counts
    assert [h.id for h in q.hypotheses] == ["a", "b"]  # ranked by posterior


def test_hypotheses_are_ranked_by_posterior_not_case_order():
    # b is favoured 0.9 : 0.1, so b comes first although a is listed first.
    q = only(weigh(case(item("e1", {"q": {"a": 0.1, "b": 0.9}})), draws=10))
    assert [h.id for h in q.hypotheses] == ["b", "a"]
    assert q.leader == "b" and q.runner_up == "a"
    assert posterior_of(q)["b"] == pytest.approx(0.9)


def test_credibility_mixes_a_report_with_an_uninformative_one():
    # Three hypotheses; the item is silent on c, which therefore gets 0.5.
    # Its source s2 has credibility 0.6 and the item does not override it.
    # L = (0.9, 0.3, 0.5), mean = 0.566667
    # L' = 0.6·L + 0.4·0.566667 = (0.766667, 0.406667, 0.526667)
    three = [question(hypotheses=("a", "b", "c"))]
    q = only(weigh(case(item("e1", {"q": {"a": 0.9, "b": 0.3}}, source="s2"), questions=three), draws=10))
    e1 = evidence_of(q)["e1"]
    assert e1.credibility == 0.6
    assert e1.likelihoods == pytest.approx({"a": 0.766667, "b": 0.406667, "c": 0.526667}, abs=1e-6)
    # The posterior is proportional to L' under a uniform prior.
    assert posterior_of(q)["a"] == pytest.approx(0.766667 / 1.7, abs=1e-6)


def test_an_items_own_credibility_overrides_its_sources():
    # c = 0.5 on the item beats the source's 1.0: L = (0.8, 0.2) -> L' = (0.65, 0.35).
    q = only(weigh(case(item("e1", {"q": {"a": 0.8, "b": 0.2}}, credibility=0.5)), draws=10))
    assert evidence_of(q)["e1"].credibility == 0.5
    assert evidence_of(q)["e1"].likelihoods == pytest.approx({"a": 0.65, "b": 0.35})


def test_an_item_with_no_credibility_at_all_uses_zero_weight():
    # c = 0: L' is the mean for every hypothesis, so the item says nothing.
    q = only(weigh(case(item("e1", {"q": {"a": 0.99, "b": 0.01}}, credibility=0.0)), draws=10))
    assert posterior_of(q) == pytest.approx({"a": 0.5, "b": 0.5})


def test_weight_of_evidence_in_decibans():
    # 10·log10(0.8 / 0.2) = 10·log10(4) = 6.0206 dB; the reverse is its negative.
    assert weight_db(0.8, 0.2) == pytest.approx(6.0206, abs=1e-4)
    assert weight_db(0.2, 0.8) == pytest.approx(-6.0206, abs=1e-4)
    assert weight_db(0.5, 0.5) == 0.0
    q = only(
        weigh(
            case(item("e1", {"q": {"a": 0.8, "b": 0.2}}), item("e2", {"q": {"a": 0.5, "b": 0.25}})), draws=10
        )
    )
    # leader a over runner-up b: e1 6.0206 dB, e2 10·log10(2) = 3.0103 dB
    assert evidence_of(q)["e1"].weight_db == pytest.approx(6.0206, abs=1e-4)
    assert evidence_of(q)["e2"].weight_db == pytest.approx(3.0103, abs=1e-4)


# ---------------------------------------------------------------- dependence groups


def test_only_the_most_diagnostic_item_of_a_group_counts():
    # Group g: e1 (0.6, 0.4) diagnosticity log 1.5; e2 (0.9, 0.1) log 9; e3 (0.1, 0.9) log 9.
    # e2 and e3 tie, e2 is listed first: e2 counts, e1 and e3 corroborate it.
    # Group h: e4 (0.3, 0.1) and e5 (0.6, 0.2) both have log 3 (in floats e5's comes out one ulp
    # larger, which must not matter): e4, listed first, counts.
    # Counted e2, e4: a ∝ 0.9·0.3 = 0.27, b ∝ 0.1·0.1 = 0.01 -> P(a) = 0.27 / 0.28 = 0.964286
    grouped = case(
        item("e1", {"q": {"a": 0.6, "b": 0.4}}, group="g"),
        item("e2", {"q": {"a": 0.9, "b": 0.1}}, group="g"),
        item("e3", {"q": {"a": 0.1, "b": 0.9}}, group="g"),
        item("e4", {"q": {"a": 0.3, "b": 0.1}}, group="h"),
        item("e5", {"q": {"a": 0.6, "b": 0.2}}, group="h"),
    )
    q = only(weigh(grouped, draws=10))
    found = evidence_of(q)
    assert [e.id for e in q.evidence] == ["e1", "e2", "e3", "e4", "e5"]  # case order
    assert {e.id for e in q.evidence if e.counted} == {"e2", "e4"}
    assert found["e1"].corroborates == "e2"
    assert found["e3"].corroborates == "e2"
    assert found["e5"].corroborates == "e4"
    assert found["e2"].corroborates is None and found["e4"].corroborates is None
    assert found["e2"].diagnosticity == pytest.approx(math.log(9))
    assert found["e3"].diagnosticity == pytest.approx(math.log(9))
    assert found["e4"].diagnosticity == pytest.approx(math.log(3))
    assert posterior_of(q)["a"] == pytest.approx(0.27 / 0.28)


def test_a_group_is_chosen_per_question():
    # e1 is the diagnostic one for q, e2 for r: each question counts a different item.
    qs = [question("q"), question("r")]
    two = case(
        item("e1", {"q": {"a": 0.9, "b": 0.1}, "r": {"a": 0.5, "b": 0.4}}, group="g"),
        item("e2", {"q": {"a": 0.5, "b": 0.4}, "r": {"a": 0.1, "b": 0.9}}, group="g"),
        questions=qs,
    )
    verdict = weigh(two, draws=10)
    counted = {q.id: [e.id for e in q.evidence if e.counted] for q in verdict.questions}
    assert counted == {"q": ["e1"], "r": ["e2"]}


# ---------------------------------------------------------------- sensitivity


def test_pivotal_item_is_the_one_whose_removal_changes_the_leader():
    # e1 (0.9, 0.1), e2 (0.3, 0.6): a ∝ 0.27, b ∝ 0.06, log-odds a:b = log 4.5.
    # Drop e1: a:b = 0.3:0.6, log-odds = −log 2, leader b  -> pivotal, Δ = log 4.5 + log 2 = log 9
    # Drop e2: a:b = 0.9:0.1, log-odds = log 9, leader a  -> not pivotal, Δ = log 4.5 − log 9 = −log 2
    q = only(
        weigh(
            case(item("e1", {"q": {"a": 0.9, "b": 0.1}}), item("e2", {"q": {"a": 0.3, "b": 0.6}})), draws=10
        )
    )
    e1, e2 = evidence_of(q)["e1"], evidence_of(q)["e2"]
    assert q.leader == "a"
    assert e1.pivotal and not e2.pivotal
    assert e1.delta_log_odds == pytest.approx(math.log(9))
    assert e2.delta_log_odds == pytest.approx(-math.log(2))


def test_dropping_a_groups_counted_item_lets_the_next_take_over():
    # Group g: e1 (0.9, 0.1) counts; e2 (0.2, 0.4) only corroborates.
    # Full: log-odds a:b = log 9. Drop e1: e2 counts, log-odds = log 0.5, leader b.
    # Δ = log 9 − log 0.5 = log 18, pivotal. Dropping e2 changes nothing.
    q = only(
        weigh(
            case(
                item("e1", {"q": {"a": 0.9, "b": 0.1}}, group="g"),
                item("e2", {"q": {"a": 0.2, "b": 0.4}}, group="g"),
            ),
            draws=10,
        )
    )
    e1, e2 = evidence_of(q)["e1"], evidence_of(q)["e2"]
    assert e1.pivotal and e1.delta_log_odds == pytest.approx(math.log(18))
    assert not e2.pivotal and e2.delta_log_odds == pytest.approx(0.0, abs=1e-12)


# ---------------------------------------------------------------- schools


def schools_case(*evidence: Evidence, default_school: str | None = "flat") -> Case:
    return case(
        *evidence,
        default_school=default_school,
        schools=[
            School(id="flat", label="No preference", priors={"q": {"a": 0.5, "b": 0.5}}),
            School(id="sceptic", label="Doubts A", priors={"q": {"a": 0.2, "b": 0.8}}),
            School(id="silent", label="Says nothing on q"),
        ],
    )


def test_prior_odds_needed_to_overturn_the_leader():
    # e1 (0.8, 0.2), e2 (0.6, 0.3): likelihood ratio a:b = 0.48 / 0.06 = 8.
    # The runner-up b needs prior odds b:a of 8 to draw level.
    evidence = (item("e1", {"q": {"a": 0.8, "b": 0.2}}), item("e2", {"q": {"a": 0.6, "b": 0.3}}))
    q = only(weigh(schools_case(*evidence), draws=10))
    assert q.leader == "a" and q.runner_up == "b"
    assert q.overturn_odds == pytest.approx(8.0)
    level = posterior_under(schools_case(*evidence), "q", {"a": 1.0, "b": 8.0})
    assert level == pytest.approx({"a": 0.5, "b": 0.5})


def test_posterior_under_every_school():
    # Likelihood ratio a:b = 4 (e1 0.8 vs 0.2).
    # flat 1:1 -> a 0.8; sceptic 0.2:0.8 -> a = 0.2·0.8 / (0.2·0.8 + 0.8·0.2) = 0.5;
    # silent has no prior for q -> uniform -> a 0.8.
    q = only(weigh(schools_case(item("e1", {"q": {"a": 0.8, "b": 0.2}})), draws=10))
    assert set(q.schools) == {"flat", "sceptic", "silent"}
    assert q.schools["flat"] == pytest.approx({"a": 0.8, "b": 0.2})
    assert q.schools["sceptic"] == pytest.approx({"a": 0.5, "b": 0.5})
    assert q.schools["silent"] == pytest.approx({"a": 0.8, "b": 0.2})


def test_the_chosen_school_sets_the_prior_and_the_default_school_is_used_otherwise():
    # Sceptic prior a 0.2, b 0.8 against e1 (0.9, 0.1): a ∝ 0.18, b ∝ 0.08 -> a 0.692308.
    evidence = item("e1", {"q": {"a": 0.9, "b": 0.1}})
    sceptic = weigh(schools_case(evidence), school="sceptic", draws=10)
    assert sceptic.school == "sceptic"
    assert only(sceptic).hypotheses[0].prior == pytest.approx(0.2)
    assert posterior_of(only(sceptic))["a"] == pytest.approx(0.18 / 0.26)
    by_default = weigh(schools_case(evidence, default_school="sceptic"), draws=10)
    assert by_default.school == "sceptic"
    assert posterior_of(only(by_default)) == pytest.approx(posterior_of(only(sceptic)))


def test_a_case_without_schools_weighs_with_uniform_priors():
    verdict = weigh(case(item("e1", {"q": {"a": 0.75, "b": 0.25}})), draws=10)
    assert verdict.school is None
    q = only(verdict)
    assert [h.prior for h in q.hypotheses] == [0.5, 0.5]
    assert q.schools == {"uniform": pytest.approx({"a": 0.75, "b": 0.25})}


def test_unknown_school_or_question_is_a_reason_error():
    with pytest.raises(ReasonError, match="unknown school 'nope'"):
        weigh(schools_case(), school="nope")
    with pytest.raises(ReasonError, match="unknown school"):
        weigh(case(default_school="ghost"))
    with pytest.raises(ReasonError, match="unknown question 'nope'"):
        posterior_under(case(), "nope", None)


def test_bad_priors_and_likelihoods_are_reason_errors():
    with pytest.raises(ReasonError, match="no prior for hypothesis 'b'"):
        posterior_under(case(), "q", {"a": 1.0})
    with pytest.raises(ReasonError, match="not a hypothesis"):
        posterior_under(case(), "q", {"a": 1.0, "b": 1.0, "z": 1.0})
    with pytest.raises(ReasonError, match="not a positive number"):
        posterior_under(case(), "q", {"a": 0.0, "b": 1.0})
    with pytest.raises(ReasonError, match="outside"):
        weigh(case(item("e1", {"q": {"a": 1.5, "b": 0.5}})), draws=1)
    with pytest.raises(ReasonError, match="runs backwards"):
        weigh(case(item("e1", {"q": {"a": (0.7, 0.3), "b": 0.5}})), draws=1)
    with pytest.raises(ReasonError, match="not a hypothesis"):
        weigh(case(item("e1", {"q": {"z": 0.5}})), draws=1)


def test_priors_are_normalised():
    # 1:3 is the same prior as 0.25:0.75.
    assert posterior_under(case(), "q", {"a": 1, "b": 3}) == pytest.approx({"a": 0.25, "b": 0.75})


# ---------------------------------------------------------------- ACH


def test_ach_ratings_at_the_boundaries():
    # c = 1, max L = 1.0, so r = L: 0.67 -> C, 0.66 -> N, 0.33 -> N, 0.32 -> I, 0.1 -> I, 0.09 -> II.
    hs = ("h1", "h2", "h3", "h4", "h5", "h6", "h7")
    values = dict(zip(hs, (1.0, 0.67, 0.66, 0.33, 0.32, 0.1, 0.09)))
    q = only(weigh(case(item("e1", {"q": values}), questions=[question(hypotheses=hs)]), draws=10))
    assert evidence_of(q)["e1"].ach == dict(zip(hs, ("C", "C", "N", "N", "I", "I", "II")))


def test_ach_ratio_is_taken_against_the_most_likely_hypothesis():
    # max L = 0.5: r = 0.335/0.5 = 0.67 -> C, 0.165/0.5 = 0.33 -> N, 0.05/0.5 = 0.1 -> I, 0.04/0.5 -> II.
    hs = ("h1", "h2", "h3", "h4", "h5")
    values = dict(zip(hs, (0.5, 0.335, 0.165, 0.05, 0.04)))
    q = only(weigh(case(item("e1", {"q": values}), questions=[question(hypotheses=hs)]), draws=10))
    assert evidence_of(q)["e1"].ach == dict(zip(hs, ("C", "C", "N", "I", "II")))


def test_ach_weighted_inconsistency_counts_credibility_and_only_counted_items():
    # e1 c=1.0, L = (1.0, 0.05): r_b = 0.05 -> b II, +2.0
    # e2 c=0.8, L = (1.0, 0.01): L' = (0.901, 0.109), r_b = 0.121 -> b I, +0.8
    # e3 c=0.6, L = (0.5, 0.5) but the analyst rated a "II" by hand -> a +1.2
    # e4 in e1's group, L = (0.1, 0.5): r_a = 0.2 -> I, but it does not count.
    # a = 1.2, b = 2.8 -> ACH ranking [a, b]
    matrix = case(
        item("e1", {"q": {"a": 1.0, "b": 0.05}}, group="g"),
        item("e2", {"q": {"a": 1.0, "b": 0.01}}, credibility=0.8),
        item("e3", {"q": {"a": 0.5, "b": 0.5}}, credibility=0.6, ach={"q": {"a": "II"}}),
        item("e4", {"q": {"a": 0.1, "b": 0.5}}, group="g"),
    )
    q = only(weigh(matrix, draws=10))
    found = evidence_of(q)
    assert found["e1"].ach == {"a": "C", "b": "II"}
    assert found["e2"].ach == {"a": "C", "b": "I"}
    assert found["e3"].ach == {"a": "II", "b": "C"}  # hand-set rating overrides; b still computed
    assert found["e4"].ach == {"a": "I", "b": "C"} and not found["e4"].counted
    score = {h.id: h.ach_inconsistency for h in q.hypotheses}
    assert score == pytest.approx({"a": 1.2, "b": 2.8})
    assert q.ach_ranking == ["a", "b"]
    assert {h.id: h.ach_rank for h in q.hypotheses} == {"a": 1, "b": 2}


def test_ach_ties_keep_case_order():
    # Neither hypothesis is contradicted: both score 0, ranked as listed.
    q = only(weigh(case(item("e1", {"q": {"a": 0.4, "b": 0.5}})), draws=10))
    assert q.ach_ranking == ["a", "b"]
    assert q.leader == "b"  # the Bayesian ranking still prefers b


def test_an_unknown_hand_rating_is_refused():
    with pytest.raises(ReasonError, match="unknown ACH rating 'X'"):
        weigh(case(item("e1", {"q": {"a": 0.5}}, ach={"q": {"a": "X"}})), draws=1)


# ---------------------------------------------------------------- uncertainty


RANGED = case(
    item("e1", {"q": {"a": (0.4, 0.9), "b": 0.3}}),
    item("e2", {"q": {"a": 0.5, "b": (0.2, 0.6)}}, credibility=0.7),
)


def test_seeded_draws_are_reproducible():
    first, again = weigh(RANGED, draws=500, seed=7), weigh(RANGED, draws=500, seed=7)
    assert first == again
    other = weigh(RANGED, draws=500, seed=8)
    assert only(other).hypotheses[0].interval != only(first).hypotheses[0].interval


def test_interval_contains_the_exact_posterior_and_p_top_sums_to_one():
    q = only(weigh(RANGED, draws=2000, seed=1))
    for h in q.hypotheses:
        lo, hi = h.interval
        assert lo < h.posterior < hi
        assert lo <= h.median <= hi
        assert h.median == pytest.approx(h.posterior, abs=0.02)
    assert sum(h.p_top for h in q.hypotheses) == pytest.approx(1.0)
    assert q.hypotheses[0].p_top > 0.9  # a leads in nearly every draw


def test_without_ranges_every_draw_is_the_exact_posterior():
    q = only(weigh(case(item("e1", {"q": {"a": 0.8, "b": 0.2}}, credibility=0.9)), draws=50))
    for h in q.hypotheses:
        assert h.interval == (pytest.approx(h.posterior), pytest.approx(h.posterior))
        assert h.median == pytest.approx(h.posterior)
    assert [h.p_top for h in q.hypotheses] == [1.0, 0.0]


def test_a_tie_goes_to_the_hypothesis_listed_first_in_every_draw():
    # a ∝ 0.3·0.3 = 0.09 and b ∝ 0.9·0.1 = 0.09: a dead heat (in floats b comes out a hair
    # ahead, which must not matter). The leader is a, and a leads in every draw.
    q = only(
        weigh(
            case(item("e1", {"q": {"a": 0.3, "b": 0.9}}), item("e2", {"q": {"a": 0.3, "b": 0.1}})), draws=50
        )
    )
    assert posterior_of(q) == pytest.approx({"a": 0.5, "b": 0.5})
    assert q.leader == "a" and q.runner_up == "b"
    assert {h.id: h.p_top for h in q.hypotheses} == {"a": 1.0, "b": 0.0}


def test_draws_must_be_at_least_one():
    with pytest.raises(ReasonError, match="draws"):
        weigh(RANGED, draws=0)
    assert weigh(RANGED, draws=1).draws == 1


# ---------------------------------------------------------------- degenerate questions


def test_a_question_with_one_hypothesis_or_no_evidence_still_weighs():
    qs = [question("lonely", hypotheses=("only",)), question("empty", hypotheses=("a", "b", "c"))]
    verdict = weigh(
        case(
            item("e1", {"lonely": {"only": 0.3}}),
            questions=qs,
            schools=[School(id="s", label="S", priors={"empty": {"a": 2, "b": 1, "c": 1}})],
        ),
        draws=20,
    )
    lonely, empty = verdict.questions
    assert lonely.leader == lonely.runner_up == "only"
    assert lonely.hypotheses[0].posterior == 1.0 and lonely.hypotheses[0].p_top == 1.0
    assert lonely.overturn_odds == 1.0
    assert lonely.evidence[0].weight_db == 0.0 and not lonely.evidence[0].pivotal
    # No evidence: posterior = prior (the case has a school, but none was chosen -> uniform).
    assert empty.evidence == []
    assert posterior_of(empty) == pytest.approx({"a": 1 / 3, "b": 1 / 3, "c": 1 / 3})
    assert empty.leader == "a" and empty.runner_up == "b"  # ties keep case order
    assert empty.schools["s"] == pytest.approx({"a": 0.5, "b": 0.25, "c": 0.25})


def test_the_verdict_serialises_to_json_and_back():
    verdict = weigh(RANGED, draws=20)
    assert Verdict.model_validate_json(verdict.model_dump_json()) == verdict


# ---------------------------------------------------------------- properties

HYPOTHESES = ("a", "b", "c", "d")
likelihood = st.floats(0.01, 1.0)
ranged = st.tuples(likelihood, likelihood).map(lambda pair: tuple(sorted(pair)))


@st.composite
def random_cases(draw, min_hypotheses: int = 1):
    """A one-question case: 1–4 hypotheses, up to 5 items with points, ranges, gaps and groups."""
    hs = HYPOTHESES[: draw(st.integers(min_hypotheses, 4))]
    items = []
    for j in range(draw(st.integers(0, 5))):
        mentioned = draw(st.lists(st.sampled_from(hs), unique=True))
        bears = {h: draw(st.one_of(likelihood, ranged)) for h in mentioned}
        items.append(
            item(
                f"e{j}",
                {"q": bears},
                credibility=draw(st.one_of(st.none(), st.floats(0.0, 1.0))),
                group=draw(st.sampled_from([None, None, "g1", "g2"])),
            )
        )
    prior = {h: draw(st.floats(0.01, 1.0)) for h in hs}
    school = School(id="drawn", label="Drawn", priors={"q": prior})
    return case(*items, questions=[question(hypotheses=hs)], schools=[school], default_school="drawn")


def with_item(base: Case, extra: Evidence) -> Case:
    return base.model_copy(update={"evidence": [*base.evidence, extra]})


def drawn_prior(base: Case) -> dict[str, float]:
    return base.schools[0].priors["q"]


@settings(max_examples=40, deadline=None)
@given(random_cases())
def test_posteriors_sum_to_one(drawn):
    q = only(weigh(drawn, draws=30))
    assert sum(h.posterior for h in q.hypotheses) == pytest.approx(1.0)
    assert sum(h.p_top for h in q.hypotheses) == pytest.approx(1.0)
    for posterior in q.schools.values():
        assert sum(posterior.values()) == pytest.approx(1.0)
    for h in q.hypotheses:
        assert 0.0 <= h.interval[0] <= h.median <= h.interval[1] <= 1.0


@settings(max_examples=40, deadline=None)
@given(random_cases(), st.data())
def test_scaling_an_items_likelihoods_changes_nothing(drawn, data):
    # P(E|H) matters only up to a constant: multiplying every L of one item by s changes
    # no posterior (credibility mixing and diagnosticity are both scale-free).
    if not drawn.evidence:
        return
    j = data.draw(st.integers(0, len(drawn.evidence) - 1))
    s = data.draw(st.floats(0.01, 1.0))
    target = drawn.evidence[j]
    hs = drawn.questions[0].hypothesis_ids()

    def scaled(value):
        return tuple(s * v for v in value) if isinstance(value, tuple) else s * value

    stated = target.bears_on["q"]
    bears = {h: scaled(stated.get(h, 0.5)) for h in hs}  # unmentioned 0.5 is scaled too
    changed = [*drawn.evidence]
    changed[j] = target.model_copy(update={"bears_on": {"q": bears}})
    rescaled = drawn.model_copy(update={"evidence": changed})
    before = posterior_under(drawn, "q", drawn_prior(drawn))
    after = posterior_under(rescaled, "q", drawn_prior(drawn))
    assert after == pytest.approx(before, rel=1e-9, abs=1e-12)


@settings(max_examples=40, deadline=None)
@given(random_cases(min_hypotheses=2), st.data())
def test_raising_p_e_given_h_raises_hs_posterior(drawn, data):
    hs = drawn.questions[0].hypothesis_ids()
    target = data.draw(st.sampled_from(hs))
    values = {h: data.draw(likelihood) for h in hs}
    base = data.draw(st.floats(0.01, 0.9))
    raised = data.draw(st.floats(base + 0.05, 1.0))
    c = data.draw(st.floats(0.05, 1.0))
    low = with_item(drawn, item("probe", {"q": {**values, target: base}}, credibility=c))
    high = with_item(drawn, item("probe", {"q": {**values, target: raised}}, credibility=c))
    before = posterior_under(low, "q", drawn_prior(drawn))[target]
    after = posterior_under(high, "q", drawn_prior(drawn))[target]
    assert after >= before - 1e-12
    if before < 0.999:
        assert after > before


@settings(max_examples=40, deadline=None)
@given(random_cases(), st.floats(0.01, 1.0), st.floats(0.0, 1.0), st.sampled_from([None, "g1", "g3"]))
def test_an_item_with_equal_likelihoods_changes_nothing(drawn, value, c, group):
    hs = drawn.questions[0].hypothesis_ids()
    flat = item("flat", {"q": {h: value for h in hs}}, credibility=c, group=group)
    before = posterior_under(drawn, "q", drawn_prior(drawn))
    after = posterior_under(with_item(drawn, flat), "q", drawn_prior(drawn))
    assert after == pytest.approx(before, rel=1e-9, abs=1e-12)
