"""The pages: thin GET routes that ask the workspace and hand plain data to a template."""

from __future__ import annotations

from urllib.parse import quote

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from fontes.case.actors import display_name, names_for
from fontes.errors import FontesError
from fontes.reason.whatif import WHATIF_DRAWS
from fontes.report.evidence_cards import evidence_cards
from fontes.report.glossary import school_label
from fontes.report.links import source_link
from fontes.report.network import NARROW as NARROW_NETWORK
from fontes.report.network import busiest_channels, network_chart
from fontes.report.timeline import NARROW, horizon_marks, timeline_chart, timeline_zoom_chart
from fontes.report.whatif_words import opening_status
from fontes.web.reader import marked_pieces
from fontes.web.render import svg
from fontes.web.views import (
    evidence_rows,
    question_context,
    school_options,
    sorted_events,
    sorted_sources,
    unknown_school_notice,
    whatif_data,
)
from fontes.web.workspace import PAGE_DRAWS

#: How many search hits a page shows.
SEARCH_LIMIT = 50


def render(request: Request, template: str, status_code: int = 200, **context) -> HTMLResponse:
    """A page: the template with the app's common context (case, nav, token) added."""
    state = request.app.state
    ws = state.workspace
    common = {
        "case": ws.case,
        "token": state.token,
        "has_store": ws.has_store,
        "nav": nav(ws),
        "path": request.url.path,
        "notice": unknown_school_notice(ws.case, request.query_params.get("school")),
    }
    html = state.env.get_template(template).render({**common, **context})
    return HTMLResponse(html, status_code=status_code)


def nav(ws) -> dict[str, list[tuple[str, str]]]:
    """The links of the header: the case and its questions (one menu, so the keyboard passes them
    in one step), then the case-wide pages and the audit if any."""
    case = [("/", "Overview")]
    case += [(f"/questions/{quote(q.id, safe='')}", f"Question: {q.id}") for q in ws.case.questions]
    pages = [
        ("/evidence", "Evidence"),
        ("/timeline", "Timeline"),
        ("/network", "Network"),
        ("/sources", "Sources"),
        ("/search", "Search"),
    ]
    if ws.essay_path is not None:
        pages.append(("/audit", "Audit"))
    return {"case": case, "pages": pages}


def chosen_school(request: Request) -> str | None:
    """The school in ?school=, if the case has it, else the case's default."""
    return request.app.state.workspace.school_or_default(request.query_params.get("school"))


def overview(request: Request) -> Response:
    """The case: its questions with ranking, posteriors and intervals, and the schools."""
    ws = request.app.state.workspace
    school = chosen_school(request)
    verdict = ws.verdict(school)
    from fontes.report.charts import posterior_chart, posterior_chart_narrow
    from fontes.report.svg import responsive
    from fontes.report.verdict_views import unweighed_sources, verdict_parts

    charts = {
        qv.id: svg(responsive(posterior_chart(qv), posterior_chart_narrow(qv))) for qv in verdict.questions
    }
    parts = {qv.id: verdict_parts(ws.case, qv, school) for qv in verdict.questions}
    with ws.store() as store:
        unweighed = unweighed_sources(ws.case, store)
    return render(
        request,
        "case.html",
        verdict=verdict,
        school=school,
        schools=school_options(ws.case),
        charts=charts,
        parts=parts,
        unweighed=unweighed,
        draws=PAGE_DRAWS,
    )


def question(request: Request) -> Response:
    """One question: ranking, evidence weights, ACH, schools, and the what-if panel."""
    ws = request.app.state.workspace
    question_id = request.path_params["question_id"]
    school = chosen_school(request)
    qv = next((q for q in ws.verdict(school).questions if q.id == question_id), None)
    if qv is None:
        raise HTTPException(404, f"no question {question_id!r} in this case")
    context = question_context(ws.case, question_id, qv, school, PAGE_DRAWS)
    return render(
        request,
        "question.html",
        **context,
        rows=evidence_rows(ws.case, question_id, qv, school),
        schools=school_options(ws.case),
        whatif=whatif_data(ws.case, question_id, school),
        whatif_draws=WHATIF_DRAWS,
        opening_status=opening_status(ws.case, qv, school),
    )


def evidence(request: Request) -> Response:
    """Every evidence item: its source, words, note and what it does on each question."""
    ws = request.app.state.workspace
    school = chosen_school(request)
    wanted = request.query_params.get("question")
    cards = evidence_cards(ws.case, ws.verdict(school))
    if wanted:
        cards = [
            card for card in cards if any(row.question == wanted for row in card["rows"])
        ]  # ids may hold spaces
    return render(
        request,
        "evidence.html",
        cards=cards,
        wanted=wanted,
        school_label=school_label(ws.case, school),
    )


