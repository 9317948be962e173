"""Keyed, deterministic pseudonyms: same (label, norm), same pseudonym, in every run and document.

The pseudonym key never leaves `data/keys`; a per-purpose key is derived from it with a hard-coded,
globally unique BLAKE3 `derive_key_context`, so the same key material used elsewhere (another
purpose) yields unrelated digests. Nobody without the key can reverse or test a guess.
"""

from __future__ import annotations

import re
import unicodedata

import blake3

PSEUDONYM_CONTEXT = "sestry 2026-11-28 redaction person pseudonym v1"
PSEUDONYM_HEX = 8  # 32 bits: collisions are checked per run (see redaction.run)
_SPACES = re.compile(r"\s+")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‘": "'"})


def derive_pseudonym_key(key_material: bytes) -> bytes:
    """Return the 32-byte purpose key for pseudonyms, derived from the organisation's key."""
    if len(key_material) < 16:
        raise ValueError("pseudonym key material is too short")
    return blake3.blake3(key_material, derive_key_context=PSEUDONYM_CONTEXT).digest()


def normalise_norm(norm: str) -> str:
    """NFC, case-folded, one space between words, one apostrophe: inflection-free keys match."""
    text = unicodedata.normalize("NFC", norm).translate(_APOSTROPHES).casefold()
    return _SPACES.sub(" ", text).strip()


def pseudonym(label: str, norm: str, key: bytes) -> str:
    """Return e.g. "PERSON-7F3A9C01" for (label, norm) under the derived purpose `key`.

    A reviewer's role (`PERSON/witness`) does not change the person: the pseudonym is the
    label's own."""
    label = label.split("/", 1)[0]
    if len(key) != 32:
        raise ValueError("derive the pseudonym key with derive_pseudonym_key first")
    message = f"{label}\x1f{normalise_norm(norm)}".encode()
    digest = blake3.blake3(message, key=key).hexdigest()[:PSEUDONYM_HEX]
    return f"{label}-{digest.upper()}"
