"""Bundled profiles and samples resolve through importlib.resources (wheel or checkout)."""

from __future__ import annotations

from sestry.core.languages import DOCUMENT_LANGUAGES, LANGUAGES, OCR_LANGUAGES, TESSERACT_CODES
from sestry.core.resources import profiles_dir, samples_dir


def test_bundled_profiles_and_samples_are_found() -> None:
    bundled = {p.stem for p in profiles_dir().glob("*.toml")}
    assert bundled >= {"prosecution", "register", "research"}
    assert (samples_dir() / "EXPECTED.json").is_file()


def test_languages_are_defined_once_and_agree() -> None:
    assert set(TESSERACT_CODES) == set(LANGUAGES)
    assert {*LANGUAGES, "mixed"} == DOCUMENT_LANGUAGES
    assert OCR_LANGUAGES.split("+")[0] == TESSERACT_CODES[LANGUAGES[0]]
