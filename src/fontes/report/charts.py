"""The charts of one question, as inline SVG strings: posteriors, schools, weights of evidence.

Pure functions of the verdict; every label is text (no information only in colour) and every
mark has a <title>. The case-wide charts live in `timeline.py` and `network.py`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from fontes.report.glossary import count
from fontes.report.svg import (
    BLUE,
    INK,
    SKY,
    VERMILLION,
    document,
    hatch_pattern,
    shorten,
    tag,
    text,
    title,
)


def pct(x: float, digits: int = 1) -> str:
    """A share as a percentage: 0.8432 → '84.3%'."""
    return f"{100 * x:.{digits}f}%"


def nice_step(span: float, ticks: int = 5) -> float:
    """A round tick step (1, 2 or 5 times a power of ten) giving about `ticks` ticks over `span`."""
    if span <= 0:
        return 1.0
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def _percent_axis(x0: float, x1: float, top: float, bottom: float) -> str:
    parts = []
    for share in (0, 0.25, 0.5, 0.75, 1.0):
        x = x0 + share * (x1 - x0)
        parts.append(tag("line", x1=x, x2=x, y1=top, y2=bottom, stroke="#d9d9d9"))
        parts.append(text(x, bottom + 14, f"{int(share * 100)}%", text_anchor="middle", font_size=11))
    return "".join(parts)


def _posterior_marks(
    h, lo: float, hi: float, x0: float, scale: float, mid: float, tip: str, leader: bool, *, sizes: tuple
) -> str:
    """A hypothesis's bar (its posterior), its 90% interval's whisker and its prior's dashed line;
    `sizes`: the bar's height, the whisker's cap and the prior line's reach either side of `mid`."""
    height, cap, reach = sizes
    bar = tag(
        "rect",
        title(tip),
        x=x0,
        y=mid - height / 2,
        width=max(scale * h.posterior, 0.5),
        height=height,
        fill=BLUE if leader else SKY,
        stroke=INK,
        stroke_width=0.5,
    )
    xl, xh = x0 + scale * lo, x0 + scale * hi
    whisker = (
        tag("line", x1=xl, x2=xh, y1=mid, y2=mid, stroke=INK, stroke_width=1.5)
        + tag("line", x1=xl, x2=xl, y1=mid - cap, y2=mid + cap, stroke=INK, stroke_width=1.5)
        + tag("line", x1=xh, x2=xh, y1=mid - cap, y2=mid + cap, stroke=INK, stroke_width=1.5)
    )
    xp = x0 + scale * h.prior
    prior = tag(
        "line",
        title(f"prior {pct(h.prior)}"),
        x1=xp,
        x2=xp,
        y1=mid - reach,
        y2=mid + reach,
        stroke=VERMILLION,
        stroke_width=1.5,
        stroke_dasharray="3 2",
    )
    return bar + whisker + prior


def posterior_chart(qv) -> str:
    """Each hypothesis's posterior as a bar, its 90% interval as whiskers, P(top) beside it."""
    label_w, x0, x1, col_post, col_top = 175.0, 185.0, 525.0, 540.0, 700.0
    row, top = 34.0, 34.0
    height = top + row * len(qv.hypotheses) + 34
    scale = x1 - x0
    parts = [
        text(x0, 16, "posterior (bar) and 90% interval (whiskers)", font_size=11, fill="#555"),
        text(col_post, 16, "posterior · 90% interval", font_size=11, fill="#555"),
        text(col_top, 16, "P(top)", font_size=11, fill="#555"),
    ]
    parts.append(_percent_axis(x0, x1, top - 6, top + row * len(qv.hypotheses)))
    for i, h in enumerate(qv.hypotheses):
        y = top + i * row
        mid = y + row / 2
        leader = h.id == qv.leader
        lo, hi = h.interval
        tip = (
            f"{h.id}: {h.text} — posterior {pct(h.posterior)}, 90% interval {pct(lo)}–{pct(hi)}, "
            f"P(top) {pct(h.p_top)}, prior {pct(h.prior)}"
        )
        name = f"{i + 1}. {shorten(h.id, 22)}"
        parts.append(
            text(label_w, mid + 4, name, text_anchor="end", tip=tip, font_weight="bold" if leader else None)
        )
        if leader:
            parts.append(text(label_w, mid + 16, "leader", text_anchor="end", font_size=10, fill="#555"))
        parts.append(_posterior_marks(h, lo, hi, x0, scale, mid, tip, leader, sizes=(18.0, 6, 13)))
        parts.append(
            text(
                col_post,
                mid + 4,
                f"{pct(h.posterior)}  ({100 * lo:.1f}–{pct(hi)})",
                font_weight="bold" if leader else None,
            )
        )
        parts.append(text(col_top, mid + 4, f"P(top) {pct(h.p_top)}"))
    legend_y = height - 6
    parts.append(text(x0, legend_y, "dashed line: the prior", font_size=11, fill="#555"))
    label = f"Posterior of each hypothesis on {qv.id}"
    description = "; ".join(
        f"{h.id} {pct(h.posterior)} (90% interval {pct(h.interval[0])}–"
        f"{pct(h.interval[1])}, P(top) {pct(h.p_top)})"
        for h in qv.hypotheses
    )
    return document("posterior", 800, height, label, "".join(parts), description=description)


