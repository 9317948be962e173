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


def build_deployment(settings: Settings, cron: str) -> Any:
    """The ingest deployment on `cron` (UsageError for a malformed schedule)."""
    from prefect.client.schemas.schedules import CronSchedule

    try:
        CronSchedule(cron=cron, timezone="UTC")
    except ValueError as exc:
        raise UsageError("invalid cron schedule") from exc
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
