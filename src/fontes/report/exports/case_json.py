"""The whole case and its verdict as one JSON document, versioned `fontes.case/1`."""

from __future__ import annotations

import json

from fontes import __version__
from fontes.model import Case
from fontes.reason.verdict import Verdict

SCHEMA = "fontes.case/1"


def case_json(case: Case, verdict: Verdict) -> str:
    """`{"schema", "generator", "case", "verdict"}`; `case` reads back with `Case.model_validate`."""
    document = {
        "schema": SCHEMA,
        "generator": f"fontes {__version__}",
        "case": case.model_dump(mode="json"),
        "verdict": verdict.model_dump(mode="json"),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
