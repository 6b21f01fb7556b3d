"""An essay as the audit reads it: paragraphs, sentences, citation markers, quotations, references.

Offsets are Python code points into `Essay.text` (end exclusive), so a finding can point at the
exact words of the essay.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Marker(_Part):
    """A citation marker such as [3], [3, 5] or [3–5], and the reference numbers it names."""

    text: str
    numbers: list[int]
    start: int
    end: int


class Quotation(_Part):
    """Words the essay puts in quotation marks (or a block quote)."""

    text: str
    start: int
    end: int
    block: bool = False
    #: A block quotation's markers in the sentence introducing it ("... he wrote:[3]").
    introduced_by: list[Marker] = Field(default_factory=list)
    #: "opening" or "closing" when that quotation mark is missing and the words were read to the
    #: sentence's boundary (such a quotation is kept in `Sentence.loose_quotations`).
    missing_mark: str = ""


class Sentence(_Part):
    index: int  # within its paragraph
    text: str
    start: int
    end: int
    markers: list[Marker] = Field(default_factory=list)
    quotations: list[Quotation] = Field(default_factory=list)
    loose_quotations: list[Quotation] = Field(default_factory=list)


class Paragraph(_Part):
    index: int
    text: str
    start: int
    end: int
    heading: bool = False
    sentences: list[Sentence] = Field(default_factory=list)


class Reference(_Part):
    """One entry of the reference list, split into its parts where they can be told apart."""

    number: int | None
    raw: str
    start: int
    end: int
    authors: list[str] = Field(default_factory=list)
    year: int | None = None
    title: str = ""
    publisher: str = ""  # publisher, journal or archive
    date: str = ""  # a day or month the entry gives besides the year ("March 5", "September 11")
    pages: str = ""
    url: str = ""


class Essay(_Part):
    path: str
    text: str
    title: str = ""
    paragraphs: list[Paragraph] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)

    def sentences(self):
        """Every (paragraph, sentence) pair of the body, in order."""
        for paragraph in self.paragraphs:
            for sentence in paragraph.sentences:
                yield paragraph, sentence

    def reference(self, number: int) -> Reference | None:
        for ref in self.references:
            if ref.number == number:
                return ref
        return None
