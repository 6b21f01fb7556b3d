"""Parts of a Markdown file that are not the essay's prose: front matter, HTML comments, code blocks.

They are blanked (each character a space, line ends kept), so that every offset into the text still
points at the same words and nothing in them is read as a sentence, a quotation or a marker.
"""

from __future__ import annotations

import re

#: YAML front matter: `---` on the first line, up to the next `---` or `...` line.
FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(?:.*\n)*?(?:---|\.\.\.)[ \t]*(?:\n|\Z)")
HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
#: A fenced code block: ``` or ~~~ (three or more) on a line of its own, to the same fence or the end.
CODE_FENCE = re.compile(r"(?m)^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n(?:.*\n)*?(?:[ \t]{0,3}\1[ \t]*(?:\n|\Z)|\Z)")


def blank_non_prose(text: str) -> str:
    """`text` with its front matter, HTML comments and fenced code blocks blanked out."""
    if "---" not in text[:8] and "<!--" not in text and "```" not in text and "~~~" not in text:
        return text
    for pattern in (FRONT_MATTER, HTML_COMMENT, CODE_FENCE):
        text = pattern.sub(_blanked, text)
    return text


def _blanked(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group())
