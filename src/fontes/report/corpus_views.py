"""The corpus in the terminal: search hits and one document with its metadata."""

from __future__ import annotations

import re

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from fontes.dates import format_date
from fontes.report.links import link_words, source_link

_MARKED = re.compile(r"\[\[(.+?)\]\]")


def highlighted(snippet: str) -> Text:
    """A snippet whose [[matched]] words are shown in bold."""
    text = Text()
    last = 0
    for m in _MARKED.finditer(snippet):
        text.append(snippet[last : m.start()])
        text.append(m.group(1), style="bold yellow")
        last = m.end()
    text.append(snippet[last:])
    return text


def print_hits(hits, console: Console | None = None) -> None:
    console = console or Console()
    if not hits:
        console.print("no hits")
        return
    table = Table(expand=True, show_lines=True)
    table.add_column("date", no_wrap=True)
    table.add_column("source")
    for hit in hits:
        cell = Text(hit.id, style="bold")
        cell.append(f"  {hit.title}\n", style="dim")
        cell.append_text(highlighted(hit.snippet))
        table.add_row(format_date(hit.date), cell)
    console.print(table)


def _link_label(url: str) -> str:
    """ "online" for the archive's own address, "link" for a copy elsewhere, "url" for anything else."""
    link = source_link(url)
    return "url" if link is None else "online" if link.official else "link"


def print_document(doc, console: Console | None = None) -> None:
    console = console or Console()
    s = doc.source
    meta = Table.grid(padding=(0, 2))
    for label, value in [
        ("id", s.id),
        ("date", format_date(s.date)),
        ("authors", ", ".join(s.authors)),
        ("recipients", ", ".join(s.recipients)),
        ("archive", s.archive),
        ("reference", s.archive_ref),
        (_link_label(s.url), link_words(s.url)),
        ("type", s.doc_type),
        ("stored copy", doc.holding()),
        ("language", s.language_note),
        ("place", doc.place),
        (
            "complete",
            {True: "yes", False: "no: the stored text is an excerpt", None: "unknown"}[doc.text_complete],
        ),
    ]:
        if value:
            meta.add_row(Text(label, style="dim"), Text(str(value)))
    holding = doc.holding()
    title = Text(s.title, style="bold")
    if holding:
        title.append(f" ({holding})", style="italic")
    console.print(Panel(meta, title=title, title_align="left"))
    console.print(Text(doc.text))
    if doc.notes:
        console.print(Panel(Text(doc.notes), title="notes", title_align="left", style="dim"))
