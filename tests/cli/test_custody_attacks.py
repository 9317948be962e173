"""Custody under attack through the real command line (issue 11): nothing forged is released."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from sestry.core.settings import Settings
from sestry.custody.ledger import Ledger
from sestry.custody.vault import Vault
from sestry.schemas import dataset

pytestmark = pytest.mark.nlp

TEXT = "Свідок розповіла, що її тримали в підвалі школи три тижні.\n"
FORGED = "Свідок розповіла, що нічого не сталося і все було добре!!!\n"


def sestry(cmd: list[str], args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - fixed argv
        [*cmd, *args], env=env, capture_output=True, text=True, timeout=300
    )


@pytest.fixture
def env(api_env: dict[str, str]) -> dict[str, str]:
    """The test server's environment with sestry's own Prefect log level (as operators run it)."""
    return {k: v for k, v in api_env.items() if k != "PREFECT_LOGGING_LEVEL"}


def actions(settings: Settings) -> list[str]:
    return [e["action"] for e in Ledger(settings.ledger_path).events()]


def test_forged_original_is_never_extracted_or_released(
    sestry_cmd: list[str], data_dir: Path, env: dict[str, str], tmp_path: Path
) -> None:
    assert sestry(sestry_cmd, ["init", "--data", str(data_dir)], env).returncode == 0
    settings = Settings.load(data_dir)
    (settings.inbox / "a.txt").write_text(TEXT, "utf-8")
    consent = {"consent": ["prosecution", "research", "register"], "case_id": "C-1"}
    (settings.inbox / "a.txt.meta.json").write_text(json.dumps(consent))
    first = sestry(sestry_cmd, ["ingest", "--data", str(data_dir)], env)
    assert first.returncode == 0, first.stderr[-2000:]
    [digest] = dataset.known_doc_ids(settings.dataset_dir)
    # The attack: the vault object replaced by other bytes of the same size.
    forged = FORGED.encode("utf-8").ljust(len(TEXT.encode("utf-8")), b" ")
    assert len(forged) == len(TEXT.encode("utf-8"))
    path = Vault(settings.vault_dir).path(digest)
    os.chmod(path, 0o600)
    path.write_bytes(forged)
    again = sestry(sestry_cmd, ["ingest", "--data", str(data_dir), "--reprocess"], env)
    assert again.returncode == 1, again.stderr[-2000:]
    assert f"CUSTODY INCIDENT: vault object {digest}" in again.stderr
    assert "Traceback" not in again.stderr
    [row] = dataset.read_table(settings.dataset_dir, "documents").to_pylist()
    assert "нічого не сталося" not in str(row)  # the genuine extraction stays
    events = Ledger(settings.ledger_path).events()
    assert [e["subject"] for e in events if e["action"] == "incident"] == [digest]
    out = tmp_path / "to-partner"
    handoff = sestry(
        sestry_cmd,
        ["handoff", "--profile", "register", "--data", str(data_dir), "--out", str(out)],
        env,
    )
    assert handoff.returncode == 1, handoff.stdout + handoff.stderr[-2000:]
    assert digest in handoff.stderr
    assert "Traceback" not in handoff.stderr
    assert not out.exists()
    assert "release" not in actions(settings)
    assert actions(settings).count("incident") == 2


def test_case_ids_never_reach_prefect(
    sestry_cmd: list[str], settings: Settings, subprocess_env: dict[str, str]
) -> None:
    """`redact --case` values are free text (a name and a phone): not in Prefect's home or DB."""
    from sestry.custody.keys import init_layout
    from tests.release_support import make_dataset

    env = {**subprocess_env, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)
    init_layout(settings)
    make_dataset(settings.data_dir, 3)
    canary = "Ганна Канарейченко +380509998877"
    args = ["redact", "--profile", "register", "--data", str(settings.data_dir)]
    result = sestry(sestry_cmd, [*args, "--case", "case-001", "--case", canary], env)
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]
    home = Path(env["PREFECT_HOME"])
    files = [p for p in home.rglob("*") if p.is_file()]
    assert any(p.suffix == ".db" for p in files), "the Prefect database was not where expected"
    for path in files:
        blob = path.read_bytes()
        for needle in (canary, "Канарейченко", "380509998877", "case-001"):
            assert needle.encode("utf-8") not in blob, f"a case id leaked into {path.name}"
    assert not list((settings.data_dir / "runs").iterdir())  # the run file is gone


def test_sidecar_values_never_reach_prefect(
    sestry_cmd: list[str], data_dir: Path, subprocess_env: dict[str, str]
) -> None:
    """Case id, documenter code and date of a sidecar: not in Prefect's home or database."""
    env = {**subprocess_env, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)
    assert sestry(sestry_cmd, ["init", "--data", str(data_dir)], env).returncode == 0
    settings = Settings.load(data_dir)
    (settings.inbox / "a.txt").write_text(TEXT, "utf-8")
    sidecar = {
        "case_id": "Ганна Канарейченко +380509998877",
        "collected_by": "Канарейка-D77",
        "consent": ["research"],
    }
    (settings.inbox / "a.txt.meta.json").write_text(json.dumps(sidecar, ensure_ascii=False))
    result = sestry(sestry_cmd, ["ingest", "--data", str(data_dir)], env)
    assert result.returncode == 0, result.stderr[-2000:]
    home = Path(env["PREFECT_HOME"])
    files = [p for p in home.rglob("*") if p.is_file()]
    assert any(p.suffix == ".db" for p in files)
    for path in files:
        blob = path.read_bytes()
        for needle in ("Канарейченко", "380509998877", "Канарейка-D77"):
            for form in (needle.encode("utf-8"), json.dumps(needle)[1:-1].encode("ascii")):
                assert form not in blob, f"a sidecar value leaked into {path.name}"
