"""The report in the terminal: rankings, the evidence that decides them, schools and ACH."""

from __future__ import annotations

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from fontes.dates import format_date
from fontes.model import Case
from fontes.report.glossary import count, legend, plural, school_label
from fontes.report.verdict_views import unweighed_line, unweighed_sources, verdict_parts

#: How many items to show for and against the leader.
TOP_ITEMS = 5
#: Below this many columns the tables show hypothesis ids only and drop the "held by" column.
NARROW = 100
#: How far quotations and other continuation blocks are indented.
INDENT = 10


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _ranking_table(qv, parts: dict, narrow: bool = False) -> Table:
    """Ids in the table, so it stays a few lines high; the full texts are printed beneath it."""
    table = Table(title="Hypotheses, most probable first", title_justify="left", expand=True)
    ranks = parts["ach_rank"]
    if not narrow:
        table.add_column("#", justify="right", width=2)
    table.add_column("hypothesis", overflow="fold", no_wrap=not narrow)
    if not narrow:
        table.add_column("held by (see beneath)", ratio=1)
    table.add_column("posterior", justify="right", no_wrap=True)
    table.add_column("90% interval", justify="right", no_wrap=True)
    table.add_column("P(top)", justify="right", no_wrap=True)
    table.add_column("ACH (rank)", justify="right", no_wrap=True)
    for rank, h in enumerate(qv.hypotheses, 1):
        label = Text(h.id, style="bold" if h.id == qv.leader else "")
        interval = (
            f"{100 * h.interval[0]:.1f}–{_pct(h.interval[1])}"
            if narrow
            else f"{_pct(h.interval[0])} – {_pct(h.interval[1])}"
        )
        cells: list = [
            label,
            _pct(h.posterior),
            interval,
            _pct(h.p_top),
            f"{h.ach_inconsistency:.2f} ({ranks[h.id]})",
        ]
        if not narrow:
            cells = [str(rank), label, Text(parts["held_by"][h.id] or "—", style="dim"), *cells[1:]]
        table.add_row(*cells)
    return table


def _hypothesis_texts(qv, parts: dict) -> Group:
    """Each hypothesis's full text, full width, and what the starred columns measure."""
    lines: list = []
    for h in qv.hypotheses:
        line = Text(f"{h.id}", style="bold")
        line.append(f" — {h.text}")
        works = parts["held_by_full"].get(h.id)
        if works:
            line.append(f" (held by {'; '.join(works)})", style="dim")
        lines.append(line)
    return Group(*lines)


def _chronology(parts: dict) -> Group | Text:
    """The horizon, and the items it leaves out, each with why."""
    line = Text("Horizon: ", style="bold")
    if parts["horizon"] is None:
        line.append("none — every item counts, whatever it is about")
        return line
    line.append(f"{parts['horizon_text']} — items about later events are not counted for this question")
    lines: list = [line]
    if parts["after_horizon"]:
        lines.append(Text(f"After the horizon, not counted ({len(parts['after_horizon'])}):", style="bold"))
        for a in parts["after_horizon"]:
            item = Text(a["id"], style="bold")
            item.append(f" — {a['why']} ({a['source_title']})", style="dim")
            lines.append(Padding(item, (0, 0, 0, 2)))
    if parts["retrospective"]:
        retro = Text(
            "Retrospective (written after the horizon about earlier events, counted): ", style="bold"
        )
        retro.append(", ".join(parts["retrospective"]))
        lines.append(retro)
    return Group(*lines)


def _evidence_lines(case: Case, items, heading: str) -> Group | Text:
    if not items:
        return Text(f"{heading}: none", style="dim")
    sources = {s.id: s for s in case.sources}
    quotes = {e.id: e.quote for e in case.evidence}
    lines: list = [Text(heading, style="bold")]
    for e in items:
        src = sources.get(e.source)
        where = f"{src.title} ({format_date(src.date)})" if src else e.source
        line = Text(f"{e.weight_db:+6.1f} dB  ", style="green" if e.weight_db > 0 else "red")
        line.append(e.id, style="bold")
        if e.pivotal:
            line.append("  [pivotal]", style="yellow")
        if not e.counted:
            line.append(f"  (corroborates {e.corroborates})", style="dim")
        if e.retrospective:
            line.append("  [retrospective]", style="magenta")
        if e.reading:
            line.append(f"  [as {e.reading} reads it]", style="cyan")
        lines.append(line)
        lines.append(Padding(Text(where, style="dim"), (0, 0, 0, INDENT)))
        quote = quotes.get(e.id, "")
        if len(quote) > 240:
            quote = quote[:237].rstrip() + "…"
        lines.append(Padding(Text(f"“{quote}”", style="italic"), (0, 0, 0, INDENT)))
    return Group(*lines)


def _schools_table(qv, parts: dict, narrow: bool = False) -> Table | Group:
    """Each school's own conclusion: its prior and its readings of the items it reads otherwise;
    in a narrow terminal one line per school, so no label wraps a word a line."""
    title = "Each school's own conclusion (its prior, and its readings of contested items)"
    hyp_ids = [h.id for h in qv.hypotheses]
    if narrow:
        lines: list = [Text(title, style="italic")]
        for row in parts["schools"]:
            post = row["posterior"]
            line = Text(row["label"], style="bold")
            line.append(f": leader {row['leader']}; ")
            line.append(", ".join(f"{h} {_pct(post[h])}" for h in hyp_ids))
            line.append(f"; {row['readings']} own {plural(row['readings'], 'reading')}", style="dim")
            lines.append(Padding(line, (0, 0, 0, 2)))
        return Group(*lines)
    table = Table(title=title, title_justify="left", expand=True)
    table.add_column("school")
    table.add_column("leader")
    for hid in hyp_ids:
        table.add_column(hid, justify="right")
    table.add_column("own readings", justify="right")
    for row in parts["schools"]:
        post = row["posterior"]
        cells = [Text(_pct(post[h]), style="bold" if h == row["leader"] else "") for h in hyp_ids]
        table.add_row(row["label"], Text(row["leader"], style="bold"), *cells, str(row["readings"]))
    return table


