"""`fontes pull`: fetch a case's sources from their archives into the store.

FRUS documents come from the Office of the Historian's TEI edition (the HistoryAtState
`frus` repository), one volume fetched once however many of its documents the case cites;
Wilson Center Digital Archive documents come from their pages. What is fetched is cached
beside the store, so a second pull sends no request. Each source is stored in its own
transaction, and a source that fails is reported while the others go on. The environment
variables FONTES_FRUS_TEI_BASE and FONTES_WCDA_BASE fetch from a mirror instead.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from fontes.corpus.document import Document
from fontes.corpus.fetch import FetchError, PoliteFetcher
from fontes.corpus.url_cache import UrlCache
from fontes.errors import CorpusError
from fontes.model import Case, Source

if TYPE_CHECKING:
    from fontes.corpus.store import Store

#: A document page of history.state.gov (the host is sometimes written www. or with a trailing dot).
FRUS_DOCUMENT = re.compile(
    r"^https?://(?:www\.)?history\.state\.gov\.?/historicaldocuments/"
    r"(?P<volume>[A-Za-z0-9][A-Za-z0-9_.-]*)/(?P<doc>d\d+)/?$"
)
#: Where the whole TEI volumes are, as the Office of the Historian publishes them (<base>/<volume>.xml).
FRUS_TEI_BASE = "https://raw.githubusercontent.com/HistoryAtState/frus/master/volumes"
#: A document page of the Wilson Center Digital Archive (a number or a slug after /document/),
#: on the archive's host or on one of the development copies of it that cases sometimes cite
#: (their slugs are the archive's; the page is fetched from the archive itself).
WCDA_DOCUMENT = re.compile(
    r"^https?://(?:digitalarchive\.wilsoncenter\.org|"
    r"wilson-center-digital-archive\.dvincitest\.com|"
    r"wilson-center\.drivingcreative\.com)/document/"
    r"(?P<ref>[A-Za-z0-9][A-Za-z0-9_-]*)/?$"
)
#: Where the archive's document pages are (<base>/<ref>).
WCDA_BASE = "https://digitalarchive.wilsoncenter.org/document"

#: Source fields a pulled document keeps from the case: the analyst's, not the archive's.
CASE_FIELDS = ("id", "credibility")

Progress = Callable[[int, int, str], None]

_FETCH_HINTS = {
    404: " (check the source's url in the case)",
    403: " (the archive refused fontes; save the page from a browser and `fontes ingest` it)",
}


@dataclass
class PullSummary:
    """What a pull did: URLs fetched and read from the cache, documents stored, and one line
    for each source skipped (no archive fontes can fetch from) or failed."""

    fetched: int = 0
    cached: int = 0
    stored: int = 0
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class FrusDocument:
    """Document `doc` (d209) of FRUS volume `volume` (frus1949v07p2), read from the volume's TEI."""

    volume: str
    doc: str

    @property
    def url(self) -> str:
        return f"{_base('FONTES_FRUS_TEI_BASE', FRUS_TEI_BASE)}/{self.volume}.xml"

    @property
    def tei_id(self) -> str:
        return f"{self.volume}-{self.doc}"


@dataclass(frozen=True)
class WcdaPage:
    """A Wilson Center Digital Archive document page."""

    url: str


def archive_of(source: Source) -> FrusDocument | WcdaPage | str:
    """Where fontes fetches a source from, or why it cannot (a one-line reason)."""
    url = source.url.strip()
    if not url:
        return "no url"
    if match := FRUS_DOCUMENT.match(url):
        return FrusDocument(match["volume"], match["doc"])
    if match := WCDA_DOCUMENT.match(url):
        return WcdaPage(f"{_base('FONTES_WCDA_BASE', WCDA_BASE)}/{match['ref']}")
    return (
        f"{url} is neither a FRUS document (history.state.gov/historicaldocuments/<volume>/d<n>) "
        "nor a Wilson Center Digital Archive document page; fetch it by hand and `fontes ingest` it"
    )


def _base(variable: str, default: str) -> str:
    """The archive's base URL: the environment variable's when it is set (a mirror), else `default`."""
    return (os.environ.get(variable) or default).rstrip("/")


def default_cache_dir(store: Store) -> Path:
    """`cache/` beside the store's file."""
    return Path(store.path).parent / "cache"


