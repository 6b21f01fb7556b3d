"""What an audit checks an essay against: the case, and the corpus store when there is one."""

from __future__ import annotations

from dataclasses import dataclass

from fontes.model import Case


@dataclass
class AuditContext:
    case: Case
    store: object | None = None  # a fontes.corpus.Store; optional, so the audit runs without a corpus
