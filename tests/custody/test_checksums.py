"""Checksum files that the real `b3sum --check` and `sha256sum --check` accept."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from sestry.core.digest import b3_file, sha256_file
from sestry.core.errors import UsageError
from sestry.custody.checksums import read_checksum_file, write_checksum_files


@pytest.fixture
def release(tmp_path: Path) -> Path:
    folder = tmp_path / "release"
    (folder / "data" / "sub dir").mkdir(parents=True)
    (folder / "manifest.json").write_text('{"items": []}')
    (folder / "data" / "documents.parquet").write_bytes(bytes(range(256)) * 100)
    (folder / "data" / "sub dir" / "file with spaces.txt").write_text("ї є ґ\n", encoding="utf-8")
    (folder / "signature.ed25519").write_bytes(b"\x00" * 64)
    return folder


def run_check(tool: str, folder: Path, name: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [tool, "--check", name], cwd=folder, capture_output=True, text=True, check=False
    )


@pytest.mark.skipif(shutil.which("b3sum") is None, reason="b3sum not installed (Makefile does)")
def test_real_tools_accept_the_files(release: Path) -> None:
    b3_path, sha_path = write_checksum_files(release)
    assert (b3_path.name, sha_path.name) == ("B3SUMS", "SHA256SUMS")
    b3 = run_check("b3sum", release, "B3SUMS")
    assert b3.returncode == 0, b3.stderr
    sha = run_check("sha256sum", release, "SHA256SUMS")
    assert sha.returncode == 0, sha.stderr
    assert "data/sub dir/file with spaces.txt: OK" in b3.stdout
    assert "data/sub dir/file with spaces.txt: OK" in sha.stdout
    listed = read_checksum_file(b3_path)
    assert sorted(listed) == list(listed)  # sorted by path
    assert set(listed) == {
        "data/documents.parquet",
        "data/sub dir/file with spaces.txt",
        "manifest.json",
        "signature.ed25519",
    }
    assert listed["manifest.json"] == b3_file(release / "manifest.json")
    assert read_checksum_file(sha_path)["manifest.json"] == sha256_file(release / "manifest.json")


@pytest.mark.skipif(shutil.which("b3sum") is None, reason="b3sum not installed (Makefile does)")
def test_real_tools_catch_a_changed_file(release: Path) -> None:
    write_checksum_files(release)
    (release / "data" / "sub dir" / "file with spaces.txt").write_text("changed")
    assert run_check("b3sum", release, "B3SUMS").returncode == 1
    assert run_check("sha256sum", release, "SHA256SUMS").returncode == 1


def test_explicit_files_and_exclude(release: Path) -> None:
    b3_path, _ = write_checksum_files(release, exclude=("signature.*",))
    assert "signature.ed25519" not in read_checksum_file(b3_path)
    b3_path, _ = write_checksum_files(
        release, [release / "manifest.json", Path("data/documents.parquet")]
    )
    assert list(read_checksum_file(b3_path)) == ["data/documents.parquet", "manifest.json"]


def test_unsafe_names_and_outside_files_are_refused(release: Path, tmp_path: Path) -> None:
    (release / "back\\slash").write_text("x")
    with pytest.raises(UsageError, match="backslash"):
        write_checksum_files(release)
    outside = tmp_path / "outside.txt"
    outside.write_text("x")
    with pytest.raises(UsageError, match="not inside"):
        write_checksum_files(release, [outside])


def test_symlinks_are_refused(release: Path, tmp_path: Path) -> None:
    (release / "link").symlink_to(tmp_path)
    with pytest.raises(UsageError, match="symlink"):
        write_checksum_files(release)


def test_read_rejects_malformed_lines(tmp_path: Path) -> None:
    path = tmp_path / "B3SUMS"
    path.write_text("nothex  file\n")
    with pytest.raises(UsageError, match="line 1"):
        read_checksum_file(path)
    path.write_text(f"{'a' * 64} *binary-mode.bin\n")
    assert read_checksum_file(path) == {"binary-mode.bin": "a" * 64}
