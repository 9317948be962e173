"""`sestry list`: documents with their case, language, kind, consent and state."""

from __future__ import annotations

from sestry.commands.inspect_render import console, print_json, table
from sestry.core.errors import UsageError
from sestry.core.i18n import N_, _
from sestry.core.settings import Settings
from sestry.custody.keys import require_layout
from sestry.review.inventory import STATES, inventory, select

# Item states for people (the codes stay in --state, --json and the ledger).
STATE_WORDS: dict[str, str] = {
    "ingested": N_("ingested"),
    "quarantined": N_("quarantined"),
    "pending": N_("pending"),
}


def run(
    settings: Settings,
    *,
    case: str | None = None,
    language: str | None = None,
    kind: str | None = None,
    consent: str | None = None,
    state: str | None = None,
    as_json: bool = False,
) -> int:
    """Print matching items (newest first); exit 2 for an unknown state."""
    require_layout(settings)
    if state is not None and state not in STATES:
        raise UsageError(_("--state must be one of {values}").format(values=", ".join(STATES)))
    items = select(
        inventory(settings), case=case, language=language, kind=kind, consent=consent, state=state
    )
    if as_json:
        print_json([item.to_json() for item in items])
        return 0
    rows = (
        (
            item.digest[:12],
            item.source_name,
            ", ".join(item.case_ids) or "-",
            item.language or item.sidecar.get("language") or "-",
            item.kind or "-",
            ", ".join(item.consent) or _("none"),
            _(STATE_WORDS.get(item.state, item.state))
            + (f" ({item.reason})" if item.reason else ""),
        )
        for item in items
    )
    out = console()
    out.print(
        table(
            _("documents: {count}").format(count=len(items)),
            (_("digest"), _("file"), _("case"), _("language"), _("kind"), _("consent"), _("state")),
            rows,
        )
    )
    return 0
