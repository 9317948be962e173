"""Sizes and numbers as people read them: kB/MB, a decimal comma in Ukrainian."""

from __future__ import annotations

import pytest

from sestry.reports.numbers import number, seconds, size


@pytest.mark.parametrize(
    ("count", "en", "uk"),
    [
        (0, "0 B", "0 Б"),
        (999, "999 B", "999 Б"),
        (1_000, "1.0 kB", "1,0 кБ"),
        (123_456, "123.5 kB", "123,5 кБ"),
        (3_456_789, "3.5 MB", "3,5 МБ"),
        (7_200_000_000, "7.2 GB", "7,2 ГБ"),
    ],
)
def test_sizes_are_human_in_both_languages(count: int, en: str, uk: str) -> None:
    assert size(count, "en") == en
    assert size(count, "uk") == uk


def test_numbers_follow_the_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    assert number(87.25, 1, "uk") == "87,2"
    assert seconds(12.46, "en") == "12.5 s"
    monkeypatch.setenv("SESTRY_LANG", "uk")
    assert seconds(12.46) == "12,5 с"
    assert size(2_500_000) == "2,5 МБ"
