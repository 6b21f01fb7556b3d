"""The hostile case in a real browser: Debian's Chromium, headless, driven by Playwright.

Every page of the app on the hostile case (tests/hostile_case.py), the what-if panel redrawn
from the server's fragments, and the single-file HTML report are opened with the
Content-Security-Policy switched off, so that escaping alone has to hold: any markup that
slipped through would run. On each page every element is hovered, focused and its details
opened; then no dialog may have fired, no element from the data may exist, and the hostile
words must be there to read. Skips, saying why, without Chromium or Playwright.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_case import (
    BAD_URLS,
    ENTITIES,
    HOSTILE,
    PAGES,
    SHOWN,
    path_of,
    said,
    write_hostile_case,
    write_hostile_corpus,
    write_hostile_essay,
)
from live_server import running
from test_web_browser import CHROMIUM, CHROMIUM_FLAGS, sync_api  # skips this module as it skips that one

import fontes
from fontes.audit import Audit, audit_essay
from fontes.corpus import Store, ingest_paths
from fontes.report.html import render_report_html
from fontes.web import create_app

ARTIFACTS = Path(__file__).parent / "artifacts"

#: What a hostile text might try on a reader: hover, focus, open every <details>.
PROVOKE = """() => {
  document.querySelectorAll("details").forEach(d => { d.open = true; });
  for (const el of document.querySelectorAll("*")) {
    for (const type of ["mouseover", "mouseenter", "mousemove", "focus", "pointerover"]) {
      el.dispatchEvent(new Event(type, {bubbles: true}));
    }
  }
}"""

#: Everything in the live DOM that the data could have put there.
INJECTED = """() => {
  const found = [];
  const own = (el, name) => el.id === "card-filters" && name === "onsubmit";  // the report's own form
  for (const s of document.querySelectorAll("script")) {
    const inert = s.type === "application/json";
    const app = s.getAttribute("src") === "/static/whatif.js";
    const code = !s.hasAttribute("src") && !s.textContent.includes("alert(");
    if (!(inert || app || code)) found.push("script: " + s.outerHTML.slice(0, 80));
  }
  for (const el of document.querySelectorAll("*")) {
    for (const a of el.attributes) {
      if (a.name.startsWith("on") && !own(el, a.name)) found.push(el.tagName + " " + a.name);
      const plain = a.value.replace(/[\\x00-\\x20]/g, "").toLowerCase();
      const url = ["href", "src", "action", "formaction", "xlink:href", "data", "srcdoc"].includes(a.name);
      if (url && /^(javascript|vbscript|data):/.test(plain) && !(el.tagName === "LINK" && plain === "data:,")) {
        found.push(el.tagName + " " + a.name + "=" + a.value);
      }
    }
  }
  for (const tag of ["img", "iframe", "object", "embed", "base", "textarea", "meta[http-equiv]"]) {
    document.querySelectorAll(tag).forEach(el => found.push(el.outerHTML.slice(0, 80)));
  }
  return found;
}"""


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory):
    """The app on the hostile case, its corpus store and essay, under uvicorn on a free loopback port."""
    root = tmp_path_factory.mktemp("attacked-in-chromium")
    with Store(root / "store.db") as store:
        ingest_paths([write_hostile_corpus(root / "documents.jsonl")], store)
    app = create_app(
        write_hostile_case(root / "case"),
        root / "store.db",
        essay_path=write_hostile_essay(root / "essay.md"),
        save_root=root,
    )
    with running(app) as port:
        yield app, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """Headless Chromium, the page's Content-Security-Policy not applied: escaping must hold alone."""
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_FLAGS,
            bypass_csp=True,
            viewport={"width": 1366, "height": 900},
        )
        yield context
        context.close()


class Watched:
    """A browser page with every dialog and script error it raises written down."""

    def __init__(self, page):
        self.page = page
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def open(self, url: str) -> None:
        self.page.goto(url)
        self.provoke()

    def provoke(self) -> None:
        self.page.evaluate(PROVOKE)
        self.page.wait_for_timeout(50)  # an <img onerror> fires once its load fails

    def injected(self) -> list[str]:
        return self.page.evaluate(INJECTED)

    def text(self) -> str:
        """What a reader sees (details open), white space made single."""
        return " ".join(self.page.locator("body").inner_text().split())


@pytest.fixture
def watched(browser):
    page = Watched(browser.new_page())
    yield page
    page.page.close()
    assert page.errors == []  # the app's own script copes with hostile ids


