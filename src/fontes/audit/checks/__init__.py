"""The checks, one module per kind of finding; CHECKS lists them in the order they run.

A check is a function `check(essay, audit) -> Iterable[Finding]`. Adding one is a new module here
and one line in CHECKS (docs/audit.md shows an example).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from fontes.audit.checks.attendance import check_attendance
from fontes.audit.checks.content import check_content
from fontes.audit.checks.dates import check_dates
from fontes.audit.checks.header_offices import check_header_offices
from fontes.audit.checks.hygiene import check_reference_hygiene
from fontes.audit.checks.names import check_names
from fontes.audit.checks.own_entries import check_own_entries
from fontes.audit.checks.quotes import check_quotations
from fontes.audit.checks.references import check_reference_alignment
from fontes.audit.checks.source_kind import check_source_kinds
from fontes.audit.context import Audit
from fontes.audit.reading.essay import Essay
from fontes.model import Finding

Check = Callable[[Essay, Audit], Iterable[Finding]]

CHECKS: list[Check] = [
    check_reference_alignment,
    check_source_kinds,
    check_quotations,
    check_dates,
    check_own_entries,
    check_names,
    check_header_offices,
    check_attendance,
    check_reference_hygiene,
    check_content,
]
