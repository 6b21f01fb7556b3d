"""Write a case back to a folder of YAML files, in the format it was read from, whole or not at all.

The files are written into a temporary folder beside the target, which is then renamed into
place: a killed process leaves either the whole case or none of it (and a hidden `.*.tmp`
folder). Into a folder that already holds other files they are moved one by one, case.yaml
last, so the folder is never a case made of some new files and some missing or old ones.
"""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from fontes.case.yaml_files import CASE_FILES
from fontes.errors import CaseError
from fontes.files import refuse_missing_folder
from fontes.model import LIKELIHOOD_WORDS, Case

_WORD_OF = {v: k for k, v in LIKELIHOOD_WORDS.items()}


def _likelihood(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    return _WORD_OF.get(value, value)


def _rows(bears_on: dict) -> dict:
    """question -> hypothesis -> likelihood as YAML writes it: words back, ranges as [low, high]."""
    return {q: {h: _likelihood(v) for h, v in row.items()} for q, row in bears_on.items()}


def case_documents(case: Case) -> dict[str, Any]:
    """The YAML documents of a case, one per file, as plain data."""
    head = case.model_dump(include={"id", "title", "description", "default_school"}, exclude_none=True)
    head = {k: v for k, v in head.items() if v != ""}
    head["questions"] = [q.model_dump(exclude_defaults=True) for q in case.questions]
    head["schools"] = [s.model_dump(exclude_defaults=True) for s in case.schools]
    evidence = []
    for item in case.evidence:
        data = item.model_dump(exclude_defaults=True)
        data["bears_on"] = _rows(item.bears_on)
        for school, reading in item.readings.items():
            data["readings"][school]["bears_on"] = _rows(reading.bears_on)
        evidence.append(data)
    return {
        "case": head,
        "actors": [a.model_dump(exclude_defaults=True) for a in case.actors],
        "sources": [s.model_dump(exclude_defaults=True) for s in case.sources],
        "events": [e.model_dump(exclude_defaults=True) for e in case.events],
        "evidence": evidence,
    }


def write_case(case: Case, folder: str | Path, *, overwrite: bool = False) -> Path:
    """Write `case` into `folder`, whole or not at all; a folder's case files are replaced only
    with `overwrite`."""
    folder = Path(folder)
    if not overwrite:
        _refuse_if_taken(folder)
    if not folder.exists():
        refuse_missing_folder(folder)  # its parent must exist: a typo must not create folders
    staging = _new_folder_beside(folder)
    try:
        _write_files(case, staging)
        _move_into_place(staging, folder, overwrite)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return folder


def _refuse_if_taken(folder: Path) -> None:
    """CaseError when `folder` holds any file of a case (it may be someone's work)."""
    taken = [f"{stem}.yaml" for stem in CASE_FILES if (folder / f"{stem}.yaml").exists()]
    if taken:
        raise CaseError(
            f"{folder} already holds a case ({', '.join(taken)})",
            hint="choose a new folder (-o NEW-FOLDER), or move the old case away",
        )


def _new_folder_beside(folder: Path) -> Path:
    """A new hidden folder next to `folder` (same file system, so a rename moves it at once)."""
    while True:
        staging = folder.parent / f".{folder.name or 'case'}.{secrets.token_hex(4)}.tmp"
        try:
            staging.mkdir()
            return staging
        except FileExistsError:
            continue


def _write_files(case: Case, staging: Path) -> None:
    """Each YAML file of the case into `staging`, flushed to the disk."""
    yaml = YAML()
    yaml.default_flow_style = None
    yaml.width = 100
    yaml.representer.add_representer(str, _quoted_if_uncertain)
    for stem, document in case_documents(case).items():
        if not document and stem in ("actors", "events"):
            continue
        with open(staging / f"{stem}.yaml", "x", encoding="utf-8") as out:
            yaml.dump(document, out)
            out.flush()
            os.fsync(out.fileno())


def _quoted_if_uncertain(representer, text: str):
    """A string holding '?' (an uncertain EDTF date, 1950-07-28?) quoted: in a {flow} mapping,
    YAML 1.1 readers (PyYAML without libyaml) take a plain one for a key indicator."""
    if "?" in text:
        return representer.represent_scalar("tag:yaml.org,2002:str", text, style="'")
    return representer.represent_str(text)


def _move_into_place(staging: Path, folder: Path, overwrite: bool) -> None:
    """Rename `staging` to `folder` at once; if `folder` holds files, move the case's files in."""
    if not _is_working_directory(folder):
        try:
            os.rename(staging, folder)  # atomic; replaces only a missing or empty folder
            return
        except OSError:
            if not folder.is_dir():
                raise CaseError(
                    f"{folder} cannot be written: it is not a folder", hint="choose a new folder"
                ) from None
    if not overwrite:
        _refuse_if_taken(folder)  # a case may have been written there since we looked
    (folder / "case.yaml").unlink(missing_ok=True)  # no case here until every file is the new one's
    for stem in CASE_FILES:
        if stem != "case":
            new = staging / f"{stem}.yaml"
            if new.exists():
                os.replace(new, folder / new.name)
            else:  # a file this case lacks must not stay behind from the old one
                (folder / new.name).unlink(missing_ok=True)
    os.replace(staging / "case.yaml", folder / "case.yaml")
    staging.rmdir()


def _is_working_directory(folder: Path) -> bool:
    """True when `folder` is the current directory (renaming over it would strand the shell in it)."""
    try:
        return folder.exists() and folder.samefile(Path.cwd())
    except OSError:
        return False
