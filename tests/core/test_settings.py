"""Settings resolve the data dir from the argument, then $SESTRY_DATA, then the default."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from sestry.core.settings import DATA_ENV, Settings


def test_argument_wins_over_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DATA_ENV, str(tmp_path / "env"))
    assert Settings.load(tmp_path / "arg").data_dir == tmp_path / "arg"


def test_environment_used_without_argument(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_ENV, str(tmp_path / "env"))
    assert Settings.load().data_dir == tmp_path / "env"


def test_paths_follow_the_design_layout(tmp_path: Path) -> None:
    settings = Settings.load(tmp_path)
    assert settings.ledger_path == tmp_path / "ledger" / "custody.jsonl"
    assert settings.vault_dir / "objects" in settings.layout_dirs
    assert settings.keys_dir in settings.layout_dirs


def test_unknown_setting_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValidationError):
        Settings.load(tmp_path, ocr_langs="ukr")
