"""What the benchmarks of one run share: its settings, the scaled corpus, its documents and store."""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console

from benchmarks import locations
from benchmarks.scaled_corpus import build_scaled_corpus, read_records


@dataclass
class Settings:
    """The parameters of a run (recorded in every result file)."""

    docs: int = 50_000
    seed: int = 1950
    queries: int = 200
    quotes_per_class: int = 100
    naive_quotes_per_class: int = 12
    tei_megabytes: float = 10.0
    repeats: int = 3
    measure_memory: bool = True
    sizes: list[int] | None = None  # corpus sizes of the scale table (None: its defaults)


@dataclass
class Run:
    """One run of the suite; the scaled corpus and its store are made once and shared."""

    settings: Settings
    results: Path = locations.RESULTS
    cache: Path = locations.CACHE
    console: Console = field(default_factory=Console)
    started: float = field(default_factory=time.perf_counter)
    documents: list | None = None  # the scaled corpus as read by read_jsonl (for the baselines)
    store: object | None = None  # fontes.corpus.Store of the scaled corpus
    _scaled: Path | None = None
    _workdir: tempfile.TemporaryDirectory | None = None

    def log(self, message: str) -> None:
        """A progress line with the time since the run started."""
        self.console.print(
            f"[dim]{time.perf_counter() - self.started:7.1f}s[/dim]  {message}", highlight=False
        )

    @property
    def workdir(self) -> Path:
        """A temporary folder in the cache for this run's stores (removed by `close`)."""
        if self._workdir is None:
            self.cache.mkdir(parents=True, exist_ok=True)
            self._workdir = tempfile.TemporaryDirectory(prefix="run-", dir=self.cache)
        return Path(self._workdir.name)

    def base_records(self) -> list[dict]:
        return read_records(locations.KOREA_JSONL)

    def scaled_corpus(self) -> Path:
        """The scaled corpus's JSONL file (built into the cache the first time)."""
        if self._scaled is None:
            self.log(
                f"scaled corpus: {self.settings.docs:,} documents from {locations.KOREA_JSONL.name} "
                f"(seed {self.settings.seed})"
            )
            start = time.perf_counter()
            self._scaled = build_scaled_corpus(
                locations.KOREA_JSONL, self.settings.docs, self.settings.seed, self.cache
            )
            took = time.perf_counter() - start
            how = f"built in {took:.1f} s, kept in the cache" if took > 1 else "reused from the cache"
            self.log(f"  {self._scaled.name}: {self._scaled.stat().st_size / 1e6:.1f} MB ({how})")
        return self._scaled

    def scaled_documents(self) -> list:
        """The scaled corpus's Documents, read once with read_jsonl."""
        if self.documents is None:
            from fontes.corpus.jsonl import read_jsonl

            self.documents = list(read_jsonl(self.scaled_corpus()))
        return self.documents

    def scaled_store(self):
        """A store holding the scaled corpus (ingested here unless the ingest benchmark did it)."""
        if self.store is None:
            from fontes.corpus import Store, ingest_paths

            self.log("ingesting the scaled corpus into a fresh store")
            self.store = Store(self.workdir / "scaled.db")
            ingest_paths([self.scaled_corpus()], self.store)
        return self.store

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
        if self._workdir is not None:
            self._workdir.cleanup()
