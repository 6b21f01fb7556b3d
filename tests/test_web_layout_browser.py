"""Every page of the app, and the HTML report, at a phone's width and a desktop's, in a real browser.

At 390 px and 1440 px no page scrolls sideways (a wide table or chart scrolls in its own box), no
script error or failed request shows in the console, and every chart carries a text alternative.
On a question page the keyboard meets the skip links, then the school and the priors, before the
evidence table; the table's filter leaves only the chosen rows to tab through; and the what-if
panel works at phone width, drawn above the evidence. Skips, saying why, without Chromium or Playwright.
"""

from __future__ import annotations

import math

import pytest
from live_server import running
from test_web_browser import CHROMIUM, CHROMIUM_FLAGS, sync_api  # skips this module as it skips that one
from web_pages import WIDTHS, app_pages, write_essay

import fontes
from fontes.report.html import render_report_html
from fontes.web import create_app

CASE = fontes.load_case()
PAGES = app_pages(CASE)
KIM_ASKS = "kim-asks-permission-ongjin-1949-09-03"

#: Each chart shown (a phone's version or a desktop's) and its smallest text at the size the
#: reader sees it: the font size times the chart's scale, in px.
CHART_TEXT_SIZES = """() => Array.from(document.querySelectorAll('svg.chart'))
  .filter(svg => svg.getBoundingClientRect().width > 0)
  .map(svg => ({
    chart: svg.dataset.chart,
    smallest: svg.getBoundingClientRect().width / svg.viewBox.baseVal.width * Math.min(
      ...Array.from(svg.querySelectorAll('text')).map(t => parseFloat(getComputedStyle(t).fontSize))),
  }))"""

#: Each chart's text alternative: the title and description its aria-labelledby points to.
CHART_ALTERNATIVES = """() => Array.from(document.querySelectorAll('svg')).map(svg => ({
  role: svg.getAttribute('role'),
  words: (svg.getAttribute('aria-labelledby') || '').split(' ').filter(Boolean)
    .map(id => (document.getElementById(id) || {}).textContent || '').join(' ').trim(),
}))"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The app on the built-in case with an essay to audit, served on a free loopback port."""
    essay = write_essay(tmp_path_factory.mktemp("essay"))
    app = create_app(essay_path=essay, save_root=tmp_path_factory.mktemp("saves"))
    with running(app) as port:
        yield app, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def chromium():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def problems() -> list[str]:
    """Console errors, script errors and failed responses of the page (a test may take out the ones it expects)."""
    return []


def open_page(chromium, problems, width: int):
    page = chromium.new_page(viewport={"width": width, "height": 900})
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    return page


@pytest.fixture
def phone(chromium, problems):
    page = open_page(chromium, problems, 390)
    yield page
    page.close()
    assert problems == [], problems


