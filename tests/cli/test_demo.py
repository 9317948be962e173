"""`sestry demo` and `sestry serve` from the command line."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from sestry.core.settings import Settings
from sestry.schemas import dataset

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"


@pytest.mark.ocr
@pytest.mark.nlp
def test_demo_runs_every_stage(sestry_cmd: list[str], data_dir: Path, api_env: dict) -> None:
    result = subprocess.run(  # noqa: S603 - fixed argv
        [*sestry_cmd, "demo", "--data", str(data_dir)],
        env=api_env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    for stage in ("init", "samples", "ingest", "verify", "handoff", "verify releases"):
        assert stage in result.stdout
    assert "OK" in result.stdout
    settings = Settings.load(data_dir)
    assert len(dataset.known_doc_ids(settings.dataset_dir)) > 30
    assert not (settings.inbox / "EXPECTED.json").exists()
    assert not (settings.inbox / ".done" / "CANARIES.txt").exists()
    releases = sorted(p for p in settings.releases_dir.iterdir() if p.is_dir())
    assert [r.name.split("-")[0] for r in releases] == ["prosecution", "register", "research"]
    _assert_no_canary(releases, result.stdout + result.stderr)
    for release in releases[1:]:  # register and research
        _assert_hidden_words(release)


# Words of the samples that register and research hide (issue 9): the second word of a
# two-word village, and (research generalises dates to the month) days written as words.
VILLAGE_WORDS = ("журавлин", "hrebinka")
DAY_WORDS = ("дванадцят", "четвертого", "девятого", "шестого")


def _assert_hidden_words(release: Path) -> None:
    """Scan the released tables and the re-OCRed released pages for hidden words."""
    import json

    import pyarrow.parquet as pq
    from PIL import Image

    from sestry.extractors.ocr import ocr_image

    data = release / "data"
    texts = [
        json.dumps(pq.read_table(data / f"{t}.parquet").to_pylist(), ensure_ascii=False)
        for t in ("documents", "segments", "entities")
    ]
    for png in sorted(data.glob("pages/*/page-*.png")):
        with Image.open(png) as image:
            texts.append(ocr_image(image, "ukr+rus+eng")[0])
    found = "\n".join(texts).casefold()
    hidden = VILLAGE_WORDS + (DAY_WORDS if release.name.startswith("research") else ())
    assert [w for w in hidden if w in found] == [], release.name


def _assert_no_canary(releases: list[Path], output: str) -> None:
    """No sample canary (name or number) in any released file, Parquet decoded, or the output."""
    import pyarrow.parquet as pq

    canaries = [
        line.strip().casefold()
        for line in (SAMPLES / "CANARIES.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert len(canaries) >= 6
    texts = {"command output": output}
    for release in releases:
        for path in release.rglob("*"):
            if path.is_file():
                texts[str(path)] = path.read_bytes().decode("utf-8", "ignore")
                if path.suffix == ".parquet":
                    texts[f"{path} (decoded)"] = str(pq.read_table(path).to_pylist())
    leaks = [
        (where, c[:2]) for where, text in texts.items() for c in canaries if c in text.casefold()
    ]
    assert not leaks, f"canaries found in {leaks}"


def test_serve_with_a_bad_cron_exits_2(
    sestry_cmd: list[str], data_dir: Path, api_env: dict
) -> None:
    assert (
        subprocess.run([*sestry_cmd, "init", "--data", str(data_dir)], env=api_env).returncode == 0
    )  # noqa: S603
    result = subprocess.run(  # noqa: S603 - fixed argv
        [*sestry_cmd, "serve", "--cron", "every night", "--data", str(data_dir)],
        env=api_env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "cron" in result.stderr


def test_serve_without_data_dir_exits_2(sestry_cmd: list[str], tmp_path: Path) -> None:
    result = subprocess.run(  # noqa: S603 - fixed argv
        [*sestry_cmd, "serve", "--data", str(tmp_path / "none")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
