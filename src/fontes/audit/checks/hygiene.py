"""Reference-list hygiene: malformed entries, impossible years, duplicates, unused entries and
markers that name no entry.

Every finding points at the entry (its span and number) or the marker, and quotes the entry as the
essay wrote it; a year judged impossible also quotes the case's words that date the event.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

from fontes.audit.context import Audit
from fontes.audit.evidence.entries import ARCHIVAL_DOCUMENT, COLLECTION, entry_document
from fontes.audit.evidence.subject_dates import SubjectStart, names_in, subject_starts
from fontes.audit.reading.essay import Essay, Reference
from fontes.audit.reading.references import BACK_REFERENCE
from fontes.model import Finding, FindingEvidence, FindingLocation

#: Share of the list's entries that must give a year before an entry without one is malformed.
YEAR_STYLE_SHARE = 0.75
_NO_DATE = re.compile(r"\bn\.\s?d\.|\bundated\b|\bno date\b", re.IGNORECASE)
_EDITION = re.compile(
    r"\b(?:eds?\.|(?:ed|edn|edition|reprint|reprinted|revised|translated|volume)\b|rev\.|trans\.|vol\.)",
    re.IGNORECASE,
)
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
_ACRONYM = re.compile(r"[A-Z]{2,6}")


def check_reference_hygiene(essay: Essay, context: Audit) -> list[Finding]:
    """Malformed entries, impossible years, duplicates, unused entries, markers without an entry."""
    starts = subject_starts(context.case) if context.case is not None else []
    impossible = _impossible_years(essay, starts)
    findings = [
        *_malformed(essay),
        *impossible.values(),
        *_duplicates(essay, impossible),
        *_markers_without_entry(essay),
        *_unused(essay),
    ]
    return sorted(
        findings,
        key=lambda f: (f.location.start if f.location.start is not None else -1, _SEVERITY_ORDER[f.severity]),
    )


# --- malformed entries -----------------------------------------------------------------------


def _malformed(essay: Essay) -> list[Finding]:
    entries = [r for r in essay.references if not BACK_REFERENCE.match(r.raw)]
    findings = []
    dated = [r for r in entries if r.year is not None]
    needs_year = len(entries) >= 3 and len(dated) >= YEAR_STYLE_SHARE * len(entries)
    for ref in entries:
        if not ref.title:
            findings.append(
                _entry_finding(ref, "warning", f"{_name(ref)} has no title that can be told apart.")
            )
        if needs_year and ref.year is None and not _NO_DATE.search(ref.raw):
            findings.append(
                _entry_finding(
                    ref,
                    "warning",
                    f"{_name(ref)} gives no year, where {len(dated)} of the list's {len(entries)} entries "
                    "give one.",
                )
            )
        odd = _not_a_person(ref.authors)
        if odd:
            people = [a for a in ref.authors if a not in odd]
            findings.append(
                _entry_finding(
                    ref,
                    "warning",
                    f"{_name(ref)}: the author field '{', '.join(ref.authors)}' holds {_listed(odd)} beside the "
                    f"author {_listed(people)}: an abbreviation in capitals, not a person's name "
                    "(a publication or archive belongs in its own place in the entry).",
                )
            )
        backwards = _backwards_range(ref.pages)
        if backwards:
            findings.append(
                _entry_finding(ref, "warning", f"{_name(ref)}: the page range {backwards} runs backwards.")
            )
    numbers = defaultdict(list)
    for ref in essay.references:
        if ref.number is not None:
            numbers[ref.number].append(ref)
    for number, refs in numbers.items():
        for ref in refs[1:]:
            findings.append(
                _entry_finding(
                    ref,
                    "warning",
                    f"Two entries are numbered [{number}], so a marker [{number}] is ambiguous.",
                    also=refs[0],
                )
            )
    return findings


def _not_a_person(authors: list[str]) -> list[str]:
    """Capital-letter abbreviations (NYT, FRUS) standing in an author list beside a person's name."""
    odd = [a for a in authors if _ACRONYM.fullmatch(a.strip(" ."))]
    people = [a for a in authors if a not in odd and re.search(r"[a-z]", a)]
    return odd if odd and people else []


