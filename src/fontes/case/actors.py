"""Actors and their aliases: `Filippov` is Stalin, so a search for one finds the other."""

from __future__ import annotations

from fontes.model import Actor, Case


def find_actor(case: Case, name: str) -> Actor | None:
    """The actor whose id, name or alias is `name` (case-insensitive), if any."""
    wanted = name.strip().casefold()
    for actor in case.actors:
        if wanted == actor.id.casefold() or wanted in (n.casefold() for n in actor.names()):
            return actor
    return None


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
