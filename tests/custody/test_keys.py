"""Layout and keys: 0700 folders, 0600 keys, never overwritten, a second init is a no-op."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sestry.core.errors import ConfigError
from sestry.core.settings import Settings
from sestry.custody.keys import (
    init_layout,
    load_pseudonym_key,
    load_signing_key,
    public_key_path,
    require_layout,
)
from sestry.custody.ledger import Ledger
from sestry.custody.signing import public_key_pem


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_init_creates_private_layout_and_keys(settings: Settings) -> None:
    settings.data_dir.chmod(0o755)
    result = init_layout(settings)
    assert result.created
    assert result.data_dir == settings.data_dir
    for folder in settings.layout_dirs:
        assert mode(folder) == 0o700, folder
    assert mode(settings.vault_dir) == 0o700  # parent of vault/objects too
    for key in (settings.signing_key_path, settings.pseudonym_key_path, public_key_path(settings)):
        assert mode(key) == 0o600, key
    signing = load_signing_key(settings)
    assert isinstance(signing, Ed25519PrivateKey)
    assert public_key_path(settings).read_bytes() == public_key_pem(signing)
    assert len(load_pseudonym_key(settings)) == 32
    events = list(Ledger(settings.ledger_path).events())
    assert [e["action"] for e in events] == ["init"]
    require_layout(settings)


def test_second_init_is_a_noop_that_says_so(settings: Settings) -> None:
    init_layout(settings)
    keys = {p: p.read_bytes() for p in settings.keys_dir.iterdir()}
    ledger_bytes = settings.ledger_path.read_bytes()
    again = init_layout(settings)
    assert not again.created
    assert any("already initialised" in m for m in again.messages)
    assert {p: p.read_bytes() for p in settings.keys_dir.iterdir()} == keys
    assert settings.ledger_path.read_bytes() == ledger_bytes


def test_init_never_overwrites_an_existing_key(settings: Settings) -> None:
    init_layout(settings)
    original = settings.signing_key_path.read_bytes()
    settings.pseudonym_key_path.unlink()
    result = init_layout(settings)  # completes the layout without touching the signing key
    assert result.created
    assert settings.signing_key_path.read_bytes() == original
    assert len(load_pseudonym_key(settings)) == 32


def test_init_refuses_a_mismatched_public_key(settings: Settings) -> None:
    init_layout(settings)
    pub = public_key_path(settings)
    pub.write_bytes(public_key_pem(Ed25519PrivateKey.generate()))
    with pytest.raises(ConfigError, match="does not match"):
        init_layout(settings)


def test_keys_with_open_permissions_are_refused(settings: Settings) -> None:
    init_layout(settings)
    settings.signing_key_path.chmod(0o644)
    with pytest.raises(ConfigError, match="0600"):
        load_signing_key(settings)
    settings.pseudonym_key_path.chmod(0o640)
    with pytest.raises(ConfigError, match="0600"):
        load_pseudonym_key(settings)


def test_wrong_size_pseudonym_key_is_refused(settings: Settings) -> None:
    init_layout(settings)
    settings.pseudonym_key_path.chmod(0o600)
    settings.pseudonym_key_path.write_bytes(b"short")
    with pytest.raises(ConfigError, match="32 bytes"):
        load_pseudonym_key(settings)


def test_require_layout_names_the_fix(tmp_path: Path) -> None:
    settings = Settings.load(tmp_path / "nowhere")
    with pytest.raises(ConfigError, match="run sestry init"):
        require_layout(settings)
    with pytest.raises(ConfigError, match="run sestry init"):
        load_signing_key(settings)
