"""End to end in a real browser: Debian's Chromium, headless, driven by Playwright.

The app runs under uvicorn in a thread on a free port of 127.0.0.1; the test changes a
likelihood in the what-if panel as a reader would and checks the posterior the page shows
against the engine. It also opens the single-file HTML report and checks that its charts
are drawn. Screenshots go to tests/artifacts/. Skips, saying why, without Chromium or Playwright.
"""

from __future__ import annotations

import math
import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

import fontes

ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM = os.environ.get("FONTES_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
#: As the machine notes ask: no sandbox (root), no GPU, and no network of Chromium's own.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
KIM_ASKS = "kim-asks-permission-ongjin-1949-09-03"

if not Path(CHROMIUM).exists():
    pytest.skip(
        f"no Chromium at {CHROMIUM} (apt-get install chromium); CI installs it", allow_module_level=True
    )
sync_api = pytest.importorskip(
    "playwright.sync_api",
    reason="Playwright's Python package is not installed "
    "(pip install playwright; its own browser download is never needed)",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`fontes serve` on the built-in case: uvicorn in a thread, on a free loopback port."""
    import uvicorn

    from fontes.web import create_app

    app = create_app(save_root=tmp_path_factory.mktemp("saves"))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the app did not start within 30 s")
        time.sleep(0.05)
    yield app, f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """Headless Chromium with a new, empty profile folder."""
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_FLAGS,
            viewport={"width": 1366, "height": 900},
        )
        yield context
        context.close()


@pytest.fixture
def problems() -> list[str]:
    """What the page's console reported as errors (a test may take out the ones it expects)."""
    return []


@pytest.fixture
def page(browser, problems):
    page = browser.new_page()
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    yield page
    page.close()
    assert problems == [], problems  # no script error, no refused resource, no CSP violation


def test_a_changed_likelihood_changes_the_shown_posterior_to_the_engines(server, page):
    app, base = server
    case = app.state.workspace.case
    page.goto(base + "/")
    sync_api.expect(page.locator("h1")).to_have_text(case.title)
    page.screenshot(path=str(ARTIFACTS / "case-page.png"), full_page=True)

    page.goto(base + "/questions/initiation")
    panel = page.locator("aside#whatif")
    live = panel.locator('[data-h="stalin-directed"] [data-field="posterior"]')
    before = float(live.get_attribute("data-value"))
    page.screenshot(path=str(ARTIFACTS / "question-page.png"))

    page.locator(f'tr[data-item="{KIM_ASKS}"] input.lik[data-h="stalin-directed"]').fill("0.9")
    sync_api.expect(page.locator("#whatif-status")).to_contain_text("What-if", timeout=15_000)

    modified = case.model_copy(deep=True)
    next(e for e in modified.evidence if e.id == KIM_ASKS).bears_on["initiation"]["stalin-directed"] = 0.9
    exact = fontes.posterior_under(modified, "initiation", case.school("uniform").priors["initiation"])
    for hid, p in exact.items():
        shown = panel.locator(f'[data-h="{hid}"] [data-field="posterior"]')
        assert math.isclose(float(shown.get_attribute("data-value")), p, abs_tol=1e-9)
        assert shown.text_content() == f"{100 * p:.1f}%"
    assert float(live.get_attribute("data-value")) != before
    ranking = page.locator('#verdict tr[data-h="stalin-directed"] [data-field="posterior"]')
    assert math.isclose(float(ranking.get_attribute("data-value")), exact["stalin-directed"], abs_tol=1e-9)

    page.locator(f'tr[data-item="{KIM_ASKS}"]').scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "what-if-changed.png"))
    panel.screenshot(path=str(ARTIFACTS / "what-if-panel.png"))
    (ARTIFACTS / "what-if-latency.txt").write_text(page.locator("#whatif-status").text_content() + "\n")


def test_switching_an_item_off_and_resetting_brings_the_case_back(server, page):
    _, base = server
    page.goto(base + "/questions/initiation")
    panel = page.locator("aside#whatif")
    shown = panel.locator('[data-h="stalin-decision"] [data-field="posterior"]')
    original = shown.get_attribute("data-value")
    page.locator(f'tr[data-item="{KIM_ASKS}"] input.use').uncheck()
    sync_api.expect(page.locator("#whatif-status")).to_contain_text("What-if", timeout=15_000)
    sync_api.expect(page.locator(f'tr[data-item="{KIM_ASKS}"] [data-field="weight"]')).to_have_text("off")
    page.locator("#whatif-reset").click()
    sync_api.expect(page.locator("#whatif-status")).to_contain_text("as it stands", timeout=15_000)
    assert shown.get_attribute("data-value") == original


def test_a_school_and_a_prior_changed_then_saved_as_a_new_case(server, page, problems):
    app, base = server
    page.goto(base + "/questions/china-entry")
    page.locator("#whatif-school").select_option("essay")
    prior = page.locator('input.prior[data-h="mao-choice"]')
    essay = app.state.workspace.case.school("essay").priors["china-entry"]
    sync_api.expect(prior).to_have_value(f"{essay['mao-choice']:g}")  # the essay's own prior, filled in
    prior.fill("0.5")
    status = page.locator("#whatif-status")
    sync_api.expect(status).to_contain_text("What-if (school: ", timeout=15_000)  # says what changed
    sync_api.expect(status).to_contain_text("of mao-choice changed", timeout=15_000)
    priors = {**essay, "mao-choice": 0.5}
    exact = fontes.posterior_under(app.state.workspace.case, "china-entry", priors, school="essay")
    shown = page.locator('aside#whatif [data-h="mao-choice"] [data-field="posterior"]')
    assert math.isclose(float(shown.get_attribute("data-value")), exact["mao-choice"], abs_tol=1e-9)

    page.locator("#save-name").fill("from-the-browser")
    page.locator("#save-button").click()
    sync_api.expect(page.locator("#save-status")).to_contain_text("Saved as a new case", timeout=15_000)
    saved = fontes.load_case(app.state.workspace.save_root / "from-the-browser")
    assert math.isclose(
        saved.school(saved.default_school).priors["china-entry"]["mao-choice"], 0.5 / sum(priors.values())
    )
    page.locator("#save-button").click()
    sync_api.expect(page.locator("#save-status")).to_contain_text("exists already", timeout=15_000)
    assert problems == ["Failed to load resource: the server responded with a status of 400 (Bad Request)"]
    problems.clear()  # that refusal was the point


def test_the_html_report_draws_every_chart(page):
    html = pytest.importorskip("fontes.report.html", reason="fontes.report.html is not there yet")
    if not hasattr(html, "render_report_html"):
        pytest.skip("fontes.report.html has no render_report_html yet")
    case = fontes.load_case()
    report = ARTIFACTS / "report.html"
    ARTIFACTS.mkdir(exist_ok=True)
    report.write_text(html.render_report_html(case, fontes.weigh(case)), encoding="utf-8")
    page.goto(report.resolve().as_uri())
    charts = page.locator("svg:visible")  # a phone's versions of the charts are hidden at this width
    assert charts.count() >= 4
    for n in range(charts.count()):
        chart = charts.nth(n)
        chart.scroll_into_view_if_needed()
        box = chart.bounding_box()
        assert box is not None and box["width"] > 0 and box["height"] > 0, f"svg {n} is not drawn"
    page.screenshot(path=str(ARTIFACTS / "report.png"))
