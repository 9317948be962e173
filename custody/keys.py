"""The data layout and its keys: created once by `sestry init`, never overwritten.

Folders are 0700; the Ed25519 signing key (PKCS#8 PEM) and the 32-byte pseudonym key are 0600;
the signing key's public half sits beside it as `<key>.pub`.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sestry.core.digest import b3_bytes
from sestry.core.durable import DIR_MODE, FILE_MODE, create_exclusive, ensure_dir
from sestry.core.errors import ConfigError
from sestry.core.i18n import N_, _
from sestry.core.settings import Settings
from sestry.core.version import sestry_version
from sestry.custody.ledger import Ledger
from sestry.custody.signing import private_key_pem, public_key_pem

PSEUDONYM_KEY_BYTES = 32


@dataclass(frozen=True)
class InitResult:
    """What `init_layout` did: `created` is False when the layout was already complete."""

    created: bool
    data_dir: Path
    messages: tuple[str, ...]


def public_key_path(settings: Settings) -> Path:
    """Where the signing key's public half (PEM) lives."""
    return settings.signing_key_path.with_name(settings.signing_key_path.name + ".pub")


# The ledger records these names in English (machine words); people read them translated.
CREATED_WORDS: dict[str, str] = {
    "data dir": N_("data folder"),
    "signing key": N_("signing key"),
    "public key": N_("public key"),
    "pseudonym key": N_("pseudonym key"),
}


def init_layout(settings: Settings) -> InitResult:
    """Create missing folders (0700) and keys (0600); never overwrite an existing key.

    Records an `init` ledger event when anything was created. Raises ConfigError when an existing
    key is unreadable or its permissions are too open.
    """
    messages: list[str] = []
    created: list[str] = []
    if settings.data_dir.exists() and not settings.data_dir.is_dir():
        raise ConfigError(
            _("{path} is a file, not a folder: give --data a folder (new or empty)").format(
                path=settings.data_dir
            )
        )
    for folder in settings.layout_dirs:
        if not folder.is_dir():
            ensure_dir(folder)
            rel = os.path.relpath(folder, settings.data_dir)
            created.append("data dir" if rel == "." else rel)
        if stat.S_IMODE(folder.stat().st_mode) != DIR_MODE:
            os.chmod(folder, DIR_MODE)
            messages.append(_("set mode 0700 on {path}").format(path=folder))
    signing_path = settings.signing_key_path
    if signing_path.exists():
        key = load_signing_key(settings)
    else:
        key = Ed25519PrivateKey.generate()
        try:
            create_exclusive(signing_path, private_key_pem(key), FILE_MODE)
            created.append("signing key")
        except FileExistsError:  # a concurrent init won: use its key, never replace it
            key = load_signing_key(settings)
    pub_path = public_key_path(settings)
    pub_pem = public_key_pem(key)
    if pub_path.exists():
        if pub_path.read_bytes() != pub_pem:
            raise ConfigError(
                _("{path} does not match the signing key; refusing to touch it").format(
                    path=pub_path
                )
            )
    else:
        with contextlib.suppress(FileExistsError):
            create_exclusive(pub_path, pub_pem, FILE_MODE)
            created.append("public key")
    if settings.pseudonym_key_path.exists():
        load_pseudonym_key(settings)
    else:
        with contextlib.suppress(FileExistsError):
            create_exclusive(
                settings.pseudonym_key_path, secrets.token_bytes(PSEUDONYM_KEY_BYTES), FILE_MODE
            )
            created.append("pseudonym key")
    if not created:
        messages.append(
            _("already initialised: {path} (nothing changed)").format(path=settings.data_dir)
        )
        return InitResult(False, settings.data_dir, tuple(messages))
    Ledger(settings.ledger_path).append(
        "init",
        params={"created": created, "public_key_b3": b3_bytes(pub_pem)},
        versions={"sestry": sestry_version()},
    )
    shown = ", ".join(_(CREATED_WORDS.get(c, c)) for c in created)
    messages.append(
        _("initialised {path}: created {what}").format(path=settings.data_dir, what=shown)
    )
    return InitResult(True, settings.data_dir, tuple(messages))


def require_layout(settings: Settings) -> None:
    """Raise ConfigError unless the data layout exists (it does after `sestry init`)."""
    missing = [p for p in settings.layout_dirs if not p.is_dir()]
    if missing or not settings.signing_key_path.is_file():
        raise ConfigError(
            _("no data folder at {path}; run sestry init").format(path=settings.data_dir)
        )


def _read_private(path: Path) -> bytes:
    """Read a key file, refusing one that others can read or that is missing."""
    if not path.is_file():
        raise ConfigError(_("missing key {path}; run sestry init").format(path=path))
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise ConfigError(
            _("key {path} has mode {mode}; it must be 0600 (chmod 600)").format(
                path=path, mode=f"{mode:04o}"
            )
        )
    return path.read_bytes()


def load_signing_key(settings: Settings) -> Ed25519PrivateKey:
    """Load the Ed25519 signing key; ConfigError if missing, too open or not Ed25519."""
    data = _read_private(settings.signing_key_path)
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as exc:
        raise ConfigError(f"unreadable signing key {settings.signing_key_path}") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise ConfigError(f"{settings.signing_key_path} is not an Ed25519 key")
    return key


def load_pseudonym_key(settings: Settings) -> bytes:
    """Load the 32-byte pseudonym key; ConfigError if missing, too open or the wrong size."""
    data = _read_private(settings.pseudonym_key_path)
    if len(data) != PSEUDONYM_KEY_BYTES:
        raise ConfigError(f"pseudonym key {settings.pseudonym_key_path} is not 32 bytes")
    return data
