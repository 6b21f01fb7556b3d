"""The findings of an audit: their kinds and severities, their order (that of the essay), the
dropping of duplicates, and the report that carries them (the `fontes.audit/1` JSON)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict, Field

from fontes.model import Finding

SCHEMA = "fontes.audit/1"
SEVERITIES = ("error", "warning", "info")
KINDS = (
    "reference-mismatch",
    "quote-fidelity",
    "quote-uncited",
    "date-mismatch",
    "name-variant",
    "office-mismatch",
    "attendance-mismatch",
    "content-mismatch",
    "reference-malformed",
    "reference-unused",
    "marker-without-entry",
    "content-unsupported",
)

__all__ = ["KINDS", "SCHEMA", "SEVERITIES", "AuditReport", "Finding", "in_essay_order", "without_duplicates"]


def _position(finding: Finding) -> tuple:
    loc = finding.location
    start = loc.start if loc.start is not None else 10**12
    return (
        start,
        SEVERITIES.index(finding.severity),
        KINDS.index(finding.kind) if finding.kind in KINDS else 99,
    )


#: Kinds whose findings on one span say the same thing, whichever check reached them.
_ONE_PER_SPAN = frozenset({"date-mismatch", "office-mismatch", "name-variant"})


def without_duplicates(findings: Iterable[Finding], seen: set[str]) -> list[Finding]:
    """The findings not already in `seen`, which grows with them. A date, office or name finding is one
    per span of the essay: two checks that reach the same misdating say it once (the first one's words)."""
    fresh = []
    for finding in findings:
        loc = finding.location
        one_per_span = finding.kind in _ONE_PER_SPAN and loc.start is not None
        key = f"{finding.kind}@{loc.start}-{loc.end}" if one_per_span else finding.model_dump_json()
        if key not in seen:
            seen.add(key)
            fresh.append(finding)
    return fresh


def in_essay_order(findings: Iterable[Finding]) -> list[Finding]:
    """Findings by where they sit in the essay, then by severity and kind (those without a place last)."""
    return sorted(findings, key=_position)


class AuditReport(BaseModel):
    """The findings on one essay, in the order of the essay, with a summary."""

    model_config = ConfigDict(extra="forbid")

    essay: str
    knowledge: str = (
        ""  # what the audit knew: "corpus", "case <id> (asked)", "case <id> (chosen: …)", "neither"
    )
    findings: list[Finding] = Field(default_factory=list)
    text: str = Field(default="", exclude=True)  # the essay's text, which the offsets point into

    def summary(self) -> dict[str, int]:
        """How many findings of each severity."""
        counts = Counter(f.severity for f in self.findings)
        return {s: counts.get(s, 0) for s in SEVERITIES}

    def by_kind(self) -> dict[str, int]:
        """How many findings of each kind that occurs."""
        counts = Counter(f.kind for f in self.findings)
        return {k: counts[k] for k in KINDS if counts.get(k)}

    def fails_on(self, severity: str) -> bool:
        """Whether a finding is at least as severe as `severity` ("error" or "warning")."""
        worst = SEVERITIES[: SEVERITIES.index(severity) + 1]
        return any(f.severity in worst for f in self.findings)

    def to_json(self) -> dict:
        """The versioned `fontes.audit/1` contract."""
        return {
            "schema": SCHEMA,
            "essay": self.essay,
            "knowledge": self.knowledge,
            "summary": self.summary(),
            "by_kind": self.by_kind(),
            "findings": [f.model_dump(mode="json") for f in self.findings],
        }
