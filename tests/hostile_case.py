"""A case, a corpus and an essay whose every text is an attack on the pages that show them.

Each text is `label: HOSTILE`, so a test can say which field it expects to see on a page and
check that the markup in it arrives as words, never as elements. Ids carry attacks too (those
of corpus documents without spaces, which the ingesters refuse).
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import yaml

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
ATTRIBUTE = '" onmouseover="alert(1)'
ATTRIBUTE_SINGLE = "' onmouseover='alert(1)"
ENTITIES = "&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; &#60;b&#62;"
CLOSERS = "</textarea></title></style></noscript></script><svg onload=alert(1)>"
#: Every attack in one text: what each field of the case, the corpus and the essay holds.
HOSTILE = f"{SCRIPT} {IMG} {ATTRIBUTE} {ATTRIBUTE_SINGLE} {ENTITIES} {CLOSERS}"
#: What a page must show, word for word, wherever it shows a hostile text.
SHOWN = [SCRIPT, IMG, ATTRIBUTE, ATTRIBUTE_SINGLE, ENTITIES, "<svg onload=alert(1)>"]

#: Sources whose links must never become links (the reader shows them as text).
BAD_URLS = {
    "s1": "javascript:alert(1)",
    "s-js-mixed": " JaVaScRiPt:alert(1)",
    "s-data": "data:text/html,<script>alert(1)</script>",
    "s-vb": "vbscript:msgbox(1)",
}
#: A real link whose text tries to break out of its attribute.
QUOTED_URL = 'https://example.org/a" onmouseover="alert(1)'

HOSTILE_QUESTION = f"q-{IMG}"
HOSTILE_HYPOTHESIS = f"b{ATTRIBUTE}"
HOSTILE_ITEM = f"e-{IMG}"
HOSTILE_ACTOR = f"actor-{IMG}"
HOSTILE_SCHOOL = f"school{ATTRIBUTE}"
#: A corpus document's id cannot hold spaces: the attribute breaker without them.
HOSTILE_SOURCE = 's2"onmouseover="alert(1)"'
QUOTE = f"quoted words {HOSTILE}"


def said(label: str) -> str:
    """The hostile text of one field, named so a test can look for it."""
    return f"{label}: {HOSTILE}"


def path_of(prefix: str, ident: str) -> str:
    """A page's path for an id, every character of it percent-encoded."""
    return prefix + quote(ident, safe="")


#: Each page of the app on the hostile case (with its store and essay), and the fields it shows.
#: `/evidence?question=` the hostile question: ids with spaces were not found there.
PAGES = [
    (
        "/",
        [
            "case title",
            "case description",
            "question text",
            "hostile question text",
            "hypothesis text",
            "second hypothesis text",
            "school label",
            "school note",
            "cited",
            "hostile school",
        ],
    ),
    (f"/?school={quote(HOSTILE_SCHOOL)}", ["case title", "hostile school"]),
    (
        "/questions/q",
        [
            "question text",
            "hypothesis text",
            "second hypothesis text",
            "source title",
            "hostile source title",
            "evidence note",
            "second note",
            "group",
            "school label",
        ],
    ),
    (path_of("/questions/", HOSTILE_QUESTION), ["hostile question text", "hypothesis c", "hypothesis d"]),
    (
        "/evidence",
        ["source title", "archive", "archive ref", "evidence note", "second note", "group", "third quote"],
    ),
    (f"/evidence?question={quote(HOSTILE_QUESTION)}", ["source title", "evidence note"]),
    (
        "/timeline",
        ["event summary", "event kind", "event note", "second event", "actor name", "second actor name"],
    ),
    ("/network", ["actor name", "actor polity", "second actor name", "second polity"]),
    ("/sources", ["source title", "hostile source title", "archive", "actor name", "second actor name"]),
    (
        "/sources/s1",
        [
            "source title",
            "archive",
            "archive ref",
            "doc type",
            "language note",
            "source note",
            "actor name",
            "second actor name",
            "document text",
            "after the quote",
            "document notes",
            "evidence note",
        ],
    ),
    (path_of("/sources/", HOSTILE_SOURCE), ["hostile source title", "second document text", "second note"]),
    ("/sources/s-only-in-store", ["stored only", "text only in the store"]),
    ("/search?q=quoted", ["stored title", "stored hostile title"]),
    (f"/search?q={quote(HOSTILE)}&author={quote(HOSTILE)}&archive={quote(SCRIPT)}", []),
    ("/audit", ["essay heading", "essay text", "citation"]),
]