def _legend() -> Group:
    """What each number of the report means, in the glossary's words."""
    lines: list = [Text("What the numbers mean", style="bold")]
    for term in legend():
        line = Text(term.label, style="bold")
        line.append(f": {term.definition}.")
        lines.append(Padding(line, (0, 0, 0, 2)))
    return Group(*lines)


def _ach_line(qv) -> Text:
    bayes = [h.id for h in qv.hypotheses]
    score = {h.id: h.ach_inconsistency for h in qv.hypotheses}
    line = Text("Bayesian ranking: ", style="bold")
    line.append(" > ".join(bayes))
    line.append("\nACH ranking (least inconsistent first): ", style="bold")
    ach = qv.ach_ranking
    shown = ach[0]
    for before, after in zip(ach, ach[1:]):
        shown += (" = " if abs(score[before] - score[after]) < 1e-9 else " > ") + after
    line.append(shown)
    if abs(score[ach[0]] - score[ach[1 if len(ach) > 1 else 0]]) < 1e-9 and len(ach) > 1:
        line.append(
            "\nACH cannot separate the tied hypotheses: no item is inconsistent with them.", style="yellow"
        )
    elif bayes[0] != ach[0]:
        line.append("\nThe two methods disagree on the leader: read the evidence above.", style="yellow")
    return line


def question_panel(
    case: Case, qv, school_label: str, school: str | None = None, width: int | None = None
) -> Panel:
    """One question's verdict in a panel; at a `width` under `NARROW` the tables show ids only."""
    narrow = width is not None and width < NARROW
    counted = [e for e in qv.evidence if e.counted]
    for_leader = sorted((e for e in counted if e.weight_db > 0), key=lambda e: -e.weight_db)[:TOP_ITEMS]
    against = sorted((e for e in counted if e.weight_db < 0), key=lambda e: e.weight_db)[:TOP_ITEMS]
    pivotal = [e.id for e in qv.evidence if e.pivotal]
    parts = verdict_parts(case, qv, school)
    summary = Text()
    summary.append("Leader: ", style="bold")
    summary.append(f"{qv.leader}")
    summary.append(f" ({parts['short'][qv.leader]})", style="dim")
    if qv.runner_up != qv.leader:
        summary.append("\nRunner-up: ", style="bold")
        summary.append(qv.runner_up)
        summary.append(f" ({parts['short'][qv.runner_up]})", style="dim")
        summary.append("   prior odds the runner-up would need: ", style="bold")
        summary.append(parts["overturn_odds"])
    corroborating = len(qv.evidence) - len(counted)
    summary.append(f"\n{count(len(qv.evidence), 'evidence item')}", style="dim")
    if corroborating:
        summary.append(
            f", {corroborating} of them corroborating another item of their group (not counted twice)",
            style="dim",
        )
    fragile = Text("How fragile: ", style="bold")
    fragile.append(parts["flip"])
    pivot = Text("Pivotal items (dropping one changes the leader): ", style="bold")
    pivot.append(", ".join(pivotal) if pivotal else "none — no single item decides the leader")
    heading = Text(f"{qv.id}: ", style="bold")
    heading.append(qv.text)
    body = Group(
        heading,
        summary,
        fragile,
        _chronology(parts),
        Text(""),
        _ranking_table(qv, parts, narrow),
        _hypothesis_texts(qv, parts),
        Text(""),
        _evidence_lines(case, for_leader, f"Weightiest evidence for {qv.leader} over {qv.runner_up}"),
        Text(""),
        _evidence_lines(case, against, f"Weightiest evidence against {qv.leader} (for {qv.runner_up})"),
        Text(""),
        pivot,
        Text(""),
        _schools_table(qv, parts, narrow),
        Text(""),
        _ach_line(qv),
    )
    title = Text(qv.id, style="bold")
    title.append(f" · prior: {school_label}", style="dim")
    if width is not None and title.cell_len > width - 6:  # a title rich would cut: the prior goes inside
        body.renderables.insert(1, Text(f"prior: {school_label}", style="dim"))
        title = Text(qv.id, style="bold")
    return Panel(body, title=title, title_align="left")


def _unweighed(case: Case, store) -> Group:
    """The sources of the case that no evidence item quotes (and, with a store, which the corpus lacks)."""
    entries = unweighed_sources(case, store)
    line = Text(
        f"Unweighed sources ({len(entries)}): in sources.yaml, quoted by no evidence item", style="bold"
    )
    if not entries:
        line.append(" — none")
    return Group(line, *(Padding(Text(unweighed_line(entry)), (0, 0, 0, 2)) for entry in entries))


def print_report(case: Case, verdict, console: Console | None = None, store=None) -> None:
    """Print the whole report of a weighed case (with a corpus `store`, say which unweighed sources it lacks)."""
    console = console or Console()
    console.print(Text(verdict.title, style="bold"))
    console.print(
        Text(
            f"case {verdict.case} · {count(len(case.sources), 'source')} · "
            f"{count(len(case.evidence), 'evidence item')} · {verdict.draws} draws (seed {verdict.seed})",
            style="dim",
        )
    )
    for qv in verdict.questions:
        console.print(
            question_panel(case, qv, school_label(case, verdict.school), verdict.school, console.width)
        )
    console.print(_legend())
    console.print(_unweighed(case, store))
