"""Read a Markdown or plain-text document, with optional YAML front matter for its metadata.

    ---
    id: acheson-1950-01-12        # default: the file name, as a slug
    title: Crisis in Asia         # default: the first heading, else the file name
    date: 1950-01-12              # EDTF
    authors: [Dean Acheson]
    ---
    # Crisis in Asia
    This afternoon I should like to discuss ...[^1]

    [^1]: Department of State Bulletin, vol. XXII.   <- goes to notes, not the quotable text

One file is one document. The quotable text is the body as written, without front matter
and footnote definitions.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fontes.corpus.document import Document
from fontes.corpus.fields import Fields, page_breaks
from fontes.corpus.languages import language_code
from fontes.errors import CorpusError
from fontes.model import Source

#: The front matter keys understood (the JSONL field names `archive_summary` and `date_note` too).
FRONT_MATTER_KEYS = (
    "id",
    "title",
    "date",
    "date_note",
    "authors",
    "recipients",
    "archive",
    "archive_ref",
    "url",
    "doc_type",
    "language_note",
    "language",
    "credibility",
    "note",
    "notes",
    "summary",
    "archive_summary",
    "place",
    "text_complete",
    "mirror_urls",
)

#: How deep [ ] and { } may nest in front matter (a real one nests two or three deep).
MAX_FLOW_DEPTH = 50

_FENCE = re.compile(r"^(---|\.\.\.)\s*$")
_FOOTNOTE = re.compile(r"^\[\^([^\]\s]+)\]:[ \t]?(.*)$")
_ATX_HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT_UNDERLINE = re.compile(r"^(=+|-+)[ \t]*$")


def read_markdown(path: str | os.PathLike[str]) -> Iterator[Document | CorpusError]:
    """Yield the file's one Document, or a CorpusError saying what is wrong with its front matter."""
    name = os.fspath(path)
    content = _read_text(path, name)
    if not content.strip():
        raise CorpusError("is empty", file=name, hint="write the document's text, with optional front matter")
    try:
        meta, meta_lines, body = _split_front_matter(content, name)
        yield _document(Path(name), meta, meta_lines, body)
    except CorpusError as exc:
        yield exc


def _read_text(path: str | os.PathLike[str], name: str) -> str:
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise CorpusError(f"cannot be read: {exc.strerror}", file=name) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(
            f"is not UTF-8 (bad byte {exc.start + 1})",
            file=name,
            line=raw[: exc.start].count(b"\n") + 1,
            hint="save the file as UTF-8",
        ) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _split_front_matter(content: str, name: str) -> tuple[dict[str, Any], dict[str, int], str]:
    """(metadata, line of each key, body); a file without `---` on its first line has no metadata."""
    lines = content.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return {}, {}, content
    end = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i])), None)
    if end is None:
        raise CorpusError(
            "the front matter that starts with --- is never closed",
            file=name,
            line=1,
            hint="end it with a line holding only ---",
        )
    meta, key_lines = _parse_yaml("\n".join(lines[1:end]), name)
    return meta, key_lines, "\n".join(lines[end + 1 :])


def _parse_yaml(text: str, name: str) -> tuple[dict[str, Any], dict[str, int]]:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        data = _yaml_keeping_dates_as_text(YAML).load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise CorpusError(
            f"the front matter is not valid YAML: {exc.problem or exc.context}",
            file=name,
            line=mark.line + 2 if mark else None,
            hint="check indentation and quotes",
        ) from None
    except (YAMLError, ValueError, RecursionError) as exc:
        raise CorpusError(f"the front matter is not valid YAML: {exc}", file=name, line=2) from None
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise CorpusError(
            "the front matter should be key: value lines",
            file=name,
            line=2,
            hint="write e.g. title: ... and date: 1950-06-25",
        )
    key_lines: dict[str, int] = {}
    for key in data:
        try:
            # +1: 1-based; +1: the opening ---. ruamel's CommentedMap knows where each key sits.
            key_lines[str(key)] = data.lc.key(key)[0] + 2  # type: ignore[attr-defined]
        except (AttributeError, KeyError, TypeError):
            key_lines[str(key)] = 2
    return {str(k): _plain(v) for k, v in data.items()}, key_lines