def test_the_browser_would_run_injected_markup(hostile_app, watched):
    """The checks below can fail: this browser, without CSP, runs an injected handler."""
    _, base = hostile_app
    watched.open(base + "/")
    watched.page.evaluate(
        """() => document.body.insertAdjacentHTML("beforeend", '<img src=x onerror="alert(7)">')"""
    )
    for _ in range(100):  # the image fails to load, then its handler runs
        if watched.dialogs:
            break
        watched.page.wait_for_timeout(50)
    assert watched.dialogs == ["alert: 7"]
    assert watched.injected() == ["IMG onerror", '<img src="x" onerror="alert(7)">']


@pytest.mark.parametrize("path, fields", PAGES, ids=[p for p, _ in PAGES])
def test_no_page_runs_or_holds_markup_from_the_data(hostile_app, watched, path, fields):
    _, base = hostile_app
    watched.open(base + path)
    assert watched.dialogs == []
    assert watched.injected() == []
    assert watched.page.locator('a[href^="javascript:" i]').count() == 0
    text = watched.text()
    for field in fields:
        assert said(field) in text, field
    if fields:
        assert all(words in text for words in SHOWN)
    assert "&lt;script&gt;" in text  # an entity in the data shows as typed


def test_a_hostile_search_is_shown_back_in_the_box_as_typed(hostile_app, watched):
    _, base = hostile_app
    watched.page.goto(base + "/search")
    box = watched.page.locator('input[name="q"]')
    box.fill(HOSTILE[:200])
    box.press("Enter")
    watched.page.wait_for_load_state()
    watched.provoke()
    assert watched.page.locator('input[name="q"]').input_value() == HOSTILE[:200].strip()
    assert watched.dialogs == [] and watched.injected() == []


@pytest.mark.parametrize("source_id", sorted(BAD_URLS))
def test_a_source_url_that_is_not_http_is_text_not_a_link(hostile_app, watched, source_id):
    _, base = hostile_app
    watched.open(base + path_of("/sources/", source_id))
    assert BAD_URLS[source_id].strip() in watched.text()
    protocols = "links => links.map(a => new URL(a.getAttribute('href'), document.baseURI).protocol)"
    assert set(watched.page.locator("a[href]").evaluate_all(protocols)) == {"http:"}  # its own pages only
    assert watched.dialogs == []


def test_the_what_if_panel_redraws_hostile_texts_as_words(hostile_app, watched):
    _, base = hostile_app
    watched.open(base + "/questions/q")
    watched.page.locator('tr[data-item="e1"] input.lik[data-h="a"]').fill("0.35")
    sync_api.expect(watched.page.locator("#whatif-status")).to_contain_text("What-if", timeout=15_000)
    watched.provoke()
    assert watched.dialogs == [] and watched.injected() == []
    verdict = " ".join(watched.page.locator("#verdict").inner_text().split())
    assert said("hypothesis text") in verdict and said("second hypothesis text") in verdict
    watched.page.locator("#save-name").fill("../escaped")
    watched.page.locator("#save-button").click()
    sync_api.expect(watched.page.locator("#save-status")).to_contain_text("Not saved", timeout=15_000)
    assert watched.dialogs == []
    watched.page.screenshot(path=str(ARTIFACTS / "hostile-what-if.png"))


def test_the_html_report_of_the_hostile_case_runs_nothing_from_the_data(hostile_app, watched, tmp_path):
    app, _ = hostile_app
    ws = app.state.workspace
    with ws.store() as store:
        audit = audit_essay(ws.essay_path, Audit(case=ws.case, store=store))
        html = render_report_html(ws.case, fontes.weigh(ws.case), store=store, audit=audit)
    report = tmp_path / "hostile-report.html"
    report.write_text(html, encoding="utf-8")
    watched.open(report.as_uri())
    assert watched.dialogs == [] and watched.injected() == []
    text = watched.text()
    for field in (
        "case title",
        "case description",
        "question text",
        "source title",
        "evidence note",
        "actor name",
        "document text",
    ):  # an event's summary is in the timeline's tooltips
        assert said(field) in text, field
    assert ENTITIES in text
    protocols = "links => links.map(a => new URL(a.getAttribute('href'), document.baseURI).protocol)"
    assert set(watched.page.locator("a[href]").evaluate_all(protocols)) <= {"http:", "https:", "file:"}
