"""The app's Jinja2 environment: templates from package data, every value escaped, small filters."""

from __future__ import annotations

import re

from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from fontes.corpus.search import HIGHLIGHT_END, HIGHLIGHT_START
from fontes.dates import format_date
from fontes.report.glossary import TERMS, count, legend, odds_text, plural

_HIGHLIGHTED = re.compile(re.escape(HIGHLIGHT_START) + r"(.+?)" + re.escape(HIGHLIGHT_END), re.DOTALL)


def pct(x: float | None, digits: int = 1) -> str:
    """0.7104 → '71.0%'."""
    return "–" if x is None else f"{100 * x:.{digits}f}%"


def decibans(x: float | None) -> str:
    return "–" if x is None else f"{x:+.1f} dB"


def likelihood_value(value) -> float:
    """A likelihood as one number for an input: a point as it is, a range at its geometric midpoint."""
    if isinstance(value, tuple | list):
        low, high = value
        return low if low == high else (low * high) ** 0.5
    return float(value)


def given_text(value) -> str:
    """A likelihood as the case gives it: 0.8, or the range 0.3–0.7."""
    if isinstance(value, tuple | list):
        return f"{value[0]:g}–{value[1]:g}"
    return f"{value:g}"


def highlighted(snippet: str) -> Markup:
    """A search snippet with its [[matched]] words in <mark>, everything escaped."""
    out, last = [], 0
    for m in _HIGHLIGHTED.finditer(snippet):
        out.append(escape(snippet[last : m.start()]))
        out.append(Markup("<mark>") + escape(m.group(1)) + Markup("</mark>"))
        last = m.end()
    out.append(escape(snippet[last:]))
    return Markup("").join(out)


def svg(chart: str) -> Markup:
    """An inline SVG chart from `fontes.report.charts`: its builders escape every text they hold."""
    return Markup(chart)


def make_env() -> Environment:
    """The environment: autoescape on for every template, undefined names are errors; the report's
    templates come second, so the app renders the report's shared partials (the audit) as they are."""
    env = Environment(
        loader=ChoiceLoader(
            [PackageLoader("fontes.web", "templates"), PackageLoader("fontes.report", "templates")]
        ),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        pct=pct,
        odds=odds_text,
        db=decibans,
        date=format_date,
        given=given_text,
        lvalue=likelihood_value,
        highlighted=highlighted,
        count=count,
        plural=lambda noun, n: plural(n, noun),
    )
    env.globals.update(terms=TERMS, glossary=legend)  # every number's words, as the terminal prints them
    return env
