"""What a document or its author does with words, and how firmly: the vocabulary of frames.py.

ACTS maps a verb's lemma to its kind of act (an order, a request, a grant ...); AIMS sorts the
actions an act is about into those that stop something and those that further it, so that
"ordered the fleet to prevent an attack" and "ordered the fleet to support attacks" differ;
MODALITY holds the words of obligation, permission and condition.
"""

from __future__ import annotations

ACTS: dict[str, str] = {
    **dict.fromkeys(("order", "direct", "instruct", "command", "tell"), "order"),
    **dict.fromkeys(("ask", "request", "urge", "appeal", "beg", "invite", "call"), "request"),
    **dict.fromkeys(
        ("permit", "authorize", "authorise", "allow", "approve", "sanction", "grant", "empower"), "permit"
    ),
    **dict.fromkeys(("forbid", "prohibit", "ban", "bar", "veto"), "forbid"),
    **dict.fromkeys(("require", "oblige", "demand", "insist", "stipulate", "need"), "require"),
    **dict.fromkeys(("warn", "caution", "threaten"), "warn"),
    **dict.fromkeys(("promise", "pledge", "assure", "guarantee", "undertake", "commit"), "promise"),
    **dict.fromkeys(("agree", "accept", "consent", "concur", "endorse"), "agree"),
    **dict.fromkeys(("refuse", "reject", "decline", "deny", "oppose"), "refuse"),
    **dict.fromkeys(
        ("report", "inform", "state", "say", "announce", "declare", "cable", "telegraph", "write", "note"),
        "report",
    ),
}

#: Phrases that grant a freedom to act without a verb of permitting ("we want you to feel unhampered
#: to proceed", "he is at liberty to"): a grant, not a request or an order (matched on lower-cased text).
FREEDOM_PHRASES = (
    "feel unhampered",
    "unhampered to",
    "feel free to",
    "at liberty to",
    "a free hand",
    "free hand to",
    "is free to",
    "are free to",
    "be free to",
)

#: Verbs of coming to hold something (a permission, a consent): one predicate, so that "secured
#: authorization" and "obtain authorization" are compared on their firmness and condition.
ACQUIRING = frozenset({"obtain", "secure", "get", "receive", "gain", "win", "acquire"})
#: What a verb's lemma is compared as: the group it belongs to, else itself.
PREDICATES: dict[str, str] = dict.fromkeys(ACQUIRING, "obtain")

#: The written forms of the act verbs that are not the lemma with a regular ending.
IRREGULAR_FORMS: dict[str, str] = {
    "told": "tell",
    "said": "say",
    "wrote": "write",
    "written": "write",
    "forbade": "forbid",
    "forbidden": "forbid",
    "bade": "beg",
    "got": "get",
    "won": "win",
}

#: Kinds of act that a historian would not call a misreading of each other.
COMPATIBLE_ACTS = frozenset({frozenset({"order", "require"}), frozenset({"permit", "agree"})})

#: Actions that stop, keep off or defend ...
STOPPING = frozenset(
    {
        "prevent",
        "stop",
        "halt",
        "block",
        "deter",
        "shield",
        "protect",
        "defend",
        "forestall",
        "avert",
        "repel",
        "resist",
        "guard",
        "neutralize",
        "neutralise",
        "cease",
        "withdraw",
        "restrain",
    }
)
#: ... and actions that further, start or carry out.
FURTHERING = frozenset(
    {
        "support",
        "assist",
        "aid",
        "help",
        "back",
        "encourage",
        "launch",
        "begin",
        "start",
        "attack",
        "conduct",
        "mount",
        "invade",
        "bomb",
        "strike",
        "advance",
        "cross",
        "occupy",
    }
)

#: A claim's firmness: what must be, what may be, and on what condition.
OBLIGATION = frozenset({"must", "shall", "should", "required", "obliged"})
PERMISSION = frozenset({"may", "can", "could", "might", "authorized", "authorised", "allowed", "permitted"})
#: Words and phrases that make an act depend on something (matched on lower-cased text).
CONDITIONS = (
    "only after",
    "only if",
    "prior to",
    "unless",
    "provided that",
    "providing",
    "on condition",
    "until",
    "first",
    "if",
)


def verb_lemma(word: str) -> str | None:
    """The act or acquiring verb a written word is a form of ("ordered" -> "order"), or None."""
    word = word.lower()
    if word in IRREGULAR_FORMS:
        return IRREGULAR_FORMS[word]
    known = ACTS.keys() | ACQUIRING
    candidates = [word]
    for ending, replacement in (
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("ing", "e"),
        ("es", ""),
        ("ed", ""),
        ("ed", "e"),
        ("s", ""),
        ("d", ""),
    ):
        if word.endswith(ending):
            candidates.append(word[: len(word) - len(ending)] + replacement)
    if word.endswith(("bbed", "tted", "rred", "pped")):
        candidates.append(word[:-3])
    return next((c for c in candidates if c in known), None)
