"""The reference list: where it is, its entries, and each entry split into its parts.

The list starts at a heading such as "References", "Bibliography", "Notes" or "Works cited"
(or, with no heading, is the run of `[n]`, `^n` or `n.` notes that ends the essay, a single
one too when it reads as a note); Markdown footnote
definitions anywhere are entries too. An entry may be numbered `[1]`, `1.`, `- [1]` or `[^1]:`.
"""

from __future__ import annotations

import re

from fontes.audit.lexicon.months import FULL_MONTH, MONTH
from fontes.audit.reading.blocks import (
    MARKDOWN_HEADING,
    NUMBERED_HEADING,
    SECTION_NAMES,
    SUPERSCRIPT_DIGITS,
    Block,
)
from fontes.audit.reading.essay import Reference
from fontes.audit.reading.markers import SUPERSCRIPT_VALUES
from fontes.audit.reading.sentences import split_sentences
from fontes.audit.reading.words import words

REFERENCE_HEADING = re.compile(
    r"(?:references?|bibliography|select bibliography|notes|endnotes|footnotes|works cited|sources"
    r"|literature cited|reference list|citations|sources and references)",
    re.IGNORECASE,
)
ENTRY_NUMBER = re.compile(
    rf"\s*(?:\[(\d{{1,3}})\]|(\d{{1,3}})[.)](?=\s)|\^(\d{{1,3}})(?=\s)|([{SUPERSCRIPT_DIGITS}]{{1,3}}))\s*"
)
#: A note printed after the text with no heading: `[8] JCS 92801 ...`, `^8 ...`, `⁸ ...` or `8. ...`.
BRACKETED_OR_CARET_ENTRY = re.compile(
    rf"\s*(?:(?:\[\d{{1,3}}\]|\^\d{{1,3}})\s+|[{SUPERSCRIPT_DIGITS}]{{1,3}}\s*)\S"
)
DOTTED_ENTRY = re.compile(r"\s*\d{1,3}\.\s+\S")
_NOTE_LABEL = r"\s*(?:\[\^?\w+\]:?\s*|\d{1,3}[.)]\s*|\^\d{1,3}\s*|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}\s*)?"
#: A note that stands for the one before it: "Ibid.", "Id." (with its number or label).
IBID = re.compile(rf"{_NOTE_LABEL}(?:ibid|id\.)", re.IGNORECASE)
#: A note that refers back to an earlier one: "Ibid.", "Id.", "op. cit.", "loc. cit.".
BACK_REFERENCE = re.compile(rf"{_NOTE_LABEL}(?:ibid|id\.|op\.?\s*cit|loc\.?\s*cit)\b", re.IGNORECASE)
#: What a note says that a numbered list item rarely does: a year, or ibid./op. cit.
_NOTE_LIKE = re.compile(r"\b(?:1[5-9]\d\d|20\d\d)\b|\bibid\b|\bop\. cit\b", re.IGNORECASE)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
DATE_WITH_DAY = re.compile(
    rf"\b{MONTH}\.?\s+{_DAY}\b(?:\s*(?:and|&|-|–)\s*{_DAY}\b)*|\b{_DAY}\s+{MONTH}\b\.?"
)
DATE_MONTH_ALONE = re.compile(rf"(?:^|(?<=[,;:]\s)|(?<=\.\s)){FULL_MONTH}(?=\s*(?:[.,;]|$))")
YEAR_IN_PARENS = re.compile(r"\((1[5-9]\d\d|2[01]\d\d)[a-z]?\)")
BARE_YEAR = re.compile(r"(?<![\d.])\b(1[5-9]\d\d|2[01]\d\d)[a-z]?\b(?!\.\d|\d)")
PAGES = re.compile(r"\bpp?\.?\s*(\d+[a-z]?(?:\s*[-–—]\s*\d+)?(?:\s*,\s*\d+(?:\s*[-–—]\s*\d+)?)*)")
TRAILING_PAGES = re.compile(
    r",\s*(\d{1,4}(?:\s*[-–—]\s*\d{1,4})?(?:\s*,\s*\d{1,4}(?:\s*[-–—]\s*\d{1,4})?)*)\s*\.?\s*$"
)
URL = re.compile(r"<((?:https?://|www\.)[^>\s]+)>|((?:https?://|www\.)\S+)")
ITALIC = re.compile(
    r"(?<![\w*])\*(?!\s)([^*]+?)(?<!\s)\*(?![\w*])|(?<![\w_])_(?!\s)([^_]+?)(?<!\s)_(?![\w_])"
)
QUOTED_TITLE = re.compile(r"“([^”]+)”|\"([^\"]+)\"")
#: A title in single quotes (Harvard style), only where a title starts: after the year or a comma.
SINGLE_QUOTED_TITLE = re.compile(r"(?:(?<=\)\s)|(?<=\)[.,]\s)|(?<=[,.]\s))['‘]([^'’]+?)['’](?=[,.:;])()")
#: Words that show a segment is not a person's name.
NOT_NAME_WORDS = words(
    "press university univ archive archives program programme center centre institute office"
    " ministry department committee history journal review library publishing publishers on of"
    " for in the to"
)
NAME_PARTICLES = words("van von de der den da di du la le al el bin ibn")


