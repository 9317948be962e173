"""`sestry init` as a subprocess: private layout, keys 0600, never overwritten, idempotent."""

from __future__ import annotations

import stat
import subprocess
from pathlib import Path

from sestry.core.settings import Settings
from sestry.custody.keys import public_key_path
from sestry.custody.ledger import Ledger


def run_init(sestry_cmd: list[str], env: dict[str, str], data: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*sestry_cmd, "init", "--data", str(data)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_init_creates_layout(sestry_cmd, subprocess_env, tmp_path) -> None:
    data = tmp_path / "new" / "data"
    proc = run_init(sestry_cmd, subprocess_env, data)
    assert proc.returncode == 0, proc.stderr
    assert "initialised" in proc.stdout
    settings = Settings.load(data)
    for folder in settings.layout_dirs:
        assert mode(folder) == 0o700, folder
    keys = (settings.signing_key_path, settings.pseudonym_key_path, public_key_path(settings))
    for key in keys:
        assert mode(key) == 0o600, key
    assert [e["action"] for e in Ledger(settings.ledger_path).events()] == ["init"]


def test_second_init_is_a_noop_and_keeps_keys(sestry_cmd, subprocess_env, data_dir) -> None:
    assert run_init(sestry_cmd, subprocess_env, data_dir).returncode == 0
    settings = Settings.load(data_dir)
    before = {p.name: p.read_bytes() for p in settings.keys_dir.iterdir()}
    ledger_before = settings.ledger_path.read_bytes()
    proc = run_init(sestry_cmd, subprocess_env, data_dir)
    assert proc.returncode == 0
    assert "already initialised" in proc.stdout
    assert {p.name: p.read_bytes() for p in settings.keys_dir.iterdir()} == before
    assert settings.ledger_path.read_bytes() == ledger_before


def test_init_refuses_to_touch_a_tampered_public_key(sestry_cmd, subprocess_env, data_dir) -> None:
    assert run_init(sestry_cmd, subprocess_env, data_dir).returncode == 0
    settings = Settings.load(data_dir)
    signing = settings.signing_key_path.read_bytes()
    pub = public_key_path(settings)
    pub.write_bytes(b"-----BEGIN PUBLIC KEY-----\nnot it\n-----END PUBLIC KEY-----\n")
    proc = run_init(sestry_cmd, subprocess_env, data_dir)
    assert proc.returncode == 2
    assert "does not match" in proc.stderr
    assert settings.signing_key_path.read_bytes() == signing
    assert b"not it" in pub.read_bytes()


def test_init_refuses_an_open_signing_key(sestry_cmd, subprocess_env, data_dir) -> None:
    assert run_init(sestry_cmd, subprocess_env, data_dir).returncode == 0
    settings = Settings.load(data_dir)
    settings.signing_key_path.chmod(0o644)
    proc = run_init(sestry_cmd, subprocess_env, data_dir)
    assert proc.returncode == 2
    assert "chmod 600" in proc.stderr
