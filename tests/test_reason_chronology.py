"""Horizons, schools' readings and flip sets, by example, and every posterior recomputed independently.

The examples are worked by hand in their comments. `recompute` below is a second implementation
of the rules of DESIGN.md in plain Python (no numpy, nothing from fontes.reason), and the
property tests check that the engine agrees with it on drawn cases with horizons and readings.
"""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fontes
from fontes.dates import parse_date
from fontes.model import Case, Evidence, Hypothesis, Question, Reading, School, Source
from fontes.reason import weigh
from fontes.reason.whatif import parse_whatif, weigh_whatif

CHRONICLE = Path(__file__).parent / "cases" / "chronicle"


def question(
    qid: str = "q", hypotheses: tuple[str, ...] = ("a", "b"), horizon: str | None = None
) -> Question:
    return Question(
        id=qid,
        text=f"Question {qid}?",
        horizon=horizon,
        hypotheses=[Hypothesis(id=h, text=f"{h.upper()} did it") for h in hypotheses],
    )


def item(
    eid: str,
    bears_on: dict,
    *,
    source: str = "early",
    about: str | None = None,
    group: str | None = None,
    readings: dict | None = None,
) -> Evidence:
    return Evidence(
        id=eid,
        source=source,
        quote=f"the words of {eid}",
        bears_on=bears_on,
        about=about,
        group=group,
        readings={s: Reading(bears_on=b, note="read so") for s, b in (readings or {}).items()},
    )


def case(
    *evidence: Evidence,
    questions: list[Question] | None = None,
    schools: list[School] | None = None,
    default_school: str | None = None,
) -> Case:
    """Sources: `early` (1950-06-01) and `late` (1951-01), both fully credible."""
    return Case(
        id="c",
        title="A case",
        questions=questions or [question(horizon="1950-06-25")],
        schools=schools or [],
        default_school=default_school,
        sources=[
            Source(id="early", title="Early", date="1950-06-01", credibility=1.0),
            Source(id="late", title="Late", date="1951-01", credibility=1.0),
        ],
        evidence=list(evidence),
    )


def posterior(verdict_question) -> dict[str, float]:
    return {h.id: h.posterior for h in verdict_question.hypotheses}


# ---------------------------------------------------------------- the horizon


def test_an_item_about_something_after_the_horizon_is_not_counted_and_says_why():
    # e1 counts (4:1 for a); e2, written in January 1951 about itself, would give 9:1 for b
    weighed = weigh(
        case(item("e1", {"q": {"a": 0.8, "b": 0.2}}), item("e2", {"q": {"a": 0.1, "b": 0.9}}, source="late")),
        draws=50,
    )
    q = weighed.questions[0]
    assert posterior(q) == pytest.approx({"a": 0.8, "b": 0.2})
    assert [e.id for e in q.evidence] == ["e1"]
    (after,) = q.after_horizon
    assert (after.id, after.about, after.horizon) == ("e2", "1951-01", "1950-06-25")
    assert after.why == "about January 1951, after the horizon of 25 June 1950"


def test_a_later_document_about_earlier_events_counts_and_is_marked_retrospective():
    q = weigh(
        case(item("memoir", {"q": {"a": 0.8, "b": 0.2}}, source="late", about="1950-06")), draws=50
    ).questions[0]
    assert posterior(q) == pytest.approx({"a": 0.8, "b": 0.2})
    (memoir,) = q.evidence
    assert memoir.retrospective and memoir.about == "1950-06" and q.after_horizon == []


def test_an_about_that_may_fall_on_the_horizon_counts():
    # about "1950-06/1950-07" begins before the horizon ends: it may be about the days before it
    q = weigh(case(item("e", {"q": {"a": 0.8, "b": 0.2}}, about="1950-06/1950-07")), draws=50).questions[0]
    assert [e.id for e in q.evidence] == ["e"] and not q.evidence[0].retrospective