def is_reference_heading(text: str) -> bool:
    """True for a heading that opens the reference list: 'References', '6. Bibliography', '## Notes'."""
    bare = text.strip().lstrip("#").strip()
    numbered = NUMBERED_HEADING.fullmatch(bare)
    if numbered:
        bare = numbered.group(1)
    return bool(REFERENCE_HEADING.fullmatch(bare.strip().strip("*_").rstrip(":").strip()))


def reference_blocks(text: str, blocks: list[Block]) -> tuple[set[int], list[Block]]:
    """The indexes of the blocks the reference list takes up, and its entries in order."""
    taken: set[int] = set()
    entries: list[Block] = []
    opened_by: Block | None = None
    for i, block in enumerate(blocks):
        words = block.raw(text).strip()
        if block.kind == "heading":
            if is_reference_heading(words):
                opened_by = block
                taken.add(i)
                continue
            if opened_by and _ends_reference_list(text, block, opened_by, entries):
                opened_by = None
        if block.kind == "note" or (opened_by and block.kind != "quote"):
            taken.add(i)
            entries.append(block)
    if not any(b.kind != "note" for b in entries):
        trailing = _trailing_numbered_run(text, blocks)
        taken.update(trailing)
        entries = sorted([blocks[i] for i in trailing] + entries, key=lambda b: b.start)
    return taken, entries


def _ends_reference_list(text: str, heading: Block, opened_by: Block, entries: list[Block]) -> bool:
    """A Markdown heading, a section name ('7. Appendix'), or, where the entries are numbered `[n]`,
    a section number after the reference heading's own."""
    if MARKDOWN_HEADING.match(text[heading.start : heading.end]):
        return True
    words = heading.raw(text).strip()
    numbered = NUMBERED_HEADING.fullmatch(words)
    if SECTION_NAMES.fullmatch((numbered.group(1) if numbered else words).rstrip(":")):
        return True
    if any(re.match(r"\s*\d{1,3}[.)]\s", e.raw(text)) for e in entries):
        return False  # entries numbered `1.` look like numbered headings: only a section name ends them
    return _section_number(words) > _section_number(opened_by.raw(text).strip()) > 0


def _section_number(heading: str) -> int:
    match = re.match(r"\s*(\d{1,2})\.", heading)
    return int(match.group(1)) if match else 0


