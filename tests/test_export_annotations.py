"""Web Annotations of anchored quotations, checked against the Web Annotation Data Model's MUSTs.

Two checks: fixtures/schemas/web-annotation-model.schema.json, written for fontes from the MUST
statements of the W3C Recommendation (always run), and the W3C suite itself
(github.com/w3c/web-annotation-tests, W3C test-suite licence), read from
$FONTES_WEB_ANNOTATION_TESTS or ../shared/schemas/web-annotation-tests when it is there.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest
from conftest import KOREA_JSONL, SHARED, needs_shared
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from fontes.anchor.result import Anchor, TextQuoteSelector
from fontes.case import load_case
from fontes.report.exports import ExportError, export_case
from fontes.report.exports.annotations import document_url, web_annotation

SUITE = Path(os.environ.get("FONTES_WEB_ANNOTATION_TESTS") or SHARED / "schemas" / "web-annotation-tests")
MODEL_SCHEMA = Path(__file__).parent / "fixtures" / "schemas" / "web-annotation-model.schema.json"


def model_problems(annotation: dict) -> list[str]:
    """Where an annotation breaks a MUST of the data model (the fontes-written schema), as JSON paths."""
    schema = json.loads(MODEL_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    return [f"{error.json_path}: {error.message}" for error in validator.iter_errors(annotation)]


class OneDocument:
    """A store holding one document, as `Store.get` gives it."""

    class _Doc:
        def __init__(self, url: str, text: str):
            self.source = type("S", (), {"url": url})()
            self.text = text

    def __init__(self, source_id: str, url: str, text: str):
        self.docs = {source_id: self._Doc(url, text)}

    def get(self, source_id):
        return self.docs.get(source_id)


def an_anchor() -> Anchor:
    text = "The army will cross the parallel at dawn, said the report."
    start = text.index("cross")
    return Anchor(
        source="frus-1",
        start=start,
        end=start + 18,
        fidelity="verbatim",
        score=1.0,
        selector=TextQuoteSelector(
            exact=text[start : start + 18], prefix=text[:start], suffix=text[start + 18 :]
        ),
    )


def test_an_annotation_targets_the_document_url_with_both_selectors_and_keeps_the_fontes_id():
    store = OneDocument("frus-1", "https://history.state.gov/x/d1", "")
    made = web_annotation(
        an_anchor(),
        document_url(store, "frus-1"),
        annotation_id="urn:fontes:evidence:e1",
        note="Shows intent",
        evidence_id="e1",
    )
    assert made["@context"][0] == "http://www.w3.org/ns/anno.jsonld" and made["type"] == "Annotation"
    assert made["target"]["source"] == "https://history.state.gov/x/d1"
    quote_sel, position = made["target"]["selector"]
    assert quote_sel["type"] == "TextQuoteSelector" and quote_sel["exact"] == "cross the parallel"
    assert position == {"type": "TextPositionSelector", "start": 14, "end": 32}
    assert made["body"]["value"] == "Shows intent" and made["fontes:source"] == "frus-1"
    assert made["fontes:evidence"] == "e1"


def test_the_model_schema_accepts_a_fontes_annotation_and_refuses_each_broken_must():
    made = web_annotation(an_anchor(), "https://history.state.gov/x/d1", annotation_id="urn:fontes:anchor:q1")
    assert model_problems(made) == []
    broken = {
        "no anno context": {**made, "@context": [{"fontes": "urn:fontes:ns:"}, "http://example.org/ctx"]},
        "one context not a string": {**made, "@context": ["http://www.w3.org/ns/anno.jsonld"]},
        "id not an IRI": {**made, "id": "anchor q1"},
        "not an Annotation": {**made, "type": "Note"},
        "no target": {k: v for k, v in made.items() if k != "target"},
        "source not an IRI": {**made, "target": {**made["target"], "source": "frus-1"}},
        "negative start": {
            **made,
            "target": {
                **made["target"],
                "selector": [
                    made["target"]["selector"][0],
                    {"type": "TextPositionSelector", "start": -1, "end": 3},
                ],
            },
        },
        "quote without exact": {
            **made,
            "target": {
                **made["target"],
                "selector": {"type": "TextQuoteSelector", "prefix": "The army will "},
            },
        },
        "unknown motivation": {**made, "motivation": "agreeing"},
    }
    for name, annotation in broken.items():
        assert model_problems(annotation), name


def test_a_document_without_a_web_address_gets_a_urn_and_a_lost_quotation_no_annotation():
    assert document_url(OneDocument("a b", "", ""), "a b") == "urn:fontes:source:a%20b"
    assert web_annotation(Anchor(source=None, fidelity="not-found"), "urn:x", annotation_id="urn:y") is None


def test_the_annotations_export_needs_a_corpus_store():
    with pytest.raises(ExportError, match="no corpus store") as caught:
        export_case(load_case(), None, "annotations")
    assert caught.value.field == "--db"


def w3c_validators() -> list[tuple[str, jsonschema.Draft4Validator]]:
    """The 'must' assertions of annotationMusts.test, each a validator resolving the suite's definitions."""
    if not (SUITE / "annotations" / "annotationMusts.test").exists():
        pytest.skip(f"the W3C web-annotation-tests suite is not at {SUITE}")
    resources = []
    for path in sorted((SUITE / "definitions").glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema.get("id", path.name), Resource(schema, DRAFT4)))
    registry = Registry().with_resources(resources)
    musts = json.loads((SUITE / "annotations" / "annotationMusts.test").read_text(encoding="utf-8"))
    validators = []
    for name in musts["assertions"]:
        schema = json.loads((SUITE / name).read_text(encoding="utf-8"))
        validators.append((name, jsonschema.Draft4Validator(schema, registry=registry)))
    return validators


