"""Every reader, fed documents broken one way at a time, returns a result or a located error.

The invariant (fuzz/invariant.py): a reader returns a result or raises a FontesError naming the
file; never another exception, never more than a few seconds, never a partly written store;
no external entity or XInclude is followed. The inputs come from the generators of fuzz/formats,
which `make fuzz` runs 10,000 times per reader; here a couple of hundred per reader, the same
ones each run. Every input that once crashed or hung a reader is kept in
tests/fixtures/regressions/<reader>/ and read here with what it must give now.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the fuzz package beside src/

from fuzz.readers import READERS, Session
from fuzz.regressions import regression_files, regression_sample

#: Generated inputs per reader (FONTES_FUZZ_EXAMPLES to change it).
EXAMPLES = int(os.environ.get("FONTES_FUZZ_EXAMPLES", "200"))


@pytest.mark.parametrize("name", list(READERS))
def test_a_reader_survives_documents_broken_one_way_at_a_time(name, tmp_path_factory):
    reader = READERS[name]
    with Session(reader, tmp_path_factory.mktemp(name)) as session:

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(reader.samples())
        def survives(sample):
            outcome = session.check(sample)
            assert not outcome.failed, f"{sample.describe()}\n{outcome.report()}"

        survives()


#: Each kept input, and what its reader gives now: None (read) or words of the located error.
REGRESSIONS = {
    "achz/encrypted-flag.achz": "matrix-1.xml cannot be unpacked",
    "achz/rating-no.achz": None,  # the quote "no" was written out and read back as false
    "achz/unknown-compression.achz": "That compression method is not supported",
    "achz/zip-version-18.achz": "is not an .achz file: it is not a zip archive",
    "case/alias-bomb.sources.yaml": "sources.yaml:10: YAML does not parse: repeats a list or mapping",
    "case/bool-tag-on-a-word.sources.yaml": "sources.yaml:6: YAML does not parse: cannot be read as bool",
    "case/complex-key.evidence.yaml": "evidence.yaml:14: YAML does not parse: a key is a list or mapping",
    "case/default-school-number.case.yaml": "case.yaml:3: default_school: unknown school 0",
    "case/huge-hex-likelihood.evidence.yaml": "evidence.yaml:6: e1: bears_on.q.b: likelihood inf is outside",
    "case/impossible-date.sources.yaml": "sources.yaml:3: s1: date: '1950-02-30' has no day 30",
    "case/map-tag-on-a-list.sources.yaml": "sources.yaml:6: YAML does not parse: cannot be read as map",
    "case/timestamp-tag-on-a-year-99999.sources.yaml": "sources.yaml:3: s1: date: '99999-01-01' is not",
    "case/yes-and-no-as-text.sources.yaml": None,  # `title: No` is text, as YAML 1.2 reads it
    "dates/arabic-indic-digits.txt": "is not a valid EDTF date",
    "dates/day-zero.txt": "has no day 0 in that month",
    "dates/month-zero.txt": "'1950-00-01' is not a valid EDTF date",
    "dates/year-zero.txt": "is in year 0, before the calendar fontes uses",
    "essay/bad-crc.docx": "has a part that cannot be read: word/document.xml cannot be unpacked (Bad CRC",
    "essay/encrypted-flag.docx": "is encrypted, password required",
    "essay/member-before-the-file.docx": "word/document.xml cannot be unpacked (negative seek value",
    "essay/long-run-of-spaces.md": None,  # 100,000 spaces took 26 s (a quadratic regular expression)
    "essay/unknown-compression.docx": "word/document.xml cannot be unpacked (That compression method",
    "essay/zip-bomb.docx": "word/document.xml is larger than 64 MiB",
    "jsonl/deep-array.jsonl": "deep-array.jsonl:1: holds a number too long or arrays and objects nested",
    "jsonl/huge-integer.jsonl": "huge-integer.jsonl:1: holds a number too long",
    "jsonl/lone-surrogate-in-excerpt.jsonl": ":1: other_excerpts[0]: holds half a character",
    "jsonl/lone-surrogate-in-one-author.jsonl": ":1: authors: holds half a character",  # a string, not a list
    "jsonl/lone-surrogate.jsonl": "lone-surrogate.jsonl:2: title: holds half a character",
    "markdown/alias-bomb.md": "alias-bomb.md:3: the front matter is not valid YAML: a list or mapping",
    "markdown/deep-block-list.md": "deep-block-list.md:2: the front matter is not valid YAML",
    "markdown/deep-brackets.md": "deep-brackets.md:2: the front matter is not valid YAML: brackets nest",
    "markdown/empty-int-tag.md": "empty-int-tag.md:2: the front matter is not valid YAML: cannot be read",
    "markdown/lone-surrogate.md": "lone-surrogate.md:2: title: holds half a character",
    "markdown/omap-repeated-key.md": "omap-repeated-key.md:2: the front matter is not valid YAML: cannot",
    "markdown/recursive-alias.md": "recursive-alias.md:3: the front matter is not valid YAML: a list",
    "wcda-html/charset-cp037.html": None,  # a charset Python knows and the HTML parser does not
    "wcda-html/charset-rot13.html": None,
    "wcda-html/time-year-zero.html": None,  # <time datetime="0000-01-01">: no date, not a crash
}


@pytest.mark.parametrize("kept", sorted(REGRESSIONS))
def test_an_input_that_once_crashed_a_reader_now_gives(kept, tmp_path):
    reader, path = kept.split("/")[0], Path(__file__).parent / "fixtures" / "regressions" / kept
    with Session(READERS[reader], tmp_path) as session:
        outcome = session.check(regression_sample(reader, path))
    if REGRESSIONS[kept] is None:
        assert outcome.kind == "ok", outcome.report()
    else:
        assert outcome.kind == "refused", outcome.report()
        assert REGRESSIONS[kept] in outcome.detail


def test_every_kept_input_has_an_expectation():
    kept = {f"{reader}/{path.name}" for reader, path in regression_files()}
    assert kept == set(REGRESSIONS)


def test_a_reader_that_raises_a_stray_exception_or_hangs_is_caught(tmp_path):
    from fuzz.invariant import outcome_of

    def stray():
        raise KeyError("id")

    def endless():
        while True:
            pass

    assert outcome_of(stray).kind == "crash"
    assert outcome_of(endless, limit=0.2).kind == "hang"
    assert outcome_of(lambda: None).kind == "ok"
