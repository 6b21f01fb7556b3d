"""The TimelineJS export in TimelineJS itself: Knight Lab's library (npm, `make clients`) in Chromium.

The built-in case's timeline is loaded from a local page, offline, with the library's own
JavaScript and CSS. The test checks what a reader of the timeline sees: a slide for every
event the file holds, each headline as fontes wrote it, dates in order on the time bar, and
no script error. Skips, saying why, without Chromium, Playwright or the library.
"""

from __future__ import annotations

import html
import json
import os
import shutil
from pathlib import Path

import pytest

import fontes

CLIENTS = Path(__file__).parent / "clients" / "node_modules" / "@knight-lab" / "timelinejs" / "dist"
CHROMIUM = os.environ.get("FONTES_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
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

if not Path(CHROMIUM).exists():
    pytest.skip(
        f"no Chromium at {CHROMIUM} (apt-get install chromium); CI installs it", allow_module_level=True
    )
if not (CLIENTS / "js" / "timeline.js").exists():
    pytest.skip("TimelineJS is not installed (make clients); CI installs it", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright's Python package is not installed")

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><link rel="stylesheet" href="css/timeline.css"></head>
<body><div id="timeline" style="width:1200px;height:700px"></div>
<script src="js/timeline.js"></script>
<script>
  window.timeline = new TL.Timeline("timeline", DATA, {font: null, script_path: "./js/", start_at_slide: 0});
  window.timeline.on("loaded", () => { window.timelineLoaded = true; });
</script></body></html>
"""


@pytest.fixture(scope="module")
def timeline_data() -> dict:
    case = fontes.load_case()
    return json.loads(fontes.export_case(case, "timelinejs"))


@pytest.fixture(scope="module")
def loaded(timeline_data, tmp_path_factory):
    """The timeline page open in headless Chromium, with every request that left the folder."""
    folder = tmp_path_factory.mktemp("timeline")
    shutil.copytree(CLIENTS, folder, dirs_exist_ok=True)  # js/, css/ with its icon font, locales
    data = json.dumps(timeline_data).replace("</", "<\\/")
    (folder / "index.html").write_text(PAGE.replace("DATA", data), encoding="utf-8")
    problems: list[str] = []
    outside: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
        page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
        page.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith("file:")
                else (outside.append(route.request.url), route.abort())
            ),
        )
        page.goto((folder / "index.html").as_uri())
        page.wait_for_function("window.timelineLoaded === true", timeout=60_000)
        slides = page.evaluate("""() => [...document.querySelectorAll('.tl-slide:not(.tl-slide-titleslide)')]
            .map(s => (s.querySelector('.tl-headline') || {}).textContent || '')""")
        markers = page.evaluate("""() => [...document.querySelectorAll('.tl-timemarker')]
            .map(m => m.getBoundingClientRect().left + window.scrollX)""")
        marker_count = page.locator(".tl-timemarker").count()
        browser.close()
    return {
        "slides": slides,
        "markers": markers,
        "marker_count": marker_count,
        "problems": problems,
        "outside": outside,
    }


def test_every_event_of_the_file_is_a_slide_with_fontes_headline(timeline_data, loaded):
    events = timeline_data["events"]
    assert len(events) > 100
    assert len(loaded["slides"]) == len(events)
    rendered = {" ".join(h.split()) for h in loaded["slides"]}
    # fontes writes headlines as escaped HTML (TimelineJS renders them as HTML): the reader sees them unescaped
    written = {" ".join(html.unescape(e["text"]["headline"]).split()) for e in events}
    assert written <= rendered, sorted(written - rendered)[:5]


def test_the_time_bar_has_a_marker_a_slide_and_nothing_was_fetched_from_outside(timeline_data, loaded):
    assert loaded["marker_count"] == len(timeline_data["events"])
    assert loaded["outside"] == []
    assert loaded["problems"] == []
