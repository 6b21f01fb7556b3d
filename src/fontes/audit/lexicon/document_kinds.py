"""Words for kinds of document, in one place: the doc_types a word names (to find the cited
document), the families of thing a sentence dates (message, meeting, speech, decision, report),
and the family of a record from its kind or its title."""

from __future__ import annotations

import re

#: The families of dated thing, as a sentence's words and a record's kind can name them.
MESSAGE, MEETING, SPEECH, DECISION, REPORT = "message", "meeting", "speech", "decision", "report"

#: Words for a kind of document, and the doc_type values (corpus and case) they describe.
TYPE_WORDS: dict[str, frozenset[str]] = {}
for _words, _types in (
    (
        (
            "telegram telegrams telegraph telegraphed telegraphs cable cables cabled ciphered cipher cyphered "
            "cypher cyphering wire"
        ),
        "telegram",
    ),
    ("letter letters", "letter"),
    ("conversation conversations meeting meetings talks talked met discussion discussions", "conversation"),
    ("directive directives order orders instruction instructions", "directive resolution"),
    ("decision decisions resolution resolutions", "resolution directive"),
    ("speech speeches address addresses lecture", "speech statement"),
    ("statement statements declaration declarations announcement", "statement speech"),
    ("memorandum memoranda memo memorandums", "memorandum"),
    ("report reports", "report"),
    ("estimate estimates", "estimate"),
):
    for _word in _words.split():
        TYPE_WORDS[_word] = frozenset(_types.split())

#: Words that say what family of thing a sentence dates.
KIND_WORDS: dict[str, re.Pattern[str]] = {
    MESSAGE: re.compile(
        r"\b(telegrams?|telegraph(?:ed|s)?|cables?|cabled|ciphered|cyphering|ciphering|wired?|"
        r"messages?|letters?|directives?|instructions?|despatch|dispatch|reply|replies|"
        r"wrote\s+to|writes\s+to|written\s+to)\b",
        re.IGNORECASE,
    ),
    MEETING: re.compile(
        r"\b(meetings?|met|meet|talks|conversations?|talked|visit(?:ed)?|audience|conference|"
        r"discussions?|luncheon|interview)\b",
        re.IGNORECASE,
    ),
    SPEECH: re.compile(
        r"\b(speech|address|statement|declaration|remarks|broadcast|announced|announcement)\b", re.IGNORECASE
    ),
    DECISION: re.compile(
        r"\b(decisions?|decided|resolution|resolved|approved|approval|directive|"
        r"made up (?:its|his|their) mind)\b",
        re.IGNORECASE,
    ),
    REPORT: re.compile(r"\b(reports?|reported|memorandum|estimate|despatch)\b", re.IGNORECASE),
}

#: The families of a record's kind (a source's doc_type, an event's kind).
KIND_FAMILIES: dict[str, frozenset[str]] = {
    "telegram": frozenset({MESSAGE}),
    "cable": frozenset({MESSAGE}),
    "letter": frozenset({MESSAGE}),
    "directive": frozenset({MESSAGE, DECISION}),
    "order": frozenset({MESSAGE, DECISION}),
    "conversation": frozenset({MEETING}),
    "meeting": frozenset({MEETING}),
    "speech": frozenset({SPEECH}),
    "statement": frozenset({SPEECH}),
    "resolution": frozenset({DECISION}),
    "decision": frozenset({DECISION}),
    "memorandum": frozenset({REPORT}),
    "report": frozenset({REPORT}),
    "estimate": frozenset({REPORT}),
    "diplomatic": frozenset({MEETING, MESSAGE}),
    "deliberation": frozenset({MEETING, DECISION}),
}
#: Words of a source's title that name its family.
TITLE_KINDS = [
    (re.compile(r"\b(telegram|cable|letter|message)\b", re.IGNORECASE), frozenset({MESSAGE})),
    (
        re.compile(r"\b(conversations?|meetings?|talks?|reception|conference|luncheon)\b", re.IGNORECASE),
        frozenset({MEETING}),
    ),
    (re.compile(r"\b(speech|statement|address)\b", re.IGNORECASE), frozenset({SPEECH})),
    (re.compile(r"\b(decision|directive|resolution)\b", re.IGNORECASE), frozenset({DECISION})),
]

#: Verbs that say a message went out.
DISPATCH = re.compile(
    r"\b(sent|send|sends|cabled|telegraphed|wired|dispatched|despatched|transmitted|issued|"
    r"forwarded)\b",
    re.IGNORECASE,
)

#: Nouns for a document that a sentence may date ("the telegram of 12 June", "the 12 June memorandum").
DOCUMENT_NOUNS = (
    r"telegrams?|cables?|letters?|memorand(?:um|a|ums)|memos?|reports?|directives?|instructions?|"
    r"messages?|notes?|minutes|despatch(?:es)?|dispatch(?:es)?|orders?|resolutions?|statements?|"
    r"speech(?:es)?|addresses|broadcasts?|replies|reply|aide-m[eé]moires?|records?"
)
#: Verbs by which someone makes a document on a day ("on 4 August the ambassador cabled").
DOCUMENT_VERBS = (
    r"cabled|telegraphed|wired|wrote|reported|informed|instructed|replied|advised|notified|"
    r"minuted|signed|issued|sent|circulated|broadcast|declared|announced|proposed|requested|"
    r"recommended|warned|told|asked"
)
