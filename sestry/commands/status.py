"""`sestry status`: items by state, last runs, blocked redactions, and the releases that hold
an item whose consent was withdrawn since."""

from __future__ import annotations

from rich.markup import escape

from sestry.commands.inspect_render import console, print_json, table
from sestry.core.settings import Settings
from sestry.custody.keys import require_layout
from sestry.review.status import status


def run(settings: Settings, *, as_json: bool = False) -> int:
    """Print the status; 0 always (it is a report, not a check)."""
    require_layout(settings)
    result = status(settings)
    if as_json:
        print_json(result.to_json())
        return 0
    out = console()
    states = ", ".join(f"{n} {s}" for s, n in sorted(result.states.items())) or "no items yet"
    out.print(f"items: {states}; ledger events: {result.ledger_events}", markup=False)
    if result.quarantine_reasons:
        reasons = ", ".join(f"{r} {n}" for r, n in sorted(result.quarantine_reasons.items()))
        out.print(f"quarantined by reason: {reasons} (see `sestry quarantine`)", markup=False)
    if result.last:
        out.print(table("last runs", ("action", "time (UTC)"), sorted(result.last.items())))
    for blocked in result.blocked:
        out.print(
            f"[bold red]blocked[/bold red] {escape(blocked['profile'])}: redaction "
            f"{escape(blocked['redaction_id'])} failed {', '.join(blocked['failed'])}; "
            f"review it with `sestry review`"
        )
    if result.withdrawn:
        out.print(
            table(
                "consent withdrawn after release: tell these partners",
                ("item", "scope withdrawn", "release", "profile", "released at"),
                (
                    (w["digest"][:16], w["scope"], w["release_id"], w["profile"], w["released_at"])
                    for w in result.withdrawn
                ),
            )
        )
    return 0
