"""Whisper JSON: segments with seconds, words with exact offsets, WhisperX speakers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sestry.core.errors import CorruptItem

from .conftest import EXPECTED

WHISPER = sorted(n for n in EXPECTED if n.endswith(".whisper.json"))


@pytest.mark.parametrize("name", WHISPER)
def test_whisper_sample(run, samples: Path, name: str) -> None:
    exp = EXPECTED[name]
    result = run(samples / name)
    source = json.loads((samples / name).read_text("utf-8"))
    assert result.kind == "transcript"
    assert result.attempts == ("transcript_whisper@1",)
    for sentence in exp["sentences"]:
        assert sentence in result.text
    assert len(result.segments) == exp["segments"]
    assert sorted({s.speaker for s in result.segments if s.speaker}) == exp["speakers"]
    for seg, src in zip(result.segments, source["segments"], strict=True):
        assert (seg.t_start, seg.t_end) == (src["start"], src["end"])


def test_whisper_words_index_the_text(run, samples: Path) -> None:
    result = run(samples / "interview_uk.whisper.json")
    source = json.loads((samples / "interview_uk.whisper.json").read_text("utf-8"))
    tokens = [w["word"].strip() for s in source["segments"] for w in s["words"]]
    assert [result.text[w.start : w.end] for w in result.words] == tokens
    assert all(
        w.page == 0 and w.width == 0 and w.confidence == pytest.approx(90.0) for w in result.words
    )


@pytest.mark.parametrize(
    "body",
    [
        '{"segments": [1, 2]}',
        '{"segments": [{"start": "soon", "end": 2, "text": "x"}]}',
        '{"segments": [{"start": NaN, "end": 2, "text": "x"}]}',
    ],
)
def test_malformed_whisper_is_corrupt(run, tmp_path: Path, body: str) -> None:
    path = tmp_path / "w.json"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(CorruptItem) as info:
        run(path)
    assert "x" not in str(info.value).split()  # no content in the message


def test_truncated_json_is_kept_as_plain_text(run, tmp_path: Path) -> None:
    """Not valid JSON, so not Whisper: its text is still preserved, as a plain transcript."""
    path = tmp_path / "w.json"
    path.write_text('{"segments": [{"start": 1, "end": 2, "text": "x"}]', encoding="utf-8")
    result = run(path)
    assert result.attempts == ("transcript_text@1",)
    assert "extension_mismatch" in result.notes