def test_without_a_horizon_every_item_counts_and_none_is_retrospective():
    q = weigh(
        case(
            item("e1", {"q": {"a": 0.8, "b": 0.2}}),
            item("e2", {"q": {"a": 0.2, "b": 0.8}}, source="late"),
            questions=[question()],
        ),
        draws=50,
    ).questions[0]
    assert posterior(q) == pytest.approx({"a": 0.5, "b": 0.5})
    assert q.after_horizon == [] and not any(e.retrospective for e in q.evidence)


def test_an_item_counts_for_a_later_question_after_the_horizon_of_an_earlier_one():
    both = {"early-q": {"a": 0.2, "b": 0.8}, "late-q": {"a": 0.2, "b": 0.8}}
    weighed = weigh(
        case(
            item("e", both, source="late"),
            questions=[question("early-q", horizon="1950-06-25"), question("late-q", horizon="1951-06")],
        ),
        draws=50,
    )
    early, late = weighed.questions
    assert early.evidence == [] and [a.id for a in early.after_horizon] == ["e"]
    assert [e.id for e in late.evidence] == ["e"] and posterior(late)["b"] == pytest.approx(0.8)


def test_the_horizon_holds_for_the_draws_the_ach_score_and_every_school():
    # the late item has a wide range and an II against a: were it counted it would move all three
    late = item("late", {"q": {"a": [0.01, 0.9], "b": 0.9}}, source="late")
    schools = [School(id="s", label="S", priors={"q": {"a": 0.3, "b": 0.7}})]
    q = weigh(
        case(item("e", {"q": {"a": 0.6, "b": 0.4}}), late, schools=schools, default_school="s"), draws=200
    ).questions[0]
    a = next(h for h in q.hypotheses if h.id == "a")
    assert a.interval == pytest.approx((a.posterior, a.posterior))  # no counted range: no spread
    assert a.ach_inconsistency == 0.0
    assert q.schools["s"]["a"] == pytest.approx(0.3 * 0.6 / (0.3 * 0.6 + 0.7 * 0.4))


def test_the_what_if_panel_keeps_the_horizon():
    base = case(
        item("e", {"q": {"a": 0.6, "b": 0.4}}), item("late", {"q": {"a": 0.1, "b": 0.9}}, source="late")
    )
    changed = weigh_whatif(base, parse_whatif({"items": {"e": {"likelihoods": {"a": 0.9}}}}, base, "q"))
    assert posterior(changed.verdict)["a"] == pytest.approx(0.9 / 1.3)
    assert [a.id for a in changed.verdict.after_horizon] == ["late"]


def test_the_readers_own_priors_under_a_school_keep_that_schools_readings():
    chronicle = fontes.load_case(CHRONICLE)
    asked = {"school": "forge", "priors": {"miller": 1, "smith": 1, "storm": 1}}
    changed = weigh_whatif(chronicle, parse_whatif(asked, chronicle, "fire"))
    expected = fontes.posterior_under(
        chronicle, "fire", {"miller": 1, "smith": 1, "storm": 1}, school="forge"
    )
    assert posterior(changed.verdict) == pytest.approx(expected)
    assert expected != pytest.approx(fontes.posterior_under(chronicle, "fire", None))  # the reading matters


# ---------------------------------------------------------------- schools' readings


def two_schools() -> list[School]:
    return [School(id="plain", label="Plain"), School(id="doubter", label="Doubter", cites=["Doubt 1990"])]


def test_a_school_concludes_from_its_own_readings_not_only_its_prior():
    # the doubter reads e1 as 0.4 : 0.6 instead of the analyst's 0.8 : 0.2
    weighed = weigh(
        case(
            item("e1", {"q": {"a": 0.8, "b": 0.2}}, readings={"doubter": {"q": {"a": 0.4, "b": 0.6}}}),
            schools=two_schools(),
            default_school="plain",
        ),
        draws=50,
    )
    q = weighed.questions[0]
    assert q.schools["plain"] == pytest.approx({"a": 0.8, "b": 0.2})
    assert q.schools["doubter"] == pytest.approx({"a": 0.4, "b": 0.6})
    assert q.school_leaders == {"plain": "a", "doubter": "b"}


