"""Speaker labels and timestamps at a transcript line's start."""

from __future__ import annotations

import pytest

from sestry.extractors.speakers import parse_line_head, parse_time


@pytest.mark.parametrize(
    ("line", "speaker", "t_start", "content"),
    [
        ("Інтерв'юер: Добрий день.", "Інтерв'юер", None, "Добрий день."),
        ("С: Так.", "С", None, "Так."),
        ("Свідок:  Мене забрали.", "Свідок", None, "Мене забрали."),
        ("Интервьюер: Здравствуйте.", "Интервьюер", None, "Здравствуйте."),
        ("Q: Your name?", "Q", None, "Your name?"),
        ("WITNESS: Marta.", "WITNESS", None, "Marta."),
        ("Оксана Петренко: я була там", "Оксана Петренко", None, "я була там"),
        ("[00:01:02] A: yes", "A", 62.0, "yes"),
        ("(01:02.5) Q: when?", "Q", 62.5, "when?"),
        ("00:10:00 WITNESS: no", "WITNESS", 600.0, "no"),
        ("Це було так: вони прийшли", None, None, "Це було так: вони прийшли"),
        ("12:30 ми вийшли з дому", None, None, "12:30 ми вийшли з дому"),
        ("Q:no space", None, None, "Q:no space"),
        ("Note 2: numbers are not labels", None, None, "Note 2: numbers are not labels"),
    ],
)
def test_line_heads(line: str, speaker: str | None, t_start: float | None, content: str) -> None:
    head = parse_line_head(line)
    assert head.speaker == speaker
    assert head.t_start == t_start
    assert line[head.content_start :].strip() == content


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("00:00:01,500", 1.5), ("01:02:03.004", 3723.004), ("02:03", 123.0), ("x", None)],
)
def test_parse_time(text: str, seconds: float | None) -> None:
    assert parse_time(text) == seconds
