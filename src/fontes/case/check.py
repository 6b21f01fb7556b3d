"""Validate a case folder: every problem at once, each with file, line and field.

`read_case` is the one entry point: it returns the `Case` (or None when it cannot be
built) together with the list of problems, so `fontes check-case` can show them all.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from fontes.case.yaml_files import CASE_FILES, Problem, YamlFile, plain, read_yaml
from fontes.dates import DateError, Edtf, parse_date
from fontes.model import (
    ACH_RATINGS,
    LIKELIHOOD_WORDS,
    Actor,
    Case,
    Event,
    Evidence,
    Hypothesis,
    Likelihood,
    Question,
    School,
    Source,
)

PRIOR_TOLERANCE = 1e-6
_WORDS = ", ".join(LIKELIHOOD_WORDS)


def parse_likelihood(value: Any) -> Likelihood:
    """A likelihood from YAML: a number in (0, 1], a [low, high] range, or a word."""
    if isinstance(value, str):
        word = value.strip().lower()
        if word in LIKELIHOOD_WORDS:
            return LIKELIHOOD_WORDS[word]
        raise ValueError(
            f"unknown likelihood word {value!r}; use a number in (0, 1], "
            f"a [low, high] range, or one of {_WORDS}"
        )
    if isinstance(value, bool):
        raise ValueError(f"likelihood {value!r} is not a number; use a number in (0, 1]")
    if isinstance(value, (int, float)):
        try:
            return _in_unit_interval(float(value))
        except OverflowError:  # an integer of hundreds of digits
            return _in_unit_interval(math.inf if value > 0 else -math.inf)
    if isinstance(value, list):
        if len(value) != 2:
            raise ValueError(f"a likelihood range has two numbers [low, high], not {len(value)}")
        low, high = (parse_likelihood(v) for v in value)
        if isinstance(low, tuple) or isinstance(high, tuple):
            raise ValueError("a likelihood range holds two numbers, not ranges")
        if low > high:
            raise ValueError(f"range [{low}, {high}] has low above high; write [low, high]")
        return (low, high)
    raise ValueError(f"likelihood {value!r} is not a number, range or word")


def _in_unit_interval(x: float) -> float:
    if not math.isfinite(x) or x <= 0 or x > 1:
        raise ValueError(f"likelihood {x} is outside (0, 1]; a probability above 0 and at most 1")
    return x


class _Checker:
    """Collects problems while building the case's records from their YAML."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, file: YamlFile | str | None, path: tuple, field: str, message: str) -> None:
        name = file.name if isinstance(file, YamlFile) else file or ""
        line = file.line_of(*path) if isinstance(file, YamlFile) else None
        self.problems.append(Problem(name, line, field, message))

    def date(self, value: str, file: YamlFile | None, path: tuple, field: str) -> Edtf | None:
        """The parsed EDTF date, or None with a problem saying what a valid one looks like."""
        try:
            return parse_date(value)
        except DateError as exc:
            self.add(file, path, field, f"{exc.message} ({exc.hint})")
            return None

    def build(self, model: type[BaseModel], raw: Any, file: YamlFile, path: tuple, label: str) -> Any:
        """Validate one record with its pydantic model, turning errors into located problems."""
        try:
            return model.model_validate(raw)
        except ValidationError as exc:
            for err in exc.errors():
                loc = tuple(err["loc"])
                field = ".".join(str(p) for p in loc) or label
                self.add(file, path + loc, f"{label}: {field}" if loc else label, _friendly(err))
            return None

    def records(self, file: YamlFile | None, model: type, label: str) -> list:
        """The list of records in a list-shaped file, each validated; bad ones are skipped."""
        if file is None or file.data is None:
            return []
        if not isinstance(file.data, list):
            self.add(file, (), "", f"should be a list of {label} entries (lines starting with '- ')")
            return []
        out = []
        for i, raw in enumerate(file.data):
            if not isinstance(raw, dict):
                self.add(file, (i,), f"entry {i + 1}", "should be a mapping of fields (id: ..., ...)")
                continue
            rid = raw.get("id", f"entry {i + 1}")
            data = plain(raw)
            if model is Evidence:
                data = self._evidence_likelihoods(data, file, (i,), str(rid))
            built = self.build(model, data, file, (i,), str(rid))
            if built is not None:
                out.append((built, (i,)))
        return out

    def _evidence_likelihoods(self, data: dict, file: YamlFile, path: tuple, rid: str) -> dict:
        out = dict(data)
        if isinstance(data.get("bears_on"), dict):
            out["bears_on"] = self._likelihood_rows(
                data["bears_on"], file, path + ("bears_on",), f"{rid}: bears_on"
            )
        readings = data.get("readings")
        if isinstance(readings, dict):
            out["readings"] = {}
            for school, reading in readings.items():
                where, label = path + ("readings", school), f"{rid}: readings.{school}"
                if not isinstance(reading, dict) or not isinstance(reading.get("bears_on"), dict):
                    self.add(
                        file,
                        where,
                        label,
                        "should hold bears_on (question -> hypothesis -> "
                        "likelihood), with a note and the work it comes from",
                    )
                    continue
                rows = self._likelihood_rows(
                    reading["bears_on"], file, where + ("bears_on",), f"{label}.bears_on"
                )
                out["readings"][school] = {**reading, "bears_on": rows}
        return out

    def _likelihood_rows(self, rows: dict, file: YamlFile, path: tuple, label: str) -> dict:
        """question -> hypothesis -> likelihood, each value parsed; bad ones become problems."""
        parsed: dict = {}
        for qid, row in rows.items():
            if not isinstance(row, dict):
                self.add(
                    file,
                    path + (qid,),
                    f"{label}.{qid}",
                    "should map hypothesis ids to likelihoods, e.g. {a: 0.8, b: unlikely}",
                )
                continue
            parsed[qid] = {}
            for hid, value in row.items():
                try:
                    parsed[qid][hid] = parse_likelihood(value)
                except ValueError as exc:
                    self.add(file, path + (qid, hid), f"{label}.{qid}.{hid}", str(exc))
        return parsed


