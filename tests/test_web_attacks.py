"""The local web app under attack: hostile words in every text of a case, paths that try to climb
out, requests from other sites, bodies too big, and 200 what-ifs at once.

Every page of a hostile case (tests/hostile_case.py) is read as a browser tokenizes it: the
markup in the data must arrive as words, never as elements. Paths go over a raw socket to
uvicorn, so no client tidies `..` away first. A secret file planted beside the case folder
must never come back. The browser half is tests/test_web_attacks_browser.py.
"""

from __future__ import annotations

import inspect
import json
import math
import os
import random
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
import warnings
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner
from hostile_case import (
    BAD_URLS,
    ENTITIES,
    HOSTILE,
    HOSTILE_HYPOTHESIS,
    HOSTILE_ITEM,
    HOSTILE_SCHOOL,
    HOSTILE_SOURCE,
    IMG,
    PAGES,
    QUOTE,
    QUOTED_URL,
    SCRIPT,
    SHOWN,
    path_of,
    read_page,
    said,
    write_hostile_case,
    write_hostile_corpus,
    write_hostile_essay,
)
from live_server import LOOPBACK, free_port, raw_get, raw_request, running

import fontes
from fontes.corpus import Store, ingest_paths
from fontes.web import create_app
from fontes.web.security import MAX_BODY_BYTES

with warnings.catch_warnings():  # Starlette prefers httpx2 over the httpx fontes already has
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

ORIGIN = "http://127.0.0.1:8000"
ARTIFACTS = Path(__file__).parent / "artifacts"


@dataclass(frozen=True)
class World:
    """The hostile case folder, its corpus store and essay, a save folder, and a secret beside them."""

    root: Path
    case_dir: Path
    store: Path
    essay: Path
    saves: Path
    secret: str


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> World:
    root = tmp_path_factory.mktemp("attacked")
    secret = f"SECRET-{secrets.token_hex(16)}"
    (root / "secret.txt").write_text(secret + "\n", encoding="utf-8")  # beside the case folder
    case_dir = write_hostile_case(root / "case")
    store = root / "store.db"
    with Store(store) as opened:
        summary = ingest_paths([write_hostile_corpus(root / "documents.jsonl")], opened)
    assert summary.added == 3 and not summary.failed
    saves = root / "saves"
    saves.mkdir()
    return World(root, case_dir, store, write_hostile_essay(root / "essay.md"), saves, secret)


@pytest.fixture(scope="module")
def app(world):
    return create_app(world.case_dir, world.store, essay_path=world.essay, save_root=world.saves)


@pytest.fixture(scope="module")
def client(app) -> TestClient:
    return TestClient(app, base_url=ORIGIN, raise_server_exceptions=False)


@pytest.fixture(scope="module")
def case_only_client(world) -> TestClient:
    """The hostile case with no corpus store: search looks in the case itself."""
    return TestClient(create_app(world.case_dir), base_url=ORIGIN, raise_server_exceptions=False)


@pytest.fixture(scope="module")
def port(app):
    """The same app under uvicorn on a free loopback port."""
    with running(app) as port:
        yield port


def post(client: TestClient, path: str, body, *, token: str | None = None, **headers):
    """A POST as the page's script sends it: JSON, the token, the page's own origin."""
    token = client.app.state.token if token is None else token
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    return client.post(
        path,
        content=content,
        headers={"content-type": "application/json", "x-fontes-token": token, "origin": ORIGIN, **headers},
    )


# -- 1. hostile words: shown as words, never as markup ---------------------------------------


@pytest.mark.parametrize("path, fields", PAGES, ids=[p for p, _ in PAGES])
def test_every_page_shows_the_hostile_texts_as_words(client, path, fields):
    response = client.get(path)
    assert response.status_code == 200, response.text[:300]
    page = read_page(response.text)
    assert page.injected == []
    for field in fields:
        assert said(field) in page.text, field
    if fields:
        assert all(words in page.text for words in SHOWN)
    assert "&lt;script&gt;" in page.text  # entities in the data are shown as typed, not decoded