def _held(hypothesis: dict, rival: str) -> dict:
    """A hypothesis made a position: a work that holds it and what it denies of its rival."""
    return {
        **hypothesis,
        "held_by": [{"author": "Author", "year": 1999, "title": "Title"}],
        "denies": {rival: f"that {rival} is so"},
    }


def case_files() -> dict[str, object]:
    """The YAML files of the hostile case, as plain data."""
    hypotheses = [
        {
            "id": "a",
            "text": said("hypothesis text"),
            "note": said("hypothesis note"),
            "held_by": [{"author": said("held by author"), "year": 1999, "title": said("held by title")}],
            "denies": {HOSTILE_HYPOTHESIS: said("what a denies")},
        },
        {
            "id": HOSTILE_HYPOTHESIS,
            "text": said("second hypothesis text"),
            "held_by": [{"author": "Author", "year": 2001, "title": "Title"}],
            "denies": {"a": said("what the second denies")},
        },
    ]
    case = {
        "id": "hostile",
        "title": said("case title"),
        "description": said("case description"),
        "default_school": "flat",
        "questions": [
            {
                "id": "q",
                "text": said("question text"),
                "note": said("question note"),
                "hypotheses": hypotheses,
            },
            {
                "id": HOSTILE_QUESTION,
                "text": said("hostile question text"),
                "hypotheses": [
                    _held({"id": "c", "text": said("hypothesis c")}, "d"),
                    _held({"id": "d", "text": said("hypothesis d")}, "c"),
                ],
            },
        ],
        "schools": [
            {
                "id": "flat",
                "label": said("school label"),
                "note": said("school note"),
                "cites": [said("cited")],
                "priors": {"q": {"a": 0.5, HOSTILE_HYPOTHESIS: 0.5}},
            },
            {
                "id": HOSTILE_SCHOOL,
                "label": said("hostile school"),
                "priors": {"q": {"a": 0.2, HOSTILE_HYPOTHESIS: 0.8}, HOSTILE_QUESTION: {"c": 0.7, "d": 0.3}},
            },
        ],
    }
    actors = [
        {
            "id": "kim",
            "name": said("actor name"),
            "aliases": [said("actor alias")],
            "role": said("actor role"),
            "polity": said("actor polity"),
            "note": said("actor note"),
        },
        {"id": HOSTILE_ACTOR, "name": said("second actor name"), "polity": said("second polity")},
    ]
    sources = [
        {
            "id": "s1",
            "title": said("source title"),
            "date": "1950-05-13",
            "authors": ["kim"],
            "recipients": [HOSTILE_ACTOR],
            "archive": said("archive"),
            "archive_ref": said("archive ref"),
            "url": BAD_URLS["s1"],
            "doc_type": said("doc type"),
            "language_note": said("language note"),
            "note": said("source note"),
        },
        {
            "id": HOSTILE_SOURCE,
            "title": said("hostile source title"),
            "date": "1950-06",
            "authors": [HOSTILE_ACTOR],
            "recipients": ["kim"],
            "url": QUOTED_URL,
        },
        *(
            {"id": sid, "title": said(f"title of {sid}"), "date": "1950", "url": url}
            for sid, url in BAD_URLS.items()
            if sid != "s1"
        ),
    ]
    events = [
        {
            "id": "ev1",
            "date": "1950-05-13",
            "summary": said("event summary"),
            "kind": said("event kind"),
            "note": said("event note"),
            "actors": ["kim", HOSTILE_ACTOR],
            "sources": ["s1", HOSTILE_SOURCE],
        },
        {"id": f"ev-{IMG}", "date": "1950-06-25", "summary": said("second event")},
    ]
    evidence = [
        {
            "id": "e1",
            "source": "s1",
            "quote": QUOTE,
            "note": said("evidence note"),
            "group": said("group"),
            "bears_on": {"q": {"a": 0.8, HOSTILE_HYPOTHESIS: 0.3}, HOSTILE_QUESTION: {"c": 0.6, "d": 0.4}},
        },
        {
            "id": HOSTILE_ITEM,
            "source": HOSTILE_SOURCE,
            "quote": f"second {QUOTE}",
            "note": said("second note"),
            "bears_on": {"q": {"a": 0.4, HOSTILE_HYPOTHESIS: [0.5, 0.9]}},
        },
        {"id": "e3", "source": "s-js-mixed", "quote": said("third quote"), "bears_on": {"q": {"a": 0.6}}},
    ]
    return {"case": case, "actors": actors, "sources": sources, "events": events, "evidence": evidence}


