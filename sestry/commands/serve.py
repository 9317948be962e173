"""`sestry serve --cron`: run the ingest flow on a schedule (Prefect), until interrupted."""

from __future__ import annotations

from rich.console import Console

from sestry.core.i18n import _
from sestry.core.settings import Settings


def run(settings: Settings, *, cron: str, timezone: str = "Europe/Kyiv") -> int:
    """Check the schedule, layout and dependencies, then serve; exit 2 for a bad schedule or
    data dir, or when `prefect deploy` already owns scheduled ingestion on this server."""
    from sestry.commands.prefect_env import quiet_prefect

    quiet_prefect()
    from sestry.flows.serve import DEPLOYMENT_NAME, check_schedule, check_single_owner, serve

    check_schedule(cron, timezone)  # a bad schedule is exit 2 before anything starts
    from sestry.custody.keys import require_layout
    from sestry.extractors import registry

    require_layout(settings)
    registry.check(settings)
    check_single_owner()
    Console(highlight=False).print(
        _("serving ingest/{deployment} on cron {cron} ({timezone}); Ctrl-C stops").format(
            deployment=DEPLOYMENT_NAME, cron=repr(cron), timezone=timezone
        )
    )
    serve(settings, cron, timezone)
    return 0
