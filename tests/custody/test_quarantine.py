"""Quarantine reasons: a private, atomic reason.json per digest, codes only."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from sestry.core.digest import b3_bytes
from sestry.custody.quarantine import write_reason

DIGEST = b3_bytes(b"item")


def test_write_reason(tmp_path: Path) -> None:
    qdir = tmp_path / "quarantine"
    path = write_reason(qdir, DIGEST, "corrupt", "BadZipFile", "scan_01.pdf", {"pages": 3})
    assert path == qdir / DIGEST / "reason.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    record = json.loads(path.read_text())
    assert record["digest"] == DIGEST
    assert record["reason"] == "corrupt"
    assert record["detail"] == "BadZipFile"
    assert record["source_name"] == "scan_01.pdf"
    assert record["extra"] == {"pages": 3}
    assert record["ts"].endswith("Z")
    write_reason(qdir, DIGEST, "ocr_failed")
    assert json.loads(path.read_text())["reason"] == "ocr_failed"
    assert [p.name for p in path.parent.iterdir()] == ["reason.json"]


def test_write_reason_validates_codes(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="digest"):
        write_reason(tmp_path, "../../x", "corrupt")
    with pytest.raises(ValueError, match="reason"):
        write_reason(tmp_path, DIGEST, "Free text reason")


def test_detail_is_truncated(tmp_path: Path) -> None:
    path = write_reason(tmp_path, DIGEST, "corrupt", "x" * 5000)
    assert len(json.loads(path.read_text())["detail"]) == 500
