"""The local web app: every page renders, the what-if panel agrees with the engine, the guards hold."""

from __future__ import annotations

import json
import math
import os
import statistics
import time
import warnings
from pathlib import Path

import pytest
from conftest import KOREA_JSONL, needs_shared

import fontes
from fontes.case import write_case
from fontes.corpus import Document, Store, ingest_paths
from fontes.model import Source
from fontes.reason.whatif import WHATIF_DRAWS, WhatIf, parse_whatif, weigh_whatif
from fontes.web import create_app
from fontes.web.security import MAX_BODY_BYTES
from fontes.web.serve import hosts_for, serve

with warnings.catch_warnings():  # Starlette prefers httpx2 over the httpx fontes already has
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

ORIGIN = "http://127.0.0.1:8000"
KIM_ASKS = "kim-asks-permission-ongjin-1949-09-03"
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def client_for(app) -> TestClient:
    return TestClient(app, base_url=ORIGIN)


def post(client: TestClient, path: str, body, *, token: str | None = None, **headers):
    """A POST as the page's script sends it: JSON, the token, the page's own origin."""
    token = client.app.state.token if token is None else token
    return client.post(
        path,
        content=json.dumps(body),
        headers={"content-type": "application/json", "x-fontes-token": token, "origin": ORIGIN, **headers},
    )


@pytest.fixture(scope="module")
def korea():
    """The built-in case, its app (saving into nowhere useful) and a client."""
    app = create_app()
    return app, client_for(app)


@pytest.fixture
def saving(korea, tmp_path):
    """The built-in case's app, saving into an empty temporary folder (loading the case takes a while)."""
    app, client = korea
    root = tmp_path / "saves"
    root.mkdir()
    app.state.workspace.save_root = root
    return root, client


@pytest.fixture
def toy_store(tmp_path):
    """A corpus store holding the toy case's source s1, whose text holds both quotes."""
    path = tmp_path / "toy.db"
    text = (
        "Dear B, these are the exact words of the source, as sent. "
        "And here are other exact words, written later."
    )
    with Store(path) as store:
        store.add(
            [
                Document(
                    source=Source(
                        id="s1",
                        title="Letter from A to B",
                        date="1950-05-13",
                        authors=["A"],
                        recipients=["B"],
                    ),
                    text=text,
                )
            ]
        )
    return path


def changed_case(case, item_id: str, question: str, **likelihoods):
    """A copy of the case with some likelihoods of one item changed, as a reader would."""
    copy = case.model_copy(deep=True)
    item = next(e for e in copy.evidence if e.id == item_id)
    item.bears_on[question].update(likelihoods)
    return copy


# -- the pages -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, words",
    [
        ("/", "Whose decision brought about the North Korean attack of 25 June 1950?"),
        ("/?school=essay", "The essay&#39;s own position"),
        ("/questions/initiation", "What if"),
        ("/questions/china-entry?school=revisionist", "ACH matrix"),
        ("/evidence", KIM_ASKS),
        ("/evidence?question=china-entry", "Evidence"),
        ("/timeline", "Events"),
        ("/network", "Who wrote to whom"),
        ("/sources", "wcda-telegram-tunkin-vyshinsky-1949-09-03"),
        ("/sources/wcda-telegram-tunkin-vyshinsky-1949-09-03", "No corpus store was given"),
        ("/search?q=Ongjin", "wcda-telegram-tunkin-vyshinsky-1949-09-03"),
    ],
)
def test_every_page_renders(korea, path, words):
    response = korea[1].get(path)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    assert words in response.text


def test_the_case_page_shows_each_question_with_posteriors_intervals_and_schools(korea):
    app, client = korea
    verdict = app.state.workspace.verdict("uniform")
    html = client.get("/").text
    for qv in verdict.questions:
        lead = qv.hypotheses[0]
        assert f"{100 * lead.posterior:.1f}%" in html
        assert f"{100 * lead.interval[0]:.1f}% – {100 * lead.interval[1]:.1f}%" in html
        assert f'href="/questions/{qv.id}"' in html
    assert "Post-revisionist" in html and "<svg" in html


