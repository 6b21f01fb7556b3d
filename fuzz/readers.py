"""Every reader fuzzed, with how to run it on one written sample and what it must keep true."""

from __future__ import annotations

import hashlib
import importlib
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Self

from hypothesis import strategies as st

from fontes.corpus.languages import text_language
from fontes.errors import CaseError, CorpusError, DateError
from fuzz.invariant import TIME_LIMIT, Broken, Outcome, located, no_secret, outcome_of, plant_secret
from fuzz.paths import FIXTURES
from fuzz.sample import Sample


class Session:
    """What one run of a reader keeps between inputs: its folder and, for the ingesters, a store."""

    def __init__(self, reader: Reader, folder: Path):
        self.reader, self.folder = reader, folder
        self.inputs = 0
        self._store = None

    @property
    def store(self):
        """A corpus store that already holds documents, so a failed ingest has something to spoil."""
        if self._store is None:
            from fontes.corpus import Store, ingest_paths

            self._store = Store(self.folder / "store.db")
            ingest_paths([FIXTURES / "jsonl" / "documents.jsonl"], self._store)
        return self._store

    def check(self, sample: Sample, limit: float | None = TIME_LIMIT) -> Outcome:
        """Write the sample, run the reader on it, and say what happened."""
        self.inputs += 1
        place = self.folder / "input"
        target = sample.write(place)
        plant_secret(place)
        limit = limit * self.reader.calls if limit else limit
        outcome = outcome_of(lambda: self.reader.run(target, self), limit, need_file=self.reader.located)
        if self._store is not None and self.inputs % 500 == 0 and not outcome.failed:
            integrity = outcome_of(self._store.check, limit=None)
            if integrity.kind != "ok":
                return Outcome(
                    "crash",
                    f"the store's index is damaged after this input or one of the 499 "
                    f"before it: {integrity.detail}",
                    signature="damaged store index",
                )
        return outcome

    def close(self) -> None:
        if self._store is not None:
            self._store.check()
            self._store.close()
            self._store = None

    def __enter__(self) -> Self:
        self.folder.mkdir(parents=True, exist_ok=True)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


@dataclass(frozen=True)
class Reader:
    """A reader: its name, the module generating its inputs, how to run it on a written sample."""

    name: str
    format_module: str
    run: Callable[[Path, Session], str | None]
    located: bool = True  # False where there is no file to name (a date string)
    calls: int = 1  # how many times a check reads the input: the time limit is per reading

    @property
    def formats(self) -> ModuleType:
        return importlib.import_module(self.format_module)

    def samples(self) -> st.SearchStrategy[Sample]:
        return self.formats.samples()

    def from_bytes(self, data: bytes) -> Sample:
        return self.formats.from_bytes(data)

    def seeds(self) -> list[bytes]:
        return self.formats.seeds()


# -- the runs ----------------------------------------------------------------------------------


def run_case(folder: Path, session: Session) -> str | None:
    """read_case lists located problems (some when it has no case); load_case agrees; no file changes.
    Returns the first problem, as a user reads it (None for a clean case)."""
    from fontes.case import load_case, read_case

    before = _snapshot(folder)
    case, problems = read_case(folder)
    for problem in problems:
        if not problem.file or not problem.message:
            raise Broken(f"a problem without a file or message: {problem!r}")
    if case is None and not problems:
        raise Broken("read_case gave no case and no problem to say why")
    try:
        load_case(folder)
    except CaseError as exc:
        located(exc)
        if not problems:
            raise Broken(f"load_case refused a case without problems: {exc}") from None
    else:
        if problems:
            raise Broken(f"load_case loaded a case with problems: {problems[0]}")
    if _snapshot(folder) != before:
        raise Broken("reading the case changed its files")
    return str(problems[0]) if problems else None


def run_date(path: Path, session: Session) -> str | None:
    """parse_date gives ordered bounds or a DateError; format_date and sort_key never fail."""
    from fontes.dates import format_date, parse_date, sort_key
    from fuzz.formats.dates import decode

    text = decode(path.read_bytes())
    format_date(text)
    sort_key(text)
    try:
        parsed = parse_date(text)
    except DateError as exc:
        return str(located(exc, need_file=False))
    if parsed.earliest > parsed.latest:
        raise Broken(f"{text!r} gives bounds out of order")
    _agrees_with_the_edtf_library(text.strip(), (parsed.earliest, parsed.latest))
    return None


def _agrees_with_the_edtf_library(text: str, bounds: tuple) -> None:
    """A date parse_date accepts (often by its own fast path) the edtf library reads the same."""
    import edtf

    from fontes.dates import _as_date

    try:
        parsed = edtf.parse_edtf(text)
        library = (_as_date(parsed.lower_strict()), _as_date(parsed.upper_strict()))
    except Exception as exc:  # noqa: BLE001 - whatever the library raises, it did not accept the text
        raise Broken(
            f"{text!r} is accepted, but the edtf library refuses it ({type(exc).__name__})"
        ) from None
    if library != bounds:
        raise Broken(f"{text!r} reads as {bounds}, the edtf library reads {library}")


