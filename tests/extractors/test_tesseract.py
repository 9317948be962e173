"""Tesseract dependencies: the start-up check with its fix, versions and digests for the ledger."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from sestry.core.errors import MissingDependency
from sestry.core.settings import Settings
from sestry.extractors import registry, tesseract

pytestmark = pytest.mark.ocr


def test_check_passes_with_ukr_rus_eng(settings: Settings) -> None:
    registry.check(settings)


def test_missing_tesseract_binary_names_the_fix(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(MissingDependency) as info:
        registry.check(settings)
    assert "apt-get install tesseract-ocr" in str(info.value)
    assert info.value.exit_code == 2


def test_missing_language_data_names_the_package(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder, _ = tesseract.available_languages()
    assert folder is not None
    only_eng = tmp_path / "tessdata"
    only_eng.mkdir()
    shutil.copy(folder / "eng.traineddata", only_eng)
    monkeypatch.setenv("TESSDATA_PREFIX", str(only_eng))
    with pytest.raises(MissingDependency) as info:
        registry.check(settings)
    message = str(info.value)
    assert "tesseract-ocr-ukr" in message
    assert "tesseract-ocr-rus" in message
    assert "tesseract-ocr-eng" not in message


def test_versions_carry_b3sum_digests_of_traineddata(settings: Settings) -> None:
    versions = registry.tesseract_versions(settings)
    folder, _ = tesseract.available_languages()
    assert versions["tesseract"] == tesseract.tesseract_version()
    for code in ("ukr", "rus", "eng"):
        b3sum = subprocess.run(
            ["b3sum", "--no-names", str(folder / f"{code}.traineddata")],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        assert versions[f"tessdata/{code}"] == b3sum


@pytest.mark.parametrize(
    ("hint", "order"),
    [
        ("en", "eng+ukr+rus"),
        ("ru", "rus+ukr+eng"),
        ("uk", "ukr+rus+eng"),
        ("mixed", "ukr+rus+eng"),
        (None, "ukr+rus+eng"),
    ],
)
def test_language_hint_goes_first(hint: str | None, order: str) -> None:
    assert tesseract.languages_for("ukr+rus+eng", hint) == order


def test_hint_never_adds_a_language() -> None:
    assert tesseract.languages_for("ukr+rus", "en") == "ukr+rus"


def test_language_data_is_checked_against_the_debian_md5sums(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A damaged traineddata (same name, other bytes) is refused with the reinstall command."""
    import hashlib

    data = tmp_path / "tessdata" / "ukr.traineddata"
    data.parent.mkdir()
    data.write_bytes(b"genuine language model bytes")
    info = tmp_path / "info"
    info.mkdir()
    md5 = hashlib.md5(data.read_bytes()).hexdigest()  # noqa: S324 - Debian's own format
    listing = f"{md5}  {str(data).lstrip('/')}\n0000  usr/share/doc/x\n"
    (info / "tesseract-ocr-ukr.md5sums").write_text(listing)
    monkeypatch.setattr(tesseract, "DPKG_INFO", info)
    assert tesseract.matches_package(data, "ukr")
    data.write_bytes(b"damaged language model bytes")
    assert not tesseract.matches_package(data, "ukr")
    assert tesseract.matches_package(data, "rus")  # no listing for rus here: nothing to compare
    monkeypatch.setattr(tesseract, "available_languages", lambda: (data.parent, frozenset({"ukr"})))
    with pytest.raises(MissingDependency, match="apt-get install --reinstall tesseract-ocr-ukr"):
        tesseract.check("ukr")
