"""`sestry review`: the local review workbench (or --export / --import of decisions as JSON Lines).

Prints one line, the URL with its token, and serves until interrupted (Ctrl-C). Binds 127.0.0.1;
another host only with --allow-remote, and then with a warning on stderr.
"""

from __future__ import annotations

import logging
import signal
import sys
import time
from pathlib import Path

from sestry.core.errors import UsageError
from sestry.core.i18n import _
from sestry.core.settings import Settings
from sestry.custody.keys import require_layout
from sestry.schemas.annotations import REVIEWER_RE

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt


def run(
    settings: Settings,
    *,
    port: int = 0,
    host: str = "127.0.0.1",
    allow_remote: bool = False,
    reviewer: str,
    profile: str | None = None,
    export: Path | None = None,
    import_: Path | None = None,
) -> int:
    """Serve the workbench, or export/import decisions; exit 2 for bad usage."""
    require_layout(settings)
    if not REVIEWER_RE.match(reviewer):
        raise UsageError(_("--reviewer: letters, digits, . _ - (at most 40), e.g. D07"))
    if export is not None and import_ is not None:
        raise UsageError(_("use --export or --import, not both"))
    if export is not None or import_ is not None:
        from sestry.review import exchange

        if export is not None:
            count = exchange.export_jsonl(settings, export, profile)
            print(_("documents exported to {path}: {count}").format(path=export, count=count))  # noqa: T201
            return 0
        assert import_ is not None
        summary = exchange.import_jsonl(settings, import_, reviewer, profile)
        print(  # noqa: T201
            _("imported: documents {documents}, decisions {decisions}").format(
                documents=summary["documents"], decisions=summary["decisions"]
            )
        )
        return 0
    if host not in LOCAL_HOSTS and not allow_remote:
        raise UsageError(
            _("--host {host} exposes testimony to the network; add --allow-remote").format(
                host=host
            )
        )
    from sestry.review.server import Workbench, serve, stop

    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    bench = Workbench(settings, reviewer, profile)
    server, _thread = serve(bench, host, port)
    if host not in LOCAL_HOSTS:
        print(  # noqa: T201
            _(
                "WARNING: the workbench listens on {host}: anyone who can reach it and has the "
                "token sees testimony"
            ).format(host=host),
            file=sys.stderr,
        )
    shown = "127.0.0.1" if host in LOCAL_HOSTS else host
    print(f"http://{shown}:{server.server_address[1]}/?token={bench.token}", flush=True)  # noqa: T201
    signal.signal(signal.SIGTERM, _interrupt)  # `kill PID` stops it as Ctrl-C does
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        stop(bench, server)
    return 0
