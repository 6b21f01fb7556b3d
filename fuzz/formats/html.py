"""Saved Wilson Center Digital Archive pages: an element, class, date, charset or byte broken."""

from __future__ import annotations

import re

from hypothesis import strategies as st

from fuzz.formats.dates import date_strings
from fuzz.formats.xml_text import broken_document
from fuzz.paths import fixture_bytes
from fuzz.sample import Sample

NAME = "document.html"
ATTRIBUTES = (
    "class",
    "id",
    "href",
    "rel",
    "property",
    "content",
    "charset",
    "datetime",
    "data-bs-target",
    "data-target",
    "name",
)
NAMES = (
    "div",
    "p",
    "h1",
    "h2",
    "h3",
    "span",
    "a",
    "time",
    "br",
    "table",
    "td",
    "script",
    "template",
    "li",
    "meta",
    "link",
    "title",
)
#: Charsets a page may declare: real, unknown, and Python codecs that are not text encodings at all.
CHARSETS = (
    "utf-8",
    "windows-1251",
    "koi8-r",
    "utf-16",
    "utf-32",
    "utf-7",
    "shift_jis",
    "iso-2022-jp",
    "cp037",
    "bogus",
    "x-user-defined",
    "rot13",
    "rot_13",
    "base64",
    "hex",
    "zlib",
    "bz2",
    "uu",
    "quopri",
    "idna",
    "punycode",
    "unicode_escape",
    "raw_unicode_escape",
    "undefined",
    "mbcs",
    "utf-8-sig",
    "",
)
ENGLISH_DATES = (
    "February 30, 1950",
    "October 12, 99999",
    "12 October 1950",
    "October 1950",
    "1950",
    "Octobre 12, 1950",
    "0 March 1950",
    "March 00, 1950",
    "31 April 1950",
    "March 3, 1951, 1952",
    "1950-06-25T10:00:00+09:00",
    "0000",
    "0000-01-01",
    "1950-13-45",
    "",
    "c. 1950",
)


def _bases() -> list[bytes]:
    return fixture_bytes(
        "wcda/document-*.html", "wcda/letter-slug.html", "wcda/record-id-only.html", "pull/wcda-*.html"
    )


@st.composite
def samples(draw) -> Sample:
    base = draw(st.sampled_from(_bases()))
    kind = draw(st.sampled_from(["document", "document", "document", "charset", "date"]))
    if kind == "charset":
        charset = draw(st.sampled_from(CHARSETS))
        data, n = re.subn(rb'<meta charset="?[^">]*"?', b'<meta charset="' + charset.encode() + b'"', base)
        if not n:
            data = base.replace(b"<head>", b'<head><meta charset="' + charset.encode() + b'">', 1)
        return Sample({NAME: data}, NAME, [f"charset {charset!r}"])
    if kind == "date":
        date = draw(st.one_of(st.sampled_from(ENGLISH_DATES), date_strings()))
        html = base.decode("utf-8", "replace")
        html = re.sub(r'(<[^>]*class="date"[^>]*>)[^<]*', lambda m: m.group(1) + _escape(date), html, count=1)
        if draw(st.booleans()):
            html = html.replace("<main", f'<time datetime="{_escape(date)}"></time><main', 1)
        return Sample({NAME: html.encode("utf-8", "surrogatepass")}, NAME, [f"date {date[:40]!r}"])
    data, how = draw(broken_document(base, attributes=ATTRIBUTES, names=NAMES, html=True))
    return Sample({NAME: data}, NAME, how)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


def from_bytes(data: bytes) -> Sample:
    return Sample({NAME: data}, NAME, ["atheris input"])


def seeds() -> list[bytes]:
    return fixture_bytes("wcda/*.html", "pull/*.html")
