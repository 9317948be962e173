"""The console script: every contract command exists, and exit codes reach the shell."""

from __future__ import annotations

import subprocess

CONTRACT_COMMANDS = (
    "init",
    "ingest",
    "extract",
    "eval",
    "redact",
    "handoff",
    "verify",
    "serve",
    "demo",
)


def _run(cmd: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, env=env, check=False, timeout=120)


def test_help_lists_every_contract_command(
    sestry_cmd: list[str], subprocess_env: dict[str, str]
) -> None:
    result = _run([*sestry_cmd, "--help"], subprocess_env)
    assert result.returncode == 0
    for name in CONTRACT_COMMANDS:
        assert name in result.stdout


def test_every_command_has_help(sestry_cmd: list[str], subprocess_env: dict[str, str]) -> None:
    for name in CONTRACT_COMMANDS:
        result = _run([*sestry_cmd, name, "--help"], subprocess_env)
        assert result.returncode == 0, name
        assert "Usage" in result.stdout, name


def test_unknown_command_is_usage_error(
    sestry_cmd: list[str], subprocess_env: dict[str, str]
) -> None:
    assert _run([*sestry_cmd, "no-such-command"], subprocess_env).returncode == 2


def test_a_command_returning_1_exits_1(
    sestry_cmd: list[str], subprocess_env: dict[str, str], tmp_path
) -> None:
    """A verification failure returned by a command must reach the shell as exit 1."""
    data = tmp_path / "d"
    assert _run([*sestry_cmd, "init", "--data", str(data)], subprocess_env).returncode == 0
    ledger = data / "ledger" / "custody.jsonl"
    ledger.write_text(ledger.read_text().replace('"init"', '"edited"', 1))
    assert _run([*sestry_cmd, "verify", "--data", str(data)], subprocess_env).returncode == 1


def test_missing_data_dir_exits_2(
    sestry_cmd: list[str], subprocess_env: dict[str, str], tmp_path
) -> None:
    result = _run([*sestry_cmd, "verify", "--data", str(tmp_path / "absent")], subprocess_env)
    assert result.returncode == 2
    assert "sestry init" in result.stderr


def test_files_a_command_creates_are_private(
    sestry_cmd: list[str], subprocess_env: dict[str, str], tmp_path
) -> None:
    """Nothing `sestry init` writes (layout, keys, ledger) is readable by other users."""
    data = tmp_path / "d"
    assert _run([*sestry_cmd, "init", "--data", str(data)], subprocess_env).returncode == 0
    for path in data.rglob("*"):
        assert path.stat().st_mode & 0o077 == 0, path
