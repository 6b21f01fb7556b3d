"""Draw the scale table's costs against corpus size as an SVG on log-log axes (no plotting library).

`python -m benchmarks.plot [RESULT] [SVG]` reads benchmarks/results/scale.json and writes
docs/images/scale.svg: one line per cost, each point labelled with its value.
"""

from __future__ import annotations

import json
import math
import os
import sys
from pathlib import Path

from benchmarks import locations

#: (key in a row, label, colour) of each line drawn.
SERIES = (
    ("ingest_seconds", "fontes ingest (s)", "#c0392b"),
    ("bare_fts5_seconds", "bare FTS5 bulk insert (s)", "#7f8c8d"),
    ("ingest_peak_mb", "ingest peak memory (MB)", "#2471a3"),
    ("store_mb", "store on disk (MB)", "#7d3c98"),
    ("anchor_ms_per_quotation", "anchoring (ms/quotation)", "#1e8449"),
)
_WIDTH, _HEIGHT, _MARGIN = 720, 420, 60


def svg(rows: list[dict], slopes: dict[str, float | None]) -> str:
    """The plot of every series of `rows` (sizes on x, costs on y, both logarithmic)."""
    sizes = [r["documents"] for r in rows]
    values = [r[key] for key, _, _ in SERIES for r in rows if r[key] > 0]
    x_low, x_high = math.log10(min(sizes)) - 0.1, math.log10(max(sizes)) + 0.1
    y_low, y_high = math.floor(math.log10(min(values))), math.ceil(math.log10(max(values)))

    def x(size: float) -> float:
        return _MARGIN + (math.log10(size) - x_low) / (x_high - x_low) * (_WIDTH - 2 * _MARGIN - 170)

    def y(value: float) -> float:
        return _HEIGHT - _MARGIN - (math.log10(value) - y_low) / (y_high - y_low) * (_HEIGHT - 2 * _MARGIN)

    parts = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{_WIDTH}" height="{_HEIGHT}" '
            'font-family="sans-serif" font-size="11">'
        ),
        f'<rect width="{_WIDTH}" height="{_HEIGHT}" fill="white"/>',
    ]
    for power in range(y_low, y_high + 1):
        parts.append(
            f'<line x1="{_MARGIN}" x2="{x(max(sizes)) + 10:.1f}" y1="{y(10**power):.1f}" '
            f'y2="{y(10**power):.1f}" stroke="#ddd"/>'
        )
        parts.append(
            f'<text x="{_MARGIN - 6}" y="{y(10**power) + 4:.1f}" text-anchor="end">{10**power:g}</text>'
        )
    for size in sizes:
        parts.append(
            f'<text x="{x(size):.1f}" y="{_HEIGHT - _MARGIN + 16}" text-anchor="middle">{size:,}</text>'
        )
    parts.append(
        f'<text x="{_MARGIN}" y="{_HEIGHT - 14}">documents in the corpus (log scale); '
        "costs on a log scale</text>"
    )
    for number, (key, label, colour) in enumerate(SERIES):
        points = [(x(r["documents"]), y(r[key])) for r in rows if r[key] > 0]
        parts.append(
            f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="'
            + " ".join(f"{a:.1f},{b:.1f}" for a, b in points)
            + '"/>'
        )
        parts.extend(f'<circle cx="{a:.1f}" cy="{b:.1f}" r="3" fill="{colour}"/>' for a, b in points)
        slope = slopes.get(key)
        legend = f"{label}, slope {slope:.2f}" if slope is not None else label
        parts.append(f'<text x="{_WIDTH - 225}" y="{_MARGIN + 16 * number}" fill="{colour}">{legend}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else locations.RESULTS / "scale.json"
    target = Path(argv[1]) if len(argv) > 1 else locations.REPO / "docs" / "images" / "scale.svg"
    result = json.loads(source.read_text())
    temporary = target.with_suffix(".tmp")
    temporary.write_text(svg(result["raw"]["rows"], result["raw"]["log_log_slopes"]))
    os.replace(temporary, target)
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
