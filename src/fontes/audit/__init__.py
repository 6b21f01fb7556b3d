"""The audit room: an essay's citations, quotations, dates and names checked against the sources.

    report = audit_essay("essay.md", Audit(case, store))
    report.findings  # in the order of the essay

Each check is a small function `check_<what>(essay, context) -> list[Finding]`; this module
only runs them all and orders what they find.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from fontes.audit.context import Audit
from fontes.audit.essay import Essay
from fontes.model import Finding

SCHEMA = "fontes.audit/1"
SEVERITIES = ("error", "warning", "info")
KINDS = ("reference-mismatch", "quote-fidelity", "date-mismatch", "name-variant", "office-mismatch",
         "reference-malformed", "reference-unused", "marker-without-entry")

__all__ = ["KINDS", "SCHEMA", "SEVERITIES", "Audit", "AuditReport", "audit_essay", "run_checks"]


class AuditReport(BaseModel):
    """The findings on one essay, in the order of the essay, with a summary."""

    model_config = ConfigDict(extra="forbid")

    essay: str
    findings: list[Finding] = Field(default_factory=list)
    text: str = Field(default="", exclude=True)  # the essay's text, which the offsets point into

    def summary(self) -> dict[str, int]:
        counts = Counter(f.severity for f in self.findings)
        return {s: counts.get(s, 0) for s in SEVERITIES}

    def by_kind(self) -> dict[str, int]:
        counts = Counter(f.kind for f in self.findings)
        return {k: counts[k] for k in KINDS if counts.get(k)}

    def to_json(self) -> dict:
        """The versioned `fontes.audit/1` contract."""
        return {"schema": SCHEMA, "essay": self.essay, "summary": self.summary(),
                "by_kind": self.by_kind(),
                "findings": [f.model_dump(mode="json") for f in self.findings]}


def _checks():
    from fontes.audit.dates import check_dates
    from fontes.audit.hygiene import check_reference_hygiene
    from fontes.audit.names import check_names
    from fontes.audit.quotes import check_quotations
    from fontes.audit.references import check_reference_alignment

    return [check_reference_alignment, check_quotations, check_dates, check_names, check_reference_hygiene]


def _position(finding: Finding) -> tuple:
    loc = finding.location
    start = loc.start if loc.start is not None else 10**12
    return (start, SEVERITIES.index(finding.severity), KINDS.index(finding.kind) if finding.kind in KINDS else 99)


def run_checks(essay: Essay, context: Audit, progress=None) -> list[Finding]:
    """Every check's findings on an essay, in the order of the essay (duplicates dropped).

    `progress(done, total, check_name)` is called after each check (the CLI's progress bar).
    """
    findings: list[Finding] = []
    seen: set[str] = set()
    checks = _checks()
    context = context.with_essay(essay)
    for done, check in enumerate(checks, 1):
        for finding in check(essay, context):
            key = finding.model_dump_json()
            if key not in seen:
                seen.add(key)
                findings.append(finding)
        if progress is not None:
            progress(done, len(checks), check.__name__)
    return sorted(findings, key=_position)


def audit_essay(path: str | Path, context: Audit, progress=None) -> AuditReport:
    """Read an essay (text, Markdown or .docx) and run every check on it (`progress` as for run_checks)."""
    from fontes.audit.read import read_essay

    essay = read_essay(path)
    return AuditReport(essay=str(path), findings=run_checks(essay, context, progress), text=essay.text)
