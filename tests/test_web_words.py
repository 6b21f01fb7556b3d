"""The words of the web app and the HTML report: each number explained in the glossary's own sentence
(as the terminal prints it), ties shown as ties, what a what-if changed, an unknown school said aloud."""

from __future__ import annotations

import html
import io
import re
import warnings
from pathlib import Path

import pytest
from rich.console import Console

import fontes
from fontes.case import write_case
from fontes.report import print_report
from fontes.report.glossary import TERMS
from fontes.report.html import render_report_html
from fontes.web import create_app

with warnings.catch_warnings():  # Starlette prefers httpx2 over the httpx fontes already has
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

CHRONICLE = Path(__file__).parent / "cases" / "chronicle"
ORIGIN = "http://127.0.0.1:8000"


def words_of(page: str) -> str:
    """A page's text as a reader reads it: no tags, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def titles_of(page: str, shown: str) -> set[str]:
    """The tooltips (title=) of the elements whose text starts with `shown`."""
    pattern = r'title="([^"]*)"[^>]*>\s*' + re.escape(html.escape(shown, quote=False))
    return {html.unescape(t) for t in re.findall(pattern, page)}


@pytest.fixture(scope="module")
def chronicle():
    """The chronicle case (ties in ACH, a horizon, three schools), its app's client, its verdict."""
    app = create_app(CHRONICLE)
    case = app.state.workspace.case
    return case, TestClient(app, base_url=ORIGIN), fontes.weigh(case, draws=200)


def test_the_web_app_the_html_report_and_the_terminal_explain_each_number_in_one_sentence(chronicle):
    case, client, verdict = chronicle
    out = io.StringIO()
    print_report(case, verdict, Console(file=out, width=120, color_system=None))
    terminal = " ".join(out.getvalue().replace("│", " ").split())
    report = words_of(render_report_html(case, verdict))
    question = words_of(client.get("/questions/fire").text)
    for term in TERMS.values():
        sentence = f"{term.definition}."
        assert f"{term.label}: {sentence}" in terminal
        assert f"{term.label} {sentence}" in report, term.key  # <dt>label</dt><dd>sentence</dd>
        assert f"{term.label} {sentence}" in question, term.key
    overview = words_of(client.get("/").text)
    for key in ("p_top", "interval", "overturn_odds", "ach_rank", "horizon", "flip_set"):
        assert f"{TERMS[key].label} {TERMS[key].definition}." in overview, key


def test_p_top_and_the_interval_carry_the_glossary_as_their_tooltip_wherever_they_are_shown(chronicle):
    case, client, verdict = chronicle
    pages = [client.get(path).text for path in ("/", "/questions/fire")]
    pages.append(render_report_html(case, verdict))
    for page in pages:
        assert titles_of(page, "P(top)") == {TERMS["p_top"].definition}
        assert titles_of(page, "90% interval") == {TERMS["interval"].definition}
    assert titles_of(pages[1], "weight (dB)") == {TERMS["decibans"].definition}
    live = client.get("/questions/fire").text.split('data-fragment="live"')[1].split("</ol>")[0]
    assert titles_of(live, "P(top)") == {TERMS["p_top"].definition}


def test_equal_ach_scores_share_a_rank_in_the_web_app_as_in_the_report(chronicle):
    _, client, _ = chronicle
    page = words_of(client.get("/questions/fire").text)
    # miller and smith are both 0.00, storm is 0.80: ranks =1, =1, 3 in the ranking table and the panel
    assert re.search(r"miller .*? 0\.00 \(=1\)", page) and re.search(r"smith .*? 0\.00 \(=1\)", page)
    assert "0.80 (3)" in page
    assert "ACH =1" in page and "ACH 3" in page  # in the what-if panel
    assert "(1)" not in page.split("What the numbers mean")[0].split("ACH (rank)")[1]


def test_an_unknown_school_in_the_address_is_said_and_the_known_ones_listed(chronicle):
    case, client, _ = chronicle
    for path in ("/?school=nosuch", "/questions/fire?school=nosuch"):
        response = client.get(path)
        assert response.status_code == 200
        page = words_of(response.text)
        assert "There is no school 'nosuch' in this case: showing No prior preference instead." in page
        assert "The case's schools: flat (No prior preference); forge (" in page
        assert "Leader:" in page  # the page itself is there, under the default school
    assert "There is no school" not in words_of(client.get("/?school=forge").text)
    assert "There is no school" not in words_of(client.get("/").text)


