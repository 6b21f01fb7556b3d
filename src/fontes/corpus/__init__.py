"""The corpus room: the SQLite store of sources, the ingesters (one module per format), search."""

from fontes.corpus.document import Document, PageBreak
from fontes.corpus.ingest import IngestSummary, detect_format, ingest_into_store, ingest_paths
from fontes.corpus.store import AddCounts, Hit, Store, corpus_if_any, open_corpus

__all__ = [
    "AddCounts",
    "Document",
    "Hit",
    "IngestSummary",
    "PageBreak",
    "Store",
    "corpus_if_any",
    "detect_format",
    "ingest_into_store",
    "ingest_paths",
    "open_corpus",
]
