"""The report as one self-contained HTML file: charts inline, no external resource, readable offline.

    html = render_report_html(case, verdict, store=store, audit=audit_report)

Every text of the case, the sources and the essay is escaped by the template (autoescape); the
charts are SVG built in `charts`, `timeline` and `network`, which escape their own text.
"""

from __future__ import annotations

from markupsafe import Markup

from fontes import __version__
from fontes.model import Case
from fontes.report.audit_views import audit_view
from fontes.report.charts import (
    pct,
    posterior_chart,
    posterior_chart_narrow,
    schools_chart,
    weights_chart,
    weights_chart_narrow,
)
from fontes.report.evidence_cards import evidence_cards
from fontes.report.glossary import TERMS, count, legend, odds_text, school_label
from fontes.report.network import NARROW as NARROW_NETWORK
from fontes.report.network import busiest_channels, network_chart
from fontes.report.stylesheet import app_stylesheet
from fontes.report.svg import responsive
from fontes.report.timeline import NARROW, timeline_chart, timeline_zoom_chart
from fontes.report.verdict_views import unweighed_sources, verdict_parts


def school_priors(case: Case, qv) -> dict[str, dict[str, float]]:
    """Each school's prior on the question, normalised; uniform where a school gives none."""
    hyp_ids = [h.id for h in qv.hypotheses]
    given = {s.id: s.priors.get(qv.id) for s in case.schools}
    priors = {}
    for sid in qv.schools:
        weights = given.get(sid) or {h: 1.0 for h in hyp_ids}
        total = sum(weights.get(h, 0.0) for h in hyp_ids) or 1.0
        priors[sid] = {h: weights.get(h, 0.0) / total for h in hyp_ids}
    return priors


def ach_matrix(qv) -> dict:
    """Heuer's matrix: items (most diagnostic first) by hypotheses, with the weighted inconsistency."""
    rows = sorted(qv.evidence, key=lambda e: (-e.diagnosticity, e.id))
    ranking = qv.ach_ranking
    score = {h.id: h.ach_inconsistency for h in qv.hypotheses}
    tied = len(ranking) > 1 and abs(score[ranking[0]] - score[ranking[1]]) < 1e-9
    return {
        "hypotheses": qv.hypotheses,
        "rows": rows,
        "tied": tied,
        "disagree": not tied and ranking[0] != qv.hypotheses[0].id,
    }


def question_view(case: Case, verdict, qv) -> dict:
    """Everything the template shows for one question."""
    labels = {s.id: s.label for s in case.schools}
    counted = [e for e in qv.evidence if e.counted]
    leader = next(h for h in qv.hypotheses if h.id == qv.leader)
    return {
        "qv": qv,
        "leader": leader,
        "runner_up": next((h for h in qv.hypotheses if h.id == qv.runner_up), leader),
        "overturn_odds": odds_text(qv.overturn_odds),
        "n_items": len(qv.evidence),
        "n_corroborating": len(qv.evidence) - len(counted),
        "pivotal": [e for e in qv.evidence if e.pivotal],
        "posterior_svg": Markup(responsive(posterior_chart(qv), posterior_chart_narrow(qv))),
        "schools_svg": Markup(
            responsive(
                schools_chart(qv, labels, school_priors(case, qv), chosen=verdict.school),
                schools_chart(qv, labels, school_priors(case, qv), chosen=verdict.school, columns=1),
            )
        ),
        "weights_svg": Markup(responsive(weights_chart(qv), weights_chart_narrow(qv))),
        "ach": ach_matrix(qv),
        "schools": [(labels.get(sid, sid), post) for sid, post in qv.schools.items()],
        "parts": verdict_parts(case, qv, verdict.school),
    }


def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=PackageLoader("fontes.report", "templates"),
        autoescape=select_autoescape(["html"], default_for_string=True, default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pct"] = pct
    env.filters["db"] = lambda x: "—" if x is None else f"{x:+.1f} dB"
    env.filters["count"] = count
    env.globals.update(terms=TERMS, glossary=legend)  # every number's words, as the terminal prints them
    return env


def render_report_html(case: Case, verdict, *, store=None, audit=None) -> str:
    """The whole report of a weighed case as one HTML page that works offline.

    With a corpus `store`, each evidence card shows its quotation inside its source's own words;
    with an `audit` (an AuditReport), the essay's findings follow.
    """
    return (
        _environment()
        .get_template("report.html")
        .render(
            case=case,
            verdict=verdict,
            version=__version__,
            app_css=app_stylesheet(),
            school_label=school_label(case, verdict.school),
            questions=[question_view(case, verdict, qv) for qv in verdict.questions],
            timeline_svg=Markup(timeline_chart(case)),
            timeline_narrow_svg=Markup(timeline_chart(case, NARROW)),
            timeline_zoom_svg=Markup(timeline_zoom_chart(case)),
            timeline_zoom_narrow_svg=Markup(timeline_zoom_chart(case, NARROW)),
            network_svg=Markup(network_chart(case)),
            network_narrow_svg=Markup(network_chart(case, NARROW_NETWORK)),
            channels=busiest_channels(case),
            cards=evidence_cards(case, verdict, store),
            audit=audit_view(audit),
            unweighed=unweighed_sources(case, store),
            with_store=store is not None,
        )
    )