def test_weighing_under_a_school_reads_every_item_its_way():
    base = case(
        item("e1", {"q": {"a": 0.8, "b": 0.2}}, readings={"doubter": {"q": {"a": 0.4}}}),
        schools=two_schools(),
        default_school="plain",
    )
    q = weigh(base, school="doubter", draws=50).questions[0]
    # a reading that leaves b out keeps the analyst's 0.2 for it: 0.4 : 0.2
    assert posterior(q) == pytest.approx({"a": 2 / 3, "b": 1 / 3})
    assert q.leader == "a" and q.evidence[0].reading == "doubter"
    assert q.evidence[0].likelihoods == pytest.approx({"a": 0.4, "b": 0.2})
    assert weigh(base, school="plain", draws=50).questions[0].evidence[0].reading is None


def test_a_schools_reading_chooses_again_which_item_of_a_group_counts():
    # the analyst finds g1 most diagnostic (9:1), the doubter finds it flat and g2 (1:3) decides
    base = case(
        item("g1", {"q": {"a": 0.9, "b": 0.1}}, group="g", readings={"doubter": {"q": {"a": 0.5, "b": 0.5}}}),
        item("g2", {"q": {"a": 0.25, "b": 0.75}}, group="g"),
        schools=two_schools(),
        default_school="plain",
    )
    q = weigh(base, draws=50).questions[0]
    assert q.schools["plain"] == pytest.approx({"a": 0.9, "b": 0.1})
    assert q.schools["doubter"] == pytest.approx({"a": 0.25, "b": 0.75})
    counted = {e.id: e.counted for e in weigh(base, school="doubter", draws=50).questions[0].evidence}
    assert counted == {"g1": False, "g2": True}


# ---------------------------------------------------------------- the flip set


def flip_case() -> Case:
    lean = School(id="lean", label="Leans to A", priors={"q": {"a": 0.7, "b": 0.3}})
    return case(
        item("e1", {"q": {"a": 0.6, "b": 0.4}}),
        item("e2", {"q": {"a": [0.2, 0.8], "b": 0.5}}),
        item("e3", {"q": {"a": 0.6, "b": 0.5}}, readings={"rival": {"q": {"b": 0.9}}}),
        schools=[lean, School(id="rival", label="Rival")],
        default_school="lean",
    )


def test_the_flip_set_takes_the_largest_swings_until_they_pass_the_log_odds():
    # log-odds a:b = ln(7/3) + ln(0.6/0.4) + ln(0.4/0.5) + ln(0.6/0.5) = 0.847 + 0.405 − 0.223 + 0.182 = 1.211
    # swings: e2 at a's low end 0.2 gives ln 0.4 = −0.916, swing 0.693; e3 read as the rival school does,
    # ln(0.6/0.9) = −0.405, swing 0.588; e1 set aside, swing 0.405.  0.693 < 1.211 < 0.693 + 0.588
    flip = weigh(flip_case(), draws=50).questions[0].flip
    assert flip.log_odds == pytest.approx(math.log(7 / 3) + math.log(1.5) + math.log(0.8) + math.log(1.2))
    assert [(f.id, f.takes) for f in flip.items] == [
        ("e2", "the low end of its range for a"),
        ("e3", "the rival reading"),
    ]
    assert [f.swing for f in flip.items] == pytest.approx([math.log(2), math.log(1.2) - math.log(0.6 / 0.9)])
    assert flip.count == 2 and flip.words == "two readings decide this verdict"


def test_the_flip_set_really_flips_the_verdict():
    changed = flip_case()
    e2, e3 = changed.evidence[1], changed.evidence[2]
    e2.bears_on["q"]["a"] = 0.2
    e3.bears_on["q"]["b"] = 0.9
    assert weigh(changed, draws=50).questions[0].leader == "b"


