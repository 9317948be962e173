"""Retries for tasks that can fail transiently, and only for those.

A tesseract process killed mid-page or a lost Dask worker says nothing about the item: try
again, later each time. Bad input (quarantined with a reason code, never raised), a failed
validation or a changed original is deterministic: retrying only repeats it, so it is not.
"""

from __future__ import annotations

from typing import Any

from prefect.tasks import exponential_backoff

from sestry.core.errors import TransientFailure

#: Exceptions a lost worker or a broken pool raise, by class name (no Dask import needed).
LOST_WORKER = frozenset({"KilledWorker", "CommClosedError", "BrokenProcessPool"})
ATTEMPTS_AFTER_THE_FIRST = 3
#: 10 s, 20 s, 40 s: a respawned worker or a freed core has time to come back.
BACKOFF_SECONDS = 10.0


def is_transient(exc: BaseException) -> bool:
    """True for a failure worth retrying: TransientFailure or a lost worker/pool."""
    return isinstance(exc, TransientFailure) or type(exc).__name__ in LOST_WORKER


def retry_transient(_task: Any, _task_run: Any, state: Any) -> bool:
    """Prefect `retry_condition_fn`: retry only when the failed state holds a transient error."""
    try:
        state.result()
    except BaseException as exc:  # noqa: BLE001 - the state's own exception is the question
        return is_transient(exc)
    return False


#: Task options for every task that can fail transiently (see `flows/tasks.py`).
TRANSIENT_RETRIES: dict[str, Any] = {
    "retries": ATTEMPTS_AFTER_THE_FIRST,
    "retry_delay_seconds": exponential_backoff(backoff_factor=BACKOFF_SECONDS),
    "retry_jitter_factor": 0.2,
    "retry_condition_fn": retry_transient,
}
