"""A newcomer's mistakes at the command line, one row each: docs/cli.md prints this table and
tests/test_cli_mistakes.py runs every row.

Placeholders in `args`: {missing} a path that does not exist, {dir} a folder, {empty} an empty
file, {pdf} a PDF, {json} a JSON file that is not JSONL, {db} a corpus store with documents,
{nodb} a store path that does not exist, {out} an output path in a folder that does not exist.
"""

from __future__ import annotations

from typing import NamedTuple


class Mistake(NamedTuple):
    args: tuple[str, ...]
    what: str
    code: int
    says: str  # words the one-line error must hold

    @property
    def shown(self) -> str:
        names = {
            "{missing}": "nope.txt",
            "{dir}": "folder/",
            "{empty}": "empty.txt",
            "{pdf}": "essay.pdf",
            "{json}": "data.json",
            "{db}": "corpus.db",
            "{nodb}": "missing.db",
            "{out}": "no/such/dir/out",
        }
        words = []
        for arg in self.args:
            for key, name in names.items():
                arg = arg.replace(key, name)
            words.append(arg)
        return " ".join(words)


MISTAKES = [
    Mistake(("serach", "Ongjin"), "a misspelt command", 2, "did you mean search?"),
    Mistake(("report", "--colour"), "an unknown option", 2, "No such option"),
    Mistake(("search", "Ongjin", "--db", "{nodb}"), "search before any ingest", 2, "fontes ingest"),
    Mistake(("show", "frus1950v07-d25", "--db", "{nodb}"), "show before any ingest", 2, "no corpus store"),
    Mistake(("anchor", "some words", "--db", "{nodb}"), "anchor before any ingest", 2, "no corpus store"),
    Mistake(("audit", "{missing}", "--db", "{db}"), "an essay that does not exist", 2, "no such file"),
    Mistake(("audit", "{dir}", "--db", "{db}"), "a folder for an essay", 2, "is a directory"),
    Mistake(("audit", "{empty}", "--db", "{db}"), "an empty essay", 2, "is empty"),
    Mistake(("audit", "{pdf}", "--db", "{db}"), "a PDF essay", 2, "is a PDF"),
    Mistake(("audit", "{empty}", "--db", "{nodb}"), "audit before any ingest", 2, "is empty"),
    Mistake(
        ("anchor", "--batch", "{pdf}", "--db", "{db}"),
        "a batch that is not JSONL text",
        2,
        "is not UTF-8 text",
    ),
    Mistake(("anchor", "--batch", "{json}", "--db", "{db}"), "a JSON file as a batch", 1, "each line needs"),
    Mistake(("anchor", "--batch", "{dir}", "--db", "{db}"), "a folder for a batch", 2, "is a directory"),
    Mistake(
        ("ingest", "{missing}", "--db", "{nodb}"), "ingest a path that does not exist", 1, "does not exist"
    ),
    Mistake(("ingest", "{empty}", "--db", "{nodb}"), "ingest an empty file", 1, "is empty"),
    Mistake(("ingest", "{pdf}", "--db", "{nodb}"), "ingest a PDF", 1, "not a corpus document"),
    Mistake(("check-case", "{missing}"), "a case folder that does not exist", 1, "is not a case folder"),
    Mistake(("check-case", "--db", "{nodb}"), "check quotations before any ingest", 2, "no corpus store"),
    Mistake(("report", "--case", "{empty}"), "a file for a case folder", 2, "is a file"),
    Mistake(
        ("report", "--html", "{out}"), "an HTML report into a folder that does not exist", 2, "does not exist"
    ),
    Mistake(
        ("export", "--format", "csv", "-o", "{out}"),
        "an export into a folder that does not exist",
        2,
        "does not exist",
    ),
    Mistake(("import", "--format", "achz", "{json}"), "a JSON file given as an ACH matrix", 2, "achz"),
    Mistake(("import", "--format", "achz", "{missing}"), "an ACH file that does not exist", 2, "nope.txt"),
    Mistake(("serve", "--essay", "{pdf}"), "serve an essay it cannot read", 2, "is a PDF"),
]
