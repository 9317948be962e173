"""Known identifiers per document: file name, case id (unless released as is), collector code
from the document's intake event."""

from __future__ import annotations

from sestry.core.settings import Settings
from sestry.custody.ledger import Ledger
from sestry.redaction.profiles import load_profile
from sestry.release.known_ids import collector_codes, known_matchers

DOC = "a" * 64
OTHER = "b" * 64


def _intake(ready: Settings, digest: str, sidecar: dict[str, object] | None) -> None:
    Ledger(ready.ledger_path).append(
        "intake", subject=digest, params={"source_name": "x.txt", "sidecar": sidecar}
    )


def test_collector_codes_come_from_intake_events(ready: Settings) -> None:
    _intake(ready, DOC, {"collected_by": "DOC-QX77", "consent": ["research"]})
    _intake(ready, OTHER, None)
    assert collector_codes(ready, [DOC, OTHER]) == {DOC: "DOC-QX77"}
    assert collector_codes(ready, []) == {}


def test_case_id_is_a_term_only_when_the_profile_does_not_release_it(ready: Settings) -> None:
    _intake(ready, DOC, {"collected_by": "DOC-QX77"})
    doc = {"doc_id": DOC, "source_name": "interview_Kelvish.txt", "case_id": "UA-Zorbanth"}
    research = known_matchers(ready, [doc], load_profile("research"), None)[DOC]
    prosecution = known_matchers(ready, [doc], load_profile("prosecution"), None)[DOC]
    text = "kelvish met Zorbanth; doc-qx77 wrote it down"
    assert research.count(text) == 3
    assert prosecution.count(text) == 2


def test_a_file_number_that_is_part_of_a_released_case_id_is_not_a_term(ready: Settings) -> None:
    doc = {"doc_id": DOC, "source_name": "interview_0412_Kelvish.txt", "case_id": "UA-2022-0412"}
    prosecution = known_matchers(ready, [doc], load_profile("prosecution"), None)[DOC]
    research = known_matchers(ready, [doc], load_profile("research"), None)[DOC]
    assert prosecution.count("UA-2022-0412 Kelvish") == 1
    assert research.count("UA-2022-0412 Kelvish") == 2  # the whole case id, then the name
