"""Read a FRUS volume in TEI (HistoryAtState `frus` repository) as one Document per document.

The volume is streamed with `lxml.etree.iterparse`: each `div type="document"` is turned
into a Document when its end tag is read and then cleared, so a 40 MB volume never sits in
memory as a whole. Entities are not expanded, no DTD or XInclude is followed, nothing is
fetched. A document with a structural problem is yielded as a CorpusError and the rest go
on; a file that is not well-formed raises CorpusError where the damage is found, so that
the caller, who stores a file's documents in one transaction, stores none of them.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from lxml import etree

from fontes.corpus.doc_types import doc_type_from_title
from fontes.corpus.document import Document, PageBreak
from fontes.corpus.languages import language_code
from fontes.corpus.tei_text import FlatDocument, flatten_document, plain_text
from fontes.corpus.volume_bytes import holds_only_plain_text
from fontes.dates import parse_date
from fontes.errors import CorpusError, DateError
from fontes.model import Source

TEI_NS = "http://www.tei-c.org/ns/1.0"
FRUS_NS = "http://history.state.gov/frus/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
DOC_DATE_MIN = f"{{{FRUS_NS}}}doc-dateTime-min"
DOC_DATE_MAX = f"{{{FRUS_NS}}}doc-dateTime-max"
HSG_URL = "https://history.state.gov/historicaldocuments/{volume}/{doc}"

_TEI, _DIV, _PB, _IDNO = (f"{{{TEI_NS}}}{name}" for name in ("TEI", "div", "pb", "idno"))
_HEAD, _DATELINE = f"{{{TEI_NS}}}head", f"{{{TEI_NS}}}dateline"
_NOTE, _PERSNAME = f"{{{TEI_NS}}}note", f"{{{TEI_NS}}}persName"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_PERSON_LISTS = ("persons",)  # the xml:id of the volume's list of persons
_DOC_ID = re.compile(r"^d\d+[A-Za-z0-9_.-]*$")
_VOLUME_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_UTF8_NAMES = {"utf-8", "utf8", "us-ascii", "ascii"}
_ENTITIES_REFUSED = "the file declares entities in a DTD; they are not expanded"
_ENTITIES_HINT = "FRUS TEI has no DOCTYPE: remove it, or fix the file's source"
# The root element's start tag: "<" then a name, outside comments, PIs and the DOCTYPE (whose
# internal subset never holds "<" followed by a name character).
_ROOT_START = re.compile(r"<(?![!?])[A-Za-z_:]")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_ENCODING_DECLARATION = re.compile(
    rb"""\A(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']"""
)


def read_frus_tei(path: str | Path) -> Iterator[Document | CorpusError]:
    """Yield each document of a FRUS TEI volume (or a CorpusError for one that is broken)."""
    return _Volume(Path(path)).documents()


class _Problem(Exception):
    """A document that cannot become a Document: what field, what is wrong, what to do."""

    def __init__(self, field: str, message: str, hint: str | None = None):
        super().__init__(message)
        self.field, self.message, self.hint = field, message, hint


class _Facts(NamedTuple):
    """What a document's markup says besides its text: read before the text is flattened."""

    date: str | None
    date_note: str
    authors: list[str]
    recipients: list[str]
    place: str


