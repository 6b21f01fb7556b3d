"""Shared fixtures: the toy case, a writable copy of it, and the shared corpus when present."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

HERE = Path(__file__).parent
TOY_CASE = HERE / "cases" / "toy"
SHARED = HERE.parent.parent / "shared"
KOREA_JSONL = SHARED / "corpus" / "korea1950" / "documents.jsonl"
KOREA_ADDITIONS = SHARED / "corpus" / "korea1950-additions" / "documents.jsonl"
SHARED_CORPUS = SHARED / "corpus"
ESSAY = SHARED / "seeds" / "000_2d375ef18582af2f.txt"

needs_shared = pytest.mark.skipif(
    not KOREA_JSONL.exists(),
    reason="../shared/corpus/korea1950 is not beside the project; CI always has it",
)


@pytest.fixture
def toy_case_dir(tmp_path: Path) -> Path:
    """A writable copy of the toy case of DESIGN.md."""
    target = tmp_path / "toy"
    shutil.copytree(TOY_CASE, target)
    return target


@pytest.fixture(scope="session")
def korea_corpus() -> dict[str, dict]:
    """The documents of ../shared/corpus/korea1950, by id (skips when absent)."""
    if not KOREA_JSONL.exists():
        pytest.skip("../shared/corpus/korea1950 is not beside the project; CI always has it")
    with KOREA_JSONL.open(encoding="utf-8") as lines:
        return {d["id"]: d for d in map(json.loads, lines)}


@pytest.fixture(scope="session")
def korea_documents(korea_corpus) -> dict[str, dict]:
    """The JSONL documents of ../shared/corpus/korea1950 and of its additions, by id."""
    documents = dict(korea_corpus)
    if KOREA_ADDITIONS.exists():
        with KOREA_ADDITIONS.open(encoding="utf-8") as lines:
            documents.update((d["id"], d) for d in map(json.loads, lines))
    return documents


@pytest.fixture(autouse=True)
def no_default_store(monkeypatch, tmp_path):
    """Tests never read or write the user's own corpus store."""
    monkeypatch.setenv("FONTES_DB", str(tmp_path / "default-store" / "corpus.db"))


def pytest_report_header(config):
    """Say once, at the top, whether the browser tests will run."""
    import os
    import shutil

    chromium = os.environ.get("FONTES_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if Path(chromium).exists():
        return f"browser tests: Chromium at {chromium}"
    return (
        "browser tests: SKIPPED, no Chromium at /usr/bin/chromium "
        "(make browser installs Debian's package; Playwright's own download needs the internet)"
    )
