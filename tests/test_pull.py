"""`fontes pull`: a case's sources fetched from recorded archive answers (no network) into a store."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from fontes.corpus.fetch import USER_AGENT, FetchError, PoliteFetcher
from fontes.corpus.pull import archive_of, pull_sources
from fontes.corpus.store import Store
from fontes.corpus.url_cache import UrlCache
from fontes.model import Actor, Case, Source

FIXTURES = Path(__file__).parent / "fixtures" / "pull"
TEI_URL = "https://raw.githubusercontent.com/HistoryAtState/frus/master/volumes/frus1950v98.xml"
PAGE_URL = "https://digitalarchive.wilsoncenter.org/document/120001"
OTHER_PAGE_URL = "https://digitalarchive.wilsoncenter.org/document/120002"

TEI = (FIXTURES / "frus1950v98.xml").read_bytes()
PAGE = (FIXTURES / "wcda-document-120001.html").read_bytes()


def frus(doc: str, **fields) -> Source:
    return Source(
        id=f"frus1950v98-{doc}",
        title=f"FRUS 1950 sample {doc}",
        url=f"https://history.state.gov/historicaldocuments/frus1950v98/{doc}",
        **fields,
    )


def wcda(source_id: str, url: str = PAGE_URL, **fields) -> Source:
    return Source(id=source_id, title="Shtykov to Vyshinsky, as the case names it", url=url, **fields)


def case_of(*sources: Source) -> Case:
    shtykov = Actor(id="shtykov", name="Terentii Shtykov")
    return Case(
        id="pull-test",
        title="A case for the pull tests",
        questions=[],
        actors=[shtykov],
        sources=list(sources),
    )


class Archive:
    """A recorded archive: for each URL, the answers it gives in turn (the last one repeats)."""

    def __init__(self, answers: dict[str, list[httpx.Response | Exception]] | None = None):
        self.answers = answers if answers is not None else {TEI_URL: [ok(TEI)], PAGE_URL: [ok(PAGE)]}
        self.requests: list[httpx.Request] = []

    def client(self) -> httpx.Client:
        return httpx.Client(transport=httpx.MockTransport(self.answer))

    def answer(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        queue = self.answers.get(str(request.url))
        if queue is None:
            return httpx.Response(404, text="not recorded")
        answer = queue.pop(0) if len(queue) > 1 else queue[0]
        if isinstance(answer, Exception):
            raise answer
        return answer

    def urls(self) -> list[str]:
        return [str(r.url) for r in self.requests]


def ok(body: bytes) -> httpx.Response:
    return httpx.Response(200, content=body)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "corpus.db") as opened:
        yield opened


def pull(case: Case, store: Store, archive: Archive, **options):
    """pull_sources with the recorded archive and a sleep that only notes what it was asked."""
    naps: list[float] = options.pop("naps", [])
    with archive.client() as client:
        return pull_sources(case, store, client=client, sleep=naps.append, **options)


# -- what lands in the store ---------------------------------------------------------------------


def test_pull_stores_the_documents_the_case_needs_under_the_case_ids(store):
    case = case_of(frus("d3"), wcda("shtykov-1950-02-02", authors=["Shtykov"], credibility=0.7))

    summary = pull(case, store, Archive())

    assert summary.failed == [] and summary.skipped == []
    assert (summary.fetched, summary.cached, summary.stored) == (2, 0, 2)
    assert sorted(store.ids()) == ["frus1950v98-d3", "shtykov-1950-02-02"]  # not d4: not in the case
    telegram = store.get("frus1950v98-d3")
    assert telegram.source.title == "The Ambassador in Korea to the Secretary of State"  # the TEI's
    assert telegram.text.startswith("secret\n\nSeoul, January 10, 1950.")
    assert "made-up footnote" in telegram.notes and "footnote" not in telegram.text
    assert telegram.origin == f"{TEI_URL}#d3"


def test_a_wilson_center_page_keeps_the_case_id_and_the_case_metadata_it_lacks(store):
    case = case_of(wcda("shtykov-1950-02-02", authors=["shtykov"], recipients=["Vyshinsky"], credibility=0.7))

    pull(case, store, Archive())

    page = store.get("shtykov-1950-02-02")
    assert store.get("wcda-120001") is None  # the id the page would give itself
    assert page.source.title == "Ciphered Telegram, Shtykov to Vyshinsky"  # the archive's own
    assert page.source.date == "1950-02-02"
    assert page.source.authors == ["Terentii Shtykov"]  # the page names none: the case's actor
    assert page.source.recipients == ["Vyshinsky"]
    assert page.source.credibility == 0.7  # the analyst's judgement, always the case's
    assert page.text.startswith("CIPHERED TELEGRAM\n\nThe railway bridge")
    assert page.origin == PAGE_URL


def test_a_volume_is_fetched_once_for_all_its_documents(store):
    archive = Archive()

    summary = pull(case_of(frus("d3"), frus("d4")), store, archive)

    assert archive.urls() == [TEI_URL]
    assert summary.stored == 2 and sorted(store.ids()) == ["frus1950v98-d3", "frus1950v98-d4"]


def test_a_document_missing_from_its_volume_fails_alone(store):
    summary = pull(case_of(frus("d9"), frus("d3")), store, Archive())

    assert store.ids() == ["frus1950v98-d3"]
    missing = f"frus1950v98-d9: {TEI_URL}: volume frus1950v98 has no document d9"
    assert summary.failed == [f"{missing} (check the source's url in the case)"]


def test_each_request_names_fontes_and_its_version(store):
    archive = Archive()

    pull(case_of(frus("d3")), store, archive)

    assert archive.requests[0].headers["user-agent"] == USER_AGENT
    assert USER_AGENT.startswith("fontes/0.")


def test_progress_is_told_after_each_source(store):
    calls = []

    pull(
        case_of(frus("d3"), wcda("w1"), Source(id="book", title="A book")),
        store,
        Archive(),
        progress=lambda *call: calls.append(call),
    )

    assert calls == [(1, 3, "frus1950v98-d3"), (2, 3, "w1"), (3, 3, "book")]


# -- the cache ------------------------------------------------------------------------------------


def test_a_second_pull_reads_the_cache_and_sends_no_request(store, tmp_path):
    case = case_of(frus("d3"), wcda("w1"))
    pull(case, store, Archive())
    silent = Archive(answers={})

    summary = pull(case, store, silent)

    assert silent.requests == []
    assert (summary.fetched, summary.cached, summary.stored) == (0, 2, 2)
    assert summary.failed == []


def test_the_cache_sits_beside_the_store_one_body_and_one_sidecar_per_url(store, tmp_path):
    pull(case_of(wcda("w1")), store, Archive())

    cache = UrlCache(tmp_path / "cache")
    body = cache.get(PAGE_URL)
    assert body is not None and body.read_bytes() == PAGE
    sidecar = json.loads(cache.sidecar_path(PAGE_URL).read_text(encoding="utf-8"))
    assert sidecar["url"] == PAGE_URL and sidecar["status"] == 200 and sidecar["fetched"]
    assert sorted(p.suffix for p in (tmp_path / "cache").iterdir()) == [".html", ".json"]


def test_a_body_cut_off_midway_is_retried_and_leaves_no_partial_file(store, tmp_path):
    class CutOff(httpx.SyncByteStream):
        def __iter__(self):
            yield PAGE[:100]
            raise httpx.ReadError("connection reset by peer")

    archive = Archive(answers={PAGE_URL: [httpx.Response(200, stream=CutOff()), ok(PAGE)]})

    summary = pull(case_of(wcda("w1")), store, archive)

    assert summary.failed == [] and len(archive.requests) == 2
    assert UrlCache(tmp_path / "cache").get(PAGE_URL).read_bytes() == PAGE
    assert not [p for p in (tmp_path / "cache").iterdir() if p.name.endswith(".tmp")]


def test_a_damaged_volume_fails_its_documents_and_is_fetched_again_next_time(store, tmp_path):
    damaged = Archive(answers={TEI_URL: [ok(TEI[: len(TEI) // 2])]})

    summary = pull(case_of(frus("d3"), frus("d4")), store, damaged)

    assert len(summary.failed) == 1 and store.ids() == []  # one line for the volume, naming both
    assert summary.failed[0].startswith(f"2 sources (frus1950v98-d3, frus1950v98-d4): {TEI_URL}")
    assert "not well-formed" in summary.failed[0]
    assert UrlCache(tmp_path / "cache").get(TEI_URL) is None
    repaired = Archive()
    assert pull(case_of(frus("d3")), store, repaired).stored == 1
    assert repaired.urls() == [TEI_URL]


# -- retries, failures, skips ---------------------------------------------------------------------


def test_a_503_then_a_200_is_retried_after_the_wait_the_server_asks(store):
    busy = httpx.Response(503, headers={"Retry-After": "7"})
    archive = Archive(answers={PAGE_URL: [busy, ok(PAGE)]})
    naps: list[float] = []

    summary = pull(case_of(wcda("w1")), store, archive, naps=naps)

    assert summary.failed == [] and store.ids() == ["w1"]
    assert archive.urls() == [PAGE_URL, PAGE_URL]
    assert 7 in naps


def test_a_timeout_is_retried(store):
    archive = Archive(answers={PAGE_URL: [httpx.ConnectTimeout("timed out"), ok(PAGE)]})

    summary = pull(case_of(wcda("w1")), store, archive)

    assert summary.failed == [] and len(archive.requests) == 2


def test_a_404_fails_at_once_naming_the_source_and_url_and_the_rest_go_on(store):
    missing = "https://digitalarchive.wilsoncenter.org/document/404404"
    archive = Archive(answers={missing: [httpx.Response(404)], TEI_URL: [ok(TEI)]})

    summary = pull(case_of(wcda("lost", url=missing), frus("d3")), store, archive)

    assert summary.failed == [f"lost: {missing}: HTTP 404 Not Found (check the source's url in the case)"]
    assert archive.urls().count(missing) == 1  # no retry
    assert store.ids() == ["frus1950v98-d3"]


def test_sources_without_a_known_archive_url_are_skipped_with_a_reason(store):
    case = case_of(
        Source(id="no-url", title="A memoir"),
        Source(id="docslib", title="A copy", url="https://docslib.org/doc/3786485/a-cable"),
        Source(id="search", title="A search", url="https://digitalarchive.wilsoncenter.org/search?f=1"),
    )
    archive = Archive()

    summary = pull(case, store, archive)

    assert archive.requests == [] and summary.stored == 0 and summary.failed == []
    assert summary.skipped[0] == "no-url: no url"  # the command line puts "skipped: " before it, once
    assert summary.skipped[1].startswith(
        "docslib: https://docslib.org/doc/3786485/a-cable is neither a FRUS document"
    )
    assert summary.skipped[2].startswith("search: ")


def fetched_from(url: str) -> str:
    """The URL pull fetches for a source at `url`, or its reason for skipping it."""
    target = archive_of(Source(id="s", title="t", url=url))
    return target if isinstance(target, str) else target.url


def test_archive_urls_are_recognised_in_their_usual_spellings():
    hsg = "https://history.state.gov./historicaldocuments/frus1947v06/d638"  # a trailing dot
    assert fetched_from(hsg) == TEI_URL.replace("frus1950v98", "frus1947v06")
    assert (
        fetched_from("http://digitalarchive.wilsoncenter.org/document/114256")
        == "https://digitalarchive.wilsoncenter.org/document/114256"
    )
    slug = "https://digitalarchive.wilsoncenter.org/document/cable-liu-shaoqi-chairman-mao-zedong"
    assert fetched_from(slug) == slug
    development_copy = slug.replace(
        "digitalarchive.wilsoncenter.org", "wilson-center-digital-archive.dvincitest.com"
    )
    assert fetched_from(development_copy) == slug
    node = "https://wilson-center-digital-archive.dvincitest.com/node/88599"  # not the archive's id
    assert fetched_from(node).startswith(f"{node} is neither")
    volume_only = "https://history.state.gov/historicaldocuments/frus1950v07"
    assert fetched_from(volume_only).startswith(f"{volume_only} is neither a FRUS document")


# -- the fetcher on its own: backoff and the polite rate -----------------------------------------


class FakeTime:
    """A clock that moves only when someone sleeps, and a record of every sleep."""

    def __init__(self):
        self.now = 100.0
        self.naps: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.naps.append(seconds)
        self.now += seconds

    def clock(self) -> float:
        return self.now


def fetcher_for(archive: Archive, tmp_path: Path, time: FakeTime, **options) -> PoliteFetcher:
    return PoliteFetcher(
        archive.client(), UrlCache(tmp_path / "cache"), sleep=time.sleep, clock=time.clock, **options
    )


def test_the_rate_limiter_waits_between_two_requests_to_one_host(tmp_path):
    archive = Archive(answers={PAGE_URL: [ok(PAGE)], OTHER_PAGE_URL: [ok(PAGE)], TEI_URL: [ok(TEI)]})
    time = FakeTime()
    fetcher = fetcher_for(archive, tmp_path, time, min_interval=2.0)

    fetcher.fetch(PAGE_URL)
    fetcher.fetch(TEI_URL)  # another host: no wait
    assert time.naps == []
    time.now += 0.5  # half a second of work between the two requests to one host
    fetcher.fetch(OTHER_PAGE_URL)

    assert time.naps == [1.5]


def test_pull_asks_to_sleep_between_two_requests_to_one_host(store):
    archive = Archive(answers={PAGE_URL: [ok(PAGE)], OTHER_PAGE_URL: [ok(PAGE)]})
    naps: list[float] = []

    pull(case_of(wcda("w1"), wcda("w2", url=OTHER_PAGE_URL)), store, archive, naps=naps, min_interval=3.0)

    assert len(naps) == 1 and 2.0 < naps[0] <= 3.0


def test_backoff_doubles_and_the_fetch_gives_up_after_the_retries(tmp_path):
    archive = Archive(answers={PAGE_URL: [httpx.Response(502)]})
    time = FakeTime()
    fetcher = fetcher_for(archive, tmp_path, time, min_interval=0.0, retries=3)

    with pytest.raises(FetchError) as failure:
        fetcher.fetch(PAGE_URL)

    assert str(failure.value) == f"{PAGE_URL}: HTTP 502 Bad Gateway after 4 attempts"
    assert time.naps == [1.0, 2.0, 4.0] and len(archive.requests) == 4
    assert UrlCache(tmp_path / "cache").get(PAGE_URL) is None  # a failure is not cached


def test_a_long_retry_after_is_capped(tmp_path):
    archive = Archive(answers={PAGE_URL: [httpx.Response(429, headers={"Retry-After": "86400"}), ok(PAGE)]})
    time = FakeTime()

    fetcher_for(archive, tmp_path, time, min_interval=0.0, max_wait=60.0).fetch(PAGE_URL)

    assert time.naps == [60.0]


def test_a_mirror_named_in_the_environment_is_fetched_from_instead(monkeypatch):
    monkeypatch.setenv("FONTES_FRUS_TEI_BASE", "http://127.0.0.1:8000/volumes/")
    monkeypatch.setenv("FONTES_WCDA_BASE", "http://127.0.0.1:8000/document")
    assert (
        fetched_from("https://history.state.gov/historicaldocuments/frus1950v07/d86")
        == "http://127.0.0.1:8000/volumes/frus1950v07.xml"
    )
    assert (
        fetched_from("https://wilson-center-digital-archive.dvincitest.com/document/114256")
        == "http://127.0.0.1:8000/document/114256"
    )


# -- no network ------------------------------------------------------------------------------------


def test_an_unreachable_host_is_asked_once_and_its_sources_fail_on_one_line(store):
    other = "https://digitalarchive.wilsoncenter.org/document/120002"
    down = httpx.ConnectError("Name or service not known")
    archive = Archive(answers={PAGE_URL: [down], other: [down]})
    naps: list[float] = []

    summary = pull(case_of(wcda("w1"), wcda("w2", url=other)), store, archive, naps=naps)

    assert len(archive.requests) == 1  # the second page of that host is not asked for
    assert naps == []  # and nothing was retried or waited for
    assert len(summary.failed) == 2  # one line per file that could not be fetched
    assert all("digitalarchive.wilsoncenter.org cannot be reached" in line for line in summary.failed)
    assert store.ids() == []


def test_a_volume_that_cannot_be_fetched_fails_once_for_all_its_documents(store):
    archive = Archive(answers={TEI_URL: [httpx.Response(404)]})

    summary = pull(case_of(frus("d3"), frus("d4")), store, archive)

    assert archive.urls() == [TEI_URL]
    assert summary.failed == [
        f"2 sources (frus1950v98-d3, frus1950v98-d4): {TEI_URL}: HTTP 404 Not Found (is the volume id right?)"
    ]
