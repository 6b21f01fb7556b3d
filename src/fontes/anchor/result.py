"""What anchoring returns: where a quotation sits, how faithful it is, and what differs."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

Fidelity = Literal["verbatim", "near-verbatim", "misquote", "paraphrase", "not-found"]
#: Best first: when several sources hold a quotation, the most faithful anchor wins.
FIDELITY_ORDER: tuple[Fidelity, ...] = ("verbatim", "near-verbatim", "misquote", "paraphrase", "not-found")
#: Why a differing token matters: it turns a close quotation into a misquote.
Meaning = Literal["negation", "number", "date", "name", "question"]


class TextQuoteSelector(BaseModel):
    """A W3C Web Annotation TextQuoteSelector: the source's words and 32 characters either side."""

    model_config = ConfigDict(extra="forbid")

    type: Literal["TextQuoteSelector"] = "TextQuoteSelector"
    exact: str
    prefix: str
    suffix: str


class Difference(BaseModel):
    """Words of the quotation and the source's words in their place ("" when absent).

    `meaning` names what a meaning-bearing difference changes; None for spelling, OCR noise,
    punctuation and words that do not change what is claimed.
    """

    model_config = ConfigDict(extra="forbid")

    quote: str
    source: str
    meaning: Meaning | None = None


class Match(BaseModel):
    """A quotation located in one text: raw code-point offsets [start, end), class and score."""

    model_config = ConfigDict(extra="forbid")

    start: int
    end: int
    fidelity: Fidelity
    score: float
    selector: TextQuoteSelector
    diff: list[Difference] = []

    def rank(self) -> tuple[int, float]:
        """Sort key, best first: the more faithful class, then the higher score."""
        return FIDELITY_ORDER.index(self.fidelity), -self.score


class Anchor(BaseModel):
    """A quotation anchored in the corpus; `source` is None when it was found nowhere."""

    model_config = ConfigDict(extra="forbid")

    source: str | None
    start: int | None = None
    end: int | None = None
    fidelity: Fidelity
    score: float = 0.0
    selector: TextQuoteSelector | None = None
    diff: list[Difference] = []

    @classmethod
    def from_match(cls, source: str, match: Match) -> Anchor:
        return cls(source=source, **match.model_dump())

    def to_json(self, id: object = None) -> dict:
        """The batch line: {"id", "source", "start", "end", "fidelity", "score", "selector", "diff"}."""
        return {"id": id, **self.model_dump(mode="json")}
