"""Crash safety: `fontes ingest`, `fontes pull` and saving a case, killed with SIGKILL at random moments.

Each test runs the real thing in a subprocess, kills it at seeded moments and looks at what a
historian would find afterwards: a store that passes SQLite's and the search index's checks,
every file stored whole or not at all, a download cache that never serves half a page, a case
folder that never loads half-written, and nothing stored before lost. Then a run to the end
finishes the work. These tests run in CI (a minute or so in all).
"""

from __future__ import annotations

import json
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Self

import pytest
import yaml

from fontes.case import load_case, write_case
from fontes.case.yaml_files import CASE_FILES
from fontes.corpus.pull import archive_of
from fontes.corpus.store import Store
from fontes.corpus.url_cache import UrlCache
from fontes.errors import CaseError

HERE = Path(__file__).parent
WORDS = [
    "harbour",
    "telegram",
    "coal",
    "ship",
    "army",
    "river",
    "division",
    "garrison",
    "minister",
    "treaty",
    "border",
    "parallel",
    "winter",
    "rice",
    "barge",
    "bridge",
    "railway",
    "cable",
]
PAGE_TEMPLATE = (HERE / "fixtures" / "pull" / "wcda-document-120001.html").read_text(encoding="utf-8")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is a POSIX signal")


# -- running fontes and killing it -------------------------------------------------------------