def _friendly(err: Mapping[str, Any]) -> str:
    kind, msg = err.get("type", ""), err.get("msg", "invalid")
    if kind == "missing":
        return "is required but missing"
    if kind == "extra_forbidden":
        return "is not a known field; check its spelling (see docs/case-format.md)"
    return msg[0].lower() + msg[1:] if msg else "invalid"


def read_case(folder: str | Path) -> tuple[Case | None, list[Problem]]:
    """Read and check a case folder. Returns the case (None if unusable) and every problem."""
    folder = Path(folder)
    checker = _Checker()
    if not folder.is_dir():
        checker.add(str(folder), (), "", "is not a case folder; give a folder holding case.yaml")
        return None, checker.problems
    files: dict[str, YamlFile | None] = {}
    for stem, required in CASE_FILES.items():
        path = folder / f"{stem}.yaml"
        if not path.exists():
            if required:
                checker.add(f"{folder.name}/{stem}.yaml", (), "", "is missing; every case needs it")
            files[stem] = None
            continue
        files[stem] = read_yaml(path, f"{folder.name}/{stem}.yaml", checker.problems)

    head = files["case"]
    questions, schools, meta = _read_head(checker, head)
    actors = checker.records(files["actors"], Actor, "actor")
    sources = checker.records(files["sources"], Source, "source")
    events = checker.records(files["events"], Event, "event")
    evidence = checker.records(files["evidence"], Evidence, "evidence")

    _check_unique(
        checker, files, {"actors": actors, "sources": sources, "events": events, "evidence": evidence}
    )
    _check_questions(checker, head, questions)
    _check_schools(checker, head, schools, questions, meta.get("default_school"))
    _check_dates(checker, files["sources"], sources, "date", optional=True)
    _check_dates(checker, files["events"], events, "date", optional=False)
    _check_offices(checker, files["actors"], actors)
    _check_credibility(checker, files["sources"], sources)
    _check_credibility(checker, files["evidence"], evidence)
    # When sources.yaml itself is broken, every reference to it would be reported too: skip those.
    source_ids = {s.id for s, _ in sources} if files["sources"] is not None else None
    _check_events(checker, files["events"], events, source_ids)
    _check_evidence(checker, files["evidence"], evidence, source_ids, questions, {s.id for s in schools})

    if head is not None and (head.data is None or isinstance(head.data, dict)):
        _check_head_complete(checker, head, meta, questions)
    if head is None or not meta.get("id") or not questions:
        return None, checker.problems
    default_school = meta.get("default_school")  # not text: reported above as an unknown school
    case = Case(
        id=str(meta["id"]),
        title=str(meta.get("title") or meta["id"]),
        description=str(meta.get("description") or ""),
        questions=questions,
        schools=schools,
        default_school=default_school if isinstance(default_school, str) else None,
        actors=[a for a, _ in actors],
        sources=[s for s, _ in sources],
        events=[e for e, _ in events],
        evidence=[e for e, _ in evidence],
    )
    _fill_missing_likelihoods(case)
    return case, checker.problems


