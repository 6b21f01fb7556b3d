"""FRUS TEI volumes: the test volumes, with an element, attribute, prolog or byte broken."""

from __future__ import annotations

from hypothesis import strategies as st

from fuzz.formats.xml_text import broken_document
from fuzz.paths import fixture_bytes
from fuzz.sample import Sample

NAME = "frus1951v99.xml"
TEI = "{http://www.tei-c.org/ns/1.0}"
FRUS = "{http://history.state.gov/frus/ns/1.0}"
ATTRIBUTES = (
    "{http://www.w3.org/XML/1998/namespace}id",
    "type",
    "subtype",
    "n",
    "when",
    "notBefore",
    "notAfter",
    "from",
    "to",
    "corresp",
    "ref",
    "rend",
    f"{FRUS}doc-dateTime-min",
    f"{FRUS}doc-dateTime-max",
)
NAMES = tuple(
    TEI + n
    for n in (
        "div",
        "head",
        "p",
        "note",
        "pb",
        "persName",
        "gloss",
        "dateline",
        "date",
        "placeName",
        "list",
        "item",
        "label",
        "choice",
        "corr",
        "sic",
        "lb",
        "idno",
        "TEI",
        "table",
        "row",
        "cell",
        "quote",
        "hi",
    )
) + ("div", "{urn:other}div")


def _bases() -> list[bytes]:
    """Well-formed volumes to break (the damaged fixtures are seeds for atheris, not bases)."""
    return fixture_bytes("tei/frus1951v99-sample.xml", "tei/no-head.xml", "pull/frus*.xml")


@st.composite
def samples(draw) -> Sample:
    base = draw(st.sampled_from(_bases()))
    if draw(st.integers(0, 9)) == 0:  # a long volume: many copies of the documents
        base = _repeated(base, draw(st.sampled_from([20, 200])))
    data, how = draw(broken_document(base, attributes=ATTRIBUTES, names=NAMES))
    return Sample({NAME: data}, NAME, how)


def _repeated(base: bytes, times: int) -> bytes:
    start, end = base.find(b"<body>"), base.rfind(b"</body>")
    if start < 0 or end < 0:
        return base
    inner = base[start + len(b"<body>") : end]
    copies = b"".join(inner.replace(b'xml:id="', b'xml:id="r%d-' % i) for i in range(times))
    return base[: start + len(b"<body>")] + copies + base[end:]


def from_bytes(data: bytes) -> Sample:
    return Sample({NAME: data}, NAME, ["atheris input"])


def seeds() -> list[bytes]:
    return fixture_bytes("tei/*.xml", "pull/*.xml")
