"""Ingest files into the store: tell each file's format by its content, read it, add it at once.

Each file is one transaction: its good records are added together, its bad records are
reported (one line each) and skipped, and a file that cannot be read at all is reported and
the other files go on.
"""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from fontes.corpus.document import Document
from fontes.corpus.jsonl import read_jsonl
from fontes.corpus.parallel import Preparers
from fontes.corpus.prepared import PreparedBatch
from fontes.corpus.store import AddCounts, Store
from fontes.errors import CorpusError

#: format -> (module, function) of its reader: read_<format>(path) -> Iterator[Document | CorpusError].
READERS: dict[str, tuple[str, str]] = {
    "jsonl": ("fontes.corpus.jsonl", "read_jsonl"),
    "tei": ("fontes.corpus.frus_tei", "read_frus_tei"),
    "wcda-html": ("fontes.corpus.wcda_html", "read_wcda_html"),
    "markdown": ("fontes.corpus.markdown", "read_markdown"),
}

#: Files a folder walk leaves out: they describe a corpus, they are not part of it.
SKIPPED_NAMES = re.compile(r"^(readme|license|licence|changelog|copying)(\.\w+)?$", re.IGNORECASE)

_SNIFF_BYTES = 65536
_PROLOG = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->|<!(?!DOCTYPE)[^>]*>)", re.DOTALL)
_DOCTYPE = re.compile(r"<!DOCTYPE\s+([\w:.-]+)[^\[>]*(?:\[.*?\])?\s*>", re.IGNORECASE | re.DOTALL)
_ROOT = re.compile(r"<([\w:.-]+)")
#: Suffixes a Markdown or plain-text document may have; any other file that is not markup or JSONL
#: (a .csv, a .pdf saved as text, a .json export) is refused rather than stored as prose.
TEXT_SUFFIXES = frozenset({"", ".md", ".markdown", ".txt", ".text"})
_FORMATS_HINT = "fontes ingests JSONL, FRUS TEI XML, Wilson Center HTML pages, and Markdown or .txt"
_HTML_TAGS = {
    "html",
    "head",
    "body",
    "meta",
    "title",
    "link",
    "script",
    "style",
    "div",
    "main",
    "article",
    "section",
    "header",
    "nav",
    "p",
    "h1",
    "h2",
    "table",
    "span",
    "a",
}

Progress = Callable[[int, int, str], None]