def write_hostile_case(folder: Path) -> Path:
    """The hostile case as a case folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in case_files().items():
        (folder / f"{name}.yaml").write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    return folder


def write_hostile_corpus(path: Path) -> Path:
    """A documents.jsonl holding the hostile sources with hostile words around the case's quotes."""
    records = [
        {
            "id": "s1",
            "title": said("stored title"),
            "date": "1950-05-13",
            "authors": [said("stored author")],
            "archive": said("stored archive"),
            "url": BAD_URLS["s1"],
            "notes": said("document notes"),
            "text": f"{said('document text')} Then: {QUOTE}. {said('after the quote')}",
        },
        {
            "id": HOSTILE_SOURCE,
            "title": said("stored hostile title"),
            "date": "1950-06",
            "text": f"{said('second document text')} second {QUOTE}",
        },
        {
            "id": "s-only-in-store",
            "title": said("stored only"),
            "url": BAD_URLS["s-data"],
            "text": said("text only in the store"),
        },
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def write_hostile_essay(path: Path) -> Path:
    """An essay whose words are the attacks, quoting the case's source."""
    path.write_text(
        f"# {said('essay heading')}\n\n{said('essay text')}\n\n"
        f"On 13 May 1950 Kim wrote: “{QUOTE}” ({said('citation')}).\n",
        encoding="utf-8",
    )
    return path


#: Tags no page of fontes ever holds: one of them in a page came from the data.
FOREIGN_TAGS = {"img", "iframe", "object", "embed", "base", "frame", "frameset", "applet", "textarea"}
#: Attributes that hold a URL.
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc"}
_SCHEMES = ("javascript:", "vbscript:", "data:")
#: The one inline handler of the HTML report's own markup (its filter form never submits).
OWN_HANDLERS = {("form", "onsubmit", "return false")}
#: The one script file of the app's pages.
APP_SCRIPT = "/static/whatif.js"


class PageMarkup(HTMLParser):
    """A page read as a browser tokenizes it: what it shows as text, and any markup the data smuggled in."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []
        self.injected: list[str] = []
        self.links: list[str] = []
        self.inputs: dict[str, str | None] = {}
        self._script: dict[str, str | None] | None = None
        self.feed(html)
        self.close()

    @property
    def text(self) -> str:
        """The page's text with every run of white space made one space."""
        return " ".join("".join(self.words).split())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "a" and "href" in named:
            self.links.append(named["href"] or "")
        if tag == "input" and "name" in named:
            self.inputs[named["name"] or ""] = named.get("value")
        if tag in FOREIGN_TAGS:
            self.injected.append(f"<{tag}>")
        if tag == "meta" and "http-equiv" in named:
            self.injected.append("<meta http-equiv>")
        for name, value in attrs:
            if name.startswith("on") and (tag, name, value) not in OWN_HANDLERS:
                self.injected.append(f"<{tag} {name}=…>")
            plain = "".join(ch for ch in (value or "") if ch > " ").lower()
            if (
                name in URL_ATTRIBUTES
                and plain.startswith(_SCHEMES)
                and not (tag == "link" and plain == "data:,")
            ):
                self.injected.append(f"<{tag} {name}={value!r}>")
        if tag == "script":
            self._script = named
            if named.get("src") not in (None, APP_SCRIPT):
                self.injected.append(f"<script src={named['src']!r}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        script = self._script
        if script is None:
            self.words.append(data)
        elif script.get("type") != "application/json" and "alert(" in data:
            self.injected.append(f"<script> {data[:60]!r}")  # inline code is the report's own, never data

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self._script = None


def read_page(html: str) -> PageMarkup:
    """The page as a browser would read it."""
    return PageMarkup(html)
