"""`sestry eval`: exit 0 with per-label scores (table or JSON), exit 2 on a bad corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sestry.cli import app

pytestmark = pytest.mark.nlp


def _corpus(tmp_path: Path) -> Path:
    text = "Мене, Олену Ковальчук, затримали 24 лютого 2022 року у Мелітополі."
    doc = {
        "id": "d1",
        "lang": "uk",
        "text": text,
        "spans": [
            {"start": 6, "end": 21, "label": "PERSON"},
            {"start": 33, "end": 52, "label": "DATE", "norm": "2022-02-24"},
            {"start": 55, "end": 65, "label": "LOC"},
            {"start": 0, "end": 4, "label": "ORG"},  # a span nothing finds: recall < 1
        ],
    }
    path = tmp_path / "corpus.jsonl"
    path.write_text(json.dumps(doc, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def test_json_report_per_label_and_micro(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", str(_corpus(tmp_path)), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["labels"]["PERSON"]["recall"] == 1.0
    assert report["labels"]["ORG"]["recall"] == 0.0
    assert report["labels"]["ORG"]["support"] == 1
    assert report["micro"]["recall"] == 0.75
    assert report["micro"]["precision"] == 1.0
    assert report["norm"]["DATE"] == {"checked": 1, "exact": 1, "rate": 1.0}
    assert set(report["micro"]) >= {"precision", "recall", "f1", "support"}


def test_table_report(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", str(_corpus(tmp_path))])
    assert result.exit_code == 0
    assert "micro" in result.stdout


@pytest.mark.parametrize("content", [None, "", "not json\n", '{"id": 1}\n'])
def test_bad_corpus_exits_2(tmp_path: Path, content: str | None) -> None:
    path = tmp_path / "bad.jsonl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(path)])
    assert result.exit_code == 2
