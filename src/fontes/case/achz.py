"""Import `.achz` ACH files as a fontes case: PARC's gzip of one UTF-16 matrix, or fontes' older zip.

The first bytes tell the two apart (gzip 1f 8b, zip "PK"). Each matrix becomes one question
titled as the matrix; its hypotheses, evidence and ratings come with it. Each rating is kept in the item's `ach` and gives the likelihood
in `achz_format.LIKELIHOOD_OF_RATING` (C 0.9, N 0.5, I 0.2, II 0.05; CC reads as C, NA
as no rating). Credibility is the item's number when it has one, else its level (High
0.9, Medium 0.7, Low 0.5) times its relevance (High 1, Medium 0.85, Low 0.7). The file is
read defensively: no DTDs or entities, no network, bounded sizes. The layout, as the Open
Source ACH importer reads it, is in `fontes.case.achz_format`.
"""

from __future__ import annotations

import datetime as dt
import gzip
import re
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from fontes.case.achz_format import (
    CREDIBILITY_OF_LEVEL,
    LIKELIHOOD_OF_RATING,
    RELEVANCE_FACTOR,
    ROOT,
    clean_id,
    rating_from_word,
    slug,
)
from fontes.dates import is_valid_date, parse_date_or_none
from fontes.errors import CaseError
from fontes.model import Case, Evidence, Hypothesis, Likelihood, Question, Source
from fontes.zips import UnreadableZip, open_zip, read_member

MAX_ARCHIVE_BYTES = 64 * 1024 * 1024
MAX_MEMBERS = 256
MAX_MATRIX_BYTES = 16 * 1024 * 1024
MAX_XML_BYTES = 64 * 1024 * 1024  # all the XML members together
_HINT = "export the matrix again as .achz; fontes export --format achz writes one"
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def _local(element) -> str:
    return etree.QName(element).localname.lower() if isinstance(element.tag, str) else ""


def _children(element, name: str) -> list:
    return [c for c in element if _local(c) == name]


def _child(element, name: str):
    found = _children(element, name)
    return found[0] if found else None


def _text(element, name: str) -> str:
    found = _child(element, name)
    return "".join(found.itertext()).strip() if found is not None else ""


def _natural(name: str) -> list:
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", name)]


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, where: str) -> bytes:
    try:
        return read_member(archive, info, MAX_MATRIX_BYTES)
    except UnreadableZip as exc:
        raise CaseError(str(exc), file=where, hint=_HINT) from exc


def _parse(data: bytes, name: str, where: str):
    if _DTD.search(data):
        raise CaseError(
            f"{name} declares a DTD or entities, which fontes does not read",
            file=where,
            hint="remove the <!DOCTYPE> declaration, or " + _HINT,
        )
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
    )
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise CaseError(
            f"{name} is not well-formed XML: {exc.msg}", file=where, line=exc.lineno, hint=_HINT
        ) from exc


