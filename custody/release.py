"""Seal a release folder: manifest.json, its Ed25519 signature, B3SUMS/SHA256SUMS and BagIt files.

Layout (everything released sits under `data/`, the BagIt payload; the rest are tag files):

    bagit.txt  bag-info.txt  manifest-sha256.txt  tagmanifest-sha256.txt    BagIt 1.0
    manifest.json          release id, profile, originals' digests, every payload file's digests
    manifest.json.sig      raw 64-byte Ed25519 signature of the exact bytes of manifest.json
    signing-key.pub.pem    the public key (SubjectPublicKeyInfo PEM); never the private key
    B3SUMS  SHA256SUMS     data/** plus the three files above, for `b3sum --check` from the root
    data/                  Parquet tables, redacted pages and PDFs, validation.json, report.html

The folder is built in a hidden staging folder beside its destination and renamed into place only
when complete, so a partner never sees half a release. Imports only blake3, cryptography and the
standard library (a partner's light install can read this module).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sestry.core.digest import FileDigests, b3_bytes, hash_file, sha256_file
from sestry.core.durable import create_exclusive, fsync_dir
from sestry.core.errors import UsageError
from sestry.custody.checksums import B3SUMS, SHA256SUMS, write_checksum_files
from sestry.custody.signing import public_key_pem, sign

RELEASE_FORMAT = "sestry-release/1"
PAYLOAD_DIR = "data"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.json.sig"
PUBLIC_KEY = "signing-key.pub.pem"
BAGIT_TXT = "bagit.txt"
BAG_INFO = "bag-info.txt"
BAG_MANIFEST = "manifest-sha256.txt"
BAG_TAGMANIFEST = "tagmanifest-sha256.txt"
SIGNED_FILES: tuple[str, ...] = (MANIFEST, SIGNATURE, PUBLIC_KEY)
"""Root files listed in B3SUMS/SHA256SUMS beside the payload."""
ROOT_FILES: frozenset[str] = frozenset(
    {*SIGNED_FILES, B3SUMS, SHA256SUMS, BAGIT_TXT, BAG_INFO, BAG_MANIFEST, BAG_TAGMANIFEST}
)
"""Every file allowed at the top of a release; anything else is `file_extra`."""
RELEASE_FILE_MODE = 0o644
RELEASE_DIR_MODE = 0o755
_ITEM_PATH = re.compile(r"^data/pages/([0-9a-f]{64})(?:/|\.)")
_SAFE_NAME = re.compile(r"^[A-Za-z0-9._-]+$")


@dataclass(frozen=True)
class ReleaseSpec:
    """What the manifest says about a release besides its files (digests, codes and counts)."""

    release_id: str
    profile: str
    created_at: str
    sestry_version: str
    items: Sequence[str]  # BLAKE3 digests of the ORIGINALS (doc_id) released
    counts: Mapping[str, object]
    ledger_head: str | None
    redaction_id: str | None = None
    validation_passed: bool = False
    extra: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class SealedRelease:
    """A sealed (not yet published) release: where it is and the digests to record."""

    path: Path
    release_id: str
    manifest_b3: str
    files: dict[str, FileDigests]  # payload path (data/...) -> digests

    @property
    def total_bytes(self) -> int:
        """Bytes of payload."""
        return sum(d.size for d in self.files.values())


def new_release_id(profile: str, now: datetime | None = None) -> str:
    """A fresh release id: `<profile>-<UTC stamp>-<6 hex>` (sortable, unique, no content)."""
    if not _SAFE_NAME.fullmatch(profile):
        raise UsageError("profile names are letters, digits, dot, dash and underscore")
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    return f"{profile}-{stamp}-{secrets.token_hex(3)}"


def check_destination(dest: Path) -> None:
    """Refuse (UsageError) a destination that exists and is not an empty folder."""
    if dest.is_symlink() or (dest.exists() and (not dest.is_dir() or any(dest.iterdir()))):
        raise UsageError(f"release destination {dest} exists and is not empty")


def make_staging(dest: Path) -> Path:
    """Create a hidden staging folder beside `dest` (same file system: the rename is atomic)."""
    check_destination(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    stage = dest.parent / f".{dest.name}.partial-{secrets.token_hex(4)}"
    stage.mkdir(mode=0o700)
    (stage / PAYLOAD_DIR).mkdir(mode=0o700)
    return stage


def discard(stage: Path) -> None:
    """Remove a staging folder (a refused or failed release leaves nothing behind)."""
    shutil.rmtree(stage, ignore_errors=True)


def payload_files(stage: Path) -> list[str]:
    """Sorted `data/...` paths of every payload file; UsageError on symlinks or unsafe names."""
    found: list[str] = []
    root = stage / PAYLOAD_DIR
    for path in root.rglob("*"):
        if path.is_symlink():
            raise UsageError("symlink in release payload")
        if path.is_file():
            rel = path.relative_to(stage).as_posix()
            if not all(_SAFE_NAME.fullmatch(part) for part in rel.split("/")):
                raise UsageError("unsafe file name in release payload")
            found.append(rel)
    return sorted(found)


def build_manifest(
    spec: ReleaseSpec,
    files: Mapping[str, FileDigests],
    public_pem: bytes,
    tags: Mapping[str, bytes] | None = None,
) -> bytes:
    """The manifest.json bytes (sorted keys, two-space indent, UTF-8, trailing newline).

    `tags` are the BagIt tag files written beside it (bagit.txt, bag-info.txt, the payload
    manifest): their digests go in `bag_tag_files`, so the signature covers them too.
    """
    per_item: dict[str, list[str]] = {d: [] for d in spec.items}
    for rel in files:
        match = _ITEM_PATH.match(rel)
        if match and match.group(1) in per_item:
            per_item[match.group(1)].append(rel)
    manifest = {
        "format": RELEASE_FORMAT,
        "release_id": spec.release_id,
        "profile": spec.profile,
        "created_at": spec.created_at,
        "sestry_version": spec.sestry_version,
        "redaction_id": spec.redaction_id,
        "custody_ledger_head": spec.ledger_head,
        "validation": {"passed": spec.validation_passed, "results": "data/validation.json"},
        "items": [{"doc_id": d, "files": sorted(per_item[d])} for d in sorted(per_item)],
        "files": {
            rel: {"blake3": d.blake3, "sha256": d.sha256, "size": d.size}
            for rel, d in sorted(files.items())
        },
        "counts": dict(spec.counts),
        "bag_tag_files": {
            name: {"blake3": b3_bytes(data), "sha256": _sha256_bytes(data)}
            for name, data in sorted((tags or {}).items())
        },
        "signature": {
            "algorithm": "Ed25519",
            "file": SIGNATURE,
            "encoding": "raw 64 bytes",
            "public_key": PUBLIC_KEY,
            "public_key_b3": b3_bytes(public_pem),
            "public_key_sha256": _sha256_bytes(public_pem),
        },
        **dict(spec.extra),
    }
    text = json.dumps(manifest, sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False)
    return (text + "\n").encode("utf-8")


def seal_release(stage: Path, spec: ReleaseSpec, key: Ed25519PrivateKey) -> SealedRelease:
    """Hash the payload, write and sign manifest.json, write checksum and BagIt files.

    The payload under `stage/data` must be complete. Never writes the private key.
    """
    rels = payload_files(stage)
    digests = {rel: hash_file(stage / rel) for rel in rels}
    public_pem = public_key_pem(key)
    tags = bag_tags(spec, digests)
    manifest = build_manifest(spec, digests, public_pem, tags)
    _write(stage / MANIFEST, manifest)
    _write(stage / SIGNATURE, sign(key, manifest))
    _write(stage / PUBLIC_KEY, public_pem)
    write_checksum_files(stage, [stage / r for r in (*rels, *SIGNED_FILES)])
    _write_bag(stage, tags)
    _set_modes(stage)
    return SealedRelease(stage, spec.release_id, b3_bytes(manifest), digests)


def publish(stage: Path, dest: Path) -> Path:
    """Rename the sealed staging folder to `dest` (atomic); UsageError if `dest` is taken."""
    check_destination(dest)
    try:
        os.rename(stage, dest)
    except OSError as exc:
        raise UsageError(f"cannot move the release into {dest}") from exc
    os.chmod(dest, RELEASE_DIR_MODE)
    fsync_dir(dest.parent)
    return dest


def bag_tags(spec: ReleaseSpec, digests: Mapping[str, FileDigests]) -> dict[str, bytes]:
    """The BagIt tag files the signed manifest covers: bagit.txt, payload manifest, bag-info."""
    lines = "".join(f"{digests[rel].sha256}  {rel}\n" for rel in sorted(digests))
    total = sum(d.size for d in digests.values())
    info = (
        f"Bag-Software-Agent: sestry ({RELEASE_FORMAT})\n"
        f"Bagging-Date: {spec.created_at[:10]}\n"
        f"External-Identifier: {spec.release_id}\n"
        f"Payload-Oxum: {total}.{len(digests)}\n"
    )
    return {
        BAGIT_TXT: b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n",
        BAG_MANIFEST: lines.encode("utf-8"),
        BAG_INFO: info.encode("utf-8"),
    }


def _write_bag(stage: Path, tags: Mapping[str, bytes]) -> None:
    """BagIt 1.0 tag files (already covered by the signed manifest), then the tag manifest."""
    for name, data in tags.items():
        _write(stage / name, data)
    names = sorted(n for n in ROOT_FILES if n != BAG_TAGMANIFEST)
    tag_lines = "".join(f"{sha256_file(stage / name)}  {name}\n" for name in names)
    _write(stage / BAG_TAGMANIFEST, tag_lines.encode("utf-8"))


def _write(path: Path, data: bytes) -> None:
    """Write a new release file (refuses to overwrite: each is written once)."""
    create_exclusive(path, data)


def _set_modes(stage: Path) -> None:
    """Release files are for sending: 0644 files, 0755 folders."""
    for path in stage.rglob("*"):
        os.chmod(path, RELEASE_DIR_MODE if path.is_dir() else RELEASE_FILE_MODE)
    os.chmod(stage, 0o700)  # opened to 0755 on publish


def _sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
