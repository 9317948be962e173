"""Prefect's environment for commands that start a flow: quiet, no analytics, patient start-up,
and the runs' own INFO lines sent to Prefect (its UI), not to the operator's terminal.

The variables are set before Prefect is imported (it reads its settings at import), so this
module imports nothing of Prefect's; `quiet_prefect()` sets them, then imports the flows' helper.
"""

from __future__ import annotations

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
    from sestry.flows.run_meta import run_logs_to_prefect_only

    run_logs_to_prefect_only({name: os.environ[key] for name, key in RUN_LOGGERS.items()})
