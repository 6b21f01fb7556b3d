"""Where the benchmarks read the shared corpora and write their cache and results."""

from __future__ import annotations

from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent
REPO = BENCHMARKS.parent
SHARED = REPO.parent / "shared"
KOREA_JSONL = SHARED / "corpus" / "korea1950" / "documents.jsonl"
FRUS_TEI = SHARED / "corpus" / "frus-tei" / "frus1949v07p2-korea.xml"
SEED_ESSAY = SHARED / "seeds" / "000_2d375ef18582af2f.txt"
FIXTURE_ESSAYS = REPO / "tests" / "fixtures" / "essays"
CACHE = BENCHMARKS / ".cache"
RESULTS = BENCHMARKS / "results"


def missing_shared() -> list[Path]:
    """The shared corpus files the suite needs that are not beside the repo."""
    return [p for p in (KOREA_JSONL, FRUS_TEI) if not p.exists()]