def _trailing_numbered_run(text: str, blocks: list[Block]) -> list[int]:
    """With no heading: the notes that end the essay, numbered `[n]` or `^n`, or `n.` when every one
    of them reads as a note (a year, ibid.), not as the items of a list; a single note only when it
    reads as one too (a lone `[1] ...` line may be the essay's own)."""
    run: list[int] = []
    dotted: list[str] = []
    for i in range(len(blocks) - 1, -1, -1):
        if blocks[i].kind == "note":
            continue
        raw = blocks[i].raw(text)
        if BRACKETED_OR_CARET_ENTRY.match(raw) or (blocks[i].kind == "item" and blocks[i].label.isdigit()):
            run.append(i)  # `[n]`, `^n`, `¹`, or a bare number the block reader found a note by
        elif DOTTED_ENTRY.match(raw) and blocks[i].kind == "item":
            run.append(i)
            dotted.append(raw)
        else:
            break
    if dotted and not all(_NOTE_LIKE.search(raw) for raw in dotted):
        return []
    if len(run) == 1 and not _NOTE_LIKE.search(blocks[run[0]].raw(text)):
        return []
    return sorted(run)


def parse_reference(text: str, block: Block, note_number: int | None = None) -> Reference:
    """One entry of the list, split into number, authors, year, title, publisher, date, pages, URL."""
    start = block.content_start if block.kind != "note" else block.start
    raw = " ".join(text[start : block.end].split())
    body = " ".join(text[block.content_start : block.end].split())
    number = note_number
    if block.kind == "item" and block.label.isdigit():
        number = int(block.label)
        body = re.sub(r"^\s*\d{1,3}\s+", "", body)
    elif block.kind != "note":
        numbered = ENTRY_NUMBER.match(body)
        if numbered:
            label = numbered.group(1) or numbered.group(2) or numbered.group(3) or numbered.group(4)
            number = int(label.translate(SUPERSCRIPT_VALUES))
            body = body[numbered.end() :]
    parts = split_entry(body)
    return Reference(number=number, raw=raw, start=start, end=block.end, **parts)


def split_entry(body: str) -> dict:
    """The parts of an entry's text (without its number) that can be told apart."""
    work = _Blanking(body)
    url = work.take(URL)
    url = (url.group(1) or url.group(2)).rstrip(".,;)") if url else ""
    title_match = work.take(ITALIC) or work.take(QUOTED_TITLE) or work.take(SINGLE_QUOTED_TITLE)
    title = (title_match.group(1) or title_match.group(2)).strip() if title_match else ""
    title_at = title_match.start() if title_match else None
    pages = work.take(PAGES)
    pages = pages.group(1) if pages else ""
    year_match = work.take(YEAR_IN_PARENS) or work.take(BARE_YEAR)
    year = int(year_match.group(1)) if year_match else None
    title, year = _year_from_title(title, year)
    after_names = title_at if title_at is not None else (year_match.end() if year_match else 0)
    date = work.take(DATE_WITH_DAY, after_names) or work.take(DATE_MONTH_ALONE, after_names)
    date = date.group(0).rstrip(".").strip() if date else ""
    if not pages:
        trailing = work.take(TRAILING_PAGES)
        pages = trailing.group(1) if trailing else ""
    if title_at is not None:
        authors_text, rest = work.text[:title_at], work.text[title_at:]
    else:
        authors_text, title, rest = _untitled_parts(work.text, year_match)
    return {
        "authors": split_authors(authors_text),
        "year": year,
        "title": title.strip(" ,.;:"),
        "publisher": _publisher(rest),
        "date": date,
        "pages": pages.strip(),
        "url": url,
    }


class _Blanking:
    """The entry's text with each part taken out blanked, so the positions of the rest stay put."""

    def __init__(self, text: str):
        self.text = text

    def take(self, pattern: re.Pattern, after: int = 0):
        match = pattern.search(self.text, after)
        if match:
            blank = " " * (match.end() - match.start())
            self.text = self.text[: match.start()] + blank + self.text[match.end() :]
        return match


def _year_from_title(title: str, year: int | None) -> tuple[str, int | None]:
    """A title ending in '(1949)' gives the entry its year when no other part does; the year leaves it."""
    match = re.search(r",?\s*\((1[5-9]\d\d|2[01]\d\d)\)\s*$", title)
    if not match:
        return title, year
    return title[: match.start()], year if year is not None else int(match.group(1))


