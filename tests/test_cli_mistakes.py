"""Every row of tests/cli_mistakes.py (the table in docs/cli.md): one line, the right exit code,
no traceback, and no file written."""

from __future__ import annotations

import pytest
from cli_mistakes import MISTAKES, Mistake
from click.testing import CliRunner

from fontes.cli import cli

HERE = __import__("pathlib").Path(__file__).parent


@pytest.fixture(scope="module")
def places(tmp_path_factory):
    root = tmp_path_factory.mktemp("mistakes")
    (root / "folder").mkdir()
    (root / "empty.txt").write_text("")
    (root / "essay.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    (root / "data.json").write_text('{\n  "not": "jsonl"\n}\n')
    db = root / "corpus.db"
    CliRunner().invoke(cli, ["ingest", str(HERE / "fixtures" / "jsonl" / "documents.jsonl"), "--db", str(db)])
    return {
        "{missing}": root / "nope.txt",
        "{dir}": root / "folder",
        "{empty}": root / "empty.txt",
        "{pdf}": root / "essay.pdf",
        "{json}": root / "data.json",
        "{db}": db,
        "{nodb}": root / "missing.db",
        "{out}": root / "no" / "such" / "dir" / "out",
    }


def listing(root):
    return sorted(p.relative_to(root) for p in root.rglob("*"))


@pytest.mark.parametrize("mistake", MISTAKES, ids=lambda m: m.shown)
def test_a_mistake_gets_one_line_and_writes_nothing(mistake: Mistake, places, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # a command that wrongly writes beside itself would write here
    args = []
    for arg in mistake.args:
        for key, path in places.items():
            arg = arg.replace(key, str(path))
        args.append(arg)
    root = places["{dir}"].parent
    before = listing(root)
    result = CliRunner().invoke(cli, args, prog_name="fontes")
    lines = [
        line for line in result.output.splitlines() if line.strip() and not line.startswith("ingesting ")
    ]
    assert result.exit_code == mistake.code, result.output
    assert "Traceback" not in result.output
    assert mistake.says in result.output, result.output
    errors = [line for line in lines if line.startswith(("Error:", "failed:")) or ": " in line]
    assert errors, result.output
    if mistake.code == 2:
        assert len([line for line in lines if line.startswith("Error:")]) == 1, result.output
    assert listing(root) == before
    assert list(tmp_path.iterdir()) == []
