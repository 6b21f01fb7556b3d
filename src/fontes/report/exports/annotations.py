"""Anchors as W3C Web Annotations (https://www.w3.org/TR/annotation-model/), for annotation tools.

Each annotation targets the document's own URL (its archive page) with a TextQuoteSelector
and a TextPositionSelector (code-point offsets in the stored text); the body is the evidence
note or, lacking one, the fidelity class. fontes' ids ride in the `fontes:` extension
properties, which the model allows beside its own.
"""

from __future__ import annotations

import hashlib
import json
from urllib.parse import quote

from fontes.anchor.result import Anchor
from fontes.model import Case

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
FONTES_NS = "urn:fontes:ns:"


def document_url(store, source_id: str) -> str:
    """The document's archive URL as the corpus gives it, else a `urn:fontes:source:` URN (always a URI)."""
    document = store.get(source_id) if store is not None else None
    url = getattr(getattr(document, "source", None), "url", "") or ""
    return (
        url if url.startswith(("http://", "https://")) else f"urn:fontes:source:{quote(source_id, safe='')}"
    )


def web_annotation(
    anchor: Anchor, source_url: str, *, annotation_id: str, note: str = "", evidence_id: str | None = None
) -> dict | None:
    """The full annotation of an anchored quotation, or None when it was found nowhere (nothing to target)."""
    if anchor.source is None or anchor.selector is None or anchor.start is None or anchor.end is None:
        return None
    body = {
        "type": "TextualBody",
        "value": note or f"fidelity: {anchor.fidelity}",
        "format": "text/plain",
        "purpose": "commenting" if note else "assessing",
    }
    annotation = {
        "@context": [ANNO_CONTEXT, {"fontes": FONTES_NS}],
        "id": annotation_id,
        "type": "Annotation",
        "motivation": "commenting" if note else "assessing",
        "body": body,
        "target": {
            "source": source_url,
            "selector": [
                anchor.selector.model_dump(mode="json"),
                {"type": "TextPositionSelector", "start": anchor.start, "end": anchor.end},
            ],
        },
        "fontes:source": anchor.source,
        "fontes:fidelity": anchor.fidelity,
        "fontes:score": anchor.score,
    }
    if evidence_id is not None:
        annotation["fontes:evidence"] = evidence_id
    return annotation


def annotation_id(kind: str, ident: str) -> str:
    """A URN naming a fontes annotation: `urn:fontes:evidence:korea-...`."""
    return f"urn:fontes:{kind}:{quote(ident, safe='')}"


def case_annotations(case: Case, store) -> tuple[list[dict], list[str]]:
    """An annotation for every evidence item anchored in its own source, and the ids of items left out."""
    from fontes.anchor.case_quotes import check_quotes

    annotations, left_out = [], []
    for check in check_quotes(case, store):
        item, anchor = check.item, check.anchor
        made = (
            None
            if anchor is None
            else web_annotation(
                anchor,
                document_url(store, item.source),
                annotation_id=annotation_id("evidence", item.id),
                note=item.note,
                evidence_id=item.id,
            )
        )
        if made is None:
            left_out.append(item.id)
        else:
            annotations.append(made)
    return annotations, left_out


def annotations_json(case: Case, store) -> str:
    """Every evidence item's annotation as a JSON array (items not found in their source are left out)."""
    annotations, _ = case_annotations(case, store)
    return json.dumps(annotations, ensure_ascii=False, indent=2) + "\n"


def anchor_annotation(anchor: Anchor, store, quotation: str, request_id: str | None = None) -> dict | None:
    """The annotation of one `fontes anchor` result, named by the request id or by the quotation's hash."""
    if anchor.source is None:
        return None
    ident = request_id or hashlib.sha256(f"{anchor.source}\n{quotation}".encode()).hexdigest()[:16]
    return web_annotation(
        anchor, document_url(store, anchor.source), annotation_id=annotation_id("anchor", str(ident))
    )
