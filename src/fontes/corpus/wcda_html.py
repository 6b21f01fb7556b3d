"""Read a saved Wilson Center Digital Archive document page (HTML) as one Document.

The page layout (digitalarchive.wilsoncenter.org/document/<id>): `h1.title`, a `.date`
line ("October 12, 1950"), the archive's summary in `.text-block`, the transcript or
translation in `.tab-pane` panes (the active one is the text), "pill" lists under headings
(Author, Language, Original Archive) and `.information-block`s with a `.sub-title`
(Source, Record ID, ...). Every field is optional; a page without a document text or without
a record id or address is refused, since it cannot be quoted or named.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import lxml.html
from lxml import etree

from fontes.audit.lexicon.months import MONTH_NAMES
from fontes.corpus.doc_types import doc_type_from_title
from fontes.corpus.document import Document
from fontes.corpus.text_builder import TextBuilder, normalise_space
from fontes.errors import CorpusError
from fontes.model import Source

ARCHIVE = "Wilson Center Digital Archive"
SITE = "https://digitalarchive.wilsoncenter.org"
CANONICAL_URL = SITE + "/document/{record}"

#: HTML elements that start a new paragraph of the text.
_BLOCKS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "blockquote",
        "pre",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "tr",
        "hr",
        "address",
        "figure",
        "figcaption",
    }
)
_SKIPPED = frozenset({"script", "style", "noscript", "template", "button", "nav", "form"})
_MONTHS = {name.lower(): number for number, name in enumerate(MONTH_NAMES, start=1)}
_DOCUMENT_PATH = re.compile(r"/document/([^/?#\s]+?)/?(?:[?#]|$)")
_TRANSLATOR = re.compile(r"\s*\b((?:Obtained and )?(?:[Tt]ranslated|[Tt]ranslation)\b.*)$")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_SAVED_FROM = re.compile(r"saved from url=\(\d+\)(\S+)")


#: A pane or title saying the page holds only part of the document (its summary or an excerpt).
_EXCERPT_ONLY = re.compile(r"\bexcerpts?\b|^\s*(?:summary|abstract)\b", re.IGNORECASE)


def read_wcda_html(path: str | Path) -> Iterator[Document | CorpusError]:
    """Yield the one document of a Wilson Center Digital Archive page, or raise CorpusError."""
    path = Path(path)
    yield _Page(path, _parse(path)).document()


def _parse(path: Path) -> etree._Element:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CorpusError(
            f"cannot read the file: {exc.strerror or exc}",
            file=str(path),
            hint="check the path and its permissions",
        ) from None
    try:
        root = lxml.html.document_fromstring(data, parser=_parser(data))
    except (etree.ParserError, ValueError) as exc:
        raise CorpusError(
            f"not a readable HTML page: {exc}",
            file=str(path),
            hint="save the document page again from the archive",
        ) from None
    return root


def _parser(data: bytes) -> lxml.html.HTMLParser:
    try:
        return lxml.html.HTMLParser(encoding=_encoding(data), no_network=True, remove_comments=False)
    except LookupError:  # a <meta charset> Python knows and the parser does not (cp037, rot13, ...)
        return lxml.html.HTMLParser(
            encoding=_encoding(data, trust_meta=False), no_network=True, remove_comments=False
        )


def _encoding(data: bytes, trust_meta: bool = True) -> str:
    """The page's encoding: BOM, then <meta charset>, then UTF-8 if it decodes, else cp1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8"
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    declared = _CHARSET.search(data[:4096]) if trust_meta else None
    if declared:
        name = declared.group(1).decode("ascii").lower()
        try:
            return codecs.lookup(name).name
        except LookupError:
            pass  # an unknown name: read the bytes as if none were declared
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1252"


