"""Parts of a Markdown file that are not the essay's prose: front matter, HTML comments, code blocks,
and the tags of HTML pasted from a web page.

Front matter, comments and code are blanked (each character a space, line ends kept), so that every
offset into the text still points at the same words and nothing in them is read as a sentence, a
quotation or a marker. HTML tags are taken out (a note number `<sup>3</sup>` becomes the marker `[3]`,
entities their characters): the essay's text is then the page's words, and offsets point into it.
"""

from __future__ import annotations

import html
import re

#: YAML front matter: `---` on the first line, up to the next `---` or `...` line.
FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(?:.*\n)*?(?:---|\.\.\.)[ \t]*(?:\n|\Z)")
HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
#: A fenced code block: ``` or ~~~ (three or more) on a line of its own, to the same fence or the end.
CODE_FENCE = re.compile(r"(?m)^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n(?:.*\n)*?(?:[ \t]{0,3}\1[ \t]*(?:\n|\Z)|\Z)")


#: The tags of inline and block HTML that a page's text carries.
HTML_TAG = re.compile(
    r"</?(?:p|div|span|sup|sub|em|strong|i|b|u|a|br|li|ul|ol|blockquote|cite|q|h[1-6]|section|article"
    r"|header|footer|small|abbr|hr)\b[^<>]*>",
    re.IGNORECASE,
)
#: A note number set as HTML: `<sup>3</sup>`, `<sup><a href="#fn3">3</a></sup>`, `<sup>[3]</sup>`.
HTML_NOTE_NUMBER = re.compile(
    r"<sup\b[^<>]*>\s*(?:<a\b[^<>]*>)?\s*\[?(\d{1,3})\]?\s*(?:</a>)?\s*</sup>", re.I
)


def blank_non_prose(text: str) -> str:
    """`text` with its front matter, HTML comments and fenced code blocks blanked out, and HTML tags
    taken out."""
    if "---" in text[:8] or "<!--" in text or "```" in text or "~~~" in text:
        for pattern in (FRONT_MATTER, HTML_COMMENT, CODE_FENCE):
            text = pattern.sub(_blanked, text)
    if "<" in text and HTML_TAG.search(text):
        text = HTML_NOTE_NUMBER.sub(r"[\1]", text)
        text = html.unescape(HTML_TAG.sub(_tag_break, text))
    return text


def _tag_break(match: re.Match[str]) -> str:
    """A line break for `<br>`, nothing for any other tag."""
    return "\n" if match.group().lower().startswith("<br") else ""


def _blanked(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group())
