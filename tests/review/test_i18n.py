"""The workbench's languages: Ukrainian complete, chosen from the browser, switchable."""

from __future__ import annotations

from sestry.review.i18n import WORDS, choose, t


def test_ukrainian_has_every_english_phrase() -> None:
    """Every key has its own Ukrainian in the shared catalog (tests/cli/test_i18n_catalog.py
    checks that no msgid lacks one); here: the workbench really reads it."""
    for key in [*WORDS, "switch"]:
        assert t("uk", key) != t("en", key), key
    assert t("en", "title") == "Redaction review"


def test_language_choice_order() -> None:
    assert choose(None, None, "en-GB,en;q=0.9") == "en"
    assert choose(None, None, "uk-UA,uk;q=0.9,en;q=0.8") == "uk"
    assert choose(None, None, "de-DE") == "uk"
    assert choose("en", "uk", "uk") == "en"
    assert choose(None, "en", "uk") == "en"
    assert t("uk", "approve") == "Схвалити для профілю"