def test_a_question_page_has_an_input_for_every_likelihood_of_every_item(korea):
    app, client = korea
    case = app.state.workspace.case
    html = client.get("/questions/initiation").text
    items = [e for e in case.evidence if "initiation" in e.bears_on]
    assert html.count('class="num lik"') == 4 * len(items)
    assert html.count('class="use"') == len(items)
    # a range is shown at its geometric midpoint and named as the range it is
    assert 'value="0.49" data-base="0.49" data-h="southern-provocation"' in html and "range 0.4–0.6" in html


def test_unknown_pages_are_404_pages(korea):
    client = korea[1]
    for path in ("/questions/nope", "/sources/nope", "/nope", "/audit"):
        response = client.get(path)
        assert response.status_code == 404
        assert "<h1>404</h1>" in response.text


def test_the_static_files_are_served_from_the_package(korea):
    client = korea[1]
    assert client.get("/static/whatif.js").headers["content-type"].startswith("text/javascript")
    assert "@media print" in client.get("/static/fontes.css").text


def test_the_reader_marks_each_evidence_quote_where_it_sits_in_the_source(toy_case_dir, toy_store):
    client = client_for(create_app(toy_case_dir, toy_store))
    html = client.get("/sources/s1").text
    assert (
        '<mark class="verbatim" title="e1" id="mark-e1">the exact words of the source<sup>1</sup></mark>'
        in html
    )
    assert '<mark class="verbatim" title="e2" id="mark-e2">other exact words<sup>2</sup></mark>' in html
    assert "not found in the text" not in html


def test_the_reader_marks_a_quote_the_source_does_not_hold_as_not_found(toy_case_dir, toy_store):
    evidence = toy_case_dir / "evidence.yaml"
    evidence.write_text(evidence.read_text().replace("other exact words", "words nobody wrote"))
    html = client_for(create_app(toy_case_dir, toy_store)).get("/sources/s1").text
    assert "not found in the text" in html and html.count('<mark class="verbatim" title=') == 1


@needs_shared
def test_the_reader_marks_the_builtin_cases_quotes_in_the_shared_corpus(tmp_path):
    path = tmp_path / "korea.db"
    with Store(path) as store:
        ingest_paths([KOREA_JSONL], store)
    client = client_for(create_app(db_path=path))
    html = client.get("/sources/wcda-telegram-tunkin-vyshinsky-1949-09-03").text
    assert f'id="mark-{KIM_ASKS}"' in html and "not found in the text" not in html
    hits = client.get("/search", params={"q": "Ongjin", "author": "Tunkin"}).text
    assert "<mark>Ongjin</mark>" in hits


def test_search_uses_the_store_and_marks_the_matched_words(toy_case_dir, toy_store):
    client = client_for(create_app(toy_case_dir, toy_store))
    html = client.get("/search", params={"q": "later"}).text
    assert 'href="/sources/s1"' in html and "<mark>later</mark>" in html


def test_search_without_a_store_looks_in_the_case(toy_case_dir):
    html = client_for(create_app(toy_case_dir)).get("/search", params={"q": "other exact"}).text
    assert 'href="/sources/s1"' in html and "1 hit." in html


def test_the_audit_page_is_there_only_when_an_essay_is_given(tmp_path):
    essay = tmp_path / "essay.md"
    essay.write_text("Kim Il Sung started the war in June 1950.\n", encoding="utf-8")
    response = client_for(create_app(essay_path=essay)).get("/audit")
    assert response.status_code == 200 and "essay.md" in response.text


# -- the what-if panel -------------------------------------------------------------------------


def test_a_changed_likelihood_gives_the_posterior_the_engine_gives(korea):
    app, client = korea
    case = app.state.workspace.case
    body = {"school": "uniform", "items": {KIM_ASKS: {"likelihoods": {"stalin-directed": 0.9}}}}
    response = post(client, "/questions/initiation/what-if", body)
    assert response.status_code == 200, response.text
    shown = {h["id"]: h for h in response.json()["verdict"]["hypotheses"]}
    modified = changed_case(case, KIM_ASKS, "initiation", **{"stalin-directed": 0.9})
    exact = fontes.posterior_under(modified, "initiation", case.school("uniform").priors["initiation"])
    for hid, p in exact.items():
        assert math.isclose(shown[hid]["posterior"], p, rel_tol=0, abs_tol=1e-9)
    assert exact["stalin-directed"] > fontes.posterior_under(case, "initiation", None)["stalin-directed"]


