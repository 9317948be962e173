"""What a flow run says about itself in Prefect's UI: its name, its tags, its INFO log lines.

Only the command, a profile name, a Kyiv date, a release id and counts ever go here: Prefect
keeps names, tags and logs in its database, which is not evidence storage. Never a case id, a
file name (documenters name files after people), a name, an entity or testimony.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from zoneinfo import ZoneInfo

from prefect import get_run_logger, tags
from prefect.client.orchestration import get_client
from prefect.context import FlowRunContext
from prefect.logging.configuration import ensure_logging_setup
from prefect.runtime import deployment, flow_run

#: Dates in run names are the operator's calendar day (Kyiv is UTC+2/+3), not UTC's.
KYIV = ZoneInfo("Europe/Kyiv")
#: Tag on every sestry run (and on the deployments), so one automation can watch them all.
PROJECT_TAG = "sestry"
#: Where a run was started: in-process (the command line) or by a deployment (serve, a worker).
CLI, DEPLOYMENT = "cli", "deployment"
#: Deployment tags that already say where a run came from.
ORIGINS = frozenset({CLI, DEPLOYMENT, "schedule"})


def kyiv_date(now: datetime | None = None) -> str:
    """Today in Kyiv as YYYY-MM-DD."""
    return (now or datetime.now(KYIV)).astimezone(KYIV).date().isoformat()


def ingest_run_name() -> str:
    """`ingest-2026-11-29`."""
    return f"ingest-{kyiv_date()}"


def redact_run_name() -> str:
    """`redact-<profile>-<date>` (the profile is a validated parameter: no content)."""
    return f"redact-{flow_run.parameters['profile']}-{kyiv_date()}"


def handoff_run_name() -> str:
    """`handoff-<profile>-<date>` until the release id is known (see `rename_run`)."""
    return f"handoff-{flow_run.parameters['profile']}-{kyiv_date()}"


def profile_tag(profile: str) -> str:
    return f"profile:{profile}"


def run_tags(command: str, profile: str | None = None) -> list[str]:
    """Tags this run should carry: project, command, profile and origin (kept if inherited)."""
    context = FlowRunContext.get()
    have = set(context.flow_run.tags) if context and context.flow_run else set()
    wanted = {PROJECT_TAG, command}
    if profile is not None:
        wanted.add(profile_tag(profile))
    if not have & ORIGINS:  # a subflow inherits its parent's origin through the tags context
        wanted.add(DEPLOYMENT if deployment.id else CLI)
    return sorted(have | wanted)


@contextmanager
def labelled(command: str, profile: str | None = None) -> Iterator[None]:
    """Tag the current flow run (once it exists) and every task and subflow run inside it.

    Prefect creates a run before its body runs, with the tags of the caller's `tags()` context;
    the command line calls flows directly, so the run adds its own tags here (one API call).
    """
    wanted = run_tags(command, profile)
    context = FlowRunContext.get()
    if context and context.flow_run and set(wanted) != set(context.flow_run.tags):
        with get_client(sync_client=True) as client:
            client.update_flow_run(context.flow_run.id, tags=wanted)
        context.flow_run.tags = wanted
    with tags(*wanted):
        yield


def rename_run(name: str) -> None:
    """Rename the current flow run, e.g. to its release id once the release is sealed."""
    context = FlowRunContext.get()
    if context and context.flow_run:
        with get_client(sync_client=True) as client:
            client.set_flow_run_name(context.flow_run.id, name=name)
        context.flow_run.name = name


def log_info(message: str, *args: object) -> None:
    """One INFO line into Prefect's run log (the API handler): counts, codes, digests only."""
    get_run_logger().info(message, *args)


def run_logs_to_prefect_only(levels: Mapping[str, str]) -> None:
    """Run loggers at `levels` write to Prefect's API handler only, not to the terminal (where
    the command prints its own summary). For processes that start flows from the command line."""
    ensure_logging_setup()
    for name, level in levels.items():
        logger = logging.getLogger(name)
        logger.setLevel(level)  # also when Prefect was configured before the variables were set
        logger.propagate = False
