"""Scheduled ingestion: a deployment of the ingest flow served by this process.

`sestry serve --cron` blocks here; `build_deployment` is separate so it can be checked without
blocking. Only paths go into deployment parameters (never names or text).
"""

from __future__ import annotations

from typing import Any

from sestry.core.errors import UsageError
from sestry.core.settings import Settings
from sestry.flows.ingest import ingest_flow

DEPLOYMENT_NAME = "ingest"


def check_cron(cron: str) -> None:
    """UsageError (exit 2) naming the schedule and an example when `cron` is not a cron line."""
    from prefect.client.schemas.schedules import CronSchedule

    try:
        CronSchedule(cron=cron, timezone="UTC")
    except ValueError:
        raise UsageError(
            f"invalid cron schedule {cron!r}: give five fields (minute hour day month weekday),"
            ' e.g. --cron "0 2 * * 1" for Mondays at 02:00 UTC'
        ) from None


def build_deployment(settings: Settings, cron: str) -> Any:
    """The ingest deployment on `cron` (UsageError for a malformed schedule)."""
    check_cron(cron)
    return ingest_flow.to_deployment(
        name=DEPLOYMENT_NAME,
        cron=cron,
        parameters={"data_dir": str(settings.data_dir)},
        description="Scheduled sestry ingestion of DATA/inbox.",
        tags=["sestry"],
    )


def serve(settings: Settings, cron: str) -> None:
    """Serve the ingest deployment until interrupted (Ctrl-C)."""
    from prefect import serve as prefect_serve

    prefect_serve(build_deployment(settings, cron))
