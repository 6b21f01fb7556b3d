"""The audit room: an essay's citations, quotations, dates and names checked against the sources.

    report = audit_essay("essay.md", Audit(case, store))
    report.findings  # in the order of the essay

The flow, one folder a step (docs/audit.md): reading/ (essay -> paragraphs, sentences, markers,
quotations, reference entries), evidence/ (what each sentence claims and which documents fit it),
lexicon/ (months, offices), checks/ (one module per kind of finding, listed in checks.CHECKS),
findings.py (order, de-duplication, the report); context.Audit holds what the checks share.
The names below load on first use, so that fontes.dates can use the lexicon without the rest.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fontes.audit.context import Audit
    from fontes.audit.findings import KINDS, SCHEMA, SEVERITIES, AuditReport
    from fontes.audit.pipeline import audit_essay, run_checks

_LAZY = {
    "Audit": "fontes.audit.context",
    "AuditReport": "fontes.audit.findings",
    "KINDS": "fontes.audit.findings",
    "SCHEMA": "fontes.audit.findings",
    "SEVERITIES": "fontes.audit.findings",
    "audit_essay": "fontes.audit.pipeline",
    "run_checks": "fontes.audit.pipeline",
}

__all__ = ["KINDS", "SCHEMA", "SEVERITIES", "Audit", "AuditReport", "audit_essay", "run_checks"]


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'fontes.audit' has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value
