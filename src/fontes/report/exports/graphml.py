"""The correspondence network as GraphML, for Gephi, yEd or networkx.

Nodes carry label, name, kind (actor or correspondent), polity and role; directed edges
run from author to recipient with weight = number of documents and `documents` = their
ids separated by spaces. Node ids are XML NMTOKENs (`name-secretary-of-state`), as GraphML's
schema asks, and the full name is in `label`.
"""

from __future__ import annotations

import re
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


_NOT_NMTOKEN = re.compile(r"[^\w.\-]+")


def nmtoken(key: str) -> str:
    """A network key as an NMTOKEN: runs of anything but letters, digits, `.`, `_`, `-` become `-`."""
    return _NOT_NMTOKEN.sub("-", key).strip("-") or "node"


def node_ids(keys) -> dict[str, str]:
    """Each key's NMTOKEN id, numbered (`-2`, `-3`) where two keys would give the same one."""
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for key in keys:
        made, n = nmtoken(key), 2
        while made in taken:
            made, n = f"{nmtoken(key)}-{n}", n + 1
        taken.add(made)
        ids[key] = made
    return ids


def _data(parent: ET.Element, key: str, value: object) -> None:
    ET.SubElement(parent, "data", key=key).text = xml_text(value)


def graphml(case: Case) -> str:
    """The GraphML document as text (UTF-8 declared)."""
    network = communication_network(case, every_actor=True)
    root = ET.Element("graphml", xmlns=GRAPHML_NS)
    for key_id, domain, name, kind in KEYS:
        ET.SubElement(root, "key", {"id": key_id, "for": domain, "attr.name": name, "attr.type": kind})
    graph = ET.SubElement(root, "graph", id=xml_text(case.id), edgedefault="directed")
    ids = node_ids(network.correspondents)
    for node in network.correspondents.values():
        element = ET.SubElement(graph, "node", id=ids[node.key])
        for key, value in (
            ("label", node.name),
            ("name", node.name),
            ("kind", "actor" if node.is_actor else "correspondent"),
            ("polity", "" if node.polity == NOT_AN_ACTOR else node.polity),
            ("role", node.role),
        ):
            _data(element, key, value)
    for number, channel in enumerate(network.channels):
        element = ET.SubElement(
            graph, "edge", id=f"e{number}", source=ids[channel.sender], target=ids[channel.recipient]
        )
        _data(element, "weight", len(channel.documents))
        _data(element, "documents", " ".join(channel.documents))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
