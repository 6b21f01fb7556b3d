"""What an entry of an essay's reference list names: FRUS documents, an archive, a day, a title, a scholar's work."""

from __future__ import annotations

import re
import unicodedata
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
_FRUS_ID = re.compile(r"^frus(\d{4})v(\d+)(?:p(\d+))?-d(\d+)$")


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
    frus1950v07-d25, frus1950v07-d573); empty when it names none."""
    raw = plain(reference.raw)
    if not re.search(r"\bFRUS\b|Foreign Relations of the United States", raw, re.IGNORECASE):
        return set()
    year, volume = entry_year(reference), _VOLUME.search(raw)
    documents = _DOCUMENTS.search(raw)
    if not (year and volume and documents):
        return set()
    number = _number(volume.group(1))
    part = _PART.search(raw)
    stem = f"frus{year}v{number:02d}" + (f"p{_number(part.group(1))}" if part else "")
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
    """The entry's title, else its whole text without its number, year and address."""
    title = reference.title or reference.raw
    title = re.sub(r"^\s*[-*]?\s*\[\d+\]\s*", "", plain(title))
    title = re.sub(r"\((?:\d{4})\)|https?://\S+", " ", title)
    return " ".join(title.split())
