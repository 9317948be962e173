"""Scheduled ingestion: a deployment of the ingest flow served by this process.

`sestry serve --cron` blocks here; `build_deployment` is separate so it can be checked without
blocking. Only paths go into deployment parameters (never names or text).

One owner per deployment name: this process serves `ingest/sestry-serve`; `prefect deploy`
(prefect.yaml) creates `ingest/scheduled` for a worker. Both on one server would ingest twice,
so `sestry serve` refuses (`check_single_owner`) while `ingest/scheduled` exists there.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sestry.core.errors import UsageError
from sestry.core.settings import Settings
from sestry.flows.ingest import ingest_flow
from sestry.flows.run_meta import DEPLOYMENT, PROJECT_TAG

DEPLOYMENT_NAME = "sestry-serve"
#: The prefect.yaml deployment of the same flow (for a worker); see the module docstring.
WORKER_DEPLOYMENT = "ingest/scheduled"
DEFAULT_TIMEZONE = "Europe/Kyiv"
SERVE_TAGS = [PROJECT_TAG, "ingest", DEPLOYMENT, "schedule"]


def check_schedule(cron: str, timezone: str = DEFAULT_TIMEZONE) -> Any:
    """The CronSchedule, or UsageError (exit 2, one line) naming what is wrong and an example."""
    from prefect.client.schemas.schedules import CronSchedule

    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise UsageError(
            f"unknown time zone {timezone!r}: give an IANA name, e.g. --timezone Europe/Kyiv"
        ) from None
    try:
        return CronSchedule(cron=cron, timezone=timezone)
    except ValueError:
        raise UsageError(
            f"invalid cron schedule {cron!r}: give five fields (minute hour day month weekday),"
            ' e.g. --cron "0 2 * * 1" for Mondays at 02:00'
        ) from None


def build_deployment(settings: Settings, cron: str, timezone: str = DEFAULT_TIMEZONE) -> Any:
    """The ingest deployment on `cron` in `timezone` (UsageError for a malformed schedule)."""
    from prefect.schedules import Cron

    check_schedule(cron, timezone)
    return ingest_flow.to_deployment(
        name=DEPLOYMENT_NAME,
        schedule=Cron(cron, timezone=timezone),
        parameters={"data_dir": str(settings.data_dir)},
        description="Scheduled sestry ingestion of DATA/inbox (sestry serve).",
        tags=SERVE_TAGS,
    )


def check_single_owner() -> None:
    """UsageError when the worker deployment of the ingest flow exists on this Prefect server."""
    from prefect.client.orchestration import get_client
    from prefect.exceptions import ObjectNotFound

    with get_client(sync_client=True) as client:
        try:
            client.read_deployment_by_name(WORKER_DEPLOYMENT)
        except ObjectNotFound:
            return
    raise UsageError(
        f"{WORKER_DEPLOYMENT} (prefect deploy) already schedules ingestion on this Prefect server;"
        f" use its worker, or remove it first: prefect deployment delete {WORKER_DEPLOYMENT}"
    )


def serve(settings: Settings, cron: str, timezone: str = DEFAULT_TIMEZONE) -> None:
    """Serve the ingest deployment until interrupted (Ctrl-C)."""
    from prefect import serve as prefect_serve

    prefect_serve(build_deployment(settings, cron, timezone))
