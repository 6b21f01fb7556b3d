"""Who wrote to whom: the correspondence network of a case's sources.

An author or recipient that names a case actor (by id, name or alias: Filippov is Stalin)
becomes that actor; any other name is a correspondent of its own, its spellings merged
when they differ only in case.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fontes.case.actors import find_actor
from fontes.model import Case


@dataclass
class Correspondent:
    id: str
    name: str
    kind: str  # "actor" or "correspondent"
    polity: str = ""
    role: str = ""


@dataclass
class Letters:
    """Every document one correspondent sent another."""

    sender: str
    recipient: str
    documents: list[str] = field(default_factory=list)

    @property
    def weight(self) -> int:
        return len(self.documents)


@dataclass
class Network:
    nodes: dict[str, Correspondent]
    edges: dict[tuple[str, str], Letters]


def correspondent(case: Case, name: str, others: dict[str, Correspondent]) -> Correspondent:
    """The node for an author or recipient as a source names them."""
    actor = find_actor(case, name)
    if actor is not None:
        return Correspondent(actor.id, actor.name, "actor", actor.polity, actor.role)
    key = name.strip().casefold()
    if key not in others:
        others[key] = Correspondent(f"name:{key}", name.strip(), "correspondent")
    return others[key]


def correspondence_network(case: Case) -> Network:
    """Every actor, every other named correspondent, and who wrote to whom in which documents."""
    nodes = {a.id: Correspondent(a.id, a.name, "actor", a.polity, a.role) for a in case.actors}
    others: dict[str, Correspondent] = {}
    edges: dict[tuple[str, str], Letters] = {}
    for source in case.sources:
        senders = [correspondent(case, n, others) for n in source.authors if n.strip()]
        recipients = [correspondent(case, n, others) for n in source.recipients if n.strip()]
        for node in senders + recipients:
            nodes.setdefault(node.id, node)
        for sender in senders:
            for recipient in recipients:
                if sender.id == recipient.id:
                    continue
                letters = edges.setdefault((sender.id, recipient.id), Letters(sender.id, recipient.id))
                if source.id not in letters.documents:
                    letters.documents.append(source.id)
    return Network(nodes=nodes, edges=edges)
