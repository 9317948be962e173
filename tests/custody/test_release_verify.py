"""A partner's checks of a release: sestry verify, b3sum, sha256sum, bagit and openssl.

Each tamper (a changed byte, an extra or missing file, an edited manifest, a swapped key or
signature) must make `sestry verify RELEASE_DIR` exit 1 and name the problem.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import bagit
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sestry.custody.release_verify import verify_release
from sestry.custody.signing import public_key_pem, sign
from tests.release_support import make_release


@pytest.fixture(scope="module")
def clean_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One real release (synthetic redaction, real Parquet/PNG/PDF), built once per module."""
    return make_release(tmp_path_factory.mktemp("release"), docs=4)


@pytest.fixture
def release(clean_release: Path, tmp_path: Path) -> Path:
    """A private copy of the clean release to tamper with."""
    copy = tmp_path / "copy"
    shutil.copytree(clean_release, copy)
    return copy


def _codes(release: Path) -> set[tuple[str, str]]:
    return {(p.code, p.subject) for p in verify_release(release).problems}


def _first_parquet(release: Path) -> Path:
    return release / "data" / "documents.parquet"


def _flip_byte(release: Path) -> None:
    path = _first_parquet(release)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


def _edit_manifest(release: Path) -> None:
    path = release / "manifest.json"
    manifest = json.loads(path.read_bytes())
    manifest["profile"] = "research"
    path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def _swap_key(release: Path) -> None:
    (release / "signing-key.pub.pem").write_bytes(public_key_pem(Ed25519PrivateKey.generate()))


def _swap_signature(release: Path) -> None:
    forged = sign(Ed25519PrivateKey.generate(), (release / "manifest.json").read_bytes())
    (release / "manifest.json.sig").write_bytes(forged)


TAMPERS: dict[str, tuple[Callable[[Path], None], str, str]] = {
    "changed_byte_in_parquet": (_flip_byte, "file_changed", "data/documents.parquet"),
    "extra_payload_file": (
        lambda r: (r / "data" / "note.txt").write_text("added later"),
        "file_extra",
        "data/note.txt",
    ),
    "extra_root_file": (
        lambda r: (r / "README.txt").write_text("added later"),
        "file_extra",
        "README.txt",
    ),
    "symlink_in_payload": (
        lambda r: (r / "data" / "link.parquet").symlink_to(r / "data" / "documents.parquet"),
        "file_extra",
        "data/link.parquet",
    ),
    "missing_file": (
        lambda r: (r / "data" / "entities.parquet").unlink(),
        "file_missing",
        "data/entities.parquet",
    ),
    "edited_manifest": (_edit_manifest, "manifest_edited", "manifest.json"),
    "swapped_public_key": (_swap_key, "signature_invalid", "manifest.json.sig"),
    "swapped_signature": (_swap_signature, "signature_invalid", "manifest.json.sig"),
    "edited_b3sums": (
        lambda r: (r / "B3SUMS").write_text(
            (r / "B3SUMS").read_text().replace("documents.parquet", "document.parquet")
        ),
        "checksum_file_mismatch",
        "B3SUMS",
    ),
}


def test_clean_release_has_no_problems(release: Path) -> None:
    report = verify_release(release)
    assert report.ok, report.problems
    assert report.checked["files"] > 10


@pytest.mark.parametrize("name", sorted(TAMPERS))
def test_each_tamper_is_named(release: Path, name: str) -> None:
    tamper, code, subject = TAMPERS[name]
    tamper(release)
    assert (code, subject) in _codes(release)