class _Volume:
    """The state of one pass over a volume: its id, its persons, the current page."""

    def __init__(self, path: Path):
        self.path = path
        self.volume_id: str | None = None
        self.persons: dict[str, str] = {}
        self.page: str | None = None
        self.position = 0  # how many document divs were read, for naming one without an id
        self.plain = False  # whether the bytes show no text needing the flattener's checks

    def documents(self) -> Iterator[Document | CorpusError]:
        parse = etree.iterparse(
            str(self.path),
            events=("start", "end"),
            tag=(_TEI, _DIV, _PB, _IDNO),
            resolve_entities=False,
            no_network=True,
            huge_tree=False,
            load_dtd=False,
        )
        depth = 0  # how deep inside div[@type="document"] the parser is
        checked = False
        self.refuse_entity_declarations()
        try:
            for event, element in parse:
                if not checked:
                    self.check_prolog(element)
                    checked = True
                tag = element.tag
                if tag == _DIV:
                    is_document = element.get("type") == "document"
                    if event == "start":
                        depth += 1 if is_document else 0
                        continue
                    if is_document:
                        depth -= 1
                        if depth == 0:
                            yield self.document(element)
                            _free(element)
                    elif depth == 0:
                        if element.get(XML_ID) in _PERSON_LISTS:
                            self.read_persons(element)
                        element.clear(keep_tail=True)
                else:
                    self.note_volume_fact(event, element, depth)
        except etree.XMLSyntaxError as exc:
            raise _not_well_formed(self.path, exc) from None
        except OSError as exc:
            raise CorpusError(
                f"cannot read the file: {exc.strerror or exc}",
                file=str(self.path),
                hint="check the path and its permissions",
            ) from None
        if not checked:
            raise CorpusError(
                "not a TEI file: no TEI element found",
                file=str(self.path),
                hint='FRUS volumes start with <TEI xmlns="http://www.tei-c.org/ns/1.0">',
            )

    def refuse_entity_declarations(self) -> None:
        """Refuse a DOCTYPE that declares entities or names an external DTD, before lxml reads it.

        Read from the bytes, so the answer is the same whatever lxml's own limits are.
        """
        prolog = _prolog(self.path)
        if prolog is None or "<!DOCTYPE" not in prolog:
            return
        doctype = prolog[prolog.index("<!DOCTYPE") :]
        if "<!ENTITY" in doctype or re.match(r"<!DOCTYPE\s+[^\s\[>]+\s+(SYSTEM|PUBLIC)\b", doctype):
            raise CorpusError(
                _ENTITIES_REFUSED,
                file=str(self.path),
                line=prolog[: prolog.index("<!DOCTYPE")].count("\n") + 1,
                hint=_ENTITIES_HINT,
            )

    def note_volume_fact(self, event: str, element: etree._Element, depth: int) -> None:
        """Keep what a page break, the FRUS idno or the TEI root says of the volume outside documents."""
        tag = element.tag
        if tag == _PB:
            if event == "start" and depth == 0:
                self.page = element.get("n") or self.page
        elif tag == _IDNO:
            if event == "end" and element.get("type") == "frus" and not self.volume_id:
                self.volume_id = (element.text or "").strip() or None
        elif tag == _TEI and event == "start":
            self.volume_id = element.get(XML_ID) or self.volume_id

    def check_prolog(self, element: etree._Element) -> None:
        """Refuse what must not be read: a non-TEI root, entity declarations, a false encoding."""
        tree = element.getroottree()
        root = tree.getroot()
        if root.tag != _TEI:
            raise CorpusError(
                f"not a TEI file: the root element is <{root.tag}>",
                file=str(self.path),
                line=root.sourceline,
                hint=f"expected <TEI> in the namespace {TEI_NS}",
            )
        dtd = tree.docinfo.internalDTD
        if dtd is not None and any(True for _ in dtd.iterentities()):
            raise CorpusError(_ENTITIES_REFUSED, file=str(self.path), line=1, hint=_ENTITIES_HINT)
        declared = _declared_encoding(self.path)
        self.plain = holds_only_plain_text(self.path, declared)
        if declared.lower() not in _UTF8_NAMES and _is_utf8_beyond_ascii(self.path):
            raise CorpusError(
                f"the file declares encoding {declared} but its bytes are UTF-8",
                file=str(self.path),
                line=1,
                hint='fix the declaration: <?xml version="1.0" encoding="UTF-8"?>',
            )

    def read_persons(self, element: etree._Element) -> None:
        """The volume's list of persons: `persName xml:id="p_AD1"` -> its name as listed."""
        for person in element.iter(_PERSNAME):
            person_id = person.get(XML_ID)
            if person_id:
                self.persons[person_id] = plain_text(person)

    def document(self, div: etree._Element) -> Document | CorpusError:
        self.position += 1
        doc_id = div.get(XML_ID) or ""
        where = f"{self.path}#{doc_id or f'document[{self.position}]'}"
        start_page = self.page
        head = div.find(_HEAD)
        facts = self.facts(div, head)  # before the flattening, which rewrites the element
        flat = flatten_document(div, head, self.plain)
        turned = [p.page for p in flat.pages] + flat.trailing_pages
        if turned:  # the next document starts on the last page this one turned to
            self.page = turned[-1]
        try:
            return self.build(div, doc_id, where, head, flat, start_page, facts)
        except _Problem as problem:
            return CorpusError(problem.message, file=where, field=problem.field, hint=problem.hint)

    def facts(self, div: etree._Element, head: etree._Element | None) -> _Facts:
        datelines = [d for d in div.iter(_DATELINE) if not _inside_note(d, div)]
        date, date_note = self.date(div, datelines)
        authors, recipients = self.correspondents(head)
        return _Facts(date, date_note, authors, recipients, self.place(datelines))

    def build(
        self,
        div: etree._Element,
        doc_id: str,
        where: str,
        head: etree._Element | None,
        flat: FlatDocument,
        start_page: str | None,
        facts: _Facts,
    ) -> Document:
        if not _DOC_ID.match(doc_id):
            raise _Problem(
                "xml:id",
                f"document has no usable xml:id ({doc_id!r})",
                "give each div[@type='document'] an xml:id such as d209",
            )
        volume = self.volume()
        if head is None or not flat.title:
            raise _Problem(
                "head", "document has no head (its title)", "every FRUS document starts with <head>"
            )
        if not flat.text:
            raise _Problem("text", "document has no text outside its head and notes")
        pages = flat.pages
        if start_page and (not pages or pages[0].offset > 0):
            pages = [PageBreak(offset=0, page=start_page), *pages]
        editorial = div.get("subtype") == "editorial-note"
        ref = f"{volume}/{doc_id}"
        source = Source(
            id=f"{volume}-{doc_id}",
            title=flat.title,
            date=facts.date,
            authors=facts.authors,
            recipients=facts.recipients,
            archive="FRUS",
            archive_ref=f"{ref}; {flat.source_note}" if flat.source_note else ref,
            url=HSG_URL.format(volume=volume, doc=doc_id),
            doc_type="editorial note" if editorial else _doc_type(flat.title, flat.source_note),
            note=facts.date_note,
        )
        return Document(
            source=source,
            text=flat.text,
            notes="\n\n".join(flat.notes),
            pages=pages,
            text_complete=div.find(f".//{{{TEI_NS}}}gap") is None,  # <gap>: the edition left words out
            language=language_code(div.get(_XML_LANG) or ""),
            place=facts.place,
            origin=where,
        )

    def volume(self) -> str:
        volume = self.volume_id or self.path.stem
        if not _VOLUME_ID.match(volume):
            raise _Problem(
                "xml:id",
                f"the volume id {volume!r} cannot name documents",
                "give <TEI> an xml:id such as frus1949v07p2",
            )
        return volume

    def date(self, div: etree._Element, datelines: list[etree._Element]) -> tuple[str | None, str]:
        """EDTF from frus:doc-dateTime-min/max, else the dateline's date; and a note on misses."""
        low, high = _day(div.get(DOC_DATE_MIN)), _day(div.get(DOC_DATE_MAX))
        rejected = []
        if low or high:
            candidate = low if (low == high or not high) else high if not low else f"{low}/{high}"
            if _is_valid_date(candidate):
                return candidate, ""
            rejected.append(candidate)
        dateline_date = _dateline_date(datelines)
        if dateline_date:
            if _is_valid_date(dateline_date):
                return dateline_date, ""
            rejected.append(dateline_date)
        note = f"date {' / '.join(rejected)!r} in the TEI is not a valid date" if rejected else ""
        return None, note

    def correspondents(self, head: etree._Element | None) -> tuple[list[str], list[str]]:
        """Sender(s) and recipient(s) tagged in the head (`persName`/`gloss` @type from|to)."""
        found: dict[str, list[str]] = {"from": [], "to": []}
        if head is None:
            return [], []
        for element in head.iter("{*}persName", "{*}gloss"):
            kind = element.get("type")
            if kind not in found:
                continue
            if _inside_note(element, head):
                continue
            name = self.person_name(element)
            if name and name not in found[kind]:
                found[kind].append(name)
        return found["from"], found["to"]

    def person_name(self, element: etree._Element) -> str:
        for reference in (element.get("corresp") or element.get("ref") or "").split():
            listed = self.persons.get(reference.lstrip("#"))
            if listed:
                return listed
        return plain_text(element)

    def place(self, datelines: list[etree._Element]) -> str:
        for dateline in datelines:
            for place in dateline.iter(f"{{{TEI_NS}}}placeName"):
                name = plain_text(place).strip(" ,.;:[]")
                if name:
                    return name
        return ""