@pytest.fixture(scope="module")
def builtin_annotations(tmp_path_factory) -> tuple[list[dict], dict[str, str]]:
    """Every evidence annotation of the built-in case over the Korea corpus, and the stored texts they target."""
    from fontes.corpus import Store, ingest_paths

    with Store(tmp_path_factory.mktemp("annotations") / "corpus.db") as store:
        assert not ingest_paths([KOREA_JSONL], store).failed
        annotations = json.loads(export_case(load_case(), None, "annotations", store=store))
        texts = {a["fontes:source"]: store.get(a["fontes:source"]).text for a in annotations}
    return annotations, texts


@needs_shared
def test_every_evidence_annotation_of_the_builtin_case_meets_the_model_musts(builtin_annotations):
    annotations, texts = builtin_annotations
    assert len(annotations) >= 50
    for annotation in annotations:
        assert model_problems(annotation) == [], annotation["id"]
        quote_sel, position = annotation["target"]["selector"]
        assert texts[annotation["fontes:source"]][position["start"] : position["end"]] == quote_sel["exact"]
    assert len({a["id"] for a in annotations}) == len(annotations)


@needs_shared
def test_every_evidence_annotation_of_the_builtin_case_meets_the_w3c_musts(builtin_annotations):
    validators = w3c_validators()
    annotations, texts = builtin_annotations
    for annotation in annotations:
        for name, validator in validators:
            errors = [e.message for e in validator.iter_errors(annotation)]
            assert not errors, (annotation["id"], name, errors)
        assert annotation["target"]["source"].startswith(("https://", "http://", "urn:fontes:"))
        quote_sel, position = annotation["target"]["selector"]
        assert texts[annotation["fontes:source"]][position["start"] : position["end"]] == quote_sel["exact"]


def test_the_model_musts_refuse_the_bare_anchor_json_fontes_wrote_before():
    bare = {"source": "frus-1", "start": 14, "end": 32, "selector": an_anchor().selector.model_dump()}
    problems = model_problems(bare)
    assert any("@context" in p for p in problems) and any("target" in p for p in problems)


def test_the_w3c_musts_refuse_the_bare_anchor_json_fontes_wrote_before():
    validators = w3c_validators()
    bare = {"source": "frus-1", "start": 14, "end": 32, "selector": an_anchor().selector.model_dump()}
    failed = {name for name, validator in validators if not validator.is_valid(bare)}
    assert {
        "annotations/3.1-annotationContextValidated.json",
        "annotations/3.1-targetKeyFound.json",
    } <= failed


def test_fontes_anchor_annotation_prints_one_and_batch_lines_carry_one(tmp_path):
    from click.testing import CliRunner

    from fontes.cli import cli

    corpus = tmp_path / "letters.jsonl"
    corpus.write_text(
        json.dumps(
            {
                "id": "letter-1",
                "url": "https://archive.example.org/letter-1",
                "title": "A letter",
                "date": "1950-04-01",
                "text": "We shall wait for the spring rains before the troops move south of the river.",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "corpus.db")
    assert CliRunner().invoke(cli, ["ingest", str(corpus), "--db", db]).exit_code == 0
    one = CliRunner().invoke(cli, ["anchor", "--annotation", "--db", db, "the troops move south"])
    assert one.exit_code == 0, one.output
    made = json.loads(one.output)
    assert made["target"]["source"] == "https://archive.example.org/letter-1"
    assert made["target"]["selector"][1] == {"type": "TextPositionSelector", "start": 42, "end": 63}
    batch = tmp_path / "quotes.jsonl"
    batch.write_text(json.dumps({"id": "q1", "quote": "wait for the spring rains"}) + "\n", encoding="utf-8")
    lines = CliRunner().invoke(cli, ["anchor", "--batch", str(batch), "--annotation", "--db", db])
    line = json.loads(lines.output)
    assert line["fidelity"] == "verbatim" and line["annotation"]["id"] == "urn:fontes:anchor:q1"
    assert model_problems(made) == [] and model_problems(line["annotation"]) == []
