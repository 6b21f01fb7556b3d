"""The fast TEI flattener says exactly what the plain walk over every node says (tei_reference).

Random TEI documents mix the markup that shapes the layout (paragraphs, notes inside notes,
page and line breaks, lists with labels, tables, choices, block quotations, openers) with
comments, processing instructions, CDATA, foreign namespaces and odd whitespace; the marker
characters the flattener uses appear in their text too.
"""

from __future__ import annotations

import copy

import tei_reference
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from fontes.corpus import tei_text
from fontes.corpus.tei_text import flatten_document, plain_text

TEI = "http://www.tei-c.org/ns/1.0"
FRUS = "http://history.state.gov/frus/ns/1.0"

NAMES = [
    "p",
    "hi",
    "note",
    "pb",
    "lb",
    "list",
    "item",
    "label",
    "cell",
    "row",
    "table",
    "choice",
    "corr",
    "sic",
    "reg",
    "orig",
    "expan",
    "abbr",
    "quote",
    "opener",
    "closer",
    "dateline",
    "head",
    "seg",
    "div",
    "persName",
    "placeName",
    "signed",
    "lg",
    "l",
]
ATTRIBUTES = st.sampled_from(
    [
        "",
        ' type="source"',
        ' n="12"',
        ' n=""',
        ' rend="block"',
        ' rend="italic"',
        ' type="from"',
        ' n="3" type="source"',
    ]
)
#: Words, every kind of whitespace str.split() knows, XML escapes, and the markers' characters.
TEXT = st.lists(
    st.sampled_from(
        [
            "Seoul",
            "the",
            "Ko",
            "rean",
            " ",
            "  ",
            "\n      ",
            "\t",
            "\xa0",
            "\u2003",
            "\u3000",
            ",",
            "—",
            "&amp;",
            "&lt;",
            "\ufdd0",
            "\ufdd0b",
            "\ufdd0p",
            "b",
            "\ufdd1",
        ]
    ),
    max_size=6,
).map("".join)


@st.composite
def content(draw, depth: int = 0) -> str:
    """Mixed content: text, elements (any namespace), comments, PIs and CDATA."""
    pieces = []
    for _ in range(draw(st.integers(0, 4 if depth < 4 else 0))):
        kind = draw(st.sampled_from(["element"] * 6 + ["comment", "pi", "cdata"]))
        if kind == "element":
            name = draw(st.sampled_from(NAMES))
            prefix = draw(st.sampled_from(["", "", "", "", "f:", "bare"]))
            tag = f"f:{name}" if prefix == "f:" else name
            namespace = ' xmlns=""' if prefix == "bare" else ""
            inner = draw(content(depth + 1))
            pieces.append(
                f"<{tag}{namespace}{draw(ATTRIBUTES)}>{inner}</{tag}>"
                if inner or draw(st.booleans())
                else f"<{tag}{namespace}{draw(ATTRIBUTES)}/>"
            )
        elif kind == "comment":
            pieces.append("<!-- a comment -->")
        elif kind == "pi":
            pieces.append("<?hint x?>")
        else:
            pieces.append("<![CDATA[ <raw> ]]>")
        pieces.append(draw(TEXT))
    return draw(TEXT) + "".join(pieces)


@st.composite
def document_divs(draw) -> str:
    head = draw(
        st.sampled_from(
            [
                "",
                '<head>Title <note n="1">On the title.</note></head>',
                '<head>Memo<pb n="9"/> by <lb/>the <hi>Secretary</hi></head>',
            ]
        )
    )
    return f'<div xmlns="{TEI}" xmlns:f="{FRUS}" type="document">{draw(TEXT)}{head}{draw(content())}</div>'


def _flat(module, xml: str):
    div = etree.fromstring(xml)
    flat = module.flatten_document(div, div.find(f"{{{TEI}}}head"))
    return (
        flat.title,
        flat.text,
        [(p.offset, p.page) for p in flat.pages],
        flat.trailing_pages,
        flat.notes,
        flat.source_note,
    )


@settings(
    max_examples=250,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(document_divs())
def test_the_fast_flattener_agrees_with_the_plain_walk(xml):
    assert _flat(tei_text, xml) == _flat(tei_reference, xml)


@settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(content())
def test_plain_text_agrees_with_the_plain_walk_and_leaves_the_element_as_it_was(inner):
    element = etree.fromstring(f'<persName xmlns="{TEI}" xmlns:f="{FRUS}">{inner}</persName>')
    before = etree.tostring(element)
    assert plain_text(element) == tei_reference.plain_text(copy.deepcopy(element))
    assert etree.tostring(element) == before


def test_a_text_that_holds_the_marker_character_is_read_as_written():
    div = etree.fromstring(f'<div xmlns="{TEI}"><head>T</head><p>a \ufdd0b b</p><p>c\ufdd0p</p></div>')
    flat = flatten_document(div, div[0])
    assert flat.text == "a \ufdd0b b\n\nc\ufdd0p"


def test_unicode_spaces_are_whitespace_as_str_split_sees_them():
    div = etree.fromstring(f'<div xmlns="{TEI}"><p>the\xa0Korean\u2003 divisions\u3000</p></div>')
    assert flatten_document(div, None).text == "the Korean divisions"