def _check_head_complete(checker: _Checker, head: YamlFile, meta: dict, questions: list[Question]) -> None:
    """An empty case.yaml, or one without an id or questions, says so: it is not a clean case."""
    if head.data is None:
        checker.add(
            head, (), "", "is empty; a case needs at least id, title and questions (see docs/case-format.md)"
        )
        return
    if not meta.get("id"):
        checker.add(head, (), "id", "is required but missing")
    raw = head.data.get("questions")
    if not questions and not (isinstance(raw, list) and raw):
        checker.add(head, (), "questions", "a case needs at least one question with its hypotheses")


def _read_head(checker: _Checker, head: YamlFile | None) -> tuple[list[Question], list[School], dict]:
    if head is None or head.data is None:
        return [], [], {}
    if not isinstance(head.data, dict):
        checker.add(head, (), "", "should be a mapping with id, title, questions and schools")
        return [], [], {}
    meta = plain({k: v for k, v in head.data.items() if k not in ("questions", "schools")})
    known = {"id", "title", "description", "default_school"}
    for key in meta:
        if key not in known:
            checker.add(head, (key,), key, "is not a known field of case.yaml; check its spelling")
    for key in ("id", "title"):
        if not meta.get(key):
            checker.add(head, (), key, "is required but missing")
    questions = _head_list(checker, head, "questions", Question)
    schools = _head_list(checker, head, "schools", School)
    return questions, schools, meta


def _head_list(checker: _Checker, head: YamlFile, key: str, model: type) -> list:
    raw = head.data.get(key)
    if raw is None:
        if key == "questions":
            checker.add(head, (), key, "is required: list at least one question with its hypotheses")
        return []
    if not isinstance(raw, list):
        checker.add(head, (key,), key, "should be a list")
        return []
    out = []
    for i, item in enumerate(raw):
        label = f"{key}[{i}]" + (f" {item.get('id')}" if isinstance(item, dict) and item.get("id") else "")
        if not isinstance(item, dict):
            checker.add(head, (key, i), label, "should be a mapping of fields")
            continue
        built = checker.build(model, plain(item), head, (key, i), label)
        if built is not None:
            out.append(built)
    return out


def _check_unique(checker: _Checker, files: dict, groups: dict) -> None:
    for stem, records in groups.items():
        counts = Counter(r.id for r, _ in records)
        seen: set[str] = set()
        for record, path in records:
            if counts[record.id] > 1 and record.id in seen:
                checker.add(
                    files[stem],
                    path + ("id",),
                    f"{record.id}: id",
                    f"duplicate id {record.id!r} in {stem}.yaml; give each entry its own id",
                )
            seen.add(record.id)


def _check_questions(checker: _Checker, head: YamlFile | None, questions: list[Question]) -> None:
    seen: set[str] = set()
    for i, q in enumerate(questions):
        if q.id in seen:
            checker.add(head, ("questions", i, "id"), f"questions[{i}].id", f"duplicate question id {q.id!r}")
        seen.add(q.id)
        if not q.hypotheses:
            checker.add(
                head, ("questions", i), f"{q.id}: hypotheses", "a question needs at least one hypothesis"
            )
        for j, count in Counter(h.id for h in q.hypotheses).items():
            if count > 1:
                checker.add(
                    head,
                    ("questions", i, "hypotheses"),
                    f"{q.id}: hypotheses",
                    f"duplicate hypothesis id {j!r}",
                )
        if q.horizon is not None:
            checker.date(q.horizon, head, ("questions", i, "horizon"), f"{q.id}: horizon")
        for k, h in enumerate(q.hypotheses):
            _check_position(checker, head, ("questions", i, "hypotheses", k), q, h)


