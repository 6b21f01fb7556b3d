"""The audit in the terminal and as a single self-contained HTML file."""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from fontes.files import write_atomically
from fontes.report.links import link_words, source_link

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def print_audit(report, console: Console | None = None) -> None:
    """Findings in essay order, each with its location, message and evidence; then the summary."""
    console = console or Console()
    console.print(Text(f"Knowledge used: {report.knowledge or 'neither'}", style="bold"))
    console.print(Text(f"Audit of {report.essay}", style="bold"))
    for number, f in enumerate(report.findings, 1):
        where = f.location.parts()
        head = Text(f"{number:>3}. ")
        head.append(f"{f.severity:<7}", style=_STYLE.get(f.severity, ""))
        head.append(f" {f.kind}", style="bold")
        head.append(f"  {' '.join(where)}", style="dim")
        console.print(head)
        console.print(Text(f"     {f.message}"))
        if f.excerpt:
            console.print(Text(f"     essay: “{_short(f.excerpt)}”", style="italic dim"))
        for ev in f.evidence:
            line = Text("     source: ", style="dim")
            line.append(ev.source or "", style="bold")
            if ev.quote:
                line.append(f" “{_short(ev.quote)}”")
            if ev.url:
                line.append(f" {link_words(ev.url)}", style="dim underline")
            console.print(line)
    table = Table(title="Summary", title_justify="left")
    table.add_column("kind")
    table.add_column("findings", justify="right")
    for kind, count in report.by_kind().items():
        table.add_row(kind, str(count))
    console.print(table)
    s = report.summary()
    console.print(Text(severity_counts(s), style="bold"))


def severity_counts(summary: dict) -> str:
    """ "1 error, 2 warnings, 0 notes" from an audit's summary."""
    return ", ".join(
        f"{summary.get(key, 0)} {word}{'' if summary.get(key, 0) == 1 else 's'}"
        for key, word in (("error", "error"), ("warning", "warning"), ("info", "note"))
    )


def _short(text: str, limit: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def audit_view(audit, essay_text: str | None = None) -> dict[str, Any] | None:
    """The audit as every view shows it (HTML report, audit page, web app): findings with their
    place and links, the counts, and, given the essay's text, the essay cut into marked pieces."""
    if audit is None:
        return None
    findings = []
    for f in audit.findings:
        findings.append(
            {
                "f": f,
                "where": " · ".join(f.location.parts()),
                "evidence": [
                    {"source": ev.source, "quote": ev.quote, "url": ev.url, "link": source_link(ev.url)}
                    for ev in f.evidence
                ],
                "side": side_by_side(f) if f.kind == "content-mismatch" else None,
            }
        )
    summary = audit.summary() if hasattr(audit, "summary") else {}
    essay = str(getattr(audit, "essay", ""))
    return {
        "essay": essay,
        "essay_name": Path(essay).name if essay else "",
        "findings": findings,
        "counts": severity_counts(summary) if summary else "",
        "summary": summary,
        "pieces": _marked_pieces(essay_text, audit.findings) if essay_text is not None else [],
    }


def render_audit_html(report, essay_text: str) -> str:
    """One HTML page: the essay with each finding's words marked, and the findings beside it."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("fontes.report", "templates"), autoescape=select_autoescape(["html"])
    )
    from fontes.report.stylesheet import app_stylesheet

    return env.get_template("audit.html").render(
        audit=audit_view(report, essay_text), app_css=app_stylesheet()
    )


_WORD = re.compile(r"\w[\w'’,.-]*\w|\w|[^\w\s]")
_POINT_WORDS = re.compile(r"“([^”]{1,80})”")


def side_by_side(finding) -> dict[str, Any] | None:
    """A content finding as the sentence's words and the document's, each cut into pieces that are
    shared, only the sentence's ("del": what the document does not say) or only the document's
    ("ins"); a piece naming the point of conflict (a word the message quotes) is `point`."""
    if not finding.evidence or not finding.evidence[0].quote:
        return None
    mine, theirs = _WORD.findall(finding.excerpt), _WORD.findall(finding.evidence[0].quote)
    points = {
        w.lower() for q in _POINT_WORDS.findall(finding.message) if len(q) < 40 for w in _WORD.findall(q)
    }
    claim: list[dict[str, Any]] = []
    source: list[dict[str, Any]] = []
    matcher = difflib.SequenceMatcher(
        None, [w.lower() for w in mine], [w.lower() for w in theirs], autojunk=False
    )
    for op, a, b, c, d in matcher.get_opcodes():
        same = op == "equal"
        for word in mine[a:b]:
            claim.append(
                {
                    "text": word,
                    "change": None if same else "del",
                    "point": not same and word.lower() in points,
                }
            )
        for word in theirs[c:d]:
            if not same:
                source.append({"text": word, "change": "ins", "point": word.lower() in points})
        if same:
            source += [{"text": w, "change": None, "point": False} for w in theirs[c:d]]
    return {
        "claim": _runs(claim),
        "source": _runs(source),
        "source_id": finding.evidence[0].source,
        "url": finding.evidence[0].url,
        "link": source_link(finding.evidence[0].url),
    }


def _runs(pieces: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Neighbouring pieces of the same kind joined, so that a changed phrase is one mark."""
    runs: list[dict[str, Any]] = []
    for piece in pieces:
        if runs and (runs[-1]["change"], runs[-1]["point"]) == (piece["change"], piece["point"]):
            runs[-1]["text"] += " " + piece["text"]
        else:
            runs.append(dict(piece))
    return runs


def _marked_pieces(text: str, findings) -> list[dict[str, Any]]:
    """The essay cut into plain and marked pieces; overlapping marks keep the first."""
    spans = sorted(
        (
            (f.location.start, f.location.end, n)
            for n, f in enumerate(findings, 1)
            if f.location.start is not None
            and f.location.end is not None
            and 0 <= f.location.start < f.location.end <= len(text)
        ),
        key=lambda s: s[0],
    )
    pieces: list[dict[str, Any]] = []
    at = 0
    for start, end, number in spans:
        if start < at:
            continue
        if start > at:
            pieces.append({"text": text[at:start], "finding": None})
        pieces.append({"text": text[start:end], "finding": number, "severity": findings[number - 1].severity})
        at = end
    pieces.append({"text": text[at:], "finding": None})
    return pieces


def write_text_atomically(path: str | Path, text: str) -> None:
    """Write to a temporary file beside `path`, then rename: never a half-written file."""
    write_atomically(path, text)
