"""Standard exports of a case, one registry entry per format (a new format is one `Format` line).

    export_case(case, verdict, "graphml")  ->  str (bytes for achz)

Formats that show the reasoning (json, csv, achz, aif) weigh the case when no verdict is
given; the others need only the case. An .achz holds one question's matrix: choose it with
`question`, or write a file per question with `write_per_question`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fontes.errors import FontesError
from fontes.files import refuse_missing_folder, write_atomically
from fontes.model import Case
from fontes.reason.verdict import Verdict
from fontes.report.exports.ach_csv import ach_csv
from fontes.report.exports.achz import achz_bytes, achz_files
from fontes.report.exports.aif import aif_json
from fontes.report.exports.annotations import annotations_json
from fontes.report.exports.case_json import case_json
from fontes.report.exports.csl_json import csl_json
from fontes.report.exports.graphml import graphml
from fontes.report.exports.timelinejs import timelinejs_json


@dataclass(frozen=True)
class Format:
    """One export: its name, file ending, what it is for, and the function that writes it."""

    name: str
    suffix: str
    description: str
    write: Callable[..., str | bytes]
    needs_verdict: bool = False
    needs_store: bool = False  # anchors quotations in the corpus


REGISTRY: dict[str, Format] = {
    f.name: f
    for f in (
        Format("json", ".json", "case and verdict, fontes.case/1", case_json, needs_verdict=True),
        Format("csv", ".csv", "ACH matrix", ach_csv, needs_verdict=True),
        Format("timelinejs", ".timeline.json", "TimelineJS3 slides", timelinejs_json),
        Format("graphml", ".graphml", "who wrote to whom", graphml),
        Format("csl-json", ".csl.json", "sources for Zotero", csl_json),
        Format(
            "achz",
            ".achz",
            "one question's ACH matrix, as Open Source ACH imports it",
            achz_bytes,
            needs_verdict=True,
        ),
        Format("aif", ".aif.json", "argument graph", aif_json, needs_verdict=True),
        Format(
            "annotations",
            ".annotations.json",
            "W3C Web Annotations of every evidence quotation",
            annotations_json,
            needs_store=True,
        ),
    )
}

#: Every format, in the order the CLI lists them.
FORMATS = tuple(REGISTRY)

#: The usual file name ending of each format.
SUFFIXES = {name: f.suffix for name, f in REGISTRY.items()}


class ExportError(FontesError):
    """An export that cannot be made as asked (unknown format, binary to a terminal, ...)."""


def _weighed(case: Case, verdict: Verdict | None) -> Verdict:
    if verdict is not None:
        return verdict
    from fontes.reason import weigh

    return weigh(case)


def export_case(
    case: Case, verdict: Verdict | None, fmt: str, question: str | None = None, store=None
) -> str | bytes:
    """The case in format `fmt`: text for every format but `achz` (gzip bytes of the matrix of `question`).

    `annotations` needs the corpus `store` its quotations are anchored in."""
    found = REGISTRY.get(fmt)
    if found is None:
        raise ExportError(
            f"unknown export format {fmt!r}", field="--format", hint=f"use one of: {', '.join(FORMATS)}"
        )
    if found.needs_store:
        if store is None:
            raise ExportError(
                f"{fmt} anchors the quotations in the corpus, and no corpus store was given",
                field="--db",
                hint="ingest the corpus first (fontes ingest) or give --db",
            )
        return found.write(case, store)
    if fmt == "achz":
        return achz_bytes(case, _weighed(case, verdict), question)
    return found.write(case, _weighed(case, verdict)) if found.needs_verdict else found.write(case)


def write_per_question(case: Case, verdict: Verdict | None, folder: str | Path) -> list[Path]:
    """One .achz file per question in `folder` (QUESTION-ID.achz), each written atomically."""
    folder = Path(folder)
    if not folder.is_dir():
        refuse_missing_folder(folder)  # its parent must exist: a typo makes no tree of folders
        folder.mkdir()
    return [
        write_atomically(folder / f"{qid}.achz", data)
        for qid, data in achz_files(case, _weighed(case, verdict)).items()
    ]


def write_export(data: str | bytes, output: str | Path) -> Path:
    """Write an export to `output` atomically (a temporary file renamed into place)."""
    return write_atomically(output, data)


__all__ = [
    "FORMATS",
    "REGISTRY",
    "SUFFIXES",
    "ExportError",
    "Format",
    "export_case",
    "write_export",
    "write_per_question",
]
