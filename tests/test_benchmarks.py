"""The benchmark suite runs end to end at a tiny size and writes result files a reader can trust.

Speed is never asserted here (CI machines vary); only that every result has its keys and
sane numbers.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SHARED, needs_shared

REPO = Path(__file__).resolve().parent.parent
EXPECTED = [
    "ingest_jsonl",
    "frus_tei_throughput",
    "search_latency",
    "anchor_throughput",
    "scale",
    "paraphrase_meaning",
    "audit",
]
FRUS_TEI = SHARED / "corpus" / "frus-tei" / "frus1949v07p2-korea.xml"


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """The result files of one quick run (300 documents, a few quotations), by name."""
    if not FRUS_TEI.exists():
        pytest.skip("../shared/corpus/frus-tei is not beside the project; CI always has it")
    folder = tmp_path_factory.mktemp("bench")
    command = [
        sys.executable,
        "-m",
        "benchmarks",
        "--quick",
        "--docs",
        "300",
        "--queries",
        "40",
        "--quotes-per-class",
        "4",
        "--naive-quotes-per-class",
        "2",
        "--results",
        str(folder / "results"),
        "--cache",
        str(folder / "cache"),
    ]
    done = subprocess.run(command, check=False, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "anchoring accuracy by class" in done.stdout  # the tables were printed
    return {p.stem: json.loads(p.read_text()) for p in (folder / "results").glob("*.json")}


@needs_shared
def test_every_benchmark_writes_one_result_file(results):
    assert sorted(results) == sorted(EXPECTED)


@needs_shared
def test_results_carry_machine_facts_parameters_raw_numbers_and_a_ratio(results):
    for name, result in results.items():
        assert result["schema"] == "fontes.bench/1"
        assert result["name"] == name
        assert {"cores", "python", "date", "load_average_at_start"} <= result["machine"].keys()
        assert result["machine"]["cores"] >= 1
        assert result["parameters"] and result["raw"]
        assert result["ratio"] > 0 and result["ratio_meaning"]
        assert result["target"]["met"] in (True, False, None)
        assert all(row["metric"] and row["fontes"] for row in result["summary"])


@needs_shared
def test_ingest_results_count_every_document(results):
    jsonl = results["ingest_jsonl"]
    assert jsonl["parameters"]["documents"] == 300
    assert jsonl["raw"]["ingest_added"] == 300 and jsonl["raw"]["ingest_failed"] == 0
    assert jsonl["raw"]["ingest_mb_per_s"] > 0
    tei = results["frus_tei_throughput"]
    assert tei["raw"]["documents"] == tei["raw"]["ingest_added"] == 118
    assert tei["raw"]["lxml_parse_seconds"] > 0


@needs_shared
def test_search_latency_has_percentiles_in_order(results):
    raw = results["search_latency"]["raw"]
    assert raw["fontes"]["count"] == 40 and len(raw["queries"]) == 40
    assert 0 < raw["fontes"]["p50_ms"] <= raw["fontes"]["p95_ms"] <= raw["fontes"]["max_ms"]
    assert 0 <= raw["queries_with_hits"] <= 40


@needs_shared
def test_anchor_accuracies_are_shares_for_every_class(results):
    anchor = results["anchor_throughput"]
    classes = anchor["parameters"]["classes"]
    assert set(classes.values()) == {"verbatim", "near-verbatim", "misquote", "not-found"}
    for key in ("anchor_all", "anchor_subsample", "naive_subsample"):
        accuracy = anchor["accuracy"][key]
        assert set(accuracy) == {*classes, "overall"}
        assert all(0.0 <= share <= 1.0 for share in accuracy.values())
    assert anchor["parameters"]["quotations"] == 4 * len(classes)
    assert anchor["parameters"]["naive_quotations"] == 2 * len(classes)
    assert "partial_ratio" in anchor["parameters"]["naive_rule"]
    assert 0.0 <= anchor["raw"]["candidate_recall"] <= 1.0


@needs_shared
def test_scale_table_has_a_row_per_size_each_beside_its_bare_fts5_baseline(results):
    scale = results["scale"]
    rows = scale["raw"]["rows"]
    assert [r["documents"] for r in rows] == [300, 600]
    for row in rows:
        assert row["ingest_added"] == row["documents"]
        assert row["bare_fts5_seconds"] > 0 and row["ingest_ratio"] > 0
        assert 0 < row["ingest_peak_mb"] and 0 < row["store_mb"]
        assert 0 <= row["anchor_found_share"] <= 1
        assert row["embedding_seconds"] > 0 and row["anchor_meaning_ms_per_quotation"] > 0  # small sizes
        assert 0 <= row["anchor_meaning_right_share"] <= 1
    assert scale["raw"]["log_log_slopes"]["ingest_seconds"] is not None


@needs_shared
def test_the_audit_benchmark_times_every_essay_cold_and_warm_with_the_same_findings(results):
    raw = results["audit"]["raw"]
    assert results["audit"]["parameters"]["essays"] >= 10  # the seed essay and the fixture essays
    assert raw["findings"] > 0 and 0 < raw["warm_seconds"] and 0 < raw["cold_seconds"]


def test_slope_is_one_for_a_linear_cost_and_zero_for_a_flat_one():
    from benchmarks.scale import slope

    assert slope([10, 100, 1000], [2.0, 20.0, 200.0]) == pytest.approx(1.0)
    assert slope([10, 100, 1000], [5.0, 5.0, 5.0]) == pytest.approx(0.0)
    assert slope([10], [1.0]) is None


def test_the_scale_plot_draws_one_line_per_cost_with_its_slope():
    from benchmarks.plot import SERIES, svg

    rows = [{"documents": n, **{key: n / 1000 + 1 for key, _, _ in SERIES}} for n in (1_000, 10_000, 100_000)]
    drawing = svg(rows, {"ingest_seconds": 0.98})
    assert drawing.count("<polyline") == len(SERIES)
    assert "fontes ingest (s), slope 0.98" in drawing
    assert "100,000" in drawing


def test_paraphrase_meaning_measures_embedding_and_both_anchors(results):
    meaning = results["paraphrase_meaning"]
    # The real corpus (where the paraphrased sentences are) beside the 300 scaled documents.
    assert meaning["parameters"]["scaled_documents"] == 300 and meaning["parameters"]["documents"] > 300
    assert meaning["raw"]["sentences"] > 300 and meaning["raw"]["vectors_bytes_on_disk"] > 0
    assert meaning["raw"]["by_meaning"]["p50_ms"] > 0 and meaning["raw"]["lexical"]["p50_ms"] > 0
    assert set(meaning["raw"]["right"]["by_meaning"]) == {"paraphrase", "fabricated"}
    assert set(meaning["raw"]["fabricated_classed_misquote"]) == {"by_meaning", "lexical"}


def _scale_row(documents: int, ratio: float, **more) -> dict:
    """A scale-table row with invented figures (the keys the page reads)."""
    return {
        "documents": documents,
        "megabytes": documents / 4000,
        "bare_fts5_seconds": documents / 6000,
        "ingest_seconds": ratio * documents / 6000,
        "ingest_ratio": ratio,
        "ingest_mb_per_s": 5.0,
        "ingest_writer_cpu_seconds": 2.0,
        "ingest_workers_cpu_seconds": 1.5,
        "bare_fts5_cpu_seconds": 1.0,
        "ingest_peak_mb": 210.0,
        "ingest_workers_peak_mb": 100.0,
        "bare_fts5_peak_mb": 50.0,
        "store_mb": documents / 160,
        "anchor_ms_per_quotation": 1.5,
        "anchor_found_share": 0.97,
        "load_average": 2.5,
        **more,
    }


def test_a_size_not_measured_keeps_its_row_and_its_date_from_the_run_before(tmp_path):
    from benchmarks.scale import earlier_rows

    previous = tmp_path / "scale.json"
    rows = [_scale_row(10_000, 3.0), _scale_row(1_000_000, 2.7)]
    previous.write_text(
        json.dumps(
            {
                "machine": {"date": "2026-12-01T10:00:00+00:00"},
                "parameters": {"seed": 7},
                "raw": {"rows": rows},
            }
        )
    )
    kept = earlier_rows(previous, [10_000, 100_000], seed=7)
    assert [(r["documents"], r["measured"], r["earlier_run"]) for r in kept] == [
        (1_000_000, "2026-12-01T10:00:00+00:00", True)
    ]
    assert earlier_rows(previous, [10_000], seed=8) == []  # another corpus: nothing kept
    assert earlier_rows(tmp_path / "absent.json", [10_000], seed=7) == []


def test_the_scale_page_dates_each_row_and_says_which_targets_are_met():
    from benchmarks.scale_table import rows_table, targets_table

    scale = {
        "machine": {"date": "2026-12-08T00:00:00+00:00"},
        "raw": {
            "rows": [
                _scale_row(100_000, 1.9, measured="2026-12-08T00:10:00+00:00", earlier_run=False),
                _scale_row(1_000_000, 2.7, measured="2026-12-01T10:00:00+00:00", earlier_run=True),
            ],
            "log_log_slopes": {"ingest_peak_mb": 0.0},
        },
    }
    table = rows_table(scale)
    assert "| 1,000,000 |" in table and "2026-12-01 10:00 (an earlier run); 2.5 |" in table
    assert "2026-12-08 00:10; 2.5 |" in table
    tei = {"raw": {"read_frus_tei_ratio": 2.8}, "ratio": 9.0, "machine": {"date": "2026-12-08T00:00:00"}}
    targets = targets_table(scale, tei).splitlines()
    ingest = next(line for line in targets if line.startswith("| ingest"))
    assert "1.90x at 100,000; 2.70x at 1,000,000" in ingest and ingest.endswith("**not met** |")
    assert next(line for line in targets if line.startswith("| FRUS")).endswith("**met** (the reader) |")
