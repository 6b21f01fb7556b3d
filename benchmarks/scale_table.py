"""The scale table, its slopes and the issue's targets as Markdown, from the committed results.

docs/performance.md draws these with cog (`make docs`), so the page says what
benchmarks/results/scale.json and frus_tei_throughput.json say, and cannot drift from them.
"""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks import locations

#: The costs whose slope the page states, with what each is.
SLOPES = (
    ("ingest_seconds", "ingest time"),
    ("bare_fts5_seconds", "the bare FTS5 bulk insert"),
    ("store_mb", "store on disk"),
    ("ingest_peak_mb", "ingest peak memory"),
    ("anchor_ms_per_quotation", "anchoring, lexical, per quotation"),
)


def committed(name: str, folder: Path | None = None) -> dict:
    """A result file of benchmarks/results/ (or of `folder`)."""
    return json.loads(((folder or locations.RESULTS) / f"{name}.json").read_text(encoding="utf-8"))


def shape(slope: float) -> str:
    """What a log-log slope says of a cost: flat, sublinear, linear (n log n is about 1.08
    between 10k and 1M), or worse."""
    if slope < 0.05:
        return "flat"
    if slope < 0.2:
        return "nearly flat"
    if slope < 0.85:
        return "sublinear"
    if slope <= 1.15:
        return "about linear"
    return "worse than linear"


def rows_table(scale: dict) -> str:
    """One line per corpus size: each cost beside its same-run baseline, and when it was measured."""
    rows = scale["raw"]["rows"]
    meaning = any("anchor_meaning_ms_per_quotation" in r for r in rows)
    header = [
        "documents",
        "JSONL MB",
        "bare FTS5 bulk insert",
        "fontes ingest",
        "ratio",
        "MB/s",
        "CPU s: writer; workers; bare",
        "CPU ratio",
        "ingest peak RSS (writer; each worker)",
        "bare peak RSS",
        "store MB",
        "anchoring ms/quote (lexical)",
        "found",
    ]
    header += ["by meaning ms/quote; embedding; paraphrases recognised"] if meaning else []
    header += ["measured (UTC); load average"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for r in rows:
        cells = [
            f"{r['documents']:,}",
            f"{r['megabytes']:.0f}",
            f"{r['bare_fts5_seconds']:.1f} s",
            f"{r['ingest_seconds']:.1f} s",
            f"{r['ingest_ratio']:.2f}x",
            f"{r['ingest_mb_per_s']:.1f}",
            f"{r['ingest_writer_cpu_seconds']:.1f}; {r['ingest_workers_cpu_seconds']:.1f}; "
            f"{r['bare_fts5_cpu_seconds']:.1f}",
            f"{(r['ingest_writer_cpu_seconds'] + r['ingest_workers_cpu_seconds']) / r['bare_fts5_cpu_seconds']:.1f}x",
            f"{r['ingest_peak_mb']:.0f} MB; {r['ingest_workers_peak_mb']:.0f} MB",
            f"{r['bare_fts5_peak_mb']:.0f} MB",
            f"{r['store_mb']:.0f}",
            f"{r['anchor_ms_per_quotation']:.2f}",
            f"{r['anchor_found_share']:.0%}",
        ]
        if meaning:
            cells.append(
                f"{r['anchor_meaning_ms_per_quotation']:.0f}; {r['embedding_seconds']:.0f} s; "
                f"{r['anchor_meaning_right_share']:.0%}"
                if "anchor_meaning_ms_per_quotation" in r
                else "not measured"
            )
        when = r.get("measured") or scale["machine"]["date"]
        earlier = " (an earlier run)" if r.get("earlier_run") else ""
        cells.append(f"{when[:16].replace('T', ' ')}{earlier}; {r['load_average']:.1f}")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def slopes_list(scale: dict) -> str:
    """The slope of each cost against corpus size, fitted over every row, and what it means."""
    slopes = scale["raw"]["log_log_slopes"]
    sizes = ", ".join(f"{r['documents']:,}" for r in scale["raw"]["rows"])
    lines = [f"Slopes of log(cost) against log(size), fitted over {sizes} documents:", ""]
    for key, label in SLOPES:
        value = slopes.get(key)
        if value is not None:
            lines.append(f"- {label}: **{value:.2f}**, {shape(value)}")
    return "\n".join(lines) + "\n"


def targets_table(scale: dict, tei: dict) -> str:
    """Each target of issue 18 with what the committed results measured, met or not."""
    rows = scale["raw"]["rows"]
    big = [r for r in rows if r["documents"] >= 100_000] or rows
    largest = rows[-1]
    peak = max(r["ingest_peak_mb"] for r in rows)
    peak_slope = scale["raw"]["log_log_slopes"].get("ingest_peak_mb")
    tei_raw = tei["raw"]
    tei_load = (tei["machine"].get("load_average_at_start") or [float("nan")])[0]

    def met(ok: bool) -> str:
        return "**met**" if ok else "**not met**"

    lines = ["| target | measured | status |", "|---|---|---|"]
    lines.append(
        "| ingest <= 2x the bare FTS5 bulk load at 100k and 1M | "
        + "; ".join(f"{r['ingest_ratio']:.2f}x at {r['documents']:,}" for r in big)
        + f" | {met(all(r['ingest_ratio'] <= 2 for r in big))} |"
    )
    smallest = rows[0]
    flatness = f"slope {peak_slope:.2f}, {shape(peak_slope)}" if peak_slope is not None else "one size"
    lines.append(
        f"| peak memory < 500 MB, flat from 50k to 1M | {smallest['ingest_peak_mb']:.0f} MB at "
        f"{smallest['documents']:,} to {largest['ingest_peak_mb']:.0f} MB at {largest['documents']:,} "
        f"(the writer; at most {peak:.0f} MB); {flatness} | {met(peak < 500)} under 500 MB"
        + ("" if peak_slope is not None and peak_slope < 0.05 else "; not quite flat")
        + " |"
    )
    lines.append(
        f"| anchoring < 10 ms a quotation at 1M | {largest['anchor_ms_per_quotation']:.2f} ms at "
        f"{largest['documents']:,} (lexical) | {met(largest['anchor_ms_per_quotation'] < 10)} |"
    )
    reader = tei_raw["read_frus_tei_ratio"]
    cpu = tei_raw.get("read_frus_tei_cpu_ratio")
    lines.append(
        f"| FRUS TEI within 3x of lxml | the reader {reader:.2f}x a bare lxml parse"
        + (f" ({cpu:.2f}x in CPU seconds)" if cpu else "")
        + ", a whole ingest "
        f"into a store {tei['ratio']:.1f}x ({tei['machine']['date'][:10]}, load average "
        f"{tei_load:.1f}) | {met(reader <= 3)} (the reader) |"
    )
    return "\n".join(lines) + "\n"