class _Page:
    """One parsed page and the fields read from it."""

    def __init__(self, path: Path, root: etree._Element):
        self.path = path
        self.root = root

    def document(self) -> Document:
        body, tab_label, other_tabs = self.text()
        if not body:
            raise CorpusError(
                "no document text found (no .tab-pane transcript)",
                file=str(self.path),
                field="text",
                hint="is this a Wilson Center Digital Archive document page?",
            )
        url, mirrors = self.urls()
        record = self.information("Record ID")
        slug, number = _document_path(url)
        record_number = number or (record if record.isdigit() else "")
        name = slug or record_number
        if not name:
            raise CorpusError(
                "the page gives neither its address (/document/<id>) nor a Record ID",
                file=str(self.path),
                field="id",
                hint='keep <link rel="canonical"> when saving the page',
            )
        numbered = CANONICAL_URL.format(record=record_number) if record_number else ""
        if not url:
            url = numbered
        elif numbered and numbered != url and numbered not in mirrors:
            mirrors.append(numbered)  # the numbered address outlives a renamed slug
        citation, translator = _split_translator(self.citation())
        title = self.title()
        languages = self.pills("Language")
        source = Source(
            id=f"wcda-{name}",
            title=title,
            date=_english_date(self.date_text()) or None,
            authors=self.pills("Author"),
            archive=ARCHIVE,
            archive_ref=citation or "; ".join(self.pills("Original Archive")),
            url=url,
            doc_type=(
                self.information("Type") or "; ".join(self.pills("Type")) or doc_type_from_title(title)
            ).lower(),
            language_note=_language_note(languages, tab_label, other_tabs, translator),
            note=_labelled("Original classification", self.information("Original Classification")),
        )
        return Document(
            source=source,
            text=body,
            summary=self.summary(),
            mirror_urls=mirrors,
            text_complete=False if _EXCERPT_ONLY.search(f"{tab_label} | {title}") else None,
            origin=str(self.path),
        )

    # -- fields -----------------------------------------------------------------------------

    def title(self) -> str:
        for heading in self.by_class("h1", "title") or self.root.iter("h1"):
            text = flat_text(heading, one_line=True)
            if text:
                return text
        for meta in self.root.xpath('//meta[@property="og:title"]/@content'):
            if meta.strip():
                return normalise_space(meta)
        title = self.root.findtext(".//title") or ""
        return normalise_space(title.split("|")[0])

    def date_text(self) -> str:
        for time in self.root.xpath("//time[@datetime]"):
            return time.get("datetime")
        for element in self.by_class("*", "date"):
            text = flat_text(element, one_line=True)
            if text:
                return text
        return ""

    def summary(self) -> str:
        for element in self.by_class("*", "text-block"):
            text = flat_text(element)
            if text:
                return text
        for meta in self.root.xpath('//meta[@name="description" or @property="og:description"]/@content'):
            if meta.strip():
                return normalise_space(meta)
        return ""

    def text(self) -> tuple[str, str, list[str]]:
        """The active pane's text, its tab's label, and the labels of the other panes."""
        panes = self.by_class("*", "tab-pane")
        if not panes:
            return "", "", []
        active = next((p for p in panes if "active" in _classes(p)), panes[0])
        labels = self.tab_labels()
        others = [labels.get(p.get("id") or "", "") for p in panes if p is not active]
        return flat_text(active), labels.get(active.get("id") or "", ""), [o for o in others if o]

    def tab_labels(self) -> dict[str, str]:
        """Pane id -> the label of the tab that shows it ("English Translation")."""
        labels: dict[str, str] = {}
        for link in self.root.xpath("//a[@href] | //button[@data-bs-target or @data-target]"):
            target = link.get("href") or link.get("data-bs-target") or link.get("data-target")
            if target and target.startswith("#"):
                label = flat_text(link, one_line=True)
                if label:
                    labels.setdefault(target[1:], label)
        return labels

    def information(self, heading: str) -> str:
        """The text of the `.information-block` whose `.sub-title` is `heading`."""
        for block in self.by_class("*", "information-block"):
            titles = _with_class(block, "sub-title")
            if titles and flat_text(titles[0], one_line=True).strip(" :").lower() == heading.lower():
                texts = _with_class(block, "text")
                return flat_text(texts[0], one_line=True) if texts else ""
        return ""

    def citation(self) -> str:
        """The archival citation: the "Source" block, else the first unlabelled one that is
        not the rights statement (the page shows the citation without a label)."""
        labelled = self.information("Source")
        if labelled:
            return labelled
        for block in self.by_class("*", "information-block"):
            if _with_class(block, "sub-title"):
                continue
            text = flat_text(block, one_line=True)
            if text and not re.search(r"welcomes reuse|copyright", text, re.IGNORECASE):
                return text
        return ""

    def pills(self, heading: str) -> list[str]:
        """Names in the pill list under a heading (Author, Language, Original Archive)."""
        names: list[str] = []
        for title in self.root.xpath("//h2|//h3|//h4"):
            if flat_text(title, one_line=True).strip(" :").lower() != heading.lower():
                continue
            following, parent = title.getnext(), title.getparent()
            scope = following if following is not None and _with_class(following, "pill") else parent
            for pill in _with_class(scope, "pill") if scope is not None else []:
                named = _with_class(pill, "name")
                name = flat_text(named[0] if named else pill, one_line=True)
                if name and name not in names:
                    names.append(name)
        return names

    def urls(self) -> tuple[str, list[str]]:
        """The page's own address (canonical link, og:url, browser's "saved from") and others."""
        found = [
            u.strip()
            for u in self.root.xpath('//link[@rel="canonical"]/@href | //meta[@property="og:url"]/@content')
            if u.strip()
        ]
        for comment in self.root.xpath("//comment()"):
            saved = _SAVED_FROM.search(comment.text or "")
            if saved:
                found.append(saved.group(1))
        unique = list(dict.fromkeys(SITE + u if u.startswith("/") else u for u in found))
        return (unique[0], unique[1:]) if unique else ("", [])

    def by_class(self, tag: str, name: str) -> list[etree._Element]:
        return self.root.xpath(f"//{tag}[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]")


