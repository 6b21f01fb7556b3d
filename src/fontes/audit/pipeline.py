"""The audit's one flow: read the essay, bind it to an Audit, run every registered check, order the findings."""

from __future__ import annotations

from pathlib import Path

from fontes.audit.checks import CHECKS
from fontes.audit.context import Audit
from fontes.audit.findings import AuditReport, in_essay_order, without_duplicates
from fontes.audit.reading.essay import Essay
from fontes.model import Finding


def run_checks(essay: Essay, context: Audit, progress=None) -> list[Finding]:
    """Every check's findings on an essay, in the order of the essay (duplicates dropped).

    `progress(done, total, check_name)` is called after each check (the CLI's progress bar).
    """
    audit = context.with_essay(essay)
    findings: list[Finding] = []
    seen: set[str] = set()
    for done, check in enumerate(CHECKS, 1):
        findings += without_duplicates(check(essay, audit), seen)
        if progress is not None:
            progress(done, len(CHECKS), check.__name__)
    return in_essay_order(findings)


def audit_essay(path: str | Path, context: Audit, progress=None) -> AuditReport:
    """Read an essay (text, Markdown or .docx) and run every check on it (`progress` as for run_checks)."""
    from fontes.audit.reading.read import read_essay

    essay = read_essay(path, refuse_empty=True)
    return AuditReport(essay=str(path), findings=run_checks(essay, context, progress), text=essay.text)
