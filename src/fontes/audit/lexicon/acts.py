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
