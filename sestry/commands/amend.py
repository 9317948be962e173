"""`sestry amend DIGEST --sidecar FILE`: correct metadata or consent (an `amend` ledger event)."""

from __future__ import annotations

from pathlib import Path

from sestry.commands.inspect_render import console
from sestry.core.i18n import _
from sestry.core.settings import Settings
from sestry.custody.keys import require_layout
from sestry.ingestion.amend import amend
from sestry.review.inventory import events, inventory, resolve
from sestry.review.status import withdrawn_in_releases


def run(settings: Settings, ref: str, *, sidecar: Path) -> int:
    """Amend one item; exit 2 for an unknown item or a sidecar that is not valid."""
    require_layout(settings)
    item = resolve(inventory(settings), ref)
    result = amend(settings, item.digest, sidecar)
    out = console()
    out.print(
        _("amended {digest} ({file})").format(digest=item.digest[:12], file=item.source_name),
        markup=False,
    )
    if result.added:
        out.print(_("consent added: {scopes}").format(scopes=", ".join(result.added)), markup=False)
    if result.withdrawn:
        out.print(
            _("consent withdrawn: {scopes}: excluded from every later release").format(
                scopes=", ".join(result.withdrawn)
            ),
            markup=False,
        )
        held = [w for w in withdrawn_in_releases(events(settings)) if w["digest"] == item.digest]
        for w in held:
            out.print(
                "  "
                + _("already released in {release} ({profile}): tell that partner").format(
                    release=w["release_id"], profile=w["profile"]
                ),
                markup=False,
            )
    if result.lifted:
        out.print(_("quarantine lifted: run `sestry ingest` to process it"), markup=False)
    elif result.dataset_updated:
        out.print(_("the dataset now holds the new metadata"), markup=False)
    return 0
