"""The `fontes` command: thin commands over the Python API.

Heavy imports (numpy, rich) happen inside the commands so that `fontes --help` is fast.
Exit codes: 0 done; 1 findings or failed lines (check-case problems, audit --fail-on, a
batch or ingest with bad lines); 2 a usage or input error, printed on one line.
"""

from __future__ import annotations

import difflib
import json
import sys
from pathlib import Path
from typing import Any

import click

from fontes import __version__
from fontes.errors import FontesError

#: Exit codes (docs/cli.md lists them): findings or failed lines, and usage or input errors.
EXIT_FINDINGS, EXIT_USAGE = 1, 2


class FontesGroup(click.Group):
    """The `fontes` group: every error on one line (no traceback, no usage dump), exit code 2."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)  # type: ignore[call-overload]
        except click.exceptions.NoArgsIsHelpError as exc:
            click.echo(exc.ctx.get_help() if exc.ctx else str(exc), err=True)
            sys.exit(EXIT_USAGE)
        except click.UsageError as exc:
            command = exc.ctx.command_path if exc.ctx else "fontes"
            click.echo(f"Error: {exc.format_message()} (see {command} --help)", err=True)
            sys.exit(EXIT_USAGE)
        except click.ClickException as exc:
            click.echo(f"Error: {exc.format_message()}", err=True)
            sys.exit(EXIT_USAGE)
        except click.Abort:
            click.echo("Aborted.", err=True)
            sys.exit(EXIT_FINDINGS)
        except FontesError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(EXIT_USAGE)
        except BrokenPipeError:  # `fontes report | head`: the reader has what it wanted
            sys.stderr.close()
            sys.exit(0)
        sys.exit(code if isinstance(code, int) else 0)

    def resolve_command(self, ctx: click.Context, args: list[str]):
        """The command named first in `args`; an unknown one names its nearest ("serach" -> search)."""
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            near = difflib.get_close_matches(name, self.list_commands(ctx), n=1, cutoff=0.6)
            if near:
                raise click.UsageError(f"no command {name!r}; did you mean {near[0]}?", ctx)
            raise click.UsageError(
                f"no command {name!r}; the commands are {', '.join(self.list_commands(ctx))}", ctx
            )
        return super().resolve_command(ctx, args)


case_option = click.option(
    "--case",
    "case_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Case folder (default: the built-in korea-1950 case).",
)
db_option = click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Corpus store (default: $FONTES_DB, else the user's data folder).",
)


def optional_store(db_path: str | None):
    """The store for a view that a corpus only enriches (see corpus_if_any), opened; or None."""
    from fontes.corpus import Store, corpus_if_any

    path = corpus_if_any(db_path)
    return Store(path) if path is not None else None


def progress_bar(description: str):
    """A rich progress bar on stderr, and the callback that advances it.

    When stderr is not a terminal (a log, a CI job) a line is printed for each step instead,
    so that a long run is never silent.
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    )
    task = bar.add_task(description, total=None)

    def advance(done: int, total: int, name: str) -> None:
        if console.is_terminal:
            bar.update(task, completed=done, total=total)
        else:
            click.echo(f"{description} {done}/{total} {name}", err=True)

    return bar, advance


def refuse_missing_folder(path: str | None) -> None:
    """Refuse an output path whose folder does not exist before any work is done."""
    if path:
        from fontes.files import refuse_missing_folder as refuse

        refuse(path)


@click.group(cls=FontesGroup)
@click.version_option(__version__, prog_name="fontes")
def cli() -> None:
    """Weigh contested historical claims against the primary sources."""


@cli.command(name="check-case")
@click.argument("case_dir", required=False, type=click.Path(file_okay=False))
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Also anchor every evidence quotation in this corpus store and report any "
    "that is not verbatim in its source.",
)
def check_case_command(case_dir: str | None, db_path: str | None) -> None:
    """Check a case folder and list every problem, one line each (file:line: field: what).

    Exits 0 when the case is clean, 1 otherwise. CASE_DIR defaults to the built-in case.
    """
    from fontes.case import builtin_case_path, read_case

    folder = Path(case_dir) if case_dir else builtin_case_path()
    case, problems = read_case(folder)
    lines = [str(p) for p in problems]
    if db_path and case is not None:
        lines += quote_problems(case, folder, db_path)
    for line in lines:
        click.echo(line)
    if lines:
        click.echo(f"{len(lines)} problem{'s' if len(lines) != 1 else ''} in {folder}", err=True)
        sys.exit(EXIT_FINDINGS)
    click.echo(f"{folder}: no problems", err=True)


