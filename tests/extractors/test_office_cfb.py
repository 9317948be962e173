"""Compound files: a password-protected Word file is "encrypted"; a legacy .doc is unsupported."""

from __future__ import annotations

from pathlib import Path

import pytest

from sestry.core.errors import EncryptedItem, UnsupportedFormat
from sestry.extractors.office_cfb import OfficeCompoundFile


def test_password_protected_docx_is_encrypted(run, samples: Path) -> None:
    with pytest.raises(EncryptedItem) as info:
        run(samples / "bad" / "encrypted.docx")
    assert info.value.reason == "encrypted"
    assert "user-secret" not in str(info.value)


def test_extractor_refuses_with_the_reason_directly(samples: Path, settings, make_item) -> None:
    path = samples / "bad" / "encrypted.docx"
    with pytest.raises(EncryptedItem):
        OfficeCompoundFile(settings).extract(path, make_item(path))


def test_legacy_compound_file_is_unsupported(run, tmp_path: Path) -> None:
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024)
    with pytest.raises(UnsupportedFormat) as info:
        run(path)
    assert info.value.reason == "unsupported_format"
