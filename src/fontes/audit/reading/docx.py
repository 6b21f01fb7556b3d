"""A Word .docx essay rendered as the Markdown the reader understands.

Headings become `#`, quotation styles `>`, numbered paragraphs keep their numbers, footnotes and
endnotes become `[^n]` markers with `[^n]: text` definitions, and italics in the reference list
and the notes become `*...*` (so that titles can be told apart).
"""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

from fontes.errors import AuditError
from fontes.zips import UnreadableZip, open_zip, read_member

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: The largest part read (document.xml of a book-length essay is a few MiB; a zip bomb is gigabytes).
MAX_PART_BYTES = 64 * 1024 * 1024
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
_HEADING_STYLE = re.compile(r"heading\s*(\d)", re.IGNORECASE)
_QUOTE_STYLES = {"quote", "intensequote", "blocktext", "blockquote", "quotation"}


def docx_text(data: bytes, file: str) -> str:
    """The Markdown text of a .docx file's body, notes included; AuditError when it is not one."""
    try:
        archive = open_zip(io.BytesIO(data))
    except UnreadableZip as exc:
        raise AuditError(
            "is not a .docx file (not a zip archive)",
            file=file,
            hint="open it in Word and save it again as .docx, or save it as .txt",
        ) from exc
    with archive:
        body = _xml(archive, "word/document.xml", file, required=True)
        numbering = _numbering_formats(_xml(archive, "word/numbering.xml", file))
        notes = {
            kind: _note_texts(_xml(archive, f"word/{kind}s.xml", file), kind)
            for kind in ("footnote", "endnote")
        }
    renderer = _Renderer(numbering, notes)
    blocks = [renderer.paragraph(p) for p in body.iter(f"{W}p") if not _inside_note(p)]
    text = "\n\n".join(b for b in blocks if b.strip())
    definitions = renderer.note_definitions()
    if definitions:
        text += "\n\n" + "\n\n".join(definitions)
    return text


def _xml(archive: zipfile.ZipFile, name: str, file: str, required: bool = False):
    try:
        data = read_member(archive, archive.getinfo(name), MAX_PART_BYTES)
    except KeyError:
        if required:
            raise AuditError(
                f"is a zip archive without {name}, so not a Word document",
                file=file,
                hint="save the essay as .docx from Word, or as .txt",
            ) from None
        return None
    except UnreadableZip as exc:
        raise AuditError(
            f"has a part that cannot be read: {exc}",
            file=file,
            hint="open it in Word and save it again, or save it as .txt",
        ) from exc
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise AuditError(
            f"has a damaged {name}: {exc}", file=file, hint="open it in Word and save it again"
        ) from exc


def _inside_note(paragraph) -> bool:
    return any(a.tag in (f"{W}footnote", f"{W}endnote") for a in paragraph.iterancestors())


def _numbering_formats(numbering) -> dict[str, dict[str, tuple[str, str]]]:
    """numId -> level -> (number format, level text such as '%1.' or '[%1]')."""
    if numbering is None:
        return {}
    abstract: dict[str, dict[str, tuple[str, str]]] = {}
    for node in numbering.iter(f"{W}abstractNum"):
        levels = {}
        for lvl in node.iter(f"{W}lvl"):
            fmt = lvl.find(f"{W}numFmt")
            text = lvl.find(f"{W}lvlText")
            levels[lvl.get(f"{W}ilvl", "0")] = (
                fmt.get(f"{W}val", "decimal") if fmt is not None else "decimal",
                text.get(f"{W}val", "%1.") if text is not None else "%1.",
            )
        abstract[node.get(f"{W}abstractNumId")] = levels
    formats = {}
    for num in numbering.iter(f"{W}num"):
        ref = num.find(f"{W}abstractNumId")
        if ref is not None:
            formats[num.get(f"{W}numId")] = abstract.get(ref.get(f"{W}val"), {})
    return formats


def _note_texts(notes, kind: str) -> dict[str, str]:
    """Note id -> its text with italics marked; separators (ids -1 and 0, typed notes) left out."""
    if notes is None:
        return {}
    texts = {}
    for note in notes.iter(f"{W}{kind}"):
        if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        parts = [_runs_text(p, italics=True, notes=None) for p in note.iter(f"{W}p")]
        texts[note.get(f"{W}id")] = " ".join(p for p in parts if p).strip()
    return texts