def quote_problems(case, folder: Path, db_path: str) -> list[str]:
    """One line for each evidence quotation that is not verbatim in its source."""
    from fontes.anchor.case_quotes import check_quotes
    from fontes.case import line_of_entry
    from fontes.corpus import open_corpus

    with open_corpus(db_path) as store:
        checks = check_quotes(case, store)
    where = f"{folder.name}/evidence.yaml"
    lines = []
    for check in checks:
        if not check.ok:
            line = line_of_entry(folder / "evidence.yaml", check.item.id)
            lines.append(f"{where}{f':{line}' if line else ''}: {check.item.id}: quote: {check.problem()}")
    return lines


@cli.command()
@case_option
@click.option(
    "--school", default=None, help="School whose priors to use (default: the case's default_school)."
)
@click.option(
    "--draws",
    default=4000,
    show_default=True,
    type=click.IntRange(min=1),
    help="Monte Carlo draws for intervals and P(top).",
)
@click.option("--seed", default=0, show_default=True, type=int, help="Seed of the draws.")
@click.option("--json", "as_json", is_flag=True, help="Print the fontes.report/1 JSON instead.")
@click.option(
    "--html",
    "html_out",
    type=click.Path(dir_okay=False),
    default=None,
    help="Also write the whole report as one self-contained HTML file (works offline).",
)
@click.option(
    "--essay",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="With --html: audit this essay and add its findings to the HTML report.",
)
@db_option
def report(
    case_dir: str | None,
    school: str | None,
    draws: int,
    seed: int,
    as_json: bool,
    html_out: str | None,
    essay: str | None,
    db_path: str | None,
) -> None:
    """Weigh the case and report, for each question, the hypotheses and the evidence that decides.

    Shows posteriors with 90% intervals and P(top) (the spread from the stated likelihood ranges
    only), the weightiest evidence for and against the leader, pivotal items, the flip set (the
    fewest readings that would make the runner-up lead), the horizon and the items after it,
    each school's own conclusion and leader, the ACH ranking beside it, and the sources no item
    weighs (with a corpus store, those it lacks).
    With --html, also writes charts, the ACH matrix, the timeline, the network and evidence
    cards (quotations shown in their sources when a corpus store is there).
    """
    from fontes.case import load_case
    from fontes.reason import weigh
    from fontes.report import print_report, report_data

    if essay and not html_out:
        raise click.UsageError("--essay needs --html")
    refuse_missing_folder(html_out)
    case = load_case(case_dir)
    verdict = weigh(case, school=school, draws=draws, seed=seed)
    if html_out:
        write_html_report(case, verdict, html_out, essay, db_path)
    store = optional_store(db_path)  # only to say which unweighed sources the corpus lacks
    try:
        if as_json:
            click.echo(json.dumps(report_data(case, verdict, store), indent=2, ensure_ascii=False))
        else:
            print_report(case, verdict, store=store)
    finally:
        if store is not None:
            store.close()


def write_html_report(case, verdict, html_out: str, essay: str | None, db_path: str | None) -> None:
    """Render the HTML report (with the essay's audit when given) and write it atomically."""
    from fontes.report.audit_views import write_text_atomically
    from fontes.report.html import render_report_html

    store = optional_store(db_path)
    try:
        audit = None
        if essay:
            from fontes import audit_essay

            audit = audit_essay(essay, case, store)
        write_text_atomically(html_out, render_report_html(case, verdict, store=store, audit=audit))
    finally:
        if store is not None:
            store.close()
    click.echo(f"wrote {html_out}", err=True)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@db_option
