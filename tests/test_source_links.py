"""Honest links: a source's address is its "online" address only on the archive's own host; a
staging site, another body's host or a document-sharing site is "copy at <host>", in every view."""

from __future__ import annotations

import html
import io
import re
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

import fontes
from fontes.case import write_case
from fontes.cli import cli
from fontes.corpus import Document, Store
from fontes.model import Finding, FindingEvidence, FindingLocation, Source
from fontes.report.audit_views import print_audit
from fontes.report.html import render_report_html
from fontes.report.links import OFFICIAL_HOSTS, host_of, is_official, link_words, source_link
from fontes.web import create_app

with warnings.catch_warnings():  # Starlette prefers httpx2 over the httpx fontes already has
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

CHRONICLE = Path(__file__).parent / "cases" / "chronicle"
OWN = "https://history.state.gov/historicaldocuments/frus1950v99/d1"
STAGING = "https://archive-site.stagingagency.example/node/12"
SHARED = "https://www.papers-shared.example/doc/99/a-letter"


def words_of(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_only_an_archives_own_host_is_official():
    assert is_official(OWN) and is_official("http://www.history.state.gov/x")
    assert is_official("https://digitalarchive.wilsoncenter.org/document/1")
    assert not is_official("https://digitalarchive.wilsoncenter.org.mirror.example/document/1")
    assert not is_official("https://staging.digitalarchive.wilsoncenter.org/document/1")  # no subdomains
    assert not is_official(STAGING) and not is_official(SHARED)
    assert host_of("HTTPS://WWW.Papers-Shared.example:8080/x") == "papers-shared.example"
    assert all(host == host.lower() and not host.startswith("www.") for host in OFFICIAL_HOSTS)


def test_a_copy_is_named_by_its_host_and_never_called_online():
    own, copy = source_link(OWN), source_link(SHARED)
    assert own is not None and own.official and own.label == "online"
    assert copy is not None and not copy.official and copy.label == "copy at papers-shared.example"
    assert source_link("javascript:alert(1)") is None and source_link("") is None
    assert link_words(OWN) == OWN
    assert link_words(STAGING) == (
        f"copy at archive-site.stagingagency.example (not the archive's own site): {STAGING}"
    )


@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    """The chronicle case with its diary at the archive's own host and its ledger at a staging copy."""
    case = fontes.load_case(CHRONICLE)
    urls = {"diary": OWN, "ledger": STAGING}
    case = case.model_copy(
        update={"sources": [s.model_copy(update={"url": urls.get(s.id, "")}) for s in case.sources]}
    )
    folder = tmp_path_factory.mktemp("linked") / "chronicle"
    write_case(case, folder)
    client = TestClient(create_app(folder), base_url="http://127.0.0.1:8000")
    return case, client


def test_the_reader_and_the_sources_page_call_a_copy_a_copy(linked):
    _, client = linked
    diary = words_of(client.get("/sources/diary").text)
    assert f"online {OWN}" in diary
    ledger = client.get("/sources/ledger").text
    assert "online" not in words_of(ledger)
    assert "link copy at archive-site.stagingagency.example (not the archive's own site)" in words_of(ledger)
    assert f'href="{STAGING}"' in ledger  # still there to follow, under its true name
    listing = words_of(client.get("/sources").text)
    assert "ledger · Town Archive · copy at archive-site.stagingagency.example" in listing
    assert "diary · Town Archive · online" in listing


def test_the_html_report_calls_a_copy_a_copy(linked):
    case, _ = linked
    report = words_of(render_report_html(case, fontes.weigh(case, draws=100)))
    assert "copy at archive-site.stagingagency.example (not the archive's own site)" in report
    assert OWN in report and STAGING not in report  # the copy's address is the link, not its text


def test_the_audit_views_call_a_copy_a_copy():
    finding = Finding(
        kind="quote-fidelity",
        severity="warning",
        message="the quotation differs from the source",
        location=FindingLocation(paragraph=1),
        excerpt="the words",
        evidence=[FindingEvidence(source="ledger", quote="other words", url=SHARED)],
    )
    report = fontes.AuditReport(essay="essay.md", findings=[finding])
    out = io.StringIO()
    print_audit(report, Console(file=out, width=200, color_system=None))
    assert "copy at papers-shared.example (not the archive's own site)" in out.getvalue()
    case = fontes.load_case(CHRONICLE)
    page = words_of(render_report_html(case, fontes.weigh(case, draws=100), audit=report))
    assert "ledger “other words” copy at papers-shared.example" in page


def test_fontes_show_calls_a_copy_a_copy(tmp_path):
    db = tmp_path / "store.db"
    with Store(db) as store:
        store.add(
            [Document(source=Source(id="d1", title="A letter", date="1950", url=SHARED), text="Words.")]
        )
    result = CliRunner().invoke(cli, ["show", "d1", "--db", str(db)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "copy at papers-shared.example (not the archive's own site)" in result.output
    assert "online" not in result.output
