"""Score the audit's findings on an essay against its answer key (tests/fixtures/heldout/*.key.yaml):
which planted errors were found, which correct items drew an alarm, and which alarms the key does
not know."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from fontes.audit.reading.essay import Essay
from fontes.model import Finding

HELDOUT = Path(__file__).parent / "fixtures" / "heldout"


@dataclass
class Score:
    """What the audit got right and wrong on one essay, by the ids of its key."""

    found: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    unkeyed: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return len(self.found) / max(1, len(self.found) + len(self.missed))


def sentence_span(essay: Essay, words: str) -> tuple[int, int]:
    """The characters of the one sentence of the essay that holds `words`."""
    at = essay.text.find(words)
    assert at >= 0 and essay.text.find(words, at + 1) < 0, (
        f"the key's words are not once in the essay: {words!r}"
    )
    for _, sentence in essay.sentences():
        if sentence.start <= at < sentence.end:
            return sentence.start, sentence.end
    raise AssertionError(f"no sentence holds {words!r}")


def lies_in(finding: Finding, span: tuple[int, int]) -> bool:
    start = finding.location.start
    return start is not None and span[0] <= start < span[1]


def score(essay: Essay, findings: list[Finding], key_path: Path) -> Score:
    """Each key error is found when a warning or error of one of its kinds lies in its sentence (on
    its marker when it names one; an info saying a thing could not be checked finds nothing); each correct item is a false alarm when a warning or error of
    a kind it lists (any kind without a list) lies in its sentence."""
    key = yaml.safe_load(key_path.read_text(encoding="utf-8"))
    alarms = [f for f in findings if f.severity != "info"]
    result = Score()
    explained: set[int] = set()
    for item in key["errors"]:
        span = sentence_span(essay, item["at"])
        hits = [
            i
            for i, f in enumerate(findings)
            if f.kind in item["kinds"]
            and f.severity != "info"
            and lies_in(f, span)
            and ("marker" not in item or f.location.marker == item["marker"])
        ]
        explained.update(hits)
        (result.found if hits else result.missed).append(item["id"])
    for item in key["correct"]:
        span = sentence_span(essay, item["at"])
        kinds = item.get("not")
        wrong = [f for f in alarms if lies_in(f, span) and (kinds is None or f.kind in kinds)]
        if wrong:
            result.false_alarms.append(
                f"{item['id']}: " + "; ".join(f"{f.kind} {f.message[:80]}" for f in wrong)
            )
    for i, f in enumerate(findings):
        if f.severity != "info" and i not in explained:
            result.unkeyed.append(f"{f.kind} {f.location.marker or ''} {f.message[:90]}")
    return result
