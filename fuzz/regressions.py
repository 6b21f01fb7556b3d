"""Inputs that once crashed or hung a reader, kept in tests/fixtures/regressions/<reader>/."""

from __future__ import annotations

from pathlib import Path

from fuzz.formats.case import FOLDER, toy_files
from fuzz.paths import REGRESSIONS
from fuzz.sample import Sample


def regression_files() -> list[tuple[str, Path]]:
    """(reader, file) for every kept input, sorted."""
    return sorted((p.parent.name, p) for p in REGRESSIONS.glob("*/*") if p.is_file())


def regression_sample(reader: str, path: Path) -> Sample:
    """The input a kept file stands for. A case file `<name>.<stem>.yaml` replaces the toy case's
    `<stem>.yaml`; a date file holds one date; any other file is read as it is."""
    how = [f"regression {reader}/{path.name}"]
    if reader == "case":
        stem = path.name.rsplit(".", 2)[-2]
        return Sample({**toy_files(), f"{FOLDER}/{stem}.yaml": path.read_bytes()}, FOLDER, how)
    if reader == "dates":
        return Sample({"date.txt": path.read_bytes().rstrip(b"\n")}, "date.txt", how)
    return Sample({path.name: path.read_bytes()}, path.name, how)


def seed_bytes(reader: str, path: Path) -> bytes:
    """A kept input as the bytes an atheris target takes (its first byte picks the form where needed)."""
    from fuzz.formats.case import STEMS

    data = path.read_bytes()
    if reader == "case":
        return bytes([STEMS.index(path.name.rsplit(".", 2)[-2])]) + data
    if reader == "essay":
        return (b"\1" if path.suffix == ".docx" else b"\0") + data
    if reader == "achz":
        return b"\0" + data
    return data
