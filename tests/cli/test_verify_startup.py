"""`sestry verify RELEASE` starts light: the whole command, run in a fresh interpreter, loads
none of the pipeline's heavy packages (a partner's check is start-up bound: issue 14)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.release_support import make_release

# Run the real entry point as the console script does, then list what it imported.
PROBE = """
import json, sys
sys.argv = ["sestry", "verify", *sys.argv[1:]]
from sestry.launch import main
try:
    main()
    code = 0
except SystemExit as exc:
    code = exc.code
tops = sorted({m.split(".")[0] for m in sys.modules})
print(json.dumps({"code": code, "tops": tops, "modules": sorted(sys.modules)}))
"""

#: Packages `sestry verify` of a release must not import (each costs seconds to load).
HEAVY = ("prefect", "spacy", "pandas", "great_expectations", "pyarrow", "natasha", "pymorphy3")


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One real signed release of a small synthetic redaction."""
    return make_release(tmp_path_factory.mktemp("release"), docs=2)


def _probe(release: Path, *options: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(release), *options],
        capture_output=True,
        text=True,
        timeout=120,
        env={"SESTRY_LANG": "en", "NO_COLOR": "1", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_verify_of_a_release_loads_no_heavy_package(release: Path) -> None:
    loaded = _probe(release)
    assert loaded["code"] == 0  # the release verified: the probe ran the real path
    tops = loaded["tops"]
    assert isinstance(tops, list)
    assert [m for m in HEAVY if m in tops] == []
    assert "typer" not in tops  # sestry.launch's light path
    assert "click" not in tops
    # nor the data dir's settings, nor any layer above custody
    modules = loaded["modules"]
    assert isinstance(modules, list)
    assert "sestry.core.settings" not in modules
    above = ("sestry.flows", "sestry.release", "sestry.redaction", "sestry.extractors")
    assert [m for m in modules if m.startswith(above)] == []


def test_a_tampered_release_still_fails_with_the_light_start(release: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(release, copy)
    manifest = copy / "manifest.json"
    manifest.write_bytes(manifest.read_bytes().replace(b'"', b"'", 1))
    loaded = _probe(copy)
    assert loaded["code"] == 1
    assert [m for m in HEAVY if m in loaded["tops"]] == []  # type: ignore[operator]


def test_the_light_start_checks_sha256_when_asked_and_pins_the_key(release: Path) -> None:
    key = json.loads((release / "manifest.json").read_bytes())["signature"]["public_key_b3"]
    loaded = _probe(release, "--sha256", "--key", key)
    assert loaded["code"] == 0
    assert "typer" not in loaded["tops"]  # type: ignore[operator]
    wrong = _probe(release, f"--key={'0' * 64}")
    assert wrong["code"] == 1


def test_other_verify_command_lines_go_to_the_full_parser(release: Path) -> None:
    loaded = _probe(release, "--repair")  # a data folder's option: typer refuses it (exit 2)
    assert loaded["code"] == 2
    assert "typer" in loaded["tops"]  # type: ignore[operator]
