"""TEI ingest throughput of a FRUS volume, against lxml's own parse of the same bytes.

The shared excerpt of FRUS 1949 vol. VII part 2 (1.1 MB, 118 documents) is replicated into a
synthetic volume of about `tei_megabytes` (its <body> repeated, every xml:id and #reference
renumbered per copy, so every document is distinct) and cached in benchmarks/.cache/. Timed on
that file: `lxml.etree.parse` of it (entities not resolved, no network: the baseline),
`read_frus_tei` alone (streaming iterparse to Documents), the two in turn so that a change of
the machine's load falls on both, and `ingest_paths` into a fresh store
(reading, then sources, texts, page breaks and the FTS5 index in one transaction). Peak memory
of streaming the volume and of parsing it into one tree is measured in fresh processes.

    .venv/bin/python -m benchmarks.frus_tei_throughput --child stream|tree VOLUME   (used by the suite)
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import resource
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from benchmarks import locations
from benchmarks.results import summary_row, times
from benchmarks.timing import best_of, best_of_each

if TYPE_CHECKING:
    from benchmarks.context import Run

NAME = "frus_tei_throughput"
TARGET_RATIO = 3.0
_REFERENCE = re.compile(r'((?:xml:id|target|corresp)="#?)([^"\s]+)(")')


def bare_parse(path: Path) -> None:
    """The baseline: lxml's parse of the whole file into one tree."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    etree.parse(str(path), parser)


def stream(path: Path) -> int:
    """fontes's reader alone: every Document of the volume, streamed."""
    from fontes.corpus.frus_tei import read_frus_tei

    return sum(1 for _ in read_frus_tei(path))


def synthetic_volume(source: Path, copies: int, cache: Path) -> Path:
    """`copies` times the volume's <body> content in one volume, ids renumbered per copy (cached)."""
    if copies <= 1:
        return source
    data = source.read_bytes()
    digest = hashlib.sha256(data).hexdigest()[:12]
    target = cache / f"{source.stem}-x{copies}-{digest}.xml"
    if target.exists():
        return target
    text = data.decode("utf-8")
    start = text.index("<body>") + len("<body>")
    end = text.rindex("</body>")
    body = text[start:end]
    bodies = [body] + [_REFERENCE.sub(rf"\g<1>\g<2>_{k}\g<3>", body) for k in range(1, copies)]
    cache.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_text(text[:start] + "".join(bodies) + text[end:], encoding="utf-8")
    os.replace(temporary, target)
    return target


def peak_memory_mb(mode: str, path: Path) -> float:
    """Peak resident memory of a fresh process that streams (`stream`) or parses (`tree`) the volume."""
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.frus_tei_throughput", "--child", mode, str(path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=locations.REPO,
    ).stdout
    return float(out.strip())


def run(run: Run) -> dict:
    from fontes.corpus import Store, ingest_paths

    settings = run.settings
    source = locations.FRUS_TEI
    copies = max(1, math.ceil(settings.tei_megabytes / (source.stat().st_size / 1e6)))
    run.log(f"[bold]{NAME}[/bold]: synthetic volume of {copies} copies of {source.name}")
    volume = synthetic_volume(source, copies, run.cache)
    megabytes = volume.stat().st_size / 1e6
    repeats = settings.repeats
    turns = 2 * repeats
    run.log(
        f"  {volume.name}: {megabytes:.1f} MB; baseline lxml.etree.parse and read_frus_tei alone, "
        f"in turn, best of {turns}"
    )
    documents = stream(volume)
    (baseline, baseline_cpu), (reader, reader_cpu) = best_of_each(
        turns, lambda: bare_parse(volume), lambda: stream(volume)
    )
    run.log(f"  {baseline:.3f} s, {reader:.3f} s (CPU {baseline_cpu:.3f} s, {reader_cpu:.3f} s)")
    ingest_runs = max(1, repeats - 1)
    run.log(f"  ingest_paths into a fresh store, best of {ingest_runs}")
    summaries = []

    def ingest() -> None:
        with Store(run.workdir / f"tei-{len(summaries)}.db") as store:
            summaries.append(ingest_paths([volume], store))

    took = best_of(ingest_runs, ingest)
    run.log(f"  {took:.3f} s: {summaries[-1].added:,} documents added, {len(summaries[-1].failed)} failed")
    memory = {}
    if settings.measure_memory:
        memory = {
            "peak_rss_stream_mb": peak_memory_mb("stream", volume),
            "peak_rss_tree_mb": peak_memory_mb("tree", volume),
        }
        run.log(
            f"  peak memory: streaming {memory['peak_rss_stream_mb']:.0f} MB, "
            f"one lxml tree {memory['peak_rss_tree_mb']:.0f} MB"
        )
    ratio = took / baseline
    return {
        "name": NAME,
        "title": "FRUS TEI ingest vs lxml.etree.parse of the same file",
        "parameters": {
            "source": source.name,
            "copies": copies,
            "megabytes": round(megabytes, 3),
            "repeats": repeats,
            "parse_and_reader_turns": turns,
            "ingest_repeats": ingest_runs,
        },
        "raw": {
            "documents": documents,
            "lxml_parse_seconds": baseline,
            "read_frus_tei_seconds": reader,
            "ingest_seconds": took,
            "ingest_added": summaries[-1].added,
            "ingest_failed": len(summaries[-1].failed),
            "lxml_parse_mb_per_s": megabytes / baseline,
            "read_frus_tei_mb_per_s": megabytes / reader,
            "ingest_mb_per_s": megabytes / took,
            "read_frus_tei_ratio": reader / baseline,
            "lxml_parse_cpu_seconds": baseline_cpu,
            "read_frus_tei_cpu_seconds": reader_cpu,
            "read_frus_tei_cpu_ratio": reader_cpu / baseline_cpu,
            **memory,
        },
        "ratio": ratio,
        "ratio_meaning": "ingest_paths time / lxml.etree.parse time on the same file (times slower; lower is better)",
        "target": {
            "text": f"ingest within {TARGET_RATIO:g}x of a bare lxml parse",
            "met": ratio <= TARGET_RATIO,
        },
        "summary": [
            summary_row(
                f"TEI ingest, {documents:,} docs ({megabytes:.1f} MB)",
                f"{megabytes / took:.1f} MB/s",
                f"lxml parse {megabytes / baseline:.0f} MB/s",
                times(ratio, "slower"),
                f"<= {TARGET_RATIO:g}x",
                ratio <= TARGET_RATIO,
            ),
            summary_row(
                "  read_frus_tei alone (no store)",
                f"{megabytes / reader:.1f} MB/s",
                f"lxml parse {megabytes / baseline:.0f} MB/s",
                f"{times(reader / baseline, 'slower')} (CPU {reader_cpu / baseline_cpu:.1f}x)",
                f"<= {TARGET_RATIO:g}x",
                reader / baseline <= TARGET_RATIO,
            ),
        ],
    }


def child(mode: str, path: Path) -> None:
    """Stream or parse in this (fresh) process and print its peak resident memory in MB."""
    if mode == "stream":
        stream(path)
    else:
        bare_parse(path)
    print(_peak_rss_mb())


def _peak_rss_mb() -> float:
    """This process's peak resident memory: VmHWM (its own, unlike ru_maxrss, which can keep
    the peak of the parent that forked it), else ru_maxrss."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kilobytes = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return (
        int(kilobytes.group(1)) / 1024
        if kilobytes
        else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    )


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child" and sys.argv[2] in ("stream", "tree"):
        child(sys.argv[2], Path(sys.argv[3]))
    else:
        sys.exit(__doc__)
