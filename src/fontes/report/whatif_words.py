"""The what-if panel's status line in words: what the reader changed ("school: Revisionist",
"1 item off (e5)", "prior of H2 changed") and the verdict that follows, built here, not in the script."""

from __future__ import annotations

import math

from fontes.model import Case
from fontes.reason.priors import chosen_school, school_prior
from fontes.reason.verdict import QuestionVerdict
from fontes.reason.whatif import WhatIf
from fontes.report.glossary import count, school_label

#: How many changed likelihoods are named one by one before they are counted instead.
NAMED_LIKELIHOODS = 2
#: Priors closer than this (relative) are the same: the panel shows them to six digits.
SAME_PRIOR = 1e-5


def _listed(ids: list[str]) -> str:
    return ", ".join(ids)


def _prior_change(case: Case, whatif: WhatIf) -> list[str]:
    """The priors the reader typed over the chosen school's (as the panel shows them, to six digits)."""
    if whatif.priors is None:
        return []
    question = case.question(whatif.question)
    school = chosen_school(case, whatif.school) if whatif.school else None
    ids = question.hypothesis_ids()
    shown = school.priors.get(question.id) if school else None
    shown = shown or {h: 1 / len(ids) for h in ids}
    moved = [h for h in ids if not math.isclose(whatif.priors[h], shown[h], rel_tol=SAME_PRIOR)]
    if not moved:
        return []
    total = sum(whatif.priors.values())
    proportions = school_prior(school, question)
    if all(math.isclose(whatif.priors[h] / total, p, rel_tol=SAME_PRIOR) for h, p in zip(ids, proportions)):
        return ["priors rescaled, same proportions"]
    return [f"{'prior' if len(moved) == 1 else 'priors'} of {_listed(moved)} changed"]


def _item_changes(whatif: WhatIf) -> list[str]:
    off = [i for i, c in whatif.items.items() if c.off]
    likelihoods = [(i, h) for i, c in whatif.items.items() if not c.off for h in c.likelihoods]
    credibility = [i for i, c in whatif.items.items() if not c.off and c.credibility is not None]
    words = []
    if off:
        words.append(f"{count(len(off), 'item')} off ({_listed(off)})")
    if 0 < len(likelihoods) <= NAMED_LIKELIHOODS:
        words.append(f"{_listed([f'P({i} | {h})' for i, h in likelihoods])} changed")
    elif likelihoods:
        items = list(dict.fromkeys(i for i, _ in likelihoods))
        words.append(f"{count(len(likelihoods), 'likelihood')} changed ({_listed(items)})")
    if credibility:
        words.append(f"credibility of {_listed(credibility)} changed")
    return words


def changes_made(case: Case, whatif: WhatIf) -> list[str]:
    """What the reader changed from the page as it was drawn, one phrase a kind of change."""
    words = []
    if whatif.school != whatif.page_school:
        words.append(f"school: {school_label(case, whatif.school)}")
    return words + _prior_change(case, whatif) + _item_changes(whatif)


def status_line(changes: list[str], qv: QuestionVerdict, draws: int, elapsed_ms: float) -> str:
    """The panel's status after a weighing: what changed (or that nothing did), the leader, the cost."""
    lead = qv.hypotheses[0]
    what = f"What-if ({'; '.join(changes)})" if changes else "The case as it stands"
    return (
        f"{what}: {lead.id} leads with {100 * lead.posterior:.1f}% · weighed in {elapsed_ms:g} ms "
        f"({draws} draws)."
    )


def opening_status(case: Case, qv: QuestionVerdict, school: str | None) -> str:
    """The panel's status before any change: the case as drawn, under which school, and its leader."""
    lead = qv.hypotheses[0]
    return (
        f"The case as it stands (school: {school_label(case, school)}): {lead.id} leads with "
        f"{100 * lead.posterior:.1f}%. Change a prior, a likelihood or an item to weigh it again."
    )
