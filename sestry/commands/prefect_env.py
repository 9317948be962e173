"""Prefect's environment for commands that start a flow: quiet, no analytics, patient start-up.

Set before Prefect is imported (it reads its settings at import), so this module imports nothing
of Prefect's and the commands call `quiet_prefect()` first.
"""

from __future__ import annotations

import os

QUIET_PREFECT = {
    # Prefect logs a failed task or flow at ERROR with a full traceback; sestry says what
    # happened in one line itself (cli.main), so only Prefect's critical messages are shown.
    "PREFECT_LOGGING_LEVEL": "CRITICAL",
    "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
    "PREFECT_LOGGING_LOG_PRINTS": "false",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    # The temporary local server needs 6-16 s on an idle 2-core machine; 20 s (Prefect's
    # default) is not enough when the machine is busy.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
}


def quiet_prefect() -> None:
    """Turn Prefect's console noise down (unless the operator set these variables)."""
    for key, value in QUIET_PREFECT.items():
        os.environ.setdefault(key, value)
