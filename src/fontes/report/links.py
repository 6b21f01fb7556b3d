"""Whose address a source's link is: the archive's own site, or a copy somewhere else.

The rule, over the link's host alone: a link is the document's official ("online") address
only when its host is, exactly, one of the archives' own hosts in `OFFICIAL_HOSTS` ("www."
aside). Any other host is a copy, shown as "copy at <host>" beside the archive's reference:
a staging or test copy of an archive's site, a web agency's or another body's host, an essay
or document-sharing site, a library, a book preview. Subdomains do not count (a staging copy
may sit under the archive's own name), so a new archive host is added here by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

#: The archives' and official editions' own hosts, each with whose it is.
OFFICIAL_HOSTS: dict[str, str] = {
    "history.state.gov": "Office of the Historian, US Department of State (FRUS)",
    "digitalarchive.wilsoncenter.org": "Wilson Center Digital Archive",
    "wilsoncenter.org": "Wilson Center (CWIHP Bulletin)",
    "archives.gov": "US National Archives",
    "catalog.archives.gov": "US National Archives catalog",
    "trumanlibrary.gov": "Harry S. Truman Library",
    "cia.gov": "CIA reading room",
    "loc.gov": "Library of Congress",
}


@dataclass(frozen=True)
class SourceLink:
    """A source's http(s) address, its host, and whether that host is the archive's own."""

    url: str
    host: str
    official: bool

    @property
    def label(self) -> str:
        """How a view names the link: "online" for the archive's own site, else "copy at <host>"."""
        return "online" if self.official else f"copy at {self.host}"


def host_of(url: str) -> str:
    """The host of a URL as a reader names it: lower case, no port, no "www."."""
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def is_official(url: str) -> bool:
    """True when the URL's host is one of the archives' own (exactly, "www." aside)."""
    return host_of(url) in OFFICIAL_HOSTS


def source_link(url: str | None) -> SourceLink | None:
    """The link to show for a source's URL; None unless it is http(s) with a host."""
    url = (url or "").strip()
    if not url.lower().startswith(("https://", "http://")):
        return None
    host = host_of(url)
    if not host:
        return None
    return SourceLink(url=url, host=host, official=host in OFFICIAL_HOSTS)


def link_words(url: str | None) -> str:
    """A URL as the terminal prints it: the URL when official, "copy at <host>: <url>" when not."""
    link = source_link(url)
    if link is None:
        return url or ""
    return link.url if link.official else f"{link.label} (not the archive's own site): {link.url}"
