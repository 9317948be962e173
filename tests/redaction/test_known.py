"""Known identifiers: values from a document's file name, case id and collector code."""

from __future__ import annotations

import pytest

from sestry.redaction.known import known_matcher, known_values, merged_matcher
from sestry.redaction.terms import LeakTerms, Origin, TermMatcher, default_lemmatizer


@pytest.mark.parametrize(
    ("source", "case_id", "code", "expected"),
    [
        ("interview_Kovalenko_0412.txt", None, None, ("Kovalenko", "0412")),
        ("case1/Zorbanth-Kelvish.whisper.json", None, None, ("Zorbanth", "Kelvish")),
        ("scan_uk_2022.png", None, None, ()),
        (None, "UA-2022-Kelvish", None, ("UA-2022-Kelvish", "Kelvish")),
        (None, None, "DOC-AB12", ("DOC-AB12",)),
        ("Коваленко_допит.docx", None, None, ("Коваленко",)),
    ],
)
def test_known_values_keep_names_and_numbers_not_generic_words(
    source: str | None, case_id: str | None, code: str | None, expected: tuple[str, ...]
) -> None:
    assert known_values(source, case_id, code) == expected


def test_known_values_match_any_case_and_inflection() -> None:
    matcher = known_matcher(known_values("Коваленко_Олена.txt"), default_lemmatizer())
    assert matcher is not None
    text = "Я бачила КОВАЛЕНКО і говорила з Оленою, а потім з Коваленком."
    found = [text[h.start : h.end] for h in matcher.find(text)]
    assert found == ["КОВАЛЕНКО", "Оленою", "Коваленком"]


def test_allow_listed_values_and_empty_sources_give_no_matcher() -> None:
    assert known_matcher(known_values("interview_en.txt"), None) is None
    assert known_matcher(["Izium"], None, allow=("izium",)) is None


def test_merged_matcher_finds_both_kinds_of_terms() -> None:
    terms = LeakTerms()
    terms.add_phrase("Ізюм", Origin("LOC", "ізюм", None, None))
    base = TermMatcher(terms)
    extra = known_matcher(["Kelvish"], None)
    merged = merged_matcher(base, extra)
    assert merged.count("Ізюм and Kelvish") == 2
    assert merged_matcher(base, None) is base
    assert base.count("Kelvish") == 0
