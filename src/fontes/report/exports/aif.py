"""The case as an argument graph in AIF JSON (AIFdb style), for OVA and other argument tools.

I-nodes hold the hypotheses and the evidence (its quotation). Each item supports a
hypothesis through an RA-node ("Default Inference") or attacks it through a CA-node
("Default Conflict") according to its likelihood ratio for that hypothesis against the
rest: LR = L'(e | h) / Σ_k≠h p_k L'(e | k) / Σ_k≠h p_k, with the verdict's effective
likelihoods L' and priors p. |10·log10 LR| below MIN_DECIBANS draws no edge. The ratio of
each RA/CA node is listed under the top-level `fontes` key, which AIF tools ignore.
"""

from __future__ import annotations

import json
import math
from itertools import count
from typing import Any

from fontes.model import Case
from fontes.reason.verdict import EvidenceWeight, QuestionVerdict, Verdict

SCHEMA = "fontes.aif/1"
MIN_DECIBANS = 1.0
SUPPORT_TEXT = "Default Inference"
CONFLICT_TEXT = "Default Conflict"


def likelihood_ratio(weight: EvidenceWeight, question: QuestionVerdict, hypothesis_id: str) -> float:
    """L'(e | h) over the prior-weighted mean of L'(e | k) for the other hypotheses k."""
    others = [h for h in question.hypotheses if h.id != hypothesis_id]
    if not others:
        return 1.0
    prior = sum(h.prior for h in others)
    rest = sum(h.prior * weight.likelihoods[h.id] for h in others) / prior
    return weight.likelihoods[hypothesis_id] / rest


class _Graph:
    def __init__(self) -> None:
        self.nodes: list[dict[str, str]] = []
        self.edges: list[dict[str, Any]] = []
        self._ids = count(1)

    def node(self, text: str, kind: str) -> str:
        node_id = str(next(self._ids))
        self.nodes.append({"nodeID": node_id, "text": text, "type": kind})
        return node_id

    def edge(self, source: str, target: str) -> None:
        self.edges.append({"edgeID": str(len(self.edges) + 1), "fromID": source, "toID": target,
                           "formEdgeID": None})


def aif_data(case: Case, verdict: Verdict) -> dict[str, Any]:
    """`{"nodes", "edges", "locutions", "fontes"}` as AIFdb's JSON has them."""
    graph = _Graph()
    hypothesis_nodes = {(q.id, h.id): graph.node(h.text, "I") for q in case.questions for h in q.hypotheses}
    quotes = {item.id: item.quote for item in case.evidence}
    evidence_nodes: dict[str, str] = {}
    weights: list[dict[str, Any]] = []
    for question in verdict.questions:
        for weight in question.evidence:
            if weight.id not in evidence_nodes:
                evidence_nodes[weight.id] = graph.node(quotes.get(weight.id, weight.id), "I")
            for hypothesis in question.hypotheses:
                ratio = likelihood_ratio(weight, question, hypothesis.id)
                decibans = 10 * math.log10(ratio)
                if abs(decibans) < MIN_DECIBANS:
                    continue
                support = decibans > 0
                scheme = graph.node(SUPPORT_TEXT if support else CONFLICT_TEXT, "RA" if support else "CA")
                graph.edge(evidence_nodes[weight.id], scheme)
                graph.edge(scheme, hypothesis_nodes[(question.id, hypothesis.id)])
                weights.append({"nodeID": scheme, "evidence": weight.id, "question": question.id,
                                "hypothesis": hypothesis.id, "likelihood_ratio": round(ratio, 6),
                                "decibans": round(decibans, 4)})
    return {
        "nodes": graph.nodes,
        "edges": graph.edges,
        "locutions": [],
        "fontes": {"schema": SCHEMA, "case": case.id, "school": verdict.school,
                   "hypotheses": {node: f"{q}/{h}" for (q, h), node in hypothesis_nodes.items()},
                   "evidence": {node: item for item, node in evidence_nodes.items()},
                   "inferences": weights},
    }


def aif_json(case: Case, verdict: Verdict) -> str:
    return json.dumps(aif_data(case, verdict), ensure_ascii=False, indent=2) + "\n"
