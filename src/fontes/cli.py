"""The `fontes` command: thin commands over the Python API.

Heavy imports (numpy, rich) happen inside the commands so that `fontes --help` is fast.
A user's mistake is printed on one line and exits 1; usage errors exit 2.
"""

from __future__ import annotations

import json
import sys

import click

from fontes import __version__
from fontes.errors import FontesError


class FontesGroup(click.Group):
    """A click group that turns every FontesError into one line on stderr and exit code 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except FontesError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(1)


case_option = click.option(
    "--case", "case_dir", type=click.Path(file_okay=False), default=None,
    help="Case folder (default: the built-in korea-1950 case).")


@click.group(cls=FontesGroup)
@click.version_option(__version__, prog_name="fontes")
def cli() -> None:
    """Weigh contested historical claims against the primary sources."""


@cli.command(name="check-case")
@click.argument("case_dir", required=False, type=click.Path(file_okay=False))
def check_case_command(case_dir: str | None) -> None:
    """Check a case folder and list every problem, one line each (file:line: field: what).

    Exits 0 when the case is clean, 1 otherwise. CASE_DIR defaults to the built-in case.
    """
    from fontes.case import builtin_case_path, check_case

    folder = case_dir or builtin_case_path()
    problems = check_case(folder)
    for problem in problems:
        click.echo(str(problem))
    if problems:
        click.echo(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {folder}", err=True)
        sys.exit(1)
    click.echo(f"{folder}: no problems", err=True)


@cli.command()
@case_option
@click.option("--school", default=None, help="School whose priors to use (default: the case's default_school).")
@click.option("--draws", default=4000, show_default=True, type=click.IntRange(min=1),
              help="Monte Carlo draws for intervals and P(top).")
@click.option("--seed", default=0, show_default=True, type=int, help="Seed of the draws.")
@click.option("--json", "as_json", is_flag=True, help="Print the fontes.report/1 JSON instead.")
def report(case_dir: str | None, school: str | None, draws: int, seed: int, as_json: bool) -> None:
    """Weigh the case and report, for each question, the hypotheses and the evidence that decides.

    Shows posteriors with 90% intervals and P(top), the weightiest evidence for and against the
    leader, pivotal items, the posterior under every school, and the ACH ranking beside it.
    """
    from fontes.case import load_case
    from fontes.reason import weigh
    from fontes.report import print_report, report_data

    case = load_case(case_dir)
    verdict = weigh(case, school=school, draws=draws, seed=seed)
    if as_json:
        click.echo(json.dumps(report_data(case, verdict), indent=2, ensure_ascii=False))
    else:
        print_report(case, verdict)


def main() -> None:  # pragma: no cover - console script entry
    cli()
