"""Errors a user can fix: each says where (file, line, field) and what to do.

The CLI prints them on one line and exits 1; nothing else is ever shown as a traceback
for a user's mistake.
"""

from __future__ import annotations


class FontesError(Exception):
    """Base of every error fontes reports to a user."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        field: str | None = None,
        hint: str | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.field = field
        self.hint = hint

    def where(self) -> str:
        """`file:line: field` with whatever parts are known."""
        place = self.file or ""
        if self.line is not None:
            place += f":{self.line}"
        if self.field:
            place += f": {self.field}" if place else self.field
        return place

    def __str__(self) -> str:
        text = f"{self.where()}: {self.message}" if self.where() else self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


class CaseError(FontesError):
    """A case folder that cannot be read or does not validate."""


class DateError(FontesError):
    """A date that is not valid EDTF."""


class ReasonError(FontesError):
    """A request the reasoning engine cannot answer (unknown school, question, ...)."""


class CorpusError(FontesError):
    """A corpus file or record that cannot be ingested, or a store that cannot be used."""


class AnchorError(FontesError):
    """A quotation that cannot be anchored as asked (unknown source, empty quote, ...)."""


class AuditError(FontesError):
    """An essay that cannot be read for an audit (missing, not text, a broken .docx, ...)."""


class WebError(FontesError):
    """A request the web app refuses: a bad what-if, an unsafe folder name, a missing page."""
