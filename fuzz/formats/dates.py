"""EDTF date strings: the forms cases use, each sometimes broken (day 30 of February, year 0, ...)."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from fuzz.formats.common import weird_text
from fuzz.sample import Sample

#: Strings that look like dates and are not (or are, at the edge of what EDTF allows).
EDGE_DATES = (
    "1950-02-30",
    "1950-02-29",
    "1948-02-29",
    "1950-04-31",
    "1950-13",
    "1950-00",
    "1950-00-01",
    "1950-06-00",
    "99999-01-01",
    "10000",
    "10000-01-01",
    "9999-12-31",
    "0000",
    "0000-01-01",
    "0001-01-01",
    "-0001",
    "-9999-01-01",
    "Y170000002",
    "Y-170000002",
    "1950-21",
    "1950-24",
    "1950-41",
    "2001-34",
    "19XX",
    "195X-0X",
    "1950-XX-25",
    "1950/1949",
    "1950-06-25/1950-06-24",
    "1950/..",
    "../1950",
    "/1950",
    "1950/",
    "..",
    "1950-06-25T10:00",
    "1950-06-25T10:00:00Z",
    "1950-06-25 10:00",
    "1950?-06~-25%",
    "?1950",
    "~",
    "[1950, 1951]",
    "{1950..1952}",
    "[..1950]",
    "1950-06-25/1950-06-2X",
    "1950-6-5",
    "50-06-25",
    "١٩٥٠-٠٦-٢٥",
    "１９５０",
    "𝟏𝟗𝟓𝟎-𝟎𝟔",
    "1950\u200b",
    " 1950 ",
    "1950\n",
    "1950/1951/1952",
    "1950//1951",
    "1950-06-25~/1950-07?",
    "9" * 40,
    "1" * 5000,
    "1950-" * 500,
    "/" * 100,
    "1950e3",
    "1950S2",
    "1950-06-25T99:99",
    "2004-06-11%",
    "-0000",
    "0000/0001",
    "0000-00-00",
    "9999-12-31/10000",
)
ALPHABET = "0123456789-/?~%X.YESTZ[]{},:+ "


@st.composite
def plain_dates(draw) -> str:
    """A plain EDTF day, month or year, with or without a qualifier."""
    day = draw(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
    precision = draw(st.sampled_from(["day", "month", "year"]))
    text = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": day.isoformat()[:4]}[precision]
    return text + draw(st.sampled_from(["", "", "?", "~", "%"]))


def valid_dates() -> st.SearchStrategy[str]:
    """A plain date or an interval of two (in either order: a reversed one is an error to report)."""
    return st.one_of(plain_dates(), st.builds(lambda a, b: f"{a}/{b}", plain_dates(), plain_dates()))


def date_strings() -> st.SearchStrategy[str]:
    """Valid EDTF, edge cases, EDTF-looking noise and plain odd text."""
    return st.one_of(
        valid_dates(),
        st.sampled_from(EDGE_DATES),
        st.text(ALPHABET, max_size=30),
        weird_text(),
        st.builds(lambda a, b: f"{a}/{b}", st.sampled_from(EDGE_DATES), valid_dates()),
    )


def samples() -> st.SearchStrategy[Sample]:
    return date_strings().map(
        lambda text: Sample({"date.txt": encode(text)}, "date.txt", [f"date {text[:60]!r}"])
    )


def encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return data.decode("utf-8", "surrogateescape")


def from_bytes(data: bytes) -> Sample:
    return Sample({"date.txt": data}, "date.txt", ["atheris input"])


def seeds() -> list[bytes]:
    return [encode(d) for d in ("1950-06-25", "1950-04?", "1949-08~", "1950-03/1950-04", "1950-21", "195X")]
