"""Small helpers to write inline SVG by hand: escaped text, attributes, a document frame.

Every piece of text goes through `esc`, so a chart can hold any source's words safely.
"""

from __future__ import annotations

import zlib

from markupsafe import escape

#: Okabe–Ito, the colour-blind-safe palette (black last: it is also the ink).
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
BLUE, ORANGE, GREEN, PURPLE, SKY, VERMILLION, YELLOW, BLACK = OKABE_ITO
GREY = "#8c8c8c"
INK = "#222222"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', Arial, sans-serif"


def esc(text: object) -> str:
    """Text escaped for SVG content and attribute values (&, <, >, quotes)."""
    return str(escape(str(text)))


def num(x: float) -> str:
    """A coordinate with at most one decimal, no trailing zeros."""
    out = f"{x:.1f}"
    return out.removesuffix(".0")


def attrs(**values: object) -> str:
    """Attributes from keywords (`class_` → class, `stroke_width` → stroke-width); None is left out."""
    parts = []
    for key, value in values.items():
        if value is None:
            continue
        name = key.rstrip("_").replace("_", "-")
        shown = num(value) if isinstance(value, float) else value
        parts.append(f'{name}="{esc(shown)}"')
    return " ".join(parts)


def tag(name: str, body: str = "", **values: object) -> str:
    """One element; `body` is already-built SVG (escape text with `esc` or `text`)."""
    head = f"<{name} {attrs(**values)}".rstrip()
    return f"{head}>{body}</{name}>" if body else f"{head}/>"


def title(text: str) -> str:
    """A <title> child: what a pointer or a screen reader is told about its parent."""
    return f"<title>{esc(text)}</title>"


def text(x: float, y: float, words: str, *, tip: str | None = None, **values: object) -> str:
    """A text label at (x, y), escaped; `tip` adds a <title>."""
    body = esc(words) + (title(tip) if tip else "")
    return tag("text", body, x=float(x), y=float(y), **values)


def shorten(words: str, limit: int) -> str:
    """At most `limit` characters, with an ellipsis when cut."""
    words = " ".join(str(words).split())
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


def hatch_pattern(pattern_id: str, colour: str) -> str:
    """A diagonal hatch to fill bars that are shown but not counted."""
    lines = tag("rect", width=6, height=6, fill="#ffffff") + tag(
        "path", d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2", stroke=colour, stroke_width=1.4
    )
    return tag("pattern", lines, id=pattern_id, patternUnits="userSpaceOnUse", width=6, height=6)


def document(
    kind: str, width: float, height: float, label: str, body: str, *, description: str = "", defs: str = ""
) -> str:
    """An <svg> that scales to its container's width, with a title and description for readers."""
    ident = (
        f"svg-{kind}-{zlib.crc32(f'{label}{description}{width}'.encode()):08x}"  # a phone's version differs
    )
    head = (
        f'<svg class="chart chart-{esc(kind)}" '
        f'data-chart="{esc(kind)}" viewBox="0 0 {num(width)} {num(height)}" '
        f'width="{num(width)}" role="img" aria-labelledby="{ident}-t {ident}-d" '
        f'font-family="{esc(FONT)}" font-size="12" fill="{INK}">'
    )
    parts = [
        head,
        f'<title id="{ident}-t">{esc(label)}</title>',
        f'<desc id="{ident}-d">{esc(description or label)}</desc>',
    ]
    if defs:
        parts.append(f"<defs>{defs}</defs>")
    parts.append(body)
    parts.append("</svg>")
    return "".join(parts)


def responsive(wide: str, narrow: str) -> str:
    """A chart in two versions: the stylesheet shows the phone's (fewer labels, the same sizes)
    under 40rem and the desktop's otherwise and in print."""
    return f'<div class="for-wide">{wide}</div><div class="for-narrow">{narrow}</div>'
