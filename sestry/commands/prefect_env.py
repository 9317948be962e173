"""Prefect's environment for commands that start a flow: quiet, no analytics, patient start-up,
and the runs' own INFO lines sent to Prefect (its UI), not to the operator's terminal.

The variables are set before Prefect is imported (it reads its settings at import), so this
module imports Prefect only after setting them, inside `quiet_prefect()`.
"""

from __future__ import annotations

import logging
import os

#: Flow- and task-run loggers: INFO reaches Prefect's API handler (counts, codes, digests only;
#: see flows/run_meta.py). Prefect's logging.yml keys, overridable by the operator.
RUN_LOGGERS = {
    "prefect.flow_runs": "PREFECT_LOGGING_LOGGERS_PREFECT_FLOW_RUNS_LEVEL",
    "prefect.task_runs": "PREFECT_LOGGING_LOGGERS_PREFECT_TASK_RUNS_LEVEL",
}

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
    **dict.fromkeys(RUN_LOGGERS.values(), "INFO"),
}


def quiet_prefect() -> None:
    """Turn Prefect's console noise down (unless the operator set these variables); send the
    runs' INFO lines to Prefect only."""
    for key, value in QUIET_PREFECT.items():
        os.environ.setdefault(key, value)
    from prefect.logging.configuration import ensure_logging_setup

    ensure_logging_setup()  # from the variables above, once per process

    for name, key in RUN_LOGGERS.items():
        logger = logging.getLogger(name)
        logger.setLevel(os.environ[key])  # also when Prefect was imported before this call
        logger.propagate = False  # the API handler only: the terminal shows sestry's lines