def test_counts_are_singular_for_one(chronicle, tmp_path):
    case, client, verdict = chronicle
    one = case.model_copy(update={"sources": case.sources[:1], "events": case.events[:1]})
    report = words_of(render_report_html(one, verdict))
    assert " 1 source · " in report and "1 sources" not in report
    overview = words_of(client.get("/").text)
    assert f"{len(case.sources)} sources" in overview and "2 questions" in overview


def what_if(client: TestClient, body: dict) -> dict:
    """The panel's POST as its script sends it, answered."""
    response = client.post(
        "/questions/fire/what-if",
        json=body,
        headers={"x-fontes-token": client.app.state.token, "origin": ORIGIN},
    )
    assert response.status_code == 200, response.text
    return response.json()


def test_the_status_line_says_what_changed_from_the_page(chronicle):
    _, client, _ = chronicle
    same = what_if(client, {"school": "flat", "page_school": "flat"})
    assert same["status"].startswith("The case as it stands: ")
    school = what_if(client, {"school": "forge", "page_school": "flat"})
    assert school["status"].startswith("What-if (school: The smith's school): ")
    assert school["changed"] is False  # a school alone is the case's own verdict under it
    changed = what_if(
        client,
        {
            "school": "forge",
            "page_school": "forge",
            "priors": {"miller": 0.2, "smith": 0.2, "storm": 0.6},  # smith and storm moved
            "items": {"diary-oil": {"off": True}, "diary-quarrel": {"likelihoods": {"smith": 0.5}}},
        },
    )
    assert changed["status"].startswith(
        "What-if (priors of smith, storm changed; 1 item off (diary-oil); P(diary-quarrel | smith) changed): "
    )
    lead = changed["verdict"]["hypotheses"][0]
    assert f"{lead['id']} leads with {100 * lead['posterior']:.1f}%" in changed["status"]


def test_priors_in_the_same_proportions_and_many_likelihoods_are_said_so(chronicle):
    _, client, _ = chronicle
    likelihoods = {"miller": 0.5, "smith": 0.5, "storm": 0.5}
    body = {
        "school": "forge",
        "page_school": "forge",
        "priors": {"miller": 2, "smith": 6, "storm": 2},  # the school's 0.2 : 0.6 : 0.2, times ten
        "items": {"diary-oil": {"likelihoods": likelihoods, "credibility": 0.5}},
    }
    status = what_if(client, body)["status"]
    assert status.startswith(
        "What-if (priors rescaled, same proportions; 3 likelihoods changed (diary-oil); "
        "credibility of diary-oil changed): "
    )


def test_an_unknown_page_school_is_refused_naming_the_field(chronicle):
    _, client, _ = chronicle
    response = client.post(
        "/questions/fire/what-if",
        json={"school": "flat", "page_school": "nosuch"},
        headers={"x-fontes-token": client.app.state.token, "origin": ORIGIN},
    )
    assert response.status_code == 400 and response.json()["field"] == "page_school"


def test_with_no_school_every_view_says_so_in_the_same_words(chronicle, tmp_path):
    case, _, _ = chronicle
    plain = case.model_copy(update={"default_school": None})
    verdict = fontes.weigh(plain, draws=100)
    out = io.StringIO()
    print_report(plain, verdict, Console(file=out, width=120, color_system=None))
    assert "fire · prior: no school (uniform priors)" in out.getvalue() and "None" not in out.getvalue()
    assert "Prior: no school (uniform priors)" in words_of(render_report_html(plain, verdict))
    folder = tmp_path / "plain"
    write_case(plain, folder)
    client = TestClient(create_app(folder), base_url=ORIGIN)
    page = words_of(client.get("/questions/fire").text)
    assert "the page starts from the priors of no school (uniform priors)" in page
    assert "There is no school" not in page and "None" not in page


def test_before_any_change_the_status_names_the_school_the_page_was_drawn_under(chronicle):
    case, client, _ = chronicle
    school = case.schools[-1]
    page = client.get(f"/questions/fire?school={school.id}").text
    [status] = re.findall(r'id="whatif-status"[^>]*>([^<]*)<', page)
    status = html.unescape(status)
    assert status.startswith(f"The case as it stands (school: {school.label}): ")
    assert "leads with" in status
