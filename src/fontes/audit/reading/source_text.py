"""An essay file's text: decoded plain text or Markdown, or a .docx rendered as Markdown."""

from __future__ import annotations

from pathlib import Path

from fontes.errors import AuditError

#: Encodings tried in turn for a text file; cp1252 is what Word's "plain text" export often gives.
TEXT_ENCODINGS = ("utf-8-sig", "cp1252")


def essay_text(path: Path) -> str:
    """The text of an essay file, with line ends as '\\n'; raises AuditError when it cannot be read."""
    if not path.exists():
        raise AuditError("no such file", file=str(path), hint="check the path of the essay")
    if path.is_dir():
        raise AuditError(
            "is a folder, not an essay file", file=str(path), hint="give a .txt, .md or .docx file"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise AuditError(
            f"cannot be read: {exc.strerror or exc}", file=str(path), hint="check the file's permissions"
        ) from exc
    if path.suffix.lower() == ".docx":
        from fontes.audit.reading.docx import docx_text

        return docx_text(data, str(path))
    return _normalise_line_ends(decode_text(data, str(path)))


def decode_text(data: bytes, file: str) -> str:
    """Bytes to text: UTF-16 when marked so, else UTF-8 (with or without BOM), else cp1252."""
    if data.startswith(b"PK\x03\x04"):
        raise AuditError(
            "is a zip archive (a .docx or similar), not plain text",
            file=file,
            hint="name a Word file .docx, or save the essay as .txt or .md",
        )
    if data.startswith(b"%PDF"):
        raise AuditError(
            "is a PDF, which the audit does not read", file=file, hint="save the essay as .txt, .md or .docx"
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise AuditError(
            "is not a text file (it holds NUL bytes)",
            file=file,
            hint="save the essay as UTF-8 text, Markdown or .docx",
        )
    for encoding in TEXT_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AuditError(
        "is neither UTF-8 nor cp1252 text", file=file, hint="save the essay as UTF-8 text, Markdown or .docx"
    )


def _normalise_line_ends(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