@dataclass
class IngestSummary:
    """What an ingest did: documents added and updated, and one line for each thing that failed."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: list[str] = field(default_factory=list)


def detect_format(path: str | os.PathLike[str]) -> str:
    """ "jsonl", "tei", "wcda-html" or "markdown", from the file's first bytes (not its suffix)."""
    name = os.fspath(path)
    try:
        with open(path, "rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError as exc:
        raise CorpusError(f"cannot be read: {exc.strerror}", file=name) from None
    if b"\x00" in head:
        raise CorpusError("is a binary file, not a corpus document", file=name, hint=_FORMATS_HINT)
    text = head.decode("utf-8", errors="replace").removeprefix("\ufeff")
    if not text.strip():
        raise CorpusError("is empty", file=name, hint="is it the file you meant?")
    if text.lstrip().startswith("{"):
        return "jsonl"
    found = _markup_format(text, name)
    if found:
        return found
    suffix = Path(name).suffix.lower()
    if suffix not in TEXT_SUFFIXES:
        raise CorpusError(f"is a {suffix} file, not a corpus document", file=name, hint=_FORMATS_HINT)
    return "markdown"


def _markup_format(text: str, name: str) -> str | None:
    """ "tei" or "wcda-html" for XML/HTML by its root element; None when the text is not markup."""
    position = 0
    while match := _PROLOG.match(text, position):
        position = match.end()
    rest = text[position:].lstrip()
    if not rest.startswith("<"):
        return None
    doctype = _DOCTYPE.match(rest)
    if doctype:  # <!DOCTYPE html> or <!DOCTYPE TEI [ ...internal subset... ]>
        if doctype.group(1).lower() == "html":
            return "wcda-html"
        rest = rest[doctype.end() :]
        while match := _PROLOG.match(rest):
            rest = rest[match.end() :]
        rest = rest.lstrip()
    root = _ROOT.match(rest)
    if root is None:
        return None
    local = root.group(1).split(":")[-1]
    if local in ("TEI", "TEI.2"):
        return "tei"
    if local.lower() in _HTML_TAGS:
        return "wcda-html"
    raise CorpusError(
        f"is XML with root <{root.group(1)}>, which fontes does not read",
        file=name,
        hint="fontes reads TEI (root <TEI>), HTML pages, JSONL and Markdown/text",
    )


def ingest_paths(
    paths: Iterable[str | os.PathLike[str]],
    store: Store,
    progress: Progress | None = None,
    workers: int | None = None,
) -> IngestSummary:
    """Ingest files (folders are walked, README/LICENSE files and hidden files skipped).

    Per file: its records stream into one transaction (a bad one -> a line in `failed`,
    skipped), so memory does not grow with the file. A large JSONL file is read and checked
    on `workers` processes (default: every core) beside this one, which writes (parallel.py).
    `progress(done, total, path)` after each file.
    """
    summary = IngestSummary()
    files = list(_expand(paths, summary.failed))
    with Preparers(workers) as preparers:
        for done, path in enumerate(files, 1):
            name = os.fspath(path)
            try:
                counts = _add_file(path, store, summary.failed, preparers)
                summary.added += counts.added
                summary.updated += counts.updated
                summary.unchanged += counts.unchanged
            except CorpusError as exc:
                if exc.file is None:
                    exc.file = name
                summary.failed.append(str(exc))
            if progress is not None:
                progress(done, len(files), name)
    return summary


def _add_file(path: Path, store: Store, failed: list[str], preparers: Preparers) -> AddCounts:
    """One file into the store in one transaction, read by the workers when it is worth it."""
    reader = _reader(path)
    if reader is read_jsonl and preparers.worth_it(path.stat().st_size):
        return store.add_prepared(_counted(preparers.prepared_jsonl(path), failed))
    return store.add(_read(path, reader, failed))


def ingest_into_store(
    paths: Iterable[str | os.PathLike[str]],
    db_path: str | os.PathLike[str] | None = None,
    progress: Progress | None = None,
) -> tuple[IngestSummary, int, Path]:
    """Ingest `paths` into the store at `db_path` (created when missing): the summary, how many
    documents the store holds, and its path. A store this call created and left empty (every
    file failed) is removed again: a mistyped path must not leave an empty corpus behind. When
    documents were added or changed, every sentence is embedded for anchoring by meaning."""
    from fontes.corpus.store import open_corpus

    with open_corpus(db_path, create=True) as store:
        where = Path(store.path)
        new = len(store) == 0 and not where.with_name(where.name + "-journal").exists()
        summary = ingest_paths(paths, store, progress=progress)
        held = len(store)
        if summary.added + summary.updated and held:
            embed_sentences(store)
    if new and held == 0 and str(where) != ":memory:":
        where.unlink(missing_ok=True)
    return summary, held, where


def embed_sentences(store: Store) -> None:
    """Embed every sentence of the store now, in one pass (sentence_vectors.py), so that the first
    lookup by meaning finds the vectors ready; nothing when the offline model is not installed."""
    from fontes.anchor.meaning import default_model

    model = default_model()
    if model is not None:
        store.sentence_vectors(model)


def _reader(path: Path) -> Callable[[Path], Iterator[Document | CorpusError]]:
    """The reader of the file's format (CorpusError when the file cannot be read)."""
    module_name, function_name = READERS[detect_format(path)]
    try:
        return getattr(importlib.import_module(module_name), function_name)
    except (ImportError, AttributeError):
        raise CorpusError(
            f"needs {module_name}.{function_name}, which this fontes lacks", hint="update fontes"
        ) from None


def _read(
    path: Path, reader: Callable[[Path], Iterator[Document | CorpusError]], failed: list[str]
) -> Iterator[Document]:
    """The file's documents one by one (bad records appended to `failed`); CorpusError for the whole file."""
    docs = errors = 0
    for item in reader(path):
        if isinstance(item, CorpusError):
            failed.append(str(item))
            errors += 1
        else:
            docs += 1
            yield item
    if not docs and not errors:
        raise CorpusError("holds no documents", hint="is it the file you meant?")


def _counted(batches: Iterator[PreparedBatch], failed: list[str]) -> Iterator[PreparedBatch]:
    """`_read` for prepared batches: their bad records appended to `failed`, and a file with none
    of either refused."""
    docs = errors = 0
    for batch in batches:
        failed.extend(batch.failed)
        errors += len(batch.failed)
        docs += len(batch)
        yield batch
    if not docs and not errors:
        raise CorpusError("holds no documents", hint="is it the file you meant?")


def _expand(paths: Iterable[str | os.PathLike[str]], failed: list[str]) -> Iterator[Path]:
    """Files as given, and the files under folders (sorted, hidden and README-like files left out)."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = False
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path).parts
                if (
                    child.is_file()
                    and not any(p.startswith(".") for p in relative)
                    and not SKIPPED_NAMES.match(child.name)
                ):
                    found = True
                    yield child
            if not found:
                failed.append(
                    str(
                        CorpusError(
                            "is a folder with no file to ingest", file=os.fspath(given), hint=_FORMATS_HINT
                        )
                    )
                )
        elif path.exists():
            yield path
        else:
            failed.append(str(CorpusError("does not exist", file=os.fspath(given), hint="check the path")))
