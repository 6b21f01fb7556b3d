"""The corpus as Parquet partitions, for anchoring on a cluster (fontes[dask] installs pyarrow).

`export_parquet` writes part-00000.parquet, part-00001.parquet, ... of `rows` documents each
(id, title, date, text, in store order); each file is written under a temporary name and
renamed, so a partition on disk is always whole. `partition_documents` reads one back.
"""

from __future__ import annotations

import os
from pathlib import Path

from fontes.corpus.document import Document
from fontes.errors import CorpusError
from fontes.model import Source

#: Documents in one partition: a partition's in-memory store stays well under a gigabyte.
PARTITION_ROWS = 50_000
_COLUMNS = ("id", "title", "date", "text")


def _pyarrow():
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise CorpusError(
            "Parquet needs pyarrow, which is not installed", hint="pip install 'fontes[dask]'"
        ) from None
    return pyarrow, pyarrow.parquet


def export_parquet(store, folder: str | os.PathLike[str], rows: int = PARTITION_ROWS) -> list[Path]:
    """Write the store's documents into `folder` as Parquet partitions; their paths, in order."""
    pa, pq = _pyarrow()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("part-*.parquet"):
        stale.unlink()
    written: list[Path] = []
    batch: list[tuple] = []

    def flush() -> None:
        target = folder / f"part-{len(written):05d}.parquet"
        temporary = target.with_suffix(".tmp")
        table = pa.table({name: [row[i] for row in batch] for i, name in enumerate(_COLUMNS)})
        pq.write_table(table, temporary)
        os.replace(temporary, target)
        written.append(target)
        batch.clear()

    for row in store.documents_in_order():
        batch.append(row)
        if len(batch) == rows:
            flush()
    if batch or not written:
        flush()
    return written


def partition_documents(path: str | os.PathLike[str]) -> list[Document]:
    """The documents of one partition (id, title, date and text: what anchoring reads)."""
    _, pq = _pyarrow()
    table = pq.read_table(path).to_pydict()
    return [
        Document(source=Source(id=id_, title=title, date=date), text=text)
        for id_, title, date, text in zip(*(table[name] for name in _COLUMNS), strict=True)
    ]
