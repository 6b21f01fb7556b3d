"""Actors, their aliases and their offices: `Filippov` is Stalin, and so is "the Chairman of the
Council of Ministers of the USSR" in 1950, so a search or a chart that meets one finds the other."""

from __future__ import annotations

import re

from fontes.dates import parse_date_or_none
from fontes.model import Actor, Case, Office

_LEADING_ARTICLE = re.compile(r"^(?:the|a)\s+", re.IGNORECASE)


def _title_key(title: str) -> str:
    """An office title as compared: case, spacing and a leading "the" do not matter."""
    return _LEADING_ARTICLE.sub("", " ".join(title.split())).casefold()


def held_on(office: Office, date: str | None) -> bool:
    """Whether `office` was held on `date` (EDTF); an undated question or a missing bound never excludes."""
    when = parse_date_or_none(date)
    if when is None:
        return True
    start, end = parse_date_or_none(office.start), parse_date_or_none(office.end)
    if start is not None and when.latest < start.earliest:
        return False
    return not (end is not None and when.earliest > end.latest)


def holder_of(case: Case, title: str, date: str | None) -> Actor | None:
    """The one actor who held the office called `title` on `date`; None when nobody or several did."""
    wanted = _title_key(title)
    holders = [
        actor
        for actor in case.actors
        if any(_title_key(o.title) == wanted and held_on(o, date) for o in actor.offices)
    ]
    return holders[0] if len(holders) == 1 else None


def find_actor(case: Case, name: str, on: str | None = None) -> Actor | None:
    """The actor whose id, name or alias is `name` (case-insensitive), else who held the office
    `name` on the date `on` (EDTF), if any."""
    wanted = name.strip().casefold()
    for actor in case.actors:
        if wanted == actor.id.casefold() or wanted in (n.casefold() for n in actor.names()):
            return actor
    return holder_of(case, name, on) if wanted else None


def names_for(case: Case | None, name: str) -> list[str]:
    """Every spelling of the actor called `name`, or just `name` when no actor has it."""
    actor = find_actor(case, name) if case else None
    if actor is None:
        return [name]
    return list(dict.fromkeys([actor.name, *actor.aliases, name]))


def display_name(case: Case, actor_id_or_name: str) -> str:
    """An actor id shown as the actor's name; any other text as it is."""
    for actor in case.actors:
        if actor.id == actor_id_or_name:
            return actor.name
    return actor_id_or_name
