"""The case as an argument graph in AIF JSON (AIFdb style), for OVA and other argument tools.

I-nodes hold the hypotheses and the evidence (its quotation). Each item supports a
hypothesis through an RA-node ("Default Inference") or attacks it through a CA-node
("Default Conflict") according to its likelihood ratio for that hypothesis against the
rest: LR = L'(e | h) / Σ_k≠h p_k L'(e | k) / Σ_k≠h p_k, with the verdict's effective
likelihoods L' and priors p. |10·log10 LR| below MIN_DECIBANS draws no edge. The ratio of
each RA/CA node is listed under the top-level `fontes` key, which AIF tools ignore.

As ACH tools read AIF (arg-tech's ACH-ArgNav): each hypothesis is an I-node that a YA node
"Hypothesising" points to from an L-node (the analyst putting it forward), and rival
hypotheses of one question attack each other through CA nodes. Every node has a timestamp
(SOURCE_DATE_EPOCH when set, so a build can be reproduced; else the time of export). An item
whose ratios all fall within MIN_DECIBANS bears on nothing and gets no node: it is listed
under `fontes.left_out` instead, so no evidence node is isolated.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
from itertools import count, permutations
from typing import Any

from fontes.model import Case
from fontes.reason.verdict import EvidenceWeight, QuestionVerdict, Verdict

SCHEMA = "fontes.aif/1"
MIN_DECIBANS = 1.0
SUPPORT_TEXT = "Default Inference"
CONFLICT_TEXT = "Default Conflict"
HYPOTHESISING = "Hypothesising"
RIVAL_TEXT = "Default Conflict"


def export_timestamp() -> str:
    """AIFdb's "YYYY-MM-DD HH:MM:SS" (UTC): SOURCE_DATE_EPOCH when set, else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    when = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch.isdigit() else dt.datetime.now(dt.UTC)
    return when.strftime("%Y-%m-%d %H:%M:%S")


def likelihood_ratio(weight: EvidenceWeight, question: QuestionVerdict, hypothesis_id: str) -> float:
    """L'(e | h) over the prior-weighted mean of L'(e | k) for the other hypotheses k."""
    others = [h for h in question.hypotheses if h.id != hypothesis_id]
    if not others:
        return 1.0
    prior = sum(h.prior for h in others)
    rest = sum(h.prior * weight.likelihoods[h.id] for h in others) / prior
    return weight.likelihoods[hypothesis_id] / rest


class _Graph:
    def __init__(self, timestamp: str) -> None:
        self.nodes: list[dict[str, str]] = []
        self.edges: list[dict[str, Any]] = []
        self.timestamp = timestamp
        self._ids = count(1)

    def node(self, text: str, kind: str) -> str:
        node_id = str(next(self._ids))
        self.nodes.append({"nodeID": node_id, "text": text, "type": kind, "timestamp": self.timestamp})
        return node_id

    def hypothesis(self, text: str, question: str) -> str:
        """An I-node put forward as a hypothesis: L-node -> YA "Hypothesising" -> I-node."""
        i_node = self.node(text, "I")
        locution = self.node(f"Analyst: {text} (a hypothesis on: {question})", "L")
        ya = self.node(HYPOTHESISING, "YA")
        self.edge(locution, ya)
        self.edge(ya, i_node)
        return i_node

    def edge(self, source: str, target: str) -> None:
        self.edges.append(
            {"edgeID": str(len(self.edges) + 1), "fromID": source, "toID": target, "formEdgeID": None}
        )


def aif_data(case: Case, verdict: Verdict) -> dict[str, Any]:
    """`{"nodes", "edges", "locutions", "fontes"}` as AIFdb's JSON has them."""
    graph = _Graph(export_timestamp())
    hypothesis_nodes = {
        (q.id, h.id): graph.hypothesis(h.text, q.text) for q in case.questions for h in q.hypotheses
    }
    for question in case.questions:
        for h, k in permutations(question.hypotheses, 2):
            rival = graph.node(RIVAL_TEXT, "CA")
            graph.edge(hypothesis_nodes[(question.id, h.id)], rival)
            graph.edge(rival, hypothesis_nodes[(question.id, k.id)])
    quotes = {item.id: item.quote for item in case.evidence}
    evidence_nodes: dict[str, str] = {}
    weights: list[dict[str, Any]] = []
    for question_verdict in verdict.questions:
        for weight in question_verdict.evidence:
            for hypothesis in question_verdict.hypotheses:
                ratio = likelihood_ratio(weight, question_verdict, hypothesis.id)
                decibans = 10 * math.log10(ratio)
                if abs(decibans) < MIN_DECIBANS:
                    continue
                support = decibans > 0
                if weight.id not in evidence_nodes:
                    evidence_nodes[weight.id] = graph.node(quotes.get(weight.id, weight.id), "I")
                scheme = graph.node(SUPPORT_TEXT if support else CONFLICT_TEXT, "RA" if support else "CA")
                graph.edge(evidence_nodes[weight.id], scheme)
                graph.edge(scheme, hypothesis_nodes[(question_verdict.id, hypothesis.id)])
                weights.append(
                    {
                        "nodeID": scheme,
                        "evidence": weight.id,
                        "question": question_verdict.id,
                        "hypothesis": hypothesis.id,
                        "likelihood_ratio": round(ratio, 6),
                        "decibans": round(decibans, 4),
                    }
                )
    return {
        "nodes": graph.nodes,
        "edges": graph.edges,
        "locutions": [],
        "fontes": {
            "schema": SCHEMA,
            "case": case.id,
            "school": verdict.school,
            "hypotheses": {node: f"{q}/{h}" for (q, h), node in hypothesis_nodes.items()},
            "evidence": {node: item for item, node in evidence_nodes.items()},
            "inferences": weights,
            "left_out": sorted({w.id for q in verdict.questions for w in q.evidence} - set(evidence_nodes)),
            "left_out_note": f"items whose likelihood ratios are all within {MIN_DECIBANS} deciban of even "
            "bear on no hypothesis and have no node",
        },
    }


def aif_json(case: Case, verdict: Verdict) -> str:
    return json.dumps(aif_data(case, verdict), ensure_ascii=False, indent=2) + "\n"