def _doc_type(title: str, source_note: str) -> str:
    """From the title's first words, else from the source note's tail ("795.00/6–2550: Telegram")."""
    return doc_type_from_title(title) or doc_type_from_title(source_note.rpartition(":")[2])


def _day(value: str | None) -> str:
    """`1949-01-05T00:00:00-05:00` -> `1949-01-05` (the day as the volume gives it)."""
    return (value or "").strip().partition("T")[0]


def _is_valid_date(text: str) -> bool:
    """EDTF check, with a fast path for the volume's usual days and day intervals.

    (`parse_date` takes ~13 ms a string; a volume has a thousand distinct dates.)
    """
    parts = text.split("/")
    if len(parts) <= 2 and all(len(p) == 10 for p in parts):
        try:
            days = [dt.date.fromisoformat(p) for p in parts]
        except ValueError:
            return False
        return days == sorted(days)
    try:
        parse_date(text)
    except DateError:
        return False
    return True


def _dateline_date(datelines: list[etree._Element]) -> str:
    for dateline in datelines:
        for date in dateline.iter(f"{{{TEI_NS}}}date"):
            when = _day(date.get("when"))
            if when:
                return when
            low, high = (
                _day(date.get("notBefore") or date.get("from")),
                _day(date.get("notAfter") or date.get("to")),
            )
            if low and high:
                return low if low == high else f"{low}/{high}"
    return ""


