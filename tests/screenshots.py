"""`make screenshots`: each page of the web app (the first question's standing for all questions), and
the HTML report, photographed at a phone's width and a desktop's into docs/images/
(web-<page>-<width>.png), for docs/web.md.

Runs the app on the built-in case with the invented essay of tests/web_pages.py, in Debian's
Chromium (`make browser`), each picture one window high so the files stay small.

    python tests/screenshots.py [--out docs/images] [--height 900]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from live_server import running
from web_pages import WIDTHS, app_pages, write_essay

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images", help="folder for the PNG files")
    parser.add_argument("--height", type=int, default=900, help="window height in px (each picture's height)")
    args = parser.parse_args(argv)
    try:
        from playwright.sync_api import sync_playwright
        from test_web_browser import CHROMIUM, CHROMIUM_FLAGS
    except BaseException as missing:  # pytest's module skip when there is no Chromium
        print(f"screenshots: cannot start the browser ({missing}); run make browser first", file=sys.stderr)
        return 1

    import fontes
    from fontes.report.html import render_report_html
    from fontes.web import create_app

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        app = create_app(essay_path=write_essay(folder), save_root=folder / "saves")
        case = app.state.workspace.case
        report = folder / "report.html"
        report.write_text(
            render_report_html(case, fontes.weigh(case), audit=app.state.workspace.audit), encoding="utf-8"
        )
        first = f"question-{case.questions[0].id}"  # the question pages look alike: one stands for all
        pages = [
            (name, path)
            for name, path in app_pages(case)
            if name == first or not name.startswith("question-")
        ]
        with running(app) as port, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
            for width in WIDTHS:
                page = browser.new_page(viewport={"width": width, "height": args.height})
                shots = [(name, f"http://127.0.0.1:{port}{path}") for name, path in pages]
                for name, url in [*shots, ("report", report.as_uri())]:
                    page.goto(url, wait_until="load")
                    target = args.out / f"web-{name}-{width}.png"
                    page.screenshot(path=str(target))
                    print(f"wrote {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
                page.close()
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
