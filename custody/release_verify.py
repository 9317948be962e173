"""Verify a release folder without trusting its maker: signature, every digest, nothing missing.

Problem codes: signature_invalid (the signature does not verify with the bundled or expected key),
manifest_edited (manifest.json differs from what its checksums record, or does not parse),
file_changed, file_missing, file_extra (also a FIFO or device, never opened), file_unreadable,
checksum_file_mismatch (B3SUMS, SHA256SUMS or the BagIt manifests disagree with manifest.json),
unverifiable (an unexpected error: reported, never raised). Needs only blake3, cryptography and
the standard library: no pyarrow, no bagit (its manifests are checked here with hashlib).

Every file's BLAKE3 is recomputed (what `b3sum --check` does): BLAKE3 binds each payload file to
the signed manifest. SHA-256 is recomputed for the files at the top (the signed manifest, the
checksum lists, the BagIt tag files) and, with `sha256=True`, for the payload too; the payload's
SHA-256 lists (SHA256SUMS, manifest-sha256.txt) are always checked against the signed manifest.
Recomputing them adds nothing unless BLAKE3 itself were broken, and costs more than the BLAKE3
pass on large releases (issue 14: verify within 1.5x `b3sum --check`).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from sestry.core.digest import b3_bytes, b3_file_sized, hash_file
from sestry.core.errors import SestryError
from sestry.custody.checksums import B3SUMS, SHA256SUMS, read_checksum_file
from sestry.custody.release import (
    BAG_INFO,
    BAG_MANIFEST,
    BAG_TAGMANIFEST,
    BAGIT_TXT,
    MANIFEST,
    PAYLOAD_DIR,
    PUBLIC_KEY,
    RELEASE_FORMAT,
    ROOT_FILES,
    SIGNATURE,
    SIGNED_FILES,
)
from sestry.custody.signing import verify_signature
from sestry.custody.verify import VerifyReport

_LINE = re.compile(r"^([0-9a-f]{64})  (\S(?:.*\S)?)$")


@dataclass(frozen=True)
class FileDigests:
    """What was recomputed for one file: BLAKE3 and size always, SHA-256 when asked."""

    blake3: str
    size: int
    sha256: str | None


def verify_release(
    release_dir: Path, *, expected_key_b3: str | None = None, sha256: bool = False
) -> VerifyReport:
    """Check a release folder; every problem is named in the returned report (never raises).

    `expected_key_b3` is the BLAKE3 of the publisher's public key PEM, received out of band: with
    it a release re-signed by someone else is refused, not only a tampered one. `sha256` also
    recomputes every payload file's SHA-256 (the top-level files' always are).
    """
    root = Path(release_dir)
    report = VerifyReport(target=str(root))
    if not root.is_dir():
        report.add("file_missing", str(root), "no release folder here")
        return report
    try:
        _verify(root, report, expected_key_b3, sha256)
    except Exception as exc:  # the promise is a report, never a traceback: fail closed
        report.add("unverifiable", str(root), f"verification stopped ({type(exc).__name__})")
    _dedupe(report)
    return report


def _verify(root: Path, report: VerifyReport, expected_key_b3: str | None, sha256: bool) -> None:
    actual = _hash_tree(root, report, sha256)
    manifest = _load_manifest(root, report)
    _check_signature(root, actual, report, expected_key_b3)
    if manifest is not None:
        _check_files(manifest, actual, report)
    listed = _listed_files(manifest, actual)
    for sums, algo in ((B3SUMS, "blake3"), (SHA256SUMS, "sha256")):
        _check_sums(root / sums, algo, listed, manifest, actual, report)
    _check_bag(root, manifest, actual, report)
    report.checked = {
        "files": len(actual),
        "bytes": sum(d.size for d in actual.values()),
        "signatures": 1,
        "sha256": sum(d.sha256 is not None for d in actual.values()),
    }


def _entries(folder: str, prefix: str = "") -> Iterator[tuple[str, os.DirEntry[str]]]:
    """Every entry under `folder`, depth first in name order, with its release-relative path.

    Never follows a link: a link is reported, not read. The entry's type comes from the
    directory listing, so a file costs one open, no stat.
    """
    with os.scandir(folder) as it:
        entries = sorted(it, key=lambda e: e.name)
    for entry in entries:
        rel = prefix + entry.name
        yield rel, entry
        if entry.is_dir(follow_symlinks=False):
            yield from _entries(entry.path, rel + "/")


def _hash_tree(root: Path, report: VerifyReport, sha256: bool) -> dict[str, FileDigests]:
    """Hash every regular file once; report symlinks and unexpected top-level entries."""
    actual: dict[str, FileDigests] = {}
    for rel, entry in _entries(str(root)):
        top = rel.split("/", 1)[0]
        if entry.is_symlink():
            report.add("file_extra", rel, "symbolic link (not allowed in a release)")
            continue
        if entry.is_dir(follow_symlinks=False):
            if top != PAYLOAD_DIR:
                report.add("file_extra", rel, "folder outside data/")
            continue
        if not entry.is_file(follow_symlinks=False):  # a FIFO or device: never opened
            report.add("file_extra", rel, "not a regular file (not allowed in a release)")
            continue
        if top != PAYLOAD_DIR and rel not in ROOT_FILES:
            report.add("file_extra", rel, "file not part of a sestry release")
        try:
            actual[rel] = _digests(entry.path, sha256 or top != PAYLOAD_DIR)
        except OSError as exc:
            report.add("file_unreadable", rel, f"cannot be read ({exc.strerror or 'error'})")
    return actual


def _digests(path: str, with_sha256: bool) -> FileDigests:
    """BLAKE3 and size (large files on all cores, as `b3sum`), plus SHA-256 when asked."""
    if with_sha256:
        both = hash_file(Path(path))
        return FileDigests(blake3=both.blake3, size=both.size, sha256=both.sha256)
    digest, size = b3_file_sized(path)
    return FileDigests(blake3=digest, size=size, sha256=None)


def _load_manifest(root: Path, report: VerifyReport) -> dict[str, object] | None:
    path = root / MANIFEST
    if not path.is_file():
        report.add("file_missing", MANIFEST, "the release manifest is missing")
        return None
    try:
        manifest = json.loads(path.read_bytes().decode("utf-8"))
    except OSError:
        report.add("file_unreadable", MANIFEST, "manifest.json cannot be read")
        return None
    except (UnicodeDecodeError, ValueError, RecursionError):
        report.add("manifest_edited", MANIFEST, "manifest.json does not parse")
        return None
    if not isinstance(manifest, dict) or manifest.get("format") != RELEASE_FORMAT:
        report.add("manifest_edited", MANIFEST, f"not a {RELEASE_FORMAT} manifest")
        return None
    if not isinstance(manifest.get("files"), dict):
        report.add("manifest_edited", MANIFEST, "manifest.json has no file list")
        return None
    return manifest


def _check_signature(
    root: Path,
    actual: Mapping[str, FileDigests],
    report: VerifyReport,
    expected_key_b3: str | None,
) -> None:
    """Ed25519 over the exact manifest.json bytes; tell an edited manifest from a bad signature."""
    missing = [n for n in (MANIFEST, SIGNATURE, PUBLIC_KEY) if n not in actual]
    for name in missing:
        if name != MANIFEST:
            report.add("file_missing", name, "needed to check the signature")
    if missing:
        report.add("signature_invalid", SIGNATURE, "signature cannot be checked")
        return
    try:
        data = (root / MANIFEST).read_bytes()
        public = (root / PUBLIC_KEY).read_bytes()
        signature = (root / SIGNATURE).read_bytes()
    except OSError:  # replaced by something unreadable after hashing
        report.add("signature_invalid", SIGNATURE, "signature cannot be checked")
        return
    report.key_b3 = b3_bytes(public)
    report.key_pinned = expected_key_b3 is not None
    if expected_key_b3 is not None and report.key_b3 != expected_key_b3.lower():
        report.add("signature_invalid", PUBLIC_KEY, "not the publisher's expected key")
    if verify_signature(public, data, signature):
        return
    recorded = _recorded(root / B3SUMS).get(MANIFEST)
    if recorded is not None and recorded != actual[MANIFEST].blake3:
        report.add("manifest_edited", MANIFEST, "manifest.json differs from what was signed")
    report.add("signature_invalid", SIGNATURE, "Ed25519 signature does not verify")


def _check_files(
    manifest: Mapping[str, object], actual: Mapping[str, FileDigests], report: VerifyReport
) -> None:
    """Each payload file the manifest names must exist with both digests; no payload extra."""
    files = manifest["files"]
    assert isinstance(files, dict)
    for rel, entry in files.items():
        if not _is_payload_path(rel) or not isinstance(entry, dict):
            report.add("manifest_edited", MANIFEST, "manifest names a file outside data/")
            continue
        found = actual.get(rel)
        if found is None:
            report.add("file_missing", rel, "listed in manifest.json, not in the folder")
        elif (found.blake3, found.size) != (entry.get("blake3"), entry.get("size")) or (
            found.sha256 is not None and found.sha256 != entry.get("sha256")
        ):
            report.add("file_changed", rel, "content differs from manifest.json")
    for rel in actual:
        if rel.startswith(PAYLOAD_DIR + "/") and rel not in files:
            report.add("file_extra", rel, "in the folder, not in manifest.json")


def _listed_files(
    manifest: Mapping[str, object] | None, actual: Mapping[str, FileDigests]
) -> dict[str, dict[str, object]]:
    """What B3SUMS/SHA256SUMS must list: the manifest's files plus the three signed files."""
    listed: dict[str, dict[str, object]] = {}
    if manifest is not None:
        files = manifest["files"]
        assert isinstance(files, dict)
        listed = {rel: e for rel, e in files.items() if isinstance(e, dict)}
    for name in SIGNED_FILES:
        if name in actual:
            listed[name] = {"blake3": actual[name].blake3, "sha256": actual[name].sha256}
    return listed


