"""Does a passage close in meaning keep the quotation's claim as a claim of the same shape?

A restatement may change every word, but not who does what and whether it is said at all:
a passage that asks what the quotation asserts ("asked whether X had reported ...") says
nothing either way; one that puts another actor where the quotation has its name ("Chinese
troops" for "Soviet troops") or turns the voice round ("A was told by B" for "A told B") is a
different claim in the same words. Both texts are normalised (lower case); the quotation's
names are read from it as written, where capitals still show them.
"""

from __future__ import annotations

from fontes.anchor.words import claimed_numbers, is_content_word, number_value, stem, tokens

#: Words that join two clauses: a negation in one does not reach the other.
CLAUSE_JOINS = frozenset({"and", "but", "though", "although", "while", "whereas", "yet", "since", "because"})
#: Verbs that put the clause after them as a question ("asked if", "inquired whether").
ASKING = frozenset("ask asked asks asking inquire inquired inquires wonder wondered query queried".split())
#: Words between an asking verb and its "if" at most ("asked Menon if", "asked the minister if").
ASK_REACH = 4
#: Forms of "to be" that open a passive ("was told by").
BE = frozenset({"is", "are", "was", "were", "be", "been", "being"})
#: Words after "by" in which a passive's agent is named ("by the Indian Ambassador Rau").
AGENT_REACH = 4
#: Words before a verb in which its subject is named, at most.
SUBJECT_REACH = 8
#: Words that open a clause: a subject is not sought past them.
CLAUSE_OPENERS = frozenset({"and", "but", "that", "which", "who", "whom", "when", "while", "if", "whether"})
#: Titles: a title put for a name, or a name for a title, is the same actor in other words.
TITLES = frozenset(
    stem(title)
    for title in (
        "president secretary ambassador minister premier chairman general marshal admiral colonel"
        " commander chief comrade consul counselor envoy delegate representative chargé charge"
        " governor senator director"
    ).split()
)


def same_shape(names: set[str], quote_text: str, passage: str) -> bool:
    """The passage asserts as the quotation does, with the same actors in the same roles and
    the same counts."""
    return not (
        asks_instead(quote_text, passage)
        or puts_another_name(names, quote_text, passage)
        or turns_voice(quote_text, passage)
        or moves_a_number(names, quote_text, passage)
    )


def clauses(text: str) -> list[list[str]]:
    """The words of a normalised text, split into clauses at punctuation and at the words
    that join clauses ("and", "but", "though", ...)."""
    clauses: list[list[str]] = [[]]
    for token in tokens(text):
        word = token.text.lower()
        if (not token.is_word and word in ".,;:!?") or word in CLAUSE_JOINS:
            clauses.append([])
        elif token.is_word:
            clauses[-1].append(word)
    return [c for c in clauses if c]


def moves_a_number(names: set[str], quote_text: str, passage: str) -> bool:
    """A name of a clause of the quotation that gives a number stands in the passage only in
    clauses giving other numbers: the count has gone to other people ("Mao met Kim four times,
    and Zhu once" against "Kim met Zhu four times and Mao once")."""
    passage_clauses = [({stem(w) for w in c}, claimed_numbers(" ".join(c))) for c in clauses(passage)]
    for clause in clauses(quote_text):
        numbers = claimed_numbers(" ".join(clause))
        for name in {stem(w) for w in clause} & names if numbers else ():
            beside = [given for words, given in passage_clauses if name in words]
            if beside and all(given and not given & numbers for given in beside):
                return True
    return False


def asks(text: str) -> bool:
    """Whether a normalised text puts its claim as a question: a question mark, "whether" (not
    "whether or not", which asserts either way), or "if" a few words after an asking verb."""
    words = [t.text for t in tokens(text)]
    if "?" in words:
        return True
    for at, word in enumerate(words):
        if word == "whether" and words[at + 1 : at + 3] != ["or", "not"]:
            return True
        if word == "if" and any(w in ASKING for w in words[max(0, at - ASK_REACH - 1) : at]):
            return True
    return False


def asks_instead(quote_text: str, passage: str) -> bool:
    """The passage asks what the quotation asserts (or the other way round)."""
    return asks(quote_text) != asks(passage)


def puts_another_name(names: set[str], quote_text: str, passage: str) -> bool:
    """A name of the quotation that the passage lacks stands before a word the passage has,
    and there that word follows a word the quotation never uses: "Soviet troops" against
    "Chinese Communist troops", an actor put in the place of another."""
    quote_words = [stem(t.text) for t in tokens(quote_text) if t.is_word]
    passage_words = [stem(t.text) for t in tokens(passage) if t.is_word]
    present, used = set(passage_words), set(quote_words)
    for at, word in enumerate(quote_words):
        if word not in names or word in present or word in TITLES:
            continue
        head = next((w for w in quote_words[at + 1 :] if w not in names), None)
        if head is None or not is_content_word(head) or head not in present:
            continue
        for place, other in enumerate(passage_words):
            before = passage_words[place - 1] if place else None
            if other == head and before and before not in used and _may_be_name(before):
                return True
    return False


def _may_be_name(word: str) -> bool:
    return is_content_word(word) and number_value(word) is None and word not in TITLES


def turns_voice(quote_text: str, passage: str) -> bool:
    """One side says "A <verb>s ..." and the other "A <be> <verb>ed by B" of the same verb: the
    one who acts on one side is the one acted on in the other ("the consul told the governor"
    against "the consul was told by the governor")."""
    quote_words = [stem(t.text) for t in tokens(quote_text) if t.is_word]
    passage_words = [stem(t.text) for t in tokens(passage) if t.is_word]
    for active, passive in ((quote_words, passage_words), (passage_words, quote_words)):
        for verb, patient, agent in _passives(passive):
            subject = _subject(active, verb)
            if subject & patient - agent:
                return True
    return False


def _passives(words: list[str]) -> list[tuple[str, set[str], set[str]]]:
    """(verb, who is acted on, who acts) of each "... <be> <verb> by ..." of a stemmed text:
    the content words before the verb, back to its clause's start, and those after "by"."""
    found = []
    for at in range(1, len(words) - 1):
        if words[at + 1] == "by" and words[at - 1] in BE and is_content_word(words[at]):
            agent = {w for w in words[at + 2 : at + 2 + AGENT_REACH] if is_content_word(w)}
            found.append((words[at], _clause_before(words, at - 1), agent))
    return found


def _subject(words: list[str], verb: str) -> set[str]:
    """The content words before the first active use of `verb` (not after a form of "to be"),
    back to its clause's start: who does it."""
    for at, word in enumerate(words):
        if word == verb and not (at and words[at - 1] in BE):
            return _clause_before(words, at)
    return set()


def _clause_before(words: list[str], at: int) -> set[str]:
    """Content words before position `at`, up to SUBJECT_REACH words and not past a word that
    opens a clause."""
    found: set[str] = set()
    for earlier in reversed(words[max(0, at - SUBJECT_REACH) : at]):
        if earlier in CLAUSE_OPENERS:
            break
        if is_content_word(earlier) and number_value(earlier) is None:
            found.add(earlier)
    return found
