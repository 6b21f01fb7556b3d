"""The corpus commands: ingest, search, show and pull, as a user types them."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from fontes.cli import cli

FIXTURES = Path(__file__).parent / "fixtures"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_ingest_then_search_and_show(tmp_path):
    db = tmp_path / "corpus.db"
    result = run("ingest", FIXTURES / "jsonl" / "documents.jsonl", "--db", db)
    assert result.exit_code == 0, result.output
    assert "added, 0 updated, 0 unchanged, 0 failed" in result.output
    hits = json.loads(run("search", "Ongjin", "--db", db, "--json").output)
    assert hits["schema"] == "fontes.search/1"
    assert "frus-test-d1" in [h["id"] for h in hits["hits"]]
    assert "[[Ongjin]]" in hits["hits"][0]["snippet"]
    shown = run("show", "frus-test-d1", "--db", db)
    assert shown.exit_code == 0 and "North Korean forces crossed the parallel" in shown.output


def test_reingesting_the_same_files_reports_them_unchanged(tmp_path):
    db = tmp_path / "corpus.db"
    first = run("ingest", FIXTURES / "jsonl" / "documents.jsonl", "--db", db).output
    second = run("ingest", FIXTURES / "jsonl" / "documents.jsonl", "--db", db).output
    added = int(first.split(" added")[0].split()[-1])
    assert second.strip().splitlines()[-1].startswith(f"0 added, 0 updated, {added} unchanged")


def test_bad_records_are_named_and_the_rest_go_on(tmp_path):
    db = tmp_path / "corpus.db"
    result = run("ingest", FIXTURES / "jsonl" / "broken.jsonl", "--db", db)
    assert result.exit_code == 1
    failed = [line for line in result.output.splitlines() if line.startswith("failed: ")]
    assert failed and all("broken.jsonl:" in line for line in failed)
    assert "Traceback" not in result.output
    assert run("show", "broken-ok-1", "--db", db).exit_code == 0


def test_author_alias_from_the_case_finds_the_pseudonym(tmp_path):
    db = tmp_path / "corpus.db"
    doc = {
        "id": "cable-1",
        "title": "Ciphered telegram",
        "date": "1950-07-01",
        "authors": ["Feng Xi"],
        "recipients": ["Shtykov"],
        "archive": "Wilson Center Digital Archive",
        "text": "The attack must continue.",
    }
    (tmp_path / "one.jsonl").write_text(json.dumps(doc) + "\n")
    run("ingest", tmp_path / "one.jsonl", "--db", db)
    hits = json.loads(run("search", "--author", "Filippov", "--db", db, "--json").output)["hits"]
    assert [h["id"] for h in hits] == ["cable-1"]  # Filippov and Feng Xi are both Stalin
    assert json.loads(run("search", "--author", "Truman", "--db", db, "--json").output)["hits"] == []


def test_show_unknown_id_and_missing_file_are_one_line_errors(tmp_path):
    db = tmp_path / "corpus.db"
    run("ingest", FIXTURES / "jsonl" / "documents.jsonl", "--db", db)
    result = run("show", "nope", "--db", db)
    assert result.exit_code == 2 and result.output.startswith("Error: no source 'nope'")
    result = run("ingest", tmp_path / "missing.jsonl", "--db", db)
    assert result.exit_code == 1 and "missing.jsonl: does not exist" in result.output  # a failed line


def test_a_file_that_is_not_a_store_is_refused(tmp_path):
    bogus = tmp_path / "bogus.db"
    bogus.write_text("not sqlite at all " * 100)
    result = run("search", "x", "--db", bogus)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "bogus.db" in result.output


def stored_fixture(tmp_path) -> Path:
    db = tmp_path / "corpus.db"
    run("ingest", FIXTURES / "jsonl" / "documents.jsonl", "--db", db)
    return db


def test_anchor_verbatim_and_misquote_as_json(tmp_path):
    db = stored_fixture(tmp_path)
    quote = "North Korean forces crossed the parallel in the Ongjin area at about four this morning"
    found = json.loads(run("anchor", quote, "--db", db, "--json").output)
    assert (found["source"], found["fidelity"]) == ("frus-test-d1", "verbatim")
    assert found["selector"]["type"] == "TextQuoteSelector"
    assert found["selector"]["exact"].startswith("North Korean forces")
    changed = json.loads(run("anchor", quote.replace("four", "six"), "--db", db, "--json").output)
    assert changed["fidelity"] == "misquote"
    assert {"quote": "six", "source": "four"}.items() <= changed["diff"][0].items()


def test_anchor_batch_writes_one_line_per_input(tmp_path):
    db = stored_fixture(tmp_path)
    batch = tmp_path / "quotes.jsonl"
    batch.write_text(
        "\n".join(
            json.dumps(x)
            for x in [
                {"id": "q1", "quote": "North Korean forces crossed the parallel in the Ongjin area"},
                {
                    "id": "q2",
                    "quote": "The Emperor of Brazil telegraphed his congratulations to the Politburo.",
                },
                {"id": "q3", "quote": "crossed the parallel", "source": "frus-test-d1"},
            ]
        )
        + "\n"
    )
    result = run("anchor", "--batch", batch, "--db", db)
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.strip().splitlines()]
    assert [(x["id"], x["fidelity"]) for x in lines] == [
        ("q1", "verbatim"),
        ("q2", "not-found"),
        ("q3", "verbatim"),
    ]
    assert set(lines[0]) == {"id", "source", "start", "end", "fidelity", "score", "selector", "diff"}


def test_anchor_needs_a_quotation_or_a_batch(tmp_path):
    assert run("anchor", "--db", tmp_path / "c.db").exit_code == 2


def test_check_case_with_db_reports_quotes_that_are_not_verbatim(tmp_path, toy_case_dir):
    db = tmp_path / "corpus.db"
    doc = {
        "id": "s1",
        "title": "Letter from A to B",
        "date": "1950-05-13",
        "archive": "Example Archive",
        "text": "Here are the exact words of the source, and then some other exact words too.",
    }
    (tmp_path / "s1.jsonl").write_text(json.dumps(doc) + "\n")
    run("ingest", tmp_path / "s1.jsonl", "--db", db)
    assert run("check-case", toy_case_dir, "--db", db).exit_code == 0
    text = (toy_case_dir / "evidence.yaml").read_text().replace("other exact words", "other exact sayings")
    (toy_case_dir / "evidence.yaml").write_text(text)
    result = run("check-case", toy_case_dir, "--db", db)
    assert result.exit_code == 1
    assert "toy/evidence.yaml:7: e2: quote: is " in result.output and "not verbatim, in s1" in result.output


def test_audit_json_contract_and_html(tmp_path):
    essay = tmp_path / "essay.md"
    essay.write_text(
        "# On the war\n\nKim met Stalin on 5 March 1949 [1]. On 3 September 1949 Kim sent his secretary, Mum Il, to Tunkin [2].\n\n"
        "## References\n\n[1] Notes of a conversation, 1949.\n"
    )
    out = tmp_path / "audit.html"
    db = tmp_path / "corpus.db"
    run("ingest", FIXTURES / "jsonl" / "documents.jsonl", "--db", db)
    result = run("audit", essay, "--json", "--html", out, "--db", db)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output[result.output.index("{") :])
    assert data["schema"] == "fontes.audit/1" and set(data["summary"]) == {"error", "warning", "info"}
    kinds = {f["kind"] for f in data["findings"]}
    assert "marker-without-entry" in kinds and "name-variant" in kinds
    for finding in data["findings"]:
        assert set(finding) == {"kind", "severity", "location", "message", "excerpt", "evidence"}
        assert set(finding["location"]) == {"paragraph", "sentence", "start", "end", "marker", "label"}
    html = out.read_text()
    assert "Mum Il" in html and "<mark" in html


def test_audit_of_a_missing_essay_is_a_usage_error(tmp_path):
    result = run("audit", tmp_path / "nope.md")
    assert result.exit_code in (1, 2) and "Traceback" not in result.output


def test_search_in_an_empty_store_says_the_corpus_is_empty_not_no_hits(tmp_path):
    db = tmp_path / "corpus.db"
    from fontes.corpus import Store

    Store(db).close()
    result = run("search", "Ongjin", "--db", db)
    assert result.exit_code == 2 and "the corpus is empty" in result.output


def test_search_without_a_store_refuses_and_creates_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("FONTES_DB", str(tmp_path / "data" / "corpus.db"))
    result = run("search", "Ongjin")
    assert result.exit_code == 2 and "fontes ingest" in result.output
    assert not (tmp_path / "data").exists()


def test_audit_fail_on_sets_the_exit_code_for_ci(tmp_path):
    db = tmp_path / "corpus.db"
    run("ingest", FIXTURES / "jsonl" / "documents.jsonl", "--db", db)
    essay = tmp_path / "essay.md"
    essay.write_text("Kim sent his secretary, Mum Il, to Tunkin [2].\n\n## References\n\n[1] A book, 1993.\n")
    assert run("audit", essay, "--db", db).exit_code == 0  # findings alone do not fail
    assert run("audit", essay, "--db", db, "--fail-on", "warning").exit_code == 1
    clean = tmp_path / "clean.md"
    clean.write_text("The war began in June 1950.\n")
    assert run("audit", clean, "--db", db, "--fail-on", "warning").exit_code == 0


def test_a_batch_with_bad_lines_answers_the_others_and_names_each_bad_one(tmp_path):
    db = tmp_path / "corpus.db"
    run("ingest", FIXTURES / "jsonl" / "documents.jsonl", "--db", db)
    batch = tmp_path / "q.jsonl"
    batch.write_text(
        '{"id": 1, "quote": "North Korean forces crossed the parallel"}\n'
        'not json\n{"id": 3, "quote": ""}\n{"id": 4, "quote": "crossed the parallel"}\n'
    )
    result = run("anchor", "--batch", batch, "--db", db)
    assert result.exit_code == 1
    answers = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert [a["id"] for a in answers] == [1, 4]
    assert f"{batch}:2: not JSON" in result.output and f"{batch}:3: " in result.output
    assert "essay" not in result.output
