"""Run files: values a flow needs but must never take as a parameter (Prefect stores those).

Why: `--case` values are free text (documenters use names and phone numbers as case ids) and
Prefect keeps flow parameters in its database. The command writes them to a private file under
DATA/runs/ and passes its path; the flow reads it; the command removes it afterwards.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sestry.core.digest import b3_bytes
from sestry.core.durable import ensure_dir, unlink_durable, write_atomic
from sestry.core.errors import UsageError
from sestry.core.settings import Settings

#: DATA/runs/: private run files (0600 in a 0700 folder).
RUNS_DIR = "runs"


def write_cases(settings: Settings, cases: list[str]) -> Path | None:
    """Put the `--case` values in a private run file (0600) for the flow; None when there are none.

    The file is named by the BLAKE3 of its content (no case id in a path) and removed by the
    caller when the flow is over.
    """
    if not cases:
        return None
    data = json.dumps(sorted(set(cases)), ensure_ascii=False).encode("utf-8")
    folder = ensure_dir(settings.data_dir / RUNS_DIR)
    return write_atomic(folder / f"cases-{b3_bytes(data)}.json", data)


def read_cases(cases_file: str | None) -> list[str]:
    """The case ids of a run file written by `write_cases` ([] without one)."""
    if cases_file is None:
        return []
    values = json.loads(Path(cases_file).read_bytes())
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise UsageError("the run file of --case values is damaged; run sestry redact again")
    return values


@contextmanager
def cases_file(settings: Settings, cases: list[str]) -> Iterator[str | None]:
    """The path of a private run file holding `cases` for one flow run (None without cases);
    removed when the block ends, whatever happened in it."""
    path = write_cases(settings, cases)
    try:
        yield str(path) if path is not None else None
    finally:
        if path is not None:
            unlink_durable(path)
