"""Corpus scoring (exact offsets + label) and the accuracy targets on the committed corpora."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sestry.core.errors import UsageError
from sestry.extractors.entities.base import Span
from sestry.extractors.entities.evaluation import GoldSpan, Scores, evaluate, load_corpus

REPO = Path(__file__).resolve().parents[3]
HANDWRITTEN = Path(__file__).parent / "data" / "handwritten.jsonl"
HELDOUT = Path(__file__).parent / "data" / "heldout.jsonl"
HELDOUT2 = Path(__file__).parent / "data" / "heldout2.jsonl"
HELDOUT3 = Path(__file__).parent / "data" / "heldout3.jsonl"
HELDOUT4 = Path(__file__).parent / "data" / "heldout4.jsonl"
HELDOUT5 = Path(__file__).parent / "data" / "heldout5.jsonl"
SYNTHETIC = [REPO / "data" / "eval" / f"synthetic_{lang}.jsonl" for lang in ("uk", "ru", "en")]


def _span(start: int, end: int, label: str, norm: str | None = None) -> Span:
    return Span(start, end, label, "x", norm, "t@1:x", 1.0)


def test_scores_count_exact_matches_only() -> None:
    scores = Scores()
    gold = [
        GoldSpan(start=0, end=5, label="PERSON", norm="a"),
        GoldSpan(start=6, end=9, label="LOC"),
    ]
    found = [_span(0, 5, "PERSON", "b"), _span(6, 8, "LOC"), _span(10, 12, "DATE")]
    scores.add(gold, found)
    report = scores.report()
    assert report["labels"]["PERSON"] == {
        "precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 1, "tp": 1, "fp": 0, "fn": 0,
    }  # fmt: skip
    assert report["labels"]["LOC"]["recall"] == 0.0
    assert report["labels"]["DATE"]["precision"] == 0.0
    assert report["micro"]["precision"] == round(1 / 3, 4)
    assert report["micro"]["recall"] == 0.5
    assert report["norm"]["PERSON"] == {"checked": 1, "exact": 0, "rate": 0.0}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "no documents"),
        ("{not json\n", "line 1: invalid JSON"),
        ('{"id": "a", "text": "abc", "spans": [{"start": 0, "end": 9, "label": "PERSON"}]}\n',
         "line 1: invalid document: spans.0: span outside the text"),
        ('{"id": "a", "text": "abc", "spans": [{"start": 0, "end": 2, "label": "NAME"}]}\n',
         "line 1: invalid document: spans.0.label: unknown label"),
        ('{"id": "a", "text": "abc"}\n{"id": "b", "text": "abc", "spans": [{"end": 2}]}\n',
         "line 2: invalid document: spans.0.start: missing"),
        ('{"id": "a", "spans": []}\n', "line 1: invalid document: text: "),
        ('{"text": "abc", "label": [[0, 2, "NAME"]]}\n', "line 1: .*spans.0.label: unknown"),
    ],
)  # fmt: skip
def test_bad_corpus_is_refused_without_its_text(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UsageError, match=message) as info:
        load_corpus(path)
    assert "abc" not in str(info.value)


def test_handwritten_set_is_valid_and_covers_every_language() -> None:
    docs = load_corpus(HANDWRITTEN)
    assert {d.lang for d in docs} == {"uk", "ru", "en"}
    sentences = sum(d.text.count(". ") + 1 for d in docs)
    assert sentences >= 60
    for line in HANDWRITTEN.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        for span in doc["spans"]:
            assert (
                doc["text"][span["start"] : span["end"]].strip()
                == doc["text"][span["start"] : span["end"]]
            )


@pytest.mark.nlp
@pytest.mark.parametrize(
    "path", [HANDWRITTEN, HELDOUT, HELDOUT2, HELDOUT3, HELDOUT4, HELDOUT5], ids=lambda p: p.stem
)
def test_targets_on_the_handwritten_sets(path: Path) -> None:
    _assert_targets(evaluate(load_corpus(path)))


@pytest.mark.nlp
@pytest.mark.slow
@pytest.mark.parametrize("path", SYNTHETIC, ids=lambda p: p.stem)
def test_targets_on_the_synthetic_sets(path: Path) -> None:
    _assert_targets(evaluate(load_corpus(path)))


def _assert_targets(report: dict) -> None:
    labels = report["labels"]
    assert labels["PERSON"]["recall"] >= 0.97
    for label in ("PHONE", "EMAIL", "ID_DOC", "TAX_ID"):
        if label in labels:  # a small set may not annotate every label
            assert labels[label]["recall"] >= 0.99, label
    assert labels["DATE"]["recall"] >= 0.95
    assert report["norm"]["DATE"]["rate"] >= 0.95
    assert report["micro"]["precision"] >= 0.9


def _write(tmp_path: Path, lines: list[dict[str, object]]) -> Path:
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), "utf-8")
    return path


def test_extra_keys_are_ignored(tmp_path: Path) -> None:
    line = {"id": "a", "lang": "uk", "text": "Олена тут.", "meta": {"source": "x"},
            "spans": [{"start": 0, "end": 5, "label": "PERSON", "text": "Олена", "norm": "олена"}]}
    (doc,) = load_corpus(_write(tmp_path, [line]))
    assert [(s.start, s.end, s.label, s.norm) for s in doc.spans] == [(0, 5, "PERSON", "олена")]


def test_prodigy_spans_are_read_and_rejected_answers_skipped(tmp_path: Path) -> None:
    accepted = {"text": "Олена тут.", "_input_hash": 17, "_task_hash": 3, "answer": "accept",
                "meta": {"lang": "uk"},
                "spans": [{"start": 0, "end": 5, "label": "PER", "token_start": 0,
                           "token_end": 0, "text": "Олена"}]}
    rejected = {**accepted, "_input_hash": 18, "answer": "reject"}
    (doc,) = load_corpus(_write(tmp_path, [accepted, rejected]))
    assert (doc.id, doc.lang) == ("17", "uk")
    assert [(s.start, s.end, s.label) for s in doc.spans] == [(0, 5, "PERSON")]


@pytest.mark.parametrize(
    "line",
    [
        {"id": 4, "text": "Олена тут.", "label": [[0, 5, "PERSON"]]},
        {"id": 4, "text": "Олена тут.",
         "entities": [{"id": 1, "label": "PERSON", "start_offset": 0, "end_offset": 5}]},
    ],
)
def test_doccano_jsonl_is_read_in_both_shapes(tmp_path: Path, line: dict[str, object]) -> None:
    for fmt in ("auto", "doccano"):
        (doc,) = load_corpus(_write(tmp_path, [line]), fmt)
        assert [(s.start, s.end, s.label) for s in doc.spans] == [(0, 5, "PERSON")]
        assert doc.id == "4"