def test_a_quote_marked_in_its_source_stays_words(client):
    page = read_page(client.get("/sources/s1").text)
    assert page.injected == [] and "marked in the text" in page.text
    assert QUOTE in page.text


@pytest.mark.parametrize("source_id", sorted(BAD_URLS))
def test_a_source_url_that_is_not_http_is_shown_never_linked(client, source_id):
    page = read_page(client.get(path_of("/sources/", source_id)).text)
    assert page.injected == []
    assert BAD_URLS[source_id].strip() in page.text
    assert not any(link.strip().lower().startswith(("javascript", "data", "vbscript")) for link in page.links)


def test_an_http_link_with_quotes_in_it_stays_one_attribute(client):
    page = read_page(client.get(path_of("/sources/", HOSTILE_SOURCE)).text)
    assert QUOTED_URL in page.links and page.injected == []


@pytest.mark.parametrize(
    "query",
    [
        HOSTILE,
        SCRIPT,
        '"><script>alert(1)</script>',
        "' autofocus onfocus='alert(1)",
        ENTITIES,
        "javascript:alert(1)",
    ],
)
def test_a_hostile_search_comes_back_as_the_words_typed(client, case_only_client, query):
    for searched in (client, case_only_client):  # the store's search, then the case's own
        page = read_page(searched.get("/search", params={"q": query, "from": query}).text)
        assert page.injected == []
        assert page.inputs["q"] == query.strip()[:200]  # the page searches the first 200 characters


def test_an_unknown_hostile_id_is_named_in_words_on_the_404_page(client):
    response = client.get(path_of("/questions/", IMG))
    page = read_page(response.text)
    assert response.status_code == 404 and page.injected == [] and IMG in page.text


def test_the_what_if_fragments_show_the_hostile_texts_as_words(client):
    body = {
        "school": HOSTILE_SCHOOL,
        "priors": {"a": 1, HOSTILE_HYPOTHESIS: 3},
        "items": {HOSTILE_ITEM: {"likelihoods": {HOSTILE_HYPOTHESIS: 0.2}}, "e1": {"credibility": 0.5}},
    }
    response = post(client, "/questions/q/what-if", body)
    assert response.status_code == 200, response.text
    fragments = response.json()["html"]
    for name, html in fragments.items():
        assert read_page(html).injected == [], name
    assert said("hypothesis text") in read_page(fragments["verdict"]).text
    assert HOSTILE_ITEM in read_page(fragments["ach"]).text


def test_the_html_report_of_the_hostile_case_shows_every_text_as_words(world, tmp_path):
    from fontes.cli import cli

    out = tmp_path / "report.html"
    result = CliRunner().invoke(
        cli,
        [
            "report",
            "--case",
            str(world.case_dir),
            "--html",
            str(out),
            "--essay",
            str(world.essay),
            "--db",
            str(world.store),
        ],
    )
    assert result.exit_code == 0, result.output
    page = read_page(out.read_text(encoding="utf-8"))
    assert page.injected == []
    for field in (
        "case title",
        "case description",
        "question text",
        "hypothesis text",
        "school label",
        "source title",
        "archive",
        "evidence note",
        "event summary",
        "actor name",
        "document text",
    ):
        assert said(field) in page.text, field
    assert all(words in page.text for words in SHOWN)
    assert not any(link.strip().lower().startswith(("javascript", "data", "vbscript")) for link in page.links)
    assert QUOTED_URL in page.links


# -- 2. paths that climb out -------------------------------------------------------------------

