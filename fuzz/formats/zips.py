"""Zip archives (.docx, .achz) broken one way: not a zip, a member missing or huge, a header patched."""

from __future__ import annotations

import io
import struct
import warnings
import zipfile
import zlib
from functools import lru_cache

from hypothesis import strategies as st

ZIP_BREAKS = (
    "not a zip",
    "member missing",
    "huge member",
    "lying size",
    "directory offset off",
    "unknown zip version",
    "unsupported compression",
    "encrypted flag",
    "bad CRC",
    "truncated archive",
    "many members",
    "duplicate member",
    "odd member names",
    "other compressions",
    "member is a folder",
    "zip inside",
)

#: Uncompressed size of the zip bomb member (it compresses to a few hundred KB).
BOMB_BYTES = 128 * 1024 * 1024


def build(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(out, "w", compression=compression) as archive:
        warnings.simplefilter("ignore")  # a duplicate name is meant
        for name, data in members.items():
            archive.writestr(
                zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data, compress_type=compression
            )
    return out.getvalue()


@lru_cache(maxsize=1)
def _bomb_body() -> tuple[bytes, int]:
    """BOMB_BYTES zero bytes, raw-deflated, and their CRC (made once: it takes a second or two)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = b"\0" * (1 << 20)
    body = b"".join(compressor.compress(chunk) for _ in range(BOMB_BYTES >> 20)) + compressor.flush()
    crc = 0
    for _ in range(BOMB_BYTES >> 20):
        crc = zlib.crc32(chunk, crc)
    return body, crc


def bomb_member(name: str) -> bytes:
    """A zip with one member `name` of BOMB_BYTES zero bytes."""
    body, crc = _bomb_body()
    return _single_member(name.encode(), body, crc, BOMB_BYTES)


def _single_member(name: bytes, body: bytes, crc: int, size: int) -> bytes:
    local = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 33, crc, len(body), size, len(name), 0)
    central = struct.pack(
        "<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 33, crc, len(body), size, len(name), 0, 0, 0, 0, 0, 0
    )
    end = struct.pack(
        "<4s4H2LH", b"PK\x05\x06", 0, 0, 1, 1, len(central) + len(name), len(local) + len(name) + len(body), 0
    )
    return local + name + body + central + name + end


def _patched(data: bytes, name: str, local_at: int, central_at: int, value: bytes) -> bytes:
    """`value` written at an offset of the member's local header and of its central directory entry."""
    out = bytearray(data)
    raw = name.encode()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        offset = archive.getinfo(name).header_offset
    out[offset + local_at : offset + local_at + len(value)] = value
    at = out.find(b"PK\x01\x02")
    while at >= 0:
        if out[at + 46 : at + 46 + len(raw)] == raw:
            out[at + central_at : at + central_at + len(value)] = value
        at = out.find(b"PK\x01\x02", at + 4)
    return bytes(out)


#: Breaks that overwrite bytes [start, end) of a member's local header: (start, end, bytes, description).
_HEADER_LIES = {
    "lying size": (22, 24, struct.pack("<L", 0xFFFFFFF0), "{name} claims 4 GB"),
    "unknown zip version": (4, 6, struct.pack("<H", 189), "{name} needs zip version 18.9"),
    "unsupported compression": (8, 10, struct.pack("<H", 99), "{name} compressed with method 99"),
    "encrypted flag": (6, 8, struct.pack("<H", 1), "{name} marked encrypted"),
    "bad CRC": (14, 16, b"\xde\xad\xbe\xef", "{name} with a wrong CRC"),
}


@st.composite
def broken_zip(draw, members: dict[str, bytes], required: str) -> tuple[bytes, str]:
    """A zip of `members` with one thing broken (`required` is the member the reader needs)."""
    kind = draw(st.sampled_from(ZIP_BREAKS))
    name = draw(st.sampled_from(sorted(members)))
    if kind == "not a zip":
        data = draw(st.sampled_from([b"", b"PK", b"PK\x03\x04", members[name], b"%PDF-1.4\n", b"\x00" * 100]))
        return data, f"not a zip ({data[:12]!r}...)"
    if kind == "member missing":
        return build({n: d for n, d in members.items() if n != required}), f"no {required}"
    if kind == "huge member":
        return bomb_member(required), f"{required} of {BOMB_BYTES:,} bytes (a zip bomb)"
    data = build(members)
    if kind in _HEADER_LIES:
        start, end, value, says = _HEADER_LIES[kind]
        return _patched(data, name, start, end, value), says.format(name=name)
    if kind == "directory offset off":  # every member's header then lies before (or after) where it is
        shift = draw(st.sampled_from([1, 30, 500, -30]))
        end = data.rfind(b"PK\x05\x06")
        claimed = struct.unpack("<L", data[end + 16 : end + 20])[0]
        return (
            data[: end + 16] + struct.pack("<L", max(0, claimed + shift)) + data[end + 20 :],
            f"central directory offset {shift:+d}",
        )
    if kind == "truncated archive":
        at = draw(st.integers(0, len(data)))
        return data[:at], f"archive truncated at byte {at}"
    if kind == "many members":
        count = draw(st.sampled_from([300, 5000]))
        extra = {f"extra/{i}.xml": b"<x/>" for i in range(count)}
        return build({**members, **extra}), f"{count} extra members"
    if kind == "duplicate member":
        out = io.BytesIO(data)
        with warnings.catch_warnings(), zipfile.ZipFile(out, "a") as archive:
            warnings.simplefilter("ignore")
            archive.writestr(name, b"<duplicate/>")
        return out.getvalue(), f"{name} twice"
    if kind == "odd member names":
        odd = draw(
            st.sampled_from(["../evil.xml", "/abs.xml", "__MACOSX/" + name, name.upper(), "dir/", "é.xml"])
        )
        return build({**members, odd: members[name]}), f"extra member {odd!r}"
    if kind == "other compressions":
        method = draw(st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA]))
        return build(members, method), f"compression method {method}"
    if kind == "member is a folder":
        return build(
            {**{n: d for n, d in members.items() if n != required}, required + "/": b""}
        ), f"{required} is a folder"
    return build({**members, "inner.zip": data}), "a zip inside the zip"
