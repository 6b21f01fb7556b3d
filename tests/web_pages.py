"""The pages of the web app that the layout tests and `make screenshots` open, and the essay they audit.

The essay is invented for the purpose: a few sentences about the built-in case, one date that does
not match its own reference list, and reference entries with addresses too long for a phone's width.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

ESSAY = """# Who began the war in Korea?

The North Korean army crossed the 38th parallel on 25 June 1950. A year earlier the border had been restless.
In his telegram of 20 May 1949 to Vasilevsky and Stalin, Shtemenko wrote that "in all cases of violations the
initiative of opening fire came from the Northerners" [1]. The American ambassador, for his part, urged Rhee to
restrain his forces [2].

## References

1. Telegram from Shtemenko to Vasilevsky and Stalin, 20 April 1949. https://example.org/archive/document/telegram-shtemenko-to-vasilevsky-and-stalin-on-the-incidents-along-the-thirty-eighth-parallel-1949
2. Foreign Relations of the United States, 1949, vol. VII, part 2, https://example.org/historicaldocuments/frus1949v07p2/d238-with-a-tail-that-goes-on-and-on-without-a-single-break
"""

#: The widths every page is checked and photographed at: a phone and a desktop.
WIDTHS = (390, 1440)


def write_essay(folder: Path) -> Path:
    """The essay above as a Markdown file in `folder`."""
    path = folder / "essay-on-korea.md"
    path.write_text(ESSAY, encoding="utf-8")
    return path


def app_pages(case) -> list[tuple[str, str]]:
    """(name, path) of every page of the app for `case`, one per question and one source page."""
    cited = case.evidence[0].source
    pages = [("case", "/")]
    pages += [(f"question-{q.id}", f"/questions/{quote(q.id, safe='')}") for q in case.questions]
    pages += [
        ("evidence", "/evidence"),
        ("timeline", "/timeline"),
        ("network", "/network"),
        ("sources", "/sources"),
        ("source", f"/sources/{quote(cited, safe='')}"),
        ("search", "/search?q=Stalin"),
        ("audit", "/audit"),
    ]
    return pages
