"""The JSON contracts (`fontes.report/1`, `fontes.audit/1`): every field with its meaning.

docs/cli.md prints these tables, and a test checks that every field the code writes is here
and every field here is written, so the documentation cannot drift from the output.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

#: Objects whose keys are ids (hypotheses, schools), not fixed field names.
MAPS = frozenset(
    {
        "questions[].evidence[].ach",
        "questions[].schools",
        "questions[].schools{}",
        "questions[].school_leaders",
        "summary",
        "by_kind",
    }
)

REPORT_FIELDS: dict[str, str] = {
    "schema": '"fontes.report/1"',
    "case": "the case's id",
    "title": "the case's title",
    "school": "the school whose priors were used (null: uniform priors)",
    "draws": "Monte Carlo draws behind the intervals and P(top)",
    "seed": "the seed of the draws (the same seed gives the same numbers)",
    "interval_measures": "what the 90% intervals and P(top) measure: the stated likelihood ranges only, not "
    "how the hypotheses are cut, which items are chosen, or how contested items are read",
    "questions[].id": "the question's id",
    "questions[].text": "the question",
    "questions[].leader": "the hypothesis with the highest posterior",
    "questions[].runner_up": "the hypothesis with the second highest posterior",
    "questions[].overturn_odds": "prior odds (runner-up : leader) the runner-up would need to lead",
    "questions[].ach_ranking[]": "hypothesis ids, least inconsistent first (ACH)",
    "questions[].horizon": "the date (EDTF) of the decision or event whose cause the question asks about "
    "(null: none, every item counts)",
    "questions[].after_horizon[].id": "an item about something after the horizon: listed, not counted",
    "questions[].after_horizon[].source": "the id of the source it quotes",
    "questions[].after_horizon[].about": "the date (EDTF) that puts it after the horizon (its about, else its "
    "source's date)",
    "questions[].after_horizon[].why": "both dates in words",
    "questions[].flip.count": "how many readings make up the flip set (0: no set flips the verdict)",
    "questions[].flip.words": 'the flip set in words ("Two readings decide this verdict: ...")',
    "questions[].flip.log_odds": "log-odds of leader over runner-up, prior included (natural log): what the "
    "swings must pass",
    "questions[].flip.items[].id": "an item of the flip set, largest swing first",
    "questions[].flip.items[].takes": "the reading it takes: the end of its stated range, a school's reading, "
    "the analyst's, or set aside",
    "questions[].flip.items[].swing": "how far that moves the log-odds towards the runner-up (natural log)",
    "questions[].school_leaders{}": "for each school id, the leader of its own conclusion (its prior and its "
    "readings)",
    "questions[].hypotheses[].id": "the hypothesis's id",
    "questions[].hypotheses[].text": "what the hypothesis holds",
    "questions[].hypotheses[].prior": "its prior under the chosen school",
    "questions[].hypotheses[].posterior": "its posterior, from the ranges' midpoints",
    "questions[].hypotheses[].median": "the median posterior over the draws",
    "questions[].hypotheses[].interval[]": "5% and 95% of the posterior over the draws (the likelihood ranges "
    "only, not how the hypotheses are cut)",
    "questions[].hypotheses[].p_top": "the share of draws in which it leads",
    "questions[].hypotheses[].ach_inconsistency": "weighted ACH inconsistency (lower is better)",
    "questions[].hypotheses[].ach_rank": "its ACH rank (1 = least inconsistent; ties share a rank)",
    "questions[].hypotheses[].held_by[]": "the works that argue it, short (author year)",
    "questions[].evidence[].id": "the evidence item's id",
    "questions[].evidence[].source": "the id of the source it quotes",
    "questions[].evidence[].source_title": "that source's title",
    "questions[].evidence[].source_date": "that source's date (EDTF)",
    "questions[].evidence[].weight_db": "its weight for the leader over the runner-up, in decibans",
    "questions[].evidence[].delta_log_odds": "change in log-odds (leader over runner-up) when it is dropped",
    "questions[].evidence[].pivotal": "whether dropping it changes the leader",
    "questions[].evidence[].counted": "false for an item whose group counts another item instead",
    "questions[].evidence[].corroborates": "the item of its group that is counted (null when it is counted)",
    "questions[].evidence[].credibility": "the credibility applied to it",
    "questions[].evidence[].diagnosticity": "max minus min log-likelihood across the hypotheses",
    "questions[].evidence[].ach{}": "its ACH rating (C, N, I, II) for each hypothesis id",
    "questions[].evidence[].about": "when what it reports happened (EDTF: its about, else its source's date)",
    "questions[].evidence[].retrospective": "true for a document written after the horizon about events "
    "before it (counted)",
    "questions[].evidence[].reading": "the school whose own reading of the item is used (null: the analyst's)",
    "questions[].schools{}{}": "for each school id, the posterior of each hypothesis id under its own "
    "readings and prior",
    "unweighed_sources[].id": "a source of the case that no evidence item quotes",
    "unweighed_sources[].title": "its title",
    "unweighed_sources[].date": "its date (EDTF)",
    "unweighed_sources[].in_corpus": "whether the corpus store holds it (null: no store was given)",
}

AUDIT_FIELDS: dict[str, str] = {
    "schema": '"fontes.audit/1"',
    "essay": "the essay's path as given",
    "knowledge": 'what the audit knew: "corpus", "case <id> (asked)", "case <id> (chosen: the essay\'s subject matches it)" or "neither"',
    "summary{}": "how many findings of each severity (error, warning, info)",
    "by_kind{}": "how many findings of each kind that occurs",
    "findings[].kind": "reference-mismatch, quote-fidelity, date-mismatch, name-variant, office-mismatch, attendance-mismatch, ...",
    "findings[].severity": "error, warning or info",
    "findings[].location.paragraph": "the paragraph, counted from 0 (the terminal's ¶ is this + 1)",
    "findings[].location.sentence": "the sentence in its paragraph, counted from 0",
    "findings[].location.start": "first character of the finding's words in the essay (code points)",
    "findings[].location.end": "end of those words (exclusive)",
    "findings[].location.marker": "the citing marker, as written ([8])",
    "findings[].location.label": "the place as a reader counts it (¶14, sentence 2, [8])",
    "findings[].message": "what is wrong, in a sentence",
    "findings[].excerpt": "the essay's words the finding is about",
    "findings[].evidence[].source": "the source id (or reference entry) the finding rests on",
    "findings[].evidence[].url": "that source's address",
    "findings[].evidence[].quote": "the source's own words",
}


def field_paths(data: Any, path: str = "") -> Iterator[str]:
    """Every field path of `data`: `a.b`, `a[].b` for lists, `a{}` for objects keyed by ids."""
    if isinstance(data, dict) and path in MAPS:  # one entry stands for all: their shape is one
        yield from field_paths(next(iter(data.values())), path + "{}") if data else iter([path + "{}"])
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from field_paths(value, f"{path}.{key}" if path else key)
    elif isinstance(data, list):  # every element: an optional part may show in the second question only
        found = {p for element in data for p in field_paths(element, path + "[]")}
        # an empty list in one element stands for the fields another element's list shows
        found = {p for p in found if not (p.endswith("[]") and any(q.startswith(p + ".") for q in found))}
        yield from sorted(found) if found else iter([path + "[]"])
    else:
        yield path


def contract_table(fields: dict[str, str]) -> str:
    """The fields as a Markdown table, for docs/cli.md."""
    rows = ["| field | meaning |", "|---|---|"]
    rows += [f"| `{name}` | {meaning} |" for name, meaning in fields.items()]
    return "\n".join(rows) + "\n"