def test_a_verdict_no_reading_can_overturn_has_no_flip_set():
    # one item at 0.8 : 0.2 and a prior of 0.7 : 0.3; setting it aside still leaves a ahead
    q = weigh(
        case(
            item("e1", {"q": {"a": 0.8, "b": 0.2}}),
            schools=[School(id="lean", label="L", priors={"q": {"a": 0.7, "b": 0.3}})],
            default_school="lean",
        ),
        draws=50,
    ).questions[0]
    assert q.flip.items == [] and q.flip.count == 0 and q.flip.words.startswith("none")


def test_a_question_with_no_item_counted_says_only_its_prior_decides():
    q = weigh(case(item("late", {"q": {"a": 0.8, "b": 0.2}}, source="late")), draws=20).questions[0]
    assert q.flip.count == 0 and q.flip.words.endswith("so only the prior decides its leader")


def test_a_swing_that_only_draws_level_does_not_flip():
    # uniform prior, one item: set aside, a and b tie, and a tie goes to a, listed first
    q = weigh(case(item("e1", {"q": {"a": 0.8, "b": 0.2}})), draws=50).questions[0]
    assert q.flip.items == []


def test_under_a_school_that_reads_an_item_otherwise_the_analysts_reading_is_an_alternative():
    q = weigh(
        case(
            item("e1", {"q": {"a": 0.2, "b": 0.8}}, readings={"doubter": {"q": {"a": 0.8, "b": 0.2}}}),
            item("e2", {"q": {"a": 0.6, "b": 0.5}}),
            schools=two_schools(),
        ),
        school="doubter",
        draws=50,
    ).questions[0]
    assert q.leader == "a"
    assert [(f.id, f.takes) for f in q.flip.items] == [("e1", "the analyst's reading")]


def test_the_chronicle_case_states_a_flip_set_and_a_leader_for_every_school():
    chronicle = fontes.load_case(CHRONICLE)
    for verdict_question in weigh(chronicle, draws=50).questions:
        assert set(verdict_question.school_leaders) == {"flat", "forge", "weather"}
        assert verdict_question.flip.words


# ---------------------------------------------------------------- the independent recomputation


def _mid(value) -> float:
    if isinstance(value, (tuple, list)):
        return math.sqrt(value[0] * value[1])
    return float(value)


def _credibility(c: Case, e: Evidence) -> float:
    if e.credibility is not None:
        return e.credibility
    return next((s.credibility for s in c.sources if s.id == e.source), 0.9)


def counted_rows(c: Case, qid: str, school: str | None) -> list[tuple[Evidence, list[float]]]:
    """The items that count for question `qid` under `school`, with their mixed likelihoods L'."""
    q = next(x for x in c.questions if x.id == qid)
    hs = [h.id for h in q.hypotheses]
    end = parse_date(q.horizon).latest if q.horizon else None
    rows = []
    for e in c.evidence:
        stated = dict(e.bears_on[qid]) if qid in e.bears_on else None
        reading = e.readings.get(school) if school else None
        if reading is not None and qid in reading.bears_on:
            stated = {**(stated or {}), **reading.bears_on[qid]}
        if stated is None:
            continue
        about = e.about or next((s.date for s in c.sources if s.id == e.source), None)
        if end is not None and about and parse_date(about).earliest > end:
            continue
        values = [_mid(stated.get(h, 0.5)) for h in hs]
        mean = sum(values) / len(values)
        cred = _credibility(c, e)
        rows.append((e, [cred * v + (1 - cred) * mean for v in values]))
    best: dict[str, tuple[float, int]] = {}
    for k, (e, lp) in enumerate(rows):
        if e.group is None:
            continue
        diag = max(map(math.log, lp)) - min(map(math.log, lp))
        if e.group not in best or diag > best[e.group][0] + 1e-9:
            best[e.group] = (diag, k)
    return [(e, lp) for k, (e, lp) in enumerate(rows) if e.group is None or best[e.group][1] == k]


