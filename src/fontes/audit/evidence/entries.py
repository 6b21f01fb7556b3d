"""What an entry of an essay's reference list names: FRUS documents, an archive, a day, a title, a scholar's work."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

from fontes.audit.lexicon.months import month_number
from fontes.audit.reading.essay import Reference
from fontes.model import Source

#: The names under which an archive appears in citations, by family.
ARCHIVE_NAMES: dict[str, tuple[str, ...]] = {
    "wilson": (
        "wilson center digital archive",
        "history and public policy program digital archive",
        "history and public policy program",
        "digital archive",
        "digitalarchive.wilsoncenter.org",
        "wilson-center",
    ),
    "frus": ("foreign relations of the united states", "frus", "history.state.gov"),
}
_ARCHIVE_PATTERNS = [
    (family, re.compile("|".join(rf"(?<![\w]){re.escape(n)}(?![\w])" for n in names)))
    for family, names in ARCHIVE_NAMES.items()
]
_SCHOLARLY = re.compile(
    r"\b(press|university|univ|journal|studies|review|quarterly|bulletin|issue|books|"
    r"publish\w*|co\.? ltd|edition|ed\.|eds\.|vol\.? \d+, no)\b|\bpp?\.\s*\d",
    re.IGNORECASE,
)
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_VOLUME = re.compile(r"\bvol(?:ume|\.)?\s*([ivxlc]+|\d+)\b", re.IGNORECASE)
_PART = re.compile(r"\bpart\s*([ivx]+|\d+)\b", re.IGNORECASE)
_DOCUMENTS = re.compile(r"\bdoc(?:ument)?s?\.?\s*(?:no\.?\s*)?(\d+(?:\s*(?:,|and|&)\s*\d+)*)", re.IGNORECASE)
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_ENTRY_DAY = re.compile(r"\b(?P<month>[A-Z][a-z]+)\.?(?:\s+(?P<day>[0-3]?\d)(?!\d))?")
_DAY_MONTH = re.compile(r"\b(?P<day>[0-3]?\d)\s+(?P<month>[A-Z][a-z]+)\.?(?=[\s,.]|$)")
_MONTH_DAY = re.compile(r"\b(?P<month>[A-Z][a-z]+)\.?\s+(?P<day>[0-3]?\d)(?!\d)")
_FRUS_SPAN = re.compile(
    r"(?:FRUS|Foreign Relations of the United States),?\s*(1[89]\d\d)\s*[–-]\s*((?:1[89])?\d\d)\b",
    re.IGNORECASE,
)
_FRUS_ID = re.compile(r"^frus(\d{4}(?:-\d\d)?)v(\d+)(?:p(\d+))?-d(\d+)$")


def plain(text: str) -> str:
    """Markdown emphasis and angle brackets removed, spaces single."""
    text = re.sub(r"[*_<>`]", "", unicodedata.normalize("NFKC", text or ""))
    return " ".join(text.split())


def entry_year(reference: Reference) -> int | None:
    if reference.year:
        return reference.year
    found = _YEAR.search(plain(reference.raw))
    return int(found.group(1)) if found else None


def entry_day(reference: Reference) -> tuple[int, int | None] | None:
    """(month, day or None) of the day or month the entry gives besides its year: its date field,
    else a day written in its text ("4 March 1921", "March 4, 1921")."""
    for m in _ENTRY_DAY.finditer(reference.date or ""):
        month = month_number(m.group("month"))
        if month:
            return month, int(m.group("day")) if m.group("day") else None
    raw = plain(reference.raw)
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        for m in pattern.finditer(raw):
            month = month_number(m.group("month"))
            if month:
                return month, int(m.group("day"))
    return None


def frus_documents(reference: Reference) -> set[str]:
    """The FRUS document ids an entry names ("FRUS 1950, Korea, Volume VII, Documents 25, 573" ->
    frus1950v07-d25, frus1950v07-d573; "Foreign Relations of the United States, 1955–1957, Volume
    XVI, Document 424" -> frus1955-57v16-d424; a history.state.gov address); empty when it names none."""
    raw = plain(reference.raw)
    linked = {
        f"{m.group(1)}-{m.group(2)}"
        for m in re.finditer(r"historicaldocuments/(frus[\w-]+?)/(d\d+)\b", f"{reference.url} {raw}")
    }
    if linked:
        return linked
    if not re.search(r"\bFRUS\b|Foreign Relations of the United States", raw, re.IGNORECASE):
        return set()
    year, volume = entry_year(reference), _VOLUME.search(raw)
    documents = _DOCUMENTS.search(raw)
    if not (year and volume and documents):
        return set()
    number = _number(volume.group(1))
    part = _PART.search(raw)
    span = _FRUS_SPAN.search(raw)
    years = f"{span.group(1)}-{span.group(2)[-2:]}" if span else str(year)
    stem = f"frus{years}v{number:02d}" + (f"p{_number(part.group(1))}" if part else "")
    return {f"{stem}-d{n}" for n in re.findall(r"\d+", documents.group(1))}


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    values = [_ROMAN[c] for c in text.lower()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def archive_family(text: str) -> str | None:
    """ "wilson" or "frus" when `text` names one of those archives, else None."""
    folded = plain(text).casefold()
    for family, pattern in _ARCHIVE_PATTERNS:
        if pattern.search(folded):
            return family
    return None


def source_family(source: Source) -> str | None:
    if _FRUS_ID.match(source.id):
        return "frus"
    return archive_family(f"{source.archive} {source.url}")


def entry_family(reference: Reference) -> str | None:
    """The archive the entry names (its publisher field, else its whole text)."""
    return archive_family(reference.publisher) or archive_family(reference.raw)


def same_url(a: str, b: str) -> bool:
    """Two addresses of the same page (scheme, www. and a trailing slash aside); a bare site never matches."""
    pa, pb = urlsplit(_with_scheme(a)), urlsplit(_with_scheme(b))
    path_a, path_b = pa.path.rstrip("/"), pb.path.rstrip("/")
    if not path_a or not path_b:
        return False
    return pa.netloc.removeprefix("www.") == pb.netloc.removeprefix("www.") and path_a == path_b


def _with_scheme(url: str) -> str:
    url = url.strip().strip("<>")
    return url if "//" in url else "//" + url


def looks_scholarly(reference: Reference) -> bool:
    """A book or article: named authors, a publisher or journal, page numbers."""
    return bool(reference.authors) or bool(_SCHOLARLY.search(plain(reference.raw)))


def title_of(reference: Reference) -> str:
    """The entry's title (the document's own words, for an entry naming an archival document),
    else its whole text without its number, year and address."""
    document = entry_document(reference)
    title = (
        (document.heading if document.kind == ARCHIVAL_DOCUMENT else "") or reference.title or reference.raw
    )
    title = re.sub(r"^\s*[-*]?\s*\[\d+\]\s*", "", plain(title))
    title = re.sub(r"\((?:\d{4})\)|https?://\S+", " ", title)
    return " ".join(title.split())


# -- the kind of an entry and the document it names, for any archive ------------------------------

ARCHIVAL_DOCUMENT, COLLECTION, BOOK, ARTICLE, WEB_PAGE = (
    "archival document",
    "document collection",
    "book",
    "article",
    "web page",
)
_DOCUMENT_URL = re.compile(
    r"history\.state\.gov/historicaldocuments/(?P<frus>frus[\w-]+)/(?P<frusdoc>d\d+)"
    r"|digitalarchive\.wilsoncenter\.org/document/(?P<wilson>[\w-]+)"
    r"|cia\.gov/readingroom/docs?/(?P<cia>[\w.-]+)|cia\.gov/readingroom/document/(?P<ciadoc>[\w.-]+)"
    r"|catalog\.archives\.gov/id/(?P<nara>\d+)"
    r"|(?P<library>[\w.-]*librar[\w.-]*|[\w.-]*\.archives\.gov|nationalarchives\.gov\.uk)/(?P<path>\S+)",
    re.IGNORECASE,
)
_KIND_OPENING = re.compile(
    r"^(?:[A-Z][\w.’'-]*\s+){0,2}?(?:(?:Ciphered|Coded|Secret|Top\s+Secret|Draft|Urgent)\s+)*(?:Telegram|Cable|Message|Letter|Memorandum|"
    r"Minutes|Notes?|Record|Report|Directive|Transcript|Statement|Resolution|Editorial\s+Note|Airgram|Despatch|"
    r"Dispatch|Instruction|Order|Circular|Aide-[Mm][ée]moire|Conversation|Paper|Intelligence\s+Memorandum|"
    r"National\s+Intelligence\s+Estimate|Estimate|Decision|Directive|Protocol|Communiqu[ée])\b"
)
_COLLECTION_WORDS = re.compile(
    r"foreign\s+relations\s+of\s+the\s+united\s+states|\bfrus\b|digital\s+archive|wilson\s+center|"
    r"national\s+archives|presidential\s+library|\blibrary\b|reading\s+room|\bcrest\b|record\s+group|"
    r"\bRG\s*\d+|public\s+record\s+office|archive\s+of\s+the|\barchives?\b|papers\b|collection|"
    r"\bfond\b|\bopis\b|\bdelo\b",
    re.IGNORECASE,
)
_DOC_NUMBER = re.compile(r"\b(?:doc(?:ument)?\.?|no\.|number)\s*(\d+[A-Za-z]?)\b", re.IGNORECASE)
_SENDER_RECIPIENT = re.compile(
    r"^(?:.*?\b(?:from|From)\s+)?(?P<sender>[^,;]+?)\s+to\s+(?P<recipient>[^,;]+?)(?=,|;|$)"
)
_DATE_TAIL = re.compile(r",?\s+\d{1,2}\s+\w+\s+\d{4}.*$|,?\s+[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4}.*$")
_TELEGRAM_NUMBER = re.compile(r"\b(?:telegram|cable|no\.)\s*(?:no\.\s*)?(\d{2,6})\b", re.IGNORECASE)


@dataclass(frozen=True)
class EntryDocument:
    """What a reference entry is (its kind) and, for an archival document, which document it names."""

    kind: str
    heading: str = ""  # the document's own words, before the collection that holds it
    sender: str = ""
    recipient: str = ""
    day: tuple[int, int, int] | None = None  # (year, month, day) the entry dates the document
    number: str = ""  # a telegram's number
    collection: str = ""  # the collection or volume, as the entry writes it
    doc_number: str = ""  # the document's number in the collection
    url: str = ""

    def key(self) -> tuple | None:
        """What identifies the document, or None when the entry names no one document."""
        if self.kind != ARCHIVAL_DOCUMENT:
            return None
        if self.url:
            return ("url", self.url)
        if self.doc_number and self.collection:
            return ("collection", " ".join(re.findall(r"\w+", self.collection.casefold())), self.doc_number)
        words = re.sub(r"\b\d{1,2}\b|\b\d{4}\b", " ", self.heading.casefold())
        return ("heading", " ".join(re.findall(r"[^\W\d]+", words)), self.day, self.number)


def _document_url(text: str) -> str:
    m = _DOCUMENT_URL.search(text)
    if not m:
        return ""
    return re.sub(r"^(?:https?://)?(?:www\.)?", "", m.group(0).rstrip(".,;)")).casefold()


def _heading(reference: Reference) -> tuple[str, str]:
    """(the document's own words, the rest) of an entry: its title when that names a document,
    else the words before the collection begins."""
    text = re.sub(r"^\s*[-*]?\s*(?:\[\^?\w+\]:?|\d+\.)\s*", "", reference.raw)
    text = re.sub(r"https?://\S+", " ", text)
    italic = re.search(r"[*_]", text)
    m = _COLLECTION_WORDS.search(text)
    cut = min(
        p for p in (italic.start() if italic else None, m.start() if m else None, len(text)) if p is not None
    )
    before = re.sub(r"^(?:in|In)\s+|[\s.,;:]+(?:in|In)?\s*$", "", text[:cut].strip())
    before = plain(before).strip(" .,;")
    title = plain(re.sub(r",?\s*\(\d{4}\)", "", reference.title)).strip(" .,;")
    for heading in (title, before):
        if heading and (_KIND_OPENING.match(heading) or _SENDER_RECIPIENT.match(heading)):
            return heading, plain(text.replace(reference.title, " ")) if heading == title else plain(
                text[cut:]
            )
    return before, plain(text[cut:])


def entry_date(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of the first full date a text writes ('13 October 1950', 'October 13, 1950')."""
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        for m in pattern.finditer(text):
            month = month_number(m.group("month"))
            year = _YEAR.search(text[m.end() : m.end() + 12])
            if month and year:
                return int(year.group(1)), month, int(m.group("day"))
    return None


def _year_and_day(reference: Reference) -> tuple[int, int, int] | None:
    """The entry's year with the day its date field gives ("(1949) ..., September 11")."""
    year, day = entry_year(reference), entry_day(reference)
    return (year, day[0], day[1]) if year and day and day[1] else None


def entry_document(reference: Reference) -> EntryDocument:
    """The entry's kind and the document it names, read from its words for any archive."""
    raw = reference.raw
    url = _document_url(f"{reference.url} {raw}")
    heading, rest = _heading(reference)
    doc_number = _DOC_NUMBER.search(rest)
    archival = (
        bool(url) or bool(_KIND_OPENING.match(heading)) or bool(doc_number and _COLLECTION_WORDS.search(rest))
    )
    if not archival:
        if _COLLECTION_WORDS.search(plain(raw)) and not looks_scholarly(reference):
            return EntryDocument(kind=COLLECTION, collection=rest or heading)
        if (reference.url or re.search(r"https?://", raw)) and not looks_scholarly(reference):
            return EntryDocument(kind=WEB_PAGE, url=reference.url)
        journal = re.search(r"\b(journal|review|quarterly|bulletin|studies|vol\.?\s*\d+,\s*no)\b", raw, re.I)
        return EntryDocument(kind=ARTICLE if journal else BOOK)
    opening = _KIND_OPENING.match(heading)
    body = heading[opening.end() :].lstrip(" ,:") if opening else heading
    parties = _SENDER_RECIPIENT.match(_DATE_TAIL.sub("", body))
    number = _TELEGRAM_NUMBER.search(heading)
    return EntryDocument(
        kind=ARCHIVAL_DOCUMENT,
        heading=heading,
        sender=parties.group("sender").strip() if parties else "",
        recipient=parties.group("recipient").strip() if parties else "",
        day=entry_date(heading) or entry_date(plain(raw)) or _year_and_day(reference),
        number=number.group(1) if number else "",
        collection=rest,
        doc_number=doc_number.group(1) if doc_number else "",
        url=url,
    )
