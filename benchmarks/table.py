"""The table printed at the end of a run: every benchmark's summary rows."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table


def _met(value: bool | None) -> str:
    return "" if value is None else "[green]yes[/green]" if value else "[red]no[/red]"


def print_table(console: Console, results: list[dict], machine: dict) -> None:
    """One row per summary line; `met` in green or red where there is a target."""
    load = machine.get("load_average_at_start")
    table = Table(
        title=f"fontes benchmarks ({machine['cores']} cores, Python {machine['python']}, "
        f"SQLite {machine['sqlite']}, {machine['date']}"
        + (f", load average {load[0]:.1f} at start" if load else "")
        + ")",
        title_justify="left",
    )
    for column, justify in (
        ("benchmark", "left"),
        ("fontes", "right"),
        ("baseline (same run)", "right"),
        ("ratio", "right"),
        ("target", "right"),
        ("met", "center"),
    ):
        table.add_column(column, justify=justify)
    for number, result in enumerate(results):
        for row in result["summary"]:
            table.add_row(
                row["metric"], row["fontes"], row["baseline"], row["ratio"], row["target"], _met(row["met"])
            )
        if number < len(results) - 1:
            table.add_section()
    console.print(table)
    for result in results:
        if "accuracy" in result:
            print_accuracy(console, result)


def print_accuracy(console: Console, result: dict) -> None:
    """Per-class accuracy of the anchor (every quotation and the subsample) and of the naive baseline."""
    accuracy = result["accuracy"]
    counts = accuracy["counts"]
    table = Table(
        title="anchoring accuracy by class (the expected class, in a document holding the span)",
        title_justify="left",
        caption=f"naive rule: {result['parameters']['naive_rule']}",
        caption_justify="left",
    )
    columns = {
        "anchor_all": f"anchor, all {counts['all']}",
        "anchor_where_candidates_hold_source": f"anchor, source in candidates ({counts['candidates_hold_source']})",
        "anchor_subsample": f"anchor, subsample {counts['subsample']}",
        "naive_subsample": f"naive, subsample {counts['subsample']}",
    }
    table.add_column("class")
    table.add_column("expected")
    for title in columns.values():
        table.add_column(title, justify="right")
    classes = result["parameters"]["classes"]
    for kind in [*classes, "overall"]:
        table.add_row(
            kind,
            classes.get(kind, "(mean of classes)"),
            *(f"{accuracy[key][kind]:.2f}" if kind in accuracy[key] else "-" for key in columns),
        )
    console.print(table)


def markdown_table(results: list[dict]) -> str:
    """The same rows as a Markdown table, with the machine and date of each result: for the README."""
    lines = [
        "| benchmark | fontes | baseline (same run) | ratio | target | met |",
        "|---|---|---|---|---|---|",
    ]
    for result in results:
        for row in result["summary"]:
            met = "" if row["met"] is None else "yes" if row["met"] else "no"
            cells = [row["metric"].strip(), row["fontes"], row["baseline"], row["ratio"], row["target"], met]
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    runs = sorted(
        {(r["machine"]["date"][:10], r["machine"]["cores"], r["machine"]["python"]) for r in results}
    )
    lines.append("")
    lines.append(
        "Measured "
        + "; ".join(f"on {date} ({cores} cores, Python {python})" for date, cores, python in runs)
        + "."
    )
    return "\n".join(lines) + "\n"


def committed_results(folder=None) -> list[dict]:
    """The result files kept in benchmarks/results/, in the order the benchmarks run."""
    import json
    from pathlib import Path

    from benchmarks.__main__ import BENCHMARKS

    folder = Path(folder or Path(__file__).parent / "results")
    return [
        json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
        for name in BENCHMARKS
        if (folder / f"{name}.json").exists()
    ]