def pull_sources(
    case: Case,
    store: Store,
    *,
    client: httpx.Client | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    min_interval: float = 1.0,
    retries: int = 3,
    progress: Progress | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> PullSummary:
    """Fetch every source of `case` that has a known archive and store it under the case's id.

    `progress(done, total, source_id)` after each source. `sleep` is how the fetcher waits
    (between requests to one host and before a retry); tests pass one that does not.
    """
    cache = UrlCache(cache_dir if cache_dir is not None else default_cache_dir(store))
    own_client = client is None
    if client is None:
        client = httpx.Client(timeout=httpx.Timeout(60.0, connect=15.0))
    fetcher = PoliteFetcher(client, cache, min_interval=min_interval, retries=retries, sleep=sleep)
    puller = _Puller(case, store, fetcher)
    try:
        total = len(case.sources)
        for done, source in enumerate(case.sources, 1):
            puller.pull(source)
            if progress is not None:
                progress(done, total, source.id)
    finally:
        if own_client:
            client.close()
    puller.summary.failed = puller.failed_lines()
    return puller.summary


class _Puller:
    """One pull: the fetcher, the summary so far, and the FRUS volumes already read."""

    def __init__(self, case: Case, store: Store, fetcher: PoliteFetcher):
        self.store, self.fetcher = store, fetcher
        self.summary = PullSummary()
        self.targets = {source.id: archive_of(source) for source in case.sources}
        self.actor_names = {actor.id: actor.name for actor in case.actors}
        self.volumes: dict[str, dict[str, Document | CorpusError] | str] = {}
        self.failures: dict[str, list[str]] = {}  # reason -> the sources that failed for it

    def pull(self, source: Source) -> None:
        target = self.targets[source.id]
        if isinstance(target, str):
            self.summary.skipped.append(f"{source.id}: {target}")  # the CLI says "skipped: "
            return
        try:
            if isinstance(target, FrusDocument):
                document = self.frus_document(target)
                origin = f"{target.url}#{target.doc}"
            else:
                document = self.wcda_document(target)
                origin = target.url
            counts = self.store.add([_as_case_source(document, source, origin, self.actor_names)])
        except FetchError as exc:
            self.fail(source.id, f"{exc}{_FETCH_HINTS.get(exc.status or 0, '')}")
        except CorpusError as exc:
            self.fail(source.id, str(exc))
        except OSError as exc:
            self.summary.failed.append(f"{source.id}: cannot use the cache: {exc}")
        else:
            self.summary.stored += counts.added + counts.updated + counts.unchanged

    def fail(self, source_id: str, reason: str) -> None:
        """One line per reason: the sources of one unreadable volume or unreachable host share it."""
        self.failures.setdefault(reason, []).append(source_id)

    def failed_lines(self) -> list[str]:
        lines = []
        for reason, ids in self.failures.items():
            named = ", ".join(ids[:5]) + (f" and {len(ids) - 5} more" if len(ids) > 5 else "")
            lines.append(f"{named}: {reason}" if len(ids) == 1 else f"{len(ids)} sources ({named}): {reason}")
        return lines

    def fetch(self, url: str) -> Path:
        path, from_cache = self.fetcher.fetch(url)
        if from_cache:
            self.summary.cached += 1
        else:
            self.summary.fetched += 1
        return path

    def frus_document(self, target: FrusDocument) -> Document:
        """The document from its volume, fetched and read once for all the case's documents in it."""
        if target.volume not in self.volumes:
            wanted = {
                t.doc
                for t in self.targets.values()
                if isinstance(t, FrusDocument) and t.volume == target.volume
            }
            self.volumes[target.volume] = self.read_volume(target.url, wanted)
        found = self.volumes[target.volume]
        if isinstance(found, str):
            raise CorpusError(found)
        document = found.get(target.doc)
        if document is None:
            raise CorpusError(
                f"{target.url}: volume {target.volume} has no document {target.doc}",
                hint="check the source's url in the case",
            )
        if isinstance(document, CorpusError):
            raise document
        return document

    def read_volume(self, url: str, wanted: set[str]) -> dict[str, Document | CorpusError] | str:
        """The wanted documents of a volume (by d-number), or why the volume cannot be read."""
        from fontes.corpus.frus_tei import read_frus_tei

        try:
            path = self.fetch(url)
        except FetchError as exc:
            hint = " (is the volume id right?)" if exc.status == 404 else ""
            return f"{exc}{hint}"
        found: dict[str, Document | CorpusError] = {}
        try:
            for item in read_frus_tei(path):
                if isinstance(item, CorpusError):
                    doc = (item.file or "").rpartition("#")[2]
                    if doc in wanted:
                        found[doc] = _naming_url(item, path, url)
                elif (doc := item.id.rpartition("-")[2]) in wanted:
                    found[doc] = item
        except CorpusError as exc:
            self.fetcher.cache.evict(url)  # a damaged copy: the next pull fetches it again
            return str(_naming_url(exc, path, url))
        return found

    def wcda_document(self, target: WcdaPage) -> Document:
        """The document on a Wilson Center page (the first, should a page hold several)."""
        from fontes.corpus.wcda_html import read_wcda_html

        path = self.fetch(target.url)
        try:
            for item in read_wcda_html(path):
                if isinstance(item, CorpusError):
                    raise item
                return item
        except CorpusError as exc:
            raise _naming_url(exc, path, target.url) from None
        raise CorpusError(
            f"{target.url}: the page holds no document", hint="is it a document page of the Digital Archive?"
        )


def _as_case_source(
    document: Document, case_source: Source, origin: str, actor_names: dict[str, str]
) -> Document:
    """The document under the case's id: the archive's metadata, the case's where the archive
    has none (actor ids written as the actors' names), and the case's judgement (credibility)."""
    archive = document.source
    merged = {}
    for name in Source.model_fields:
        theirs, ours = getattr(archive, name), getattr(case_source, name)
        if name in ("authors", "recipients"):
            ours = [actor_names.get(person, person) for person in ours]
        merged[name] = ours if name in CASE_FIELDS or theirs in (None, "", []) else theirs
    return document.model_copy(update={"source": Source(**merged), "origin": origin})


def _naming_url(error: CorpusError, path: Path, url: str) -> CorpusError:
    """The reader's error, naming the URL instead of the cache file it read."""
    name = str(path)
    if error.file and error.file.startswith(name):
        error.file = url + error.file[len(name) :]
    return error