def ingest(paths: tuple[str, ...], db_path: str | None) -> None:
    """Add archival files to the corpus store: JSONL, FRUS TEI XML, Wilson Center pages, Markdown.

    The format is recognised from each file's content; folders are walked. A bad file or record
    is reported on one line and the rest go on; each file is stored whole or not at all.
    Exits 1 when anything failed.
    """
    from fontes.corpus import ingest_into_store

    bar, advance = progress_bar("ingesting")
    with bar:
        summary, held, where = ingest_into_store(paths, db_path, progress=advance)
    for line in summary.failed:
        click.echo(f"failed: {line}", err=True)
    click.echo(
        f"{summary.added} added, {summary.updated} updated, {summary.unchanged} unchanged, "
        f"{len(summary.failed)} failed "
        + (f"({held} documents in {where})" if where.exists() else "(nothing stored, no store written)")
    )
    if summary.failed:
        sys.exit(EXIT_FINDINGS)


@cli.command()
@click.argument("query", required=False, default="")
@click.option(
    "--from", "date_from", metavar="EDTF", help="Only documents dated on or after this (1950-05, 1950-06-25)."
)
@click.option("--to", "date_to", metavar="EDTF", help="Only documents dated on or before this.")
@click.option(
    "--author", help="Only documents by this author; a case actor's aliases count (Filippov finds Stalin)."
)
@click.option("--recipient", help="Only documents to this recipient; aliases count as for --author.")
@click.option("--archive", help="Only documents whose archive name contains this.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=1), help="How many hits.")
@click.option("--json", "as_json", is_flag=True, help="Print the hits as JSON.")
@case_option
@db_option
def search(
    query: str,
    date_from,
    date_to,
    author,
    recipient,
    archive,
    limit: int,
    as_json: bool,
    case_dir: str | None,
    db_path: str | None,
) -> None:
    """Search the corpus by words, dates, authors, recipients and archive, best hits first.

    Every word must match, in any of its forms (attack finds attacked); "two words" is a
    phrase and telegra* a prefix.
    """
    from fontes.case import load_case
    from fontes.case.actors import names_for
    from fontes.corpus import open_corpus
    from fontes.report.corpus_views import print_hits

    case = load_case(case_dir) if (author or recipient) else None
    with open_corpus(db_path) as store:
        store.refuse_if_empty()
        hits = store.search(
            query,
            date_from=date_from,
            date_to=date_to,
            authors=names_for(case, author) if author else None,
            recipients=names_for(case, recipient) if recipient else None,
            archive=archive,
            limit=limit,
        )
    if as_json:
        click.echo(
            json.dumps(
                {"schema": "fontes.search/1", "query": query, "hits": [hit.__dict__ for hit in hits]},
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        print_hits(hits)


@cli.command()
@click.argument("source_id")
@click.option("--json", "as_json", is_flag=True, help="Print the document as JSON.")
@db_option
def show(source_id: str, as_json: bool, db_path: str | None) -> None:
    """Print one source of the corpus with its metadata, text and notes."""
    from fontes.corpus import open_corpus
    from fontes.errors import CorpusError
    from fontes.report.corpus_views import print_document

    with open_corpus(db_path) as store:
        doc = store.get(source_id)
        if doc is None:
            raise CorpusError(
                f"no source {source_id!r} in {store.path}",
                hint="find ids with fontes search, or fontes ingest the document",
            )
    if as_json:
        click.echo(doc.model_dump_json(indent=2))
    else:
        print_document(doc)


@cli.command()
@case_option
@db_option
@click.option(
    "--min-interval",
    default=1.0,
    show_default=True,
    type=click.FloatRange(min=0),
    help="Seconds between two requests to one archive.",
)
def pull(case_dir: str | None, db_path: str | None, min_interval: float) -> None:
    """Fetch the case's sources from their archives (FRUS TEI volumes, Wilson Center pages).

    Every download is cached beside the store and never fetched twice; failures are retried
    politely. Sources whose archive fontes cannot fetch from are listed as skipped.
    FONTES_FRUS_TEI_BASE and FONTES_WCDA_BASE point the fetches at a mirror.
    """
    from fontes.case import load_case
    from fontes.corpus import open_corpus
    from fontes.corpus.pull import pull_sources

    case = load_case(case_dir)
    with open_corpus(db_path, create=True) as store:
        bar, advance = progress_bar("pulling")
        with bar:
            summary = pull_sources(case, store, min_interval=min_interval, progress=advance)
    for line in summary.skipped:
        click.echo(f"skipped: {line}", err=True)
    for line in summary.failed:
        click.echo(f"failed: {line}", err=True)
    click.echo(
        f"{summary.stored} stored ({summary.fetched} fetched, {summary.cached} from the cache), "
        f"{len(summary.skipped)} skipped, {len(summary.failed)} failed"
    )
    if summary.failed:
        sys.exit(EXIT_FINDINGS)


@cli.command()
@click.argument("quotation", required=False)
@click.option("--source", "source_id", help="Look only in this source (by id).")
@click.option(
    "--batch",
    type=click.Path(dir_okay=False),
    help='A JSONL file of {"id", "quote", "source"?} lines; writes one JSON line per input.',
)
@click.option("--workers", type=click.IntRange(min=1), help="Processes for --batch (default: every core).")
@click.option(
    "--dask",
    "dask_address",
    metavar="ADDRESS",
    help="Run --batch on this Dask scheduler (tcp://host:8786), over the partitions of --parquet.",
)
@click.option(
    "--parquet",
    "parquet_dir",
    type=click.Path(file_okay=False),
    help="The corpus partitions for --dask, written by `fontes export-corpus --parquet DIR`.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the anchor as JSON.")
@click.option(
    "--annotation",
    is_flag=True,
    help='Print a full W3C Web Annotation (batch: an "annotation" field on each line).',
)
@db_option
def anchor(
    quotation: str | None,
    source_id: str | None,
    batch: str | None,
    workers: int | None,
    dask_address: str | None,
    parquet_dir: str | None,
    as_json: bool,
    annotation: bool,
    db_path: str | None,
) -> None:
    """Find where a quotation sits in the corpus and how faithful it is.

    The class is verbatim, near-verbatim, misquote (a negation, number, date or name differs,
    or a question is put as a statement), paraphrase, or not-found. Only the few documents an index names are aligned. With
    --batch, every good line is answered (on every core, or on a Dask cluster) and every bad
    one named (exit 1 if any).
    """
    from fontes.anchor import anchor_quote
    from fontes.anchor.batch import anchor_batch, read_batch_text
    from fontes.corpus import open_corpus
    from fontes.report.exports.annotations import anchor_annotation

    if (quotation is None) == (batch is None):
        raise click.UsageError("give a QUOTATION or --batch FILE, not both and not neither")
    if (dask_address is None) != (parquet_dir is None) or (dask_address and batch is None):
        raise click.UsageError("--dask ADDRESS goes with --parquet DIR and --batch FILE")
    if batch is not None:
        read_batch_text(batch)  # a file that is not JSONL text is refused before the store is opened
    with open_corpus(db_path) as store:
        store.refuse_if_empty()
        if quotation is not None:
            result = anchor_quote(quotation, store, source_id=source_id)
            if annotation:
                click.echo(
                    json.dumps(anchor_annotation(result, store, quotation), indent=2, ensure_ascii=False)
                )
            elif as_json:
                click.echo(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
            else:
                print_anchor(quotation, result, store)
            return
        failed = 0
        dask = (dask_address, parquet_dir) if dask_address and parquet_dir else None
        assert batch is not None  # a QUOTATION or --batch, checked above
        for line in anchor_batch(batch, store.path, source_id=source_id, workers=workers, dask=dask):
            if line.anchor is None:
                failed += 1
                click.echo(f"{batch}:{line.number}: {line.problem}", err=True)
                continue
            line_json = line.anchor.to_json(line.id)
            if annotation:
                line_json["annotation"] = anchor_annotation(
                    line.anchor, store, line.quote, None if line.id is None else str(line.id)
                )
            click.echo(json.dumps(line_json, ensure_ascii=False))
    if failed:
        sys.exit(EXIT_FINDINGS)


def print_anchor(quotation: str, result, store) -> None:
    """One anchor in the terminal: class, source and its words, and what differs."""
    from rich.console import Console
    from rich.text import Text

    console = Console()
    line = Text(result.fidelity, style="bold green" if result.fidelity == "verbatim" else "bold yellow")
    if result.source:
        doc = store.get(result.source)
        line.append(f"  {result.source}", style="bold")
        line.append(f"  {doc.source.title if doc else ''}", style="dim")
        line.append(f"  score {result.score:.2f}")
    console.print(line)
    if result.selector:
        words = Text("  …" + result.selector.prefix, style="dim")
        words.append(result.selector.exact, style="bold")
        words.append(result.selector.suffix + "…", style="dim")
        console.print(words)
        console.print(Text(f"  characters {result.start}–{result.end}", style="dim"))
    for d in result.diff:
        console.print(
            Text(
                f"  quotation {d.quote!r} ≠ source {d.source!r}" + (f"  ({d.meaning})" if d.meaning else ""),
                style="red" if d.meaning else "",
            )
        )


@cli.command()
@click.argument("essay", type=click.Path(dir_okay=False))
@click.option(
    "--case",
    "case_dir",
    default=None,
    metavar="DIRECTORY",
    help="Case folder, or `builtin` for the built-in korea-1950 case (default: the built-in case only "
    "when the essay's subject matches it, else the corpus and the essay alone).",
)
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the fontes.audit/1 JSON instead.")
@click.option(
    "--html",
    "html_out",
    type=click.Path(dir_okay=False),
    help="Also write the essay with its findings marked as one HTML file.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning"]),
    default=None,
    help="Exit 1 when there is a finding this severe (warning: a warning or an error), for CI "
    "and pre-commit checks.",
)
def audit(
    essay: str,
    case_dir: str | None,
    db_path: str | None,
    as_json: bool,
    html_out: str | None,
    fail_on: str | None,
) -> None:
    """Check an essay's citations, quotations, dates and names against the sources.

    Reads plain text, Markdown or .docx. Findings come in the order of the essay, each with its
    kind, severity, location and the evidence it rests on. Quotations are checked only when a
    corpus store is there (--db, or the default store).
    """
    from fontes import audit_essay, load_case
    from fontes.audit.reading.read import read_essay
    from fontes.corpus import open_corpus
    from fontes.report.audit_views import print_audit, render_audit_html, write_text_atomically

    refuse_missing_folder(html_out)
    read_essay(
        essay, refuse_empty=True
    )  # an essay that cannot be read is refused before anything else is opened
    case = None if case_dir is None else load_case(None if case_dir == "builtin" else case_dir)
    store = open_corpus(db_path)
    try:
        bar, advance = progress_bar("auditing")
        with bar:
            report = audit_essay(essay, case, store, progress=advance)
    finally:
        if store is not None:
            store.close()
    if html_out:
        write_text_atomically(html_out, render_audit_html(report, report.text))
    if as_json:
        click.echo(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    else:
        print_audit(report)
    if fail_on and report.fails_on(fail_on):
        sys.exit(EXIT_FINDINGS)


EXPORT_FORMATS = ("json", "csv", "timelinejs", "graphml", "csl-json", "achz", "aif", "annotations")


@cli.command(name="export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    required=True,
    help="json (case and verdict, fontes.case/1), csv (ACH matrix), timelinejs, graphml "
    "(who wrote to whom), csl-json (sources for Zotero), achz (one question's ACH matrix, "
    "for Open Source ACH), aif (argument graph), annotations (W3C Web Annotations of the quotations).",
)
@case_option
@db_option
@click.option("--question", default=None, help="achz: the question whose matrix to write.")
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    default=None,
    help="File to write (default: standard output; achz, gzip, needs -o or a pipe). "
    "achz of a case with several questions and no --question: a folder, one file per question.",
)
def export_command(
    fmt: str, case_dir: str | None, db_path: str | None, question: str | None, output: str | None
) -> None:
    """Export the case in a standard format for other tools."""
    from fontes.case import load_case
    from fontes.report.exports import ExportError, export_case, write_export, write_per_question

    case = load_case(case_dir)
    if fmt == "achz" and question is None and output and len(case.questions) > 1:
        for path in write_per_question(case, None, output):
            click.echo(f"wrote {path}", err=True)
        return
    refuse_missing_folder(output)
    if fmt == "annotations":
        store = optional_store(db_path)
        try:
            data = export_case(case, None, fmt, store=store)
        finally:
            if store is not None:
                store.close()
    else:
        data = export_case(case, None, fmt, question)
    if output:
        write_export(data, output)
        click.echo(f"wrote {output}", err=True)
    elif isinstance(data, bytes):
        if sys.stdout.isatty():
            raise ExportError(f"{fmt} is a binary file", field="--output", hint="give -o FILE or pipe it")
        sys.stdout.buffer.write(data)
    else:
        click.echo(data, nl=False)


@cli.command(name="export-corpus")
@click.option(
    "--parquet",
    "folder",
    required=True,
    type=click.Path(file_okay=False),
    help="Folder for the part-NNNNN.parquet files (needs pip install 'fontes[dask]').",
)
@click.option(
    "--rows", type=click.IntRange(min=1), default=50_000, show_default=True, help="Documents per partition."
)
@db_option
def export_corpus(folder: str, rows: int, db_path: str | None) -> None:
    """Write the corpus store as Parquet partitions, for `fontes anchor --batch --dask`."""
    from fontes.corpus import open_corpus
    from fontes.corpus.parquet import export_parquet
    from fontes.report.glossary import count

    with open_corpus(db_path) as store:
        written = export_parquet(store, folder, rows=rows)
        click.echo(f"{count(len(store), 'document')} in {count(len(written), 'partition')} in {folder}")


@cli.command(name="import")
@click.option("--format", "fmt", type=click.Choice(["achz"]), required=True, help="The file's format.")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False),
    default=None,
    help="Case folder to create (default: the first file's name without .achz).",
)
def import_command(fmt: str, files: tuple[str, ...], output: str | None) -> None:
    """Import ACH matrix files (.achz, PARC's gzip or fontes' older zip; one question each) as a new case folder."""
    from fontes.case import write_case
    from fontes.case.achz import import_achz, missing_positions
    from fontes.report.glossary import count

    case = import_achz(*files)
    folder = write_case(case, output or Path(files[0]).stem)
    hypotheses = sum(len(q.hypotheses) for q in case.questions)
    click.echo(
        f"wrote case {case.id} to {folder}: {count(len(case.questions), 'question')}, "
        f"{hypotheses} {'hypothesis' if hypotheses == 1 else 'hypotheses'}, "
        f"{count(len(case.evidence), 'evidence item')}. Check it with: fontes check-case {folder}"
    )
    missing = missing_positions(case)
    if missing:
        click.echo(
            f"Still to fill in ({len(missing)}): who holds each hypothesis (held_by) and what it "
            f"denies of its rivals (denies), which an ACH matrix does not say: {', '.join(missing)}"
        )


