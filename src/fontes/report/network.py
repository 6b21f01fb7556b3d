"""Who wrote to whom: the correspondence network of the case's sources, laid out in a circle.

Authors and recipients are merged through the case's actors (Filippov is Stalin); a name that
is no actor stays a node of its own. The layout is a circle grouped by polity: deterministic,
no randomness, and the same case always gives the same picture.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from fontes.case.actors import find_actor
from fontes.model import Case
from fontes.report.svg import GREY, INK, OKABE_ITO, document, esc, shorten, tag, text, title

#: The group of names that are not among the case's actors.
NOT_AN_ACTOR = "not a case actor"


@dataclass(frozen=True)
class Correspondent:
    """A node: an actor (by id) or a name as the sources give it."""

    key: str
    name: str
    polity: str
    is_actor: bool
    role: str = ""


@dataclass(frozen=True)
class Channel:
    """An edge: the documents that `sender` wrote to `recipient`."""

    sender: str
    recipient: str
    documents: tuple[str, ...]


@dataclass(frozen=True)
class Network:
    correspondents: dict[str, Correspondent]
    channels: list[Channel]

    def documents_of(self, key: str) -> tuple[int, int]:
        """How many documents a correspondent wrote and received."""
        sent = sum(len(c.documents) for c in self.channels if c.sender == key)
        received = sum(len(c.documents) for c in self.channels if c.recipient == key)
        return sent, received


def correspondent(case: Case, name: str, on: str | None = None) -> Correspondent:
    """The actor behind a name (id, name, alias, or an office held on the date `on`), else the name itself."""
    actor = find_actor(case, name, on)
    if actor is not None:
        return Correspondent(
            key=actor.id,
            name=actor.name,
            polity=actor.polity or NOT_AN_ACTOR,
            is_actor=True,
            role=actor.role or "",
        )
    shown = " ".join(name.split())
    return Correspondent(key=f"name:{shown.casefold()}", name=shown, polity=NOT_AN_ACTOR, is_actor=False)


def communication_network(case: Case, *, every_actor: bool = False) -> Network:
    """Every author and recipient of the case's sources, and one channel per (author, recipient) pair.

    With `every_actor`, the case's actors who neither wrote nor received a document are nodes too.
    """
    people: dict[str, Correspondent] = {}
    if every_actor:
        people = {a.id: correspondent(case, a.id) for a in case.actors}
    documents: dict[tuple[str, str], list[str]] = defaultdict(list)
    for source in case.sources:
        authors = [correspondent(case, n, source.date) for n in source.authors if n.strip()]
        recipients = [correspondent(case, n, source.date) for n in source.recipients if n.strip()]
        for person in authors + recipients:
            people.setdefault(person.key, person)
        for a in authors:
            for r in recipients:
                if a.key != r.key and source.id not in documents[(a.key, r.key)]:
                    documents[(a.key, r.key)].append(source.id)
    channels = [Channel(s, r, tuple(docs)) for (s, r), docs in documents.items()]
    channels.sort(key=lambda c: (-len(c.documents), c.sender, c.recipient))
    return Network(correspondents=people, channels=channels)


def polity_order(network: Network) -> list[str]:
    """Polities with the most correspondents first; names that are not actors last."""
    counts = Counter(c.polity for c in network.correspondents.values())
    return sorted(counts, key=lambda p: (p == NOT_AN_ACTOR, -counts[p], p))


def circular_layout(network: Network, gap: float = 2.0) -> dict[str, float]:
    """Each correspondent's angle (radians, 0 at the top, clockwise), grouped by polity.

    Within a group the busiest come first; `gap` empty slots separate two groups.
    """
    groups = polity_order(network)
    busy = {k: sum(network.documents_of(k)) for k in network.correspondents}
    ordered: list[tuple[str, str]] = []
    for polity in groups:
        members = [c for c in network.correspondents.values() if c.polity == polity]
        members.sort(key=lambda c: (-busy[c.key], c.name.casefold()))
        ordered += [(polity, c.key) for c in members]
    slots = len(ordered) + gap * len(groups)
    angles, position, previous = {}, 0.0, None
    for polity, key in ordered:
        if previous is not None and polity != previous:
            position += gap
        angles[key] = 2 * math.pi * position / max(slots, 1)
        position += 1
        previous = polity
    return angles


def _point(cx: float, cy: float, r: float, angle: float) -> tuple[float, float]:
    return cx + r * math.sin(angle), cy - r * math.cos(angle)


def _arc(cx: float, cy: float, r: float, lo: float, hi: float, clockwise: bool = True) -> str:
    """An SVG path along the circle from angle `lo` to `hi` (or back, when not clockwise)."""
    start, end = (lo, hi) if clockwise else (hi, lo)
    (xa, ya), (xb, yb) = _point(cx, cy, r, start), _point(cx, cy, r, end)
    large = 1 if hi - lo > math.pi else 0
    return f"M{xa:.1f},{ya:.1f} A{r:.0f},{r:.0f} 0 {large} {1 if clockwise else 0} {xb:.1f},{yb:.1f}"


def polity_colours(network: Network) -> dict[str, str]:
    """A colour per polity in the Okabe–Ito order; grey for names that are not actors."""
    colours, palette = {}, iter(OKABE_ITO * 3)
    for polity in polity_order(network):
        colours[polity] = GREY if polity == NOT_AN_ACTOR else next(palette)
    return colours


#: The drawn width of the network on a desktop, and of its phone version.
WIDE, NARROW = 840.0, 360.0


def short_name(name: str, limit: int = 12) -> str:
    """A name that fits a phone's chart: as it is when short, else with initials for all but its last
    word ("J. Stalin"), else cut; a name with a lower-case word ("Chiefs of Staff") is only cut."""
    if len(name) <= limit:
        return name
    words = name.split()
    if len(words) > 1 and all(w[:1].isupper() for w in words):
        initials = " ".join(w[0] + "." for w in words[:-1]) + " " + words[-1]
        if len(initials) <= limit + 1:
            return initials
    return shorten(name, limit)


def _spread_labels(angles: dict[str, float], totals: dict[str, int], people, gap: float) -> set[str]:
    """The case actors to name on a small circle: the busiest first, each at least `gap` radians
    from every one named before it, so that no two labels overlap."""
    named: list[float] = []
    keep = set()
    for key in sorted(angles, key=lambda k: (-totals[k], k)):
        if not people[key].is_actor:
            continue
        a = angles[key]
        if all(min(abs(a - b), 2 * math.pi - abs(a - b)) >= gap for b in named):
            named.append(a)
            keep.add(key)
    return keep


def network_chart(case: Case, width: float = WIDE) -> str:
    """The correspondence network: nodes on a circle by polity, edge width by number of documents.

    Narrower than 600 (a phone's version) the circle is smaller, only the busiest case actors that
    fit apart are named and the polities are named in the legend only; every text keeps its size.
    """
    network = communication_network(case)
    if not network.correspondents:
        return document(
            "network",
            600,
            40,
            "Correspondence network",
            text(0, 24, "No source names an author and a recipient."),
        )
    angles = circular_layout(network)
    colours = polity_colours(network)
    narrow = width < 600
    radius, label_room = (width / 2 - 100, 100.0) if narrow else (250.0, 170.0)
    cx = cy = radius + label_room
    size = 2 * cx
    busiest = max((len(c.documents) for c in network.channels), default=1)
    totals = {k: sum(network.documents_of(k)) for k in network.correspondents}
    node_r = {k: 3 + 1.4 * math.sqrt(totals[k]) for k in network.correspondents}
    people = network.correspondents

    arcs = []
    for n, polity in enumerate([] if narrow else polity_order(network)):
        members = [a for k, a in angles.items() if people[k].polity == polity]
        lo, hi = min(members) - 0.02, max(members) + 0.02
        r = radius - 22
        arcs.append(
            tag(
                "path",
                d=_arc(cx, cy, r, lo, hi),
                fill="none",
                stroke=colours[polity],
                stroke_width=4,
                stroke_opacity=0.6,
            )
        )
        # the label runs on its own invisible arc, long enough for the words, upright in the lower half
        words = shorten(polity, 26)
        middle = (lo + hi) / 2
        half = max((hi - lo) / 2, (3.6 * len(words) + 8) / r)
        upright = not (math.pi / 2 < middle < 3 * math.pi / 2)
        path_id = f"polity-label-{n}"
        arcs.append(
            tag(
                "path",
                id=path_id,
                d=_arc(cx, cy, r, middle - half, middle + half, clockwise=upright),
                fill="none",
            )
        )
        arcs.append(
            f'<text font-size="11" font-weight="bold" dy="{14 if upright else -6}" paint-order="stroke" '
            f'stroke="#fff" stroke-width="3" text-anchor="middle"><textPath href="#{path_id}" '
            f'startOffset="50%">{esc(words)}</textPath></text>'
        )

    arrow_id = "network-arrow-narrow" if narrow else "network-arrow"
    named = _spread_labels(angles, totals, people, 14 / radius) if narrow else set(people)
    edges = []
    for channel in reversed(network.channels):  # the busiest drawn last, on top
        a, b = angles[channel.sender], angles[channel.recipient]
        (x1, y1), (x2, y2) = _point(cx, cy, radius, a), _point(cx, cy, radius, b)
        # pull the curve toward the centre; the two directions of a pair bow apart
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        bow = 0.55 if channel.sender < channel.recipient else 0.42
        qx, qy = mx + (cx - mx) * bow, my + (cy - my) * bow
        # stop the line at the recipient's circle so the arrowhead shows
        dx, dy = x2 - qx, y2 - qy
        dist = math.hypot(dx, dy) or 1
        ex, ey = (
            x2 - dx / dist * (node_r[channel.recipient] + 1),
            y2 - dy / dist * (node_r[channel.recipient] + 1),
        )
        count = len(channel.documents)
        line = 0.8 + 5.2 * (count - 1) / max(busiest - 1, 1)
        tip = (
            f"{people[channel.sender].name} → {people[channel.recipient].name}: {count} document"
            f"{'s' if count != 1 else ''} ({', '.join(channel.documents)})"
        )
        edges.append(
            tag(
                "path",
                title(tip),
                d=f"M{x1:.1f},{y1:.1f} Q{qx:.1f},{qy:.1f} {ex:.1f},{ey:.1f}",
                fill="none",
                stroke=colours[people[channel.sender].polity],
                stroke_opacity=0.55,
                stroke_width=line,
                marker_end=f"url(#{arrow_id})",
            )
        )

    nodes = []
    for key, angle in angles.items():
        person = people[key]
        x, y = _point(cx, cy, radius, angle)
        sent, received = network.documents_of(key)
        tip = (
            f"{person.name} ({person.polity}{'' if person.is_actor else ', as the sources name them'}): "
            f"wrote {sent}, received {received}"
        )
        shape = (
            tag(
                "circle",
                title(tip),
                cx=x,
                cy=y,
                r=node_r[key],
                fill=colours[person.polity],
                stroke=INK,
                stroke_width=0.8,
            )
            if person.is_actor
            else tag(
                "rect",
                title(tip),
                x=x - node_r[key],
                y=y - node_r[key],
                width=2 * node_r[key],
                height=2 * node_r[key],
                fill="#ffffff",
                stroke=colours[person.polity],
                stroke_width=1.5,
            )
        )
        degrees = math.degrees(angle) - 90
        flip = math.pi < angle < 2 * math.pi
        lx, ly = _point(cx, cy, radius + node_r[key] + 5, angle)
        rotate = degrees + 180 if flip else degrees
        label = tag(
            "text",
            esc(short_name(person.name) if narrow else shorten(person.name, 28)) + title(tip),
            x=lx,
            y=ly,
            dy="0.35em",
            transform=f"rotate({rotate:.1f} {lx:.1f} {ly:.1f})",
            text_anchor="end" if flip else "start",
            font_size=10.5,
            font_weight="bold" if person.is_actor and totals[key] >= 5 else None,
        )
        nodes.append(shape + label if key in named else shape)

    legend_y = size + 10
    legend: list[str] = []
    x = 0.0
    for polity, colour in colours.items():
        count = sum(1 for p in people.values() if p.polity == polity)
        words = f"{polity} ({count})"
        if x + 20 + 6.3 * len(words) > size:
            x, legend_y = 0.0, legend_y + 18
        symbol = (
            tag("circle", cx=x + 6, cy=legend_y - 4, r=5, fill=colour, stroke=INK, stroke_width=0.8)
            if polity != NOT_AN_ACTOR
            else tag(
                "rect",
                x=x + 1,
                y=legend_y - 9,
                width=10,
                height=10,
                fill="#fff",
                stroke=colour,
                stroke_width=1.5,
            )
        )
        legend += [symbol, text(x + 16, legend_y, words, font_size=11)]
        x += 30 + 6.3 * len(words)
    key_words = [
        "circle: a case actor (aliases merged)",
        "square: a name that is not an actor",
        "line width: documents sent",
        "arrow: towards the recipient",
    ]
    for words in key_words if narrow else [" · ".join(key_words)]:  # a phone's: one a line
        legend_y += 20 if words == key_words[0] or not narrow else 16
        legend.append(text(0, legend_y, words, font_size=11, fill="#555"))
    arrow = (
        f'<marker id="{arrow_id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'markerUnits="userSpaceOnUse" orient="auto"><path d="M0,1 L9,5 L0,9 z" fill="#555"/></marker>'
    )
    label = f"Who wrote to whom in the sources of {case.title}"
    description = f"{len(people)} correspondents and {len(network.channels)} channels; busiest: " + "; ".join(
        f"{people[c.sender].name} to {people[c.recipient].name} ({len(c.documents)})"
        for c in network.channels[:5]
    )
    return document(
        "network-narrow" if narrow else "network",
        size,
        legend_y + 10,
        label,
        "".join(arcs + edges + nodes + legend),
        description=description,
        defs=arrow,
    )


def busiest_channels(case: Case, limit: int = 12) -> list[dict]:
    """The channels with the most documents, as rows for a table: sender, recipient, count, documents."""
    network = communication_network(case)
    people = network.correspondents
    return [
        {
            "sender": people[c.sender].name,
            "sender_polity": people[c.sender].polity,
            "recipient": people[c.recipient].name,
            "recipient_polity": people[c.recipient].polity,
            "count": len(c.documents),
            "documents": list(c.documents),
        }
        for c in network.channels[:limit]
    ]