def _runs_text(paragraph, *, italics: bool, notes: _Renderer | None) -> str:
    """A paragraph's words in order, italics as *...* when asked, note references as [^n]."""
    pieces: list[tuple[str, bool]] = []
    for node in paragraph.iter():
        tag = node.tag
        if tag == f"{W}t":
            pieces.append((node.text or "", italics and _is_italic(node)))
        elif tag in (f"{W}tab", f"{W}br", f"{W}cr"):
            pieces.append((" ", False))
        elif tag in (f"{W}footnoteReference", f"{W}endnoteReference") and notes is not None:
            kind = "footnote" if tag == f"{W}footnoteReference" else "endnote"
            pieces.append((f"[^{notes.note_number(kind, node.get(f'{W}id'))}]", False))
    out = []
    for italic, group in _grouped(pieces):
        text = "".join(group)
        if italic and text.strip():
            lead = text[: len(text) - len(text.lstrip())]
            trail = text[len(text.rstrip()) :]
            text = f"{lead}*{text.strip()}*{trail}"
        out.append(text)
    return "".join(out)


def _grouped(pieces: list[tuple[str, bool]]):
    group: list[str] = []
    current = None
    for text, italic in pieces:
        if italic != current and group:
            yield current, group
            group = []
        current = italic
        group.append(text)
    if group:
        yield current, group


def _is_italic(text_node) -> bool:
    run = text_node.getparent()
    props = run.find(f"{W}rPr") if run is not None else None
    mark = props.find(f"{W}i") if props is not None else None
    return mark is not None and mark.get(f"{W}val", "true") not in ("0", "false", "off")


class _Renderer:
    """Renders body paragraphs in order, numbering lists and notes as Word would show them."""

    def __init__(self, numbering, notes: dict[str, dict[str, str]]):
        self.numbering = numbering
        self.notes = notes
        self.counters: dict[tuple[str, str], int] = {}
        self.note_order: list[tuple[str, str]] = []
        self.in_references = False

    def note_number(self, kind: str, note_id: str) -> int:
        key = (kind, note_id)
        if key not in self.note_order:
            self.note_order.append(key)
        return self.note_order.index(key) + 1

    def note_definitions(self) -> list[str]:
        return [
            f"[^{n}]: {self.notes[kind].get(note_id, '')}"
            for n, (kind, note_id) in enumerate(self.note_order, start=1)
        ]

    def paragraph(self, p) -> str:
        from fontes.audit.reading.references import is_reference_heading

        props = p.find(f"{W}pPr")
        style = self._style(props)
        text = _runs_text(p, italics=self.in_references, notes=self).strip()
        if not text:
            return ""
        level = self._heading_level(style, props)
        if level:
            self.in_references = is_reference_heading(text)
            return "#" * level + " " + text
        if style.replace(" ", "") in _QUOTE_STYLES:
            return "> " + text
        return self._list_prefix(props) + text

    @staticmethod
    def _style(props) -> str:
        node = props.find(f"{W}pStyle") if props is not None else None
        return (node.get(f"{W}val") or "").lower() if node is not None else ""

    @staticmethod
    def _heading_level(style: str, props) -> int:
        if style in ("title", "subtitle"):
            return 1 if style == "title" else 2
        match = _HEADING_STYLE.search(style)
        if match:
            return min(int(match.group(1)), 6)
        outline = props.find(f"{W}outlineLvl") if props is not None else None
        if outline is not None and outline.get(f"{W}val", "").isdigit():
            return min(int(outline.get(f"{W}val")) + 1, 6)
        return 0

    def _list_prefix(self, props) -> str:
        num = props.find(f"{W}numPr") if props is not None else None
        if num is None:
            return ""
        num_id = num.find(f"{W}numId")
        ilvl = num.find(f"{W}ilvl")
        num_id = num_id.get(f"{W}val") if num_id is not None else "0"
        level = ilvl.get(f"{W}val", "0") if ilvl is not None else "0"
        fmt, pattern = self.numbering.get(num_id, {}).get(level, ("bullet", ""))
        if fmt == "bullet" or num_id == "0":
            return "- " if num_id != "0" else ""
        key = (num_id, level)
        self.counters[key] = self.counters.get(key, 0) + 1
        return re.sub(r"%\d", str(self.counters[key]), pattern) + " "