#: Names and ids as an attacker writes them in a URL: raw dots, encoded, double-encoded,
#: separators, absolute paths, backslashes, NUL bytes, overlong UTF-8.
TRAVERSALS = [
    "..",
    "%2e%2e",
    "%2E%2E",
    ".%2e",
    "%252e%252e",
    "%252e%252e%252fsecret.txt",
    "../secret.txt",
    "../../secret.txt",
    "..%2fsecret.txt",
    "..%2F..%2Fsecret.txt",
    "%2e%2e%2f%2e%2e%2fsecret.txt",
    "....//....//secret.txt",
    "..\\secret.txt",
    "..%5c..%5csecret.txt",
    "%5c..%5csecret.txt",
    "/etc/passwd",
    "%2fetc%2fpasswd",
    "%2Fetc%2Fpasswd",
    "//etc/passwd",
    "%252fetc%252fpasswd",
    "secret.txt%00",
    "%00",
    "..%00",
    "fontes.css%00.py",
    "%c0%ae%c0%ae%c0%afsecret.txt",
    "file:%2f%2f%2fetc%2fpasswd",
]
#: Every route that takes a name or an id in its path, and some that do not exist at all.
ID_ROUTES = [
    "/sources/{}",
    "/questions/{}",
    "/questions/{}/what-if",
    "/static/{}",
    "/static/fontes.css/{}",
    "/evidence/{}",
    "/audit/{}",
    "/download/{}",
    "/export/{}",
    "/{}",
]
#: The query parameters that name something.
QUERY_ROUTES = [
    "/?school={}",
    "/questions/q?school={}",
    "/evidence?question={}",
    "/search?q={}",
    "/search?archive={}&author={}",
]


def leaks(world: World, answer: bytes) -> bool:
    """Whether an answer holds the planted secret or a file from outside the app, or sends the reader away."""
    head = answer.split(b"\r\n\r\n", 1)[0].lower()
    location = re.search(rb"\r\nlocation: *(\S+)", head)
    if location and not re.match(rb"/[^/\\]|http://127\.0\.0\.1:\d+/", location.group(1)):
        return True
    return any(s in answer for s in (world.secret.encode(), b"root:x:0:0", b"[project]", b"SQLite format"))


def test_no_path_reaches_a_file_outside_the_case_and_the_store(world, port):
    statuses: dict[int, int] = {}
    absolute = quote(str(world.root / "secret.txt"), safe="")
    for route in ID_ROUTES:
        for attack in [*TRAVERSALS, absolute]:
            target = route.replace("{}", attack)
            status, answer = raw_get(port, target)
            assert not leaks(world, answer), target
            assert status in (400, 404, 405), (target, status)
            statuses[status] = statuses.get(status, 0) + 1
    for route in QUERY_ROUTES:
        for attack in [*TRAVERSALS, absolute]:
            target = route.replace("{}", attack)
            status, answer = raw_get(port, target)
            assert status in (200, 400, 404) and not leaks(world, answer), (target, status)
    print(f"\npaths refused: {sum(statuses.values())} ({statuses})")


def test_every_answer_carries_the_guarding_headers_errors_included(port):
    targets = [
        "/",
        "/questions/%3Cimg%3E",
        "/static/..%2f..%2fsecret.txt",
        "/questions/q/what-if",
        "/sources/s1/",
    ]
    for target in targets:
        status, answer = raw_get(port, target)
        head = answer.split(b"\r\n\r\n", 1)[0].lower()
        assert b"content-security-policy: default-src 'none'" in head, (target, status)
        assert b"x-content-type-options: nosniff" in head and b"x-frame-options: deny" in head


def test_a_url_a_megabyte_long_is_refused_or_answered_never_a_crash(world, port):
    for target in ("/search?q=" + "a%20" * 250_000, "/sources/" + "..%2f" * 200_000):
        status, answer = raw_get(port, target)
        assert status in (200, 400, 404, 414, 431) and not leaks(world, answer)
    assert raw_get(port, "/")[0] == 200  # and the app still answers


@pytest.mark.parametrize(
    "target",
    [
        b"/sources/\x00",
        b"/static/fontes.css\x00.py",
        b"/static/../../secret.txt",
        b"/static/./../secret.txt",
        b"http://127.0.0.1/static/..%2f..%2fsecret.txt",
        b"/static/%2e%2e%2f%2e%2e%2fsecret.txt",
        b"*",
        b"/questions/q/../../../secret.txt",
        b"/static/\\..\\..\\secret.txt",
    ],
)
def test_request_lines_no_client_would_send_are_refused_too(world, port, target):
    status, answer = raw_get(port, target)
    assert status in (400, 404, 405) and not leaks(world, answer), (target, status)


