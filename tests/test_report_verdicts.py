"""What every view says about a verdict's chronology and fragility, on the chronicle case.

The terminal, the JSON report, the HTML report and the web app each show, per question, its
horizon, the items after it (and why), retrospective items, the flip set in words, each school's
leader, who holds each hypothesis, what the interval measures, and the sources no item weighs.
"""

from __future__ import annotations

import io
import json
import re
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

import fontes
from fontes.cli import cli
from fontes.corpus import Document, Store
from fontes.model import Source
from fontes.report import print_report, report_data
from fontes.report.html import render_report_html
from fontes.report.verdict_views import INTERVAL_MEASURES, short_text, unweighed_sources
from fontes.web import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

CHRONICLE = Path(__file__).parent / "cases" / "chronicle"


@pytest.fixture(scope="module")
def weighed():
    case = fontes.load_case(CHRONICLE)
    return case, fontes.weigh(case, draws=200)


@pytest.fixture
def letter_store(tmp_path) -> Path:
    """A store holding the letter no item quotes, and not the others."""
    path = tmp_path / "corpus.db"
    with Store(path) as store:
        store.add(
            [Document(source=Source(id="letter", title="A letter", date="1950-06-30"), text="Dear all.")]
        )
    return path


def terminal(case, verdict, store=None) -> str:
    out = io.StringIO()
    print_report(case, verdict, Console(file=out, width=120, color_system=None), store=store)
    return " ".join(out.getvalue().replace("│", " ").split())


def test_the_terminal_shows_horizon_after_it_retrospective_and_the_flip_set(weighed):
    case, verdict = weighed
    shown = terminal(case, verdict)
    fire = verdict.questions[0]
    assert "Horizon: 25 June 1950" in shown
    assert "memoir-regret — about March 1951, after the horizon of 25 June 1950" in shown
    assert "Retrospective (written after the horizon about earlier events, counted): memoir-clouds" in shown
    assert (
        f"How fragile: One reading decides this verdict: {fire.flip.items[0].id} ({fire.flip.items[0].takes})."
        in shown
    )
    assert "How fragile: No set of readings" in shown  # the sale: setting its one item aside only ties


def test_the_terminal_shows_each_schools_leader_who_holds_each_hypothesis_and_what_the_interval_measures(
    weighed,
):
    case, verdict = weighed
    shown = terminal(case, verdict)
    assert re.search(r"The smith's school smith 16\.\d% 81\.\d%", shown)  # its own reading of the lamp oil
    assert "Birch 1975; Cedar 1990" in shown
    assert "smith — The smith lit it, alone (held by Birch 1975, Sparks; Cedar 1990, The Forge)" in shown
    assert INTERVAL_MEASURES in shown and "not that the verdict is certain" in shown


def test_the_terminal_lists_unweighed_sources_and_with_a_store_which_the_corpus_lacks(weighed, letter_store):
    case, verdict = weighed
    assert "Unweighed sources (1)" in terminal(case, verdict)
    assert "letter: A letter about the fire that no item quotes (30 June 1950)" in terminal(case, verdict)
    with Store(letter_store) as store:
        assert "not in the corpus" not in terminal(case, verdict, store)
    lacking = case.model_copy(update={"sources": [*case.sources, Source(id="gone", title="A lost note")]})
    with Store(letter_store) as store:
        assert unweighed_sources(lacking, store)[-1] == {
            "id": "gone",
            "title": "A lost note",
            "date": None,
            "in_corpus": False,
        }
        assert "gone: A lost note (undated), not in the corpus" in terminal(lacking, verdict, store)


def test_a_long_hypothesis_text_has_a_short_form_cut_at_a_word():
    text = "Kim Il Sung initiated the attack, pressed for it for more than a year, and won consent"
    assert short_text(text, 40) == "Kim Il Sung initiated the attack…"
    assert short_text("Short", 40) == "Short"


