"""The one stylesheet of fontes: the web app serves it, the single-file pages inline it."""

from __future__ import annotations

from importlib import resources

from markupsafe import Markup


def app_stylesheet() -> Markup:
    """The web app's stylesheet as text to inline, so a report has the app's design and stays one file."""
    return Markup(
        resources.files("fontes").joinpath("web", "static", "fontes.css").read_text(encoding="utf-8")
    )
