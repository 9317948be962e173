"""`sestry log`: the custody ledger as readable history (ids, file names and codes only)."""

from __future__ import annotations

from sestry.commands.inspect_render import console, print_json, table
from sestry.core.i18n import _, language
from sestry.core.settings import Settings
from sestry.custody.keys import require_layout
from sestry.review.history import rows
from sestry.review.inventory import events


def run(
    settings: Settings,
    *,
    action: str | None = None,
    subject: str | None = None,
    limit: int | None = None,
    as_json: bool = False,
) -> int:
    """Print the ledger's events, oldest first (the last `limit` when given)."""
    require_layout(settings)
    lang = "en" if as_json else language()  # JSON stays English for scripts
    found = rows(events(settings), action=action, subject=subject, limit=limit, lang=lang)
    if as_json:
        print_json(found)
        return 0
    console().print(
        table(
            _("events: {count}").format(count=len(found)),
            (_("seq"), _("time (UTC)"), _("action"), _("subject"), _("what")),
            (
                (r["seq"], r["ts"], r["action"], (r["subject"] or "-")[:16], r["what"])
                for r in found
            ),
        )
    )
    return 0
