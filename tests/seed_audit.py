"""The seed essay and the shared Korea corpus, ready for the audit tests (skips when ../shared is absent)."""

from __future__ import annotations

import pytest
from conftest import ESSAY, KOREA_JSONL

from fontes.audit.context import Audit
from fontes.audit.reading.read import read_essay
from fontes.case import load_case
from fontes.corpus import Store, ingest_paths


def seed_audit(tmp_path_factory):
    """(essay, context) for the seed essay, with the built-in case and the korea1950 corpus."""
    if not KOREA_JSONL.exists() or not ESSAY.exists():
        pytest.skip(
            "../shared (the korea1950 corpus and the seed essay) is not beside the project; CI always has it"
        )
    store = Store(tmp_path_factory.mktemp("seed-audit") / "corpus.db")
    ingest_paths([KOREA_JSONL], store)
    return read_essay(ESSAY), Audit(case=load_case(), store=store)