def timeline(request: Request) -> Response:
    """The events and sources by date, drawn and listed."""
    case = request.app.state.workspace.case
    return render(
        request,
        "timeline.html",
        events=sorted_events(case),
        name=lambda n: display_name(case, n),
        charts=[
            (svg(timeline_chart(case)), svg(timeline_chart(case, NARROW))),
            (svg(timeline_zoom_chart(case)), svg(timeline_zoom_chart(case, NARROW))),
        ],
        horizons=horizon_marks(case),
    )


def network(request: Request) -> Response:
    """Who wrote to whom, drawn and listed."""
    case = request.app.state.workspace.case
    return render(
        request,
        "network.html",
        chart=svg(network_chart(case)),
        chart_narrow=svg(network_chart(case, NARROW_NETWORK)),
        channels=busiest_channels(case, limit=10_000),
    )


def sources(request: Request) -> Response:
    """The case's sources by date, with how many evidence items cite each."""
    ws = request.app.state.workspace
    counts: dict[str, int] = {}
    for item in ws.case.evidence:
        counts[item.source] = counts.get(item.source, 0) + 1
    with ws.store() as store:
        stored = {s.id for s in ws.case.sources if store is not None and s.id in store}
    return render(
        request,
        "sources.html",
        sources=sorted_sources(ws.case),
        counts=counts,
        stored=stored,
        links={s.id: source_link(s.url) for s in ws.case.sources},
        name=lambda n: display_name(ws.case, n),
    )


def source(request: Request) -> Response:
    """The reader: a source's metadata and text, with each evidence quote of the case marked."""
    ws = request.app.state.workspace
    source_id = request.path_params["source_id"]
    in_case = next((s for s in ws.case.sources if s.id == source_id), None)
    with ws.store() as store:
        document = store.get(source_id) if store is not None else None
        quotes = ws.anchors_in(source_id, store) if document is not None else []
    meta = in_case if in_case is not None else document.source if document is not None else None
    if meta is None:
        raise HTTPException(404, f"no source {source_id!r} in the case or the corpus store")
    items = [item for item in ws.case.evidence if item.source == source_id]
    return render(
        request,
        "source.html",
        source=meta,
        document=document,
        holding=document.holding() if document is not None else "",
        items=items,
        anchors={q.item.id: q for q in quotes},
        pieces=marked_pieces(document.text, quotes) if document is not None else [],
        link=source_link(meta.url),
        name=lambda n: display_name(ws.case, n),
    )


def search(request: Request) -> Response:
    """Search the corpus (or, with no store, the case's own sources and evidence)."""
    ws = request.app.state.workspace
    params = {
        k: request.query_params.get(k, "").strip()[:200]
        for k in ("q", "from", "to", "author", "recipient", "archive")
    }
    hits: list = []
    error, searched = None, any(params.values())
    if searched:
        try:
            with ws.store() as store:
                hits = (
                    corpus_hits(ws.case, store, params)
                    if store is not None
                    else case_hits(ws.case, params["q"])
                )
        except FontesError as exc:
            error = str(exc)
    return render(request, "search.html", params=params, hits=hits, error=error, searched=searched)


def corpus_hits(case, store, params: dict[str, str]) -> list:
    """The store's ranked hits for the search form; an actor's aliases count for author and recipient."""
    return store.search(
        params["q"],
        date_from=params["from"] or None,
        date_to=params["to"] or None,
        authors=names_for(case, params["author"]) if params["author"] else None,
        recipients=names_for(case, params["recipient"]) if params["recipient"] else None,
        archive=params["archive"] or None,
        limit=SEARCH_LIMIT,
    )


def case_hits(case, words: str) -> list[dict]:
    """With no corpus store: the case's sources whose title, note or evidence holds every word; the
    snippet is the source's own words (a quotation holding a word), never the analyst's note."""
    wanted = words.casefold().split()
    quoted: dict[str, list[str]] = {}
    notes: dict[str, list[str]] = {}
    for item in case.evidence:
        quoted.setdefault(item.source, []).append(item.quote)
        notes.setdefault(item.source, []).append(item.note)
    hits = []
    for s in sorted_sources(case):
        quotes = quoted.get(s.id, [])
        haystack = " ".join([s.title, s.note, *quotes, *notes.get(s.id, [])]).casefold()
        if wanted and all(w in haystack for w in wanted):
            shown = next((q for q in quotes if any(w in q.casefold() for w in wanted)), "")
            hits.append({"id": s.id, "title": s.title, "date": s.date, "snippet": shown[:240]})
    return hits[:SEARCH_LIMIT]


def audit(request: Request) -> Response:
    """The essay's audit: the essay with its findings marked (only when an essay was given)."""
    ws = request.app.state.workspace
    if ws.essay_path is None:
        raise HTTPException(404, "no essay was given: start fontes serve with --essay FILE")
    from fontes.report.audit_views import audit_view

    report = ws.audit
    return render(request, "audit.html", audit=audit_view(report, report.text))
