"""A volume's bytes answer once whether its texts need the flattener's per-document checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from fontes.corpus.frus_tei import read_frus_tei
from fontes.corpus.volume_bytes import holds_only_plain_text

TEI = "http://www.tei-c.org/ns/1.0"


def volume(tmp_path: Path, text: str, encoding: str = "UTF-8") -> Path:
    """A one-document volume whose paragraph holds `text`, written in `encoding`."""
    path = tmp_path / "v.xml"
    path.write_bytes(
        (
            f'<?xml version="1.0" encoding="{encoding}"?>\n'
            f'<TEI xmlns="{TEI}" xml:id="frus1950v01"><text><body>'
            f'<div type="document" xml:id="d1"><head>Telegram</head><p>{text}</p></div>'
            "</body></text></TEI>"
        ).encode(encoding)
    )
    return path


@pytest.mark.parametrize(
    "text, plain",
    [
        ("The Korean \u201cline\u201d \u2014 held", True),  # curly quotes and dashes are no spaces
        ("the\xa0Korean", False),  # a no-break space
        ("the\u2003Korean", False),  # an em space
        ("the &#160;Korean", False),  # a reference could stand for one
        ("a \ufdd0b marker", False),  # the markers' lead character
    ],
)
def test_only_a_volume_without_unusual_spaces_or_the_marker_lead_is_plain(tmp_path, text, plain):
    assert holds_only_plain_text(volume(tmp_path, text), "UTF-8") is plain


def test_a_volume_in_another_encoding_is_never_taken_for_plain(tmp_path):
    assert holds_only_plain_text(volume(tmp_path, "Seoul", "UTF-16"), "UTF-16") is False
    assert holds_only_plain_text(volume(tmp_path, "Seoul", "ISO-8859-1"), "ISO-8859-1") is False


def test_a_space_cut_by_the_chunking_is_still_seen(tmp_path):
    path = tmp_path / "long.xml"
    head = b"<TEI>" + b"x" * ((1 << 20) - 6)  # the em space's first byte ends the first megabyte
    path.write_bytes(head + "\u2003</TEI>".encode())
    assert holds_only_plain_text(path, "UTF-8") is False
    path.write_bytes(head + b"&#8195;</TEI>")  # and a reference whose "&" ends it
    assert holds_only_plain_text(path, "UTF-8") is False


@pytest.mark.parametrize("written", ["the\xa0Korean\u2003 line", "the&#160;Korean&#x2003; line"])
def test_a_volume_with_unusual_spaces_reads_them_as_spaces(tmp_path, written):
    (document,) = read_frus_tei(volume(tmp_path, written))
    assert document.text == "the Korean line"