def flat_text(element: etree._Element, one_line: bool = False) -> str:
    """An HTML element's text as a reader sees it: paragraphs apart, whitespace collapsed."""
    builder = TextBuilder()
    _walk(element, builder)
    return normalise_space(builder.text) if one_line else builder.text


def _walk(element: etree._Element, builder: TextBuilder) -> None:
    builder.add(element.text)
    for child in element:
        if isinstance(child.tag, str) and child.tag not in _SKIPPED:
            if child.tag == "br":
                builder.line_break()
            elif child.tag in _BLOCKS:
                builder.end_block()
                _walk(child, builder)
                builder.end_block()
            else:
                if child.tag in ("td", "th"):
                    builder.space()
                _walk(child, builder)
        builder.add(child.tail)


def _classes(element: etree._Element) -> list[str]:
    return (element.get("class") or "").split()


def _with_class(element: etree._Element, name: str) -> list[etree._Element]:
    """`element` and its descendants that carry the class `name`, in document order."""
    return [e for e in element.iter() if isinstance(e.tag, str) and name in _classes(e)]


def _document_path(url: str) -> tuple[str, str]:
    """`.../document/114898` -> ("", "114898"); `.../document/cable-no-54611` -> (slug, "")."""
    match = _DOCUMENT_PATH.search(url or "")
    if not match:
        return "", ""
    part = match.group(1)
    if part.isdigit():
        return "", part
    slug = re.sub(r"[^a-z0-9]+", "-", part.lower()).strip("-")
    return slug, ""


def _split_translator(citation: str) -> tuple[str, str]:
    """ "APRF, f. 45 ... Translated by Gary Goldberg." -> (signature, translator sentence)."""
    match = _TRANSLATOR.search(citation)
    if not match:
        return citation.strip(), ""
    return citation[: match.start()].strip().rstrip(".").strip(), match.group(1).strip()


def _language_note(languages: list[str], shown: str, others: list[str], translator: str) -> str:
    parts = []
    if languages:
        parts.append("Original Language: " + ", ".join(languages))
    if shown:
        parts.append("Contents: " + shown)
    if others:
        parts.append("also on the page: " + ", ".join(others))
    note = "; ".join(parts)
    if translator:
        note = f"{note}. {translator}" if note else translator
    return note


def _labelled(label: str, value: str) -> str:
    return f"{label}: {value}" if value else ""


def _english_date(text: str) -> str:
    """ "October 12, 1950" / "12 October 1950" / "October 1950" / "1950" / ISO -> EDTF, else ""."""
    text = normalise_space(text).strip(" .")
    iso = re.fullmatch(r"(\d{4})(-\d{2}(-\d{2})?)?(T.*)?", text)
    if iso:
        return iso.group(1) + (iso.group(2) or "")
    words = re.findall(r"[A-Za-z]+|\d+", text)
    month = next((_MONTHS[w.lower()] for w in words if w.lower() in _MONTHS), None)
    numbers = [w for w in words if w.isdigit()]
    years = [n for n in numbers if len(n) == 4]
    days = [n for n in numbers if len(n) <= 2 and 1 <= int(n) <= 31]
    if len(years) != 1 or len(numbers) > 2:
        return ""
    if month and days:
        try:
            return dt.date(int(years[0]), month, int(days[0])).isoformat()
        except ValueError:
            return ""
    if month and len(numbers) == 1:
        return f"{years[0]}-{month:02d}"
    if not month and len(numbers) == 1 and len(words) == 1:
        return years[0]
    return ""
