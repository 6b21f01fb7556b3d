"""Anchor a batch on a Dask cluster: every Parquet partition of the corpus on a worker, then the best.

Each task loads one partition (written by `fontes export-corpus --parquet`) into a store in
memory and runs `anchor_quote` on every request, as the single-machine path does; the merge
keeps, for each request, the best anchor of all partitions by the rank anchoring itself
uses (fidelity first, then score; the earlier partition on a tie). A request naming a source
is answered by the partition holding it; when none does, the single-machine error is given.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from fontes.anchor import Anchor, anchor_quote
from fontes.anchor.batch import Request
from fontes.anchor.result import FIDELITY_ORDER
from fontes.errors import AnchorError, CorpusError

_UNKNOWN_SOURCE = "unknown source"


def anchor_on_dask(
    requests: Sequence[Request], parquet_folder: str | os.PathLike[str], address: str | object
) -> list[Anchor | AnchorError]:
    """For each request in order, its Anchor or AnchorError; `address` is a scheduler or a Client."""
    try:
        from distributed import Client
    except ImportError:
        raise CorpusError(
            "--dask needs dask.distributed, which is not installed", hint="pip install 'fontes[dask]'"
        ) from None
    partitions = sorted(Path(parquet_folder).glob("part-*.parquet"))
    if not partitions:
        raise CorpusError(
            "holds no part-*.parquet files",
            file=os.fspath(parquet_folder),
            hint="write them with `fontes export-corpus --parquet DIR`",
        )
    client = address if isinstance(address, Client) else Client(address)
    try:
        futures = client.map(
            anchor_partition, [str(p) for p in partitions], requests=list(requests), pure=False
        )
        answers = client.gather(futures)
    finally:
        if client is not address:
            client.close()
    return [_best(request, [answer[i] for answer in answers]) for i, request in enumerate(requests)]


def anchor_partition(path: str, requests: list[Request]) -> list[dict | str]:
    """Anchor every request in one partition: an anchor's JSON, or an error's message."""
    from fontes.corpus import Store
    from fontes.corpus.parquet import partition_documents

    with Store(":memory:") as store:
        store.add(partition_documents(path))
        answers: list[dict | str] = []
        for request in requests:
            if request.source_id is not None and request.source_id not in store:
                answers.append(_UNKNOWN_SOURCE)
                continue
            try:
                answers.append(
                    anchor_quote(request.quote, store, source_id=request.source_id).model_dump(mode="json")
                )
            except AnchorError as exc:
                answers.append(exc.message)
        return answers


def _best(request: Request, answers: list[dict | str]) -> Anchor | AnchorError:
    """The best of one request's answers from every partition."""
    anchors = [Anchor.model_validate(a) for a in answers if isinstance(a, dict)]
    if not anchors:
        message = next((str(a) for a in answers if a != _UNKNOWN_SOURCE), None)
        if message is None:
            return AnchorError(
                f"no source {request.source_id!r} in the corpus",
                field="source",
                hint="check the id with `fontes search`, or ingest the source first",
            )
        return AnchorError(message)
    found = [a for a in anchors if a.source is not None]
    if not found:
        return anchors[0]
    return min(found, key=lambda a: (FIDELITY_ORDER.index(a.fidelity), -a.score))