def _check_position(
    checker: _Checker, head: YamlFile | None, path: tuple, q: Question, h: Hypothesis
) -> None:
    """A hypothesis is a position someone holds, and it says what it denies of each rival."""
    label = f"{q.id}.{h.id}"
    if not h.held_by:
        checker.add(
            head,
            path,
            f"{label}: held_by",
            "names no work that argues it; add held_by: [{author: ..., year: ..., title: ...}]",
        )
    rivals = [r.id for r in q.hypotheses if r.id != h.id]
    for rival in rivals:
        if not h.denies.get(rival, "").strip():
            checker.add(
                head,
                path + ("denies",),
                f"{label}: denies.{rival}",
                f"does not say what it denies of its rival {rival!r}, so the two may overlap; "
                f"add denies: {{{rival}: ...}}",
            )
    for rival in h.denies:
        if rival not in rivals:
            checker.add(
                head,
                path + ("denies", rival),
                f"{label}: denies.{rival}",
                f"unknown rival {rival!r} of question {q.id!r}; known: {', '.join(rivals) or 'none'}",
            )


def _check_schools(
    checker: _Checker,
    head: YamlFile | None,
    schools: list[School],
    questions: list[Question],
    default: str | None,
) -> None:
    hyps = {q.id: set(q.hypothesis_ids()) for q in questions}
    ids = [s.id for s in schools]
    for i, school in enumerate(schools):
        path = ("schools", i)
        if ids.count(school.id) > 1 and ids.index(school.id) != i:
            checker.add(head, path + ("id",), f"{school.id}: id", f"duplicate school id {school.id!r}")
        for qid, prior in school.priors.items():
            where = path + ("priors", qid)
            if qid not in hyps:
                checker.add(
                    head,
                    where,
                    f"{school.id}: priors.{qid}",
                    f"unknown question {qid!r}; known: {', '.join(hyps) or 'none'}",
                )
                continue
            for hid, p in prior.items():
                if hid not in hyps[qid]:
                    checker.add(
                        head,
                        where + (hid,),
                        f"{school.id}: priors.{qid}.{hid}",
                        f"unknown hypothesis {hid!r} of question {qid!r}",
                    )
                elif not math.isfinite(p) or p <= 0:
                    checker.add(
                        head,
                        where + (hid,),
                        f"{school.id}: priors.{qid}.{hid}",
                        f"prior {p} is not above 0; no evidence could revive a hypothesis "
                        f"ruled out in advance, so give it a small prior such as 0.01",
                    )
            missing = hyps[qid] - set(prior)
            if missing:
                checker.add(
                    head,
                    where,
                    f"{school.id}: priors.{qid}",
                    f"no prior for {', '.join(sorted(missing))}; give every hypothesis one",
                )
            total = sum(prior.values())
            if not math.isclose(total, 1.0, abs_tol=PRIOR_TOLERANCE):
                checker.add(
                    head,
                    where,
                    f"{school.id}: priors.{qid}",
                    f"priors sum to {total:g}, not 1; adjust them so they add up to 1",
                )
    if default is not None and default not in ids:
        checker.add(
            head,
            ("default_school",),
            "default_school",
            f"unknown school {default!r}; known: {', '.join(ids) or 'none'}",
        )


def _check_dates(checker: _Checker, file: YamlFile | None, records: list, field: str, optional: bool) -> None:
    for record, path in records:
        value = getattr(record, field)
        if value is None and optional:
            continue
        checker.date(str(value), file, path + (field,), f"{record.id}: {field}")


def _check_offices(checker: _Checker, file: YamlFile | None, actors: list) -> None:
    """Each office's start and end are EDTF dates, the start not after the end."""
    for actor, path in actors:
        for k, office in enumerate(actor.offices):
            bounds = []
            for field in ("start", "end"):
                value = getattr(office, field)
                if value is None:
                    continue
                bound = checker.date(
                    str(value), file, path + ("offices", k, field), f"{actor.id}: offices[{k}].{field}"
                )
                if bound is not None:
                    bounds.append(bound)
            if len(bounds) == 2 and bounds[0].earliest > bounds[1].latest:
                checker.add(
                    file,
                    path + ("offices", k),
                    f"{actor.id}: offices[{k}]",
                    f"starts ({office.start}) after it ends ({office.end}); swap them",
                )


def _check_credibility(checker: _Checker, file: YamlFile | None, records: list) -> None:
    for record, path in records:
        c = record.credibility
        if c is not None and (not math.isfinite(c) or not 0 <= c <= 1):
            checker.add(
                file,
                path + ("credibility",),
                f"{record.id}: credibility",
                f"credibility {c} is outside [0, 1]",
            )


