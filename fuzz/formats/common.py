"""Breakage shared by every format: bytes cut, mangled or blown up, and values of the wrong kind."""

from __future__ import annotations

from hypothesis import strategies as st

#: Byte sequences that are not UTF-8: a lone continuation byte, a cut sequence, an encoded
#: surrogate, an overlong slash, a code point above U+10FFFF, bytes UTF-8 never uses.
INVALID_UTF8 = (
    b"\x80",
    b"\xc3",
    b"\xc3(",
    b"\xe2\x82",
    b"\xed\xa0\x80",
    b"\xc0\xaf",
    b"\xf4\x90\x80\x80",
    b"\xfe",
    b"\xff",
    b"caf\xe9",
)

#: Text that trips readers: blanks, invisible and bidi characters, markup, YAML words, paths.
WEIRD_TEXT = (
    "",
    " ",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "\u00a0",
    "\u200b",
    "\u202e",
    "\u2028",
    "\ufeff",
    "\x00",
    "\x07",
    "\x1b[31m",
    "💥",
    "é",
    "e\u0301",
    "ﬁ",
    "İ",
    "ß",
    "<",
    "&amp;",
    "&#0;",
    "]]>",
    "{",
    "}",
    "[",
    "*",
    ": ",
    "- ",
    "# ",
    "%",
    "'",
    '"',
    "\\",
    "null",
    "~",
    "yes",
    "no",
    "on",
    "1950",
    "1950-05-13",
    "0x1F",
    ".nan",
    "NaN",
    "Infinity",
    "-0",
    "1e400",
    "../../etc/passwd",
    "/etc/passwd",
    "file:///etc/passwd",
    "CON",
    "a" * 300,
    "١٩٥٠",
    "²",
    "Ⅻ",
    "𝟏𝟗𝟓𝟎",
    "%s%n",
    "{0}",
    "$(id)",
)

#: Fillers a file is blown up with, and how much of them.
FILLERS = (b"x", b" ", b"\n", b"a b ", b"<", b"&", b"[", b"{", b"-", b"\xc3\xa9", b"\t")


def huge_sizes(limit: int) -> st.SearchStrategy[int]:
    """A few sizes up to `limit` bytes: big enough to find quadratic code, small enough to read."""
    return st.sampled_from(sorted({min(limit, n) for n in (10_000, 100_000, 1_000_000)}))


def weird_text(max_size: int = 40) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(WEIRD_TEXT), st.text(max_size=max_size))


def wrong_values(huge: int = 100_000) -> st.SearchStrategy[object]:
    """A field's value of the wrong type, empty, huge or strange (for JSON and YAML data)."""
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(2**70), 2**70),
        st.floats(),
        weird_text(),
        st.lists(weird_text(8), max_size=3),
        st.lists(st.integers(), max_size=2),
        st.dictionaries(st.text(max_size=5), weird_text(8), max_size=2),
        st.lists(st.lists(st.none(), max_size=1), max_size=1),
        huge_sizes(huge).map(lambda n: "x" * n),
        huge_sizes(huge).map(lambda n: "word " * (n // 5)),
    )


@st.composite
def broken_bytes(draw, data: bytes, huge: int = 1_000_000) -> tuple[bytes, str]:
    """`data` with one thing broken at the byte level, and what."""
    kind = draw(st.sampled_from(BYTE_BREAKS))
    at = draw(st.integers(0, len(data)))
    end = draw(st.integers(at, len(data)))
    if kind == "truncated":
        return data[:at], f"truncated at byte {at}"
    if kind == "invalid UTF-8":
        bad = draw(st.sampled_from(INVALID_UTF8))
        return data[:at] + bad + data[at:], f"invalid UTF-8 {bad!r} at byte {at}"
    if kind == "control byte":
        byte = bytes([draw(st.sampled_from([0, 1, 7, 8, 11, 12, 27, 127]))])
        return data[:at] + byte + data[at:], f"control byte {byte!r} at byte {at}"
    if kind == "flipped byte":
        byte = bytes([draw(st.integers(0, 255))])
        return data[:at] + byte + data[at + 1 :], f"byte {at} set to {byte!r}"
    if kind == "empty":
        return b"", "empty file"
    if kind == "BOM":
        bom = draw(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf\xef\xbb\xbf"]))
        return bom + data, f"starts with {bom!r}"
    if kind == "re-encoded":
        codec = draw(
            st.sampled_from(["utf-16", "utf-16-be", "utf-32", "latin-1", "cp1252", "cp037", "utf-7"])
        )
        return data.decode("utf-8", "replace").encode(codec, "replace"), f"re-encoded as {codec}"
    if kind == "line ends":
        end_mark = draw(st.sampled_from([b"\r", b"\r\n", b"\r\r\n", b"\x85", b"\xe2\x80\xa8"]))
        return data.replace(b"\n", end_mark), f"line ends {end_mark!r}"
    if kind == "slice repeated":
        times = draw(st.integers(2, 50))
        return data[:at] + data[at:end] * times + data[end:], f"bytes {at}:{end} repeated {times} times"
    if kind == "slice deleted":
        return data[:at] + data[end:], f"bytes {at}:{end} deleted"
    if kind == "bytes spliced in":
        junk = draw(st.binary(min_size=1, max_size=40))
        return data[:at] + junk + data[at:], f"{junk!r} spliced in at byte {at}"
    filler = draw(st.sampled_from(FILLERS))
    size = draw(huge_sizes(huge))
    return data[:at] + filler * (size // len(filler)) + data[
        at:
    ], f"{size:,} bytes of {filler!r} at byte {at}"


BYTE_BREAKS = (
    "truncated",
    "invalid UTF-8",
    "control byte",
    "flipped byte",
    "empty",
    "BOM",
    "re-encoded",
    "line ends",
    "slice repeated",
    "slice deleted",
    "bytes spliced in",
    "blown up",
)


def splice(text: str, at: int, snippet: str) -> str:
    return text[:at] + snippet + text[at:]