def test_intervals_and_p_top_are_the_engines_with_the_panels_draws(korea):
    app, client = korea
    case = app.state.workspace.case
    body = {"school": "revisionist", "items": {KIM_ASKS: {"likelihoods": {"kim-initiative": 0.3}}}}
    shown = post(client, "/questions/initiation/what-if", body).json()["verdict"]
    modified = changed_case(case, KIM_ASKS, "initiation", **{"kim-initiative": 0.3})
    qv = next(
        q
        for q in fontes.weigh(modified, school="revisionist", draws=WHATIF_DRAWS, seed=0).questions
        if q.id == "initiation"
    )
    assert shown == qv.model_dump(mode="json")


def test_own_priors_switching_off_and_credibility_each_count(korea):
    app, client = korea
    case = app.state.workspace.case
    priors = {"stalin-directed": 1, "kim-initiative": 6, "stalin-decision": 2, "southern-provocation": 1}
    body = {
        "school": "essay",
        "priors": priors,
        "items": {KIM_ASKS: {"off": True}, "kim-two-weeks-1949-09-03": {"credibility": 0.2}},
    }
    payload = post(client, "/questions/initiation/what-if", body).json()
    modified = case.model_copy(deep=True)
    modified.evidence = [e for e in modified.evidence if e.id != KIM_ASKS]
    next(e for e in modified.evidence if e.id == "kim-two-weeks-1949-09-03").credibility = 0.2
    exact = fontes.posterior_under(modified, "initiation", priors)
    for h in payload["verdict"]["hypotheses"]:
        assert math.isclose(h["posterior"], exact[h["id"]], abs_tol=1e-9)
    assert KIM_ASKS not in {e["id"] for e in payload["verdict"]["evidence"]}
    assert payload["school"] == "what-if" and payload["changed"] is True


def test_with_nothing_changed_the_panel_gives_back_the_pages_own_verdict(korea):
    app, client = korea
    payload = post(client, "/questions/china-entry/what-if", {"school": "traditionalist"}).json()
    page_verdict = next(
        q for q in app.state.workspace.verdict("traditionalist").questions if q.id == "china-entry"
    )
    assert payload["verdict"] == page_verdict.model_dump(mode="json")
    assert payload["draws"] == 4000 and payload["changed"] is False


def test_the_panel_redraws_the_page_parts_from_the_new_verdict(korea):
    client = korea[1]
    body = {"school": "uniform", "items": {KIM_ASKS: {"likelihoods": {"stalin-directed": 0.9}}}}
    payload = post(client, "/questions/initiation/what-if", body).json()
    assert set(payload["html"]) == {"live", "verdict", "weights", "ach", "schools"}
    top = payload["verdict"]["hypotheses"][0]
    assert f'data-value="{top["posterior"]}"' in payload["html"]["live"]
    assert "<svg" in payload["html"]["verdict"] and "<svg" in payload["html"]["weights"]


def test_the_what_if_never_changes_the_case_itself(korea):
    app, client = korea
    before = app.state.workspace.case.model_dump_json()
    body = {
        "school": "essay",
        "priors": {
            "stalin-directed": 1,
            "kim-initiative": 1,
            "stalin-decision": 1,
            "southern-provocation": 9,
        },
        "items": {
            KIM_ASKS: {"likelihoods": {"southern-provocation": 0.01}, "credibility": 0.1},
            "kim-two-weeks-1949-09-03": {"off": True},
        },
    }
    assert post(client, "/questions/initiation/what-if", body).status_code == 200
    assert app.state.workspace.case.model_dump_json() == before


