"""Typed reading of one record's fields, shared by the JSONL and Markdown ingesters.

Each failure is a CorpusError naming the file, the line, the field and what to write instead.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any

from fontes.corpus.document import PageBreak
from fontes.dates import parse_date
from fontes.errors import CorpusError, DateError
from fontes.model import DEFAULT_CREDIBILITY

_PAGE_MARKER = re.compile(r"\[Page ([0-9A-Za-z]+)\]")
_SURROGATE = re.compile("[\ud800-\udfff]")
SURROGATE_HINT = "a \\ud800-\\udfff escape stands for half a character; fix or remove it"


class Fields:
    """The fields of one record (a JSON object or a YAML front matter), read with their types.

    `coerce` lets a YAML scalar such as `id: 1950` or `date: 1950-06-25` stand for its text.
    """

    def __init__(
        self,
        record: Mapping[str, Any],
        file: str,
        line: int | None = None,
        *,
        line_of: Callable[[str], int | None] | None = None,
        coerce: bool = False,
    ):
        self.record, self.file, self.line = record, file, line
        self._line_of, self._coerce = line_of, coerce

    def error(self, field: str, message: str, hint: str | None = None) -> CorpusError:
        line = self._line_of(field) if self._line_of else self.line
        return CorpusError(message, file=self.file, line=line, field=field, hint=hint)

    def text(self, name: str, *, required: bool = False, empty_ok: bool = True) -> str:
        """A string field ("" when absent or null, unless required)."""
        value = self.record.get(name)
        if value is None:
            if required:
                raise self.error(name, "is missing", hint=f"every record needs a {name!r}")
            return ""
        if self._coerce and isinstance(value, (int, float, dt.date)) and not isinstance(value, bool):
            value = value.isoformat() if isinstance(value, dt.date) else str(value)
        if not isinstance(value, str):
            raise self.error(name, f"should be text, not {_kind(value)}", hint=f"give {name} as text")
        if has_surrogate(value):
            raise self.error(name, "holds half a character (an unpaired surrogate)", hint=SURROGATE_HINT)
        if not empty_ok and not value.strip():
            raise self.error(name, "is empty", hint=f"give the record a {name}")
        return value

    def identifier(self, name: str = "id") -> str:
        """A non-empty id without spaces (ids are typed on the command line)."""
        value = self.text(name, required=True, empty_ok=False).strip()
        if len(value.split()) > 1:  # stripped already: a space left is inside it
            raise self.error(name, f"{value!r} contains spaces", hint="use a slug such as frus1950v07-d59")
        return value

    def names(self, name: str) -> list[str]:
        """A list of strings; a single string counts as a list of one."""
        value = self.record.get(name)
        if value is None:
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(
                name,
                f"should be a list of text, not {_kind(value)}",
                hint=f'give {name} as a list such as ["Kirk", "Muccio"]',
            )
        if any(has_surrogate(v) for v in value):
            raise self.error(name, "holds half a character (an unpaired surrogate)", hint=SURROGATE_HINT)
        return [v for v in value if v.strip()]

    def flag(self, name: str) -> bool | None:
        value = self.record.get(name)
        if value is None or isinstance(value, bool):
            return value
        raise self.error(name, f"should be true or false, not {_kind(value)}")

    def number(self, name: str, default: float, low: float, high: float) -> float:
        value = self.record.get(name)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
            raise self.error(name, f"should be a number from {low} to {high}, not {value!r}")
        return float(value)

    def source_metadata(self) -> dict[str, Any]:
        """The fields of a Source that JSONL records and Markdown front matter share, read alike."""
        return {
            "date": self.date("date"),
            "authors": self.names("authors"),
            "recipients": self.names("recipients"),
            "archive": self.text("archive"),
            "archive_ref": self.text("archive_ref"),
            "url": self.text("url"),
            "doc_type": self.text("doc_type"),
            "language_note": self.text("language_note"),
            "credibility": self.number("credibility", DEFAULT_CREDIBILITY, 0.0, 1.0),
        }

    def date(self, name: str = "date") -> str | None:
        """An EDTF date, validated (None when absent)."""
        value = self.text(name).strip()
        if not value:
            return None
        try:
            parse_date(value)
        except DateError as exc:
            raise self.error(name, exc.message, hint=exc.hint) from None
        return value


def has_surrogate(text: str) -> bool:
    """True when a text holds a lone UTF-16 surrogate (from a JSON or YAML escape): no character at all."""
    return not text.isascii() and _SURROGATE.search(text) is not None


def page_breaks(text: str) -> list[PageBreak]:
    """Printed page markers such as FRUS's `[Page 48]`, kept in the text, as page breaks."""
    return [PageBreak(offset=m.start(), page=m.group(1)) for m in _PAGE_MARKER.finditer(text)]


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list with other things than text" if value else "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