def posterior_chart_narrow(qv, width: float = 360.0) -> str:
    """A phone's version of `posterior_chart`: each hypothesis named above its bar and whiskers, its
    posterior at the end; the intervals and P(top) in words are left to the table beside it."""
    left, x0, x1, row, top = 4.0, 12.0, width - 64, 46.0, 34.0
    height = top + row * len(qv.hypotheses) + 34
    span = x1 - x0
    parts = [text(left, 16, "posterior (bar) and 90% interval (whiskers)", font_size=11, fill="#555")]
    parts.append(_percent_axis(x0, x1, top - 6, top + row * len(qv.hypotheses)))
    for i, h in enumerate(qv.hypotheses):
        mid = top + i * row + 28
        leader = h.id == qv.leader
        lo, hi = h.interval
        tip = (
            f"{h.id}: {h.text} — posterior {pct(h.posterior)}, 90% interval {pct(lo)}–{pct(hi)}, "
            f"P(top) {pct(h.p_top)}, prior {pct(h.prior)}"
        )
        name = f"{i + 1}. {shorten(h.id, 36)}" + (" (leader)" if leader else "")
        parts.append(text(left, mid - 13, name, tip=tip, font_weight="bold" if leader else None))
        parts.append(_posterior_marks(h, lo, hi, x0, span, mid, tip, leader, sizes=(14.0, 5, 10)))
        parts.append(
            text(
                width - 2,
                mid + 4,
                pct(h.posterior),
                text_anchor="end",
                font_weight="bold" if leader else None,
            )
        )
    parts.append(text(left, height - 6, "dashed line: the prior", font_size=11, fill="#555"))
    label = f"Posterior of each hypothesis on {qv.id}"
    description = "; ".join(
        f"{h.id} {pct(h.posterior)} (90% interval {pct(h.interval[0])}–"
        f"{pct(h.interval[1])}, P(top) {pct(h.p_top)})"
        for h in qv.hypotheses
    )
    return document("posterior-narrow", width, height, label, "".join(parts), description=description)


