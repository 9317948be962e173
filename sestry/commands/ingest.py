"""`sestry ingest`: run one ingest flow with a progress bar, then print a summary table.

The operator sees file names of refused and quarantined items (to find them), never text.
Prefect's own console logging is turned down to warnings for this command.
"""

from __future__ import annotations

import time
from contextlib import nullcontext
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from sestry.commands.prefect_env import quiet_prefect
from sestry.core.i18n import _
from sestry.core.settings import Settings
from sestry.reports.numbers import number, seconds


def render_summary(summary: Any, console: Console, wall: float | None = None) -> None:
    """Print counts, reason codes and the names of files that need the operator's attention."""
    table = Table(title="sestry ingest", show_header=True, header_style="bold")
    table.add_column(_("what"))
    table.add_column(_("count"), justify="right")
    quarantined = sum(summary.quarantined.values())
    rows = [
        (_("documents ingested"), summary.ingested),
        (_("already known"), summary.already_known),
        (_("completed from an earlier run"), summary.completed_from_earlier),
        (_("reprocessed"), summary.reprocessed),
        (_("quarantined"), quarantined),
        (_("refused (not stored)"), sum(summary.refused.values())),
        (_("unreadable (left in the inbox)"), len(summary.unreadable_names)),
        (_("names with control characters"), summary.flagged_names),
        (_("pages read by OCR"), summary.pages_ocr),
        (_("low-confidence pages"), summary.low_confidence_pages),
    ]
    for what, count in rows:
        table.add_row(what, str(count))
    if summary.mean_ocr_confidence is not None:
        table.add_row(_("mean OCR confidence"), number(summary.mean_ocr_confidence, 1))
    table.add_row(_("time in the flow"), seconds(summary.seconds))
    if wall is not None:
        table.add_row(_("time with Prefect start-up"), seconds(wall))
    console.print(table)
    for code, count in sorted(summary.quarantined.items()):
        console.print(
            _("quarantined {code}: {count}").format(code=f"[bold]{code}[/bold]", count=count)
        )
    for name in summary.quarantined_names:
        console.print("  " + _("quarantined: {name}").format(name=escape(name)), markup=True)
    for name in summary.refused_names:
        console.print("  " + _("refused: {name}").format(name=escape(name)))
    for name in summary.unreadable_names:
        console.print("  " + _("unreadable: {name}").format(name=escape(name)))
    for notice in summary.notices:
        console.print("  " + _("note: {notice}").format(notice=escape(notice)))
    if summary.ledger_repaired:
        console.print(_("the ledger ended in a torn line; it was moved aside and recorded"))
    console.print(_("ledger head: {head}").format(head=summary.ledger_head))


def check_dask_address(address: str, timeout: float = 5.0) -> None:
    """Exit 2 at once (UsageError, ConfigError) for a malformed or unreachable Dask scheduler."""
    import socket
    from urllib.parse import urlsplit

    from sestry.core.errors import ConfigError, UsageError

    try:
        parts = urlsplit(address)
        host, port, scheme = parts.hostname, parts.port, parts.scheme
    except ValueError:
        host = port = scheme = None
    if not (host and port and scheme in ("tcp", "tls")):
        raise UsageError(
            _(
                "--dask-address {address} is not a scheduler address: use tcp://HOST:PORT"
                " (or tls://HOST:PORT)"
            ).format(address=repr(address))
        )
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except OSError as exc:
        reason = _("timed out") if isinstance(exc, TimeoutError) else exc.strerror or _("error")
        raise ConfigError(
            _(
                "cannot reach the Dask scheduler at {address} ({reason}): start it, or check"
                " the address; nothing was ingested"
            ).format(address=address, reason=reason)
        ) from None


def run(
    settings: Settings,
    *,
    inbox: Path | None = None,
    dask_address: str | None = None,
    reprocess: bool = False,
    keep_inbox: bool = False,
    console: Console | None = None,
) -> int:
    """Check dependencies and layout, run the flow, print the summary; 0 even with quarantines.

    Raises ConfigError (no data dir) or MissingDependency (tesseract, language data): exit 2.
    """
    from sestry.custody.keys import require_layout
    from sestry.extractors import registry
    from sestry.ingestion.coordinator import intake_only

    require_layout(settings)
    registry.check(settings)
    if dask_address:
        check_dask_address(dask_address)
    console = console or Console(highlight=False, soft_wrap=True)
    started = time.monotonic()
    if not reprocess and not dask_address:
        known = intake_only(settings, inbox, keep_inbox=keep_inbox)
        if known is not None:
            console.print(_("nothing new: recorded without a flow run"))
            render_summary(known, console, wall=time.monotonic() - started)
            return 0
    from sestry.ingestion import workers

    with (
        workers.early_pool(settings, inbox or settings.inbox) if not dask_address else nullcontext()
    ):
        summary = _flow(settings, console, inbox, dask_address, reprocess, keep_inbox)
    render_summary(summary, console, wall=time.monotonic() - started)
    return _incidents(summary)


def _flow(
    settings: Settings,
    console: Console,
    inbox: Path | None,
    dask_address: str | None,
    reprocess: bool,
    keep_inbox: bool,
) -> Any:
    """Run the ingest flow with a progress bar (the worker pool, if any, warms up meanwhile)."""
    quiet_prefect()
    from sestry.flows.ingest import progress, run_ingest

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=False) as bar:
        items = bar.add_task(_("documents"), total=None)
        pages = bar.add_task(_("OCR pages"), total=None, visible=False)

        def hook(kind: str, value: Any) -> None:
            if kind == "planned":
                bar.update(items, total=len(value))
            elif kind == "item":
                bar.advance(items)
                if value.pages_ocr:
                    bar.update(pages, visible=True)
                    bar.advance(pages, value.pages_ocr)

        with progress(hook):
            summary = run_ingest(
                settings,
                inbox=inbox,
                reprocess=reprocess,
                keep_inbox=keep_inbox,
                dask_address=dask_address,
            )
    return summary


def _incidents(summary: Any) -> int:
    """1 (a failed check) when an original no longer matched its digest; say so on stderr."""
    if not summary.incidents:
        return 0
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    for digest in summary.incidents:
        err.print(
            _("CUSTODY INCIDENT: vault object {digest} no longer matches its digest").format(
                digest=digest
            )
        )
    err.print(
        "sestry ingest: "
        + _(
            "originals changed in the vault: {count}. Nothing was extracted from them"
            " (incident events are in the ledger). Run sestry verify and restore them from"
            " a backup."
        ).format(count=len(summary.incidents))
    )
    return 1