def start(*args: str, cwd: Path) -> subprocess.Popen:
    """`fontes ARGS` as a user would run it, its output piped (so no progress bar is drawn)."""
    return subprocess.Popen(
        [sys.executable, "-m", "fontes", *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def start_python(code: str, *args: str, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", code, *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def kill(process: subprocess.Popen) -> bool:
    """SIGKILL the process; True when it was still at work (False: it had finished by itself)."""
    if process.poll() is None:
        process.kill()
    process.communicate()
    return process.returncode == -signal.SIGKILL


def finish(process: subprocess.Popen) -> str:
    """Wait for the process; its standard output, or a failure showing its standard error."""
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err.decode()
    return out.decode()


def intact_ids(db: Path) -> set[str]:
    """The ids in the store, after checking the SQLite file and the search index (empty: no store)."""
    if not db.exists():
        return set()
    with sqlite3.connect(db) as raw:  # also rolls back the journal the killed process left
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
    with Store(db) as store:
        store.check()  # raises when the FTS index disagrees with the tables
        texts = store._db.execute("SELECT count(*) FROM texts").fetchone()[0]
        assert texts == len(store), "a source without its text, or a text without its source"
        return set(store.ids())


# -- the input: many JSONL files and a TEI volume -----------------------------------------------


def words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def tei_volume(volume: str, documents: int, length: int, rng: random.Random) -> str:
    """A FRUS volume in the HistoryAtState encoding; document dN ends with the word mark<volume>x<N>."""
    divs = "".join(
        f"""
      <div type="document" xml:id="d{n}" n="{n}" subtype="historical-document"
          frus:doc-dateTime-min="1950-01-10T00:00:00-05:00" frus:doc-dateTime-max="1950-01-10T23:59:59-05:00">
        <head>The Ambassador in Korea to the Secretary of State, number {n}</head>
        <p>{words(rng, length)} mark{volume}x{n}.</p>
      </div>"""
        for n in range(1, documents + 1)
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:frus="http://history.state.gov/frus/ns/1.0" xml:id="{volume}">
  <teiHeader><fileDesc><titleStmt><title type="complete">Foreign Relations, {volume}</title></titleStmt>
    <publicationStmt><idno type="frus">{volume}</idno></publicationStmt></fileDesc></teiHeader>
  <text><body><div type="chapter" xml:id="ch1"><head>Korea</head>{divs}
  </div></body></text>
</TEI>
"""


JSONL_FILES, PER_FILE, TEI_DOCUMENTS = 100, 50, 300


def write_archive(folder: Path) -> dict[str, int]:
    """The files to ingest; how many documents each holds, by the prefix of its documents' ids."""
    rng = random.Random(1950)
    folder.mkdir()
    expected = {}
    for f in range(JSONL_FILES):
        prefix = f"batch{f:03d}"
        lines = [
            json.dumps(
                {
                    "id": f"{prefix}-doc{d:02d}",
                    "title": f"Document {d} of batch {f}",
                    "date": "1950-06-25",
                    "authors": ["Muccio"],
                    "text": f"{words(rng, 150)} mark{prefix}x{d:02d}",
                }
            )
            for d in range(PER_FILE)
        ]
        (folder / f"{prefix}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        expected[prefix] = PER_FILE
    (folder / "frus1950v97.xml").write_text(
        tei_volume("frus1950v97", TEI_DOCUMENTS, 200, rng), encoding="utf-8"
    )
    expected["frus1950v97"] = TEI_DOCUMENTS
    return expected


def test_ingest_survives_20_kills_and_a_rerun_stores_every_document_once(tmp_path):
    expected = write_archive(tmp_path / "archive")
    db = tmp_path / "store" / "corpus.db"
    rng = random.Random(6)
    latest_kill = 2.5  # seconds after the start; lowered should a run finish before its kill
    kills = runs = 0
    kept: set[str] = set()
    while kills < 20:
        runs += 1
        assert runs <= 40, "the ingest kept finishing before it could be killed"
        process = start("ingest", str(tmp_path / "archive"), "--db", str(db), cwd=tmp_path)
        started = time.monotonic()
        time.sleep(rng.uniform(0.3, latest_kill))
        if not kill(process):
            latest_kill = max(0.5, 0.8 * (time.monotonic() - started))
            continue
        kills += 1

        ids = intact_ids(db)
        per_file = Counter(i.split("-")[0] for i in ids)
        assert {p: n for p, n in per_file.items() if n != expected.get(p)} == {}, "a file half stored"
        assert kept <= ids, f"stored documents lost: {sorted(kept - ids)[:5]}"
        kept = ids

    output = finish(start("ingest", str(tmp_path / "archive"), "--db", str(db), cwd=tmp_path))
    total = sum(expected.values())
    assert "0 failed" in output and f"({total} documents in" in output
    ids = intact_ids(db)
    assert Counter(i.split("-")[0] for i in ids) == Counter(expected)
    with Store(db) as store:
        for prefix, n in [("batch000", 0), ("batch057", 49), ("frus1950v97", 300)]:
            mark = f"mark{prefix}x{n:02d}" if prefix.startswith("batch") else f"mark{prefix}x{n}"
            assert len(store.search(mark)) == 1, f"{mark} is indexed {len(store.search(mark))} times"


# -- pull: a slow archive on 127.0.0.1 ----------------------------------------------------------


def wcda_page(ref: str, rng: random.Random) -> str:
    """A Digital Archive page for record `ref`, its text ending with the word mark<ref>."""
    paragraphs = "".join(f"<p>{words(rng, 60)}</p>\n" for _ in range(12))
    return PAGE_TEMPLATE.replace("120001", ref).replace("<p>SHTYKOV</p>", f"{paragraphs}<p>mark{ref}</p>")


class SlowArchive:
    """FRUS volumes under /volumes/ and Wilson Center pages under /document/, sent in slow chunks."""

    CHUNK, PAUSE = 4096, 0.004

    def __init__(self, bodies: dict[str, bytes]):
        self.bodies = bodies  # path -> body
        self.begun = 0  # responses begun, all runs together
        archive = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # the name http.server calls
                body = archive.bodies.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                archive.begun += 1
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    for at in range(0, len(body), archive.CHUNK):
                        self.wfile.write(body[at : at + archive.CHUNK])
                        self.wfile.flush()
                        time.sleep(archive.PAUSE)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the pull was killed mid-answer: that is the point

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> Self:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.server.shutdown()
        self.server.server_close()


VOLUMES = [f"frus1950v9{n}" for n in range(4)]
PAGES = [str(130000 + n) for n in range(30)]


@pytest.fixture
def slow_archive(monkeypatch) -> Iterator[SlowArchive]:
    rng = random.Random(38)
    bodies = {f"/volumes/{v}.xml": tei_volume(v, 40, 400, rng).encode() for v in VOLUMES}
    bodies |= {f"/document/{ref}": wcda_page(ref, rng).encode() for ref in PAGES}
    with SlowArchive(bodies) as archive:
        monkeypatch.setenv("FONTES_FRUS_TEI_BASE", f"{archive.base}/volumes")
        monkeypatch.setenv("FONTES_WCDA_BASE", f"{archive.base}/document")
        yield archive


def write_pull_case(folder: Path) -> list[str]:
    """The toy case with many archive sources (and its own s1, which has no url); their ids."""
    shutil.copytree(HERE / "cases" / "toy", folder)
    urls = {
        f"{v}-d{n}": f"https://history.state.gov/historicaldocuments/{v}/d{n}"
        for v in VOLUMES
        for n in range(1, 41, 4)
    }
    urls |= {f"page-{ref}": f"https://digitalarchive.wilsoncenter.org/document/{ref}" for ref in PAGES}
    with open(folder / "sources.yaml", "a", encoding="utf-8") as out:
        out.writelines(f"- {{id: {i}, title: Source {i}, url: '{url}'}}\n" for i, url in urls.items())
    return list(urls)


def last_word(source_id: str) -> str:
    """How the whole text of a pulled source ends (page-130001 or frus1950v90-d5)."""
    if source_id.startswith("page-"):
        return f"mark{source_id.removeprefix('page-')}"
    volume, _, n = source_id.rpartition("-d")
    return f"mark{volume}x{n}."


def test_pull_survives_kills_mid_download_and_never_uses_half_a_page(tmp_path, slow_archive):
    pulled = write_pull_case(tmp_path / "case")
    db = tmp_path / "store" / "corpus.db"
    cache = UrlCache(db.parent / "cache")
    case = load_case(tmp_path / "case")
    urls = {archive_of(s).url for s in case.sources if s.url}
    bodies = {url: slow_archive.bodies[url.removeprefix(slow_archive.base)] for url in urls}
    pull = ("pull", "--case", str(tmp_path / "case"), "--db", str(db), "--min-interval", "0")
    rng = random.Random(25)
    texts_seen: dict[str, set[str]] = {}
    kills = runs = 0
    while kills < 8:
        runs += 1
        assert runs <= 16, "the pull kept finishing before it could be killed"
        process = start(*pull, cwd=tmp_path)
        wait_for = slow_archive.begun + rng.randint(1, 3)  # kill after the 1st-3rd answer begins ...
        while process.poll() is None and slow_archive.begun < wait_for:
            time.sleep(0.002)
        time.sleep(rng.uniform(0.0, 0.15))  # ... mid-answer, or while caching, reading or storing it
        if not kill(process):
            continue
        kills += 1

        ids = intact_ids(db)
        assert ids <= set(pulled)
        for url, body in bodies.items():
            path = cache.get(url)
            assert path is None or path.read_bytes() == body, f"half of {url} is cached as whole"
        with Store(db) as store:
            for i in ids:
                texts_seen.setdefault(i, set()).add(store.get(i).text)

    finish(start(*pull, cwd=tmp_path))
    assert intact_ids(db) == set(pulled)
    with Store(db) as store:
        final = {i: store.get(i).text for i in pulled}
    assert all(texts == {final[i]} for i, texts in texts_seen.items()), "a document was stored cut short"
    assert all(text.endswith(last_word(i)) for i, text in final.items())
    requests = slow_archive.begun
    output = finish(start(*pull, cwd=tmp_path))
    assert slow_archive.begun == requests and f"{len(pulled)} stored (0 fetched" in output


# -- saving a case ------------------------------------------------------------------------------

WRITER = """
import itertools, os, sys, time
from pathlib import Path
from fontes.case import load_case, write_case

mode, root = sys.argv[1], Path(sys.argv[2])
case = load_case()
if mode == "new":
    for i in itertools.count():
        write_case(case, root / f"copy-{os.getpid()}-{i}")
        print("saved", flush=True)
else:  # the same folder, two cases in turn, each over the other; each rename says so, then dawdles
    for name in ("replace", "rename", "unlink"):
        def slow(*args, _real=getattr(os, name), _name=name, **kwargs):
            print(_name, flush=True)
            time.sleep(0.03)
            return _real(*args, **kwargs)
        setattr(os, name, slow)
    other = case.model_copy(update={"title": "The other case", "events": []})
    for i in itertools.count():
        write_case(other if i % 2 else case, root / "same", overwrite=True)
"""


def whole_files(*cases, folder: Path) -> dict[str, set[bytes]]:
    """Each file name of the cases written whole, and the bytes it may hold."""
    files: dict[str, set[bytes]] = {}
    folder.mkdir(exist_ok=True)
    for n, case in enumerate(cases):
        for path in write_case(case, folder / str(n)).glob("*.yaml"):
            files.setdefault(path.name, set()).add(path.read_bytes())
    return files


@pytest.fixture(scope="module")
def builtin():
    return load_case()


def test_a_killed_save_leaves_whole_cases_or_no_folder(tmp_path, builtin):
    rng = random.Random(72)
    checked: set[Path] = set()
    for _ in range(4):
        process = start_python(WRITER, "new", str(tmp_path), cwd=tmp_path)
        process.stdout.readline()  # one case saved: kill the process while it saves the next ones
        time.sleep(rng.uniform(0.0, 1.5))
        assert kill(process)
        for folder in set(tmp_path.glob("copy-*")) - checked:  # hidden .copy-*.tmp: unfinished ones
            assert sorted(p.name for p in folder.iterdir()) == sorted(f"{s}.yaml" for s in CASE_FILES)
            assert load_case(folder) == builtin
            checked.add(folder)
    assert len(checked) >= 4


def test_a_killed_overwrite_never_leaves_a_case_mixed_of_two(tmp_path, builtin):
    other = builtin.model_copy(update={"title": "The other case", "events": []})
    whole = whole_files(builtin, other, folder=tmp_path / "reference")
    rng = random.Random(3)
    folder = tmp_path / "same"
    outcomes = Counter()
    for round in range(6):
        process = start_python(WRITER, "overwrite", str(tmp_path), cwd=tmp_path)
        if round % 2:  # just after the k-th file operation of this run (1: the rename that fails)
            for _ in range(rng.randint(1, 7)):
                process.stdout.readline()
            time.sleep(rng.uniform(0.0, 0.04))
        else:  # at any moment
            time.sleep(rng.uniform(0.8, 4.0))
        assert kill(process)
        if not folder.exists():
            outcomes["not written yet"] += 1
            continue
        for path in folder.glob("*.yaml"):  # each file present is one case's file, whole
            assert path.read_bytes() in whole[path.name], f"{path.name} is half-written"
            yaml.safe_load(path.read_text(encoding="utf-8"))
        if not (folder / "case.yaml").exists():
            with pytest.raises(CaseError, match="case.yaml: is missing"):
                load_case(folder)
            outcomes["no case.yaml"] += 1
            continue
        case = load_case(folder)  # case.yaml there: the whole of one case or of the other
        assert case in (builtin, other)
        assert (folder / "events.yaml").exists() == bool(case.events)
        outcomes["whole"] += 1
    assert outcomes["no case.yaml"], outcomes  # some kills came while the files were moved in
    write_case(other, folder, overwrite=True)  # and saving again mends the folder
    assert load_case(folder) == other


def test_two_saves_racing_for_one_new_folder_leave_one_whole_case(tmp_path, builtin):
    toy = load_case(HERE / "cases" / "toy")
    results: list[str] = []

    def save(case):
        try:
            write_case(case, tmp_path / "race")
            results.append(case.id)
        except CaseError:
            results.append("refused")

    threads = [threading.Thread(target=save, args=(case,)) for case in (toy, builtin)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) in (["korea-1950", "refused"], ["refused", "toy"])
    winner = next(r for r in results if r != "refused")
    assert load_case(tmp_path / "race").id == winner
    assert [p.name for p in tmp_path.iterdir()] == ["race"]  # the loser's temporary folder is gone


def test_saving_over_a_case_replaces_its_files_and_keeps_the_others(tmp_path, builtin):
    folder = tmp_path / "work"
    write_case(builtin, folder)
    (folder / "notes.md").write_text("my notes")
    before = (folder / "sources.yaml").read_bytes()
    with pytest.raises(CaseError, match="already holds a case"):
        write_case(builtin.model_copy(update={"title": "Other"}), folder)
    assert (folder / "sources.yaml").read_bytes() == before
    lean = builtin.model_copy(update={"title": "Other", "events": []})
    write_case(lean, folder, overwrite=True)
    assert load_case(folder) == lean and not (folder / "events.yaml").exists()
    assert (folder / "notes.md").read_text() == "my notes"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_a_folder_with_a_case_file_but_no_case_yaml_is_not_written_over(tmp_path, builtin):
    (tmp_path / "half").mkdir()
    (tmp_path / "half" / "sources.yaml").write_text("- id: mine\n  title: Mine\n")
    with pytest.raises(CaseError, match=r"already holds a case \(sources.yaml\)"):
        write_case(builtin, tmp_path / "half")
    assert (tmp_path / "half" / "sources.yaml").read_text() == "- id: mine\n  title: Mine\n"


def test_saving_into_the_working_folder_leaves_the_shell_in_it(tmp_path, builtin, monkeypatch):
    (tmp_path / "here").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    write_case(builtin, ".")
    assert Path.cwd().samefile(tmp_path / "here") and load_case(Path.cwd()) == builtin
