"""The audit's one flow: read the essay, bind it to an Audit, run every registered check, order the findings."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from fontes.audit.checks import CHECKS
from fontes.audit.context import Audit
from fontes.audit.findings import AuditReport, in_essay_order, without_duplicates
from fontes.audit.reading.essay import Essay
from fontes.model import Case, Finding

if TYPE_CHECKING:
    from fontes.corpus import Store


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
    findings = run_checks(essay, context, progress)
    return AuditReport(essay=str(path), knowledge=context.knowledge, findings=findings, text=essay.text)


def audit_on_subject(
    path: str | Path, case: Case | None, store: Store | None, builtin: Case | None, progress=None
) -> AuditReport:
    """Audit an essay with the case asked for, else with `builtin` when the essay's subject is its
    subject, else with the corpus and the essay only; the report names the knowledge used."""
    from fontes.audit.knowledge import body_text, choose_knowledge
    from fontes.audit.reading.read import read_essay

    essay = read_essay(path, refuse_empty=True)
    knowledge = choose_knowledge(body_text(essay), case, builtin, store is not None)
    context = Audit(knowledge.case, store, knowledge=knowledge.label)
    findings = run_checks(essay, context, progress)
    return AuditReport(essay=str(path), knowledge=knowledge.label, findings=findings, text=essay.text)
