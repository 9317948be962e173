"""Sealing a release folder: manifest, signature, checksum files, BagIt, modes, atomic publish."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sestry.core.digest import b3_bytes, b3_file, sha256_file
from sestry.core.errors import UsageError
from sestry.custody.checksums import read_checksum_file
from sestry.custody.release import (
    ROOT_FILES,
    ReleaseSpec,
    check_destination,
    discard,
    make_staging,
    new_release_id,
    publish,
    seal_release,
)
from sestry.custody.signing import verify_signature

DOC = "ab" * 32


def _stage_with_payload(dest: Path) -> Path:
    stage = make_staging(dest)
    (stage / "data" / "pages" / DOC).mkdir(parents=True)
    (stage / "data" / "pages" / DOC / "page-0001.png").write_bytes(b"\x89PNG fake page")
    (stage / "data" / "pages" / f"{DOC}.pdf").write_bytes(b"%PDF-1.4 fake")
    (stage / "data" / "documents.parquet").write_bytes(b"PAR1" + bytes(range(200)) + b"PAR1")
    return stage


def _spec() -> ReleaseSpec:
    return ReleaseSpec(
        release_id="prosecution-20260101T000000Z-abcdef",
        profile="prosecution",
        created_at="2026-01-01T00:00:00Z",
        sestry_version="0.1.0",
        items=[DOC],
        counts={"documents": 1},
        ledger_head="cd" * 32,
        validation_passed=True,
    )


@pytest.fixture
def sealed(tmp_path: Path) -> tuple[Path, Ed25519PrivateKey]:
    key = Ed25519PrivateKey.generate()
    dest = tmp_path / "out" / "release"
    stage = _stage_with_payload(dest)
    seal_release(stage, _spec(), key)
    publish(stage, dest)
    return dest, key


def test_manifest_lists_every_payload_file_with_both_digests(sealed: tuple[Path, object]) -> None:
    release, _ = sealed
    manifest = json.loads((release / "manifest.json").read_bytes())
    payload = sorted(
        p.relative_to(release).as_posix()
        for p in release.rglob("*")
        if p.is_file() and p.relative_to(release).parts[0] == "data"
    )
    assert sorted(manifest["files"]) == payload
    for rel, entry in manifest["files"].items():
        assert entry["blake3"] == b3_file(release / rel)
        assert entry["sha256"] == sha256_file(release / rel)
        assert entry["size"] == (release / rel).stat().st_size
    assert manifest["items"] == [
        {"doc_id": DOC, "files": [f"data/pages/{DOC}.pdf", f"data/pages/{DOC}/page-0001.png"]}
    ]
    assert manifest["custody_ledger_head"] == "cd" * 32
    assert manifest["profile"] == "prosecution"


def test_signature_is_raw_ed25519_over_manifest_bytes(
    sealed: tuple[Path, Ed25519PrivateKey],
) -> None:
    release, key = sealed
    sig = (release / "manifest.json.sig").read_bytes()
    assert len(sig) == 64
    pub = (release / "signing-key.pub.pem").read_bytes()
    assert verify_signature(pub, (release / "manifest.json").read_bytes(), sig)
    manifest = json.loads((release / "manifest.json").read_bytes())
    assert manifest["signature"]["public_key_b3"] == b3_bytes(pub)
    assert not verify_signature(pub, (release / "manifest.json").read_bytes() + b" ", sig)


def test_checksum_files_cover_payload_and_signed_files(sealed: tuple[Path, object]) -> None:
    release, _ = sealed
    b3 = read_checksum_file(release / "B3SUMS")
    sha = read_checksum_file(release / "SHA256SUMS")
    expected = {"manifest.json", "manifest.json.sig", "signing-key.pub.pem"} | {
        p.relative_to(release).as_posix() for p in (release / "data").rglob("*") if p.is_file()
    }
    assert set(b3) == set(sha) == expected
    assert all(b3[rel] == b3_file(release / rel) for rel in b3)


def test_release_holds_no_private_key_and_files_are_0644(
    sealed: tuple[Path, Ed25519PrivateKey],
) -> None:
    release, _ = sealed
    top = {p.name for p in release.iterdir() if p.is_file()}
    assert top == set(ROOT_FILES)
    for path in release.rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o755 if path.is_dir() else 0o644), path
        if path.is_file():
            assert b"PRIVATE KEY" not in path.read_bytes()


def test_publish_refuses_a_non_empty_destination(tmp_path: Path) -> None:
    dest = tmp_path / "taken"
    dest.mkdir()
    (dest / "something").write_text("x")
    with pytest.raises(UsageError):
        make_staging(dest)
    with pytest.raises(UsageError):
        check_destination(dest)


def test_staging_is_hidden_beside_destination_and_discard_leaves_nothing(tmp_path: Path) -> None:
    dest = tmp_path / "releases" / "r1"
    stage = _stage_with_payload(dest)
    assert stage.parent == dest.parent
    assert stage.name.startswith(".r1.partial-")
    discard(stage)
    assert list(dest.parent.iterdir()) == []
    assert not dest.exists()


def test_release_id_is_profile_stamp_and_random_suffix() -> None:
    first, second = new_release_id("research"), new_release_id("research")
    assert first.startswith("research-")
    assert first != second
    with pytest.raises(UsageError):
        new_release_id("../etc")


def test_seal_refuses_unsafe_payload_names(tmp_path: Path) -> None:
    stage = make_staging(tmp_path / "r")
    (stage / "data" / "bad name\\x.txt").write_text("x")
    with pytest.raises(UsageError):
        seal_release(stage, _spec(), Ed25519PrivateKey.generate())
