"""`sestry status`: items by state, last runs, blocked redactions, and the releases that hold
an item whose consent was withdrawn since."""

from __future__ import annotations

from rich.markup import escape

from sestry.commands.inspect_render import console, print_json, table
from sestry.commands.list_items import STATE_WORDS
from sestry.core.i18n import _
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
    states = ", ".join(
        f"{_(STATE_WORDS.get(s, s))}: {n}" for s, n in sorted(result.states.items())
    ) or _("no documents yet")
    out.print(
        _("documents: {states}; ledger events: {events}").format(
            states=states, events=result.ledger_events
        ),
        markup=False,
    )
    if result.quarantine_reasons:
        reasons = ", ".join(f"{r}: {n}" for r, n in sorted(result.quarantine_reasons.items()))
        out.print(
            _("quarantined by reason: {reasons} (see `sestry quarantine`)").format(reasons=reasons),
            markup=False,
        )
    if result.last:
        out.print(
            table(_("last runs"), (_("action"), _("time (UTC)")), sorted(result.last.items()))
        )
    for blocked in result.blocked:
        out.print(
            "[bold red]"
            + _("blocked")
            + "[/bold red] "
            + _(
                "{profile}: redaction {redaction} failed {checks}; review it with `sestry review`"
            ).format(
                profile=escape(blocked["profile"]),
                redaction=escape(blocked["redaction_id"]),
                checks=escape(", ".join(blocked["failed"])),
            )
        )
    if result.withdrawn:
        out.print(
            table(
                _("consent withdrawn after release: tell these partners"),
                (_("document"), _("scope withdrawn"), _("release"), _("profile"), _("released at")),
                (
                    (w["digest"][:16], w["scope"], w["release_id"], w["profile"], w["released_at"])
                    for w in result.withdrawn
                ),
            )
        )
    return 0
