"""Essays: text and Markdown in several encodings, and .docx files, each with one thing broken."""

from __future__ import annotations

from hypothesis import strategies as st

from fuzz.formats.common import broken_bytes
from fuzz.formats.xml_text import broken_document
from fuzz.formats.zips import broken_zip, build
from fuzz.paths import fixture_bytes
from fuzz.sample import Sample

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
DOCUMENT = "word/document.xml"
ATTRIBUTES = tuple(W + a for a in ("val", "id", "ilvl", "numId", "type", "abstractNumId"))
NAMES = tuple(
    W + n
    for n in (
        "p",
        "r",
        "t",
        "pPr",
        "pStyle",
        "numPr",
        "numId",
        "ilvl",
        "outlineLvl",
        "i",
        "rPr",
        "footnoteReference",
        "endnoteReference",
        "footnote",
        "br",
        "tab",
        "body",
        "lvl",
        "numFmt",
        "lvlText",
        "abstractNum",
        "num",
    )
)
#: Pieces of an essay: headings, markers, quotations, notes and references, the odd character.
PIECES = (
    "a",
    "B",
    ".",
    " ",
    "\n",
    "\n\n",
    "“",
    "”",
    '"',
    "‘",
    "’",
    "[",
    "]",
    "^",
    ":",
    "1",
    "–",
    "#",
    ">",
    "*",
    "[1]",
    "[^1]",
    "[2–3]",
    "References\n\n",
    "\n\n[1] X, Y. (1950) *T*, P.\n",
    "U.S. ",
    "pp.",
    "    ",
    "\r",
    "\t",
    "\x0c",
    "\u2028",
    "é",
    "[^1]: note",
    "(Stueck 1995, 73)",
    "Ibid.",
    "---",
    "```",
)


def _fixture_texts() -> list[str]:
    return [d.decode("utf-8", "replace") for d in fixture_bytes("essays/*")]


def essay_texts() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(_fixture_texts()), st.lists(st.sampled_from(PIECES), max_size=80).map("".join)
    )


def docx_members(text: str) -> dict[str, bytes]:
    """A .docx rendering of a text: styles for headings and quotes, a numbered list, a footnote."""
    paragraphs = []
    for i, block in enumerate(b for b in text.split("\n\n") if b.strip()):
        words = _xml_text(block.strip())
        style = (
            "Title"
            if i == 0
            else "Heading1"
            if block.startswith("#")
            else "Quote"
            if block.startswith(">")
            else ""
        )
        props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
        if block[:1].isdigit():
            props = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
        note = '<w:r><w:footnoteReference w:id="1"/></w:r>' if i % 3 == 1 else ""
        paragraphs.append(
            f'<w:p>{props}<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">{words}</w:t></w:r>{note}</w:p>'
        )
    body = f"<w:document {W_NS}><w:body>{''.join(paragraphs)}</w:body></w:document>"
    footnotes = (
        f'<w:footnotes {W_NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r>'
        '</w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>Acheson, Dean. (1969) Present at '
        "the Creation, 357.</w:t></w:r></w:p></w:footnote></w:footnotes>"
    )
    numbering = (
        f'<w:numbering {W_NS}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0">'
        '<w:numFmt w:val="decimal"/><w:lvlText w:val="[%1]"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    )
    return {
        "[Content_Types].xml": b'<?xml version="1.0"?><Types/>',
        DOCUMENT: body.encode(),
        "word/footnotes.xml": footnotes.encode(),
        "word/numbering.xml": numbering.encode(),
    }


def _xml_text(text: str) -> str:
    clean = "".join(c for c in text if c in "\t\n" or (" " <= c and c not in "\ufffe\uffff"))
    return clean.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@st.composite
def samples(draw) -> Sample:
    text = draw(essay_texts())
    if draw(st.integers(0, 2)) == 0:
        return draw(docx_samples(text))
    name = draw(
        st.sampled_from(["essay.txt", "essay.md", "essay.MD", "essay.markdown", "essay", "essay.docx.txt"])
    )
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]))
    data = text.encode(encoding, "replace")
    how = [f"{name} in {encoding}"]
    if draw(st.booleans()):
        data, what = draw(broken_bytes(data, huge=1_000_000))
        how.append(what)
    return Sample({name: data}, name, how)


@st.composite
def docx_samples(draw, text: str) -> Sample:
    members = docx_members(text)
    kind = draw(st.sampled_from(["xml", "xml", "zip", "named .txt", "none"]))
    how = []
    if kind == "xml":
        member = draw(st.sampled_from([DOCUMENT, DOCUMENT, "word/footnotes.xml", "word/numbering.xml"]))
        members[member], what = draw(broken_document(members[member], attributes=ATTRIBUTES, names=NAMES))
        how += [f"{member}:", *what]
    if kind == "zip":
        data, what = draw(broken_zip(members, DOCUMENT))
        how.append(what)
    else:
        data = build(members)
    name = "essay.txt" if kind == "named .txt" else "essay.docx"
    return Sample({name: data}, name, [f".docx as {name}", *how])


def from_bytes(data: bytes) -> Sample:
    """The first byte picks the form: a text file, a .docx file, or a .docx whose document.xml is the rest."""
    form = data[0] % 3 if data else 0
    if form == 0:
        return Sample({"essay.md": data[1:]}, "essay.md", ["atheris input as essay.md"])
    if form == 1:
        return Sample({"essay.docx": data[1:]}, "essay.docx", ["atheris input as essay.docx"])
    members = docx_members("")
    members[DOCUMENT] = data[1:]
    return Sample({"essay.docx": build(members)}, "essay.docx", ["atheris input as word/document.xml"])


def seeds() -> list[bytes]:
    texts = fixture_bytes("essays/*")
    return (
        [b"\0" + t for t in texts]
        + [b"\1" + build(docx_members(t.decode("utf-8", "replace"))) for t in texts[:3]]
        + [b"\2" + docx_members(t.decode("utf-8", "replace"))[DOCUMENT] for t in texts[:3]]
    )
