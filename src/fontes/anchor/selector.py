"""W3C Web Annotation TextQuoteSelector for a span of a source's raw text."""

from __future__ import annotations

from fontes.anchor.result import TextQuoteSelector

#: Characters of context either side (DESIGN.md): enough to tell repeated phrases apart.
CONTEXT = 32


def text_quote_selector(text: str, start: int, end: int, context: int = CONTEXT) -> TextQuoteSelector:
    """The selector of text[start:end]: its exact raw words and up to `context` characters around."""
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"span [{start}, {end}) is outside a text of {len(text)} characters")
    return TextQuoteSelector(
        exact=text[start:end], prefix=text[max(0, start - context) : start], suffix=text[end : end + context]
    )
