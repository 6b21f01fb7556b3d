"""The reasoning room: Bayesian weighing, uncertainty, sensitivity, schools and ACH over a `Case`.

Pure functions, no I/O; `weigh` gives a `Verdict` that every view renders.
"""

from fontes.reason.verdict import EvidenceWeight, HypothesisVerdict, QuestionVerdict, Verdict
from fontes.reason.weigh import posterior_under, weigh

__all__ = [
    "EvidenceWeight",
    "HypothesisVerdict",
    "QuestionVerdict",
    "Verdict",
    "posterior_under",
    "weigh",
]
