"""`--export` / `--import`: the evaluation format plus roles and approvals; import is strict and
atomic (one bad line refuses the file, nothing written)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sestry.core.errors import UsageError
from sestry.core.settings import Settings
from sestry.custody.keys import init_layout
from sestry.custody.ledger import Ledger
from sestry.review.exchange import export_jsonl, import_jsonl
from sestry.schemas.annotations import read_decisions
from tests.release_support import make_dataset


@pytest.fixture
def ready(tmp_path: Path) -> tuple[Settings, list[str]]:
    settings = Settings.load(tmp_path / "data")
    init_layout(settings)
    return settings, make_dataset(settings.data_dir, 2)


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_export_then_import_of_corrections(
    ready: tuple[Settings, list[str]], tmp_path: Path
) -> None:
    settings, ids = ready
    out = tmp_path / "review.jsonl"
    assert export_jsonl(settings, out, "prosecution") == 2
    lines = _lines(out)
    assert {line["id"] for line in lines} == set(ids)
    assert all(line["approved"] == [] for line in lines)
    first = lines[0]
    person = next(s for s in first["spans"] if s["label"] == "PERSON")
    phone = next(s for s in first["spans"] if s["label"] == "PHONE")
    first["spans"].remove(phone)  # a false alarm
    person["role"] = "witness"
    first["spans"].append({"start": 0, "end": 3, "label": "ID_DOC"})  # a missed identifier
    first["approved"] = ["prosecution"]
    del first["text"]  # may be omitted
    events_before = Ledger(settings.ledger_path).count()
    back = tmp_path / "back.jsonl"
    back.write_text(json.dumps(first, ensure_ascii=False) + "\n", encoding="utf-8")
    assert import_jsonl(settings, back, "T02") == {"documents": 1, "decisions": 4}
    assert Ledger(settings.ledger_path).count() == events_before + 4
    again = tmp_path / "again.jsonl"
    export_jsonl(settings, again)
    (line,) = [x for x in _lines(again) if x["id"] == first["id"]]
    assert line["approved"] == ["prosecution"]
    assert {"start": 0, "end": 3, "label": "ID_DOC"} in line["spans"]
    assert all(s["label"] != "PHONE" for s in line["spans"])
    assert {**person} in line["spans"]
    assert import_jsonl(settings, again, "T02")["decisions"] == 0  # idempotent
    from sestry.extractors.entities.evaluation import load_corpus

    assert len(load_corpus(again)) == 2  # reviewed documents are an evaluation set


def test_bad_line_refuses_the_whole_file(ready: tuple[Settings, list[str]], tmp_path: Path) -> None:
    settings, ids = ready
    good = {"id": ids[0], "spans": [{"start": 0, "end": 3, "label": "ID_DOC"}]}
    bad_offsets = {"id": ids[1], "spans": [{"start": 5, "end": 999999, "label": "PERSON"}]}
    unknown = {"id": "f" * 64, "spans": []}
    path = tmp_path / "in.jsonl"
    path.write_text(
        "\n".join(json.dumps(x) for x in (good, bad_offsets, unknown)) + "\n", encoding="utf-8"
    )
    events_before = Ledger(settings.ledger_path).count()
    with pytest.raises(UsageError) as caught:
        import_jsonl(settings, path, "T02")
    message = str(caught.value)
    assert "line 2, span 1: offsets out of range" in message
    assert "line 3: unknown id" in message
    assert read_decisions(settings.data_dir) == []
    assert Ledger(settings.ledger_path).count() == events_before
