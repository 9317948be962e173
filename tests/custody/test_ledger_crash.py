"""Crash safety: SIGKILL an appending process at random points, several rounds.

After each kill the ledger holds every append the child reported durable, and ends either clean
or in a torn tail that verify names; `repair` then restores a verifiable chain and keeps the torn
bytes.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest

from sestry.core.settings import Settings
from sestry.custody.keys import init_layout
from sestry.custody.ledger import Ledger
from sestry.custody.verify import verify_data_dir

# Mixed sizes: large lines make a kill inside write() (a torn tail) likely.
CHILD = """
import os, random, sys
from pathlib import Path
from sestry.custody.ledger import Ledger
ledger = Ledger(Path(sys.argv[1]))
rng = random.Random(int(sys.argv[2]))
i = 0
while True:
    pad = "x" * rng.choice((10, 4_000, 400_000, 2_000_000))
    ledger.append("note", params={"i": i, "pad": pad})
    os.write(1, b"%d\\n" % i)  # reported only after append returned (durable)
    i += 1
"""

ROUNDS = 10


@pytest.mark.slow
def test_sigkill_never_silently_shortens_the_chain(
    settings: Settings, sestry_cmd: list[str], subprocess_env: dict[str, str]
) -> None:
    init_layout(settings)
    ledger = Ledger(settings.ledger_path)
    rng = random.Random(20260224)
    durable_total = ledger.count()
    torn_rounds = 0
    for round_no in range(ROUNDS):
        before = ledger.count()
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(settings.ledger_path), str(round_no)],
            stdout=subprocess.PIPE,
        )
        time.sleep(rng.uniform(0.15, 0.6))
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        assert child.stdout is not None
        reported = len(child.stdout.read().splitlines())
        child.stdout.close()
        durable_total = before + reported
        assert ledger.count() >= durable_total, f"round {round_no}: durable appends lost"
        report = verify_data_dir(settings)
        codes = [p.code for p in report.problems]
        assert codes in ([], ["torn_tail"]), codes
        if codes:
            torn_rounds += 1
            torn = ledger.torn_tail()
            assert torn
            proc = subprocess.run(
                [*sestry_cmd, "verify", "--data", str(settings.data_dir), "--repair", "--json"],
                capture_output=True,
                text=True,
                env=subprocess_env,
                timeout=120,
                check=False,
            )
            assert proc.returncode == 0, proc.stdout
            assert len(json.loads(proc.stdout)["repairs"]) == 1
            kept = sorted(settings.ledger_path.parent.glob("torn-*.jsonl"))
            assert any(k.read_bytes() == torn for k in kept)
            assert ledger.count() >= durable_total + 1  # + the repair event
    kept = list(settings.ledger_path.parent.glob("torn-*.jsonl"))
    assert len(kept) == torn_rounds
    events = list(ledger.events())
    assert [e["seq"] for e in events] == list(range(1, len(events) + 1))
    assert sum(e["action"] == "repair" for e in events) == torn_rounds
    print(f"rounds={ROUNDS} torn={torn_rounds} events={len(events)}")  # noqa: T201
