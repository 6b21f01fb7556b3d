"""One design for the web app and the reports: the audit page in the app's layout, the same view
model rendered by the app and the HTML report, the icon served, keyboard short cuts to the content."""

from __future__ import annotations

import re
import warnings

import pytest

from fontes.report.audit_views import audit_view, render_audit_html
from fontes.web import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

ESSAY = (
    "The treaty was signed in Vienna on 3 March 1901 by the two envoys.\n\n"
    "See https://example.org/a/very/long/path/that/goes/on/and/on/without/a/single/break/anywhere/at/all.\n"
)


@pytest.fixture(scope="module")
def essay_app(tmp_path_factory):
    essay = tmp_path_factory.mktemp("essays") / "my-essay.md"
    essay.write_text(ESSAY, encoding="utf-8")
    app = create_app(essay_path=essay)
    return app, TestClient(app, base_url="http://127.0.0.1:8000")


def test_the_audit_page_has_the_apps_header_nav_and_a_title_without_the_essays_path(essay_app):
    app, client = essay_app
    html = client.get("/audit").text
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "Audit of the essay" in title and "/" not in title
    assert '<nav class="site"' in html and 'href="/audit" aria-current="page"' in html
    assert 'href="/static/fontes.css"' in html
    assert "my-essay.md" in html  # the essay is named, by its file name


def test_the_app_and_the_standalone_audit_page_show_the_same_findings_from_one_view_model(essay_app):
    app, client = essay_app
    report = app.state.workspace.audit
    model = audit_view(report, report.text)
    web, standalone = client.get("/audit").text, render_audit_html(report, report.text)
    for n, item in enumerate(model["findings"], 1):
        for page in (web, standalone):
            assert f'id="finding-{n}"' in page and item["f"].kind in page
    assert web.count('<li id="finding-') == standalone.count('<li id="finding-') == len(model["findings"])


def test_the_icon_is_served_where_browsers_ask_for_it(essay_app):
    _, client = essay_app
    for path in ("/favicon.ico", "/static/favicon.svg"):
        response = client.get(path)
        assert response.status_code == 200 and response.headers["content-type"].startswith("image/svg+xml")
        assert response.content.startswith(b"<svg")


def test_the_report_and_the_standalone_audit_page_inline_the_apps_own_stylesheet(essay_app):
    import fontes
    from fontes.report.html import render_report_html

    app, client = essay_app
    served = client.get("/static/fontes.css").text
    report = app.state.workspace.audit
    case = app.state.workspace.case
    for page in (
        render_report_html(case, fontes.weigh(case), audit=report),
        render_audit_html(report, report.text),
    ):
        style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
        assert served.strip() in style  # one design: the same rules, inlined so the file stays whole
        assert "<link" not in page