def recompute(c: Case, qid: str, school: str | None) -> dict[str, float]:
    """The exact posterior of `qid` under `school` (its prior and its readings), from the rules alone."""
    q = next(x for x in c.questions if x.id == qid)
    hs = [h.id for h in q.hypotheses]
    chosen = next((s for s in c.schools if s.id == school), None)
    given_prior = chosen.priors.get(qid) if chosen else None
    prior = (
        [given_prior[h] / sum(given_prior.values()) for h in hs] if given_prior else [1 / len(hs)] * len(hs)
    )
    logs = [math.log(p) for p in prior]
    for _, lp in counted_rows(c, qid, school):
        logs = [x + math.log(v) for x, v in zip(logs, lp)]
    top = max(logs)
    total = sum(math.exp(x - top) for x in logs)
    return {h: math.exp(x - top) / total for h, x in zip(hs, logs)}


def smallest_flip(c: Case, qid: str, school: str | None, leader: str, runner_up: str, alternatives) -> int:
    """By brute force: the fewest counted items that, each moved to its least favourable alternative for
    the leader, let the runner-up pass it (0: no set does)."""
    rows = counted_rows(c, qid, school)
    q = next(x for x in c.questions if x.id == qid)
    hs = [h.id for h in q.hypotheses]
    a, b = hs.index(leader), hs.index(runner_up)
    post = recompute(c, qid, school)
    log_odds = math.log(post[leader]) - math.log(post[runner_up])
    swings = [math.log(lp[a]) - math.log(lp[b]) - alternatives[e.id] for e, lp in rows]
    for size in range(1, len(rows) + 1):
        if any(sum(s) > log_odds + 1e-9 for s in itertools.combinations(swings, size)):
            return size
    return 0


DATES = ["1950-05", "1950-06-10", "1950-06-25", "1950-07", "1951-01", None]
likelihood = st.floats(0.02, 1.0)
ranged = st.tuples(likelihood, likelihood).map(lambda pair: tuple(sorted(pair)))


@st.composite
def chronicles(draw):
    """A one-question case with a horizon (or none), items dated before and after it, and readings."""
    hs = ("a", "b", "c")[: draw(st.integers(2, 3))]
    items = []
    for j in range(draw(st.integers(1, 6))):
        bears = {
            h: draw(st.one_of(likelihood, ranged)) for h in draw(st.lists(st.sampled_from(hs), unique=True))
        }
        readings = {}
        if draw(st.booleans()):
            readings["reader"] = {
                "q": {
                    h: draw(st.one_of(likelihood, ranged))
                    for h in draw(st.lists(st.sampled_from(hs), min_size=1, unique=True))
                }
            }
        e = item(
            f"e{j}",
            {"q": bears},
            source=draw(st.sampled_from(["early", "late"])),
            about=draw(st.sampled_from(DATES)),
            group=draw(st.sampled_from([None, None, "g1", "g2"])),
            readings=readings,
        )
        e.credibility = draw(st.one_of(st.none(), st.floats(0.0, 1.0)))
        items.append(e)
    priors = {"q": {h: draw(st.floats(0.05, 1.0)) for h in hs}}
    schools = [School(id="plain", label="Plain"), School(id="reader", label="Reader", priors=priors)]
    horizon = draw(st.sampled_from(["1950-06-25", "1950-06", None]))
    return case(
        *items,
        questions=[question(hypotheses=hs, horizon=horizon)],
        schools=schools,
        default_school=draw(st.sampled_from(["plain", "reader"])),
    )


@settings(max_examples=60, deadline=None)
@given(chronicles())
def test_every_posterior_agrees_with_the_independent_recomputation(drawn):
    q = weigh(drawn, draws=20).questions[0]
    assert posterior(q) == pytest.approx(recompute(drawn, "q", drawn.default_school), abs=1e-9)
    for school in ("plain", "reader"):
        assert q.schools[school] == pytest.approx(recompute(drawn, "q", school), abs=1e-9)
    counted = {e.id for e, _ in counted_rows(drawn, "q", drawn.default_school)}
    assert {e.id for e in q.evidence if e.counted} == counted


