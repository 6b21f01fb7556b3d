"""Where the fuzzer finds its seeds and keeps its results."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
TOY_CASE = REPO / "tests" / "cases" / "toy"
REGRESSIONS = FIXTURES / "regressions"
SHARED = REPO.parent / "shared"
RESULTS = Path(__file__).resolve().parent / "results"
CORPORA = Path(__file__).resolve().parent / ".corpus"


def fixture_bytes(*patterns: str) -> list[bytes]:
    """The bytes of the fixture files matching the glob patterns (relative to tests/fixtures), sorted."""
    found = sorted({p for pattern in patterns for p in FIXTURES.glob(pattern) if p.is_file()})
    return [p.read_bytes() for p in found]
