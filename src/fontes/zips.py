"""Zip archives someone else made (.docx, .achz): not zips at all, damaged, encrypted, or zip bombs."""

from __future__ import annotations

import lzma
import os
import zipfile
import zlib
from typing import BinaryIO

#: What zipfile raises opening a file that is not a zip, whose directory is damaged, or whose
#: zip version it does not read.
_NOT_A_ZIP = (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError)

#: What zipfile raises for a member it cannot unpack: a bad header or CRC, a header placed before
#: the start of the file (ValueError, or OSError from a file), a compression method it does not
#: know or data that does not decompress, encryption.
_UNREADABLE_MEMBER = (
    zipfile.BadZipFile,
    ValueError,
    NotImplementedError,
    RuntimeError,
    EOFError,
    OSError,
    zlib.error,
    lzma.LZMAError,
)


class UnreadableZip(Exception):
    """An archive or a member that cannot be read; the message says why, for the caller's own error."""


def open_zip(source: str | os.PathLike[str] | BinaryIO) -> zipfile.ZipFile:
    """The archive; UnreadableZip when it is not one (an OSError reading the file is left to the caller)."""
    try:
        return zipfile.ZipFile(source)
    except _NOT_A_ZIP as exc:
        raise UnreadableZip(f"it is not a zip archive ({exc})") from exc


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """The member's bytes; UnreadableZip when it is damaged or holds more than `limit` bytes
    (whatever its header claims: a zip bomb's header may lie)."""
    too_large = UnreadableZip(f"{info.filename} is larger than {limit // 2**20} MiB")
    if info.file_size > limit:
        raise too_large
    try:
        with archive.open(info) as member:
            data = member.read(limit + 1)
    except _UNREADABLE_MEMBER as exc:
        raise UnreadableZip(f"{info.filename} cannot be unpacked ({exc})") from exc
    if len(data) > limit:
        raise too_large
    return data