def _yaml_keeping_dates_as_text(yaml_class: type) -> Any:
    """A round-trip YAML loader that leaves `date: 1950-06-25` as written (EDTF is checked later),
    refuses lists and mappings repeated through aliases (a few nest into billions of values) and
    brackets nested deeper than MAX_FLOW_DEPTH (the scanner slows with the square of the depth)."""
    from ruamel.yaml.constructor import ConstructorError, RoundTripConstructor
    from ruamel.yaml.nodes import CollectionNode
    from ruamel.yaml.scanner import RoundTripScanner, ScannerError

    class TextDates(RoundTripConstructor):
        def construct_object(self, node: Any, deep: bool = False) -> Any:
            if isinstance(node, CollectionNode) and (
                node in self.constructed_objects or node in self.recursive_objects
            ):
                raise ConstructorError(
                    None, None, "a list or mapping is repeated through an alias (*name)", node.start_mark
                )
            try:
                return super().construct_object(node, deep)
            except (ValueError, KeyError, TypeError, AttributeError, IndexError, AssertionError) as exc:
                # a value its tag does not fit: `!!int ''`, `!!bool maybe`, an !!omap with a key twice
                raise ConstructorError(
                    None,
                    None,
                    f"cannot be read as {str(node.tag).rpartition(':')[2]} ({str(exc)[:80]})",
                    node.start_mark,
                ) from None

    class ShallowBrackets(RoundTripScanner):
        def fetch_flow_collection_start(self, TokenClass: Any, to_push: Any) -> None:
            if self.flow_level >= MAX_FLOW_DEPTH:
                raise ScannerError(
                    None, None, f"brackets nest more than {MAX_FLOW_DEPTH} deep", self.reader.get_mark()
                )
            super().fetch_flow_collection_start(TokenClass, to_push)

    TextDates.add_constructor("tag:yaml.org,2002:timestamp", TextDates.construct_yaml_str)
    loader = yaml_class(typ="rt")
    loader.Constructor = TextDates
    loader.Scanner = ShallowBrackets
    return loader


def _plain(value: Any) -> Any:
    """ruamel's containers as plain lists and dicts."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def _document(path: Path, meta: dict[str, Any], key_lines: dict[str, int], body: str) -> Document:
    name = os.fspath(path)
    for key in meta:
        if key not in FRONT_MATTER_KEYS:
            close = difflib.get_close_matches(key, FRONT_MATTER_KEYS, n=1)
            raise CorpusError(
                "is not a front matter key",
                file=name,
                line=key_lines.get(key),
                field=key,
                hint=f"did you mean {close[0]}?" if close else "known keys: " + ", ".join(FRONT_MATTER_KEYS),
            )
    f = Fields(meta, name, line_of=key_lines.get, coerce=True)
    text, footnotes = split_footnotes(body)
    text = text.strip("\n").rstrip()
    source = Source(
        id=f.identifier("id") if "id" in meta else slug(path.stem),
        title=f.text("title", empty_ok=False) if "title" in meta else first_heading(text) or path.stem,
        **f.source_metadata(),
        note=f.text("note") or f.text("date_note"),
    )
    notes = "\n\n".join(n for n in (f.text("notes"), "\n".join(footnotes)) if n)
    return Document(
        source=source,
        text=text,
        notes=notes,
        pages=page_breaks(text),
        text_complete=f.flag("text_complete"),
        language=language_code(f.text("language")),
        summary=f.text("summary") or f.text("archive_summary"),
        place=f.text("place"),
        mirror_urls=f.names("mirror_urls"),
        origin=name,
    )


def split_footnotes(body: str) -> tuple[str, list[str]]:
    """The body without its footnote definitions (`[^1]: ...` and their indented lines), and those."""
    kept: list[str] = []
    notes: list[str] = []
    lines = body.split("\n")
    i = 0
    while i < len(lines):
        match = _FOOTNOTE.match(lines[i])
        if not match:
            kept.append(lines[i])
            i += 1
            continue
        parts = [match.group(2).strip()]
        i += 1
        while i < len(lines) and (
            lines[i].startswith(("    ", "\t"))
            or (not lines[i].strip() and i + 1 < len(lines) and lines[i + 1].startswith(("    ", "\t")))
        ):
            parts.append(lines[i].strip())
            i += 1
        notes.append(f"[^{match.group(1)}]: " + " ".join(p for p in parts if p))
    return "\n".join(kept), notes


def first_heading(text: str) -> str:
    """The first Markdown heading (`# Title` or an underlined Title), or ""."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        atx = _ATX_HEADING.match(line)
        if atx:
            return atx.group(1).strip()
        if (
            line.strip()
            and i + 1 < len(lines)
            and _SETEXT_UNDERLINE.match(lines[i + 1])
            and not _FOOTNOTE.match(line)
        ):
            return line.strip()
    return ""


def slug(stem: str) -> str:
    """A file name as an id: lower case, runs of other characters than letters and digits as `-`."""
    return re.sub(r"[\W_]+", "-", stem.lower()).strip("-") or "document"
