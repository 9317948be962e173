"""One-line messages with the README's exit codes for the mistakes of issue 11 (no tracebacks)."""

from __future__ import annotations

import errno
import subprocess
import time
from pathlib import Path

import pytest

from sestry import cli
from sestry.core.settings import Settings
from sestry.custody.keys import init_layout
from tests.release_support import make_dataset


def sestry(cmd: list[str], args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - fixed argv
        [*cmd, *args], env=env, capture_output=True, text=True, timeout=300
    )


def one_line(result: subprocess.CompletedProcess) -> str:
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr[-2000:]
    return lines[0]


def test_init_on_a_file_exits_2(
    sestry_cmd: list[str], subprocess_env: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "a-file"
    path.write_text("x")
    result = sestry(sestry_cmd, ["init", "--data", str(path)], subprocess_env)
    assert result.returncode == 2
    assert "is a file, not a folder" in one_line(result)


def test_non_utf8_profile_exits_2(
    sestry_cmd: list[str], subprocess_env: dict[str, str], settings: Settings, tmp_path: Path
) -> None:
    init_layout(settings)
    profile = tmp_path / "latin.toml"
    profile.write_bytes('name = "caf\xe9"\n'.encode("latin-1"))
    args = ["redact", "--profile", str(profile), "--data", str(settings.data_dir)]
    result = sestry(sestry_cmd, args, subprocess_env)
    assert result.returncode == 2
    assert "not UTF-8" in one_line(result)


def test_serve_with_a_bad_cron_exits_2_before_serving(
    sestry_cmd: list[str], subprocess_env: dict[str, str], settings: Settings
) -> None:
    init_layout(settings)
    args = ["serve", "--cron", "every monday", "--data", str(settings.data_dir)]
    result = sestry(sestry_cmd, args, subprocess_env)
    assert result.returncode == 2
    assert "serving" not in result.stdout
    assert "0 2 * * 1" in one_line(result)


@pytest.mark.ocr
@pytest.mark.parametrize(
    ("address", "said"),
    [("tcp://127.0.0.1:9", "cannot reach the Dask scheduler"), ("not-an-address", "tcp://")],
)
def test_bad_dask_address_fails_fast(
    sestry_cmd: list[str], subprocess_env: dict[str, str], settings: Settings, address: str, said
) -> None:
    init_layout(settings)
    (settings.inbox / "a.txt").write_text("Розповідь.\n")
    started = time.monotonic()
    args = ["ingest", "--data", str(settings.data_dir), "--dask-address", address]
    result = sestry(sestry_cmd, args, subprocess_env)
    assert result.returncode == 2
    assert said in one_line(result)
    assert time.monotonic() - started < 20
    assert (settings.inbox / "a.txt").is_file()


@pytest.mark.parametrize("command", ["redact", "handoff"])
def test_redact_and_handoff_of_nothing_exit_1(
    sestry_cmd: list[str], subprocess_env: dict[str, str], settings: Settings, command: str
) -> None:
    init_layout(settings)
    args = [command, "--profile", "register", "--data", str(settings.data_dir)]
    result = sestry(sestry_cmd, args, subprocess_env)
    assert result.returncode == 1
    assert "run sestry ingest first" in one_line(result)
    assert not list(settings.releases_dir.iterdir())


def test_redact_case_matching_nothing_exits_1(
    sestry_cmd: list[str], subprocess_env: dict[str, str], settings: Settings
) -> None:
    init_layout(settings)
    make_dataset(settings.data_dir, 2)
    args = ["redact", "--profile", "register", "--data", str(settings.data_dir)]
    result = sestry(sestry_cmd, [*args, "--case", "NO-SUCH-CASE-Олена"], subprocess_env)
    assert result.returncode == 1
    line = one_line(result)
    assert "--case matched no document" in line
    assert "Олена" not in line + result.stdout  # the value typed is not echoed
    assert "validation passed" not in result.stdout


def test_full_disk_is_one_line_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def full() -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(cli, "app", full)
    with pytest.raises(SystemExit) as info:
        cli.main()
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "the disk is full" in err
    assert len(err.strip().splitlines()) == 1


def test_extract_over_the_text_limit_is_one_line(
    sestry_cmd: list[str], subprocess_env: dict[str, str], tmp_path: Path
) -> None:
    """Over the documented limit: `too_large` naming it, not spaCy's E088 traceback."""
    from sestry.extractors.entities.windows import MAX_TEXT_CHARS

    path = tmp_path / "long.txt"
    path.write_text("слово " * (MAX_TEXT_CHARS // 6 + 1), "utf-8")
    result = sestry(sestry_cmd, ["extract", str(path)], subprocess_env)
    assert result.returncode == 2
    line = one_line(result)
    assert "TooLarge" in line
    assert f"{MAX_TEXT_CHARS:,} characters" in line