def ingest_run(module: str, function: str) -> Callable[[Path, Session], str | None]:
    """Run an ingester on the file, then ingest it into the session's store and check the store."""

    def run(path: Path, session: Session) -> str | None:
        reader = getattr(importlib.import_module(module), function)
        refusals: list[str] = []
        items = read_all(reader, path, refusals)
        _check_ingest(path, session.store, items, (module, function))
        return refusals[0] if refusals else None

    return run


def read_all(reader: Callable, path: Path, refusals: list[str] | None = None) -> list | None:
    """Every item a reader yields, each checked; None when it refused the whole file (located).
    The errors, as a user reads them, are added to `refusals`."""
    from fontes.corpus import Document

    refusals = [] if refusals is None else refusals
    try:
        items = list(reader(path))
    except CorpusError as exc:
        refusals.append(str(located(exc)))
        return None
    for item in items:
        if isinstance(item, CorpusError):
            refusals.append(str(located(item)))
        elif not isinstance(item, Document):
            raise Broken(f"the reader yielded a {type(item).__name__}")
        no_secret(item)
    return items


def _check_ingest(path: Path, store, items: list | None, reader: tuple[str, str]) -> None:
    """ingest_paths stores all of the file's good documents or none; never a part, never others."""
    from fontes.corpus import Document, detect_format, ingest_paths
    from fontes.corpus.ingest import READERS

    try:
        chosen = READERS[detect_format(path)]
        expected = (
            items
            if chosen == reader
            else read_all(getattr(importlib.import_module(chosen[0]), chosen[1]), path)
        )
    except CorpusError as exc:
        located(exc)
        expected = None
    docs = {d.id: d for d in expected or [] if isinstance(d, Document)}
    before = set(store.ids())
    kept = {i: _fingerprint(store.get(i)) for i in docs if i in before}
    summary = ingest_paths([path], store)
    after = set(store.ids())
    if summary.added + summary.updated == 0:
        if after != before or any(_fingerprint(store.get(i)) != f for i, f in kept.items()):
            raise Broken("the store changed although nothing was added")
        if docs and not summary.failed and summary.unchanged != len(docs):
            raise Broken(f"{len(docs)} documents read, none stored, and no failure reported")
        return
    if expected is None:
        raise Broken("the file was refused as a whole, yet documents were stored")
    if after != before | set(docs):
        raise Broken(f"the store's ids changed by {sorted(after ^ (before | set(docs)))[:5]}")
    if summary.added != len(after - before):
        raise Broken(f"{summary.added} reported added, {len(after - before)} new ids")
    for doc_id, doc in docs.items():
        if _fingerprint(store.get(doc_id)) != _fingerprint(doc):
            raise Broken(f"{doc_id} reads back from the store different from what was ingested")


def _fingerprint(doc) -> str:
    """What must survive the store: everything but the origin, the language as the store
    infers it when the reader gave none."""
    if doc is not None and not doc.language:
        doc = doc.model_copy(update={"language": text_language(doc.text)})
    data = doc.model_dump(exclude={"origin"}) if doc is not None else None
    return hashlib.sha1(json.dumps(data, sort_keys=True, default=str, ensure_ascii=True).encode()).hexdigest()


def run_essay(path: Path, session: Session) -> str | None:
    """read_essay gives an Essay (holding no secret) or a located AuditError."""
    from fontes.audit.reading.read import read_essay

    essay = read_essay(path)
    no_secret(essay)
    return None


#: An imported case larger than this is not written back (writing megabytes of YAML is slow, and
#: what is checked is the importer).
ROUND_TRIP_BYTES = 50_000


def run_achz(path: Path, session: Session) -> str | None:
    """import_achz gives a case that writes out and reads back clean, or a located CaseError."""
    from fontes.case import read_case, write_case
    from fontes.case.achz import import_achz, left_to_fill

    case = import_achz(path)
    no_secret(case)
    if len(case.model_dump_json()) > ROUND_TRIP_BYTES:
        return None
    folder = path.parent / "imported"
    shutil.rmtree(folder, ignore_errors=True)
    write_case(case, folder)
    read_back, problems = read_case(folder)
    problems = [
        p for p in problems if p not in left_to_fill(problems)
    ]  # held_by, denies: the user's to write
    if problems or read_back is None:
        raise Broken(f"the imported case does not read back clean: {problems[0] if problems else 'no case'}")
    return None


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


#: Every reader, in the order the campaign runs them.
READERS: dict[str, Reader] = {
    r.name: r
    for r in (
        Reader("case", "fuzz.formats.case", run_case),
        Reader("dates", "fuzz.formats.dates", run_date, located=False),
        Reader("jsonl", "fuzz.formats.jsonl", ingest_run("fontes.corpus.jsonl", "read_jsonl"), calls=2),
        Reader(
            "frus-tei", "fuzz.formats.tei", ingest_run("fontes.corpus.frus_tei", "read_frus_tei"), calls=2
        ),
        Reader(
            "wcda-html", "fuzz.formats.html", ingest_run("fontes.corpus.wcda_html", "read_wcda_html"), calls=2
        ),
        Reader(
            "markdown",
            "fuzz.formats.markdown",
            ingest_run("fontes.corpus.markdown", "read_markdown"),
            calls=2,
        ),
        Reader("essay", "fuzz.formats.essay", run_essay),
        Reader("achz", "fuzz.formats.achz", run_achz, calls=2),
    )
}
