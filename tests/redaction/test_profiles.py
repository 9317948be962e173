"""Profiles: committed ones load, missing labels are redacted, broken ones name the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from sestry.core.errors import ProfileError
from sestry.core.settings import Settings
from sestry.redaction.operators import OperatorSpec
from sestry.redaction.profiles import BUNDLED_PROFILES, load_profile
from sestry.schemas.tables import LABELS

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize("name", ["prosecution", "register", "research"])
def test_committed_profiles_load_and_name_every_label(name: str) -> None:
    profile = load_profile(name)
    assert profile.name == name
    assert profile.requires_consent == name
    assert set(profile.labels) == set(LABELS)  # nothing left to the default by accident


def test_every_committed_profile_is_tested() -> None:
    bundled = {p.stem for p in BUNDLED_PROFILES.glob("*.toml")}
    assert bundled == {"prosecution", "register", "research"}


def test_label_missing_from_profile_is_redacted() -> None:
    profile = load_profile(DATA / "missing_label.toml")
    assert profile.operator("LOC") == OperatorSpec("keep")
    for label in set(LABELS) - {"LOC"}:
        assert profile.operator(label) == OperatorSpec("redact")


@pytest.mark.parametrize(
    ("file", "line", "words"),
    [
        ("bad_label.toml", 7, "unknown label 'PERSN'"),
        ("bad_action.toml", 5, "unknown action 'blur'"),
        ("bad_level.toml", 7, "unknown level 'village'"),
        ("bad_key.toml", 3, "colour"),
    ],
)
def test_broken_profile_names_the_line(file: str, line: int, words: str) -> None:
    with pytest.raises(ProfileError) as caught:
        load_profile(DATA / file)
    message = str(caught.value)
    assert f"{file}, line {line}:" in message
    assert words in message
    assert caught.value.exit_code == 2


def _write(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / f"{name}.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_name_must_match_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "alpha", 'name = "beta"\nrequires_consent = "research"\n')
    with pytest.raises(ProfileError, match="line 1: name must be 'alpha'"):
        load_profile(path)


def test_generalize_on_a_label_without_levels_is_refused(tmp_path: Path) -> None:
    body = 'name = "g"\nrequires_consent = "research"\n\n[labels]\nPERSON = "generalize:oblast"\n'
    with pytest.raises(ProfileError, match="line 5: PERSON cannot be generalised"):
        load_profile(_write(tmp_path, "g", body))


def test_term_both_allowed_and_denied_is_refused(tmp_path: Path) -> None:
    body = 'name = "t"\nrequires_consent = "r"\nallow = ["ЗСУ"]\ndeny = ["зсу"]\n'
    with pytest.raises(ProfileError, match="line 4: 1 term"):
        load_profile(_write(tmp_path, "t", body))


def test_invalid_toml_and_unknown_name(tmp_path: Path, settings: Settings) -> None:
    with pytest.raises(ProfileError, match="not valid TOML"):
        load_profile(_write(tmp_path, "x", "name = \n"))
    with pytest.raises(ProfileError, match="no profile named 'nobody'"):
        load_profile("nobody", settings)
    with pytest.raises(ProfileError, match="invalid profile name"):
        load_profile("Bad Name", settings)


def test_data_dir_profile_overrides_committed(settings: Settings) -> None:
    folder = settings.data_dir / "profiles"
    folder.mkdir()
    _write(folder, "research", 'name = "research"\nrequires_consent = "academia"\n')
    assert load_profile("research", settings).requires_consent == "academia"


def test_wrong_value_type_names_the_line(tmp_path: Path) -> None:
    body = 'name = "w"\nrequires_consent = "r"\n[labels]\nLOC = "keep"\nDATE = 3\n'
    with pytest.raises(ProfileError, match="line 5: labels.DATE"):
        load_profile(_write(tmp_path, "w", body))