@settings(max_examples=60, deadline=None)
@given(chronicles())
def test_the_flip_set_is_as_small_as_any_set_found_by_brute_force(drawn):
    q = weigh(drawn, draws=20).questions[0]
    school = drawn.default_school
    hs = [h.id for h in drawn.questions[0].hypotheses]
    a, b = hs.index(q.leader), hs.index(q.runner_up)
    alternatives = {}
    for e, lp in counted_rows(drawn, "q", school):  # the least each item could add: ranges, readings, 0
        options = [0.0, math.log(lp[a]) - math.log(lp[b])]
        for other in (None, "plain", "reader"):
            if other != school:
                options.append(_ratio_under(drawn, e, other, a, b, hs))
        stated = _stated(e, school)
        low_a, high_b = _bounds(stated.get(hs[a], 0.5))[0], _bounds(stated.get(hs[b], 0.5))[1]
        values = [_mid(stated.get(h, 0.5)) for h in hs]
        values[a], values[b] = low_a, high_b
        options.append(_mixed_ratio(values, _credibility(drawn, e), a, b))
        alternatives[e.id] = min(options)
    assert q.flip.count == smallest_flip(drawn, "q", school, q.leader, q.runner_up, alternatives)


def _stated(e: Evidence, school: str | None) -> dict:
    stated = dict(e.bears_on.get("q", {}))
    reading = e.readings.get(school) if school else None
    if reading is not None and "q" in reading.bears_on:
        stated.update(reading.bears_on["q"])
    return stated


def _bounds(value) -> tuple[float, float]:
    return (value[0], value[1]) if isinstance(value, (tuple, list)) else (float(value), float(value))


def _mixed_ratio(values: list[float], cred: float, a: int, b: int) -> float:
    mean = sum(values) / len(values)
    return math.log(cred * values[a] + (1 - cred) * mean) - math.log(cred * values[b] + (1 - cred) * mean)


def _ratio_under(c: Case, e: Evidence, school: str | None, a: int, b: int, hs: list[str]) -> float:
    stated = _stated(e, school)
    return _mixed_ratio([_mid(stated.get(h, 0.5)) for h in hs], _credibility(c, e), a, b)


def test_an_item_switched_off_in_the_what_if_panel_is_off_for_the_school_that_reads_it_too():
    base = case(
        item("e1", {"q": {"a": 0.8, "b": 0.2}}, readings={"doubter": {"q": {"a": 0.3, "b": 0.7}}}),
        item("e2", {"q": {"a": 0.6, "b": 0.4}}),
        schools=two_schools(),
        default_school="plain",
    )
    off = weigh_whatif(base, parse_whatif({"school": "doubter", "items": {"e1": {"off": True}}}, base, "q"))
    assert posterior(off.verdict) == pytest.approx({"a": 0.6, "b": 0.4})
    assert off.verdict.schools["doubter"] == pytest.approx({"a": 0.6, "b": 0.4})
    assert base.evidence[0].readings["doubter"].bears_on["q"] == {"a": 0.3, "b": 0.7}  # the case is untouched


def test_a_likelihood_the_reader_sets_holds_whichever_school_reads_the_item():
    base = case(
        item("e1", {"q": {"a": 0.8, "b": 0.2}}, readings={"doubter": {"q": {"a": 0.3, "b": 0.7}}}),
        schools=two_schools(),
        default_school="plain",
    )
    changed = weigh_whatif(
        base, parse_whatif({"school": "doubter", "items": {"e1": {"likelihoods": {"a": 0.7}}}}, base, "q")
    )
    assert posterior(changed.verdict) == pytest.approx(
        {"a": 0.5, "b": 0.5}
    )  # 0.7 : 0.7 as the doubter reads b
    assert changed.verdict.schools["plain"] == pytest.approx({"a": 0.7 / 0.9, "b": 0.2 / 0.9})