@pytest.mark.parametrize("name", sorted(TAMPERS))
def test_sestry_verify_exits_1_and_names_the_tamper(
    release: Path, name: str, sestry_cmd: list[str], subprocess_env: dict[str, str]
) -> None:
    tamper, code, subject = TAMPERS[name]
    tamper(release)
    done = subprocess.run(
        [*sestry_cmd, "verify", str(release), "--json"],
        capture_output=True,
        text=True,
        env=subprocess_env,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    problems = json.loads(done.stdout)["problems"]
    assert {"code": code, "subject": subject} in [
        {"code": p["code"], "subject": p["subject"]} for p in problems
    ]


def test_sestry_verify_exits_0_on_a_clean_release(
    release: Path, sestry_cmd: list[str], subprocess_env: dict[str, str]
) -> None:
    done = subprocess.run(
        [*sestry_cmd, "verify", str(release)],
        capture_output=True,
        text=True,
        env=subprocess_env,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "OK" in done.stdout


def test_expected_key_refuses_a_release_resigned_by_someone_else(release: Path) -> None:
    other = Ed25519PrivateKey.generate()
    original_key_b3 = json.loads((release / "manifest.json").read_bytes())["signature"][
        "public_key_b3"
    ]
    (release / "signing-key.pub.pem").write_bytes(public_key_pem(other))
    (release / "manifest.json.sig").write_bytes(
        sign(other, (release / "manifest.json").read_bytes())
    )
    report = verify_release(release, expected_key_b3=original_key_b3)
    assert ("signature_invalid", "signing-key.pub.pem") in {
        (p.code, p.subject) for p in report.problems
    }


@pytest.mark.parametrize(("tool", "sums"), [("b3sum", "B3SUMS"), ("sha256sum", "SHA256SUMS")])
def test_standard_tools_check_a_clean_release(release: Path, tool: str, sums: str) -> None:
    assert shutil.which(tool), f"{tool} is a Debian package in the Makefile"
    done = subprocess.run(
        [tool, "--check", sums], cwd=release, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "data/documents.parquet: OK" in done.stdout


@pytest.mark.parametrize(("tool", "sums"), [("b3sum", "B3SUMS"), ("sha256sum", "SHA256SUMS")])
def test_standard_tools_catch_a_changed_byte(release: Path, tool: str, sums: str) -> None:
    _flip_byte(release)
    done = subprocess.run(
        [tool, "--check", sums], cwd=release, capture_output=True, text=True, timeout=60
    )
    assert done.returncode != 0
    assert "data/documents.parquet: FAILED" in done.stdout


def test_bagit_validates_a_clean_release_and_refuses_a_changed_one(release: Path) -> None:
    assert bagit.Bag(str(release)).validate()
    _flip_byte(release)
    with pytest.raises(bagit.BagValidationError):
        bagit.Bag(str(release)).validate()


OPENSSL = [
    "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "signing-key.pub.pem",
    "-rawin", "-in", "manifest.json", "-sigfile", "manifest.json.sig",
]  # fmt: skip


def test_openssl_recipe_from_docs_verifies_the_signature(release: Path) -> None:
    assert shutil.which("openssl"), "openssl is part of Debian"
    recipe = (Path(__file__).resolve().parents[2] / "docs" / "verify.md").read_text()
    assert " ".join(OPENSSL) in recipe
    done = subprocess.run(OPENSSL, cwd=release, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Signature Verified Successfully" in done.stdout
    _edit_manifest(release)
    done = subprocess.run(OPENSSL, cwd=release, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0


def test_a_changed_byte_in_any_file_is_caught(release: Path) -> None:
    """Every file (payload, manifest, signature, key, checksum and BagIt files) is covered."""
    files = sorted(p for p in release.rglob("*") if p.is_file())
    assert len(files) > 10
    for path in files:
        original = path.read_bytes()
        for offset in {0, len(original) // 2, len(original) - 1}:
            changed = bytearray(original)
            changed[offset] ^= 0x20
            path.write_bytes(bytes(changed))
            report = verify_release(release)
            assert not report.ok, f"{path.relative_to(release)} byte {offset}"
        path.write_bytes(original)
    assert verify_release(release).ok


def test_a_deleted_file_anywhere_is_caught(release: Path) -> None:
    for path in sorted(p for p in release.rglob("*") if p.is_file()):
        original = path.read_bytes()
        path.unlink()
        assert not verify_release(release).ok, path.relative_to(release)
        path.write_bytes(original)


def test_bagit_command_line_from_docs_validates(release: Path) -> None:
    import sys
    recipe = (Path(__file__).resolve().parents[2] / "docs" / "verify.md").read_text()
    assert "python3 -m bagit --validate" in recipe
    done = subprocess.run(
        [sys.executable, "-m", "bagit", "--validate", str(release)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "is valid" in done.stderr


def test_sestry_verify_key_option_pins_the_publisher(
    release: Path, sestry_cmd: list[str], subprocess_env: dict[str, str]
) -> None:
    """`--key` (the publisher's key digest, received out of band) refuses a re-signed release."""
    key_b3 = subprocess.run(
        ["b3sum", "--no-names", str(release / "signing-key.pub.pem")],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    argv = [*sestry_cmd, "verify", str(release), "--key", key_b3]
    ok = subprocess.run(argv, capture_output=True, text=True, env=subprocess_env, timeout=120)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    other = Ed25519PrivateKey.generate()
    (release / "signing-key.pub.pem").write_bytes(public_key_pem(other))
    (release / "manifest.json.sig").write_bytes(
        sign(other, (release / "manifest.json").read_bytes())
    )
    bad = subprocess.run(argv, capture_output=True, text=True, env=subprocess_env, timeout=120)
    assert bad.returncode == 1
    assert "signature_invalid" in bad.stdout


def test_sha256_is_recomputed_for_the_top_files_and_for_all_when_asked(release: Path) -> None:
    default = verify_release(release)
    full = verify_release(release, sha256=True)
    assert default.ok
    assert full.ok
    top = sum(1 for p in release.iterdir() if p.is_file())
    assert default.checked["sha256"] == top
    assert full.checked["sha256"] == full.checked["files"] > top


def test_with_sha256_a_changed_payload_byte_is_still_caught(release: Path) -> None:
    _flip_byte(release)
    report = verify_release(release, sha256=True)
    assert ("file_changed", _first_parquet(release).relative_to(release).as_posix()) in {
        (p.code, p.subject) for p in report.problems
    }
