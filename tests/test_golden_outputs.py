"""Golden outputs: `fontes audit --json` on the seed essay and every audit fixture, and `fontes report --json`.

They pin behaviour while the audit is reorganised: a change to any of them is either a bug fix
(said in the commit) or a regression. To refresh them after a deliberate change:

    FONTES_REFRESH_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden_outputs.py

(the report golden alone: add `-k report`).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ESSAY, HERE, KOREA_JSONL

from fontes.cli import cli

GOLDEN = HERE / "golden"
ESSAYS = HERE / "fixtures" / "essays"
REFRESH = os.environ.get("FONTES_REFRESH_GOLDEN") == "1"


def _compare(name: str, output: str) -> None:
    """The output equals the committed golden file (or becomes it when refreshing)."""
    path = GOLDEN / name
    if REFRESH:
        if os.environ.get("FONTES_GOLDEN_CHECK_LABEL_ONLY") == "1" and path.exists():
            old, new = json.loads(path.read_text(encoding="utf-8")), json.loads(output)
            for finding in new.get("findings", []):
                finding["location"].pop("label", None)
            assert old == new, f"{name} changed beyond the new location label"
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(output, encoding="utf-8")
    assert path.exists(), f"{path} missing: refresh with FONTES_REFRESH_GOLDEN=1"
    assert json.loads(output) == json.loads(path.read_text(encoding="utf-8")), f"{name} changed"


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory) -> Path:
    """The shared korea1950 corpus ingested into a temporary store."""
    if not KOREA_JSONL.exists():
        pytest.skip("../shared/corpus/korea1950 is not beside the project; CI always has it")
    from fontes.corpus import Store, ingest_paths

    db = tmp_path_factory.mktemp("golden") / "corpus.db"
    store = Store(db)
    ingest_paths([KOREA_JSONL], store)
    store.close()
    return db


def _audit_json(essay: Path, db: Path) -> str:
    result = CliRunner().invoke(cli, ["audit", str(essay), "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    data["essay"] = essay.name  # the path differs between machines
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def test_the_seed_essay_audit_is_unchanged(corpus_db):
    if not ESSAY.exists():
        pytest.skip("the seed essay is not beside the project")
    _compare("audit-seed.json", _audit_json(ESSAY, corpus_db))


@pytest.mark.parametrize(
    "essay",
    sorted(p for p in ESSAYS.iterdir() if p.stat().st_size),  # an empty
    ids=lambda p: p.name,
)  # essay is refused, not audited (test_cli_mistakes)
def test_every_fixture_essay_audit_is_unchanged(essay, corpus_db):
    _compare(f"audit-{essay.stem}.json", _audit_json(essay, corpus_db))


def test_the_report_is_unchanged():
    result = CliRunner().invoke(cli, ["report", "--json", "--draws", "400"])
    assert result.exit_code == 0, result.output
    _compare("report.json", result.stdout)