@cli.command()
@case_option
@db_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; the default lets only this machine in.",
)
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on."
)
@click.option(
    "--essay",
    "essay_path",
    type=click.Path(dir_okay=False, exists=True),
    default=None,
    help="Also audit this essay and show its findings on an Audit page.",
)
@click.option(
    "--save-root",
    type=click.Path(file_okay=False, exists=True),
    default=None,
    help="Folder in which the what-if panel may save new cases (default: the current folder).",
)
def serve(
    case_dir: str | None,
    db_path: str | None,
    host: str,
    port: int,
    essay_path: str | None,
    save_root: str | None,
) -> None:
    """Browse the case in a local web app, with a what-if panel on every question.

    Pages: the case, each question (ranking, evidence weights, ACH, schools), the timeline,
    the network, the evidence, a source reader with every evidence quote marked (with a
    corpus store), search, and the essay's audit (with --essay). In the what-if panel,
    change a school, a prior, any likelihood or credibility, or switch an item off, and
    the question is weighed again at once; "save as new case" writes the changes as a new
    case folder inside --save-root, never over an existing one. Stops with Ctrl-C.
    """
    from fontes.web.serve import serve as serve_app

    serve_app(case_dir, db_path, host=host, port=port, essay_path=essay_path, save_root=save_root)


def main() -> None:  # pragma: no cover - console script entry
    cli()
