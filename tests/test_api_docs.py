"""docs/api.md: every entry point of `fontes` is documented there, and every example in it runs."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import fontes

API_DOC = Path(__file__).parent.parent / "docs" / "api.md"
ENTRY_POINTS = ("load_case", "weigh", "open_corpus", "anchor_quote", "audit_essay", "what_if", "export_case")
RESULT_TYPES = ("Case", "Verdict", "Store", "Anchor", "AuditReport", "Finding", "WhatIfResult")


def _examples() -> list[str]:
    return re.findall(r"```python\n(.*?)```", API_DOC.read_text(encoding="utf-8"), re.DOTALL)


def test_every_entry_point_and_result_type_is_public():
    for name in ENTRY_POINTS + RESULT_TYPES:
        assert name in fontes.__all__, name
        assert getattr(fontes, name) is not None


def test_every_public_function_has_a_docstring():
    for name in fontes.__all__:
        value = getattr(fontes, name)
        if inspect.isfunction(value):
            assert (value.__doc__ or "").strip(), f"fontes.{name} has no docstring"


def test_every_entry_point_has_a_section_in_the_api_doc():
    text = API_DOC.read_text(encoding="utf-8")
    for name in ENTRY_POINTS:
        assert f"\n## {name}\n" in text, f"docs/api.md has no section for {name}"


def test_every_example_in_the_api_doc_runs(tmp_path, monkeypatch, capsys):
    examples = _examples()
    assert len(examples) >= len(ENTRY_POINTS)
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    for number, code in enumerate(examples, 1):
        exec(compile(code, f"docs/api.md example {number}", "exec"), namespace)  # noqa: S102 (our own docs)
    assert "verbatim" in capsys.readouterr().out
