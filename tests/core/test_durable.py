"""The one durable writer: all or nothing, no temp file left, never an accidental overwrite."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from sestry.core import durable


def _temps(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if durable.is_temp_name(p.name)]


def test_write_atomic_replaces_and_sets_mode(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "er" / "file.bin"
    durable.write_atomic(target, b"one")
    durable.write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert stat.S_IMODE(target.stat().st_mode) == durable.FILE_MODE
    assert stat.S_IMODE(target.parent.stat().st_mode) == durable.DIR_MODE
    assert _temps(target.parent) == []


def test_failed_stream_leaves_old_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "table.parquet"
    durable.write_atomic(target, b"complete")

    class Boom(Exception):
        pass

    def write_half() -> None:
        with durable.durable_writer(target) as sink:
            sink.write(b"half")
            raise Boom

    with pytest.raises(Boom):
        write_half()
    assert target.read_bytes() == b"complete"
    assert _temps(tmp_path) == []


def test_create_exclusive_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "key"
    durable.create_exclusive(target, b"first")
    with pytest.raises(FileExistsError):
        durable.create_exclusive(target, b"second")
    assert target.read_bytes() == b"first"
    assert _temps(tmp_path) == []


def test_write_json_is_sorted_utf8_with_newline(tmp_path: Path) -> None:
    path = durable.write_json(tmp_path / "r.json", {"b": "Київ", "a": 1})
    text = path.read_text(encoding="utf-8")
    assert text.endswith("}\n")
    assert "Київ" in text
    assert list(json.loads(text)) == ["a", "b"]


def test_unlink_durable_ignores_missing(tmp_path: Path) -> None:
    target = durable.write_atomic(tmp_path / "x", b"x")
    durable.unlink_durable(target)
    durable.unlink_durable(target)
    assert not target.exists()


def test_temp_names_are_recognised(tmp_path: Path) -> None:
    name = durable.temp_path(tmp_path, "stem-").name
    assert durable.is_temp_name(name)
    assert not durable.is_temp_name("documents.parquet")
    assert not os.path.exists(tmp_path / name)
