"""An ACH matrix as a PARC-style `.achz` file, the one the Open Source ACH importer reads.

One file holds one matrix, so one question: gzip of a single UTF-16 XML document (with a
byte-order mark) in PARC ACH's upper-case elements. See `fontes.case.achz_format` for the
layout and for the extension attributes that keep fontes' ids (the importer ignores them).
"""

from __future__ import annotations

import codecs
import gzip
import xml.etree.ElementTree as ET

from fontes.case.achz_format import PARC_ROOT, PARC_VALUE, credibility_level, epoch_ms
from fontes.errors import FontesError
from fontes.model import Case, Question
from fontes.reason.verdict import QuestionVerdict, Verdict
from fontes.report.exports.xml_text import xml_text


class AchzQuestionError(FontesError):
    """An .achz asked of a case with several questions and none chosen (a file holds one matrix)."""


def _child(parent: ET.Element, tag: str, text: object, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attributes.items()})
    element.text = xml_text(text)
    return element


def matrix_document(case: Case, question: Question, verdict: QuestionVerdict) -> ET.Element:
    """The PARC XML tree of one question's matrix."""
    root = ET.Element(PARC_ROOT, question=xml_text(question.id))
    _child(root, "PROJECT-TITLE", question.text)
    _child(root, "CLASSIFICATION", "U")
    matrix = ET.SubElement(root, "MATRIX")
    for h in question.hypotheses:
        element = ET.SubElement(matrix, "HYPOTHESIS", id=xml_text(h.id))
        _child(element, "NAME", h.text)
        if h.note:
            _child(element, "NOTES", h.note)
    items = {item.id: item for item in case.evidence}
    sources = {s.id: s for s in case.sources}
    for weight in verdict.evidence:
        item = items[weight.id]
        source = sources.get(item.source)
        credibility = case.credibility_of(item)
        element = ET.SubElement(matrix, "EVIDENCE", id=xml_text(item.id), credibility=repr(credibility))
        _child(element, "NAME", item.quote)
        _child(element, "NOTES", item.note)
        _child(element, "LINK", source.url if source else "")
        _child(element, "TYPE", source.doc_type if source else "")
        _child(
            element,
            "DATE",
            epoch_ms(source.date if source else None),
            edtf=(source.date or "") if source else "",
        )
        _child(element, "CODE", item.id)
        _child(element, "FLAG", 0)
        _child(element, "SOURCE", source.title if source else item.source, id=item.source)
        _child(element, "VALUES", ",".join(PARC_VALUE[weight.ach[h.id]] for h in question.hypotheses))
        _child(element, "CREDIBILITY", credibility_level(credibility).upper())
    ET.indent(root)
    return root


def matrix_bytes(case: Case, question: Question, verdict: QuestionVerdict) -> bytes:
    """One matrix as the importer wants it: UTF-16LE with a BOM, gzipped with a fixed time (same bytes each run)."""
    text = (
        '<?xml version="1.0" encoding="UTF-16"?>\n'
        + ET.tostring(matrix_document(case, question, verdict), encoding="unicode")
        + "\n"
    )
    return gzip.compress(codecs.BOM_UTF16_LE + text.encode("utf-16-le"), mtime=0)


def achz_files(case: Case, verdict: Verdict) -> dict[str, bytes]:
    """Every question's .achz file, by question id, in case order."""
    weighed = {q.id: q for q in verdict.questions}
    return {q.id: matrix_bytes(case, q, weighed[q.id]) for q in case.questions}


def achz_bytes(case: Case, verdict: Verdict, question: str | None = None) -> bytes:
    """The .achz file of `question`, or of the case's only question."""
    ids = [q.id for q in case.questions]
    if question is None and len(ids) == 1:
        question = ids[0]
    if question not in ids:
        raise AchzQuestionError(
            "an .achz file holds one matrix"
            + (
                f"; the case has no question {question!r}"
                if question
                else f" and the case has {len(ids)} questions"
            ),
            field="--question",
            hint=f"give --question with one of: {', '.join(ids)} (or -o DIR for a file each)",
        )
    return achz_files(case, verdict)[question]