GZIP_MAGIC = b"\x1f\x8b"
ZIP_MAGIC = b"PK"
_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def _xml_text_bytes(data: bytes) -> bytes:
    """The XML of a PARC file as UTF-8 bytes without its declaration (it names UTF-16, now untrue)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    elif data[:2] == b"<\x00":
        text = data.decode("utf-16-le")
    elif data[:2] == b"\x00<":
        text = data.decode("utf-16-be")
    else:
        text = data.decode("utf-8-sig")
    return _DECLARATION.sub("", text, count=1).encode("utf-8")


def _read_gzip(path: Path, where: str) -> list:
    """The one matrix of a PARC .achz: gzip of a single UTF-16 XML file."""
    try:
        with gzip.open(path, "rb") as stream:
            data = stream.read(MAX_MATRIX_BYTES + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise CaseError(f"is not a readable gzip file: {exc}", file=where, hint=_HINT) from exc
    if len(data) > MAX_MATRIX_BYTES:
        raise CaseError(f"unpacks to more than {MAX_MATRIX_BYTES // 2**20} MiB", file=where, hint=_HINT)
    try:
        xml = _xml_text_bytes(data)
    except UnicodeDecodeError as exc:
        raise CaseError(
            f"is not UTF-16 or UTF-8 text inside its gzip: {exc.reason} at byte {exc.start}",
            file=where,
            hint=_HINT,
        ) from exc
    root = _parse(xml, path.name, where)
    if _child(root, "matrix") is None:
        raise CaseError("holds no ACH matrix (no <MATRIX> element under the root)", file=where, hint=_HINT)
    return [root]


def read_matrices(path: str | Path) -> list:
    """The matrix roots of an .achz file, in file order; CaseError for anything unreadable."""
    path = Path(path)
    where = str(path)
    if not path.is_file():
        raise CaseError("no such file", file=where, hint="give the path of an .achz file")
    if path.stat().st_size > MAX_ARCHIVE_BYTES:
        raise CaseError(f"is larger than {MAX_ARCHIVE_BYTES // 2**20} MiB", file=where, hint=_HINT)
    with path.open("rb") as stream:
        magic = stream.read(2)
    if magic == GZIP_MAGIC:
        return _read_gzip(path, where)
    if magic != ZIP_MAGIC:
        raise CaseError(
            "is not an .achz file: neither gzip (PARC ACH) nor zip (older fontes)", file=where, hint=_HINT
        )
    try:
        with open_zip(path) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_MEMBERS:
                raise CaseError(f"holds {len(infos)} files; an .achz holds a few", file=where, hint=_HINT)
            candidates = sorted(
                (
                    i
                    for i in infos
                    if i.filename.lower().endswith(".xml") and not i.filename.startswith("__MACOSX/")
                ),
                key=lambda i: _natural(i.filename),
            )
            roots, total = [], 0
            for info in candidates:
                data = _read_member(archive, info, where)
                total += len(data)
                if total > MAX_XML_BYTES:
                    raise CaseError(
                        f"holds more than {MAX_XML_BYTES // 2**20} MiB of XML", file=where, hint=_HINT
                    )
                root = _parse(data, info.filename, where)
                if _local(root) == ROOT.lower() or _child(root, "matrix") is not None:
                    roots.append(root)
    except UnreadableZip as exc:
        raise CaseError("is not an .achz file: it is not a zip archive", file=where, hint=_HINT) from exc
    except OSError as exc:
        raise CaseError(f"cannot be read: {exc.strerror or exc}", file=where, hint=_HINT) from exc
    if not roots:
        raise CaseError(
            f"holds no ACH matrix (an XML file whose root element is <{ROOT}>)", file=where, hint=_HINT
        )
    return roots


def _unique(wanted: str, taken: set[str]) -> str:
    made, n = wanted, 2
    while made in taken:
        made, n = f"{wanted}-{n}", n + 1
    taken.add(made)
    return made


def _credibility(element) -> float | None:
    number = element.get("credibility")
    if number is not None:
        try:
            value = float(number)
        except ValueError:
            value = -1.0
        if 0.0 <= value <= 1.0:
            return value
    level = CREDIBILITY_OF_LEVEL.get(_text(element, "credibility").lower())
    factor = RELEVANCE_FACTOR.get(_text(element, "relevance").lower())
    if level is None and factor is None:
        return None
    return round((level if level is not None else CREDIBILITY_OF_LEVEL["high"]) * (factor or 1.0), 6)


class _Importer:
    """Builds one case from several matrices, merging evidence and sources met twice."""

    def __init__(self, where: str):
        self.where = where
        self.questions: list[Question] = []
        self.sources: dict[str, Source] = {}
        self.evidence: dict[str, Evidence] = {}

    def fail(self, message: str, field: str) -> CaseError:
        return CaseError(message, file=self.where, field=field, hint=_HINT)

    def question(self, root, number: int) -> None:
        if _child(root, "matrix") is not None:
            return self.parc_question(root, number)
        title = " ".join(_text(root, "title").split())
        wanted = clean_id(root.get("question"), "") or slug(title, f"q{number}")
        qid = _unique(wanted, {q.id for q in self.questions})
        container = _child(root, "hypotheses")
        elements = _children(container, "hypothesis") if container is not None else []
        if not elements:
            raise self.fail("the matrix lists no hypotheses", f"matrix {number}")
        hypotheses, ids_in_file = [], {}
        taken: set[str] = set()
        for k, element in enumerate(elements, start=1):
            text = (
                _text(element, "text") or _text(element, "description") or "".join(element.itertext()).strip()
            )
            hid = _unique(clean_id(element.get("id"), "") or slug(text, f"h{k}"), taken)
            ids_in_file[element.get("id") or hid] = hid
            hypotheses.append(Hypothesis(id=hid, text=text or hid, note=_text(element, "note")))
        self.questions.append(Question(id=qid, text=title or qid, hypotheses=hypotheses))
        listing = _child(root, "evidencelist")
        for k, element in enumerate(_children(listing, "evidence") if listing is not None else [], start=1):
            self.item(element, qid, ids_in_file, f"{qid}-e{k}")

    def item(self, element, qid: str, hypothesis_ids: dict[str, str], fallback: str) -> None:
        eid = clean_id(element.get("id"), fallback)
        field = f"evidence {eid}"
        quote = _text(element, "description")
        if not quote:
            raise self.fail("has no <Description>: fontes needs the evidence's own words", field)
        row: dict[str, Likelihood] = {}
        ratings: dict[str, str] = {}
        container = _child(element, "ratings")
        for cell in _children(container, "rating") if container is not None else []:
            hypothesis = hypothesis_ids.get(cell.get("hypothesis") or "")
            if hypothesis is None:
                raise self.fail(f"rates unknown hypothesis {cell.get('hypothesis')!r}", field)
            word = "".join(cell.itertext())
            try:
                rating = rating_from_word(word)
            except KeyError:
                raise self.fail(
                    f"unknown rating {word.strip()!r}; use CC, C, N, NA, I or II", field
                ) from None
            if rating is not None:
                ratings[hypothesis] = rating
                row[hypothesis] = LIKELIHOOD_OF_RATING[rating]
        if not row:
            return  # not applicable to every hypothesis: the item does not bear on this question
        source_id = self.source(element)
        known = self.evidence.get(eid)
        if known is None:
            self.evidence[eid] = Evidence(
                id=eid,
                source=source_id,
                quote=quote,
                note=_text(element, "note"),
                credibility=_credibility(element),
                bears_on={qid: row},
                ach={qid: ratings},
            )
        else:
            known.bears_on[qid] = row
            known.ach[qid] = ratings

    def source(self, element) -> str:
        found = _child(element, "source")
        title = " ".join("".join(found.itertext()).split()) if found is not None else ""
        raw_id = found.get("id") if found is not None else None
        sid = clean_id(raw_id, "") or slug(title, f"source-{len(self.sources) + 1}")
        if sid not in self.sources:
            date = _text(element, "date")
            self.sources[sid] = Source(
                id=sid,
                title=title or sid,
                date=date if is_valid_date(date) else None,
                doc_type=_text(element, "type"),
            )
        return sid

    def parc_question(self, root, number: int) -> None:
        """A PARC matrix: PROJECT-TITLE, MATRIX/HYPOTHESIS/NAME, MATRIX/EVIDENCE with VALUES by column."""
        title = " ".join(_text(root, "project-title").split())
        qid = _unique(
            clean_id(root.get("question"), "") or slug(title, f"q{number}"), {q.id for q in self.questions}
        )
        matrix = _child(root, "matrix")
        hypotheses = []
        taken: set[str] = set()
        for k, element in enumerate(_children(matrix, "hypothesis"), start=1):
            text = " ".join(_text(element, "name").split())
            hid = _unique(clean_id(element.get("id"), "") or slug(text, f"h{k}"), taken)
            hypotheses.append(Hypothesis(id=hid, text=text or hid, note=_text(element, "notes")))
        if not hypotheses:
            raise self.fail("the matrix lists no hypotheses", f"matrix {number}")
        self.questions.append(Question(id=qid, text=title or qid, hypotheses=hypotheses))
        for k, element in enumerate(_children(matrix, "evidence"), start=1):
            self.parc_item(element, qid, [h.id for h in hypotheses], f"{qid}-e{k}")

    def parc_item(self, element, qid: str, columns: list[str], fallback: str) -> None:
        eid = clean_id(element.get("id") or _text(element, "code"), fallback)
        field = f"evidence {eid} VALUES"
        quote = _text(element, "name")
        if not quote:
            raise self.fail("has no <NAME>: fontes needs the evidence's own words", f"evidence {eid}")
        values = _text(element, "values").split(",")
        if len(values) != len(columns):
            raise self.fail(f"has {len(values)} values for {len(columns)} hypotheses", field)
        row: dict[str, Likelihood] = {}
        ratings: dict[str, str] = {}
        for hypothesis, word in zip(columns, values):
            try:
                rating = rating_from_word(word)
            except KeyError:
                raise self.fail(
                    f"unknown value {word.strip()!r}; use C C, C, N, NA, I or I I", field
                ) from None
            if rating is not None:
                ratings[hypothesis] = rating
                row[hypothesis] = LIKELIHOOD_OF_RATING[rating]
        if not row:
            return
        known = self.evidence.get(eid)
        if known is not None:
            known.bears_on[qid], known.ach[qid] = row, ratings
            return
        self.evidence[eid] = Evidence(
            id=eid,
            source=self.parc_source(element),
            quote=quote,
            note=_text(element, "notes"),
            credibility=_credibility(element),
            bears_on={qid: row},
            ach={qid: ratings},
        )

    def parc_source(self, element) -> str:
        """The item's source: fontes' SOURCE element when there, else one made from LINK, TYPE and DATE."""
        found = _child(element, "source")
        title = " ".join("".join(found.itertext()).split()) if found is not None else ""
        link = _text(element, "link")
        sid = clean_id(found.get("id") if found is not None else None, "") or slug(
            title or link, f"source-{len(self.sources) + 1}"
        )
        if sid not in self.sources:
            self.sources[sid] = Source(
                id=sid,
                title=title or link or sid,
                date=_parc_date(_child(element, "date")),
                url=link if link.startswith(("http://", "https://")) else "",
                doc_type=_text(element, "type"),
            )
        return sid


def _parc_date(element) -> str | None:
    """An EDTF date from PARC's DATE: fontes' `edtf` attribute, else the day of its epoch milliseconds."""
    if element is None:
        return None
    edtf = element.get("edtf") or ""
    if parse_date_or_none(edtf):
        return edtf
    try:
        ms = int("".join(element.itertext()).strip() or "0")
    except ValueError:
        return None
    if ms == 0 or abs(ms) > 10**14:
        return None
    return (dt.date(1970, 1, 1) + dt.timedelta(milliseconds=ms)).isoformat()


def import_achz(path: str | Path, *more: str | Path) -> Case:
    """The case held by one or more .achz files: one question per matrix (CaseError naming the file if unreadable)."""
    paths = [Path(path), *map(Path, more)]
    importer = _Importer(str(paths[0]))
    number = 0
    for each in paths:
        importer.where = str(each)
        for root in read_matrices(each):
            number += 1
            importer.question(root, number)
    path = paths[0]
    if not importer.evidence:
        raise CaseError("holds no rated evidence", file=str(path), hint=_HINT)
    title = importer.questions[0].text if number == 1 else path.stem
    return Case(
        id=slug(path.stem, "imported"),
        title=title,
        questions=importer.questions,
        description=TO_FILL_IN.format(name=path.name),
        sources=list(importer.sources.values()),
        evidence=list(importer.evidence.values()),
    )


#: What an imported case still needs: an ACH matrix names no work that holds a hypothesis and does not
#: say what each denies of its rivals, so the importer leaves those empty rather than invent them.
TO_FILL_IN = (
    "Imported from {name}. An ACH matrix does not say who holds each hypothesis or what it "
    "denies of its rivals: fill in held_by and denies for every hypothesis in case.yaml "
    "(fontes check-case lists each one still missing)."
)


def left_to_fill(problems: list) -> list:
    """The check-case problems an imported case is expected to have: held_by and denies not yet written."""
    return [p for p in problems if p.field.endswith(": held_by") or ": denies." in p.field]


def missing_positions(case: Case) -> list[str]:
    """ "question.hypothesis: held_by" / "... denies" for every field an imported case still lacks."""
    missing = []
    for question in case.questions:
        for h in question.hypotheses:
            rivals = [r.id for r in question.hypotheses if r.id != h.id]
            if not h.held_by:
                missing.append(f"{question.id}.{h.id}: held_by")
            if any(not h.denies.get(r, "").strip() for r in rivals):
                missing.append(f"{question.id}.{h.id}: denies")
    return missing
