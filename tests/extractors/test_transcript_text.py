"""Plain-text transcripts in every committed encoding: text, speakers, turns, offsets."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sestry.extractors.transcript_text import segment_turns

from .conftest import EXPECTED

TXT = sorted(n for n, e in EXPECTED.items() if n.endswith(".txt") and e.get("encodings"))


@pytest.mark.parametrize("name", TXT)
def test_txt_sample(run, samples: Path, name: str) -> None:
    exp = EXPECTED[name]
    result = run(samples / name)
    assert (result.kind, result.method) == ("transcript", "transcript")
    assert unicodedata.is_normalized("NFC", result.text)
    for sentence in exp["sentences"]:
        assert sentence in result.text
    encoding = next(n.split(":", 1)[1] for n in result.notes if n.startswith("encoding:"))
    assert encoding in exp["encodings"]
    assert len(result.segments) == exp["segments"]
    assert sorted({s.speaker for s in result.segments}) == exp["speakers"]
    assert result.attempts == ("transcript_text@1",)


def test_all_encodings_of_a_language_give_the_same_text(run, samples: Path) -> None:
    for lang in ("uk", "ru", "en"):
        texts = {run(samples / n).text for n in TXT if n.startswith(f"interview_{lang}")}
        assert len(texts) == 1, lang


def test_segments_span_utterances_after_labels(run, samples: Path) -> None:
    result = run(samples / "interview_uk_cp1251.txt")
    first, second = result.segments[:2]
    assert first.speaker == "Інтерв'юер"
    assert result.text[first.start : first.end] == "Добрий день. Назвіть, будь ласка, своє ім'я."
    assert second.speaker == "Свідок"
    assert result.text[second.start : second.end].startswith("Мене звати")


def test_unlabelled_text_is_cut_into_paragraphs() -> None:
    text = "Перший абзац.\nЙого продовження.\n\nДругий абзац.\n"
    segments = segment_turns(text)
    assert [text[s.start : s.end] for s in segments] == [
        "Перший абзац.\nЙого продовження.",
        "Другий абзац.",
    ]
    assert all(s.speaker is None for s in segments)


def test_continuation_lines_stay_in_the_turn_and_timestamps_are_kept() -> None:
    text = "[00:00:05] Свідок: Мене забрали.\nПотім повезли.\n\n[00:00:09] Q: Куди?\r\n"
    segments = segment_turns(text)
    assert len(segments) == 2
    assert text[segments[0].start : segments[0].end] == "Мене забрали.\nПотім повезли."
    assert (segments[0].speaker, segments[0].t_start) == ("Свідок", 5.0)
    assert (segments[1].speaker, segments[1].t_start) == ("Q", 9.0)
    assert text[segments[1].start : segments[1].end] == "Куди?"


def test_whitespace_only_file_is_empty(run, tmp_path: Path) -> None:
    from sestry.core.errors import EmptyItem

    path = tmp_path / "blank.txt"
    path.write_text(" \n\n\t\n", encoding="utf-8")
    with pytest.raises(EmptyItem):
        run(path)


LABELS = st.sampled_from(["Свідок", "Q", "A", "Інтерв'юер", "WITNESS", "Оксана Петренко", None])
UTTERANCES = st.text(
    alphabet=st.sampled_from(list("абвгдеєжзиіїйклмнопрстуфхцчшщьюяґ ABCxyz.,!?0123456789")),
    min_size=1,
    max_size=40,
).filter(lambda t: t.strip())


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(LABELS, UTTERANCES), min_size=1, max_size=12), st.booleans())
def test_turn_segments_are_ordered_and_trimmed(turns, blank_lines) -> None:
    sep = "\n\n" if blank_lines else "\n"
    text = sep.join(f"{who}: {what}" if who else what for who, what in turns)
    segments = segment_turns(text)
    assert segments
    ends = 0
    for seg in segments:
        body = text[seg.start : seg.end]
        assert seg.start >= ends
        assert body
        assert body == body.strip()
        ends = seg.end
    labelled = sum(1 for who, _ in turns if who)
    assert sum(1 for s in segments if s.speaker) == labelled
