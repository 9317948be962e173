"""redaction/text.py: speaker labels as leak terms, the same in every process."""

from __future__ import annotations

import json
import subprocess
import sys

# Two speakers share the surname token "koval": which speaker's origin it takes must not depend
# on the string hash seed (a set's iteration order does), or two runs give two releases.
PROBE = """
import json
from sestry.redaction.profiles import load_profile
from sestry.redaction.text import build_terms
terms = build_terms([], load_profile("prosecution"), None, ["Petro Koval", "Olena Koval"])
print(json.dumps(sorted(str(o.norm) for o in terms.phrases["koval"])))
"""


def _origins(seed: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"},
        check=True,
    )
    origins: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return origins


def test_a_shared_speaker_token_takes_the_same_origin_under_any_hash_seed() -> None:
    seen = {tuple(_origins(seed)) for seed in ("0", "1", "2", "3", "4", "5")}
    assert len(seen) == 1
    assert next(iter(seen)) == ("olena koval",)  # the first speaker in sorted order
