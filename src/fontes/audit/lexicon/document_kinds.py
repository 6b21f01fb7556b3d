"""Words for kinds of document, spelled once: the doc_types a word names (to find the cited
document) and the families of thing a sentence dates (message, meeting, speech, decision, report)."""

from __future__ import annotations

import re

#: The families of dated thing, as a sentence's words and a record's kind can name them.
MESSAGE, MEETING, SPEECH, DECISION, REPORT = "message", "meeting", "speech", "decision", "report"

#: Words for a kind of document, and the doc_type values (corpus and case) they describe.
TYPE_WORDS: dict[str, frozenset[str]] = {}
for _words, _types in (
    (("telegram telegrams telegraph telegraphed telegraphs cable cables cabled ciphered cipher cyphered "
     "cypher cyphering wire"), "telegram"),
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
    MESSAGE: re.compile(r"\b(telegrams?|telegraph(?:ed|s)?|cables?|cabled|ciphered|cyphering|ciphering|wired?|"
                        r"messages?|letters?|directives?|instructions?|despatch|dispatch|reply|replies|"
                        r"wrote\s+to|writes\s+to|written\s+to)\b", re.IGNORECASE),
    MEETING: re.compile(r"\b(meetings?|met|meet|talks|conversations?|talked|visit(?:ed)?|audience|conference|"
                        r"discussions?|luncheon|interview)\b", re.IGNORECASE),
    SPEECH: re.compile(r"\b(speech|address|statement|declaration|remarks|broadcast|announced|announcement)\b",
                       re.IGNORECASE),
    DECISION: re.compile(r"\b(decisions?|decided|resolution|resolved|approved|approval|directive|"
                         r"made up (?:its|his|their) mind)\b", re.IGNORECASE),
    REPORT: re.compile(r"\b(reports?|reported|memorandum|estimate|despatch)\b", re.IGNORECASE),
}

#: Verbs that say a message went out.
DISPATCH = re.compile(r"\b(sent|send|sends|cabled|telegraphed|wired|dispatched|despatched|transmitted|issued|"
                      r"forwarded)\b", re.IGNORECASE)
