"""The audit on a subject other than the built-in case's: which knowledge it uses, and what it
learns from the corpus's own headers and from the essay's own reference list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import fontes
from fontes.audit.knowledge import choose_knowledge, essay_years, subject_matches
from fontes.cli import cli

KOREA_LIKE = (
    "In January 1950 Stalin told Shtykov that he was ready to help. Kim Il Sung flew to Moscow in "
    "April 1950, and Mao was told in May 1950. Acheson spoke of the perimeter that January."
)
CUBA_LIKE = (
    "In October 1962 Secretary of State Rusk met Dobrynin, and Kennedy wrote to Khrushchev on "
    "27 October 1962. Stalin had been dead since 1953."
)


def test_an_essay_on_the_case_s_years_and_people_gets_the_built_in_case():
    case = fontes.load_case()
    assert subject_matches(KOREA_LIKE, case)
    knowledge = choose_knowledge(KOREA_LIKE, None, case, has_corpus=True)
    assert knowledge.case is case
    assert knowledge.label == "case korea-1950 (chosen: the essay's subject matches it)"


def test_an_essay_on_another_decade_gets_no_case_even_when_it_names_some_of_its_people():
    case = fontes.load_case()
    assert not subject_matches(CUBA_LIKE, case)
    knowledge = choose_knowledge(CUBA_LIKE, None, case, has_corpus=True)
    assert knowledge.case.actors == [] and knowledge.label == "corpus"
    assert choose_knowledge(CUBA_LIKE, None, case, has_corpus=False).label == "neither"


def test_a_case_asked_for_is_used_whatever_the_subject():
    case = fontes.load_case()
    assert choose_knowledge(CUBA_LIKE, case, case, has_corpus=True).label == "case korea-1950 (asked)"


def test_years_of_author_date_citations_do_not_date_the_subject():
    assert essay_years("The crisis of 1962 (Fursenko 1997; Allison, 1971) is well known since May 1963.") == [
        1962,
        1963,
    ]


def test_the_page_s_own_dateline_does_not_date_the_subject():
    assert essay_years("*Posted in history, 12 March 2021*\n\nIn May 1950 the talks began.") == [1950]
    assert essay_years("Last updated 3 May 2019. © 2020 The Society. The war of 1950 began in June.") == [
        1950
    ]
    assert subject_matches(
        "*Posted 12 March 2021*\n\n" + KOREA_LIKE.replace("April 1950", "April"), fontes.load_case()
    )


def test_a_decade_places_a_thing_loosely_and_dates_no_subject():
    assert essay_years("The papers of 1921, released in the 1990s and the 2000's, were read in 1922.") == [
        1921,
        1922,
    ]


def test_the_api_without_case_does_not_flag_an_office_of_another_period(tmp_path):
    essay = tmp_path / "cuba.txt"
    essay.write_text(f"The Crisis\n\n{CUBA_LIKE}\n", encoding="utf-8")
    report = fontes.audit_essay(essay)
    assert report.knowledge == "neither"
    assert not [f for f in report.findings if f.kind == "office-mismatch"]


# -- the second subject: a Suez 1956 essay against a small corpus of its own, with no case ----------

SUEZ = Path(__file__).parent / "fixtures" / "subjects" / "suez1956"


@pytest.fixture(scope="module")
def suez_report(tmp_path_factory):
    """The Suez essay audited from the command line with no --case, as its JSON and its text."""
    from fontes.corpus import Store, ingest_paths

    db = tmp_path_factory.mktemp("suez") / "corpus.db"
    store = Store(db)
    ingest_paths([SUEZ / "documents.jsonl"], store)
    store.close()
    result = CliRunner().invoke(cli, ["audit", str(SUEZ / "essay.md"), "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout), (SUEZ / "essay.md").read_text(encoding="utf-8"), db


def _span(text: str, words: str, after: str = "") -> tuple[int, int]:
    start = text.index(words, text.index(after) if after else 0)
    return start, start + len(words)


def test_the_suez_essay_is_audited_with_the_corpus_alone(suez_report):
    data, _, _ = suez_report
    expected = json.loads((SUEZ / "expected.json").read_text(encoding="utf-8"))
    assert data["knowledge"] == expected["knowledge"] == "corpus"


@pytest.mark.parametrize(
    "planted",
    json.loads((SUEZ / "expected.json").read_text(encoding="utf-8"))["planted"],
    ids=lambda p: f"{p['kind']}:{p['words']}",
)
def test_every_planted_error_of_the_suez_essay_is_found(suez_report, planted):
    data, text, _ = suez_report
    start, end = _span(text, planted["words"], planted.get("sentence", ""))
    found = [
        f
        for f in data["findings"]
        if f["kind"] == planted["kind"]
        and f["severity"] in ("error", "warning")
        and f["location"]["start"] <= start
        and end <= f["location"]["end"]
    ]
    assert found, f"{planted['kind']} on “{planted['words']}” not found ({planted['why']})"


@pytest.mark.parametrize(
    "words", json.loads((SUEZ / "expected.json").read_text(encoding="utf-8"))["correct"], ids=str
)
def test_no_finding_falls_on_a_correct_item_of_the_suez_essay(suez_report, words):
    data, text, _ = suez_report
    start, end = _span(text, words)
    on_it = [
        f["message"]
        for f in data["findings"]
        if f["severity"] in ("error", "warning")
        and f["location"]["start"] is not None
        and f["location"]["start"] < end
        and start < f["location"]["end"]
    ]
    assert on_it == []


def test_the_suez_essay_has_no_finding_beyond_its_planted_errors(suez_report):
    data, _, _ = suez_report
    expected = json.loads((SUEZ / "expected.json").read_text(encoding="utf-8"))
    serious = [f for f in data["findings"] if f["severity"] in ("error", "warning")]
    assert len(serious) == len(expected["planted"]), [f["message"] for f in serious]


def test_the_terminal_report_opens_with_the_knowledge_used(suez_report):
    _, _, db = suez_report
    result = CliRunner().invoke(cli, ["audit", str(SUEZ / "essay.md"), "--db", str(db)])
    assert result.stdout.splitlines()[0] == "Knowledge used: corpus"
    asked = CliRunner().invoke(
        cli, ["audit", str(SUEZ / "essay.md"), "--db", str(db), "--case", "builtin", "--json"]
    )
    assert json.loads(asked.stdout)["knowledge"] == "case korea-1950 (asked)"


# -- rules on texts of our own: headers, entries, the essay against itself -------------------------


def test_headers_give_names_and_offices_for_any_archive():
    from fontes.audit.evidence.header_people import _people_in_title

    assert _people_in_title("The Ambassador in Ruritania (Brandt) to the Secretary of State") == [
        ("Brandt", "ambassador", "Ambassador in Ruritania")
    ]
    assert ("Hale", "premier", "Prime Minister of the United Kingdom") in _people_in_title(
        "The Prime Minister of the United Kingdom (Hale) to President Moore"
    )
    assert _people_in_title(
        "Telegram from Soviet Ambassador to the USA A. F. Petrov to the USSR Foreign Ministry"
    ) == [("A. F. Petrov", "ambassador", "Soviet Ambassador to the USA")]
    assert _people_in_title("Ciphered Telegram, Orlov to Belov") == [("Orlov", None, ""), ("Belov", None, "")]
    # the office of the other party, or of the person served, is not the named person's
    assert _people_in_title("The Secretary of State to the Secretary of Defense (Grant)") == [
        ("Grant", "secretary of defense", "Secretary of Defense")
    ]
    assert _people_in_title("Memorandum by the Special Assistant to the Secretary of State (Lowe)") == []


def test_a_case_s_offices_join_the_headers_and_never_replace_them():
    from fontes.audit.evidence.header_people import HeaderPeople
    from fontes.model import Actor, Case, Office

    case = Case(
        id="toy",
        title="toy",
        questions=[],
        actors=[
            Actor(id="brandt", name="Karl Brandt", offices=[Office(title="Foreign Minister", start="1955")])
        ],
    )
    people = HeaderPeople.from_documents(
        [("d1", "The Ambassador in Ruritania (Brandt) to the Secretary of State", "1950-03-01")], case
    )
    offices = {(h.office, h.source) for h in people.offices_of("brandt")}
    assert offices == {("ambassador", "d1"), ("foreign minister", "actor:brandt")}


def _toy_store(tmp_path, documents):
    from fontes.corpus import Store, ingest_paths

    lines = tmp_path / "documents.jsonl"
    lines.write_text("\n".join(json.dumps(d) for d in documents) + "\n", encoding="utf-8")
    store = Store(tmp_path / "corpus.db")
    ingest_paths([lines], store)
    return store


def _doc(doc_id, title, date, text="The situation was discussed at length."):
    return {"id": doc_id, "title": title, "date": date, "archive": "FRUS", "text": text}


def _audit_text(tmp_path, text, store=None):
    from fontes.audit.context import Audit
    from fontes.audit.knowledge import no_case
    from fontes.audit.pipeline import run_checks
    from fontes.audit.reading.read import read_essay

    if "## References" not in text:  # a last paragraph of dated lines would be read as the notes
        text += "\n## References\n\n[1] Smith, J. (1990) *A History of Ruritania*. Oxford University Press.\n"
    text = text.replace("# Notes\n\n", "# Notes\n\n## Account\n\n", 1)
    path = tmp_path / "essay.md"
    path.write_text(text, encoding="utf-8")
    essay = read_essay(path)
    return run_checks(essay, Audit(no_case(), store)), essay.text


def _on(findings, text, words, kind):
    start = text.index(words)
    return [
        f
        for f in findings
        if f.kind == kind and f.location.start <= start + len(words) and start <= f.location.end
    ]


RURITANIA = [
    _doc("r1", "The Chargé in Ruritania (Brandt) to the Secretary of State", "1950-03-01"),
    _doc("r2", "The Chargé in Ruritania (Brandt) to the Secretary of State", "1950-03-09"),
    _doc(
        "r3",
        "Telegram from Soviet Ambassador to the USA A. F. Petrov to the USSR Foreign Ministry",
        "1962-10-24",
    ),
    _doc(
        "r4",
        "Telegram from Soviet Ambassador to the USA A. F. Petrov to the USSR Foreign Ministry",
        "1962-10-27",
    ),
    _doc("r5", "The Assistant Secretary of State (Rask) to the Secretary of State", "1950-04-02"),
    _doc("r6", "Memorandum From Secretary of State Rask to President Moore", "1962-10-25"),
]


def test_an_office_the_headers_contradict_is_found_and_a_right_one_passes(tmp_path):
    store = _toy_store(tmp_path, RURITANIA)
    text = (
        "# Notes\n\nAmbassador Brandt cabled home on 5 March 1950. On 25 October 1962 the Soviet Foreign "
        "Minister Petrov saw Secretary of State Rask. Petrov, the Soviet ambassador, reported on 27 October 1962.\n"
    )
    findings, essay = _audit_text(tmp_path, text, store)
    assert _on(findings, essay, "Ambassador Brandt", "office-mismatch")
    mismatch = _on(findings, essay, "Foreign Minister Petrov", "office-mismatch")
    assert mismatch and "Soviet Ambassador to the USA" in mismatch[0].message
    assert {e.source for e in mismatch[0].evidence} <= {"r3", "r4"}
    # Rask's office of 1950 does not speak for 1962, and the 1962 header agrees with the essay
    assert not _on(findings, essay, "Secretary of State Rask", "office-mismatch")
    assert not _on(findings, essay, "Petrov, the Soviet ambassador", "office-mismatch")


def test_a_name_one_letter_from_a_header_s_is_a_variant_with_the_corpus_spelling(tmp_path):
    store = _toy_store(tmp_path, RURITANIA)
    text = "# Notes\n\nOn 24 October 1962 Ptrov and Peotrv reported to Moscow, and so did Petrov.\n"
    findings, essay = _audit_text(tmp_path, text, store)
    dropped = _on(findings, essay, "Ptrov", "name-variant")
    assert dropped and "Petrov" in dropped[0].message
    assert not _on(findings, essay, "Peotrv", "name-variant")  # two slips: not one letter away
    assert not _on(findings, essay, "so did Petrov", "name-variant")


def test_entries_are_read_as_the_documents_they_name():
    from fontes.audit.evidence.entries import entry_document
    from fontes.audit.reading.essay import Reference

    def read(raw, url=""):
        return entry_document(Reference(number=1, raw=raw, start=0, end=len(raw), url=url))

    frus = read(
        "[1] The Chargé in Ruritania (Brandt) to the Secretary of State, March 9, 1950. *Foreign Relations of "
        "the United States, 1950*, Volume VI, Document 41."
    )
    assert (frus.kind, frus.doc_number, frus.day) == ("archival document", "41", (1950, 3, 9))
    wilson = read(
        "[2] Ciphered Telegram, Orlov to Belov, 12 June 1950. Wilson Center Digital Archive.",
        "https://digitalarchive.wilsoncenter.org/document/123456",
    )
    assert (wilson.kind, wilson.sender, wilson.recipient) == ("archival document", "Orlov", "Belov")
    assert (
        read("[3] Memorandum for the President, 4 May 1961. National Archives, RG 59.").kind
        == "archival document"
    )
    assert (
        read("[4] Letter from Moore to Hale, 2 May 1952. Moore Presidential Library.").kind
        == "archival document"
    )
    cia = read("[5] Current Intelligence Weekly. https://www.cia.gov/readingroom/document/0000123")
    assert cia.kind == "archival document"
    assert (
        read("[6] *Foreign Relations of the United States, 1950*, Volume VI.").kind == "document collection"
    )
    assert read("[7] Smith, J. (1990) *A History of Ruritania*. Oxford University Press.").kind == "book"
    assert (
        read("[8] Smith, J. (1991) 'The Crisis', *Journal of Cold War Studies* 3, pp. 1-20.").kind
        == "article"
    )
    assert read("[9] A Timeline of the Crisis. https://example.org/timeline").kind == "web page"


def test_entries_of_one_collection_are_duplicates_only_when_they_name_one_document(tmp_path):
    volume = "*Foreign Relations of the United States, 1950*, Volume VI"
    text = (
        "# Notes\n\nBrandt cabled twice [1][2], and again [3].\n\n## References\n\n"
        f"[1] The Chargé in Ruritania (Brandt) to the Secretary of State, March 1, 1950. {volume}, Document 40.\n"
        f"[2] The Chargé in Ruritania (Brandt) to the Secretary of State, March 9, 1950. {volume}, Document 41.\n"
        f"[3] The Chargé in Ruritania (Brandt) to the Secretary of State, March 9, 1950. {volume}, Document 41.\n"
    )
    findings, essay = _audit_text(tmp_path, text)
    duplicates = [f for f in findings if f.kind == "reference-malformed" and "same work" in f.message]
    assert [f.location.marker or f.message[:3] for f in duplicates] == [
        duplicates[0].location.marker or "[3]"
    ]
    assert "[3]" in duplicates[0].message and "[2]" in duplicates[0].message


def test_a_date_or_number_against_the_essay_s_own_entry_is_found_without_a_corpus(tmp_path):
    text = (
        "# Notes\n\nBrandt's telegram of 19 March 1950 asked for help [1]. His telegram 4512 repeated the request "
        "[2]. Brandt met the minister on 2 April 1950, a meeting his telegram reports [3].\n\n## References\n\n"
        "[1] Telegram From the Chargé in Ruritania (Brandt) to the Secretary of State, March 9, 1950. Ruritanian "
        "National Archives, File 12.\n"
        "[2] Telegram No. 4521 From the Chargé in Ruritania (Brandt) to the Secretary of State, March 12, 1950. "
        "Ruritanian National Archives, File 12.\n"
        "[3] Telegram From the Chargé in Ruritania (Brandt) to the Secretary of State, April 3, 1950. Ruritanian "
        "National Archives, File 12.\n"
    )
    findings, essay = _audit_text(tmp_path, text)
    date = _on(findings, essay, "19 March 1950", "date-mismatch")
    assert date and "9 March 1950" in date[0].message
    number = _on(findings, essay, "4512", "date-mismatch")
    assert number and "4521" in number[0].message
    # a meeting the telegram reports a day later is not the telegram's date
    assert not _on(findings, essay, "2 April 1950", "date-mismatch")


def test_offices_and_names_the_headers_cannot_speak_for_are_left_alone(tmp_path):
    store = _toy_store(
        tmp_path,
        [
            *RURITANIA,
            _doc("s1", "The Ambassador in Ruritania (Stevens) to the Secretary of State", "1958-01-10"),
            _doc("s2", "The Ambassador in Ruritania (Stevens) to the Secretary of State", "1958-02-10"),
        ],
    )
    text = (
        "# Notes\n\nIn November 1958 Foreign Minister Stevens spoke in the Assembly. On 24 October 1962 the Soviet "
        "Foreign Minister, Petrov and Moore met the press. On 26 October 1962 Steven Hale wrote to Moore.\n"
    )
    findings, essay = _audit_text(tmp_path, text, store)
    assert not _on(
        findings, essay, "Foreign Minister Stevens", "office-mismatch"
    )  # months after the last header
    assert not _on(
        findings, essay, "Foreign Minister, Petrov", "office-mismatch"
    )  # a list, not an apposition
    assert not _on(findings, essay, "Steven Hale", "name-variant")  # a given name, not a slip of Stevens


def test_with_no_case_the_audit_knows_the_header_people_by_name(tmp_path):
    from fontes.audit.context import Audit
    from fontes.audit.knowledge import no_case

    store = _toy_store(tmp_path, RURITANIA)
    index = Audit(no_case(), store).actor_index
    assert index.resolve(("petrov",)) == "corpus-petrov"
    assert index.resolve(("a", "f", "petrov")) == "corpus-petrov"
    assert (
        Audit(fontes.load_case(), store).actor_index.resolve(("petrov",)) is None
    )  # a case's own actors only


def test_an_office_given_outside_the_period_the_case_dates_it_is_a_warning(tmp_path):
    from fontes.audit.context import Audit
    from fontes.audit.pipeline import run_checks
    from fontes.audit.reading.read import read_essay

    path = tmp_path / "essay.md"
    path.write_text(
        "# Notes\n\n## Account\n\nOn 5 March 1948 Secretary of State Acheson spoke of Asia. On 5 March 1950 "
        "Secretary of State Acheson spoke again. In September 1949 Chairman Mao was in Beijing.\n\n"
        "## References\n\n[1] Smith, J. (1990) *A History of Korea*. Oxford University Press.\n",
        encoding="utf-8",
    )
    essay = read_essay(path)
    findings = run_checks(essay, Audit(fontes.load_case()))
    outside = [f for f in findings if f.kind == "office-mismatch" and "the case dates" in f.message]
    assert len(outside) == 1 and "1948" in outside[0].message and "21 January 1949" in outside[0].message
    assert outside[0].severity == "warning" and outside[0].evidence[0].source == "actor:acheson"