def _backwards_range(pages: str) -> str:
    """The first range in `pages` whose end comes before its start ('83-73'; '173-83' is 173-183)."""
    for first, last in re.findall(r"(\d+)\s*[-–—]\s*(\d+)", pages):
        end = last
        if len(last) < len(first):
            end = first[: len(first) - len(last)] + last
        if int(end) < int(first):
            return f"{first}–{last}"
    return ""


# --- impossible years ------------------------------------------------------------------------


def _impossible_years(essay: Essay, starts: list[SubjectStart]) -> dict[int, Finding]:
    """Entry index -> the finding that its year cannot be right (in the future, or before its subject)."""
    this_year = dt.date.today().year
    found: dict[int, Finding] = {}
    for i, ref in enumerate(essay.references):
        if ref.year is None:
            continue
        if ref.year > this_year:
            found[i] = _entry_finding(
                ref, "error", f"{_name(ref)} is dated {ref.year}, which is in the future."
            )
            continue
        earlier = [s for s in names_in(ref.title, starts) if ref.year < s.year]
        if earlier:
            subject = min(earlier, key=lambda s: s.year)
            found[i] = _entry_finding(
                ref,
                "error",
                f"{_name(ref)} is dated {ref.year}, but its title names the {subject.name}, which began in "
                f'{subject.year} according to the case ({subject.where}: "{subject.words}"); a work about '
                "it cannot be older than it.",
                case_words=subject,
            )
    return found


# --- duplicates ------------------------------------------------------------------------------


def _duplicates(essay: Essay, impossible: dict[int, Finding]) -> list[Finding]:
    """The same work listed twice: a warning, or an error when the two entries give different years."""
    findings = []
    refs = essay.references
    for j, later in enumerate(refs):
        for i in range(j):
            earlier = refs[i]
            if not _same_work(earlier, later):
                continue
            if earlier.year and later.year and earlier.year != later.year:
                if _EDITION.search(earlier.raw) or _EDITION.search(later.raw):
                    continue
                findings.append(_year_conflict(earlier, later, impossible.get(i), impossible.get(j)))
            elif not _two_places_of_a_collection(earlier, later):
                findings.append(
                    _entry_finding(
                        later,
                        "warning",
                        f"{_name(later)} lists the same work as {_name(earlier)}: '{later.title}'.",
                        also=earlier,
                    )
                )
            break
    return findings


def _two_places_of_a_collection(a: Reference, b: Reference) -> bool:
    """Two entries giving two pages of a collection of documents (a FRUS volume): two documents
    that share a heading ("The Ambassador in Korea (Muccio) to the Secretary of State"), not one
    work listed twice (a book's two page ranges still are)."""
    if not (a.pages and b.pages and a.pages != b.pages):
        return False
    return all(entry_document(r).kind in (ARCHIVAL_DOCUMENT, COLLECTION) for r in (a, b))


def _year_conflict(earlier: Reference, later: Reference, earlier_bad, later_bad) -> Finding:
    message = (
        f"'{later.title}' is listed twice, as {_name(earlier)} ({earlier.year}) and {_name(later)} "
        f"({later.year}): one work cannot have two years."
    )
    for bad, good, flagged in (
        (later, earlier, later_bad and not earlier_bad),
        (earlier, later, earlier_bad and not later_bad),
    ):
        if flagged:
            message += (
                f" {_name(bad)}'s {bad.year} cannot be right (see its own finding); the list does not"
                f" show whether {_name(good)}'s {good.year} is."
            )
    return _entry_finding(later, "error", message, also=earlier)


def _same_work(a: Reference, b: Reference) -> bool:
    """Same title (or same main title before a colon) and, where either names authors, a shared surname;
    for entries naming archival documents, the same document (not the same collection)."""
    document_a, document_b = entry_document(a), entry_document(b)
    if ARCHIVAL_DOCUMENT in (document_a.kind, document_b.kind):
        return document_a.key() is not None and document_a.key() == document_b.key()
    title_a, title_b = _normal(a.title), _normal(b.title)
    if not title_a or not title_b or len(title_a.split()) < 2:
        return False
    if title_a != title_b and _normal(a.title.split(":")[0]) != _normal(b.title.split(":")[0]):
        return False
    if a.authors and b.authors:
        return bool(_surnames(a.authors) & _surnames(b.authors))
    if a.authors or b.authors:
        return a.year == b.year and a.year is not None
    return (a.year, a.date) == (b.year, b.date)


