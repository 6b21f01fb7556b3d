"""The two POST routes: recompute a question under the reader's changes, and save them as a new case."""

from __future__ import annotations

import json
import shutil
import time

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse

from fontes.case import write_case
from fontes.errors import FontesError, WebError
from fontes.reason.whatif import WHATIF_DRAWS, case_to_save, parse_whatif, verdict_json, weigh_whatif
from fontes.report.whatif_words import changes_made, status_line
from fontes.web.security import check_same_origin, new_folder_in
from fontes.web.views import FRAGMENTS, question_context
from fontes.web.workspace import PAGE_DRAWS


def refusal(exc: FontesError, status: int = 400) -> JSONResponse:
    """A refused request as JSON: what is wrong, where, and what to do."""
    return JSONResponse({"error": exc.message, "field": exc.field, "hint": exc.hint}, status_code=status)


async def read_request(request: Request):
    """The checked JSON body of a POST, and the question it is about."""
    check_same_origin(request, request.app.state.token)
    try:
        data = json.loads(await request.body() or b"null")
    except (ValueError, UnicodeDecodeError):
        raise WebError("the body is not JSON", hint="send application/json") from None
    except RecursionError:  # "[[[[…" nested deeper than Python's stack, well within the size limit
        raise WebError(
            "the body is nested too deeply", hint="send the what-if object as the page does"
        ) from None
    ws = request.app.state.workspace
    return ws, parse_whatif(data, ws.case, request.path_params["question_id"]), data


async def what_if(request: Request) -> JSONResponse:
    """The question weighed again under the reader's changes, with its redrawn page parts."""
    try:
        ws, whatif, _ = await read_request(request)
    except WebError as exc:
        return refusal(exc, 403 if exc.field in ("token", "origin", "sec-fetch-site") else 400)
    return JSONResponse(await run_in_threadpool(answer, request.app.state, ws, whatif))


def answer(state, ws, whatif) -> dict:
    """The verdict of the what-if as JSON data plus the page's fragments drawn from it, and the
    status line saying what changed."""
    started = time.perf_counter()
    if whatif.changes_nothing():
        case, draws = ws.case, PAGE_DRAWS
        qv = next(q for q in ws.verdict(whatif.school).questions if q.id == whatif.question)
        school = whatif.school
    else:
        result = weigh_whatif(ws.case, whatif)
        case, qv, draws, school = result.case, result.verdict, WHATIF_DRAWS, result.case.default_school
    context = question_context(case, whatif.question, qv, school, draws)
    html = {name: state.env.get_template(f"_{name}.html").render(context) for name in FRAGMENTS}
    elapsed_ms = round(1000 * (time.perf_counter() - started), 1)
    return {
        "verdict": verdict_json(qv),
        "school": school,
        "draws": draws,
        "changed": not whatif.changes_nothing(),
        "html": html,
        "elapsed_ms": elapsed_ms,
        "status": status_line(changes_made(ws.case, whatif), qv, draws, elapsed_ms),
    }


async def save(request: Request) -> JSONResponse:
    """Write the changed case as a new case folder inside the save folder; never over anything."""
    try:
        ws, whatif, data = await read_request(request)
        folder = new_folder_in(ws.save_root, data.get("name"))
    except WebError as exc:
        return refusal(exc, 403 if exc.field in ("token", "origin", "sec-fetch-site") else 400)
    try:
        write_case(case_to_save(ws.case, whatif, folder.name), folder)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)  # the folder is ours: we made it just now
        raise
    return JSONResponse({"saved": folder.name, "path": str(folder)}, status_code=201)