def _inside_note(element: etree._Element, stop: etree._Element) -> bool:
    for ancestor in element.iterancestors():
        if ancestor is stop:
            return False
        if ancestor.tag == _NOTE:
            return True
    return False


def _free(element: etree._Element) -> None:
    """Drop a finished document and whatever came before it from the partial tree."""
    element.clear(keep_tail=True)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def _prolog(path: Path, limit: int = 1 << 20, first: int = 1 << 14) -> str | None:
    """The text before the root element's start tag (None when the file cannot be read).

    Decoded as Latin-1 (or UTF-16 after its byte-order mark): markup is ASCII, so every
    declaration is seen whatever the file's own encoding. The first `first` bytes are read,
    and more (up to `limit`) only when the root's start tag is not in them, or may be inside a
    comment that goes on: a volume's prolog is short, and reading a megabyte took longer than
    parsing a tenth of the volume.
    """
    try:
        with path.open("rb") as stream:
            head = stream.read(first)
            prolog, found = _split_at_root(head)
            if not found or "<!--" in prolog:
                prolog, found = _split_at_root(head + stream.read(limit - len(head)))
    except OSError:
        return None  # the parser says why, with the same words as for any unreadable file
    return prolog


def _split_at_root(head: bytes) -> tuple[str, bool]:
    """(the text of `head` before the root's start tag, comments taken out; whether that tag
    is in it: if not, the text is all of `head`)."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = head.decode("utf-16", errors="replace")
    else:
        text = head.decode("latin-1")
    text = _COMMENT.sub("", text)
    root = _ROOT_START.search(text)
    return (text[: root.start()], True) if root else (text, False)


def _not_well_formed(path: Path, exc: etree.XMLSyntaxError) -> CorpusError:
    message = re.sub(r",? line \d+, column \d+.*$", "", exc.msg or str(exc)).strip()
    if any(sign in message.lower() for sign in ("amplification", "entity reference loop")):
        return CorpusError(_ENTITIES_REFUSED, file=str(path), line=exc.lineno or None, hint=_ENTITIES_HINT)
    if "encoding" in message.lower() or "Blank needed" in message:
        hint = "the bytes do not match the encoding declared on the first line; re-save as UTF-8"
    elif "already defined" in message:
        hint = "xml:id values must be unique in a volume"
    elif "entity" in message.lower():
        hint = "entities are not expanded; FRUS TEI uses none"
    else:
        hint = "the file is truncated or damaged; fetch it again"
    return CorpusError(f"not well-formed XML: {message}", file=str(path), line=exc.lineno or None, hint=hint)


def _declared_encoding(path: Path) -> str:
    """The encoding named in the XML declaration (UTF-8 when none is named)."""
    with path.open("rb") as stream:
        start = stream.read(256)
    declared = _ENCODING_DECLARATION.match(start)
    return declared.group(1).decode("ascii") if declared else "UTF-8"


def _is_utf8_beyond_ascii(path: Path) -> bool:
    """True when the file's bytes decode as UTF-8 and some are not ASCII."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    beyond_ascii = False
    try:
        with path.open("rb") as stream:
            while chunk := stream.read(1 << 20):
                decoder.decode(chunk)
                beyond_ascii = beyond_ascii or not chunk.isascii()
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return beyond_ascii
