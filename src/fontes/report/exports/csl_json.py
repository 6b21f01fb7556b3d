"""The sources as CSL-JSON items, for Zotero, Pandoc and every CSL processor.

Types: CSL has no `letter` or `telegram`; Zotero reads `personal_communication` as its
Letter type, so letters and telegrams become that, speeches `speech`, reports and
estimates `report`, articles `article`, and everything else `document`; the case's own
word is kept in `genre`. Names are `{"literal": ...}` (actor ids shown as the actor's
name): splitting "Kim Il Sung" into family and given names by rule would get it wrong.
Dates keep the case's precision in `date-parts` (an interval gives two); an uncertain or
approximate date adds `"circa": true`, and the EDTF text itself is kept in `note`.
"""

from __future__ import annotations

import json
from typing import Any

from fontes.case.actors import display_name
from fontes.model import Case, Source
from fontes.report.exports.date_parts import date_parts

CSL_TYPES = {
    "letter": "personal_communication",
    "telegram": "personal_communication",
    "speech": "speech",
    "report": "report",
    "estimate": "report",
    "article": "article",
}
DEFAULT_TYPE = "document"


def issued(text: str | None) -> dict[str, Any] | None:
    """The CSL date of an EDTF date, or None when the source is undated or its date invalid."""
    parts = date_parts(text)
    if parts is None:
        return None
    date: dict[str, Any] = {"date-parts": [parts.start] + ([parts.end] if parts.end else [])}
    if parts.uncertain or parts.approximate:
        date["circa"] = True
    return date


def _names(case: Case, names: list[str]) -> list[dict[str, str]]:
    return [{"literal": display_name(case, n)} for n in names if n.strip()]


def csl_item(case: Case, source: Source) -> dict[str, Any]:
    """One source as a CSL-JSON item; empty fields are left out."""
    notes = [source.note, source.language_note]
    if source.date:
        notes.append(f"Date (EDTF): {source.date}")
    item: dict[str, Any] = {
        "id": source.id,
        "type": CSL_TYPES.get(source.doc_type.strip().lower(), DEFAULT_TYPE),
        "title": source.title,
        "genre": source.doc_type,
        "author": _names(case, source.authors),
        "recipient": _names(case, source.recipients),
        "issued": issued(source.date),
        "archive": source.archive,
        "archive_location": source.archive_ref,
        "URL": source.url,
        "note": "\n".join(n for n in notes if n),
    }
    return {k: v for k, v in item.items() if v}


def csl_json(case: Case) -> str:
    """A JSON array of CSL items, one per source, in case order."""
    return json.dumps([csl_item(case, s) for s in case.sources], ensure_ascii=False, indent=2) + "\n"