def schools_chart(
    qv,
    labels: Mapping[str, str],
    priors: Mapping[str, Mapping[str, float]],
    chosen: str | None = None,
    columns: int = 3,
) -> str:
    """Small multiples: one little bar chart per school, the same hypotheses in the same order.

    With one column it is a phone's version (the same panels, one under another)."""
    hyp_ids = [h.id for h in qv.hypotheses]
    panel_w, gap = 290.0, 12.0
    row = 17.0
    panel_h = 30 + row * len(hyp_ids) + 8
    schools = list(qv.schools.items())
    rows = max(1, math.ceil(len(schools) / columns))
    width = columns * panel_w + (columns - 1) * gap
    height = rows * (panel_h + gap)
    parts = []
    for n, (sid, post) in enumerate(schools):
        px = (n % columns) * (panel_w + gap)
        py = (n // columns) * (panel_h + gap)
        label = labels.get(sid, sid) + (" (the prior used above)" if sid == chosen else "")
        best = max(hyp_ids, key=lambda h: post.get(h, 0.0))
        panel = [
            tag(
                "rect",
                x=px,
                y=py,
                width=panel_w,
                height=panel_h,
                fill="#ffffff",
                stroke="#bdbdbd" if sid != chosen else INK,
                stroke_width=1 if sid != chosen else 2,
            ),
            text(px + 8, py + 17, shorten(label, 44), font_weight="bold", font_size=11.5, tip=label),
        ]
        bx0, bx1 = px + 112, px + 232
        for i, hid in enumerate(hyp_ids):
            y = py + 28 + i * row
            p = post.get(hid, 0.0)
            prior = priors.get(sid, {}).get(hid)
            tip = f"{label}: {hid} {pct(p)}" + (f" (prior {pct(prior)})" if prior is not None else "")
            panel.append(text(bx0 - 6, y + 11, shorten(hid, 17), text_anchor="end", font_size=10.5, tip=tip))
            panel.append(
                tag(
                    "rect",
                    title(tip),
                    x=bx0,
                    y=y + 2,
                    width=max((bx1 - bx0) * p, 0.5),
                    height=12,
                    fill=BLUE if hid == best else SKY,
                    stroke=INK,
                    stroke_width=0.4,
                )
            )
            if prior is not None:
                xp = bx0 + (bx1 - bx0) * prior
                panel.append(
                    tag(
                        "line",
                        x1=xp,
                        x2=xp,
                        y1=y,
                        y2=y + 16,
                        stroke=VERMILLION,
                        stroke_width=1.3,
                        stroke_dasharray="2 2",
                    )
                )
            panel.append(
                text(
                    bx1 + 5,
                    y + 11,
                    pct(p, 0) + (" ★" if hid == best else ""),
                    font_size=10.5,
                    font_weight="bold" if hid == best else None,
                )
            )
        parts.append("".join(panel))
    label = f"Posterior on {qv.id} under each school's prior"
    description = "; ".join(
        f"{labels.get(s, s)}: " + ", ".join(f"{h} {pct(p.get(h, 0.0), 0)}" for h in hyp_ids)
        for s, p in schools
    )
    kind = "schools-narrow" if columns == 1 else "schools"
    return document(kind, width, height, label, "".join(parts), description=description)


def _weight_order(evidence: Sequence) -> list:
    return sorted(evidence, key=lambda e: -e.weight_db)


def _weight_tip(e) -> str:
    """What hovering an item's bar or name says: its weight, and whether it decides or corroborates."""
    return (
        f"{e.id}: {e.weight_db:+.1f} dB"
        + (" — pivotal: dropping it changes the leader" if e.pivotal else "")
        + (f" — corroborates {e.corroborates}, not counted twice" if not e.counted else "")
    )


def _weight_bar(e, zero: float, end: float, y: float, height: float, pattern_id: str, tip: str) -> str:
    """An item's bar from the zero line to its weight: solid when counted, hatched when corroborating."""
    colour = BLUE if e.weight_db >= 0 else VERMILLION
    xa, xb = sorted((zero, end))
    fill = colour if e.counted else f"url(#{pattern_id}-{'for' if e.weight_db >= 0 else 'against'})"
    return tag(
        "rect",
        title(tip),
        x=xa,
        y=y,
        width=max(xb - xa, 0.5),
        height=height,
        fill=fill,
        stroke=colour,
        stroke_width=1 if e.counted else 1.2,
    )


def _weights_words(qv, items: list, pattern_id: str) -> tuple[str, str, str]:
    """Both weights charts' label and description for screen readers, and their hatch patterns."""
    label = f"Weight of each evidence item on {qv.id}, in decibans for {qv.leader} over {qv.runner_up}"
    description = (
        f"{count(len(items), 'item')}, sorted from most for {qv.leader} to most for {qv.runner_up}; pivotal: "
        + (", ".join(e.id for e in items if e.pivotal) or "none")
    )
    defs = hatch_pattern(f"{pattern_id}-for", BLUE) + hatch_pattern(f"{pattern_id}-against", VERMILLION)
    return label, description, defs


def weights_chart(qv) -> str:
    """Every item's weight in decibans for the leader over the runner-up, sorted, pivotal items marked."""
    items = _weight_order(qv.evidence)
    label_x, x0, x1, col_value, col_status = 330.0, 340.0, 700.0, 708.0, 768.0
    row, top = 17.0, 40.0
    width = 960.0
    height = top + row * max(len(items), 1) + 44
    largest = max((abs(e.weight_db) for e in items), default=1.0) or 1.0
    step = nice_step(2 * largest, 6)
    bound = math.ceil(largest / step) * step
    zero = (x0 + x1) / 2

    def at(db: float) -> float:
        return zero + (x1 - x0) / 2 * db / bound

    pattern_id = f"hatch-{qv.id}"
    parts = [
        text(x0, 14, f"← favours {shorten(qv.runner_up, 24)}", font_size=11, fill="#555"),
        text(x1, 14, f"favours {shorten(qv.leader, 24)} →", font_size=11, fill="#555", text_anchor="end"),
        text(col_value, 14, "weight", font_size=11, fill="#555"),
        text(col_status, 14, "status", font_size=11, fill="#555"),
    ]
    bottom = top + row * len(items)
    tick = -bound
    while tick <= bound + 1e-9:
        x = at(tick)
        parts.append(
            tag(
                "line",
                x1=x,
                x2=x,
                y1=top - 6,
                y2=bottom,
                stroke="#9e9e9e" if abs(tick) < 1e-9 else "#e0e0e0",
                stroke_width=1.2 if abs(tick) < 1e-9 else 1,
            )
        )
        parts.append(text(x, bottom + 14, f"{tick:+g}" if tick else "0", text_anchor="middle", font_size=11))
        tick += step
    parts.append(
        text(
            zero,
            bottom + 30,
            "decibans (dB) for the leader over the runner-up",
            text_anchor="middle",
            font_size=11,
            fill="#555",
        )
    )
    for i, e in enumerate(items):
        y = top + i * row
        mid = y + row / 2
        status = []
        if e.pivotal:
            status.append("◆ pivotal")
        if not e.counted:
            status.append("▨ corroborating")
        tip = _weight_tip(e)
        name = ("◆ " if e.pivotal else "") + shorten(e.id, 50)
        parts.append(
            tag(
                "a",
                text(
                    label_x,
                    mid + 4,
                    name,
                    text_anchor="end",
                    font_size=11,
                    tip=tip,
                    font_weight="bold" if e.pivotal else None,
                ),
                href=f"#ev-{e.id}",
            )
        )
        parts.append(_weight_bar(e, zero, at(e.weight_db), mid - 6, 12.0, pattern_id, tip))
        parts.append(text(col_value, mid + 4, f"{e.weight_db:+.1f} dB", font_size=11))
        if status:
            parts.append(
                text(
                    col_status,
                    mid + 4,
                    " ".join(status),
                    font_size=11,
                    font_weight="bold" if e.pivotal else None,
                    tip=tip,
                )
            )
    parts.append(
        text(
            0,
            height - 4,
            "◆ pivotal: dropping the item changes the leader · ▨ hatched: "
            "corroborates another item of its group, not counted twice",
            font_size=11,
            fill="#555",
        )
    )
    label, description, defs = _weights_words(qv, items, pattern_id)
    return document("weights", width, height, label, "".join(parts), description=description, defs=defs)


def weights_chart_narrow(qv, width: float = 360.0) -> str:
    """A phone's version of `weights_chart`: each item named on its own line above its bar, the weight
    at the end; the status column is left to the marks (◆ pivotal, ▨ and a hatched bar corroborating)."""
    items = _weight_order(qv.evidence)
    left, x0, x1, row, top = 4.0, 8.0, width - 64, 30.0, 40.0
    height = top + row * max(len(items), 1) + 78
    largest = max((abs(e.weight_db) for e in items), default=1.0) or 1.0
    step = nice_step(2 * largest, 4)
    bound = math.ceil(largest / step) * step
    zero = (x0 + x1) / 2

    def at(db: float) -> float:
        return zero + (x1 - x0) / 2 * db / bound

    pattern_id = f"hatch-{qv.id}-narrow"
    bottom = top + row * len(items)
    parts = [
        text(x0, 14, f"← {shorten(qv.runner_up, 20)}", font_size=11, fill="#555"),
        text(x1, 14, f"{shorten(qv.leader, 20)} →", font_size=11, fill="#555", text_anchor="end"),
    ]
    tick = -bound
    while tick <= bound + 1e-9:
        x = at(tick)
        centre = abs(tick) < 1e-9
        parts.append(
            tag("line", x1=x, x2=x, y1=top - 6, y2=bottom, stroke="#9e9e9e" if centre else "#e0e0e0")
        )
        parts.append(text(x, bottom + 14, f"{tick:+g}" if tick else "0", text_anchor="middle", font_size=11))
        tick += step
    for i, e in enumerate(items):
        mid = top + i * row + 20
        tip = _weight_tip(e)
        mark = ("◆ " if e.pivotal else "") + ("▨ " if not e.counted else "")
        parts.append(
            tag(
                "a",
                text(
                    left,
                    mid - 9,
                    mark + shorten(e.id, 46),
                    font_size=11,
                    tip=tip,
                    font_weight="bold" if e.pivotal else None,
                ),
                href=f"#ev-{e.id}",
            )
        )
        parts.append(_weight_bar(e, zero, at(e.weight_db), mid - 4, 9.0, pattern_id, tip))
        parts.append(text(width - 2, mid + 4, f"{e.weight_db:+.1f} dB", font_size=11, text_anchor="end"))
    key = [
        "decibans (dB) for the leader over the runner-up",
        "◆ pivotal: dropping the item changes the leader",
        "▨ hatched: corroborates, not counted twice",
    ]
    for n, words in enumerate(key):
        parts.append(text(left, bottom + 34 + 16 * n, words, font_size=11, fill="#555"))
    label, description, defs = _weights_words(qv, items, pattern_id)
    return document(
        "weights-narrow", width, height, label, "".join(parts), description=description, defs=defs
    )
