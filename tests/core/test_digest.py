"""Digests: golden BLAKE3/SHA-256 values, both file paths (buffered and mmap) agree with b3sum."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from sestry.core import digest
from sestry.core.digest import (
    b3_bytes,
    b3_file,
    b3_file_sized,
    hash_file,
    is_digest,
    sha256_file,
)

EMPTY_B3 = "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262"
ABC_B3 = "6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85"
LINE_B3 = "8f6237ee4331a440cbdf1a2af9fc1997cd4b3f10d8e9518c6029c8ca35be4319"  # b"sestry\n"
LINE_SHA = "1785539132fc67e1cd89e3394ba59c401dfecfe940c77f4e12633cee4e2aac75"
BIG_B3 = "9e91f2a95a253bdce42555e1115e23f62772319649802b7ffbb33459fefb22f0"  # b"sestry" * 1e6
BIG_SHA = "d2dde1c4f8e85aa93cc6284f97cfbfe4aa3be784a8921ef1d8714800d85970b6"
MID_B3 = "64479cf7293960210547db8d982359e0c4ce054525ed7086cf93030828fc0533"  # 1 MiB pattern


def test_b3_bytes_golden() -> None:
    assert b3_bytes(b"") == EMPTY_B3
    assert b3_bytes(b"abc") == ABC_B3
    assert b3_bytes(b"sestry\n") == LINE_B3


def test_file_digests_golden(tmp_path: Path) -> None:
    small = tmp_path / "line.txt"
    small.write_bytes(b"sestry\n")
    assert b3_file(small) == LINE_B3
    assert sha256_file(small) == LINE_SHA
    assert hash_file(small) == digest.FileDigests(blake3=LINE_B3, sha256=LINE_SHA, size=7)


def test_large_file_uses_mmap_and_matches_golden(tmp_path: Path) -> None:
    big = tmp_path / "big.bin"
    big.write_bytes(b"sestry" * 1_000_000)
    assert big.stat().st_size >= digest.MMAP_THRESHOLD
    assert b3_file(big) == BIG_B3
    assert hash_file(big) == digest.FileDigests(BIG_B3, BIG_SHA, 6_000_000)


def test_buffer_boundaries_agree(tmp_path: Path) -> None:
    """Sizes around the 1 MiB buffer and the mmap threshold give the same digest as in memory."""
    pattern = bytes(range(256)) * 4096
    assert b3_bytes(pattern) == MID_B3
    for size in (0, 1, digest.BUFFER_SIZE - 1, digest.BUFFER_SIZE, digest.BUFFER_SIZE + 1):
        data = (pattern * 2)[:size]
        path = tmp_path / f"f{size}"
        path.write_bytes(data)
        assert b3_file(path) == b3_bytes(data)
        assert hash_file(path).size == size
    edge = tmp_path / "edge"
    data = (b"x" * digest.MMAP_THRESHOLD)[:-1]
    edge.write_bytes(data)
    assert b3_file(edge) == b3_bytes(data)


NO_B3SUM = shutil.which("b3sum") is None


@pytest.mark.skipif(NO_B3SUM, reason="b3sum not installed (the Makefile installs it)")
def test_b3_file_matches_b3sum_binary(tmp_path: Path) -> None:
    path = tmp_path / "data.bin"
    path.write_bytes(bytes(range(256)) * 40_000)
    out = subprocess.run(["b3sum", "--no-names", str(path)], check=True, capture_output=True)
    assert b3_file(path) == out.stdout.decode().strip()


def test_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        b3_file(tmp_path / "absent")


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        (EMPTY_B3, True),
        (EMPTY_B3.upper(), False),
        (EMPTY_B3[:-1], False),
        (EMPTY_B3 + "0", False),
        (EMPTY_B3 + "\n", False),
        ("g" * 64, False),
        ("", False),
    ],
)
def test_is_digest(value: str, ok: bool) -> None:
    assert is_digest(value) is ok


@pytest.mark.parametrize("size", [0, 1, 1024 * 1024 + 7, 4 * 1024 * 1024 + 3])
def test_b3_file_sized_matches_b3_file_and_the_file_size(tmp_path: Path, size: int) -> None:
    path = tmp_path / "f.bin"
    path.write_bytes(os.urandom(size))
    assert b3_file_sized(path) == (b3_file(path), size)
    assert b3_file_sized(str(path)) == (b3_file(path), size)
