"""A document of the corpus: a source's metadata, its quotable text, and its notes kept apart."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from fontes.model import Source


class PageBreak(BaseModel):
    """A printed page starts at `offset` (a code-point offset into the document's text)."""

    offset: int
    page: str


class Document(BaseModel):
    """What an ingester yields and the store keeps.

    `text` is the quotable body (what an evidence quote is anchored in); `notes` holds
    footnotes and editorial notes, indexed for search but never the anchor of a quote.
    `origin` names the file (and line or element) the document came from, for errors.
    """

    model_config = ConfigDict(extra="forbid")

    source: Source
    text: str
    notes: str = ""
    pages: list[PageBreak] = Field(default_factory=list)
    text_complete: bool | None = None
    #: ISO 639-1 code of the language of `text` ('' when unknown; the store infers it from the text).
    language: str = ""
    summary: str = ""
    place: str = ""
    mirror_urls: list[str] = Field(default_factory=list)
    origin: str = ""

    @property
    def id(self) -> str:
        return self.source.id

    def holding(self) -> str:
        """What a reader should know of the stored copy: "excerpt", "Russian original", both, or ''."""
        from fontes.corpus.languages import language_name

        said = ["excerpt"] if self.text_complete is False else []
        if self.language and self.language != "en":
            said.append(f"{language_name(self.language)} original")
        return ", ".join(said)
