"""Shared fixtures: a fresh data dir per test, and the path of the `sestry` command."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from sestry.core.settings import Settings

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "data" / "samples"


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests read English words whatever the machine's locale; the Ukrainian tests ask for it."""
    monkeypatch.setenv("SESTRY_LANG", "en")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty folder to use as --data (not yet initialised)."""
    path = tmp_path / "data"
    path.mkdir(mode=0o700)
    return path


@pytest.fixture
def settings(data_dir: Path) -> Settings:
    return Settings.load(data_dir)


@pytest.fixture(scope="session")
def sestry_cmd() -> list[str]:
    """argv prefix that runs the installed `sestry` console script as a subprocess."""
    exe = Path(sys.executable).with_name("sestry")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("sestry")
    assert found, "the sestry console script is not installed (pip install -e .)"
    return [found]


@pytest.fixture
def subprocess_env(tmp_path: Path) -> dict[str, str]:
    """Environment for subprocess runs: Prefect home in a temp folder, no colour codes."""
    env = dict(os.environ)
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")
    env["NO_COLOR"] = "1"
    env["COLUMNS"] = "200"
    env["SESTRY_LANG"] = "en"  # English words whatever the machine's locale (tests match them)
    return env