def _check_sums(
    path: Path,
    algo: str,
    listed: Mapping[str, Mapping[str, object]],
    manifest: Mapping[str, object] | None,
    actual: Mapping[str, FileDigests],
    report: VerifyReport,
) -> None:
    """A checksum file must list exactly the expected files, with the manifest's digests."""
    if not path.is_file():
        report.add("file_missing", path.name, "checksum file missing")
        return
    try:
        entries = read_checksum_file(path)
    except (SestryError, UnicodeDecodeError, OSError):
        report.add("checksum_file_mismatch", path.name, "does not parse")
        return
    for rel in sorted(set(entries) - set(listed)):
        report.add("checksum_file_mismatch", path.name, f"lists {rel}, which the release lacks")
    for rel, expected in listed.items():
        recorded = entries.get(rel)
        if recorded is None:
            report.add("checksum_file_mismatch", path.name, f"does not list {rel}")
        elif rel in SIGNED_FILES:
            if recorded != expected[algo]:
                code = "manifest_edited" if rel == MANIFEST else "file_changed"
                report.add(code, rel, f"differs from its {path.name} entry")
        elif manifest is not None and recorded != expected.get(algo):
            report.add("checksum_file_mismatch", path.name, f"disagrees with manifest on {rel}")


def _check_bag(
    root: Path,
    manifest: Mapping[str, object] | None,
    actual: Mapping[str, FileDigests],
    report: VerifyReport,
) -> None:
    """BagIt: payload manifest equals manifest.json's SHA-256s; tag manifest matches tag files."""
    for name in (BAGIT_TXT, BAG_MANIFEST, BAG_TAGMANIFEST):
        if not (root / name).is_file():
            report.add("file_missing", name, "BagIt tag file missing")
    files = manifest["files"] if manifest is not None else None
    if isinstance(files, dict) and (root / BAG_MANIFEST).is_file():
        payload = _recorded(root / BAG_MANIFEST)
        expected = {r: e.get("sha256") for r, e in files.items() if isinstance(e, dict)}
        if payload != expected:
            report.add("checksum_file_mismatch", BAG_MANIFEST, "disagrees with manifest.json")
    _check_signed_tags(manifest, actual, report)
    if (root / BAG_TAGMANIFEST).is_file():
        listed = _recorded(root / BAG_TAGMANIFEST)
        for name in sorted(ROOT_FILES - {BAG_TAGMANIFEST} - set(listed)):
            report.add("checksum_file_mismatch", BAG_TAGMANIFEST, f"does not list {name}")
        for name, recorded in listed.items():
            found = actual.get(name)
            if name not in ROOT_FILES or name == BAG_TAGMANIFEST:
                report.add("checksum_file_mismatch", BAG_TAGMANIFEST, f"lists unknown {name}")
            elif found is None:
                report.add("file_missing", name, "listed in the BagIt tag manifest")
            elif found.sha256 != recorded:
                code = {MANIFEST: "manifest_edited", SIGNATURE: "file_changed"}.get(
                    name, "file_changed" if name == PUBLIC_KEY else "checksum_file_mismatch"
                )
                report.add(code, name, f"differs from {BAG_TAGMANIFEST}")


