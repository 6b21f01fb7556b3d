"""The `Audit`: one essay checked against one case and corpus, with every index the checks share.

Each derived index (the catalogue, the dated records, the actor index, the rare title words) and
what the essay claims (a `SentenceClaim` for each sentence, the documents each fits, the source
each reference entry describes) is computed on first use and lives as long as the Audit, so the
checks read one model of the essay and a second audit in the same process (the web app) never
reads another's state.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any

from fontes.model import Case

if TYPE_CHECKING:
    from fontes.audit.checks.references import Alignment
    from fontes.audit.evidence.actor_names import ActorIndex
    from fontes.audit.evidence.catalogue import Catalogue
    from fontes.audit.evidence.claims import SentenceClaim
    from fontes.audit.evidence.date_mentions import DateMention
    from fontes.audit.evidence.dated_records import Records
    from fontes.audit.evidence.documents import Candidate
    from fontes.audit.evidence.entry_match import EntryMatch
    from fontes.audit.evidence.frames import Frame
    from fontes.audit.evidence.header_people import HeaderPeople
    from fontes.audit.reading.essay import Essay, Reference
    from fontes.corpus import Store


class _CaseIndexes:
    """The indexes that depend on the case and the store only: one holder, shared by every Audit
    made from the same one with `with_essay`, so an index built while auditing one essay serves the next."""

    def __init__(self) -> None:
        self.built: dict[str, Any] = {}

    def get(self, name: str, build: Callable[[], Any]) -> Any:
        if name not in self.built:
            self.built[name] = build()
        return self.built[name]


class Audit:
    """What an audit checks an essay against: the case, the corpus store when there is one, and the essay."""

    def __init__(
        self, case: Case, store: Store | None = None, essay: Essay | None = None, knowledge: str | None = None
    ):
        from fontes.audit.knowledge import label_for

        self.case = case
        self.store = store  # a fontes.corpus.Store; optional, so the audit runs without a corpus
        self.essay = essay
        self.knowledge = knowledge or label_for(case, store is not None)  # the report's first line
        self._case_indexes = _CaseIndexes()

    def __repr__(self) -> str:
        return f"Audit(case={self.case.id!r}, store={self.store!r})"

    def with_essay(self, essay: Essay) -> Audit:
        """This audit bound to `essay`: itself when it reads no other essay, else a new one sharing the case's indexes."""
        if self.essay is essay:
            return self
        if self.essay is None:
            self.essay = essay
            return self
        other = Audit(self.case, self.store, essay, self.knowledge)
        other._case_indexes = self._case_indexes
        return other

    # -- the case's and the corpus's indexes, shared by the audits of every essay -----------------

    @property
    def actor_index(self) -> ActorIndex:
        """The index of the case's actors."""
        from fontes.audit.evidence.actor_names import ActorIndex

        return self._case_indexes.get("actor_index", lambda: ActorIndex(self.known_people))

    @property
    def known_people(self) -> Case:
        """The case, or with no case's actors, the people the corpus's headers name as actors."""
        if self.case.actors or self.store is None:
            return self.case
        return self.case.model_copy(update={"actors": self.header_people.as_actors()})

    @property
    def records(self) -> Records:
        """The dated records of the case and, asked by date, of the corpus."""
        from fontes.audit.evidence.dated_records import Records

        return self._case_indexes.get("records", lambda: Records(self.case, self.catalogue))

    @property
    def catalogue(self) -> Catalogue:
        """The documents an essay may cite (the case's sources, then the corpus), with their days,
        senders and recipients: the one index of documents."""
        from fontes.audit.evidence.catalogue import Catalogue

        return self._case_indexes.get(
            "catalogue",
            lambda: Catalogue({s.id: s for s in self.case.sources}, self.actor_index, self.store),
        )

    @property
    def header_people(self) -> HeaderPeople:
        """The people and offices the corpus's document headers name, with the case's offices added."""
        from fontes.audit.evidence.header_people import HeaderPeople

        def build() -> HeaderPeople:
            documents = self.store.titles_in_order() if self.store else ()
            return HeaderPeople.from_documents(documents, self.case)

        return self._case_indexes.get("header_people", build)

    @property
    def rare_title_words(self) -> frozenset[str]:
        """Title words of the case's sources that few titles share."""
        from fontes.audit.evidence.documents import rare_title_words

        return self._case_indexes.get("rare_title_words", lambda: rare_title_words(self.case))

    @property
    def anchors(self) -> dict:
        """Quotations already anchored in the store, by (quotation, source id): the checks share them."""
        return self._case_indexes.get("anchors", dict)

    def frame(self, text: str, speaker: str | None = None, addressee: str | None = None) -> Frame:
        """The frame of a text (one spaCy parse per text, held for every essay of the case)."""
        from fontes.audit.evidence.frames import FrameReader

        reader = self._case_indexes.get("frame_reader", FrameReader)
        frames = self._case_indexes.get("frames", dict)
        key = (text, speaker, addressee)
        if key not in frames:
            frames[key] = reader.read(text, speaker=speaker, addressee=addressee)
        return frames[key]

    @property
    def passages(self) -> dict:
        """The passages of each document read by the content check, by source id (with their vectors)."""
        return self._case_indexes.get("passages", dict)

    def actor_ids(self, names: tuple[str, ...]) -> set[str]:
        """The actor ids that an author or recipient list (or a name the parser found) names."""
        known = self._case_indexes.get("actor_ids", dict)
        if names not in known:
            known[names] = set(self.actor_index.parties(names))
        return known[names]

    def _read_essay(self) -> Essay:
        if self.essay is None:
            raise ValueError("this Audit reads no essay yet: call with_essay(essay) first")
        return self.essay

    @cached_property
    def sentence_dates(self) -> dict[tuple[int, int], list[DateMention]]:
        """The date mentions of each body sentence of the essay, by (paragraph index, sentence index)."""
        from fontes.audit.evidence.date_mentions import sentence_dates

        return sentence_dates(self._read_essay())

    # -- what the essay claims (its own Audit's, never shared) ----------------------------------

    @cached_property
    def claims(self) -> list[SentenceClaim]:
        """What each sentence of the essay claims (headings too), in the order of the essay."""
        from fontes.audit.evidence.claims import read_claims

        return read_claims(self._read_essay(), self.actor_index, self.sentence_dates)

    @cached_property
    def body_claims(self) -> list[SentenceClaim]:
        """The claims of the sentences outside headings."""
        return [c for c in self.claims if not c.paragraph.heading]

    def documents(self, claim: SentenceClaim) -> list[Candidate]:
        """The documents the claim fits, best first (computed once per sentence)."""
        from fontes.audit.evidence.documents import documents_in

        if claim.key not in self._documents:
            self._documents[claim.key] = documents_in(claim, self)
        return self._documents[claim.key]

    def cited(self, claim: SentenceClaim) -> Candidate | None:
        """The one document the claim's sentence clearly cites, or None."""
        from fontes.audit.evidence.documents import cited_document

        return cited_document(self.documents(claim))

    @cached_property
    def _documents(self) -> dict[tuple[int, int], list[Candidate]]:
        return {}

    @cached_property
    def entries(self) -> dict[int, Reference]:
        """The essay's numbered reference entries, by number (the last of two with one number); a
        note that reads "Ibid." stands for the entry before it (at its own place in the list)."""
        from fontes.audit.reading.references import IBID

        entries: dict[int, Reference] = {}
        previous: Reference | None = None
        for entry in self._read_essay().references:
            if previous is not None and IBID.match(entry.raw):
                entry = previous.model_copy(
                    update={"number": entry.number, "start": entry.start, "end": entry.end}
                )
            if entry.number is not None:
                entries[entry.number] = entry
            previous = entry
        return entries

    @cached_property
    def described_entries(self) -> dict[int, EntryMatch]:
        """The source of the case or corpus that each numbered entry describes best."""
        from fontes.audit.evidence.entry_match import best_source_for

        return {n: best_source_for(r, self.catalogue) for n, r in self.entries.items()}

    @cached_property
    def alignment(self) -> Alignment:
        """Each marker weighed against the document its sentence cites, and the shifted runs (the
        reference check reports them; the date check reads a shifted marker's right entry)."""
        from fontes.audit.checks.references import align

        return align(self)
