"""The ACH matrices as an `.achz` file: a zip with one XML matrix per question.

The layout is fontes' reconstruction of PARC ACH 2.0's file, not a verified copy of it:
see `fontes.case.achz_format` for the schema and what could not be established.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile

from fontes.case.achz_format import FORMAT, MEMBER_NAME, ROOT, credibility_level
from fontes.model import Case, Question
from fontes.reason.ach import INCONSISTENCY
from fontes.reason.verdict import QuestionVerdict, Verdict
from fontes.report.exports.xml_text import xml_text

#: A fixed time for every member, so the same case always gives the same bytes.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _child(parent: ET.Element, tag: str, text: object, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attributes.items()})
    element.text = xml_text(text)
    return element


def matrix_xml(case: Case, question: Question, verdict: QuestionVerdict) -> bytes:
    """One question's matrix as UTF-8 XML."""
    root = ET.Element(ROOT, format=FORMAT, question=xml_text(question.id))
    _child(root, "Title", question.text)
    hypotheses = ET.SubElement(root, "Hypotheses")
    for h in question.hypotheses:
        element = ET.SubElement(hypotheses, "Hypothesis", id=xml_text(h.id))
        _child(element, "Text", h.text)
        if h.note:
            _child(element, "Note", h.note)
    items = {item.id: item for item in case.evidence}
    sources = {s.id: s for s in case.sources}
    listing = ET.SubElement(root, "EvidenceList")
    for weight in verdict.evidence:
        item = items[weight.id]
        source = sources.get(item.source)
        credibility = case.credibility_of(item)
        element = ET.SubElement(listing, "Evidence", id=xml_text(item.id), credibility=repr(credibility))
        _child(element, "Description", item.quote)
        _child(element, "Source", source.title if source else item.source, id=item.source)
        if source and source.date:
            _child(element, "Date", source.date)
        if source and source.doc_type:
            _child(element, "Type", source.doc_type)
        _child(element, "Credibility", credibility_level(credibility))
        _child(element, "Relevance", "High")
        if item.note:
            _child(element, "Note", item.note)
        ratings = ET.SubElement(element, "Ratings")
        for h in question.hypotheses:
            _child(ratings, "Rating", weight.ach[h.id], hypothesis=h.id)
    scores = ET.SubElement(root, "Scores")
    counted = [w for w in verdict.evidence if w.counted]
    for h in verdict.hypotheses:
        plain = sum(INCONSISTENCY[w.ach[h.id]] for w in counted)
        ET.SubElement(scores, "Score", hypothesis=xml_text(h.id), inconsistency=repr(plain),
                      weightedInconsistency=repr(round(h.ach_inconsistency, 6)))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def achz_bytes(case: Case, verdict: Verdict) -> bytes:
    """The .achz archive: matrix-1.xml, matrix-2.xml, ... one per question in case order."""
    weighed = {q.id: q for q in verdict.questions}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for number, question in enumerate(case.questions, start=1):
            member = zipfile.ZipInfo(MEMBER_NAME.format(number=number), date_time=ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(member, matrix_xml(case, question, weighed[question.id]))
    return buffer.getvalue()
