"""`sestry review` usage errors through the real CLI: exit 2 with one clear line."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest


def sestry(cmd: list[str], args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - fixed argv
        [*cmd, *args], capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--host", "0.0.0.0"], "--allow-remote"),
        (["--reviewer", "two words"], "--reviewer"),
        (["--profile", "nosuch"], "no profile named"),
        (["--export", "a.jsonl", "--import", "b.jsonl"], "not both"),
    ],
)
def test_review_usage_errors_exit_2(
    sestry_cmd: list[str], data_dir: Path, args: list[str], says: str
) -> None:
    assert sestry(sestry_cmd, ["init", "--data", str(data_dir)]).returncode == 0
    result = sestry(sestry_cmd, ["review", "--data", str(data_dir), *args])
    assert result.returncode == 2
    assert says in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_import_of_unknown_document_writes_nothing(
    sestry_cmd: list[str], data_dir: Path, tmp_path: Path
) -> None:
    assert sestry(sestry_cmd, ["init", "--data", str(data_dir)]).returncode == 0
    bad = tmp_path / "in.jsonl"
    bad.write_text('{"id": "' + "e" * 64 + '", "spans": []}\n', encoding="utf-8")
    result = sestry(sestry_cmd, ["review", "--data", str(data_dir), "--import", str(bad)])
    assert result.returncode == 2
    assert "line 1: unknown id" in result.stderr
    assert not (data_dir / "annotations").exists()
