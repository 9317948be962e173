"""`sestry show DIGEST|PREFIX`: one item's metadata, pages, entity counts and custody history."""

from __future__ import annotations

from sestry.commands.inspect_render import console, print_json, table
from sestry.core.settings import Settings
from sestry.custody.keys import require_layout
from sestry.review.advice import detail_words, explain
from sestry.review.history import rows as history_rows
from sestry.review.inventory import entity_counts, events, history_of, inventory, resolve


def run(settings: Settings, ref: str, *, as_json: bool = False) -> int:
    """Print the item; exit 2 when the prefix matches none or several."""
    require_layout(settings)
    evts = events(settings)
    item = resolve(inventory(settings, evts), ref)
    counts = entity_counts(settings, item.digest) if item.state == "ingested" else {}
    history = history_rows(history_of(evts, item.digest))
    if as_json:
        print_json({**item.to_json(), "entities": counts, "history": history})
        return 0
    out = console()
    fields = [
        ("digest", item.digest),
        ("file", item.source_name),
        ("received", item.received_at),
        ("type", f"{item.media_type} ({item.kind or '-'}), {item.size} bytes"),
        ("state", item.state),
        ("language", item.language or item.sidecar.get("language") or "-"),
        ("pages", item.pages if item.pages is not None else "-"),
        ("text from", item.method or "-"),
        ("collected", item.sidecar.get("collected_at") or "-"),
        ("consent", ", ".join(item.consent) or "none (never released)"),
        ("amended", f"{item.amended} time(s)"),
    ]
    if item.reason:
        what, todo = explain(item.reason)
        fields += [
            ("problem", what),
            ("details", detail_words(item.detail) or "-"),
            ("to do", todo),
        ]
    out.print(table("item", ("field", "value"), fields))
    out.print(
        table(
            "cases",
            ("case", "consent", "file", "from"),
            (
                (c.case_id or "-", ", ".join(c.consent) or "none", c.source_name, c.via)
                for c in item.cases
            ),
        )
    )
    if counts:
        out.print(table("entities found", ("label", "count"), sorted(counts.items())))
    out.print(
        table(
            "custody history",
            ("seq", "time (UTC)", "what"),
            ((h["seq"], h["ts"], h["what"]) for h in history),
        )
    )
    return 0
