"""ACH matrix files (.achz): the toy and built-in cases' PARC matrices in a zip, then one matrix or the zip broken."""

from __future__ import annotations

import gzip
from functools import lru_cache

from hypothesis import strategies as st

from fuzz.formats.xml_text import broken_document
from fuzz.formats.zips import broken_zip, build
from fuzz.paths import TOY_CASE
from fuzz.sample import Sample

NAME = "matrices.achz"
ATTRIBUTES = ("id", "hypothesis", "credibility", "question", "format")
NAMES = (
    "ACH",
    "PROJECT-TITLE",
    "CLASSIFICATION",
    "MATRIX",
    "HYPOTHESIS",
    "NAME",
    "NOTES",
    "EVIDENCE",
    "LINK",
    "TYPE",
    "DATE",
    "CODE",
    "FLAG",
    "SOURCE",
    "VALUES",
    "CREDIBILITY",
    "ACHMatrix",
    "Title",
)
RATINGS = (
    "CC",
    "C",
    "N",
    "NA",
    "I",
    "II",
    "cc",
    " c ",
    "++",
    "--",
    "n/a",
    "",
    "maybe",
    "Ⅱ",
    "C C",
    "I\u200b",
)


@lru_cache(maxsize=1)
def base_archives() -> tuple[dict[str, bytes], ...]:
    """A zip's members for the toy and the built-in case: each question's PARC matrix (weighed once)."""
    from fontes.case import load_case
    from fontes.reason.weigh import weigh
    from fontes.report.exports.achz import achz_files

    archives = []
    for case in (load_case(TOY_CASE), load_case()):
        files = achz_files(case, weigh(case, draws=200, seed=0))
        archives.append(
            {f"matrix-{n}.xml": gzip.decompress(data) for n, data in enumerate(files.values(), 1)}
        )
    return tuple(archives)


def samples() -> st.SearchStrategy[Sample]:
    return _samples(base_archives())  # weighed here, not while hypothesis draws


@st.composite
def _samples(draw, bases: tuple[dict[str, bytes], ...]) -> Sample:
    members = dict(draw(st.sampled_from(bases)))
    member = draw(st.sampled_from(sorted(members)))
    kind = draw(st.sampled_from(["xml", "xml", "rating", "zip", "none"]))
    how = []
    if kind == "xml":
        members[member], what = draw(broken_document(members[member], attributes=ATTRIBUTES, names=NAMES))
        how += [f"{member}:", *what]
    elif kind == "rating":
        word = draw(st.sampled_from(RATINGS))
        members[member] = members[member].replace(b">C</Rating>", f">{word}</Rating>".encode(), 1)
        how.append(f"{member}: a rating {word!r}")
    if kind == "zip":
        data, what = draw(broken_zip(members, member))
        how.append(what)
    else:
        data = build(members)
    return Sample({NAME: data}, NAME, how)


def from_bytes(data: bytes) -> Sample:
    """The first byte picks the form: the whole .achz file, or the XML of its one matrix."""
    if data[:1] == b"\1":
        return Sample({NAME: build({"matrix-1.xml": data[1:]})}, NAME, ["atheris input as matrix-1.xml"])
    return Sample({NAME: data[1:]}, NAME, ["atheris input as the .achz file"])


def seeds() -> list[bytes]:
    toy = base_archives()[0]
    return [b"\0" + build(toy)] + [b"\1" + xml for xml in toy.values()]
