"""The Audit holds every index the checks share, for its own lifetime: two audits never share state."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

from toy_archive import toy_case

from fontes.audit import run_checks
from fontes.audit.context import Audit
from fontes.audit.reading.read import essay_from_text
from fontes.case import load_case

SRC = Path(__file__).parent.parent / "src"


def test_each_audit_builds_its_own_indexes_once():
    toy, korea = Audit(case=toy_case()), Audit(case=load_case())
    assert toy.actor_index is toy.actor_index  # computed once, on first use
    assert toy.actor_index is not korea.actor_index
    assert toy.actor_index.case is toy.case and korea.records.case is korea.case


def test_a_second_essay_gets_its_own_dates_but_shares_the_case_indexes():
    audit = Audit(case=toy_case())
    first = audit.with_essay(essay_from_text("On 25 June 1950 the attack began."))
    index = first.actor_index
    second = first.with_essay(essay_from_text("Nothing happened on 3 March 1949."))
    assert first is audit and second is not first
    assert second.actor_index is index
    first_days = {m.text for ms in first.sentence_dates.values() for m in ms}
    second_days = {m.text for ms in second.sentence_dates.values() for m in ms}
    assert first_days != second_days and "25 June 1950" in first_days


def test_an_index_built_while_auditing_one_essay_serves_the_next():
    audit = Audit(case=toy_case(), essay=essay_from_text("Brandt cabled Lenz."))
    second = audit.with_essay(essay_from_text("Weber met Lenz."))
    records = second.records  # built by the second essay's Audit ...
    third = audit.with_essay(essay_from_text("Hart wrote to Weber."))
    assert third.records is records and audit.records is records  # ... and held for the others too
    assert third.claims is not second.claims  # what an essay claims is its own


def test_the_same_essay_audited_twice_gives_the_same_findings():
    text = "Kim Il-sung cabled Stalin on 30 January 1950 [1].\n\nReferences\n\n1. A letter, 1950."
    once = run_checks(essay_from_text(text), Audit(case=toy_case()))
    again = run_checks(essay_from_text(text), Audit(case=toy_case()))
    assert [f.model_dump() for f in once] == [f.model_dump() for f in again]


def test_no_module_level_cache_is_keyed_by_an_object_id():
    pattern = re.compile(r"\bid\((case|essay|store|context)\)")
    offenders = [
        f"{path}:{n}"
        for path in SRC.rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []


def _code_strings(path: Path) -> list[tuple[int, str]]:
    """(line, value) of every string constant of a module's code, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def test_month_names_are_spelled_in_code_only_by_the_months_lexicon():
    spelled = re.compile(
        r"\b(?:January|February|March|April|June|July|August|September|October|November|December"
        r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b|%[bB]",
        re.IGNORECASE,
    )
    lexicon = SRC / "fontes" / "audit" / "lexicon" / "months.py"
    offenders = [
        f"{path.relative_to(SRC)}:{line}: {value[:40]!r}"
        for path in SRC.rglob("*.py")
        if path != lexicon
        for line, value in _code_strings(path)
        if spelled.search(value)
    ]
    assert offenders == []


def test_the_months_lexicon_names_and_numbers_each_month_once():
    from fontes.audit.lexicon.months import ABBREVIATION_WORDS, month_name, month_number

    assert [month_name(n) for n in (1, 6, 12)] == ["January", "June", "December"]
    assert month_name(9, short=True) == "Sep" and month_number("Sept.") == 9
    assert "may" not in ABBREVIATION_WORDS and {"jan", "sep", "sept", "dec"} <= ABBREVIATION_WORDS


def test_the_example_check_of_the_audit_doc_works_when_registered(monkeypatch):
    from fontes.audit import pipeline

    doc = (SRC.parent / "docs" / "audit.md").read_text(encoding="utf-8")
    code = re.findall(r"```python\n(.*?)```", doc, re.DOTALL)[0]
    namespace: dict = {}
    exec(compile(code, "docs/audit.md example", "exec"), namespace)  # noqa: S102 (our own docs)
    monkeypatch.setattr(pipeline, "CHECKS", [namespace["check_unmarked_quotes"]])
    text = (
        "He wrote that “the whole matter must be prepared with great care and in secret” before May.\n\n"
        "She wrote that “the whole matter must be prepared with great care and in secret” [1].\n\n"
        "References\n\n1. A letter, 1950."
    )
    findings = run_checks(essay_from_text(text), Audit(case=toy_case()))
    assert [(f.kind, f.location.paragraph) for f in findings] == [("quote-unmarked", 0)]


def test_the_dated_records_take_each_documents_days_and_parties_from_the_one_catalogue():
    audit = Audit(case=toy_case())
    known = audit.catalogue.get("kessel-telegram-brandt-lenz-1921-03-04")
    assert known is not None and known.days == (dt.date(1921, 3, 4), dt.date(1921, 3, 4))
    assert known.authors == {"brandt"} and known.recipients == {"lenz"}
    for record in audit.records.items:
        if record.origin == "source":
            entry = audit.catalogue.get(record.id)
            assert entry is not None and entry.days == (record.earliest, record.latest)
            assert (entry.authors, entry.recipients) == (record.authors, record.recipients)
    assert {r.id for r in audit.records.items if r.origin == "source"} == {
        s.id for s in audit.case.sources if s.date
    }