def _surnames(authors: list[str]) -> set[str]:
    return {
        w.lower()
        for a in authors
        if not _ACRONYM.fullmatch(a.strip(" ."))
        for w in re.findall(r"[^\W\d_]{3,}", a)
    }


def _normal(title: str) -> str:
    return " ".join(re.findall(r"\w+", title.lower()))


# --- markers and entries ---------------------------------------------------------------------


def _markers_without_entry(essay: Essay) -> list[Finding]:
    located = [(p, s, m) for p, s in essay.sentences() for m in s.markers]
    if not located:
        return []
    if not essay.references:
        p, s, m = located[0]
        cited = sorted({n for _, _, mk in located for n in mk.numbers})
        return [
            Finding(
                kind="marker-without-entry",
                severity="error",
                location=FindingLocation(
                    paragraph=p.index, sentence=s.index, start=m.start, end=m.end, marker=m.text
                ),
                message=f"The essay cites {_numbers(cited)} in {len(located)} markers but has no reference list.",
                excerpt=s.text,
            )
        ]
    numbered = {r.number for r in essay.references if r.number is not None}
    if not numbered:
        return []  # an unnumbered list: markers cannot be matched to entries by number
    findings = []
    for p, s, m in located:
        missing = [n for n in m.numbers if n not in numbered]
        if missing:
            findings.append(
                Finding(
                    kind="marker-without-entry",
                    severity="error",
                    location=FindingLocation(
                        paragraph=p.index, sentence=s.index, start=m.start, end=m.end, marker=m.text
                    ),
                    message=(
                        f"Marker {m.text} names {_numbers(missing)}, but the reference list has no such "
                        f"entry (its entries are numbered {_span(sorted(numbered))})."
                    ),
                    excerpt=s.text,
                )
            )
    return findings


def _unused(essay: Essay) -> list[Finding]:
    cited = {n for _, s in essay.sentences() for m in s.markers for n in m.numbers}
    if not cited:
        return []  # the essay cites in another way (author-date): nothing tells what is used
    return [
        _entry_finding(
            ref, "info", f"{_name(ref)} is not cited by any marker in the essay.", kind="reference-unused"
        )
        for ref in essay.references
        if ref.number is not None and ref.number not in cited
    ]


# --- helpers ---------------------------------------------------------------------------------


def _entry_finding(
    ref: Reference,
    severity: str,
    message: str,
    *,
    kind: str = "reference-malformed",
    also: Reference | None = None,
    case_words: SubjectStart | None = None,
) -> Finding:
    evidence = [FindingEvidence(source=f"reference {_name(ref)}", url=ref.url or None, quote=ref.raw)]
    if also is not None:
        evidence.append(
            FindingEvidence(source=f"reference {_name(also)}", url=also.url or None, quote=also.raw)
        )
    if case_words is not None:
        evidence.append(FindingEvidence(source=f"case: {case_words.where}", quote=case_words.words))
    return Finding(
        kind=kind,
        severity=severity,
        location=FindingLocation(
            start=ref.start, end=ref.end, marker=f"[{ref.number}]" if ref.number is not None else None
        ),
        message=message,
        excerpt=ref.raw,
        evidence=evidence,
    )


def _name(ref: Reference) -> str:
    return f"[{ref.number}]" if ref.number is not None else f"the entry '{ref.raw[:40]}'"


def _listed(items: list[str]) -> str:
    return ", ".join(f"'{i}'" for i in items)


def _numbers(numbers: list[int]) -> str:
    return ", ".join(f"[{n}]" for n in numbers)


def _span(numbers: list[int]) -> str:
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"{numbers[0]}–{numbers[-1]}"
    return ", ".join(map(str, numbers))
