"""Standard exports of a case: JSON, the ACH matrix as CSV, TimelineJS, GraphML, CSL-JSON, .achz, AIF.

    export_case(case, verdict, "graphml")  ->  str (bytes for achz)

Formats that show the reasoning (json, csv, achz, aif) weigh the case when no verdict
is given; the others need only the case.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fontes.errors import FontesError
from fontes.files import write_atomically
from fontes.model import Case
from fontes.reason.verdict import Verdict
from fontes.report.exports.ach_csv import ach_csv
from fontes.report.exports.achz import achz_bytes
from fontes.report.exports.aif import aif_json
from fontes.report.exports.case_json import case_json
from fontes.report.exports.csl_json import csl_json
from fontes.report.exports.graphml import graphml
from fontes.report.exports.timelinejs import timelinejs_json

_WITH_VERDICT: dict[str, Callable[[Case, Verdict], str | bytes]] = {
    "json": case_json,
    "csv": ach_csv,
    "achz": achz_bytes,
    "aif": aif_json,
}
_CASE_ONLY: dict[str, Callable[[Case], str]] = {
    "timelinejs": timelinejs_json,
    "graphml": graphml,
    "csl-json": csl_json,
}

#: Every format, in the order the CLI lists them.
FORMATS = ("json", "csv", "timelinejs", "graphml", "csl-json", "achz", "aif")

#: The usual file name ending of each format.
SUFFIXES = {"json": ".json", "csv": ".csv", "timelinejs": ".timeline.json", "graphml": ".graphml",
            "csl-json": ".csl.json", "achz": ".achz", "aif": ".aif.json"}


class ExportError(FontesError):
    """An export that cannot be made as asked (unknown format, binary to a terminal, ...)."""


def export_case(case: Case, verdict: Verdict | None, fmt: str) -> str | bytes:
    """The case in format `fmt`: text for every format but `achz`, which is a zip (bytes)."""
    if fmt in _CASE_ONLY:
        return _CASE_ONLY[fmt](case)
    if fmt not in _WITH_VERDICT:
        raise ExportError(f"unknown export format {fmt!r}", field="--format", hint=f"use one of: {', '.join(FORMATS)}")
    if verdict is None:
        from fontes.reason import weigh

        verdict = weigh(case)
    return _WITH_VERDICT[fmt](case, verdict)


def write_export(data: str | bytes, output: str | Path) -> Path:
    """Write an export to `output` atomically (a temporary file renamed into place)."""
    return write_atomically(output, data)


__all__ = ["FORMATS", "SUFFIXES", "ExportError", "export_case", "write_export"]
