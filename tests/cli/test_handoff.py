"""`sestry handoff` as a subprocess: exit 0 with a verifiable release, 1 (nothing written) when
validation fails, 2 for a bad profile or a missing data dir."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sestry.core.settings import Settings
from sestry.custody.keys import init_layout
from sestry.custody.ledger import Ledger
from sestry.release.redact_job import redact_dataset
from sestry.schemas.dataset import read_table
from tests.release_support import CANARY_NAMES, make_dataset


def run(cmd: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300, check=False)


def assert_no_values(settings: Settings, output: str) -> None:
    """Nothing the command prints may be an entity value or a canary name."""
    values = {e["text"] for e in read_table(settings.dataset_dir, "entities").to_pylist()}
    for value in values | set(CANARY_NAMES):
        assert value not in output


@pytest.mark.nlp
@pytest.mark.slow
def test_handoff_writes_a_release_that_verifies(
    settings: Settings, tmp_path: Path, sestry_cmd: list[str], subprocess_env: dict[str, str]
) -> None:
    init_layout(settings)
    make_dataset(settings.data_dir, 6, unconsented=1)
    out = tmp_path / "to-partner"
    done = run(
        [*sestry_cmd, "handoff", "--profile", "register", "--data", str(settings.data_dir),
         "--out", str(out)],
        subprocess_env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"written to {out}" in done.stdout
    assert "fingerprint" in done.stdout
    assert_no_values(settings, done.stdout + done.stderr)
    checked = run([*sestry_cmd, "verify", str(out)], subprocess_env)
    assert checked.returncode == 0, checked.stdout
    assert [e["action"] for e in Ledger(settings.ledger_path).events()][-1] == "release"
    # one definition of "files": handoff, the report and verify count the same things
    said = re.search(
        r"payload files \(data/\): (\d+); all files in the package: (\d+)", done.stdout
    )
    assert said, done.stdout
    payload, every = int(said[1]), int(said[2])
    assert payload == len(json.loads((out / "manifest.json").read_bytes())["files"])
    assert every == sum(1 for p in out.rglob("*") if p.is_file()) > payload
    assert f"all files in the package: {every}" in checked.stdout
    report = (out / "data" / "report.html").read_text(encoding="utf-8")
    assert f'with both reports)</th><td class="n">{payload}<' in report
    # Nothing identifying reached Prefect's home (its database, logs, stored results).
    home = Path(subprocess_env["PREFECT_HOME"])
    blob = b"".join(p.read_bytes() for p in home.rglob("*") if p.is_file())
    assert len(blob) > 10_000  # the Prefect database is there
    entities = read_table(settings.dataset_dir, "entities").to_pylist()
    names = {e["text"] for e in entities if e["label"] in ("PERSON", "PHONE")}
    for value in names | set(CANARY_NAMES):
        assert value.encode("utf-8") not in blob


@pytest.mark.nlp
@pytest.mark.slow
def test_handoff_refuses_when_validation_fails(
    settings: Settings, tmp_path: Path, sestry_cmd: list[str], subprocess_env: dict[str, str]
) -> None:
    init_layout(settings)
    make_dataset(settings.data_dir, 4, unconsented=1)
    folder = Path(redact_dataset(settings, "prosecution").path)
    table = pq.read_table(folder / "documents.parquet")
    texts = [t + " " + CANARY_NAMES[0] for t in table.column("text").to_pylist()]
    index = table.schema.get_field_index("text")
    table = table.set_column(index, table.schema.field(index), pa.array(texts, pa.large_string()))
    pq.write_table(table, folder / "documents.parquet")  # leaked after it was validated
    out = tmp_path / "to-partner"
    done = run(
        [*sestry_cmd, "handoff", "--profile", "prosecution", "--data", str(settings.data_dir),
         "--out", str(out)],
        subprocess_env,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr[-3000:]
    assert "ValidationFailed" in done.stderr
    assert not out.exists()
    assert [p for p in tmp_path.iterdir() if p.name.startswith(".to-partner")] == []
    assert_no_values(settings, done.stdout + done.stderr)


def test_handoff_with_an_unknown_profile_exits_2(
    settings: Settings, sestry_cmd: list[str], subprocess_env: dict[str, str]
) -> None:
    init_layout(settings)
    done = run(
        [*sestry_cmd, "handoff", "--profile", "nosuchpartner", "--data", str(settings.data_dir)],
        subprocess_env,
    )
    assert done.returncode == 2
    assert "ProfileError" in done.stderr


def test_handoff_without_init_exits_2(
    data_dir: Path, sestry_cmd: list[str], subprocess_env: dict[str, str]
) -> None:
    done = run(
        [*sestry_cmd, "handoff", "--profile", "prosecution", "--data", str(data_dir)],
        subprocess_env,
    )
    assert done.returncode == 2
    assert "sestry init" in done.stderr
    assert not (data_dir / "releases").exists()


def test_handoff_into_a_taken_folder_exits_2_and_touches_nothing(
    settings: Settings, tmp_path: Path, sestry_cmd: list[str], subprocess_env: dict[str, str]
) -> None:
    init_layout(settings)
    out = tmp_path / "taken"
    out.mkdir()
    (out / "earlier.txt").write_text("an earlier delivery")
    done = run(
        [*sestry_cmd, "handoff", "--profile", "prosecution", "--data", str(settings.data_dir),
         "--out", str(out)],
        subprocess_env,
    )  # fmt: skip
    assert done.returncode == 2
    assert "not empty" in done.stderr
    assert [p.name for p in out.iterdir()] == ["earlier.txt"]
    assert not Path(subprocess_env["PREFECT_HOME"]).exists()  # refused before Prefect started
