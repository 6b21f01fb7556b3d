"""fontes: weigh contested historical claims against the primary sources.

The Python API mirrors the command line (docs/api.md has a runnable example of each)::

    import fontes
    case = fontes.load_case()                  # the built-in korea-1950 case
    verdict = fontes.weigh(case, school="revisionist", draws=4000, seed=0)
    print(verdict.questions[0].leader)
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fontes.errors import FontesError

if TYPE_CHECKING:  # for editors and type checkers; at run time they load on first use (below)
    from fontes.anchor import Anchor
    from fontes.audit import AuditReport
    from fontes.case import builtin_case_path, check_case, load_case, write_case
    from fontes.corpus import Store
    from fontes.model import Case, Finding
    from fontes.reason.verdict import Verdict
    from fontes.reason.whatif import WhatIfResult

__version__ = "0.1.0"

#: Names of the API imported on first use, so that `fontes --help` does not load pydantic and YAML.
_LAZY = {
    "Case": "fontes.model",
    "Finding": "fontes.model",
    "builtin_case_path": "fontes.case",
    "check_case": "fontes.case",
    "load_case": "fontes.case",
    "write_case": "fontes.case",
    "Anchor": "fontes.anchor",
    "AuditReport": "fontes.audit",
    "Store": "fontes.corpus",
    "Verdict": "fontes.reason.verdict",
    "WhatIfResult": "fontes.reason.whatif",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'fontes' has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


__all__ = [
    "Anchor",
    "AuditReport",
    "Case",
    "Finding",
    "FontesError",
    "Store",
    "Verdict",
    "WhatIfResult",
    "__version__",
    "anchor_quote",
    "audit_essay",
    "builtin_case_path",
    "check_case",
    "export_case",
    "load_case",
    "open_corpus",
    "posterior_under",
    "weigh",
    "what_if",
    "write_case",
]


def weigh(case: Case, school: str | None = None, draws: int = 4000, seed: int = 0) -> Verdict:
    """Weigh every question of a case: posteriors, intervals, sensitivity, schools, ACH."""
    from fontes.reason import weigh as _weigh

    return _weigh(case, school=school, draws=draws, seed=seed)


def posterior_under(
    case: Case, question_id: str, priors: dict[str, float] | None, school: str | None = None
) -> dict[str, float]:
    """The exact posterior of one question under the given priors (None: uniform), reading the
    evidence as `school` does (None: the analyst's likelihoods)."""
    from fontes.reason import posterior_under as _posterior_under

    return _posterior_under(case, question_id, priors, school)


def open_corpus(path: str | Path | None = None, *, create: bool = False) -> Store:
    """The corpus store at `path`, or the default store ($FONTES_DB or the user's data folder).

    A missing store is a CorpusError naming the path and the command to run, unless `create`
    (only ingesting creates a store).
    """
    from fontes.corpus import open_corpus as _open_corpus

    return _open_corpus(path, create=create)


def anchor_quote(quote: str, corpus: Store, source_id: str | None = None) -> Anchor:
    """Where a quotation sits in the corpus (or in one source of it), and how faithful it is."""
    from fontes.anchor import anchor_quote as _anchor_quote

    return _anchor_quote(quote, corpus, source_id)


def audit_essay(
    essay: str | Path, case: Case | None = None, corpus: Store | None = None, progress: Any = None
) -> AuditReport:
    """An essay's citations, quotations, dates and names checked against a corpus and a case.

    Without `case`, the built-in case is used only when the essay's subject matches it; otherwise the
    audit learns from the corpus and the essay alone. `report.knowledge` says which it used;
    `progress(done, total, check_name)` is called after each check.
    """
    from fontes.audit.pipeline import audit_on_subject
    from fontes.case import load_case as _load_case

    return audit_on_subject(essay, case, corpus, None if case is not None else _load_case(), progress)


def what_if(
    case: Case,
    question_id: str,
    changes: dict[str, Any] | None = None,
    draws: int | None = None,
    seed: int | None = None,
) -> WhatIfResult:
    """One question weighed again with a reader's changes (school, priors, likelihoods, credibility, items off).

    `changes` is the what-if request of the web app, e.g. {"school": "revisionist"} or
    {"items": {"<evidence id>": {"off": true}}}; the case itself is never changed.
    """
    from fontes.reason.whatif import WHATIF_DRAWS, WHATIF_SEED, parse_whatif, weigh_whatif

    whatif = parse_whatif(changes or {}, case, question_id)
    return weigh_whatif(
        case, whatif, WHATIF_DRAWS if draws is None else draws, WHATIF_SEED if seed is None else seed
    )


def export_case(case: Case, fmt: str, verdict: Verdict | None = None) -> str | bytes:
    """The case in an export format (json, csv, timelinejs, graphml, csl-json, achz, aif); weighed first
    when the format needs a verdict and none is given. Text for every format but achz (zip bytes)."""
    from fontes.report.exports import export_case as _export_case

    return _export_case(case, verdict, fmt)
