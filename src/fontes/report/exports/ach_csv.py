"""The ACH matrix as CSV: one row per evidence item, one rating column per question and hypothesis.

Layout (header row, then the items in case order, then a footer after one empty row):

    id, source, credibility,
    diagnosticity (Q) ..., counted (Q) ...,     one of each per question Q
    Q/H ...                                     one ACH rating (C, N, I, II) per hypothesis H of Q

A cell is empty where the item does not bear on that question. `credibility` is the item's
own, else its source's; `diagnosticity` is max log L' − min log L' (natural logs) over the
question's hypotheses; `counted` is `true` unless another item of the same dependence group
counts instead. The footer rows name themselves in the `id` column and fill only the Q/H
columns: `weighted inconsistency` (Σ credibility × 1 for I, 2 for II over counted items,
PARC ACH 2.0's weighted score), `ACH rank` (1 = least inconsistent) and `posterior`.
Text cells that a spreadsheet would run as a formula (=, +, -, @) are prefixed with `'`.
"""

from __future__ import annotations

import csv
import io

from fontes.model import Case
from fontes.reason.verdict import HypothesisVerdict, Verdict

FOOTER_ROWS = ("weighted inconsistency", "ACH rank", "posterior")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text_cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def _number(value: float) -> str:
    return repr(round(float(value), 6))


def columns(case: Case, verdict: Verdict) -> list[str]:
    """The header row: fixed columns, then diagnosticity and counted per question, then ratings."""
    order = {q.id: q.hypothesis_ids() for q in case.questions}
    return (
        ["id", "source", "credibility"]
        + [f"diagnosticity ({q.id})" for q in verdict.questions]
        + [f"counted ({q.id})" for q in verdict.questions]
        + [f"{q.id}/{h}" for q in verdict.questions for h in order[q.id]]
    )


def ach_csv(case: Case, verdict: Verdict) -> str:
    """The matrix as CSV text (RFC 4180 quoting, `\\r\\n` line ends)."""
    order = {q.id: q.hypothesis_ids() for q in case.questions}
    header = columns(case, verdict)
    weights = {q.id: {e.id: e for e in q.evidence} for q in verdict.questions}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for item in case.evidence:
        row = {
            "id": _text_cell(item.id),
            "source": _text_cell(item.source),
            "credibility": _number(case.credibility_of(item)),
        }
        for q in verdict.questions:
            weight = weights[q.id].get(item.id)
            if weight is None:
                continue
            row[f"diagnosticity ({q.id})"] = _number(weight.diagnosticity)
            row[f"counted ({q.id})"] = "true" if weight.counted else "false"
            for h in order[q.id]:
                row[f"{q.id}/{h}"] = weight.ach.get(h, "")
        writer.writerow([row.get(c, "") for c in header])
    writer.writerow([])
    for label in FOOTER_ROWS:
        row = {"id": label}
        for q in verdict.questions:
            for hypothesis in q.hypotheses:
                row[f"{q.id}/{hypothesis.id}"] = _footer_value(label, hypothesis)
        writer.writerow([row.get(c, "") for c in header])
    return out.getvalue()


def _footer_value(label: str, hypothesis: HypothesisVerdict) -> str:
    if label == "weighted inconsistency":
        return _number(hypothesis.ach_inconsistency)
    if label == "ACH rank":
        return str(hypothesis.ach_rank)
    return _number(hypothesis.posterior)
