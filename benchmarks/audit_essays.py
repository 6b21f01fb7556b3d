"""The audit's speed: `run_checks` on the seed essay and every fixture essay, against the korea1950
corpus and the built-in case.

Each essay is audited cold (a fresh Audit: the case's actor index, dated records and catalogue
built again) and warm (an Audit that already holds the case's indexes and the quotations it has
anchored, as a long-running web app would), so the table shows what reading and checking an
essay costs apart from indexing the case.
"""

from __future__ import annotations

from benchmarks import locations
from benchmarks.context import Run
from benchmarks.results import summary_row, times
from benchmarks.timing import best_of

NAME = "audit"


def essays() -> list:
    """The essays audited: the seed essay and every non-empty fixture essay, read once."""
    from fontes.audit.reading.read import read_essay

    paths = [locations.SEED_ESSAY] + sorted(p for p in locations.FIXTURE_ESSAYS.iterdir() if p.stat().st_size)
    return [read_essay(p) for p in paths if p.exists()]


def run(run: Run) -> dict:
    from fontes.audit import run_checks
    from fontes.audit.context import Audit
    from fontes.case import load_case
    from fontes.corpus import Store, ingest_paths

    store = Store(run.workdir / "korea1950.db")
    ingest_paths([locations.KOREA_JSONL], store)
    case, read = load_case(), essays()
    repeats = run.settings.repeats
    run.log(f"[bold]{NAME}[/bold]: {len(read)} essays against {len(store):,} documents, best of {repeats}")
    warm = Audit(case=case, store=store, essay=read[0].model_copy())  # an Audit of none of the essays timed
    findings = sum(len(run_checks(e, warm.with_essay(e))) for e in read)  # the store's pages warmed too

    def cold_pass() -> None:
        for essay in read:
            run_checks(essay, Audit(case=case, store=store))

    def warm_pass() -> None:
        for essay in read:
            run_checks(essay, warm.with_essay(essay))

    cold = best_of(repeats, cold_pass)
    hot = best_of(repeats, warm_pass)
    documents = len(store)
    store.close()
    run.log(f"  cold {cold:.2f} s, warm {hot:.2f} s, {findings} findings")
    return {
        "name": NAME,
        "title": "The audit of the seed and fixture essays, cold (fresh Audit) vs warm (case indexes held)",
        "parameters": {"essays": len(read), "documents": documents, "repeats": repeats},
        "raw": {
            "cold_seconds": cold,
            "warm_seconds": hot,
            "findings": findings,
            "cold_seconds_per_essay": cold / len(read),
            "warm_seconds_per_essay": hot / len(read),
        },
        "ratio": cold / hot,
        "ratio_meaning": "cold audit time / warm audit time (what indexing the case costs each essay)",
        "target": {"text": "none set: tracks the audit's speed from run to run", "met": None},
        "summary": [
            summary_row(
                f"audit of {len(read)} essays, cold",
                f"{1000 * cold / len(read):.0f} ms/essay",
                f"warm {1000 * hot / len(read):.0f} ms/essay",
                times(cold / hot, "slower"),
                "(none)",
            )
        ],
    }
