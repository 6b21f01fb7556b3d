"""What a sentence claims, read once per sentence and shared by every check (fontes.audit.evidence.claims)."""

from __future__ import annotations

import datetime as dt

from toy_archive import toy_case, toy_context

from fontes.audit import run_checks
from fontes.audit.context import Audit
from fontes.audit.evidence import claims
from fontes.audit.reading.read import essay_from_text


def claim_of(text: str, sentence: int = 0):
    audit = Audit(case=toy_case()).with_essay(essay_from_text(text))
    return audit.claims[sentence]


def test_a_sentence_names_who_sent_what_to_whom_and_when():
    claim = claim_of("On 4 March 1921 Chancellor Brandt cabled Governor Lenz to hold the harbour.")
    assert claim.sender == "brandt" and claim.recipient == "lenz"
    assert claim.dispatch and "message" in claim.kinds
    assert [(m.earliest, m.latest) for m in claim.dates] == [(dt.date(1921, 3, 4), dt.date(1921, 3, 4))]
    assert [(g.mention.actor, g.office) for g in claim.offices] == [
        ("brandt", "chancellor"),
        ("lenz", "governor"),
    ]


def test_a_passive_message_is_read_the_right_way_round():
    claim = claim_of("On 4 March 1921 Lenz was told by Brandt to hold the harbour.")
    assert (claim.sender, claim.recipient) == ("brandt", "lenz")


def test_names_inside_a_quotation_are_the_sources_words_not_the_essays():
    claim = claim_of("Weber wrote that “Brandt and Lenz must leave the city before the ice breaks” in May.")
    assert claim.actors == {"weber"}
    assert "brandt" not in claim.masked.lower() and len(claim.masked) == len(claim.sentence.text)
    assert len(claim.long_quotations) == 1


def test_a_slip_of_the_spelling_is_a_mention_that_is_not_exact():
    claim = claim_of("The letter reached Karl Webber in August.")
    slips = [m for m in claim.mentions if not m.exact]
    assert [(m.actor, m.text) for m in slips] == [("weber", "Karl Webber")]
    assert claim.exact_mentions == []


def test_a_sentence_of_state_is_not_an_event_on_its_date():
    assert claim_of("By 1 June 1921 the garrison had already left Kessel.").state_at
    assert not claim_of("On 1 June 1921 the garrison left Kessel.").state_at


def test_every_check_reads_each_sentence_once(tmp_path, monkeypatch):
    read = []
    original = claims.read_claim
    monkeypatch.setattr(claims, "read_claim", lambda *args: read.append(args[1]) or original(*args))
    essay = essay_from_text(
        "On 4 March 1921 Brandt cabled Lenz to hold the harbour [1]. Lenz did not reply.\n\n"
        "Weber met Lenz on 12 May 1921 [2].\n\n"
        "References\n\n1. Telegram from Brandt to Lenz, 1921.\n2. A memorandum, 1921."
    )
    run_checks(essay, toy_context(tmp_path))
    assert len(read) == sum(1 for _ in essay.sentences()) == 3


def test_the_documents_a_sentence_fits_are_worked_out_once(tmp_path):
    audit = toy_context(tmp_path).with_essay(essay_from_text("On 4 March 1921 Brandt cabled Lenz [1]."))
    claim = audit.claims[0]
    assert audit.documents(claim) is audit.documents(claim)
    assert audit.cited(claim).source == "kessel-telegram-brandt-lenz-1921-03-04"
