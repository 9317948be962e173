"""apply_decisions and approved(): pure functions over entity rows and decisions."""

from __future__ import annotations

from sestry.redaction.decisions import anchor, apply_decisions, approved, span_hash
from sestry.redaction.profiles import load_profile

DOC = "a" * 64
TEXT = "Командир Грім бив мене. Надія була на обмін. Картка 7731-ХК-0925."


def _entity(start: int, end: int, label: str = "PERSON") -> dict:
    return {
        "doc_id": DOC,
        "start": start,
        "end": end,
        "label": label,
        "text": TEXT[start:end],
        "norm": None,
        "detector": "names@4:single",
        "score": 0.9,
        "code": None,
        "oblast": None,
    }


def _decision(action: str, needle: str = "", n: int = 0, **extra: object) -> dict:
    start = TEXT.index(needle) if needle else None
    end = start + len(needle) if needle else None
    span = {"span_b3": span_hash(TEXT, start, end)} if needle else {}
    return {
        "id": f"d{n}",
        "doc_id": DOC,
        "action": action,
        "start": start,
        "end": end,
        "reviewer": "T01",
        "ts": f"2026-01-01T00:00:0{n}Z",
        **span,
        **extra,
    }


GRIM = (TEXT.index("Грім"), TEXT.index("Грім") + 4)
HOPE = (TEXT.index("Надія"), TEXT.index("Надія") + 5)


def test_add_remove_and_role_change_the_rows() -> None:
    prosecution = load_profile("prosecution")
    rows = [_entity(*GRIM), _entity(*HOPE)]
    decisions = [
        _decision("add", "7731-ХК-0925", 1, label="ID_DOC"),
        _decision("remove", "Надія", 2),
        _decision("role", "Грім", 3, role="alleged_perpetrator"),
    ]
    applied = apply_decisions(rows, decisions, {DOC: TEXT}, prosecution)
    labels = {(r["start"], r["end"]): r["label"] for r in applied.entities}
    assert HOPE not in labels
    assert labels[GRIM] == "PERSON/alleged_perpetrator"
    assert prosecution.operator(labels[GRIM]).kind == "keep"
    added = [r for r in applied.entities if r["label"] == "ID_DOC"]
    assert [r["text"] for r in added] == ["7731-ХК-0925"]
    assert added[0]["detector"] == "review@1:T01"
    assert applied.changed == 3
    assert applied.reviewers == {"T01"}


def test_role_without_a_profile_operator_keeps_the_person_operator() -> None:
    research = load_profile("research")
    decisions = [_decision("role", "Грім", 1, role="alleged_perpetrator")]
    applied = apply_decisions([_entity(*GRIM)], decisions, {DOC: TEXT}, research)
    (row,) = applied.entities
    assert row["label"] == "PERSON"
    assert research.operator(row["label"]).kind == "redact"
    assert applied.changed == 0


def test_decision_reanchors_after_text_moved_and_is_stale_when_gone() -> None:
    decision = _decision("add", "7731-ХК-0925", 1, label="ID_DOC")
    moved = "Нове речення спереду. " + TEXT
    start = moved.index("7731-ХК-0925")
    assert anchor(decision, moved) == (start, start + len("7731-ХК-0925"))
    gone = TEXT.replace("7731-ХК-0925", "0000-АА-0000")
    assert anchor(decision, gone) is None
    applied = apply_decisions([], [decision], {DOC: gone}, None)
    assert applied.stale == ["d1"]
    assert applied.entities == []


def test_approval_is_withdrawn_by_a_later_span_decision() -> None:
    approve = _decision("approve", n=1, profile="prosecution")
    assert approved([approve], "prosecution") == {DOC: "T01"}
    assert approved([approve], "research") == {}
    later = _decision("remove", "Надія", 2)
    assert approved([approve, later], "prosecution") == {}
    unapprove = _decision("unapprove", n=3, profile="prosecution")
    assert approved([approve, unapprove], "prosecution") == {}


def test_a_role_keeps_the_persons_pseudonym() -> None:
    from sestry.redaction.pseudonyms import pseudonym

    key = bytes(32)
    assert pseudonym("PERSON/witness", "грім", key) == pseudonym("PERSON", "грім", key)
    assert pseudonym("PERSON", "грім", key).startswith("PERSON-")
