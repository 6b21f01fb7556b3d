"""Search snippets in the document's own words: never a curator's, editor's or translator's note.

The store's curators' notes (`Document.notes`) are searched but never shown as a snippet, and
notes set into a text in brackets ("[Translator's note: …]", "[Ed. note: …]", "[Footnote in the
source text. …]") are cut out of the snippet: a reader takes a snippet for the source's words.
"""

from __future__ import annotations

import re

from fontes.corpus.search import HIGHLIGHT_END, HIGHLIGHT_START

#: A bracketed note set into a text: "[Note: …]", "[Editor's note …]", "[Translator’s Note: …]",
#: "[Ed. note: …]", "[Footnote in the source text. …]"; not "[Notes of the conversation …]" or "[Stalin]".
EDITORIAL_NOTE = re.compile(r"\[\s*(?:[A-Z][\w.]*(?:['’]s)?\s+)?(?:note|footnote)\b[^\]]*\]", re.IGNORECASE)
_MARKED = re.compile(re.escape(HIGHLIGHT_START) + r"(.+?)" + re.escape(HIGHLIGHT_END), re.DOTALL)


def without_notes(text: str) -> str:
    """The text with its bracketed notes taken out."""
    return EDITORIAL_NOTE.sub(" ", text)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _window(text: str, start: int, chars: int) -> str:
    """About `chars` characters of `text` from `start`, cut at spaces, with "…" where it is cut."""
    if start > 0:
        start = text.find(" ", start) + 1 or start
    end = min(start + chars, len(text))
    if end < len(text) and text.rfind(" ", start, end) > start:
        end = text.rfind(" ", start, end)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def snippet_outside_notes(text: str, snippet: str, chars: int) -> str:
    """`snippet` (from the full-text index, matched words in [[ ]]) if it holds none of `text`'s notes,
    else about `chars` characters around the first matched word outside them (the text's opening
    when every match is inside a note)."""
    if not EDITORIAL_NOTE.search(text):
        return snippet
    own = _flat(without_notes(text))
    plain = _flat(_MARKED.sub(r"\1", snippet)).strip("…").strip()
    if plain and plain in own:
        return snippet
    words = sorted({_flat(m.group(1)) for m in _MARKED.finditer(snippet)}, key=len, reverse=True)
    if not words:
        return _window(own, 0, chars)
    matched = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)
    found = matched.search(own)
    if found is None:
        return _window(own, 0, chars)
    window = _window(own, max(0, found.start() - chars // 2), chars)
    return matched.sub(lambda m: f"{HIGHLIGHT_START}{m.group(0)}{HIGHLIGHT_END}", window)
