"""The reasoning room's front door: weigh a whole case, or one question under given priors.

Composes the single-purpose modules; everything here is assembly, not arithmetic.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from fontes.model import Case, Question, School
from fontes.reason.ach import ach_ranking, ach_ratings, weighted_inconsistency
from fontes.reason.bayes import weight_db
from fontes.reason.exact import ExactWeighing, weigh_exactly
from fontes.reason.likelihoods import QuestionLikelihoods, find_question, question_likelihoods
from fontes.reason.priors import chosen_school, prior_from_mapping, school_prior
from fontes.reason.schools import overturn_odds, posteriors_by_school
from fontes.reason.sensitivity import sensitivity
from fontes.reason.uncertainty import DEFAULT_DRAWS, Spread, check_draws, posterior_spread
from fontes.reason.verdict import EvidenceWeight, HypothesisVerdict, QuestionVerdict, Verdict


def weigh(case: Case, school: str | None = None, draws: int = DEFAULT_DRAWS, seed: int = 0) -> Verdict:
    """Weigh every question of `case` under `school`'s priors (None: the case's default, else uniform)."""
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


def posterior_under(case: Case, question_id: str, priors: Mapping[str, float] | None) -> dict[str, float]:
    """The exact posterior {hypothesis id: probability} of one question under `priors` (None: uniform).

    For what-if views: `priors` need only be positive, they are normalised.
    """
    question = find_question(case, question_id)
    likelihoods = question_likelihoods(case, question)
    prior = school_prior(None, question) if priors is None else prior_from_mapping(question, priors)
    exact = weigh_exactly(likelihoods, prior)
    return dict(zip(question.hypothesis_ids(), exact.posterior.tolist()))


def weigh_question(case: Case, question: Question, school: School | None, draws: int, seed: int) -> QuestionVerdict:
    """One question: exact posterior, spread, sensitivity, schools and ACH, assembled."""
    likelihoods = question_likelihoods(case, question)
    prior = school_prior(school, question)
    exact = weigh_exactly(likelihoods, prior)
    counted = exact.selection.counted
    spread = posterior_spread(likelihoods.low[counted], likelihoods.high[counted],
                              likelihoods.credibility[counted], prior, draws, seed)
    ratings = ach_ratings(likelihoods, exact.effective)
    inconsistency = weighted_inconsistency(ratings, likelihoods.credibility, counted)
    ids = question.hypothesis_ids()
    return QuestionVerdict(
        id=question.id,
        text=question.text,
        leader=ids[exact.leader],
        runner_up=ids[exact.runner_up],
        hypotheses=hypothesis_verdicts(question, prior, exact, spread, inconsistency),
        evidence=evidence_weights(likelihoods, prior, exact, ratings),
        schools=posteriors_by_school(case, question, exact.counted_effective),
        overturn_odds=overturn_odds(exact.counted_effective, exact.leader, exact.runner_up),
        ach_ranking=[ids[i] for i in ach_ranking(inconsistency)],
    )


def hypothesis_verdicts(question: Question, prior: np.ndarray, exact: ExactWeighing,
                        spread: Spread, inconsistency: np.ndarray) -> list[HypothesisVerdict]:
    """The question's hypotheses, highest exact posterior first."""
    ach_place = {i: place for place, i in enumerate(ach_ranking(inconsistency), start=1)}
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
        )
        for i in exact.ranking
    ]


def evidence_weights(likelihoods: QuestionLikelihoods, prior: np.ndarray, exact: ExactWeighing,
                     ratings: np.ndarray) -> list[EvidenceWeight]:
    """Every item bearing on the question, in case order, with its weight and sensitivity."""
    ids = likelihoods.hypothesis_ids
    leader, runner_up = exact.leader, exact.runner_up
    weights = weight_db(exact.effective[:, leader], exact.effective[:, runner_up])
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
        )
        for j, (item, effect) in enumerate(zip(likelihoods.items, sensitivity(likelihoods, prior, exact)))
    ]
