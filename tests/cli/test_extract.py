"""`sestry extract`: exit 0 with entities (table or JSON Lines), exit 2 on bad input."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sestry.cli import app

pytestmark = pytest.mark.nlp

TEXT = "Мене, Олену Ковальчук, затримали 24 лютого 2022 року. Телефон +380 67 123 45 67.\n"


@pytest.fixture
def testimony(tmp_path: Path) -> Path:
    path = tmp_path / "interview.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_jsonl_lists_every_entity_with_offsets(testimony: Path) -> None:
    result = CliRunner().invoke(app, ["extract", str(testimony), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["label"], r["norm"]) for r in rows] == [
        ("PERSON", "олена ковальчук"),
        ("DATE", "2022-02-24"),
        ("PHONE", "+380671234567"),
    ]
    for row in rows:
        assert set(row) == {"file", "start", "end", "label", "text", "norm", "detector"}
        assert TEXT[row["start"] : row["end"]] == row["text"]
        assert row["file"] == str(testimony)


def test_cp1251_file_is_decoded_like_a_transcript(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes(TEXT.encode("cp1251"))
    result = CliRunner().invoke(app, ["extract", str(path), "--format", "jsonl", "--lang", "uk"])
    assert result.exit_code == 0, result.output
    assert "олена ковальчук" in result.stdout


def test_table_is_the_default(testimony: Path) -> None:
    result = CliRunner().invoke(app, ["extract", str(testimony)])
    assert result.exit_code == 0
    assert "PERSON" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["extract", "{missing}"],
        ["extract", "{file}", "--format", "xml"],
        ["extract", "{file}", "--lang", "de"],
        ["extract", "{binary}"],
    ],
)
def test_bad_input_exits_2(tmp_path: Path, testimony: Path, args: list[str]) -> None:
    binary = tmp_path / "blob.bin"
    binary.write_bytes(bytes(range(256)) * 4)
    mapping = {"missing": tmp_path / "nope.txt", "file": testimony, "binary": binary}
    argv = [a.format(**mapping) for a in args]
    result = CliRunner().invoke(app, argv)
    assert result.exit_code == 2
    assert "Ковальчук" not in result.output


def test_console_script_prints_jsonl(
    sestry_cmd: list[str], subprocess_env: dict[str, str], testimony: Path
) -> None:
    ok = subprocess.run(
        [*sestry_cmd, "extract", str(testimony), "--format", "jsonl"],
        capture_output=True, text=True, env=subprocess_env, check=False,
    )  # fmt: skip
    assert ok.returncode == 0
    assert len(ok.stdout.splitlines()) == 3


def test_console_script_exits_2_on_a_missing_file(
    sestry_cmd: list[str], subprocess_env: dict[str, str], tmp_path: Path
) -> None:
    bad = subprocess.run(
        [*sestry_cmd, "extract", str(tmp_path / "nope.txt")],
        capture_output=True, text=True, env=subprocess_env, check=False,
    )  # fmt: skip
    assert "nope.txt" in bad.stderr
    assert bad.returncode == 2
