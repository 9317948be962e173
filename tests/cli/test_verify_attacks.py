"""`sestry verify RELEASE` against forged releases (issue 11): loud, named, never hangs."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sestry.custody.signing import public_key_pem, sign
from tests.release_support import make_release


@pytest.fixture(scope="module")
def clean_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_release(tmp_path_factory.mktemp("release"), docs=3)


@pytest.fixture
def release(clean_release: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "copy"
    shutil.copytree(clean_release, copy)
    return copy


def verify(cmd: list[str], env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - fixed argv
        [*cmd, "verify", *args], capture_output=True, text=True, env=env, timeout=60
    )


def key_b3(release: Path) -> str:
    return json.loads((release / "manifest.json").read_bytes())["signature"]["public_key_b3"]


def test_resigned_release_shows_the_fingerprint_and_warns_unless_pinned(
    release: Path, sestry_cmd: list[str], subprocess_env: dict[str, str]
) -> None:
    original = key_b3(release)
    clean = verify(sestry_cmd, subprocess_env, str(release))
    assert clean.returncode == 0
    assert f"signing key fingerprint (BLAKE3): {original}" in clean.stdout
    assert "WARNING: the key was not pinned" in clean.stdout
    pinned = verify(sestry_cmd, subprocess_env, str(release), "--key", original)
    assert pinned.returncode == 0
    assert "WARNING" not in pinned.stdout
    # The attack: re-sign the manifest with another key and ship that key.
    other = Ed25519PrivateKey.generate()
    (release / "signing-key.pub.pem").write_bytes(public_key_pem(other))
    (release / "manifest.json.sig").write_bytes(
        sign(other, (release / "manifest.json").read_bytes())
    )
    unpinned = verify(sestry_cmd, subprocess_env, str(release))
    assert original not in unpinned.stdout  # the fingerprint shown is the forger's
    assert "WARNING: the key was not pinned" in unpinned.stdout
    caught = verify(sestry_cmd, subprocess_env, str(release), "--key", original)
    assert caught.returncode == 1
    assert "signature_invalid" in caught.stdout


def test_edited_bag_info_fails_even_with_a_consistent_tag_manifest(
    release: Path, sestry_cmd: list[str], subprocess_env: dict[str, str]
) -> None:
    info = release / "bag-info.txt"
    info.write_text(info.read_text() + "Source-Organization: Attacker Ltd\n")
    tags = release / "tagmanifest-sha256.txt"
    lines = []
    for line in tags.read_text().splitlines():
        digest, name = line.split("  ", 1)
        if name == "bag-info.txt":
            digest = hashlib.sha256(info.read_bytes()).hexdigest()
        lines.append(f"{digest}  {name}\n")
    tags.write_text("".join(lines))
    done = verify(sestry_cmd, subprocess_env, str(release), "--json", "--key", key_b3(release))
    assert done.returncode == 1
    problems = {(p["code"], p["subject"]) for p in json.loads(done.stdout)["problems"]}
    assert ("file_changed", "bag-info.txt") in problems


def test_fifo_in_a_release_is_named_without_hanging(
    release: Path, sestry_cmd: list[str], subprocess_env: dict[str, str]
) -> None:
    os.mkfifo(release / "data" / "pipe.parquet")
    done = verify(sestry_cmd, subprocess_env, str(release), "--json")
    assert done.returncode == 1
    problems = {(p["code"], p["subject"]) for p in json.loads(done.stdout)["problems"]}
    assert ("file_extra", "data/pipe.parquet") in problems


@pytest.mark.parametrize("curve", ["SM2", "secp112r1"])
def test_odd_key_types_are_a_named_problem_not_a_traceback(
    release: Path, sestry_cmd: list[str], subprocess_env: dict[str, str], curve: str
) -> None:
    key = release.parent / "odd.pem"
    if curve == "SM2":
        made = subprocess.run(["openssl", "genpkey", "-algorithm", "SM2", "-out", str(key)])
    else:
        made = subprocess.run(["openssl", "ecparam", "-name", curve, "-genkey", "-out", str(key)])
    assert made.returncode == 0
    public = subprocess.run(
        ["openssl", "pkey", "-in", str(key), "-pubout"], capture_output=True, check=True
    ).stdout
    (release / "signing-key.pub.pem").write_bytes(public)
    done = verify(sestry_cmd, subprocess_env, str(release))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "signature_invalid" in done.stdout
