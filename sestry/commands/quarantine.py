"""`sestry quarantine`: each quarantined file, why, and what to do, in plain words."""

from __future__ import annotations

from sestry.commands.inspect_render import console, print_json, table
from sestry.core.i18n import _, language
from sestry.core.settings import Settings
from sestry.custody.keys import require_layout
from sestry.review.advice import detail_words, explain
from sestry.review.inventory import quarantined


def run(settings: Settings, *, as_json: bool = False) -> int:
    """List quarantined items (file name → reason → what to do); 0 always."""
    require_layout(settings)
    items = quarantined(settings)
    listed = []
    for item in items:
        what, todo = explain(item.reason)
        listed.append(
            {
                "digest": item.digest,
                "source_name": item.source_name,
                "reason": item.reason,
                "problem": what,
                "details": detail_words(item.detail),
                "to_do": todo.replace("DIGEST", item.digest[:12]),
            }
        )
    if as_json:
        print_json(listed)
        return 0
    out = console()
    if not listed:
        out.print(_("nothing is quarantined"), markup=False)
        return 0
    out.print(
        table(
            _("quarantined documents: {count}; the originals are safe in the vault").format(
                count=len(listed)
            ),
            (_("file"), _("digest"), _("problem"), _("to do")),
            (
                (
                    q["source_name"],
                    q["digest"][:12],
                    _(explain(q["reason"])[0])
                    + (f" ({detail_words(item.detail, language())})" if q["details"] else ""),
                    _(explain(q["reason"])[1]).replace("DIGEST", q["digest"][:12]),
                )
                for q, item in zip(listed, items, strict=True)
            ),
        )
    )
    return 0
