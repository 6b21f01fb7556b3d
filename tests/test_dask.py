"""The corpus as Parquet partitions, and batch anchoring on a Dask LocalCluster: the same answers
as the single-machine path, request by request."""

from __future__ import annotations

import random

import pytest

from fontes.anchor import anchor_quote
from fontes.anchor.batch import Request
from fontes.corpus import Document, Store
from fontes.errors import AnchorError
from fontes.model import Source

pytest.importorskip("pyarrow")
distributed = pytest.importorskip("distributed")

from fontes.anchor.distributed import anchor_on_dask  # noqa: E402 (after the skips)
from fontes.corpus.parquet import export_parquet, partition_documents  # noqa: E402

WORDS = [
    "army",
    "troops",
    "border",
    "crossed",
    "parallel",
    "north",
    "south",
    "attack",
    "reported",
    "morning",
    "units",
    "ambassador",
    "cable",
    "secret",
    "plan",
    "moved",
    "artillery",
    "river",
]


@pytest.fixture
def store(tmp_path):
    rng = random.Random(5)
    docs = [
        Document(
            source=Source(id=f"c{n:03d}", title=f"Cable {n}", date="1950-06-25"),
            text=" ".join(rng.choice(WORDS) for _ in range(50)) + f" number {n} ends.",
        )
        for n in range(90)
    ]
    with Store(tmp_path / "s.db") as store:
        store.add(docs)
        yield store


def held_out_requests(store: Store) -> list[Request]:
    """Verbatim passages, changed ones, words found nowhere, one source asked by id, one unknown id."""
    rng = random.Random(9)
    requests = []
    for id_ in rng.sample(store.ids(), 20):
        words = store.get(id_).text.split()
        start = rng.randrange(0, len(words) - 12)
        passage = words[start : start + 12]
        requests.append(Request(" ".join(passage)))
        changed = list(passage)
        changed[5] = "never"
        requests.append(Request(" ".join(changed)))
    requests += [
        Request("the quick brown fox jumps over the lazy dog"),
        Request("number 7 ends", source_id="c007"),
        Request("anything", source_id="nowhere"),
    ]
    return requests


def test_export_writes_every_document_once_in_partitions_of_the_given_size(store, tmp_path):
    written = export_parquet(store, tmp_path / "parts", rows=40)
    assert [p.name for p in written] == ["part-00000.parquet", "part-00001.parquet", "part-00002.parquet"]
    documents = [d for p in written for d in partition_documents(p)]
    assert [d.id for d in documents] == store.ids()
    assert documents[3].text == store.get(documents[3].id).text
    assert not list((tmp_path / "parts").glob("*.tmp"))


def test_dask_answers_equal_the_single_machine_ones(store, tmp_path):
    export_parquet(store, tmp_path / "parts", rows=30)
    requests = held_out_requests(store)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        on_dask = anchor_on_dask(requests, tmp_path / "parts", client)
    for request, result in zip(requests, on_dask, strict=True):
        try:
            expected = anchor_quote(request.quote, store, source_id=request.source_id)
        except AnchorError as exc:
            assert isinstance(result, AnchorError) and str(result) == str(exc)
            continue
        assert result == expected, request
    assert sum(r.fidelity == "verbatim" for r in on_dask if not isinstance(r, AnchorError)) >= 20


def test_the_cli_exports_partitions_and_anchors_a_batch_on_the_cluster(store, tmp_path):
    import json

    from click.testing import CliRunner

    from fontes.cli import cli

    store_path = str(store.path)
    exported = CliRunner().invoke(
        cli, ["export-corpus", "--parquet", str(tmp_path / "p"), "--rows", "50", "--db", store_path]
    )
    assert exported.exit_code == 0, exported.output
    assert "90 documents in 2 partitions" in exported.output
    batch = tmp_path / "q.jsonl"
    passage = " ".join(store.get("c042").text.split()[10:22])
    batch.write_text(
        json.dumps({"id": "a", "quote": passage})
        + "\n"
        + json.dumps({"id": "b", "quote": "x", "source": "nowhere"})
        + "\n"
    )
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        result = CliRunner().invoke(
            cli,
            [
                "anchor",
                "--batch",
                str(batch),
                "--dask",
                cluster.scheduler_address,
                "--parquet",
                str(tmp_path / "p"),
                "--db",
                store_path,
            ],
        )
    assert result.exit_code == 1  # the unknown source
    lines = [json.loads(line) for line in result.stdout.strip().splitlines()]
    assert [(x["id"], x["source"], x["fidelity"]) for x in lines] == [("a", "c042", "verbatim")]
    assert "q.jsonl:2: source: no source 'nowhere'" in result.stderr


def test_dask_needs_its_partitions(tmp_path):
    from click.testing import CliRunner

    from fontes.cli import cli

    (tmp_path / "q.jsonl").write_text('{"quote": "x"}\n')
    result = CliRunner().invoke(
        cli,
        [
            "anchor",
            "--batch",
            str(tmp_path / "q.jsonl"),
            "--dask",
            "tcp://x:1",
            "--db",
            str(tmp_path / "s.db"),
        ],
    )
    assert result.exit_code == 2 and "--parquet DIR" in result.output
