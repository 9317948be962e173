"""The committed sample corpus is exactly what its generator writes (no hand edits, no drift)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "data" / "samples"
# Images and PDFs hold font rasterisation, which may differ across FreeType builds: for those
# only the presence is compared; every text-like file is compared byte for byte.
BYTE_EXACT = (".txt", ".srt", ".vtt", ".json", ".wav", ".bin", ".docx")


def _files(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def test_generator_reproduces_the_committed_samples(tmp_path: Path) -> None:
    out = tmp_path / "samples"
    subprocess.run([sys.executable, "-m", "tools.samples", "--out", str(out)], cwd=REPO, check=True)
    assert _files(out) == _files(SAMPLES)
    for name in sorted(_files(SAMPLES)):
        if name.endswith(BYTE_EXACT):
            assert (out / name).read_bytes() == (SAMPLES / name).read_bytes(), name


def test_samples_stay_small_and_every_expected_file_exists() -> None:
    total = sum((SAMPLES / n).stat().st_size for n in _files(SAMPLES))
    assert total < 3 * 1024 * 1024
    expected = json.loads((SAMPLES / "EXPECTED.json").read_text("utf-8"))["files"]
    assert set(expected) <= _files(SAMPLES)


def test_sidecars_are_valid_and_one_item_has_none() -> None:
    from sestry.schemas.sidecar import SIDECAR_SUFFIX, Sidecar

    expected = json.loads((SAMPLES / "EXPECTED.json").read_text("utf-8"))["files"]
    good = [n for n, e in expected.items() if not n.startswith("bad/")]
    with_sidecar = [n for n in good if (SAMPLES / (n + SIDECAR_SUFFIX)).exists()]
    assert len(good) - len(with_sidecar) == 1
    scopes: set[str] = set()
    for name in with_sidecar:
        sidecar = Sidecar.model_validate_json((SAMPLES / (name + SIDECAR_SUFFIX)).read_text())
        assert sidecar.case_id
        scopes.update(sidecar.consent)
        if sidecar.audio:
            assert (SAMPLES / sidecar.audio).exists()
    assert scopes == {"prosecution", "register", "research"}


def test_canaries_appear_in_the_samples() -> None:
    canaries = [c for c in (SAMPLES / "CANARIES.txt").read_text("utf-8").splitlines() if c]
    corpus = "".join(
        (SAMPLES / n).read_text("utf-8")
        for n in _files(SAMPLES)
        if n.endswith(("uk.txt", "ru.txt", "en.txt"))
    )
    for canary in canaries:
        assert canary in corpus, canary
