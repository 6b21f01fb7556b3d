"""Markdown and text documents: front matter and body, one of them broken."""

from __future__ import annotations

from hypothesis import strategies as st

from fuzz.formats.common import broken_bytes
from fuzz.formats.data_tree import broken_data
from fuzz.formats.dates import valid_dates
from fuzz.formats.yaml_text import PLACEHOLDER, broken_text, dump, encode, place, snippet
from fuzz.paths import fixture_bytes
from fuzz.sample import Sample

#: Pieces a body is made of: headings, footnotes and their definitions, page markers, odd lines.
BODY_PIECES = (
    "# Title\n",
    "Title\n=====\n",
    "Text ",
    "more text.",
    "[^1]",
    "[^1]: a note\n",
    "    indented continuation\n",
    "\n\n",
    "[Page 12]",
    "---\n",
    "...\n",
    "> quoted\n",
    "[^]: empty label\n",
    "[^a b]: spaced label\n",
    "\t\n",
    "#\n",
    "###### ",
    "\r",
    "[^1]:",
    "\u2028",
    "é",
    "\x0c",
)
FENCE_BREAKS = (
    "unclosed",
    "closed with ...",
    "spaces before ---",
    "---- opening",
    "front matter only",
    "empty front matter",
    "nested fences",
)


@st.composite
def front_matter(draw) -> dict:
    meta = {"id": draw(st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True)), "title": "A memo"}
    if draw(st.booleans()):
        meta["date"] = draw(valid_dates())
    if draw(st.booleans()):
        meta["authors"] = ["Allison"]
    if draw(st.booleans()):
        meta["credibility"] = draw(st.floats(0, 1))
    if draw(st.booleans()):
        meta["text_complete"] = draw(st.booleans())
    return meta


def _fixture_bodies() -> list[str]:
    bodies = []
    for data in fixture_bytes("markdown/*.md", "markdown/*.txt"):
        text = data.decode("utf-8", "replace")
        if text.startswith("---\n") and "\n---\n" in text[4:]:
            text = text[4:].split("\n---\n", 1)[1]
        bodies.append(text)
    return bodies


@st.composite
def samples(draw) -> Sample:
    meta = draw(front_matter())
    body = draw(
        st.one_of(
            st.sampled_from(_fixture_bodies()),
            st.lists(st.sampled_from(BODY_PIECES), max_size=30).map("".join),
        )
    )
    name = draw(st.sampled_from(["memo.md", "note.txt", "Memo 12 (draft).markdown", "é.md"]))
    kind = draw(st.sampled_from(["meta", "meta", "yaml", "fence", "bytes", "none"]))
    how = []
    raw = None
    if kind == "meta":
        meta, what, wanted = draw(broken_data(meta, PLACEHOLDER, huge=300_000))
        how.append(f"front matter: {what}")
        if wanted:
            snippet_name, raw = draw(snippet())
            how.append(f"({snippet_name})")
    head = dump(meta) if meta != {} else ""
    if raw is not None:
        head = place(head, raw)
    if kind == "yaml":
        head, what = draw(broken_text(head))
        how.append(f"front matter: {what}")
    text = f"---\n{head}---\n{body}"
    if kind == "fence":
        fence = draw(st.sampled_from(FENCE_BREAKS))
        text = {
            "unclosed": f"---\n{head}{body.replace('---', '- - -')}",
            "closed with ...": f"---\n{head}...\n{body}",
            "spaces before ---": f"  ---\n{head}---\n{body}",
            "---- opening": f"----\n{head}---\n{body}",
            "front matter only": f"---\n{head}---\n",
            "empty front matter": f"---\n---\n{body}",
            "nested fences": f"---\n---\n{head}---\n---\n{body}",
        }[fence]
        how.append(fence)
    data = encode(text)
    if kind == "bytes":
        data, what = draw(broken_bytes(data, huge=1_000_000))
        how.append(what)
    return Sample({name: data}, name, how)


def from_bytes(data: bytes) -> Sample:
    return Sample({"memo.md": data}, "memo.md", ["atheris input"])


def seeds() -> list[bytes]:
    return fixture_bytes("markdown/*")