def overflow(page) -> int:
    """How many px the page is wider than the window (0 when it does not scroll sideways)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name, path", PAGES, ids=[name for name, _ in PAGES])
def test_no_page_scrolls_sideways_and_nothing_fails_to_load(site, chromium, problems, name, path, width):
    _, base = site
    page = open_page(chromium, problems, width)
    try:
        page.goto(base + path, wait_until="load")
        assert overflow(page) <= 0, f"{path} is {overflow(page)} px wider than a {width} px window"
        for chart in page.evaluate(CHART_ALTERNATIVES):
            assert chart["role"] == "img" and len(chart["words"]) > 20, chart
        for chart in page.evaluate(CHART_TEXT_SIZES):  # not shrunk to fit a phone
            assert chart["smallest"] >= 9, chart
    finally:
        page.close()
    assert problems == [], problems


@pytest.mark.parametrize("width", WIDTHS)
def test_the_html_report_with_its_audit_does_not_scroll_sideways(site, chromium, problems, tmp_path, width):
    app, _ = site
    case = app.state.workspace.case
    report = tmp_path / "report.html"
    html = render_report_html(case, fontes.weigh(case), audit=app.state.workspace.audit)
    report.write_text(html, encoding="utf-8")
    assert 'id="audit"' in html and 'class="finding sev-error"' in html  # the essay's misdated telegram
    page = open_page(chromium, problems, width)
    try:
        page.goto(report.as_uri())
        assert overflow(page) <= 0, f"the report is {overflow(page)} px wider than a {width} px window"
        for chart in page.evaluate(CHART_ALTERNATIVES):
            assert chart["role"] == "img" and len(chart["words"]) > 20, chart
        for chart in page.evaluate(CHART_TEXT_SIZES):
            assert chart["smallest"] >= 9, chart
    finally:
        page.close()
    assert problems == [], problems


def focused(page) -> str:
    return page.evaluate("document.activeElement.id || document.activeElement.textContent.trim()")


def test_tab_from_the_top_meets_the_skip_links_then_the_school_and_priors_before_the_table(site, phone):
    _, base = site
    phone.goto(base + "/questions/initiation")
    phone.keyboard.press("Tab")
    assert focused(phone) == "Skip to the content"
    phone.keyboard.press("Tab")
    assert focused(phone) == "Skip to the what-if panel"
    for presses in range(3, 11):
        phone.keyboard.press("Tab")
        if focused(phone) == "whatif-school":
            break
    assert focused(phone) == "whatif-school", f"the school selector is not reached in {presses} presses"
    hypotheses = [h.id for h in CASE.question("initiation").hypotheses]
    for h in hypotheses:
        phone.keyboard.press("Tab")
        assert phone.evaluate("document.activeElement.dataset.h") == h
        assert phone.evaluate("document.activeElement.classList.contains('prior')")


def test_the_skip_link_takes_the_keyboard_to_the_what_if_panel(site, phone):
    _, base = site
    phone.goto(base + "/questions/initiation")
    phone.keyboard.press("Tab")
    phone.keyboard.press("Tab")
    phone.keyboard.press("Enter")
    phone.keyboard.press("Tab")
    assert focused(phone) == "whatif-school"


def test_the_evidence_filter_leaves_only_the_chosen_rows_to_tab_through(site, phone):
    _, base = site
    phone.goto(base + "/questions/initiation")
    rows = phone.locator("#evidence-table tbody tr[data-item]")
    total = rows.count()
    phone.locator("#evidence-filter").fill("ongjin")
    sync_api.expect(phone.locator("#evidence-filter-count")).to_contain_text(f"of {total} items shown")
    visible = phone.locator("#evidence-table tbody tr[data-item]:visible")
    assert 0 < visible.count() < total
    assert all("ongjin" in row.text_content().lower() for row in visible.all())
    phone.locator("#evidence-filter").press("Tab")
    for _ in range(3 * visible.count()):  # through the table: never into a hidden row
        row = phone.evaluate("(document.activeElement.closest('tr[data-item]') || {}).hidden")
        assert row is not True
        phone.keyboard.press("Tab")
    phone.locator("#evidence-filter").fill("")
    sync_api.expect(phone.locator("#evidence-table tbody tr[data-item]:visible")).to_have_count(total)


def test_the_what_if_round_trip_at_phone_width_above_the_evidence(site, phone):
    app, base = site
    case = app.state.workspace.case
    phone.goto(base + "/questions/initiation")
    panel, table = phone.locator("aside#whatif"), phone.locator("#evidence-table")
    box = panel.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390  # the whole panel on the screen
    assert box["y"] + box["height"] <= table.bounding_box()["y"]  # stacked above the evidence

    cell = phone.locator(f'tr[data-item="{KIM_ASKS}"] input.lik[data-h="stalin-directed"]')
    cell.fill("0.9")
    sync_api.expect(phone.locator("#whatif-status")).to_contain_text("What-if", timeout=15_000)
    modified = case.model_copy(deep=True)
    next(e for e in modified.evidence if e.id == KIM_ASKS).bears_on["initiation"]["stalin-directed"] = 0.9
    exact = fontes.posterior_under(modified, "initiation", case.school("uniform").priors["initiation"])
    for hid, p in exact.items():
        shown = panel.locator(f'[data-h="{hid}"] [data-field="posterior"]')
        assert math.isclose(float(shown.get_attribute("data-value")), p, abs_tol=1e-9)
    assert overflow(phone) <= 0  # the redrawn fragments fit too
