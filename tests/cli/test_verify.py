"""`sestry verify --data DIR` as a subprocess: exit 0 when clean, 1 with the named problem."""

from __future__ import annotations

import json
import subprocess
import sys
import types
from pathlib import Path

import pytest

from sestry.commands import verify as verify_command
from sestry.core.digest import b3_bytes
from sestry.core.errors import MissingDependency, UsageError, VerificationError
from sestry.core.settings import Settings
from sestry.custody.keys import init_layout
from sestry.custody.ledger import Ledger, canonical_json, event_hash
from sestry.custody.vault import Vault
from sestry.custody.verify import Problem, VerifyReport


def populate(settings: Settings) -> list[str]:
    """An initialised data dir with three stored items and derived events; return digests."""
    init_layout(settings)
    vault, ledger = Vault(settings.vault_dir), Ledger(settings.ledger_path)
    digests = []
    for i in range(3):
        stored = vault.put_bytes(f"synthetic item {i}\n".encode())
        ledger.append("intake", subject=stored.digest, params={"size": stored.size})
        digests.append(stored.digest)
    derived = vault.put_bytes(b"derived page image")
    ledger.append(
        "extract",
        subject=digests[0],
        inputs=[digests[0]],
        outputs=[derived.digest],
        params={"stored": True, "method": "ocr"},
    )
    digests.append(derived.digest)
    return digests  # ledger: 1 init, 2-4 intake, 5 extract


