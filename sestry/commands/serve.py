"""`sestry serve --cron`: run the ingest flow on a schedule (Prefect), until interrupted."""

from __future__ import annotations

from rich.console import Console

from sestry.core.i18n import _
from sestry.core.settings import Settings


def run(settings: Settings, *, cron: str) -> int:
    """Check the layout and dependencies, then serve; exit 2 for a bad data dir or schedule."""
    from sestry.commands.prefect_env import quiet_prefect
    from sestry.custody.keys import require_layout
    from sestry.extractors import registry

    require_layout(settings)
    registry.check(settings)
    quiet_prefect()
    from sestry.flows.serve import check_cron, serve

    check_cron(cron)  # a bad schedule is exit 2 before anything says it is serving

    Console(highlight=False).print(
        _("serving ingest on cron {cron} (UTC); Ctrl-C stops").format(cron=repr(cron))
    )
    serve(settings, cron)
    return 0
