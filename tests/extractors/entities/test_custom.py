"""Custom recognizers from TOML: loaded, validated at load time, broken files refused (exit 2)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sestry.core.errors import ConfigError
from sestry.extractors.entities import custom, registry
from sestry.extractors.entities.pipeline import find_entities

GOOD = """
[[recognizer]]
name = "camp_number"
version = "2"
label = "ID_DOC"
languages = ["uk"]
[[recognizer.pattern]]
name = "camp"
regex = '(?i)табір\\s+№\\s*(?P<ent>\\d{3})'
score = 0.8
"""

BROKEN = {
    "bad_regex": GOOD.replace("(?P<ent>", "(?P<ent"),
    "unknown_label": GOOD.replace('"ID_DOC"', '"PASSPORT"'),
    "extra_field": GOOD.replace('version = "2"', 'version = "2"\ncolour = "red"'),
    "score_above_one": GOOD.replace("score = 0.8", "score = 1.8"),
    "bad_language": GOOD.replace('["uk"]', '["de"]'),
    "no_patterns": GOOD.split("[[recognizer.pattern]]")[0],
    "empty_match": re.sub(r"regex = '.*'", "regex = 'x*'", GOOD),
    "not_toml": "[[recognizer]\nname=",
    "duplicate_names": GOOD + GOOD,
    "shadows_builtin": GOOD.replace('name = "camp_number"', 'name = "phone"'),
}


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "recognizers.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_custom_recognizer_is_loaded(tmp_path: Path) -> None:
    (rec,) = custom.load(_write(tmp_path, GOOD))
    spans = list(rec.find("Нас тримали: табір № 204.", "uk"))
    assert [(s.text, s.label, s.detector) for s in spans] == [
        ("204", "ID_DOC", "camp_number@2:camp")
    ]


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_file_is_refused_at_load(tmp_path: Path, case: str, monkeypatch) -> None:  # noqa: ANN001
    path = _write(tmp_path, BROKEN[case])
    monkeypatch.setenv(registry.CUSTOM_ENV, str(path))
    registry.recognizers.cache_clear()
    try:
        with pytest.raises(ConfigError) as info:
            registry.recognizers()
        assert info.value.exit_code == 2
        assert str(path) in str(info.value)
    finally:
        monkeypatch.delenv(registry.CUSTOM_ENV)
        registry.recognizers.cache_clear()


@pytest.mark.nlp
def test_custom_recognizer_runs_in_the_pipeline(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv(registry.CUSTOM_ENV, str(_write(tmp_path, GOOD)))
    registry.recognizers.cache_clear()
    try:
        spans = find_entities("Нас тримали: табір № 204.", "uk")
        assert ("ID_DOC", "204") in {(s.label, s.text) for s in spans}
    finally:
        monkeypatch.delenv(registry.CUSTOM_ENV)
        registry.recognizers.cache_clear()
    assert not [s for s in find_entities("Нас тримали: табір № 204.", "uk") if s.text == "204"]


def test_shipped_file_is_valid_and_adds_nothing() -> None:
    assert custom.load(registry.CUSTOM_FILE) == ()