@pytest.mark.parametrize(
    "body, field",
    [
        (
            {"items": {KIM_ASKS: {"likelihoods": {"southern-provocation": 0}}}},
            f"items.{KIM_ASKS}.likelihoods.southern-provocation",
        ),
        (
            {"items": {KIM_ASKS: {"likelihoods": {"southern-provocation": 1.5}}}},
            f"items.{KIM_ASKS}.likelihoods.southern-provocation",
        ),
        (
            {"items": {KIM_ASKS: {"likelihoods": {"southern-provocation": "high"}}}},
            f"items.{KIM_ASKS}.likelihoods.southern-provocation",
        ),
        ({"items": {KIM_ASKS: {"likelihoods": {"nobody": 0.5}}}}, f"items.{KIM_ASKS}.likelihoods"),
        ({"items": {KIM_ASKS: {"credibility": -0.1}}}, f"items.{KIM_ASKS}.credibility"),
        ({"items": {KIM_ASKS: {"off": "yes"}}}, f"items.{KIM_ASKS}.off"),
        ({"items": {"no-such-item": {"off": True}}}, "items"),
        (
            {"items": {"dulles-destroy-beyond-parallel": {"off": True}}},
            "items",
        ),  # bears on china-entry, not here
        ({"priors": {"stalin-directed": 1}}, "priors"),
        (
            {
                "priors": {
                    "stalin-directed": 0,
                    "kim-initiative": 1,
                    "stalin-decision": 1,
                    "southern-provocation": 1,
                }
            },
            "priors.stalin-directed",
        ),
        ({"school": "marxist"}, "school"),
        ({"schol": "essay"}, None),
        ([1, 2], None),
    ],
)
def test_a_bad_what_if_is_refused_saying_which_field(korea, body, field):
    response = post(korea[1], "/questions/initiation/what-if", body)
    assert response.status_code == 400
    assert response.json()["field"] == field


def test_nan_and_infinity_are_not_numbers_here(korea):
    raw = '{"items": {"' + KIM_ASKS + '": {"likelihoods": {"southern-provocation": NaN}}}}'
    response = korea[1].post(
        "/questions/initiation/what-if",
        content=raw,
        headers={"content-type": "application/json", "x-fontes-token": korea[0].state.token},
    )
    assert response.status_code == 400


def test_the_what_if_of_the_builtin_case_answers_fast(korea):
    app, _ = korea
    case = app.state.workspace.case
    whatif = parse_whatif(
        {"items": {KIM_ASKS: {"likelihoods": {"stalin-directed": 0.9}}}}, case, "initiation"
    )
    weigh_whatif(case, whatif)
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        weigh_whatif(case, whatif)
        timings.append(time.perf_counter() - started)
    assert statistics.median(timings) < 0.5  # typically 30-60 ms on one core; generous for a busy CI


def test_a_what_if_is_weighed_on_its_question_alone(korea):
    case = korea[0].state.workspace.case
    result = weigh_whatif(case, WhatIf(question="china-entry", school=None))
    assert [q.id for q in result.case.questions] == [q.id for q in case.questions]
    assert result.verdict.id == "china-entry" and result.verdict.hypotheses[0].prior == 0.25


# -- the guards --------------------------------------------------------------------------------


def test_a_post_needs_the_token_of_this_process(korea, toy_case_dir):
    client = korea[1]
    body = {"school": "uniform"}
    assert post(client, "/questions/initiation/what-if", body).status_code == 200
    assert post(client, "/questions/initiation/what-if", body, token="").status_code == 403
    assert post(client, "/questions/initiation/what-if", body, token="guess").status_code == 403
    other = create_app(toy_case_dir)
    assert other.state.token != korea[0].state.token
    assert post(client, "/questions/initiation/what-if", body, token=other.state.token).status_code == 403


def test_a_post_from_another_origin_or_site_is_refused(korea):
    client = korea[1]
    body = {"school": "uniform"}
    assert (
        post(client, "/questions/initiation/what-if", body, origin="http://evil.example").status_code == 403
    )
    assert (
        post(client, "/questions/initiation/what-if", body, origin="http://127.0.0.1:9999").status_code == 403
    )
    assert (
        post(client, "/questions/initiation/what-if", body, **{"sec-fetch-site": "cross-site"}).status_code
        == 403
    )


def test_a_request_for_another_host_name_is_refused(korea):
    response = korea[1].get("/", headers={"host": "evil.example"})
    assert response.status_code == 400  # a DNS-rebinding page cannot reach the app


