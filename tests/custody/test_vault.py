"""Vault: content-addressed, write-once, read-only objects, deduplicated puts."""

from __future__ import annotations

import os
import random
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sestry.core.digest import b3_bytes
from sestry.custody import vault as vault_module
from sestry.custody.errors import DigestMismatch
from sestry.custody.vault import Vault


@pytest.fixture
def vault(tmp_path: Path) -> Vault:
    return Vault(tmp_path / "vault")


def test_put_stores_by_digest_read_only(vault: Vault, tmp_path: Path) -> None:
    src = tmp_path / "interview.txt"
    src.write_bytes("Свідчення 1".encode())
    stored = vault.put(src)
    assert stored.digest == b3_bytes(src.read_bytes())
    assert stored.created
    assert stored.size == src.stat().st_size
    path = vault.path(stored.digest)
    assert path == vault.root / "objects" / stored.digest[:2] / stored.digest
    assert path.read_bytes() == src.read_bytes()
    assert stat.S_IMODE(path.stat().st_mode) == 0o400
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert vault.has(stored.digest)
    assert list(path.parent.iterdir()) == [path]  # no temp file left behind


def test_put_is_write_once_and_dedupes(vault: Vault, tmp_path: Path) -> None:
    first = vault.put_bytes(b"same bytes")
    before = vault.path(first.digest).stat()
    src = tmp_path / "copy.bin"
    src.write_bytes(b"same bytes")
    again = vault.put(src)
    assert again.digest == first.digest
    assert not again.created
    after = vault.path(first.digest).stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_iter_digests_sorted_and_skips_strays(vault: Vault) -> None:
    digests = sorted(vault.put_bytes(bytes([i]) * 10).digest for i in range(5))
    (vault.objects / "README").write_text("stray")
    shard = vault.path(digests[0]).parent
    (shard / ".tmp-left-over").write_bytes(b"x")
    assert list(vault.iter_digests()) == digests


def test_has_rejects_non_digest(vault: Vault) -> None:
    assert not vault.has("../../etc/passwd")
    with pytest.raises(ValueError, match="not a digest"):
        vault.path("../x")


def test_put_raises_when_write_does_not_read_back(
    vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write that reads back differently is refused and leaves nothing in the vault."""
    src = tmp_path / "a.bin"
    src.write_bytes(b"original")
    real = vault_module.b3_file
    calls = {"n": 0}

    def flaky(path: Path) -> str:
        calls["n"] += 1
        return real(path) if calls["n"] == 1 else "0" * 64

    monkeypatch.setattr(vault_module, "b3_file", flaky)
    with pytest.raises(DigestMismatch):
        vault.put(src)
    assert list(vault.iter_digests()) == []
    assert not any(p.is_file() for p in vault.objects.rglob("*"))


def test_put_detects_source_changed_between_hash_and_copy(
    vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "a.bin"
    src.write_bytes(b"original")
    monkeypatch.setattr(vault_module, "b3_file", lambda _p: b3_bytes(b"something else"))
    with pytest.raises(DigestMismatch):
        vault.put(src)
    assert list(vault.iter_digests()) == []


def test_dedupe_refuses_a_damaged_existing_object(vault: Vault) -> None:
    stored = vault.put_bytes(b"original bytes")
    path = vault.path(stored.digest)
    path.chmod(0o600)
    path.write_bytes(b"truncated")
    with pytest.raises(DigestMismatch, match="run sestry verify"):
        vault.put_bytes(b"original bytes")
    assert path.read_bytes() == b"truncated"  # never rewritten, even to repair


PUTTER = """
import os, sys
from pathlib import Path
from sestry.custody.ledger import Ledger
from sestry.custody.vault import Vault
vault, ledger = Vault(Path(sys.argv[1])), Ledger(Path(sys.argv[2]))
src = Path(sys.argv[3])
i = 0
while True:
    src.write_bytes(os.urandom(1_000 + (i * 7_919) % 3_000_000))
    stored = vault.put(src)
    ledger.append("intake", subject=stored.digest)
    i += 1
"""


@pytest.mark.slow
def test_sigkill_during_puts_never_leaves_a_bad_object(tmp_path: Path) -> None:
    """Killed mid-put: no partial or wrong object, at most one stored-but-unrecorded item."""
    from sestry.core.settings import Settings
    from sestry.custody.keys import init_layout
    from sestry.custody.verify import verify_data_dir

    settings = Settings.load(tmp_path / "data")
    init_layout(settings)
    rng = random.Random(7)
    for _round in range(6):
        child = subprocess.Popen(
            [
                sys.executable,
                "-c",
                PUTTER,
                str(settings.vault_dir),
                str(settings.ledger_path),
                str(tmp_path / f"src-{_round}.bin"),
            ]
        )
        time.sleep(rng.uniform(0.2, 0.8))
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        report = verify_data_dir(settings, repair=True)
        codes = [p.code for p in report.problems]
        assert set(codes) <= {"unknown_object"}, codes
        assert len(codes) <= _round + 1  # at most one unrecorded put per kill
    vault = Vault(settings.vault_dir)
    for digest in vault.iter_digests():
        assert stat.S_IMODE(vault.path(digest).stat().st_mode) == 0o400


@pytest.mark.parametrize("has_syncfs", [True, False])
def test_deferred_puts_are_named_only_after_sync(
    vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, has_syncfs: bool
) -> None:
    """durable=False: no name points at the bytes before sync() made them durable."""
    if not has_syncfs:  # a C library without syncfs: one fsync per object and per folder
        monkeypatch.setattr(vault_module, "_libc_syncfs", lambda: None)
    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd))[1])
    sources = []
    for n in range(5):
        src = tmp_path / f"t{n}.txt"
        src.write_bytes(f"testimony {n % 4}".encode())  # t4 repeats t0's bytes
        sources.append(src)
    stored = [vault.put(src, durable=False) for src in sources]
    assert [s.created for s in stored] == [True, True, True, True, False]
    assert not any(vault.has(s.digest) for s in stored)
    synced.clear()  # new shard folders were fsynced as created (ensure_dir); objects were not
    vault.sync()
    for s in stored:
        assert vault.has(s.digest)
        assert stat.S_IMODE(vault.path(s.digest).stat().st_mode) == 0o400
    leftovers = [p for p in vault.objects.rglob("*") if p.is_file() and p.name.startswith(".")]
    assert leftovers == []
    shards = {s.digest[:2] for s in stored}
    assert len(synced) == (0 if has_syncfs else 4 + len(shards))
    assert vault.put(sources[0], durable=False).created is False  # already in place
    vault.sync()
