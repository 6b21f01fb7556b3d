"""What each page shows, as plain data for its template: no markup built here but the charts."""

from __future__ import annotations

from typing import Any

from fontes.dates import format_date, sort_key
from fontes.model import DEFAULT_LIKELIHOOD, Case
from fontes.reason.readings import bears_on_under
from fontes.reason.verdict import QuestionVerdict
from fontes.report.charts import (
    posterior_chart,
    posterior_chart_narrow,
    schools_chart,
    weights_chart,
    weights_chart_narrow,
)
from fontes.report.glossary import NO_SCHOOL, school_label
from fontes.report.svg import responsive
from fontes.report.verdict_views import verdict_parts
from fontes.web.render import likelihood_value, svg

#: The parts of a question page that the what-if panel redraws, each its own template.
FRAGMENTS = ("live", "verdict", "weights", "ach", "schools")


def school_options(case: Case) -> list[dict[str, Any]]:
    """The schools a reader can choose, with "" for no school when the case has no default."""
    options = [{"id": s.id, "label": s.label} for s in case.schools]
    if case.default_school is None:
        options.insert(0, {"id": "", "label": NO_SCHOOL[0].upper() + NO_SCHOOL[1:]})
    return options


def unknown_school_notice(case: Case, wanted: str | None) -> str | None:
    """What to tell a reader whose ?school= names no school of the case (None when it does, or is absent):
    the school asked for, the one shown instead, and the case's own."""
    known = {s.id: s.label for s in case.schools}
    if not wanted or wanted in known:  # absent, or "" (the form's "no school"): nothing to say
        return None
    shown = school_label(case, case.default_school)
    listed = "; ".join(f"{sid} ({label})" for sid, label in known.items()) or "none"
    return f"There is no school {wanted[:80]!r} in this case: showing {shown} instead. The case's schools: {listed}."


def question_context(
    case: Case, question_id: str, qv: QuestionVerdict, school: str | None, draws: int
) -> dict[str, Any]:
    """Everything the what-if fragments of one question need (the page adds its own rows)."""
    question = case.question(question_id)
    labels = {s.id: s.label for s in case.schools}
    priors = {s.id: s.priors[question_id] for s in case.schools if question_id in s.priors}
    ranked = {h.id: n for n, h in enumerate(qv.hypotheses, 1)}
    return {
        "case": case,
        "question": question,
        "qv": qv,
        "school": school,
        "school_label": school_label(case, school),
        "school_labels": labels,
        "draws": draws,
        "bayes_rank": ranked,
        "by_hypothesis": {h.id: h for h in qv.hypotheses},
        "posterior_svg": svg(responsive(posterior_chart(qv), posterior_chart_narrow(qv))),
        "weights_svg": svg(responsive(weights_chart(qv), weights_chart_narrow(qv))),
        "schools_svg": svg(
            responsive(
                schools_chart(qv, labels, priors, chosen=school),
                schools_chart(qv, labels, priors, chosen=school, columns=1),
            )
        ),
        "parts": verdict_parts(case, qv, school),
    }


def evidence_rows(
    case: Case, question_id: str, qv: QuestionVerdict, school: str | None = None
) -> list[dict[str, Any]]:
    """One row per item bearing on the question, in case order: its source, words and what-if inputs,
    the inputs holding the likelihoods as `school` reads them (the analyst's where it has no reading)."""
    sources = {s.id: s for s in case.sources}
    weights = {e.id: e for e in qv.evidence}
    after = {a.id: a.why for a in qv.after_horizon}
    hypotheses = case.question(question_id).hypothesis_ids()
    rows = []
    for item in case.evidence:
        given = bears_on_under(item, school).get(question_id)
        if given is None:
            continue
        source = sources.get(item.source)
        rows.append(
            {
                "item": item,
                "source": source,
                "date": format_date(source.date) if source else "",
                "weight": weights.get(item.id),
                "credibility": case.credibility_of(item),
                "after_horizon": after.get(item.id),
                "inputs": [likelihood_input(h, given.get(h)) for h in hypotheses],
            }
        )
    return rows


def likelihood_input(hypothesis: str, given) -> dict[str, Any]:
    """One number input: a point as given, a range at its midpoint (three digits), unmentioned as even."""
    is_range = isinstance(given, tuple)
    value = likelihood_value(given) if given is not None else DEFAULT_LIKELIHOOD
    return {
        "h": hypothesis,
        "given": given,
        "is_range": is_range,
        "shown": f"{value:.3g}" if is_range else f"{value:g}",
    }


def whatif_data(case: Case, question_id: str, school: str | None) -> dict[str, Any]:
    """The data the panel's script starts from: each school's priors for this question."""
    question = case.question(question_id)
    uniform = {h: 1 / len(question.hypotheses) for h in question.hypothesis_ids()}
    priors = {s.id: s.priors.get(question_id, uniform) for s in case.schools}
    priors[""] = uniform
    return {
        "question": question_id,
        "school": school or "",
        "priors": priors,
        "hypotheses": question.hypothesis_ids(),
    }


def sorted_sources(case: Case) -> list:
    """The case's sources by date, undated last."""
    return sorted(case.sources, key=lambda s: (sort_key(s.date), s.id))


def sorted_events(case: Case) -> list:
    return sorted(case.events, key=lambda e: (sort_key(e.date), e.id))
