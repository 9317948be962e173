"""Bounded spaCy windows: every character covered once, no window or run over its limit."""

from __future__ import annotations

import time

import pytest

from sestry.core.errors import TooLarge
from sestry.extractors.entities import windows
from sestry.extractors.entities.windows import MAX_RUN_CHARS, WINDOW_CHARS


def cover(text: str) -> list[tuple[int, int, str]]:
    out = list(windows.windows(text, [(0, len(text), "uk")]))
    pos = 0
    for start, end, lang in out:  # contiguous, in order, nothing lost or doubled
        assert (start, lang) == (pos, "uk")
        assert 0 < end - start <= WINDOW_CHARS
        pos = end
    assert pos == len(text)
    return out


def test_short_text_is_one_window() -> None:
    assert cover("Свідок розповів.") == [(0, 16, "uk")]


def test_long_text_is_cut_at_paragraphs_or_sentences() -> None:
    paragraph = "Свідок розповів про підвал. " * 30 + "\n\n"
    text = paragraph * 200
    out = cover(text)
    assert len(out) > 1
    for _start, end, _lang in out[:-1]:
        assert text[end - 2 : end] == "\n\n" or text[end - 2 : end - 1] in ".!?"


def test_whitespace_free_runs_are_cut() -> None:
    text = "вступ " + "[" * 30_000 + "]" * 30_000 + " кінець"
    assert max(e - s for s, e, _ in cover(text)) <= max(MAX_RUN_CHARS, 6)


def test_over_the_limit_is_too_large_and_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(windows, "MAX_TEXT_CHARS", 100)
    with pytest.raises(TooLarge, match="limit of 100 characters") as info:
        windows.check_length("а" * 101)
    assert info.value.reason == "too_large"
    windows.check_length("а" * 100)


@pytest.mark.nlp
def test_pipeline_finds_entities_in_every_window_with_document_offsets() -> None:
    from sestry.extractors.entities.pipeline import find_entities

    filler = "Це був звичайний день у місті. " * 1000 + "\n\n"
    text = filler + "Телефон +380 67 123 45 67 записано." + "\n\n" + filler * 3
    text += "[" * 40_000 + "]" * 40_000  # spaCy's tokenizer alone took minutes on this
    started = time.monotonic()
    spans = find_entities(text, "uk")
    assert time.monotonic() - started < 60
    phones = [s for s in spans if "380" in text[s.start : s.end]]
    assert phones, "the phone number in a later window was not found"
    assert all(text[s.start : s.end] == s.text for s in spans)
