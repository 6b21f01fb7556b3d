"""The correspondence network as GraphML, for Gephi, yEd or networkx.

Nodes carry label, name, kind (actor or correspondent), polity and role; directed edges
run from author to recipient with weight = number of documents and `documents` = their
ids separated by spaces.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from fontes.model import Case
from fontes.report.exports.xml_text import xml_text
from fontes.report.network import NOT_AN_ACTOR, communication_network

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"

#: (key id, for, attr.name, attr.type)
KEYS = (
    ("label", "node", "label", "string"),
    ("name", "node", "name", "string"),
    ("kind", "node", "kind", "string"),
    ("polity", "node", "polity", "string"),
    ("role", "node", "role", "string"),
    ("weight", "edge", "weight", "int"),
    ("documents", "edge", "documents", "string"),
)


def _data(parent: ET.Element, key: str, value: object) -> None:
    ET.SubElement(parent, "data", key=key).text = xml_text(value)


def graphml(case: Case) -> str:
    """The GraphML document as text (UTF-8 declared)."""
    network = communication_network(case, every_actor=True)
    root = ET.Element("graphml", xmlns=GRAPHML_NS)
    for key_id, domain, name, kind in KEYS:
        ET.SubElement(root, "key", {"id": key_id, "for": domain, "attr.name": name, "attr.type": kind})
    graph = ET.SubElement(root, "graph", id=xml_text(case.id), edgedefault="directed")
    for node in network.correspondents.values():
        element = ET.SubElement(graph, "node", id=xml_text(node.key))
        for key, value in (("label", node.name), ("name", node.name),
                           ("kind", "actor" if node.is_actor else "correspondent"),
                           ("polity", "" if node.polity == NOT_AN_ACTOR else node.polity), ("role", node.role)):
            _data(element, key, value)
    for number, channel in enumerate(network.channels):
        element = ET.SubElement(graph, "edge", id=f"e{number}", source=xml_text(channel.sender),
                                target=xml_text(channel.recipient))
        _data(element, "weight", len(channel.documents))
        _data(element, "documents", " ".join(channel.documents))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