def test_a_body_over_the_limit_gets_413(korea):
    client = korea[1]
    big = {"school": "uniform", "padding": "x" * MAX_BODY_BYTES}
    assert post(client, "/questions/initiation/what-if", big).status_code == 413
    assert post(client, "/questions/initiation/save", big).status_code == 413


def test_get_is_not_allowed_on_the_post_routes(korea):
    assert korea[1].get("/questions/initiation/what-if").status_code == 405


@pytest.mark.parametrize(
    "path",
    [
        "/static/../../../../etc/passwd",
        "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/static/..%2f..%2f..%2fetc%2fpasswd",
        "/static/%2Fetc%2Fpasswd",
        "/static//etc/passwd",
        "/static/fontes.css/../../../pyproject.toml",
        "/sources/..%2F..%2F..%2Fetc%2Fpasswd",
        "/sources/%2e%2e",
        "/sources//etc/passwd",
        "/questions/..%2f..%2fcase.yaml",
    ],
)
def test_no_path_reaches_a_file_outside_the_app(korea, path):
    response = korea[1].get(path)
    assert response.status_code == 404
    assert "root:" not in response.text and "[project]" not in response.text


def test_every_response_carries_the_security_headers(korea):
    headers = korea[1].get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY" and headers["x-content-type-options"] == "nosniff"


def test_every_text_of_the_case_is_escaped(toy_case_dir, toy_store):
    for name in ("case.yaml", "sources.yaml", "evidence.yaml"):
        path = toy_case_dir / name
        text = path.read_text()
        for words in ("A toy case", "A did it", "Letter from A to B", "what it shows", "Doubts A"):
            text = text.replace(words, json.dumps(HOSTILE)[1:-1])
        path.write_text(text)
    app = create_app(toy_case_dir, toy_store)
    client = client_for(app)
    pages = [
        "/",
        "/questions/q",
        "/evidence",
        "/sources",
        "/sources/s1",
        "/timeline",
        "/network",
        "/search?q=%3Cscript%3E",
        "/sources/%3Cscript%3E",
    ]
    for path in pages:
        html = client.get(path).text
        assert "<script>alert" not in html and "<img src=x" not in html, path
    assert "&lt;script&gt;alert(" in client.get("/").text
    fragments = post(client, "/questions/q/what-if", {"items": {"e1": {"likelihoods": {"a": 0.3}}}}).json()[
        "html"
    ]
    assert all("<script>alert" not in part and "<img src=x" not in part for part in fragments.values())


def test_the_serve_command_binds_loopback_and_answers_only_to_its_names(monkeypatch, toy_case_dir, toy_store):
    assert hosts_for("127.0.0.1")[:3] == ["127.0.0.1", "localhost", "::1"]
    assert "fontes.local" in hosts_for("fontes.local")
    assert hosts_for("0.0.0.0") == ["*"] and hosts_for("::") == ["*"]
    import uvicorn

    served = {}

    def run(app, **options):
        import socket

        with socket.socket(fileno=os.dup(options["fd"])) as bound:
            served.update(app=app, address=bound.getsockname()[0], **options)

    monkeypatch.setattr(uvicorn, "run", run)
    serve(toy_case_dir, toy_store, port=0)
    assert served["address"] == "127.0.0.1"
    assert served["app"].state.workspace.db_path == toy_store


def test_serve_on_a_busy_port_says_so_before_it_claims_to_serve(toy_case_dir, toy_store, capsys):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        with pytest.raises(fontes.FontesError, match=f"cannot listen on 127.0.0.1:{port}"):
            serve(toy_case_dir, toy_store, port=port)
    assert "serving" not in capsys.readouterr().out


def test_serve_refuses_an_essay_it_cannot_audit_before_it_starts(toy_case_dir, toy_store, tmp_path):
    pdf = tmp_path / "essay.pdf"
    pdf.write_bytes(b"%PDF-1.4 not an essay")
    with pytest.raises(fontes.FontesError, match="is a PDF"):
        serve(toy_case_dir, toy_store, essay_path=pdf, port=0)


def test_serve_refuses_a_store_that_is_not_there(toy_case_dir, tmp_path):
    with pytest.raises(fontes.FontesError, match="no corpus store here"):
        serve(toy_case_dir, tmp_path / "missing.db")
    assert not (tmp_path / "missing.db").exists()


