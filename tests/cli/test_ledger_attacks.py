"""`sestry verify --data` against a rewritten or cut ledger (issue 11): signed checkpoints hold."""

from __future__ import annotations

import json
import subprocess

import pytest

from sestry.core.digest import b3_bytes
from sestry.core.settings import Settings
from sestry.custody.checkpoints import keep_release_copy, write_checkpoint
from sestry.custody.keys import init_layout, load_signing_key
from sestry.custody.ledger import Ledger, canonical_json, event_hash
from sestry.custody.signing import sign


def verify(cmd: list[str], env: dict[str, str], settings: Settings) -> tuple[int, set]:
    done = subprocess.run(  # noqa: S603 - fixed argv
        [*cmd, "verify", "--data", str(settings.data_dir), "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert "Traceback" not in done.stderr
    problems = json.loads(done.stdout)["problems"]
    return done.returncode, {(p["code"], p["subject"]) for p in problems}


@pytest.fixture
def history(settings: Settings) -> Ledger:
    """Ten events, a checkpoint after the eighth, as after an ingest."""
    init_layout(settings)
    ledger = Ledger(settings.ledger_path)
    for n in range(7):
        ledger.append("note", subject=f"item-{n}", params={"n": n})
    write_checkpoint(settings)
    ledger.append("note", subject="after-1")
    ledger.append("note", subject="after-2")
    return ledger


def rechain(ledger: Ledger, events: list[dict]) -> None:
    """Rewrite the file with every hash and link recomputed (what an editor would do)."""
    prev = "0" * 64
    lines = []
    for event in events:
        event = {**event, "prev": prev}
        event.pop("hash", None)
        event["hash"] = event_hash(event)
        prev = event["hash"]
        lines.append(canonical_json(event) + b"\n")
    ledger.path.write_bytes(b"".join(lines))


def test_clean_history_verifies(
    history: Ledger, settings: Settings, sestry_cmd: list[str], subprocess_env: dict[str, str]
) -> None:
    assert verify(sestry_cmd, subprocess_env, settings) == (0, set())


def test_rewritten_and_rehashed_chain_fails_against_the_checkpoint(
    history: Ledger, settings: Settings, sestry_cmd: list[str], subprocess_env: dict[str, str]
) -> None:
    events = list(history.events())
    events[3]["params"] = {"n": 999}
    rechain(history, events)
    code, problems = verify(sestry_cmd, subprocess_env, settings)
    assert code == 1
    assert ("ledger_rewritten", "event 8") in problems


def test_cut_chain_fails_against_the_checkpoint(
    history: Ledger, settings: Settings, sestry_cmd: list[str], subprocess_env: dict[str, str]
) -> None:
    rechain(history, list(history.events())[:5])
    code, problems = verify(sestry_cmd, subprocess_env, settings)
    assert code == 1
    assert any(c == "ledger_cut" for c, _ in problems)


def test_deleting_the_final_release_event_is_detected(
    history: Ledger, settings: Settings, sestry_cmd: list[str], subprocess_env: dict[str, str]
) -> None:
    """A release written anywhere (--out) leaves a signed copy; its event cannot vanish."""
    manifest = json.dumps({"custody_ledger_head": history.head()}).encode()
    keep_release_copy(settings, "r-1", manifest, sign(load_signing_key(settings), manifest))
    history.append("release", subject=b3_bytes(manifest))
    assert verify(sestry_cmd, subprocess_env, settings) == (0, set())
    rechain(history, list(history.events())[:-1])
    code, problems = verify(sestry_cmd, subprocess_env, settings)
    assert code == 1
    assert ("release_event_missing", "release r-1") in problems


def test_a_forged_checkpoint_is_named(
    history: Ledger, settings: Settings, sestry_cmd: list[str], subprocess_env: dict[str, str]
) -> None:
    [path] = (settings.ledger_path.parent / "checkpoints").glob("*.json")
    path.write_bytes(path.read_bytes().replace(b'"seq":8', b'"seq":3'))
    code, problems = verify(sestry_cmd, subprocess_env, settings)
    assert code == 1
    assert any(c == "checkpoint_invalid" for c, _ in problems)
