"""A small invented archive for the audit tests: the fall of Kessel, 1921 (nothing here is real).

Seven documents (telegrams, a conversation, a decision, two FRUS-style telegrams, a letter, a
report) with their actors, as a Case and as a corpus store, so that the citation and quotation
checks can be tested on essays whose every right and wrong answer is known.
"""

from __future__ import annotations

from pathlib import Path

from fontes.audit.context import Audit
from fontes.audit.reading.read import essay_from_text
from fontes.corpus.document import Document
from fontes.corpus.store import Store
from fontes.model import Actor, Case, Hypothesis, Question, Source, Work

ACTORS = [
    Actor(id="brandt", name="Otto Brandt", aliases=["O. Brandt", "Falke"], role="Chancellor of Ruritania"),
    Actor(id="lenz", name="Maria Lenz", aliases=["Lenz"], role="Governor of Kessel"),
    Actor(id="weber", name="Karl Weber", aliases=["Weber"], role="Foreign Minister of Ruritania"),
    Actor(id="hart", name="Edwin Hart", aliases=["Hart"], role="US Minister in Ruritania"),
]

#: (source, text, text_complete): the corpus documents.
DOCUMENTS = [
    (
        Source(
            id="kessel-telegram-brandt-lenz-1921-03-04",
            title="Telegram from Brandt to Lenz",
            date="1921-03-04",
            authors=["brandt"],
            recipients=["lenz"],
            archive="Kessel State Archive",
            doc_type="telegram",
            url="https://archive.example/kessel/1",
        ),
        (
            "Hold the harbour at Kessel at all costs. The fleet will remain in port until the end of April, and no "
            "troops can be sent before the spring. Report every movement of the northern army to me personally."
        ),
        True,
    ),
    (
        Source(
            id="kessel-report-harbour-master-1921-03-04",
            title="Report of the Harbour Master of Kessel",
            date="1921-03-04",
            authors=["Harbour Master"],
            archive="Kessel State Archive",
            doc_type="report",
        ),
        "Ice in the harbour. Twelve ships at anchor, four of them without coal.",
        False,
    ),
    (
        Source(
            id="kessel-conversation-weber-lenz-1921-05-12",
            title="Memorandum of Conversation between Weber and Lenz",
            date="1921-05-12",
            authors=["weber"],
            recipients=["lenz"],
            archive="Kessel State Archive",
            doc_type="conversation",
            url="https://archive.example/kessel/3",
        ),
        (
            "Weber said that the northern army had twelve divisions on the river and that an attack was expected "
            "within ten days. Lenz replied that her garrison could hold the city for three weeks without "
            "reinforcement, but not longer."
        ),
        False,
    ),
    (
        Source(
            id="kessel-council-decision-1921-06-01",
            title="Decision of the Council of Ministers on the Kessel Harbour",
            date="1921-06-01",
            authors=["Council of Ministers"],
            recipients=["lenz"],
            archive="Kessel State Archive",
            doc_type="resolution",
            url="https://archive.example/kessel/4",
        ),
        (
            "The Council decides that the harbour of Kessel shall not be surrendered. The garrison is to be "
            "reinforced by two regiments, and the fleet shall leave port on 10 June."
        ),
        True,
    ),
    (
        Source(
            id="frus1921v02-d15",
            title="The Minister in Ruritania (Hart) to the Secretary of State",
            date="1921-07-02",
            authors=["hart"],
            recipients=["Secretary of State"],
            archive="FRUS",
            doc_type="telegram",
            url="https://history.state.gov/historicaldocuments/frus1921v02/d15",
        ),
        (
            "During the last week northern units crossed the river at three points and the garrison of Kessel "
            "withdrew to the old citadel. Chancellor Brandt told me that he would ask for a ceasefire."
        ),
        False,
    ),
    (
        Source(
            id="frus1921v02-d16",
            title="The Secretary of State to the Minister in Ruritania (Hart)",
            date="1921-07-03",
            authors=["Secretary of State"],
            recipients=["hart"],
            archive="FRUS",
            doc_type="telegram",
            url="https://history.state.gov/historicaldocuments/frus1921v02/d16",
        ),
        (
            "You should inform Chancellor Brandt that this Government cannot guarantee the safety of Kessel and "
            "will not send naval forces."
        ),
        True,
    ),
    (
        Source(
            id="kessel-letter-falke-weber-1921-08-19",
            title="Letter from Falke [Brandt] to Weber",
            date="1921-08-19",
            authors=["Falke [Brandt]"],
            recipients=["weber"],
            archive="Kessel State Archive",
            doc_type="letter",
            url="https://archive.example/kessel/7",
        ),
        (
            "I have decided to accept the ceasefire. Kessel is lost, but the republic is not, and the army must be "
            "kept whole for the winter."
        ),
        True,
    ),
]

#: Sources the case knows but the corpus does not hold: a book, and a lost order.
CASE_ONLY = [
    Source(
        id="smith-kessel-crisis-1999",
        title="The Kessel Crisis",
        date="1999",
        authors=["John Smith"],
        archive="Oxford University Press",
        doc_type="book",
    ),
    Source(
        id="kessel-order-brandt-fleet-1921-06-20",
        title="Order from Brandt to the Fleet",
        date="1921-06-20",
        authors=["brandt"],
        recipients=["Fleet command"],
        archive="Kessel State Archive",
        doc_type="directive",
    ),
]


def toy_case() -> Case:
    held = [Work(author="Smith, John", year=1999, title="The Kessel Crisis")]
    question = Question(
        id="q",
        text="Could Kessel have been held?",
        hypotheses=[
            Hypothesis(
                id="yes", text="Yes", held_by=held, denies={"no": "that the city was lost whatever was done"}
            ),
            Hypothesis(
                id="no",
                text="No",
                held_by=[Work(author="Brandt", year=1921, title="Order to the Fleet")],
                denies={"yes": "that any defence could have held it"},
            ),
        ],
    )
    return Case(
        id="kessel",
        title="The fall of Kessel",
        questions=[question],
        actors=ACTORS,
        sources=[s for s, _, _ in DOCUMENTS] + CASE_ONLY,
    )


def toy_store(folder: Path) -> Store:
    store = Store(folder / "kessel.db")
    store.add(Document(source=s, text=text, text_complete=complete) for s, text, complete in DOCUMENTS)
    return store


def toy_context(folder: Path, with_corpus: bool = True) -> Audit:
    return Audit(case=toy_case(), store=toy_store(folder) if with_corpus else None)


def essay(text: str):
    """An essay read by the real reader from a text written in the test."""
    return essay_from_text(text, "test-essay.md")
