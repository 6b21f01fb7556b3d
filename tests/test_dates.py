"""EDTF dates: parsed to day bounds, ordered, compared and shown to a reader."""

import datetime as dt

import pytest

from fontes.dates import format_date, parse_date, sort_key
from fontes.errors import DateError


@pytest.mark.parametrize(
    "text, earliest, latest",
    [
        ("1950-06-25", dt.date(1950, 6, 25), dt.date(1950, 6, 25)),
        ("1950-04?", dt.date(1950, 4, 1), dt.date(1950, 4, 30)),
        ("1949-08~", dt.date(1949, 8, 1), dt.date(1949, 8, 31)),
        ("1950-03/1950-04", dt.date(1950, 3, 1), dt.date(1950, 4, 30)),
        ("1950", dt.date(1950, 1, 1), dt.date(1950, 12, 31)),
    ],
)
def test_bounds(text, earliest, latest):
    d = parse_date(text)
    assert (d.earliest, d.latest) == (earliest, latest)


def test_qualifiers():
    assert parse_date("1950-04?").uncertain and not parse_date("1950-04?").approximate
    assert parse_date("1949-08~").approximate
    assert not parse_date("1950-06-25").uncertain


@pytest.mark.parametrize("bad", ["1950-13-01", "June 1950", "", "1950-02-30", "1950-06/1950-05"])
def test_invalid_dates_raise_date_error(bad):
    with pytest.raises(DateError):
        parse_date(bad)


def test_ordering_puts_undated_and_invalid_last():
    dates = ["1950-06-25", None, "1949-03-05", "1950-04?", "nonsense"]
    assert sorted(dates, key=sort_key)[:3] == ["1949-03-05", "1950-04?", "1950-06-25"]


def test_overlap():
    assert parse_date("1950-04?").overlaps(parse_date("1950-04-25"))
    assert not parse_date("1950-05").overlaps(parse_date("1950-04-25"))


def test_reader_format():
    assert format_date("1950-06-25") == "25 June 1950"
    assert format_date("1950-04?") == "April 1950 (uncertain)"
    assert format_date("1949-08~") == "about August 1949"
    assert format_date("1950-06-29/1950-07-06") == "29 June 1950 – 6 July 1950"


@pytest.mark.parametrize(
    "text",
    [
        "1950-06-25",
        "1950-04?",
        "1949-08~",
        "1950-03/1950-04",
        "1950-06-29/1950-07-06",
        "1950-11-08?",
        "1950",
        "1948-02-29%",
        "1950-10-24/1950-10-25",
        "1949-01-05/1949-12-30",
    ],
)
def test_fast_path_agrees_with_the_edtf_library(text):
    import edtf

    lib = edtf.parse_edtf(text)
    d = parse_date(text)
    assert (d.earliest.timetuple()[:3], d.latest.timetuple()[:3]) == (
        lib.lower_strict()[:3],
        lib.upper_strict()[:3],
    )


def test_richer_edtf_forms_go_to_the_library():
    assert parse_date("1950-21").earliest == dt.date(1950, 3, 1)  # spring 1950 (EDTF season)
    assert parse_date("1950-06-XX").latest == dt.date(1950, 6, 30)


def test_month_and_day_out_of_range():
    with pytest.raises(DateError, match="not a valid EDTF date"):
        parse_date("1950-13")
    with pytest.raises(DateError, match="no day 30"):
        parse_date("1950-02-30")
