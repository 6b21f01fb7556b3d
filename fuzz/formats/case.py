"""Case folders: a valid case of a few questions, sources and items, with one of its files broken."""

from __future__ import annotations

from hypothesis import strategies as st

from fuzz.formats.common import broken_bytes
from fuzz.formats.data_tree import broken_data
from fuzz.formats.dates import valid_dates
from fuzz.formats.yaml_text import PLACEHOLDER, broken_text, dump, encode, place, snippet
from fuzz.paths import TOY_CASE
from fuzz.sample import Sample

FOLDER = "case"
STEMS = ("case", "actors", "sources", "events", "evidence")
_IDS = st.from_regex(r"[a-z][a-z0-9-]{0,6}", fullmatch=True)
_WORDS = st.sampled_from(
    [
        "the exact words",
        "Who did it?",
        "A did it",
        "Letter from A to B",
        "unlikely",
        "Some Author 1999",
        "Kim Il Sung",
        "ВЫШИНСКИЙ",
        "毛泽东",
    ]
)
_LIKELIHOODS = st.one_of(
    st.floats(0.01, 1.0),
    st.sampled_from(["very-unlikely", "unlikely", "even", "likely"]),
    st.tuples(st.floats(0.01, 0.5), st.floats(0.5, 1.0)).map(list),
)


@st.composite
def valid_case(draw) -> dict[str, object]:
    """The data of each file of a case that checks clean."""
    qids = draw(st.lists(_IDS, min_size=1, max_size=2, unique=True))
    questions = []
    for qid in qids:
        hids = draw(st.lists(_IDS, min_size=1, max_size=3, unique=True))
        questions.append(
            {
                "id": qid,
                "text": draw(_WORDS),
                "hypotheses": [
                    {
                        "id": h,
                        "text": draw(_WORDS),
                        "held_by": [{"author": draw(_WORDS), "year": 1999, "title": draw(_WORDS)}],
                        "denies": {r: draw(_WORDS) for r in hids if r != h},
                    }
                    for h in hids
                ],
            }
        )
    schools = [
        {
            "id": "flat",
            "label": "No prior preference",
            "priors": {
                q["id"]: {h["id"]: 1 / len(q["hypotheses"]) for h in q["hypotheses"]} for q in questions
            },
        }
    ]
    sids = draw(st.lists(_IDS, min_size=1, max_size=3, unique=True))
    sources = [
        {
            "id": s,
            "title": draw(_WORDS),
            "date": draw(valid_dates().filter(_ordered)),
            "authors": [draw(_WORDS)],
            "credibility": draw(st.floats(0, 1)),
        }
        for s in sids
    ]
    evidence = []
    for k in range(draw(st.integers(1, 4))):
        q = draw(st.sampled_from(questions))
        evidence.append(
            {
                "id": f"e{k}",
                "source": draw(st.sampled_from(sids)),
                "quote": draw(_WORDS),
                "bears_on": {q["id"]: {h["id"]: draw(_LIKELIHOODS) for h in q["hypotheses"]}},
            }
        )
    actors = [
        {"id": a, "name": draw(_WORDS), "aliases": [draw(_WORDS)]}
        for a in draw(st.lists(_IDS, max_size=2, unique=True))
    ]
    events = [
        {
            "id": e,
            "date": draw(valid_dates().filter(_ordered)),
            "summary": draw(_WORDS),
            "sources": [draw(st.sampled_from(sids))],
        }
        for e in draw(st.lists(_IDS, max_size=2, unique=True))
    ]
    return {
        "case": {
            "id": "fuzzed",
            "title": "A fuzzed case",
            "default_school": "flat",
            "questions": questions,
            "schools": schools,
        },
        "actors": actors,
        "sources": sources,
        "events": events,
        "evidence": evidence,
    }


def _ordered(text: str) -> bool:
    from fontes.dates import is_valid_date

    return is_valid_date(text)


@st.composite
def samples(draw) -> Sample:
    data = draw(valid_case())
    stem = draw(st.sampled_from(STEMS))
    how = [f"in {stem}.yaml"]
    kind = draw(st.sampled_from(["data", "data", "data", "yaml", "bytes", "missing"]))
    raw = None
    if kind == "data":
        data[stem], what, raw_wanted = draw(broken_data(data[stem], PLACEHOLDER, huge=300_000))
        how.append(what)
        if raw_wanted:
            name, raw = draw(snippet())
            how.append(f"({name})")
    files = {}
    for each in STEMS:
        text = dump(data[each])
        if each == stem and raw is not None:
            text = place(text, raw)
        files[f"{FOLDER}/{each}.yaml"] = encode(text)
    target = f"{FOLDER}/{stem}.yaml"
    if kind == "yaml":
        text, what = draw(broken_text(files[target].decode("utf-8", "surrogatepass")))
        files[target] = encode(text)
        how.append(what)
    elif kind == "bytes":
        files[target], what = draw(broken_bytes(files[target], huge=300_000))
        how.append(what)
    elif kind == "missing":
        del files[target]
        how.append("missing")
    return Sample(files, FOLDER, how)


def toy_files() -> dict[str, bytes]:
    return {f"{FOLDER}/{p.name}": p.read_bytes() for p in sorted(TOY_CASE.glob("*.yaml"))}


def from_bytes(data: bytes) -> Sample:
    """The toy case with one file (chosen by the first byte) replaced by the rest of the bytes."""
    files = toy_files()
    stem = STEMS[data[0] % len(STEMS)] if data else "case"
    files[f"{FOLDER}/{stem}.yaml"] = data[1:]
    return Sample(files, FOLDER, [f"atheris input as {stem}.yaml"])


def seeds() -> list[bytes]:
    files = toy_files()
    return [
        bytes([STEMS.index(stem)]) + files[f"{FOLDER}/{stem}.yaml"]
        for stem in STEMS
        if f"{FOLDER}/{stem}.yaml" in files
    ]