def verify(
    sestry_cmd: list[str], env: dict[str, str], settings: Settings, *extra: str
) -> tuple[int, dict]:
    proc = subprocess.run(
        [*sestry_cmd, "verify", "--data", str(settings.data_dir), "--json", *extra],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    return proc.returncode, json.loads(proc.stdout) if proc.stdout.strip() else {}


def codes(report: dict) -> list[tuple[str, str]]:
    return [(p["code"], p["subject"]) for p in report["problems"]]


def lines(settings: Settings) -> list[bytes]:
    return settings.ledger_path.read_bytes().splitlines(keepends=True)


def test_clean_layout_exits_0(sestry_cmd, subprocess_env, settings) -> None:
    populate(settings)
    code, report = verify(sestry_cmd, subprocess_env, settings)
    assert code == 0, report
    assert report["ok"] is True
    assert report["checked"] == {
        "events": 5,
        "objects": 4,
        "releases": 0,
        "checkpoints": 0,
        "kept releases": 0,
    }
    human = subprocess.run(
        [*sestry_cmd, "verify", "--data", str(settings.data_dir)],
        capture_output=True,
        text=True,
        env=subprocess_env,
        check=False,
    )
    assert human.returncode == 0
    assert "OK" in human.stdout


def test_edited_event(sestry_cmd, subprocess_env, settings) -> None:
    populate(settings)
    rows = lines(settings)
    assert b'"size":17' in rows[2]
    rows[2] = rows[2].replace(b'"size":17', b'"size":18')
    settings.ledger_path.write_bytes(b"".join(rows))
    code, report = verify(sestry_cmd, subprocess_env, settings)
    assert code == 1
    assert codes(report) == [("event_edited", "event 3")]


def test_edited_and_rehashed_event_breaks_the_next_link(sestry_cmd, subprocess_env, settings):
    populate(settings)
    rows = lines(settings)
    event = json.loads(rows[2])
    event["params"]["size"] = 99
    event["hash"] = event_hash(event)
    rows[2] = canonical_json(event) + b"\n"
    settings.ledger_path.write_bytes(b"".join(rows))
    code, report = verify(sestry_cmd, subprocess_env, settings)
    assert code == 1
    assert codes(report) == [("event_edited", "event 3")]


def test_deleted_event(sestry_cmd, subprocess_env, settings) -> None:
    populate(settings)
    rows = lines(settings)
    del rows[2]  # event 3 (an intake): its object becomes unknown too
    settings.ledger_path.write_bytes(b"".join(rows))
    code, report = verify(sestry_cmd, subprocess_env, settings)
    assert code == 1
    assert [c for c, _ in codes(report)] == ["event_missing", "unknown_object"]
    assert codes(report)[0] == ("event_missing", "event 4")
    assert "event 3 missing" in report["problems"][0]["detail"]


def test_reordered_events(sestry_cmd, subprocess_env, settings) -> None:
    populate(settings)
    rows = lines(settings)
    rows[2], rows[3] = rows[3], rows[2]
    settings.ledger_path.write_bytes(b"".join(rows))
    code, report = verify(sestry_cmd, subprocess_env, settings)
    assert code == 1
    assert codes(report) == [("event_reordered", "event 3")]


def test_deleted_object(sestry_cmd, subprocess_env, settings) -> None:
    digests = populate(settings)
    path = Vault(settings.vault_dir).path(digests[1])
    path.unlink()
    code, report = verify(sestry_cmd, subprocess_env, settings)
    assert code == 1
    assert codes(report) == [("object_missing", digests[1])]


def test_deleted_derived_object_named_by_stored_outputs(sestry_cmd, subprocess_env, settings):
    digests = populate(settings)
    Vault(settings.vault_dir).path(digests[3]).unlink()
    code, report = verify(sestry_cmd, subprocess_env, settings)
    assert code == 1
    assert codes(report) == [("object_missing", digests[3])]


def test_changed_object_bytes(sestry_cmd, subprocess_env, settings) -> None:
    digests = populate(settings)
    path = Vault(settings.vault_dir).path(digests[0])
    path.chmod(0o600)
    path.write_bytes(b"synthetic item 0 (altered)\n")
    code, report = verify(sestry_cmd, subprocess_env, settings)
    assert code == 1
    assert codes(report) == [("object_changed", digests[0])]


def test_unknown_object(sestry_cmd, subprocess_env, settings) -> None:
    populate(settings)
    data = b"slipped in"
    digest = b3_bytes(data)
    path = Vault(settings.vault_dir).path(digest)
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    (settings.vault_dir / "objects" / "notes.txt").write_text("stray")
    code, report = verify(sestry_cmd, subprocess_env, settings)
    assert code == 1
    assert codes(report) == [("unknown_object", digest), ("unknown_object", "notes.txt")]


def test_torn_tail_then_repair(sestry_cmd, subprocess_env, settings) -> None:
    populate(settings)
    torn = b'{"action":"intake","actor":"ses'
    with open(settings.ledger_path, "ab") as handle:
        handle.write(torn)
    code, report = verify(sestry_cmd, subprocess_env, settings)
    assert code == 1
    assert codes(report) == [("torn_tail", "line 6")]
    code, report = verify(sestry_cmd, subprocess_env, settings, "--repair")
    assert code == 0, report
    assert len(report["repairs"]) == 1
    kept = list(settings.ledger_path.parent.glob("torn-*.jsonl"))
    assert [k.read_bytes() for k in kept] == [torn]
    last = list(Ledger(settings.ledger_path).events())[-1]
    assert last["action"] == "repair"
    assert last["params"]["torn_digest"] == b3_bytes(torn)
    assert verify(sestry_cmd, subprocess_env, settings)[0] == 0


def test_missing_data_dir_exits_2(sestry_cmd, subprocess_env, tmp_path) -> None:
    proc = subprocess.run(
        [*sestry_cmd, "verify", "--data", str(tmp_path / "absent")],
        capture_output=True,
        text=True,
        env=subprocess_env,
        check=False,
    )
    assert proc.returncode == 2
    assert "run sestry init" in proc.stderr


def test_repair_is_refused_for_a_release(settings, tmp_path) -> None:
    with pytest.raises(UsageError, match="--repair"):
        verify_command.run(settings, release_dir=tmp_path, repair=True)


def test_release_verification_unavailable(monkeypatch, settings, tmp_path) -> None:
    monkeypatch.setitem(sys.modules, "sestry.custody.release_verify", None)
    with pytest.raises(MissingDependency, match="release verification not available"):
        verify_command.run(settings, release_dir=tmp_path)


def test_release_report_is_rendered_like_a_data_dir_report(monkeypatch, settings, tmp_path, capsys):
    fake = types.ModuleType("sestry.custody.release_verify")

    def verify_release(
        release_dir: Path, expected_key_b3: str | None = None, sha256: bool = False
    ) -> VerifyReport:
        return VerifyReport(
            target=str(release_dir),
            problems=[Problem("file_changed", "data/documents.parquet", "digest differs")],
            checked={"files": 3},
        )

    fake.verify_release = verify_release  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sestry.custody.release_verify", fake)
    with pytest.raises(VerificationError, match="1 problem"):
        verify_command.run(settings, release_dir=tmp_path, as_json=True)
    out = json.loads(capsys.readouterr().out)
    assert out["problems"][0]["code"] == "file_changed"
    with pytest.raises(VerificationError):
        verify_command.run(settings, release_dir=tmp_path)
    assert "file_changed data/documents.parquet" in capsys.readouterr().out


def test_human_output_names_problems(sestry_cmd, subprocess_env, settings) -> None:
    digests = populate(settings)
    Vault(settings.vault_dir).path(digests[2]).unlink()
    proc = subprocess.run(
        [*sestry_cmd, "verify", "--data", str(settings.data_dir)],
        capture_output=True,
        text=True,
        env=subprocess_env,
        check=False,
    )
    assert proc.returncode == 1
    assert f"object_missing {digests[2]}" in proc.stdout
    assert "FAILED 1 problem(s)" in proc.stdout
    assert "VerificationError" in proc.stderr


def test_cut_off_tail_after_a_release(sestry_cmd, subprocess_env, settings) -> None:
    populate(settings)
    release = settings.releases_dir / "rel-2026"
    release.mkdir()
    head = Ledger(settings.ledger_path).head()
    (release / "manifest.json").write_text(json.dumps({"custody_ledger_head": head}))
    assert verify(sestry_cmd, subprocess_env, settings)[0] == 0
    settings.ledger_path.write_bytes(b"".join(lines(settings)[:-1]))  # drop the last event
    code, report = verify(sestry_cmd, subprocess_env, settings)
    assert code == 1
    assert ("anchor_missing", "release rel-2026") in codes(report)
