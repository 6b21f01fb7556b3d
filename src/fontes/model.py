"""The domain types of fontes: plain typed data, no I/O.

Every other room speaks in these types. They are pydantic models so that a case
read from YAML, JSON or a web form is validated the same way everywhere.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, computed_field

#: A likelihood P(evidence | hypothesis): a point value, or a (low, high) range.
Likelihood = float | tuple[float, float]

#: The words an analyst may write instead of a number (DESIGN.md).
LIKELIHOOD_WORDS: dict[str, float] = {
    "very-unlikely": 0.05,
    "unlikely": 0.25,
    "even": 0.5,
    "likely": 0.75,
    "very-likely": 0.95,
}

#: What a hypothesis gets from an item that does not mention it.
DEFAULT_LIKELIHOOD = LIKELIHOOD_WORDS["even"]

#: A source's credibility when the case says nothing.
DEFAULT_CREDIBILITY = 0.9

#: Heuer's ACH ratings, most consistent first.
ACH_RATINGS = ("C", "N", "I", "II")


class Record(BaseModel):
    """Base of every domain type: unknown fields are refused, values stay as given."""

    model_config = ConfigDict(extra="forbid", frozen=False)


class Work(Record):
    """A published work that argues a position: the unit a historian cites."""

    author: str
    year: int | str
    title: str
    note: str = ""

    def label(self) -> str:
        """How a reader cites it: "Weathersby 1993, Soviet Aims in Korea"."""
        return f"{self.author} {self.year}, {self.title}"

    def short(self) -> str:
        """Surnames and year, as a table cites it: "Weathersby 1993", "Goncharov/Lewis/Xue Litai 1993".

        Authors are separated by ";", and a name written "Surname, Given" keeps its surname.
        """
        names = [part.split(",")[0].strip() for part in self.author.split(";") if part.strip()]
        return f"{'/'.join(names) or self.author} {self.year}"


class Hypothesis(Record):
    """A rival answer to a question: a position someone holds, saying what it denies of each rival.

    ``denies`` maps every rival's id to what this hypothesis denies of it, so the rivals are
    mutually exclusive by their own words; ``held_by`` names the works that argue it.
    """

    id: str
    text: str
    held_by: list[Work] = Field(default_factory=list)
    denies: dict[str, str] = Field(default_factory=dict)
    note: str = ""


class Question(Record):
    """A contested question, its rival hypotheses, and its horizon.

    ``horizon`` (EDTF) is the date of the decision or event whose cause the question asks
    about: an item about something later is not counted for it.
    """

    id: str
    text: str
    hypotheses: list[Hypothesis]
    horizon: str | None = None
    note: str = ""

    def hypothesis_ids(self) -> list[str]:
        return [h.id for h in self.hypotheses]


class School(Record):
    """A historiographical school: its scholars and its prior for each question."""

    id: str
    label: str
    cites: list[str] = Field(default_factory=list)
    priors: dict[str, dict[str, float]] = Field(default_factory=dict)
    note: str = ""


class Office(Record):
    """An office an actor held, and when (EDTF): "Secretary of State" is Acheson in 1950, Rusk in 1962."""

    title: str
    start: str | None = None  # EDTF; None: held since before anything the case covers
    end: str | None = None  # EDTF; None: still held when the case ends
    note: str = ""


class Actor(Record):
    id: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    offices: list[Office] = Field(default_factory=list)
    role: str = ""
    polity: str = ""
    wikidata: str = ""
    note: str = ""

    def names(self) -> list[str]:
        """The name and every alias, as the sources spell them."""
        return [self.name, *self.aliases]


class Source(Record):
    id: str
    title: str
    date: str | None = None  # EDTF
    authors: list[str] = Field(default_factory=list)
    recipients: list[str] = Field(default_factory=list)
    archive: str = ""
    archive_ref: str = ""
    url: str = ""
    doc_type: str = ""
    language_note: str = ""
    credibility: float = DEFAULT_CREDIBILITY
    note: str = ""


class Event(Record):
    id: str
    date: str  # EDTF
    summary: str
    actors: list[str] = Field(default_factory=list)
    kind: str = ""
    sources: list[str] = Field(default_factory=list)
    note: str = ""


class Reading(Record):
    """How one school reads an item: likelihoods that replace the analyst's for that school.

    ``work`` names where the reading comes from; ``note`` says what the school sees in it.
    """

    bears_on: dict[str, dict[str, Likelihood]]
    note: str = ""
    work: str = ""


class Evidence(Record):
    """A passage of a source and what the analyst judges it says about each question.

    ``bears_on`` maps question id -> hypothesis id -> likelihood (words already
    resolved to numbers). ``ach`` holds ratings an analyst set by hand. ``about`` (EDTF)
    is when what the item reports happened (default: its source's date); ``readings``
    maps a school id to that school's own reading of the item.
    """

    id: str
    source: str
    quote: str
    note: str = ""
    credibility: float | None = None
    group: str | None = None
    about: str | None = None
    bears_on: dict[str, dict[str, Likelihood]]
    readings: dict[str, Reading] = Field(default_factory=dict)
    ach: dict[str, dict[str, str]] = Field(default_factory=dict)


class Case(Record):
    id: str
    title: str
    questions: list[Question]
    schools: list[School] = Field(default_factory=list)
    default_school: str | None = None
    actors: list[Actor] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    description: str = ""

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    def school(self, school_id: str) -> School:
        for s in self.schools:
            if s.id == school_id:
                return s
        raise KeyError(school_id)

    def source(self, source_id: str) -> Source:
        for s in self.sources:
            if s.id == source_id:
                return s
        raise KeyError(source_id)

    def credibility_of(self, item: Evidence) -> float:
        """An item's own credibility, else its source's, else the default."""
        if item.credibility is not None:
            return item.credibility
        for s in self.sources:
            if s.id == item.source:
                return s.credibility
        return DEFAULT_CREDIBILITY


class FindingLocation(Record):
    """Where in an essay a finding points: paragraph and sentence (0-based), characters, marker.

    `label` is the same place as a reader counts it ("¶14, sentence 2, [8]"), as the terminal
    and HTML show it.
    """

    paragraph: int | None = None
    sentence: int | None = None
    start: int | None = None
    end: int | None = None
    marker: str | None = None

    def parts(self) -> list[str]:
        """The location as a reader counts: "¶3", "sentence 2", the marker."""
        parts = [f"¶{self.paragraph + 1}"] if self.paragraph is not None else []
        if self.sentence is not None:
            parts.append(f"sentence {self.sentence + 1}")
        return parts + ([self.marker] if self.marker else [])

    @computed_field  # type: ignore[prop-decorator]
    @property
    def label(self) -> str:
        return ", ".join(self.parts())


class FindingEvidence(Record):
    """What a finding rests on: a source (or reference entry) and its own words."""

    source: str | None = None
    url: str | None = None
    quote: str | None = None


class Finding(Record):
    """One thing an audit found in an essay, with the evidence that shows it."""

    kind: str  # reference-mismatch, quote-fidelity, date-mismatch, name-variant, office-mismatch,
    #            content-mismatch, reference-malformed, reference-unused, marker-without-entry,
    #            content-unsupported
    severity: str  # error, warning, info
    location: FindingLocation = Field(default_factory=FindingLocation)
    message: str
    excerpt: str = ""
    evidence: list[FindingEvidence] = Field(default_factory=list)
