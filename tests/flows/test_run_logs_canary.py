"""Command-line runs in Prefect: named, tagged, logged at INFO, and free of testimony.

A synthetic inbox whose texts, file names and sidecar case ids carry unique canaries goes
through `sestry ingest`, `redact --case` and `handoff --case` (real flows, a real Prefect server
with its own PREFECT_HOME). Prefect must then hold the runs' INFO lines (so the scan below can
fail) and no canary anywhere in its home, database included.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import httpx
import pytest

from sestry.core.settings import Settings
from sestry.flows.run_meta import kyiv_date
from sestry.schemas.dataset import read_table
from tests.flows.prefect_server import client_env, running_server

pytestmark = pytest.mark.nlp

PERSON = "Зіновія Канарейчук-Сентинел"
PHONE = "+380 93 777 12 34"
# the digits are a canary of their own (a case id cut to its number); ten of them, because a
# short digit run turns up by chance in a binary database full of UUIDs and timestamps
CASE_DIGITS = "4718290563"
CASE = f"справа-Канарейчук-{CASE_DIGITS}"
FILE_STEM = "Зіновія_Канарейчук_свідчення"
NEEDLES = (PERSON, "Канарейчук", PHONE, "777 12 34", CASE, CASE_DIGITS, FILE_STEM)


def _inbox(inbox: Path) -> None:
    inbox.mkdir(parents=True, exist_ok=True)
    sidecar = {"case_id": CASE, "consent": ["research", "prosecution"], "language": "uk"}
    for i in range(2):
        name = f"{FILE_STEM}_{i}.txt"
        (inbox / name).write_text(
            f"Мене звати {PERSON}. Мій телефон {PHONE}. Мене тримали у Херсоні ({i}).\n", "utf-8"
        )
        (inbox / f"{name}.meta.json").write_text(json.dumps(sidecar), "utf-8")
    (inbox / f"{FILE_STEM}_empty.txt").write_bytes(b"")  # quarantined: the other path


def _sestry(cmd: list[str], args: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(  # noqa: S603 - fixed argv
        [*cmd, *args], env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, (args[0], done.stderr[-2000:])


def _post(url: str, path: str, body: dict) -> list[dict]:
    response = httpx.post(f"{url}{path}", json=body, timeout=30)
    response.raise_for_status()
    return list(response.json())


def test_cli_runs_are_named_tagged_logged_and_hold_no_canary(
    sestry_cmd: list[str], data_dir: Path, tmp_path: Path
) -> None:
    home = tmp_path / "prefect-home"
    with running_server(home) as url:
        env = {k: v for k, v in client_env(home, url).items() if k != "PREFECT_LOGGING_LEVEL"}
        data = ["--data", str(data_dir)]
        _sestry(sestry_cmd, ["init", *data], env)
        _inbox(data_dir / "inbox")
        _sestry(sestry_cmd, ["ingest", *data], env)
        _sestry(sestry_cmd, ["redact", "--profile", "research", "--case", CASE, *data], env)
        out = tmp_path / "to-partner"
        scope = ["--case", CASE, "--out", str(out)]
        _sestry(sestry_cmd, ["handoff", "--profile", "research", *scope, *data], env)
        runs = _post(url, "/flow_runs/filter", {})
        logs = _post(url, "/logs/filter", {"logs": {"level": {"ge_": 20}}})
    documents = read_table(Settings.load(data_dir).dataset_dir, "documents").to_pylist()
    assert {d["case_id"] for d in documents} == {CASE}  # the canaries did go through the runs
    assert all(d["source_name"].startswith(FILE_STEM) for d in documents)
    names = {run["name"]: set(run["tags"]) for run in runs}
    day = kyiv_date()
    assert names[f"ingest-{day}"] >= {"sestry", "ingest", "cli"}
    assert names[f"redact-research-{day}"] >= {"sestry", "redact", "profile:research", "cli"}
    [handoff] = [n for n in names if n.startswith("handoff-research-")]
    assert names[handoff] >= {"sestry", "handoff", "profile:research", "cli"}
    messages = [entry["message"] for entry in logs]
    for start in ("ingest done: 2 ingested", "redaction ", "release research-"):
        assert any(m.startswith(start) for m in messages), (start, messages)
    assert any("quarantined empty=1" in m for m in messages)
    files = [p for p in home.rglob("*") if p.is_file()]
    assert any(p.suffix == ".db" for p in files), "the Prefect database was not where expected"
    for path in files:
        blob = path.read_bytes()
        hits = [n for n in NEEDLES if n.encode("utf-8") in blob]
        assert not hits, f"{len(hits)} canary strings in {path.relative_to(home)}"
