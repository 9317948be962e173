"""The recognizers' speed-ups must not change what they find.

`PatternRecognizer.NEEDS` skips a pattern on a text where its required part occurs nowhere, and
`dates._alternation` regroups the month and day-word alternations: both are only correct while
every match contains the required part and the grouped alternation matches what the plain one
does. These tests check that on the committed corpora plus planted examples of each pattern.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sestry.extractors.entities import dates
from sestry.extractors.entities.base import PatternRecognizer
from sestry.extractors.entities.registry import recognizers

DATA = Path(__file__).parent / "data"
PLANTED = (
    "Паспорт серії 12 34 567890 та ID-картка № 123456789, закордонний паспорт 12 3456789, "
    "passport AB 1234567. РНОКПП 1234567890. Прийшли о 14:30, близько 9.15, at 7 pm, о 8 годині "
    'ранку, з 9 до 11 години. ТОВ «Ромашка» і БФ "Надія". 24 лютого 2022 року, March 3, 2023, '
    "дванадцятого березня, the third of May 1990, весною 2022, в мае, 1-5 квітня."
)


def _texts() -> list[str]:
    texts = [PLANTED]
    for path in sorted(DATA.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts


TEXTS = _texts()


def test_every_match_contains_what_its_pattern_needs() -> None:
    checked = 0
    for rec in recognizers():
        if not isinstance(rec, PatternRecognizer) or not rec.NEEDS:
            continue
        assert rec._compiled is not None
        names = {p.name for p, _rx in rec._compiled}
        assert set(rec.NEEDS) <= names, "NEEDS names a pattern that does not exist"
        for pattern, rx in rec._compiled:
            needs = rec.NEEDS.get(pattern.name)
            if needs is None:
                continue
            for text in TEXTS:
                for m in rx.finditer(text):
                    assert needs.search(m.group()), (type(rec).__name__, pattern.name)
                    checked += 1
    assert checked >= 10  # the planted text exercises the guarded patterns


def _plain(alternatives: list[str]) -> str:
    return "(?:" + "|".join(alternatives) + ")"


@pytest.mark.parametrize(
    "alternatives",
    [
        [re.escape(f) for f in sorted(dates.MONTHS, key=len, reverse=True)],
        ["березня", "берез", "бер", "лютого", "Лют", "may", "march", "mar"],
    ],
)
def test_grouped_alternation_matches_like_the_plain_one(alternatives: list[str]) -> None:
    grouped = re.compile(rf"(?<!\w){dates._alternation(alternatives)}", re.IGNORECASE)
    plain = re.compile(rf"(?<!\w){_plain(alternatives)}", re.IGNORECASE)
    hits = 0
    for text in TEXTS:
        got = [m.span() for m in grouped.finditer(text)]
        assert got == [m.span() for m in plain.finditer(text)]
        hits += len(got)
    assert hits > 0


def test_grouped_alternation_refuses_a_non_letter_start() -> None:
    with pytest.raises(ValueError, match="start with a letter"):
        dates._alternation([r"\d+"])