def _untitled_parts(text: str, year_match) -> tuple[str, str, str]:
    """Authors, title and the rest of an entry whose title is neither italic nor quoted."""
    if year_match:
        before, after = text[: year_match.start()], text[year_match.end() :]
        if before.strip(" ,.;:") and not looks_like_names(before):
            return "", before, after
        sentences = _sentences(after)
        return before, sentences[0] if sentences else "", " ".join(sentences[1:])
    sentences = _sentences(text)
    if len(sentences) >= 2 and looks_like_names(sentences[0]):
        return sentences[0], sentences[1], " ".join(sentences[2:])
    return "", sentences[0] if sentences else "", " ".join(sentences[1:])


def _sentences(text: str) -> list[str]:
    cleaned = " ".join(text.split()).strip(" ,.;:")
    return [cleaned[s:e].strip(" ,.;:") for s, e in split_sentences(cleaned, 0, len(cleaned), [])]


def _publisher(rest: str) -> str:
    imprint = re.search(r"\(([^():]+):\s*([^()]+?)(?:,\s*\d{4})?[,\s]*\)", rest)  # (Place: Publisher, Year)
    if imprint:
        return imprint.group(2).strip(" ,.")
    pieces = [p.strip(" .;:()[]") for p in re.split(r",(?=\s)", " ".join(rest.split()))]
    joined = ", ".join(p for p in pieces if p and re.search(r"\w", p))
    sentences = _sentences(joined)
    publisher = sentences[0] if sentences else ""
    place = re.match(
        r"(?:[A-Z][\w.-]*\s?){1,3}(?:,\s*[A-Z]{2})?:\s+(?=\S)", publisher
    )  # Place, ST: Publisher
    return publisher[place.end() :] if place else publisher


def split_authors(text: str) -> list[str]:
    """'Stueck, William, and Chen Jian' -> ['Stueck, William', 'Chen Jian']; 'NYT, Stueck, William.'
    -> ['NYT', 'Stueck, William'] ('Surname, Forename' pairs are read from the right)."""
    text = re.sub(r"(?<![A-Z])[\s.,;:()]+$", "", " ".join(text.split())).lstrip(" ,;:.()")
    if not text:
        return []
    text = re.sub(r"\s*\(?\beds?\.?\)?$", "", text)
    names: list[str] = []
    for group in re.split(r"\s*;\s*|\s+(?:and|&)\s+", text):
        pieces = [p.strip() for p in group.split(",") if p.strip()]
        paired: list[str] = []
        while pieces:
            last = pieces.pop()
            surname = pieces[-1] if pieces else ""
            if surname and _forename_like(last) and len(surname.split()) == 1 and not _is_acronym(surname):
                last = f"{pieces.pop()}, {last}"
            paired.insert(0, last)
        names.extend(paired)
    cleaned = [_clean_name(n) for n in names]
    return [n for n in cleaned if re.search(r"[A-Z]", n) and not re.search(r"\d", n)]


def _forename_like(piece: str) -> bool:
    words = piece.split()
    return 1 <= len(words) <= 3 and all(w[:1].isupper() for w in words) and not _is_acronym(piece)


def _is_acronym(piece: str) -> bool:
    """An abbreviation in capitals without full stops, such as NYT, FRUS or CIA."""
    return re.fullmatch(r"[A-Z]{2,6}", piece.strip(" .")) is not None


def _clean_name(name: str) -> str:
    name = name.strip(" ,;:")
    if name.endswith(".") and not re.search(r"(?:^|[\s.])[A-Z]\.$", name):
        name = name[:-1]
    return name.strip()


def looks_like_names(text: str) -> bool:
    """True when a segment reads as a list of personal names, not a title or an institution."""
    names = split_authors(text)
    if not names:
        return False
    for name in names:
        words = re.findall(r"[\w’'.-]+", name)
        if not 1 <= len(words) <= 5 or re.search(r"\d", name):
            return False
        for word in words:
            bare = word.strip(".’'").lower()
            if bare in NOT_NAME_WORDS or not (word[:1].isupper() or bare in NAME_PARTICLES):
                return False
    return True
