"""`sestry show DIGEST|PREFIX`: one item's metadata, pages, entity counts and custody history."""

from __future__ import annotations

from sestry.commands.inspect_render import console, print_json, table
from sestry.commands.list_items import STATE_WORDS
from sestry.core.i18n import _, language
from sestry.core.settings import Settings
from sestry.custody.keys import require_layout
from sestry.reports.numbers import size
from sestry.review.advice import detail_words, explain
from sestry.review.history import rows as history_rows
from sestry.review.inventory import entity_counts, events, history_of, inventory, resolve


def run(settings: Settings, ref: str, *, as_json: bool = False) -> int:
    """Print the item; exit 2 when the prefix matches none or several."""
    require_layout(settings)
    evts = events(settings)
    item = resolve(inventory(settings, evts), ref)
    counts = entity_counts(settings, item.digest) if item.state == "ingested" else {}
    history = history_rows(history_of(evts, item.digest), lang="en" if as_json else language())
    if as_json:
        print_json({**item.to_json(), "entities": counts, "history": history})
        return 0
    out = console()
    fields = [
        (_("digest"), item.digest),
        (_("file"), item.source_name),
        (_("received"), item.received_at),
        (_("type"), f"{item.media_type} ({item.kind or '-'}), {size(item.size)}"),
        (_("state"), _(STATE_WORDS.get(item.state, item.state))),
        (_("language"), item.language or item.sidecar.get("language") or "-"),
        (_("pages"), item.pages if item.pages is not None else "-"),
        (_("text from"), item.method or "-"),
        (_("collected"), item.sidecar.get("collected_at") or "-"),
        (_("consent"), ", ".join(item.consent) or _("none (never released)")),
        (_("amended"), _("times: {count}").format(count=item.amended)),
    ]
    if item.reason:
        what, todo = explain(item.reason)
        fields += [
            (_("problem"), _(what)),
            (_("details"), detail_words(item.detail, language()) or "-"),
            (_("to do"), _(todo)),
        ]
    out.print(table(_("document"), (_("field"), _("value")), fields))
    out.print(
        table(
            _("cases"),
            (_("case"), _("consent"), _("file"), _("from")),
            (
                (c.case_id or "-", ", ".join(c.consent) or _("none"), c.source_name, c.via)
                for c in item.cases
            ),
        )
    )
    if counts:
        out.print(table(_("entities found"), (_("label"), _("count")), sorted(counts.items())))
    out.print(
        table(
            _("custody history"),
            (_("seq"), _("time (UTC)"), _("what")),
            ((h["seq"], h["ts"], h["what"]) for h in history),
        )
    )
    return 0