def _check_events(
    checker: _Checker, file: YamlFile | None, events: list, source_ids: set[str] | None
) -> None:
    if source_ids is None:
        return
    for event, path in events:
        for k, sid in enumerate(event.sources):
            if sid not in source_ids:
                checker.add(
                    file,
                    path + ("sources", k),
                    f"{event.id}: sources",
                    f"unknown source {sid!r}; add it to sources.yaml or fix the id",
                )


def _check_readings(
    checker: _Checker,
    file: YamlFile | None,
    item: Evidence,
    path: tuple,
    hyps: dict[str, list[str]],
    school_ids: set[str],
) -> None:
    for school, reading in item.readings.items():
        where = path + ("readings", school)
        if school not in school_ids:
            checker.add(
                file,
                where,
                f"{item.id}: readings.{school}",
                f"unknown school {school!r}; known: {', '.join(sorted(school_ids)) or 'none'}",
            )
        if not (reading.note.strip() or reading.work.strip()):
            checker.add(
                file,
                where,
                f"{item.id}: readings.{school}",
                "says neither why nor from which work; add a note or work",
            )
        for qid, row in reading.bears_on.items():
            if qid not in hyps:
                checker.add(
                    file,
                    where + ("bears_on", qid),
                    f"{item.id}: readings.{school}.bears_on.{qid}",
                    f"unknown question {qid!r}; known: {', '.join(hyps) or 'none'}",
                )
                continue
            for hid in row:
                if hid not in hyps[qid]:
                    checker.add(
                        file,
                        where + ("bears_on", qid, hid),
                        f"{item.id}: readings.{school}.bears_on.{qid}.{hid}",
                        f"unknown hypothesis {hid!r} of question {qid!r}; known: {', '.join(hyps[qid])}",
                    )


def _check_evidence(
    checker: _Checker,
    file: YamlFile | None,
    evidence: list,
    source_ids: set[str] | None,
    questions: list[Question],
    school_ids: set[str],
) -> None:
    hyps = {q.id: q.hypothesis_ids() for q in questions}
    for item, path in evidence:
        if source_ids is not None and item.source not in source_ids:
            checker.add(
                file,
                path + ("source",),
                f"{item.id}: source",
                f"unknown source {item.source!r}; add it to sources.yaml or fix the id",
            )
        if not item.quote.strip():
            checker.add(
                file, path + ("quote",), f"{item.id}: quote", "is empty; copy the source's exact words"
            )
        if not item.bears_on:
            checker.add(
                file,
                path + ("bears_on",),
                f"{item.id}: bears_on",
                "names no question; give likelihoods for at least one",
            )
        for qid, row in item.bears_on.items():
            where = path + ("bears_on", qid)
            if qid not in hyps:
                checker.add(
                    file,
                    where,
                    f"{item.id}: bears_on.{qid}",
                    f"unknown question {qid!r}; known: {', '.join(hyps) or 'none'}",
                )
                continue
            for hid in row:
                if hid not in hyps[qid]:
                    checker.add(
                        file,
                        where + (hid,),
                        f"{item.id}: bears_on.{qid}.{hid}",
                        f"unknown hypothesis {hid!r} of question {qid!r}; known: {', '.join(hyps[qid])}",
                    )
        _check_readings(checker, file, item, path, hyps, school_ids)
        if item.about is not None:
            checker.date(item.about, file, path + ("about",), f"{item.id}: about")
        for qid, row in item.ach.items():
            for hid, rating in row.items():
                if rating not in ACH_RATINGS:
                    checker.add(
                        file,
                        path + ("ach", qid, hid),
                        f"{item.id}: ach.{qid}.{hid}",
                        f"unknown ACH rating {rating!r}; use one of {', '.join(ACH_RATINGS)}",
                    )


def _fill_missing_likelihoods(case: Case) -> None:
    """A hypothesis an item does not mention gets `even` (DESIGN.md); one a school's reading
    does not mention keeps the analyst's value for it."""
    hyps = {q.id: q.hypothesis_ids() for q in case.questions}
    for item in case.evidence:
        for qid, row in item.bears_on.items():
            for hid in hyps.get(qid, []):
                row.setdefault(hid, LIKELIHOOD_WORDS["even"])
        for reading in item.readings.values():
            for qid, row in reading.bears_on.items():
                for hid in hyps.get(qid, []):
                    row.setdefault(hid, item.bears_on.get(qid, {}).get(hid, LIKELIHOOD_WORDS["even"]))
