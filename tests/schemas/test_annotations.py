"""The annotations table: append-only durable files, strict fields."""

from __future__ import annotations

from pathlib import Path

import pytest

from sestry.schemas.annotations import AnnotationError, append_decision, read_decisions

DOC = "b" * 64


def _decision(**extra: object) -> dict:
    return {
        "doc_id": DOC,
        "action": "add",
        "start": 3,
        "end": 8,
        "label": "ID_DOC",
        "reviewer": "T01",
        "ts": "2026-01-01T00:00:00.000001Z",
        **extra,
    }


def test_decisions_append_and_read_back_in_order(tmp_path: Path) -> None:
    first, path = append_decision(tmp_path, _decision())
    second, _ = append_decision(
        tmp_path, _decision(ts="2026-01-01T00:00:01.000000Z", action="remove")
    )
    assert path.stat().st_mode & 0o777 == 0o600
    assert [d["id"] for d in read_decisions(tmp_path)] == [first["id"], second["id"]]
    assert read_decisions(tmp_path, {"c" * 64}) == []
    with pytest.raises(FileExistsError):  # never overwritten
        append_decision(tmp_path, _decision(id=first["id"]))


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"doc_id": "x"}, "doc_id"),
        ({"action": "edit"}, "action"),
        ({"reviewer": "has space"}, "reviewer"),
        ({"role": "boss"}, "role"),
        ({"start": 8, "end": 3}, "offsets"),
    ],
)
def test_bad_decisions_are_refused(tmp_path: Path, bad: dict, field: str) -> None:
    with pytest.raises(AnnotationError, match=field):
        append_decision(tmp_path, _decision(**bad))
    assert read_decisions(tmp_path) == []
