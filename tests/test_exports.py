"""Every export read back by a real reader: networkx, jsonschema, csv, zipfile and fontes' own importer."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import math
import re
import zipfile
from pathlib import Path

import jsonschema
import networkx as nx
import pytest

import fontes
from fontes.case import load_case, read_case, write_case
from fontes.case.achz import import_achz, left_to_fill
from fontes.errors import CaseError, FontesError
from fontes.model import Actor, Case, Evidence, Hypothesis, Question, Source
from fontes.report.exports import FORMATS, ExportError, export_case, write_export, write_per_question
from fontes.report.exports.aif import likelihood_ratio
from fontes.report.exports.timelinejs import headline_of

HERE = Path(__file__).parent
TOY_CASE = HERE / "cases" / "toy"
SCHEMAS = HERE / "fixtures" / "schemas"


def schema(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def toy():
    case = load_case(TOY_CASE)
    return case, fontes.weigh(case, draws=200)


@pytest.fixture(scope="module")
def korea():
    case = load_case()
    return case, fontes.weigh(case, draws=200)


def small_case(**changes) -> Case:
    """One question, two hypotheses, one source and one item; fields replaced by `changes`."""
    fields = {
        "id": "small",
        "title": "Small",
        "questions": [
            Question(
                id="q", text="Who?", hypotheses=[Hypothesis(id="a", text="A"), Hypothesis(id="b", text="B")]
            )
        ],
        "sources": [
            Source(
                id="s1",
                title="A letter",
                date="1950-04?",
                authors=["Filippov"],
                recipients=["Mao"],
                doc_type="letter",
                credibility=1.0,
            )
        ],
        "actors": [
            Actor(id="stalin", name="Joseph Stalin", aliases=["Filippov"], polity="USSR", role="leader"),
            Actor(id="mao-zedong", name="Mao Zedong", aliases=["Mao"], polity="PRC"),
        ],
        "evidence": [Evidence(id="e1", source="s1", quote="the words", bears_on={"q": {"a": 0.8, "b": 0.2}})],
    }
    fields.update(changes)
    return Case(**fields)


# --- the dispatcher -------------------------------------------------------------------------


def test_every_format_exports_the_toy_case_and_only_achz_is_binary(toy, tmp_path):
    from fontes.corpus import Store

    case, verdict = toy
    with Store(tmp_path / "empty.db") as store:
        for fmt in FORMATS:
            data = export_case(case, verdict, fmt, store=store)
            assert isinstance(data, bytes if fmt == "achz" else str), fmt
            assert data


def test_an_unknown_format_is_refused_with_the_list_of_formats(toy):
    with pytest.raises(ExportError, match="unknown export format") as caught:
        export_case(toy[0], toy[1], "docx")
    assert "graphml" in caught.value.hint


def test_a_format_that_needs_the_reasoning_weighs_the_case_itself():
    data = json.loads(export_case(load_case(TOY_CASE), None, "json"))
    assert data["verdict"]["questions"][0]["leader"] == "a"


def test_write_export_writes_text_as_utf8_and_leaves_no_temporary_file(tmp_path):
    (tmp_path / "sub").mkdir()
    out = write_export("Mao Zedong — 毛泽东\n", tmp_path / "sub" / "out.json")
    assert out.read_text(encoding="utf-8") == "Mao Zedong — 毛泽东\n"
    assert [p.name for p in out.parent.iterdir()] == ["out.json"]


# --- json -----------------------------------------------------------------------------------


def test_json_holds_the_whole_case_and_reads_back_as_the_same_case(korea):
    case, verdict = korea
    data = json.loads(export_case(case, verdict, "json"))
    assert data["schema"] == "fontes.case/1"
    assert Case.model_validate(data["case"]) == case
    assert [q["leader"] for q in data["verdict"]["questions"]] == [q.leader for q in verdict.questions]


# --- csv ------------------------------------------------------------------------------------


def read_matrix(text: str) -> tuple[list[str], list[dict], list[dict]]:
    rows = list(csv.reader(io.StringIO(text)))
    header, rest = rows[0], rows[1:]
    blank = rest.index([])
    items = [dict(zip(header, r)) for r in rest[:blank]]
    footer = [dict(zip(header, r)) for r in rest[blank + 1 :]]
    return header, items, footer


def test_csv_has_one_row_per_item_with_the_verdict_ratings_and_a_footer(toy):
    case, verdict = toy
    header, items, footer = read_matrix(export_case(case, verdict, "csv"))
    assert header == ["id", "source", "credibility", "diagnosticity (q)", "counted (q)", "q/a", "q/b"]
    assert [row["id"] for row in items] == ["e1", "e2"]
    e2 = items[1]
    assert e2["credibility"] == "0.5" and e2["counted (q)"] == "true"
    weights = {e.id: e for e in verdict.questions[0].evidence}
    for row in items:
        assert (row["q/a"], row["q/b"]) == (weights[row["id"]].ach["a"], weights[row["id"]].ach["b"])
        assert float(row["diagnosticity (q)"]) == pytest.approx(weights[row["id"]].diagnosticity, abs=1e-6)
    assert [row["id"] for row in footer] == ["weighted inconsistency", "ACH rank", "posterior"]
    by_id = {h.id: h for h in verdict.questions[0].hypotheses}
    assert float(footer[0]["q/b"]) == pytest.approx(by_id["b"].ach_inconsistency)
    assert footer[1]["q/a"] == str(by_id["a"].ach_rank)


def test_csv_leaves_cells_empty_where_an_item_does_not_bear_on_a_question(korea):
    case, verdict = korea
    _, items, _ = read_matrix(export_case(case, verdict, "csv"))
    assert len(items) == len(case.evidence)
    item = next(e for e in case.evidence if set(e.bears_on) == {"initiation"})
    row = next(r for r in items if r["id"] == item.id)
    assert row["initiation/kim-initiative"] and row["china-entry/us-advance-reaction"] == ""
    assert row["counted (china-entry)"] == ""


def test_csv_defuses_text_a_spreadsheet_would_run_as_a_formula():
    case = small_case(
        evidence=[Evidence(id="=HYPERLINK(1)", source="s1", quote="x", bears_on={"q": {"a": 0.8, "b": 0.2}})]
    )
    _, items, _ = read_matrix(export_case(case, fontes.weigh(case, draws=50), "csv"))
    assert items[0]["id"] == "'=HYPERLINK(1)"


# --- timelinejs -----------------------------------------------------------------------------


def test_timelinejs_validates_and_has_a_slide_per_dated_event_and_source(korea):
    case, verdict = korea
    data = json.loads(export_case(case, verdict, "timelinejs"))
    jsonschema.validate(data, schema("timelinejs3.schema.json"))
    dated = [s for s in case.sources if s.date and s.doc_type != "article"] + case.events
    assert len(data["events"]) == len(dated)
    assert max(e["start_date"]["year"] for e in data["events"]) <= 1953
    starts = [tuple(e["start_date"].values()) for e in data["events"]]
    assert starts == sorted(starts)
    assert {"Documents", "Military"} <= {e["group"] for e in data["events"]}


def test_timelinejs_says_in_words_when_a_date_is_uncertain_or_a_range():
    case = small_case(
        sources=[
            Source(id="s1", title="A letter", date="1950-04?"),
            Source(id="s2", title="Talks", date="1950-03/1950-04"),
            Source(id="s3", title="Exact", date="1950-06-25"),
        ]
    )
    slides = {e["unique_id"]: e for e in json.loads(export_case(case, None, "timelinejs"))["events"]}
    uncertain, ranged, exact = slides["source-s1"], slides["source-s2"], slides["source-s3"]
    assert uncertain["start_date"] == {"year": 1950, "month": 4}
    assert uncertain["display_date"] == "April 1950 (uncertain)"
    assert ranged["end_date"] == {"year": 1950, "month": 4} and "display_date" in ranged
    assert exact["start_date"] == {"year": 1950, "month": 6, "day": 25} and "display_date" not in exact


@pytest.mark.parametrize(
    "summary, headline",
    [
        (
            "At about 4 a.m. North Korean forces crossed. Later more.",
            "At about 4 a.m. North Korean forces crossed",
        ),
        (
            "He signed General Order No. 1 for the army. Then he left.",
            "He signed General Order No. 1 for the army",
        ),
        ("A letter from John R. Hodge arrived. It was long.", "A letter from John R. Hodge arrived"),
        ("The talks ended at 8 p.m. on Friday. Nothing came of them.", "The talks ended at 8 p.m. on Friday"),
        (
            "Aboard the cruiser USS St. Paul the guns fired! Then calm.",
            "Aboard the cruiser USS St. Paul the guns fired!",
        ),
        ("No stop at all", "No stop at all"),
    ],
)
def test_timelinejs_headline_ends_at_a_real_sentence_end(summary, headline):
    assert headline_of(summary) == headline


def test_timelinejs_keeps_secondary_works_off_the_time_bar():
    case = small_case(
        sources=[
            Source(id="s1", title="A letter", date="1950-04"),
            Source(id="s2", title="New documents", date="1996", doc_type="article"),
        ]
    )
    slides = json.loads(export_case(case, None, "timelinejs"))["events"]
    assert [s["unique_id"] for s in slides] == ["source-s1"]


def test_timelinejs_escapes_case_text_and_links_only_web_addresses():
    case = small_case(
        sources=[
            Source(
                id="s1",
                title="<script>alert(1)</script>",
                date="1950",
                url="javascript:alert(1)",
                authors=["<b>Kim</b>"],
            )
        ]
    )
    slide = json.loads(export_case(case, None, "timelinejs"))["events"][0]
    assert slide["text"]["headline"] == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert "<b>Kim</b>" not in slide["text"]["text"] and "&lt;b&gt;Kim" in slide["text"]["text"]
    assert "href" not in slide["text"]["text"]


# --- graphml --------------------------------------------------------------------------------


def read_graph(text: str) -> nx.DiGraph:
    return nx.read_graphml(io.BytesIO(text.encode("utf-8")))


def test_graphml_merges_aliases_and_counts_documents_per_edge():
    sources = [
        Source(id="s1", title="One", authors=["Filippov"], recipients=["Mao"]),
        Source(id="s2", title="Two", authors=["stalin"], recipients=["Mao Zedong"]),
        Source(id="s3", title="Three", authors=["Joseph Stalin"], recipients=["Secretary of State"]),
        Source(id="s4", title="Four", authors=["Joseph Stalin"], recipients=["secretary of state"]),
    ]
    graph = read_graph(export_case(small_case(sources=sources), None, "graphml"))
    assert graph.is_directed()
    assert set(graph.nodes) == {"stalin", "mao-zedong", "name-secretary-of-state"}
    assert graph.edges["stalin", "mao-zedong"]["weight"] == 2
    assert graph.edges["stalin", "mao-zedong"]["documents"] == "s1 s2"
    assert graph.nodes["stalin"]["polity"] == "USSR" and graph.nodes["stalin"]["role"] == "leader"
    assert graph.nodes["name-secretary-of-state"]["kind"] == "correspondent"
    assert graph.nodes["name-secretary-of-state"]["label"] == "Secretary of State"


NMTOKEN = re.compile(r"[\w.:\-]+")


def test_graphml_of_the_builtin_case_opens_with_networkx(korea):
    case, verdict = korea
    text = export_case(case, verdict, "graphml")
    graph = read_graph(text)
    assert all(NMTOKEN.fullmatch(node) for node in graph.nodes)
    labels = [d["label"] for _, d in graph.nodes(data=True)]
    assert not any("Ignat" in label for label in labels if label != "Aleksei Ignatieff")
    assert "Chairman of the Council of Ministers of the USSR" not in labels
    assert graph.has_edge("ignatiev", "gromyko") and graph.has_edge("zakharov", "stalin")
    assert {a.id for a in case.actors} <= set(graph.nodes)
    assert graph.edges["muccio", "acheson"]["weight"] >= 10
    assert sum(d["weight"] for _, _, d in graph.edges(data=True)) >= len(case.sources) // 2


def test_igraph_reads_the_same_graph_as_networkx(korea, tmp_path):
    igraph = pytest.importorskip("igraph")
    case, verdict = korea
    text = export_case(case, verdict, "graphml")
    (tmp_path / "korea.graphml").write_text(text, encoding="utf-8")
    other = igraph.Graph.Read_GraphML(str(tmp_path / "korea.graphml"))
    graph = read_graph(text)
    assert other.vcount() == graph.number_of_nodes() and other.ecount() == graph.number_of_edges()
    assert sorted(other.vs["id"]) == sorted(graph.nodes)
    assert sorted(other.vs["label"]) == sorted(d["label"] for _, d in graph.nodes(data=True))
    assert other.vs["label"].count("Aleksei Ignatieff") == 1


def test_graphml_keeps_markup_in_names_as_text():
    sources = [Source(id="s1", title="x", authors=["A & <B>"], recipients=['C "D"'])]
    graph = read_graph(export_case(small_case(sources=sources), None, "graphml"))
    assert {d["name"] for _, d in graph.nodes(data=True)} >= {"A & <B>", 'C "D"'}


# --- csl-json -------------------------------------------------------------------------------


def test_csl_json_validates_and_keeps_archive_reference_and_names(korea):
    case, verdict = korea
    items = json.loads(export_case(case, verdict, "csl-json"))
    jsonschema.validate(items, schema("csl-data.schema.json"))
    assert [i["id"] for i in items] == [s.id for s in case.sources]
    first = items[0]
    assert first["type"] == "personal_communication" and first["genre"] == "letter"
    assert first["author"] == [{"literal": "Joseph Stalin"}]
    assert first["archive"] == "FRUS" and first["archive_location"].startswith("frus1945v06/d450")
    assert first["issued"] == {"date-parts": [[1945, 8, 16]]}


def test_csl_json_marks_uncertain_dates_circa_and_keeps_ranges_and_edtf():
    case = small_case(
        sources=[
            Source(id="s1", title="x", date="1950-04?", doc_type="memorandum"),
            Source(id="s2", title="y", date="1950-03/1950-04", doc_type="speech"),
            Source(id="s3", title="z"),
        ]
    )
    items = {i["id"]: i for i in json.loads(export_case(case, None, "csl-json"))}
    jsonschema.validate(list(items.values()), schema("csl-data.schema.json"))
    assert items["s1"]["issued"] == {"date-parts": [[1950, 4]], "circa": True}
    assert "1950-04?" in items["s1"]["note"] and items["s1"]["type"] == "document"
    assert items["s2"]["issued"] == {"date-parts": [[1950, 3], [1950, 4]]} and items["s2"]["type"] == "speech"
    assert "issued" not in items["s3"]


# --- achz -----------------------------------------------------------------------------------


def round_trip(case: Case, verdict, tmp_path: Path) -> Case:
    return import_achz(*write_per_question(case, verdict, tmp_path / "achz"))


# The steps of the Open Source ACH importer (import_action.php), in Python: rename to .gz and
# gunzip (one file), UTF-16 to UTF-8, rename the three hyphenated elements, load the XML, then
# read PROJECTTITLE, MATRIX/HYPOTHESIS/NAME and each MATRIX/EVIDENCE's fields.
PHP_RATINGS = {
    "I I": "Very Inconsistent",
    "I": "Inconsistent",
    "NA": "N/A",
    "N": "Neutral",
    "C": "Consistent",
    "C C": "Very Consistent",
}


def open_source_ach_import(data: bytes) -> dict:
    import xml.dom.minidom

    text = gzip.decompress(data).decode("utf-16")  # PHP's utf16_to_utf8 reads the BOM
    for name in ("PROJECT-TITLE", "LAST-INDEX", "COLOR-SCHEME"):
        text = text.replace(f"{name}>", f"{name.replace('-', '')}>")
    text = re.sub(r"^<\?xml[^>]*\?>", "", text)  # loadXML is handed UTF-8 by then
    root = xml.dom.minidom.parseString(text.encode("utf-8")).documentElement

    def kids(node, tag):
        return [c for c in node.childNodes if c.nodeType == c.ELEMENT_NODE and c.tagName == tag]

    def first(node, tag):
        found = kids(node, tag)
        return "".join(t.data for t in found[0].childNodes if t.nodeType == t.TEXT_NODE) if found else ""

    [matrix] = kids(root, "MATRIX")
    hypotheses = [first(h, "NAME") for h in kids(matrix, "HYPOTHESIS")]
    evidence = []
    for item in kids(matrix, "EVIDENCE"):
        values = first(item, "VALUES").split(",")
        assert len(values) == len(hypotheses)
        date = first(item, "DATE")
        evidence.append(
            {
                "name": first(item, "NAME"),
                "details": first(item, "NOTES"),
                "ratings": [PHP_RATINGS[v] for v in values],  # KeyError: a value PHP leaves unset
                "date": "" if date in ("", "0") else int(date[:-3]),
                "credibility": first(item, "CREDIBILITY"),
            }
        )
    return {"title": first(root, "PROJECTTITLE"), "hypotheses": hypotheses, "evidence": evidence}


def test_the_open_source_ach_importer_reads_every_question_of_the_builtin_case(korea):
    case, verdict = korea
    for question, qv in zip(case.questions, verdict.questions):
        project = open_source_ach_import(export_case(case, verdict, "achz", question.id))
        assert project["title"] == question.text
        assert project["hypotheses"] == [h.text for h in question.hypotheses]
        assert len(project["evidence"]) == len(qv.evidence)
        assert all(e["credibility"] in ("HIGH", "MEDIUM", "LOW") for e in project["evidence"])
    korea_war = next(e for e in case.evidence if case.questions[0].id in e.bears_on)
    source = next(s for s in case.sources if s.id == korea_war.source)
    if source.date and len(source.date) == 10:
        first_item = open_source_ach_import(export_case(case, verdict, "achz", case.questions[0].id))[
            "evidence"
        ]
        when = {e["name"]: e["date"] for e in first_item}[korea_war.quote]
        assert dt.datetime.fromtimestamp(when, dt.UTC).date().isoformat() == source.date


def test_achz_of_a_case_with_several_questions_needs_one_chosen(korea):
    case, verdict = korea
    with pytest.raises(FontesError, match="holds one matrix") as caught:
        export_case(case, verdict, "achz")
    assert caught.value.field == "--question" and case.questions[0].id in caught.value.hint


def parc_file(tmp_path: Path, xml: str) -> Path:
    path = tmp_path / "Ship Case.achz"
    path.write_bytes(gzip.compress(("\ufeff" + xml).encode("utf-16-le")))
    return path


def test_a_file_made_to_the_open_source_ach_steps_imports(tmp_path):
    path = parc_file(
        tmp_path,
        """<?xml version="1.0" encoding="UTF-16"?>
    <ACH><PROJECT-TITLE>Who sank the ship?</PROJECT-TITLE><CLASSIFICATION>U</CLASSIFICATION><MATRIX>
      <HYPOTHESIS><NAME>A mine</NAME></HYPOTHESIS><HYPOTHESIS><NAME>A torpedo</NAME></HYPOTHESIS>
      <EVIDENCE><NAME>Hull bent inward</NAME><NOTES>divers' report</NOTES><TYPE>HUMINT</TYPE>
        <DATE>-619488000000</DATE><CODE>E1</CODE><FLAG>0</FLAG><VALUES>C C,I I</VALUES>
        <CREDIBILITY>MEDIUM</CREDIBILITY></EVIDENCE>
      <EVIDENCE><NAME>Unrelated</NAME><VALUES>NA,NA</VALUES></EVIDENCE>
    </MATRIX></ACH>""",
    )
    case = import_achz(path)
    assert case.title == "Who sank the ship?"
    assert case.questions[0].hypothesis_ids() == ["a-mine", "a-torpedo"]
    [item] = case.evidence
    assert item.id == "E1" and item.note == "divers' report"
    assert item.ach[case.questions[0].id] == {"a-mine": "C", "a-torpedo": "II"}
    assert item.credibility == pytest.approx(0.7)
    assert case.sources[0].date == "1950-05-16" and case.sources[0].doc_type == "HUMINT"


def test_a_parc_file_with_a_value_per_hypothesis_missing_is_refused(tmp_path):
    path = parc_file(
        tmp_path,
        "<ACH><PROJECT-TITLE>x</PROJECT-TITLE><MATRIX><HYPOTHESIS><NAME>H</NAME></HYPOTHESIS>"
        "<HYPOTHESIS><NAME>K</NAME></HYPOTHESIS><EVIDENCE><NAME>d</NAME>"
        "<VALUES>C</VALUES></EVIDENCE></MATRIX></ACH>",
    )
    with pytest.raises(CaseError, match="1 values for 2 hypotheses") as caught:
        import_achz(path)
    assert "Ship Case.achz" in str(caught.value)


@pytest.mark.parametrize("which", ["toy", "korea"])
def test_achz_round_trip_keeps_hypotheses_evidence_and_ratings(which, request, tmp_path):
    case, verdict = request.getfixturevalue(which)
    imported = round_trip(case, verdict, tmp_path)
    assert [(q.id, q.text) for q in imported.questions] == [(q.id, q.text) for q in case.questions]
    assert [[(h.id, h.text) for h in q.hypotheses] for q in imported.questions] == [
        [(h.id, h.text) for h in q.hypotheses] for q in case.questions
    ]
    # items come matrix by matrix, so an item bearing only on the second question moves after the first's;
    # an item after the horizon of every question it bears on is in no matrix (it is not evidence there)
    weighed = {e.id for q in verdict.questions for e in q.evidence}
    assert sorted((e.id, e.source, e.quote) for e in imported.evidence) == sorted(
        (e.id, e.source, e.quote) for e in case.evidence if e.id in weighed
    )
    exported = {(q.id, e.id): e.ach for q in verdict.questions for e in q.evidence}
    assert {(q, e.id): e.ach[q] for e in imported.evidence for q in e.ach} == exported
    assert {e.id: e.credibility for e in imported.evidence} == {
        e.id: case.credibility_of(e) for e in case.evidence if e.id in weighed
    }


def test_an_imported_case_writes_as_a_clean_case_whose_ach_ranking_is_kept(korea, tmp_path):
    case, verdict = korea
    folder = write_case(round_trip(case, verdict, tmp_path), tmp_path / "imported")
    again, problems = read_case(folder)
    # an ACH matrix names no work and no denial: check-case lists exactly those for the user to fill in
    assert problems == left_to_fill(problems)
    assert {p.field.split(":")[0] for p in problems} == {
        f"{q.id}.{h.id}" for q in case.questions for h in q.hypotheses
    }
    assert "fill in held_by and denies" in again.description
    weighed = fontes.weigh(again, draws=50)
    assert [q.ach_ranking for q in weighed.questions] == [q.ach_ranking for q in verdict.questions]


def test_achz_import_maps_ratings_to_likelihoods_and_levels_to_credibility(tmp_path):
    matrix = """<?xml version="1.0"?>
    <achmatrix><TITLE>Who sank the ship?</TITLE>
      <Hypotheses><Hypothesis><Text>A mine</Text></Hypothesis><Hypothesis><Text>A torpedo</Text></Hypothesis>
        <Hypothesis><Text>An accident</Text></Hypothesis></Hypotheses>
      <EvidenceList>
        <Evidence><Description>Hull bent inward</Description><Source>Survey report</Source>
          <Date>1950-05</Date><Credibility>Medium</Credibility><Relevance>Low</Relevance>
          <Ratings><Rating hypothesis="a-mine">Very Consistent</Rating>
            <Rating hypothesis="a-torpedo">I</Rating><Rating hypothesis="an-accident">II</Rating></Ratings>
        </Evidence>
        <Evidence><Description>Not about the ship</Description>
          <Ratings><Rating hypothesis="a-mine">NA</Rating></Ratings></Evidence>
      </EvidenceList></achmatrix>"""
    path = tmp_path / "Ship Case.achz"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("data/matrix.xml", matrix)
    case = import_achz(path)
    assert case.id == "ship-case" and case.title == "Who sank the ship?"
    question = case.questions[0]
    assert question.id == "who-sank-the-ship" and question.hypothesis_ids() == [
        "a-mine",
        "a-torpedo",
        "an-accident",
    ]
    [item] = case.evidence  # the item rated NA everywhere bears on nothing
    assert item.bears_on[question.id] == {"a-mine": 0.9, "a-torpedo": 0.2, "an-accident": 0.05}
    assert item.ach[question.id] == {"a-mine": "C", "a-torpedo": "I", "an-accident": "II"}
    assert item.credibility == pytest.approx(0.7 * 0.7)
    assert case.sources[0].title == "Survey report" and case.sources[0].date == "1950-05"


def achz_with(tmp_path: Path, name: str, members: dict[str, str]) -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as archive:
        for member, text in members.items():
            archive.writestr(member, text)
    return path


def test_a_file_that_is_not_a_zip_is_refused_naming_the_file(tmp_path):
    path = tmp_path / "notes.achz"
    path.write_text("just text")
    with pytest.raises(CaseError, match="neither gzip .* nor zip") as caught:
        import_achz(path)
    assert "notes.achz" in str(caught.value) and caught.value.hint


def test_a_zip_without_a_matrix_is_refused_saying_what_is_missing(tmp_path):
    path = achz_with(tmp_path, "empty.achz", {"readme.txt": "hi", "other.xml": "<other/>"})
    with pytest.raises(CaseError, match="holds no ACH matrix") as caught:
        import_achz(path)
    assert "empty.achz" in str(caught.value)


def test_entity_expansion_is_refused_before_parsing(tmp_path):
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><ACHMatrix><Title>&b;</Title></ACHMatrix>'
    )
    with pytest.raises(CaseError, match="DTD or entities"):
        import_achz(achz_with(tmp_path, "bomb.achz", {"matrix.xml": bomb}))


def test_malformed_xml_and_unknown_ratings_are_refused_with_where(tmp_path):
    with pytest.raises(CaseError, match="not well-formed") as caught:
        import_achz(achz_with(tmp_path, "bad.achz", {"matrix.xml": "<ACHMatrix><Title>x</ACHMatrix>"}))
    assert caught.value.line == 1
    matrix = (
        "<ACHMatrix><Title>x</Title><Hypotheses><Hypothesis id='h'><Text>H</Text></Hypothesis></Hypotheses>"
        "<EvidenceList><Evidence id='e'><Description>d</Description>"
        "<Ratings><Rating hypothesis='h'>maybe</Rating></Ratings></Evidence></EvidenceList></ACHMatrix>"
    )
    with pytest.raises(CaseError, match="unknown rating 'maybe'") as caught:
        import_achz(achz_with(tmp_path, "odd.achz", {"matrix.xml": matrix}))
    assert caught.value.field == "evidence e"


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(CaseError, match="no such file"):
        import_achz(tmp_path / "absent.achz")


def test_the_same_case_always_gives_the_same_achz_bytes(toy):
    case, verdict = toy
    data = export_case(case, verdict, "achz")
    assert data == export_case(case, verdict, "achz")
    assert data[:2] == b"\x1f\x8b" and gzip.decompress(data)[:2] == b"\xff\xfe"


# --- aif ------------------------------------------------------------------------------------


def check_aif_structure(data: dict) -> None:
    nodes = {n["nodeID"]: n for n in data["nodes"]}
    assert len(nodes) == len(data["nodes"])
    assert {n["type"] for n in data["nodes"]} <= {"I", "L", "YA", "RA", "CA"}
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", n["timestamp"]) for n in data["nodes"])
    assert data["locutions"] == []
    incoming: dict[str, list[str]] = {}
    outgoing: dict[str, list[str]] = {}
    for edge in data["edges"]:
        assert edge["fromID"] in nodes and edge["toID"] in nodes
        outgoing.setdefault(edge["fromID"], []).append(edge["toID"])
        incoming.setdefault(edge["toID"], []).append(edge["fromID"])
    hypotheses = set(data["fontes"]["hypotheses"])
    evidence = set(data["fontes"]["evidence"])
    for node_id, node in nodes.items():
        if node["type"] in ("RA", "CA"):
            [premise], [conclusion] = incoming[node_id], outgoing[node_id]
            assert premise in evidence | hypotheses and conclusion in hypotheses
        assert node_id in incoming or node_id in outgoing, f"isolated node {node}"


def ach_argnav_reading(
    data: dict,
) -> tuple[set[str], dict[str, set[str]], dict[str, set[str]], dict[str, set[str]]]:
    """ACH-ArgNav's rules (arg-tech, app/centrality.py): drop isolated nodes; the hypotheses are the
    successors of any node whose text is "Hypothesising"; consistent evidence of h is the I-nodes
    before an RA node into h; inconsistent evidence the non-hypothesis I-nodes before a CA into h;
    conflicted hypotheses the hypothesis I-nodes before a CA into h."""
    graph = nx.DiGraph()
    for n in data["nodes"]:
        graph.add_node(n["nodeID"], type=n["type"], text=n["text"])
    graph.add_edges_from((e["fromID"], e["toID"]) for e in data["edges"])
    graph.remove_nodes_from(list(nx.isolates(graph)))
    hypotheses = {
        s for v, d in graph.nodes(data=True) if d["text"] == "Hypothesising" for s in graph.successors(v)
    }

    def before(h: str, kind: str) -> set[str]:
        return {
            p
            for s in graph.predecessors(h)
            if graph.nodes[s]["type"] == kind
            for p in graph.predecessors(s)
            if graph.nodes[p]["type"] == "I"
        }

    consistent = {h: before(h, "RA") for h in hypotheses}
    inconsistent = {h: before(h, "CA") - hypotheses for h in hypotheses}
    conflicted = {h: before(h, "CA") & hypotheses for h in hypotheses}
    return hypotheses, consistent, inconsistent, conflicted


def test_ach_argnav_finds_every_hypothesis_its_rivals_and_its_evidence(korea):
    case, verdict = korea
    data = json.loads(export_case(case, verdict, "aif"))
    hypotheses, consistent, inconsistent, conflicted = ach_argnav_reading(data)
    assert hypotheses == set(data["fontes"]["hypotheses"])
    by_node = data["fontes"]["hypotheses"]
    for h in hypotheses:
        question = by_node[h].split("/")[0]
        rivals = {n for n, qh in by_node.items() if qh.split("/")[0] == question and n != h}
        assert conflicted[h] == rivals
    inferences = data["fontes"]["inferences"]
    kinds = {n["nodeID"]: n["type"] for n in data["nodes"]}
    evidence_node = {item: node for node, item in data["fontes"]["evidence"].items()}
    node_of = {qh: node for node, qh in by_node.items()}
    for i in inferences:
        h = node_of[f"{i['question']}/{i['hypothesis']}"]
        side = consistent if kinds[i["nodeID"]] == "RA" else inconsistent
        assert evidence_node[i["evidence"]] in side[h]
    assert sum(map(len, consistent.values())) >= 10 and sum(map(len, inconsistent.values())) >= 10


def test_aif_timestamps_follow_source_date_epoch(toy, monkeypatch):
    case, verdict = toy
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    data = json.loads(export_case(case, verdict, "aif"))
    assert {n["timestamp"] for n in data["nodes"]} == {"1970-01-01 00:00:00"}


def test_aif_of_the_toy_case_supports_a_and_attacks_b(toy):
    case, verdict = toy
    data = json.loads(export_case(case, verdict, "aif"))
    check_aif_structure(data)
    texts = {n["nodeID"]: n["text"] for n in data["nodes"]}
    e1 = [i for i in data["fontes"]["inferences"] if i["evidence"] == "e1"]
    kinds = {
        i["hypothesis"]: next(n["type"] for n in data["nodes"] if n["nodeID"] == i["nodeID"]) for i in e1
    }
    assert kinds == {"a": "RA", "b": "CA"}
    assert {texts[i["nodeID"]] for i in e1} == {"Default Inference", "Default Conflict"}
    assert next(i for i in e1 if i["hypothesis"] == "a")["likelihood_ratio"] == pytest.approx(4.0)


def test_aif_of_the_builtin_case_links_every_hypothesis_and_item(korea):
    case, verdict = korea
    data = json.loads(export_case(case, verdict, "aif"))
    check_aif_structure(data)
    assert len(data["fontes"]["hypotheses"]) == sum(len(q.hypotheses) for q in case.questions)
    bearing = {w.id for q in verdict.questions for w in q.evidence}
    assert set(data["fontes"]["evidence"].values()) | set(data["fontes"]["left_out"]) == bearing
    assert not set(data["fontes"]["evidence"].values()) & set(data["fontes"]["left_out"])
    for inference in data["fontes"]["inferences"]:
        assert abs(inference["decibans"]) >= 1.0
        assert inference["decibans"] == pytest.approx(
            10 * math.log10(inference["likelihood_ratio"]), abs=1e-3
        )


def test_likelihood_ratio_weighs_the_other_hypotheses_by_their_priors(korea):
    _, verdict = korea
    question = verdict.questions[0]
    weight = question.evidence[0]
    hypothesis = question.hypotheses[0]
    others = [h for h in question.hypotheses if h.id != hypothesis.id]
    rest = sum(h.prior * weight.likelihoods[h.id] for h in others) / sum(h.prior for h in others)
    assert likelihood_ratio(weight, question, hypothesis.id) == pytest.approx(
        weight.likelihoods[hypothesis.id] / rest
    )


def test_fontes_import_names_every_position_the_matrix_does_not_say(tmp_path):
    from click.testing import CliRunner

    from fontes.cli import cli

    case = load_case(Path(__file__).parent / "cases" / "toy")
    (path,) = write_per_question(case, fontes.weigh(case, draws=20), tmp_path / "achz")
    result = CliRunner().invoke(
        cli, ["import", "--format", "achz", str(path), "-o", str(tmp_path / "imported")]
    )
    assert result.exit_code == 0, result.output
    assert "Still to fill in (4)" in result.output
    assert "q.a: held_by, q.a: denies, q.b: held_by, q.b: denies" in result.output
    problems = read_case(tmp_path / "imported")[1]
    assert [p.field for p in problems] == ["q.a: held_by", "q.a: denies.b", "q.b: held_by", "q.b: denies.a"]
