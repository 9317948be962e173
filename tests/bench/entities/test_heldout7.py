"""The held-out scorer's norm column: strict matches with a gold norm, and how many agree."""

from __future__ import annotations

import pytest

from bench.entities.heldout7 import NormTally, evaluate


def test_norm_tally_counts_only_strict_matches_with_a_gold_norm() -> None:
    gold = [
        {"start": 0, "end": 5, "label": "DATE", "norm": "2022-03-05"},  # found, same norm
        {"start": 10, "end": 15, "label": "DATE", "norm": "2022-04-09"},  # found, other norm
        {"start": 20, "end": 25, "label": "DATE", "norm": "2022"},  # found with other offsets
        {"start": 30, "end": 35, "label": "DATE"},  # found, but the gold has no norm
        {"start": 40, "end": 45, "label": "DOB", "norm": "1979"},  # found as DATE: no match
    ]
    found = {
        (0, 5, "DATE"): "2022-03-05",
        (10, 15, "DATE"): "--04-09",
        (20, 26, "DATE"): "2022",
        (30, 35, "DATE"): "2022-05",
        (40, 45, "DATE"): "1979",
    }
    tally = NormTally()
    tally.add(gold, found)
    table = tally.table()
    assert table["DATE"] == {"exact": 0.5, "checked": 2}
    assert "DOB" not in table
    assert table["micro"] == {"exact": 0.5, "checked": 2}


def test_norm_tally_with_nothing_checked_says_zero_of_zero() -> None:
    assert NormTally().table() == {"micro": {"exact": 0.0, "checked": 0}}


@pytest.mark.nlp
def test_evaluate_reports_norm_exact_per_language_and_label() -> None:
    uk = "Нас вивезли 5 березня 2022 року, а повернули 9 березня."
    en = "I was detained on 3 April 2022 and released on 9 April."
    docs = [
        {
            "id": "t-uk",
            "lang": "uk",
            "text": uk,
            "spans": [
                _span(uk, "5 березня 2022 року", "DATE", "2022-03-05"),
                _span(uk, "9 березня", "DATE", "2022-03-09"),
            ],
        },
        {
            "id": "t-en",
            "lang": "en",
            "text": en,
            "spans": [
                _span(en, "3 April 2022", "DATE", "2022-04-03"),
                _span(en, "9 April", "DATE", "2021-04-09"),  # a wrong gold norm: not exact
            ],
        },
    ]
    out = evaluate(docs)
    assert out["uk"]["norm"]["DATE"] == {"exact": 1.0, "checked": 2}
    assert out["en"]["norm"]["DATE"] == {"exact": 0.5, "checked": 2}
    assert out["all"]["norm"]["micro"] == {"exact": 0.75, "checked": 4}
    assert out["all"]["strict"]["DATE"]["recall"] == 1.0
    assert out["ru"]["norm"] == {"micro": {"exact": 0.0, "checked": 0}}


def _span(text: str, surface: str, label: str, norm: str) -> dict[str, object]:
    start = text.index(surface)
    return {"start": start, "end": start + len(surface), "label": label, "norm": norm}