def _check_signed_tags(
    manifest: Mapping[str, object] | None, actual: Mapping[str, FileDigests], report: VerifyReport
) -> None:
    """bagit.txt, bag-info.txt and the payload manifest must match the signed manifest."""
    if manifest is None:
        return
    tags = manifest.get("bag_tag_files")
    if not isinstance(tags, dict) or set(tags) != {BAGIT_TXT, BAG_INFO, BAG_MANIFEST}:
        report.add(
            "manifest_edited", MANIFEST, "the signed manifest does not cover the BagIt tag files"
        )
        return
    for name, entry in sorted(tags.items()):
        found = actual.get(name)
        if found is None:
            report.add("file_missing", name, "BagIt tag file missing")
        elif not isinstance(entry, dict) or (found.blake3, found.sha256) != (
            entry.get("blake3"),
            entry.get("sha256"),
        ):
            report.add("file_changed", name, "differs from what the signed manifest records")


def _recorded(path: Path) -> dict[str, str]:
    """Entries of a `<hex>  <path>` file as written by sestry (lower-case hex, two spaces).

    {} when it is missing or unreadable; a line in any other shape maps to the "" digest, so a
    changed byte, even an upper-cased hex digit, is always a mismatch.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    result: dict[str, str] = {}
    for line in text.splitlines():
        match = _LINE.fullmatch(line)
        if match:
            result[match.group(2)] = match.group(1)
        else:
            result[line] = ""
    return result


def _is_payload_path(rel: object) -> bool:
    if not isinstance(rel, str) or not rel.startswith(PAYLOAD_DIR + "/"):
        return False
    parts = rel.split("/")
    return all(p not in ("", ".", "..") for p in parts) and "\\" not in rel


def _dedupe(report: VerifyReport) -> None:
    """One line per (code, subject): several checks often see the same tamper."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for problem in report.problems:
        key = (problem.code, problem.subject)
        if key not in seen:
            seen.add(key)
            kept.append(problem)
    report.problems[:] = kept
