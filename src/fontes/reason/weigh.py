"""The reasoning room's front door: weigh a whole case, or one question under given priors.

Composes the single-purpose modules; everything here is assembly, not arithmetic.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from fontes.dates import format_date
from fontes.model import Case, Question, School
from fontes.reason.ach import ach_ranking, ach_ratings, weighted_inconsistency
from fontes.reason.bayes import weight_db
from fontes.reason.exact import ExactWeighing, weigh_exactly
from fontes.reason.flip import count_in_words, flip_set
from fontes.reason.likelihoods import QuestionLikelihoods, find_question, question_likelihoods
from fontes.reason.priors import chosen_school, prior_from_mapping, school_prior
from fontes.reason.ranking import shared_places
from fontes.reason.readings import has_reading
from fontes.reason.schools import conclusions_by_school, overturn_odds
from fontes.reason.sensitivity import sensitivity
from fontes.reason.uncertainty import DEFAULT_DRAWS, Spread, check_draws, posterior_spread
from fontes.reason.verdict import (
    AfterHorizon,
    EvidenceWeight,
    FlipItem,
    FlipSet,
    HypothesisVerdict,
    QuestionVerdict,
    Verdict,
)


def weigh(case: Case, school: str | None = None, draws: int = DEFAULT_DRAWS, seed: int = 0) -> Verdict:
    """Weigh every question of `case` under `school`'s priors and readings (None: the case's default,
    else uniform priors and the analyst's readings)."""
    check_draws(draws, seed)
    chosen = chosen_school(case, school)
    return Verdict(
        case=case.id,
        title=case.title,
        school=chosen.id if chosen else None,
        draws=draws,
        seed=seed,
        questions=[weigh_question(case, question, chosen, draws, seed) for question in case.questions],
    )


def posterior_under(
    case: Case, question_id: str, priors: Mapping[str, float] | None, school: str | None = None
) -> dict[str, float]:
    """The exact posterior {hypothesis id: probability} of one question under `priors` (None: uniform),
    reading the items as `school` does (None: the analyst's likelihoods).

    For what-if views: `priors` need only be positive, they are normalised.
    """
    question = find_question(case, question_id)
    likelihoods = question_likelihoods(case, question, school)
    prior = school_prior(None, question) if priors is None else prior_from_mapping(question, priors)
    exact = weigh_exactly(likelihoods, prior)
    return dict(zip(question.hypothesis_ids(), exact.posterior.tolist()))


def weigh_question(
    case: Case, question: Question, school: School | None, draws: int, seed: int
) -> QuestionVerdict:
    """One question: exact posterior, spread, sensitivity, schools, ACH and flip set, assembled."""
    likelihoods = question_likelihoods(case, question, school.id if school else None)
    prior = school_prior(school, question)
    exact = weigh_exactly(likelihoods, prior)
    counted = exact.selection.counted
    spread = posterior_spread(
        likelihoods.low[counted],
        likelihoods.high[counted],
        likelihoods.credibility[counted],
        prior,
        draws,
        seed,
    )
    ratings = ach_ratings(likelihoods, exact.effective)
    inconsistency = weighted_inconsistency(ratings, likelihoods.credibility, counted)
    ids = question.hypothesis_ids()
    conclusions = conclusions_by_school(case, question)
    return QuestionVerdict(
        id=question.id,
        text=question.text,
        leader=ids[exact.leader],
        runner_up=ids[exact.runner_up],
        hypotheses=hypothesis_verdicts(question, prior, exact, spread, inconsistency),
        evidence=evidence_weights(likelihoods, prior, exact, ratings),
        schools={sid: c.posterior for sid, c in conclusions.items()},
        overturn_odds=overturn_odds(exact.counted_effective, exact.leader, exact.runner_up),
        ach_ranking=[ids[i] for i in ach_ranking(inconsistency)],
        horizon=question.horizon,
        after_horizon=after_horizon(likelihoods),
        school_leaders={sid: c.leader for sid, c in conclusions.items()},
        flip=flip_verdict(case, likelihoods, exact),
    )


def after_horizon(likelihoods: QuestionLikelihoods) -> list[AfterHorizon]:
    """The items set apart by the question's horizon, each with the two dates in words."""
    horizon = likelihoods.question.horizon or ""
    return [
        AfterHorizon(
            id=item.id,
            source=item.source,
            about=placed.about or "",
            horizon=horizon,
            why=f"about {format_date(placed.about)}, after the horizon of {format_date(horizon)}",
        )
        for item, placed in likelihoods.after_horizon
    ]


def flip_verdict(case: Case, likelihoods: QuestionLikelihoods, exact: ExactWeighing) -> FlipSet:
    """The question's flip set as the verdict states it."""
    flip = flip_set(case, likelihoods, exact)
    return FlipSet(
        items=[FlipItem(id=s.id, takes=s.takes, swing=s.swing) for s in flip.items],
        count=len(flip.items),
        words=count_in_words(len(flip.items), bool(exact.selection.counted.any())),
        log_odds=flip.log_odds,
    )


def hypothesis_verdicts(
    question: Question, prior: np.ndarray, exact: ExactWeighing, spread: Spread, inconsistency: np.ndarray
) -> list[HypothesisVerdict]:
    """The question's hypotheses, highest exact posterior first."""
    ach_place = shared_places(-inconsistency)
    posterior = exact.posterior
    return [
        HypothesisVerdict(
            id=question.hypotheses[i].id,
            text=question.hypotheses[i].text,
            prior=float(prior[i]),
            posterior=float(posterior[i]),
            median=float(spread.median[i]),
            interval=(float(spread.low[i]), float(spread.high[i])),
            p_top=float(spread.p_top[i]),
            ach_inconsistency=float(inconsistency[i]),
            ach_rank=ach_place[i],
            held_by=[w.short() for w in question.hypotheses[i].held_by],
        )
        for i in exact.ranking
    ]


def evidence_weights(
    likelihoods: QuestionLikelihoods, prior: np.ndarray, exact: ExactWeighing, ratings: np.ndarray
) -> list[EvidenceWeight]:
    """Every item bearing on the question, in case order, with its weight and sensitivity."""
    ids = likelihoods.hypothesis_ids
    leader, runner_up = exact.leader, exact.runner_up
    weights = np.asarray(weight_db(exact.effective[:, leader], exact.effective[:, runner_up]))
    return [
        EvidenceWeight(
            id=item.id,
            source=item.source,
            weight_db=float(weights[j]),
            delta_log_odds=effect.delta_log_odds,
            pivotal=effect.pivotal,
            counted=bool(exact.selection.counted[j]),
            corroborates=exact.selection.corroborates[j],
            credibility=float(likelihoods.credibility[j]),
            likelihoods=dict(zip(ids, exact.effective[j].tolist())),
            ach=dict(zip(ids, ratings[j].tolist())),
            diagnosticity=float(exact.diagnosticity[j]),
            about=likelihoods.placements[j].about if likelihoods.placements else None,
            retrospective=bool(likelihoods.placements and likelihoods.placements[j].retrospective),
            reading=likelihoods.school
            if has_reading(item, likelihoods.school, likelihoods.question.id)
            else None,
        )
        for j, (item, effect) in enumerate(zip(likelihoods.items, sensitivity(likelihoods, prior, exact)))
    ]
