"""Load and validate a case folder, and write one back."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fontes.case.check import parse_likelihood, read_case
from fontes.case.write import write_case
from fontes.case.yaml_files import Problem
from fontes.errors import CaseError
from fontes.model import Case

BUILTIN_CASE = "korea-1950"

__all__ = [
    "BUILTIN_CASE",
    "Problem",
    "builtin_case_path",
    "check_case",
    "load_case",
    "line_of_entry",
    "parse_likelihood",
    "read_case",
    "write_case",
]


def builtin_case_path(name: str = BUILTIN_CASE) -> Path:
    """The folder of a case shipped with fontes."""
    path = Path(str(resources.files("fontes") / "cases" / name))
    if not path.is_dir():
        raise CaseError(f"no built-in case {name!r}", hint=f"the built-in case is {BUILTIN_CASE}")
    return path


def line_of_entry(path: str | Path, entry_id: str) -> int | None:
    """The line where the list entry with this id starts in a YAML file, if it can be found."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    for number, line in enumerate(lines, 1):
        stripped = line.strip().lstrip("-").strip()
        if stripped.startswith("id:") and stripped[3:].strip().strip("'\"") == entry_id:
            return number
    return None


def check_case(folder: str | Path | None = None) -> list[Problem]:
    """Every problem of a case folder (the built-in case when none is given)."""
    return read_case(folder or builtin_case_path())[1]


def load_case(folder: str | Path | None = None) -> Case:
    """Load a case folder, or raise CaseError naming its first problem and how many follow."""
    case, problems = read_case(folder or builtin_case_path())
    if problems or case is None:
        first = (
            problems[0]
            if problems
            else Problem(str(folder), None, "", "cannot be loaded; run fontes check-case")
        )
        more = f" (and {len(problems) - 1} more problems: run fontes check-case)" if len(problems) > 1 else ""
        raise CaseError(
            f"{first.field + ': ' if first.field else ''}{first.message}{more}",
            file=first.file,
            line=first.line,
        )
    return case