def test_a_missing_save_folder_is_a_refusal_not_a_crash(saving, tmp_path):
    _, client = saving
    client.app.state.workspace.save_root = tmp_path / "gone"
    response = post(client, "/questions/initiation/save", {"school": "uniform", "name": "x"})
    assert response.status_code == 400 and "does not exist" in response.json()["error"]


# -- save as a new case ------------------------------------------------------------------------


def test_save_writes_a_new_case_that_weighs_as_the_panel_showed(saving):
    root, client = saving
    body = {
        "school": "essay",
        "items": {KIM_ASKS: {"likelihoods": {"stalin-directed": 0.9}, "credibility": 0.5}},
        "priors": {
            "stalin-directed": 1,
            "kim-initiative": 1,
            "stalin-decision": 1,
            "southern-provocation": 1,
        },
    }
    shown = post(client, "/questions/initiation/what-if", body).json()["verdict"]
    response = post(client, "/questions/initiation/save", {**body, "name": "korea-what-if"})
    assert response.status_code == 201, response.text
    assert response.json() == {"saved": "korea-what-if", "path": str(root.resolve() / "korea-what-if")}
    saved = fontes.load_case(root / "korea-what-if")  # raises on any problem of the folder
    assert saved.id == "korea-what-if" and saved.default_school == "what-if"
    again = fontes.posterior_under(saved, "initiation", saved.school("what-if").priors["initiation"])
    for h in shown["hypotheses"]:
        assert math.isclose(again[h["id"]], h["posterior"], abs_tol=1e-9)
    assert saved.school("what-if").priors["china-entry"] == saved.school("essay").priors["china-entry"]
    with pytest.raises(fontes.FontesError):
        write_case(saved, root / "korea-what-if")  # the writer refuses to overwrite as well


def test_save_never_overwrites_anything(saving):
    root, client = saving
    body = {"school": "uniform", "name": "taken"}
    assert post(client, "/questions/initiation/save", body).status_code == 201
    before = (root / "taken" / "evidence.yaml").read_bytes()
    changed = {**body, "items": {KIM_ASKS: {"off": True}}}
    response = post(client, "/questions/initiation/save", changed)
    assert response.status_code == 400 and "exists already" in response.json()["error"]
    assert (root / "taken" / "evidence.yaml").read_bytes() == before
    (root / "empty").mkdir()
    (root / "a-file").write_text("mine")
    assert post(client, "/questions/initiation/save", {**body, "name": "empty"}).status_code == 400
    assert post(client, "/questions/initiation/save", {**body, "name": "a-file"}).status_code == 400
    assert list((root / "empty").iterdir()) == [] and (root / "a-file").read_text() == "mine"


@pytest.mark.parametrize(
    "name",
    [
        "../escaped",
        "..",
        ".",
        "",
        "%2e%2e",
        "%2e%2e%2fescaped",
        "..%2fescaped",
        "/tmp/escaped",
        "a/b",
        "a\\b",
        "..\\escaped",
        ".hidden",
        "x" * 81,
        "new\nline",
        42,
        None,
        ["a"],
    ],
)
def test_save_refuses_any_name_that_is_not_one_plain_folder_name(saving, name):
    root, client = saving
    response = post(client, "/questions/initiation/save", {"school": "uniform", "name": name})
    assert response.status_code == 400 and response.json()["field"] == "name"
    assert list(root.iterdir()) == []
    assert not (root.parent / "escaped").exists() and not Path("/tmp/escaped").exists()


def test_save_refuses_a_symlink_that_leads_out_of_the_save_folder(saving, tmp_path):
    root, client = saving
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / "link").symlink_to(outside, target_is_directory=True)
    response = post(client, "/questions/initiation/save", {"school": "uniform", "name": "link"})
    assert response.status_code == 400
    assert list(outside.iterdir()) == []


def test_save_needs_the_token_too(saving):
    root, client = saving
    response = post(client, "/questions/initiation/save", {"school": "uniform", "name": "x"}, token="nope")
    assert response.status_code == 403 and list(root.iterdir()) == []