def test_the_json_report_carries_the_flip_set_horizon_and_school_leaders(weighed):
    case, verdict = weighed
    data = report_data(case, verdict)
    fire, sale = data["questions"]
    assert fire["horizon"] == "1950-06-25" and sale["horizon"] == "1950-10-01/1950-10-13"
    assert fire["after_horizon"] == [
        {
            "id": "memoir-regret",
            "source": "memoir",
            "about": "1951-03",
            "why": "about March 1951, after the horizon of 25 June 1950",
        }
    ]
    assert fire["flip"]["count"] == 1 and fire["flip"]["words"].startswith(
        "One reading decides this verdict: "
    )
    assert sale["flip"] == {
        "count": 0,
        "words": sale["flip"]["words"],
        "log_odds": sale["flip"]["log_odds"],
        "items": [],
    }
    assert fire["school_leaders"] == {"flat": "miller", "forge": "smith", "weather": "miller"}
    clouds = next(e for e in fire["evidence"] if e["id"] == "memoir-clouds")
    assert clouds["retrospective"] is True and clouds["about"] == "1950-06-25"
    assert fire["hypotheses"][0]["held_by"] == ["Ash 1961"]
    assert data["interval_measures"] == INTERVAL_MEASURES
    assert data["unweighed_sources"] == [
        {
            "id": "letter",
            "title": "A letter about the fire that no item quotes",
            "date": "1950-06-30",
            "in_corpus": None,
        }
    ]


def test_fontes_report_json_under_a_school_uses_its_readings():
    result = CliRunner().invoke(
        cli, ["report", "--case", str(CHRONICLE), "--json", "--draws", "50", "--school", "forge"]
    )
    assert result.exit_code == 0, result.output
    fire = json.loads(result.output)["questions"][0]
    assert fire["leader"] == "smith"
    oil = next(e for e in fire["evidence"] if e["id"] == "diary-oil")
    assert oil["reading"] == "forge"


def test_the_html_report_shows_the_new_parts_and_marks_each_horizon_on_the_timeline(weighed):
    case, verdict = weighed
    html = render_report_html(case, verdict)
    assert "How fragile:</strong> One reading decides this verdict" in html
    assert "memoir-regret</a> — about March 1951, after the horizon of 25 June 1950" in html
    assert 'class="retrospective">memoir-clouds</a>' in html
    assert "held by Birch 1975, Sparks; Cedar 1990, The Forge" in html
    assert INTERVAL_MEASURES in html
    assert '<table class="school-leaders">' in html
    assert "As The smith&#39;s school reads it:" in html and "lamp oil was in every house" in html
    assert html.count("horizon of fire: 25 June 1950") >= 2  # on the whole timeline and on the zoom
    assert "horizon of sale: 1 October 1950 – 13 October 1950" in html
    unweighed = html[html.index('id="unweighed"') :]
    assert "<strong>letter</strong>: A letter about the fire that no item quotes" in unweighed


def test_the_web_app_shows_the_same_parts_from_the_same_view_model():
    client = TestClient(create_app(CHRONICLE), base_url="http://127.0.0.1:8000")
    overview = client.get("/").text
    assert "How fragile:</strong> One reading decides this verdict" in overview
    assert "Unweighed sources" in overview and "/sources/letter" in overview
    page = client.get("/questions/fire?school=forge").text
    assert "How fragile:</strong> Two readings decide this verdict" in page
    assert "<strong>memoir-regret</strong>, not counted: about March 1951" in page
    assert "held by Birch 1975; Cedar 1990" in page
    assert ">read by forge<" in page and ">after the horizon<" in page
    # the what-if inputs hold the school's reading: 0.4 for the miller on the lamp oil, not the analyst's 0.8
    timeline = client.get("/timeline").text
    assert "horizon of fire: 25 June 1950" in timeline and '<a href="/questions/sale">sale</a>' in timeline
    oil = page[page.index('data-item="diary-oil"') :]
    assert 'value="0.4" data-base="0.4" data-h="miller"' in oil[: oil.index("</tr>")]


def test_the_html_report_and_the_web_app_draw_each_prior_marker_from_the_same_model(weighed):
    """The posterior chart's dashed prior line (one per hypothesis) is the same in both views."""
    case, verdict = weighed
    html = render_report_html(case, verdict)
    page = TestClient(create_app(CHRONICLE), base_url="http://127.0.0.1:8000").get("/questions/fire").text
    priors = re.compile(r"<title>prior [\d.]+%</title>")
    fire = next(q for q in verdict.questions if q.id == "fire")
    report = html[html.index('id="q-fire"') :] if 'id="q-fire"' in html else html
    for kind in ("posterior", "posterior-narrow"):  # the desktop's chart and the phone's
        chart = re.compile(rf'<svg class="chart chart-{kind}".*?</svg>', re.S)
        in_report, in_app = (
            priors.findall(chart.search(report).group(0)),
            priors.findall(chart.search(page).group(0)),
        )
        assert in_app and len(in_app) == len(fire.hypotheses)
        assert in_report == in_app