def test_a_what_if_on_a_climbing_question_id_is_refused(world, app, port):
    body = b'{"school": "flat"}'
    for attack in TRAVERSALS:
        head = (
            f"POST /questions/{attack}/what-if HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Content-Type: application/json\r\nX-Fontes-Token: {app.state.token}\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        ).encode()
        status, answer = raw_request(port, head, body)
        assert status in (400, 404) and not leaks(world, answer), (attack, status)


@pytest.mark.parametrize(
    "name",
    [
        "..",
        "../escaped",
        "../../escaped",
        "%2e%2e",
        "%2e%2e%2fescaped",
        "%252e%252e",
        "..%2fescaped",
        "..%252fescaped",
        "/etc/passwd",
        "/tmp/escaped",
        "%2fetc%2fpasswd",
        "..\\escaped",
        "C:\\escaped",
        "\\\\host\\share",
        "a\\..\\..\\b",
        "escaped\x00",
        "\x00",
        "..\x00",
        ".",
        ".hidden",
        "a/../../escaped",
        "\u2025",
        "\uff0e\uff0e",
        "\u2024\u2024",
        "escaped\n",
        " escaped",
        "x" * 81,
        "",
        7,
        None,
        True,
        ["escaped"],
        {"name": "escaped"},
    ],
)
def test_save_refuses_every_name_but_one_plain_new_folder_name(world, client, name):
    before = sorted(p.name for p in world.root.iterdir())
    response = post(client, "/questions/q/save", {"school": "flat", "name": name})
    assert response.status_code == 400 and response.json()["field"] == "name", response.text
    assert list(world.saves.iterdir()) == []
    assert sorted(p.name for p in world.root.iterdir()) == before
    assert (world.root / "secret.txt").read_text().strip() == world.secret
    assert not Path("/tmp/escaped").exists()


def test_twenty_saves_of_one_name_at_once_make_one_folder(world, app, port):
    body = json.dumps({"school": "flat", "name": "raced"}).encode()
    head = (
        f"POST /questions/q/save HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
        f"X-Fontes-Token: {app.state.token}\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    ).encode()
    with ThreadPoolExecutor(20) as pool:
        statuses = sorted(
            status for status, _ in pool.map(lambda _: raw_request(port, head, body), range(20))
        )
    assert statuses == [201] + [400] * 19
    assert [p.name for p in world.saves.iterdir()] == ["raced"]
    assert fontes.load_case(world.saves / "raced").id == "raced"
    shutil.rmtree(world.saves / "raced")


def test_save_writes_only_inside_the_save_folder(world, client):
    response = post(client, "/questions/q/save", {"school": "flat", "name": "hostile-what-if"})
    assert response.status_code == 201, response.text
    folder = world.saves / "hostile-what-if"
    assert Path(response.json()["path"]) == folder.resolve()
    saved = fontes.load_case(folder)
    assert saved.title == said("case title") and saved.sources[0].url == BAD_URLS["s1"]
    shutil.rmtree(folder)


# -- 3. requests from elsewhere; bodies too big -------------------------------------------------

#: (what it is, headers over the page's own, expected status).
ORIGIN_CASES = [
    ("no token", {"x-fontes-token": None}, 403),
    ("empty token", {"x-fontes-token": ""}, 403),
    ("a wrong token", {"x-fontes-token": "guess"}, 403),
    ("the token cut short", {"x-fontes-token": "CUT"}, 403),
    (
        "the token in a cookie, not the header",
        {"x-fontes-token": None, "cookie": "x-fontes-token=TOKEN"},
        403,
    ),
    ("a foreign Origin", {"origin": "http://evil.example"}, 403),
    ("Origin null (a sandboxed frame, a file)", {"origin": "null"}, 403),
    ("the same host on another port", {"origin": "http://127.0.0.1:9999"}, 403),
    ("the same host over https", {"origin": "https://127.0.0.1:8000"}, 403),
    ("a look-alike host", {"origin": "http://127.0.0.1.evil.example"}, 403),
    ("a cross-site fetch", {"sec-fetch-site": "cross-site"}, 403),
    ("a same-site fetch from another port", {"sec-fetch-site": "same-site"}, 403),
    (
        "a plain-text form post from another site",
        {"x-fontes-token": None, "content-type": "text/plain", "origin": "http://evil.example"},
        403,
    ),
    ("another Host (DNS rebinding)", {"host": "evil.example", "origin": "http://evil.example"}, 400),
    ("the page's own request", {"sec-fetch-site": "same-origin"}, 200),
    ("a request with no Origin (curl, a script)", {"origin": None}, 200),
]


@pytest.mark.parametrize("route", ["what-if", "save"])
@pytest.mark.parametrize("what, headers, expected", ORIGIN_CASES, ids=[c[0] for c in ORIGIN_CASES])
def test_a_state_changing_request_needs_the_token_and_the_same_origin(
    world, client, route, what, headers, expected
):
    token = client.app.state.token
    sent = {"content-type": "application/json", "x-fontes-token": token, "origin": ORIGIN}
    for key, value in headers.items():
        sent[key] = value.replace("CUT", token[:-1]).replace("TOKEN", token) if value else value
    sent = {k: v for k, v in sent.items() if v is not None}
    name = f"saved-{len(list(world.saves.iterdir()))}"
    response = client.post(
        f"/questions/q/{route}", content=json.dumps({"school": "flat", "name": name}), headers=sent
    )
    if route == "save" and expected == 200:
        expected = 201
    assert response.status_code == expected, (what, response.text)
    assert (world.saves / name).exists() == (expected == 201)


@pytest.mark.parametrize("route", ["what-if", "save"])
def test_a_body_over_the_limit_is_413_with_or_without_its_length(client, route):
    big = json.dumps({"school": "flat", "name": "big", "padding": "x" * MAX_BODY_BYTES}).encode()
    assert post(client, f"/questions/q/{route}", big).status_code == 413

    def chunks():  # no Content-Length: the body is counted as it comes
        for start in range(0, len(big), 4096):
            yield big[start : start + 4096]

    response = client.post(
        f"/questions/q/{route}",
        content=chunks(),
        headers={
            "content-type": "application/json",
            "x-fontes-token": client.app.state.token,
            "origin": ORIGIN,
        },
    )
    assert "content-length" not in response.request.headers
    assert response.request.headers["transfer-encoding"] == "chunked"
    assert response.status_code == 413


def test_a_chunked_body_over_the_limit_is_413_from_uvicorn_too(app, port):
    head = (
        f"POST /questions/q/what-if HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
        f"X-Fontes-Token: {app.state.token}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    ).encode()
    piece = b" " * 8192
    body = b"".join(b"%x\r\n%s\r\n" % (len(piece), piece) for _ in range(MAX_BODY_BYTES // len(piece) + 2))
    status, _ = raw_request(port, head, body + b"0\r\n\r\n")
    assert status == 413


def test_a_body_just_at_the_limit_is_read(client):
    body = json.dumps({"school": "flat"}).encode()
    assert post(client, "/questions/q/what-if", body.ljust(MAX_BODY_BYTES)).status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        b"[" * 30_000,  # deeper than Python's stack: was a 500 (RecursionError)
        b'{"items": ' * 5_000 + b"1" + b"}" * 5_000,
        b"\xff\xfe{}",
        b'"\\ud800"',
        b"{",
        b"NaN",
        b"",
    ],
)
def test_a_malformed_body_is_a_400_never_a_crash(client, body):
    response = post(client, "/questions/q/what-if", body)
    assert response.status_code == 400, response.text[:200]
    assert "error" in response.json()


@pytest.mark.parametrize("words", ["x\x00y", "\x00", '"\x00', "quoted\x00words"])
def test_a_nul_in_the_search_words_is_searched_not_a_crash(client, world, words):
    response = client.get("/search", params={"q": words, "author": words})  # was a 500: FTS5 stops at a NUL
    assert response.status_code == 200
    with Store(world.store) as store:
        store.search(words)


def test_the_app_listens_on_loopback_unless_told_otherwise():
    from fontes.cli import cli
    from fontes.web.serve import DEFAULT_HOST, serve

    assert DEFAULT_HOST == LOOPBACK
    assert inspect.signature(serve).parameters["host"].default == LOOPBACK
    option = next(p for p in cli.commands["serve"].params if p.name == "host")
    assert option.default == LOOPBACK


def test_fontes_serve_with_no_host_binds_only_the_loopback_address(cli_server):
    tables = {name: Path(f"/proc/net/{name}") for name in ("tcp", "tcp6")}
    if not tables["tcp"].exists():
        pytest.skip("no /proc/net/tcp here")
    port_hex = f"{cli_server.port:04X}"
    listening = [
        line.split()[1]
        for name, table in tables.items()
        if table.exists()
        for line in table.read_text().splitlines()[1:]
        if line.split()[1].endswith(":" + port_hex) and line.split()[3] == "0A"
    ]
    assert listening == ["0100007F:" + port_hex]  # 127.0.0.1, and nothing on any other address


# -- 4. load: 200 what-ifs at once --------------------------------------------------------------

LOAD_REQUESTS = 200
LOAD_WORKERS = 32
LOAD_TIMEOUT = 60


@dataclass(frozen=True)
class CliServer:
    port: int
    token: str

    @property
    def base(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"


@pytest.fixture(scope="module")
def cli_server(tmp_path_factory):
    """`fontes serve` on the built-in case in its own process, as a user starts it (no --host)."""
    folder = tmp_path_factory.mktemp("served")
    port = free_port()
    env = {**os.environ, "FONTES_DB": str(folder / "no-store.db")}
    command = [
        sys.executable,
        "-c",
        "from fontes.cli import main; main()",
        "serve",
        "--port",
        str(port),
        "--save-root",
        str(folder),
    ]
    process = subprocess.Popen(
        command, env=env, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://{LOOPBACK}:{port}/sources", timeout=5) as response:
                    page = response.read().decode()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"fontes serve did not start: {process.stderr.read().decode()[-2000:]}")
                time.sleep(0.05)
        token = re.search(r'<meta name="fontes-token" content="([^"]+)">', page).group(1)
        yield CliServer(port, token)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def random_whatifs(case, n: int, seed: int = 1950) -> list[tuple[str, dict]]:
    """`n` varied what-ifs: schools, own priors, changed likelihoods and credibilities, items off."""
    rng = random.Random(seed)
    schools = [s.id for s in case.schools] + [""]
    asked = []
    for i in range(n):
        question = case.questions[i % len(case.questions)]
        hypotheses = question.hypothesis_ids()
        bearing = [e.id for e in case.evidence if question.id in e.bears_on]
        body: dict = {"school": rng.choice(schools), "items": {}}
        if i % 25 == 0:
            asked.append((question.id, body))  # nothing changed: the page's own verdict
            continue
        if rng.random() < 0.3:
            body["priors"] = {h: rng.randint(1, 9) for h in hypotheses}
        for item in rng.sample(bearing, rng.randint(1, 3)):
            kind = rng.choice(["likelihoods", "likelihoods", "credibility", "off"])
            if kind == "likelihoods":
                body["items"][item] = {
                    "likelihoods": {
                        h: round(rng.uniform(0.01, 1), 3) for h in rng.sample(hypotheses, rng.randint(1, 2))
                    }
                }
            elif kind == "credibility":
                body["items"][item] = {"credibility": round(rng.random(), 3)}
            else:
                body["items"][item] = {"off": True}
        asked.append((question.id, body))
    return asked


def expected_posterior(case, question_id: str, body: dict) -> dict[str, float]:
    """The engine's own answer for a what-if, the case changed here by hand."""
    changed = case.model_copy(deep=True)
    items = {e.id: e for e in changed.evidence}
    school = body.get("school")
    for item_id, change in body["items"].items():
        item = items[item_id]
        reading = item.readings.get(school) if school else None
        read_here = reading is not None and question_id in reading.bears_on
        if change.get("off"):
            del item.bears_on[question_id]
            if read_here:
                del reading.bears_on[question_id]
            continue
        # the panel shows the school's reading where it has one, so a changed value replaces that
        (reading.bears_on if read_here else item.bears_on)[question_id].update(change.get("likelihoods", {}))
        if "credibility" in change:
            item.credibility = change["credibility"]
    if "priors" in body:
        priors = body["priors"]
    elif body["school"]:
        priors = case.school(body["school"]).priors.get(question_id)
    else:
        priors = None
    return fontes.posterior_under(changed, question_id, priors, school=school)


def test_200_concurrent_what_ifs_each_give_the_engines_posterior(cli_server):
    case = fontes.load_case()
    asked = random_whatifs(case, LOAD_REQUESTS)
    headers = {
        "content-type": "application/json",
        "x-fontes-token": cli_server.token,
        "origin": cli_server.base,
    }

    def send(question_id: str, body: dict) -> tuple[int, dict, float]:
        url = f"{cli_server.base}/questions/{question_id}/what-if"
        started = time.perf_counter()
        sent = urllib.request.Request(url, data=json.dumps(body).encode(), headers=headers, method="POST")
        with urllib.request.urlopen(sent, timeout=LOAD_TIMEOUT) as response:
            payload = json.loads(response.read())
            return response.status, payload, time.perf_counter() - started

    alone = [1000 * send(q, body)[2] for q, body in asked[1:11]]  # one at a time first: no queue
    started = time.perf_counter()
    with ThreadPoolExecutor(LOAD_WORKERS) as pool:
        futures = [pool.submit(send, q, body) for q, body in asked]
        _, pending = wait(futures, timeout=LOAD_TIMEOUT)
        for future in pending:
            future.cancel()
    elapsed = time.perf_counter() - started
    assert not pending, f"{len(pending)} what-ifs unanswered after {LOAD_TIMEOUT} s"

    latencies, server_ms = [], []
    for (question_id, body), future in zip(asked, futures, strict=True):
        status, payload, seconds = future.result()
        assert status == 200
        exact = expected_posterior(case, question_id, body)
        shown = {h["id"]: h["posterior"] for h in payload["verdict"]["hypotheses"]}
        assert shown.keys() == exact.keys()
        for hid, p in exact.items():
            assert math.isclose(shown[hid], p, rel_tol=0, abs_tol=1e-9), (question_id, body, hid)
        assert payload["changed"] == bool(body["items"] or "priors" in body)
        latencies.append(1000 * seconds)
        server_ms.append(payload["elapsed_ms"])

    figures = {
        "requests": LOAD_REQUESTS,
        "workers": LOAD_WORKERS,
        "case": case.id,
        "total_s": round(elapsed, 2),
        "requests_per_s": round(LOAD_REQUESTS / elapsed, 1),
        "latency_ms": {
            "p50": round(percentile(latencies, 50), 1),
            "p95": round(percentile(latencies, 95), 1),
            "max": round(max(latencies), 1),
        },
        "server_ms": {"p50": round(percentile(server_ms, 50), 1), "p95": round(percentile(server_ms, 95), 1)},
        "one_at_a_time_ms": {"p50": round(statistics.median(alone), 1), "max": round(max(alone), 1)},
        "cpus": os.cpu_count(),
    }
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "web_load.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"\nweb load: {json.dumps(figures)}")
    assert elapsed < LOAD_TIMEOUT


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile, interpolated (statistics' inclusive quantiles)."""
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]
