"""Server-rendered HTML of the workbench: the queue and the document view.

Every value is escaped; no inline script or style (the Content-Security-Policy forbids them):
colours come from /static/labels.css, behaviour from /static/app.js, page boxes are SVG rects.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from html import escape as h
from typing import Any
from urllib.parse import urlencode

from sestry.review.i18n import t
from sestry.schemas.annotations import ROLES

OPERATORS: tuple[str, ...] = ("keep", "pseudonym", "redact", "generalize")


def label_css(labels: Iterable[str]) -> str:
    """One colour per label (a fixed hue walk, so a new label gets a colour without edits)."""
    rules = []
    for n, label in enumerate(labels):
        hue = (n * 137) % 360  # the golden angle: neighbouring labels get distant hues
        rules.append(
            f".lab-{label}{{background:hsl({hue} 80% 85%);"
            f"border-bottom:3px solid hsl({hue} 60% 40%)}}"
        )
    return "\n".join(rules) + "\n"


def _page(lang: str, title: str, body: str, switch_href: str) -> str:
    other = "en" if lang == "uk" else "uk"
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{h(title)}</title>"
        '<link rel="stylesheet" href="/static/app.css">'
        '<link rel="stylesheet" href="/static/labels.css">'
        '<script src="/static/app.js" defer></script></head><body>'
        f"<header><strong>{h(t(lang, 'title'))}</strong> "
        f'<a id="lang-switch" href="{h(switch_href)}" hreflang="{other}">{h(t(lang, "switch"))}</a>'
        f"</header><main>{body}</main></body></html>"
    )


def _hidden(csrf: str, profile: str, **fields: object) -> str:
    pairs = {"csrf": csrf, "profile": profile, **fields}
    return "".join(
        f'<input type="hidden" name="{h(k)}" value="{h(str(v))}">' for k, v in pairs.items()
    )


def queue_page(
    lang: str,
    profile: str,
    profiles: Sequence[str],
    rows: Sequence[Any],
    blocked: Sequence[Mapping[str, Any]],
    case: str | None = None,
    state: str | None = None,
) -> str:
    """The queue: documents by case with state and counts, filtered by case and state;
    blocked redactions first."""
    parts = [f"<h1>{h(t(lang, 'queue'))}</h1>", '<form method="get" action="/">']
    options = "".join(
        f'<option value="{h(p)}"{" selected" if p == profile else ""}>{h(p)}</option>'
        for p in profiles
    )
    cases = sorted({row.case_id for row in rows if row.case_id})
    case_opts = '<option value="">*</option>' + "".join(
        f'<option value="{h(c)}"{" selected" if c == case else ""}>{h(c)}</option>' for c in cases
    )
    state_opts = '<option value="">*</option>' + "".join(
        f'<option value="{s}"{" selected" if s == state else ""}>{h(t(lang, s))}</option>'
        for s in ("not_reviewed", "reviewed", "approved")
    )
    parts.append(
        f'<label>{h(t(lang, "profile"))} <select name="profile" id="profile">{options}</select>'
        f'</label> <label>{h(t(lang, "case"))} <select name="case" id="case">{case_opts}'
        f'</select></label> <label>{h(t(lang, "state"))} <select name="state" id="state">'
        f'{state_opts}</select></label> <button type="submit">OK</button></form>'
    )
    rows = [r for r in rows if (not case or r.case_id == case) and (not state or r.state == state)]
    for block in blocked:
        links = []
        for place in block.get("places") or []:
            doc = next((r for r in rows if r.doc_id.startswith(place["doc"])), None)
            if doc is not None:
                href = f"/doc/{doc.doc_id}?{urlencode({'profile': profile})}"
                links.append(
                    f'<li><a class="blocked-doc" href="{h(href)}">'
                    f"{h(doc.source_name or doc.doc_id[:12])}</a>: {h(place['check'])}, "
                    f"{h(place['where'])}</li>"
                )
        parts.append(
            f'<section class="blocked"><h2>{h(t(lang, "blocked"))}: {h(block["profile"])}</h2>'
            f"<p>{h(t(lang, 'failed_checks'))}: {h(', '.join(block['failed']))}</p>"
            f"<ul>{''.join(links)}</ul></section>"
        )
    head = "".join(
        f"<th>{h(t(lang, k))}</th>"
        for k in ("case", "file", "kind", "language", "state", "entities")
    )
    body = []
    for row in rows:
        counts = ", ".join(f"{k} {v}" for k, v in row.counts.items())
        state = t(lang, row.state) + ("" if row.consented else f" ({t(lang, 'no_consent')})")
        href = f"/doc/{row.doc_id}?{urlencode({'profile': profile})}"
        body.append(
            f'<tr class="doc state-{h(row.state)}" data-doc="{h(row.doc_id)}">'
            f"<td>{h(row.case_id or '-')}</td>"
            f'<td><a class="open" href="{h(href)}">{h(row.source_name or row.doc_id[:12])}</a></td>'
            f"<td>{h(row.kind)}</td><td>{h(row.language or '-')}</td>"
            f'<td class="state">{h(state)}</td><td>{h(counts)}</td></tr>'
        )
    parts.append(f'<table id="queue"><tr>{head}</tr>{"".join(body)}</table>')
    return _page(
        lang,
        t(lang, "queue"),
        "".join(parts),
        f"/?{urlencode({'profile': profile, 'lang': 'en' if lang == 'uk' else 'uk'})}",
    )


def _highlighted(text: str, entities: Sequence[Mapping[str, Any]], lang: str) -> str:
    """The text as runs: plain runs and entity marks, each with its start offset (data-s)."""
    shown = []
    cursor = 0
    for ent in sorted(entities, key=lambda e: (e["start"], -e["end"])):
        if ent["start"] < cursor:
            continue  # overlapping: listed in the table below, highlighted once
        shown.append(ent)
        cursor = ent["end"]
    out = []
    cursor = 0
    for ent in shown:
        if ent["start"] > cursor:
            out.append(f'<span data-s="{cursor}">{h(text[cursor : ent["start"]])}</span>')
        base = str(ent["label"]).split("/")[0]
        title = f"{ent['label']}: {t(lang, ent['operator'])}"
        out.append(
            f'<mark class="ent lab-{h(base)} op-{h(ent["operator"])}'
            f'{" reviewed" if ent.get("reviewed") else ""}" tabindex="0" '
            f'data-s="{ent["start"]}" data-start="{ent["start"]}" data-end="{ent["end"]}" '
            f'data-label="{h(ent["label"])}" title="{h(title)}">'
            f"{h(text[ent['start'] : ent['end']])}</mark>"
        )
        cursor = ent["end"]
    if cursor < len(text):
        out.append(f'<span data-s="{cursor}">{h(text[cursor:])}</span>')
    return "".join(out)


def _entity_rows(lang: str, view: Mapping[str, Any], csrf: str, profile: str, action: str) -> str:
    text = view["doc"]["text"]
    rows = []
    for ent in view["entities"]:
        base = str(ent["label"]).split("/")[0]
        label_opts = "".join(
            f'<option value="{h(x)}"{" selected" if x == base else ""}>{h(x)}</option>'
            for x in view["labels"]
        )
        role_opts = "".join(
            f'<option value="{h(r)}"{" selected" if r == ent.get("role") else ""}>'
            f"{h(t(lang, r))}</option>"
            for r in ROLES
        )
        span = {"start": ent["start"], "end": ent["end"]}
        person = str(ent["label"]).startswith("PERSON")
        role_form = (
            f'<form method="post" action="{action}" class="role-form">'
            f"{_hidden(csrf, profile, action='role', **span)}"
            f'<select name="role" aria-label="{h(t(lang, "role"))}">{role_opts}</select>'
            f'<button type="submit" class="role">{h(t(lang, "role"))}</button></form>'
            if person
            else ""
        )
        rows.append(
            f'<tr class="entity" data-start="{ent["start"]}" data-end="{ent["end"]}">'
            f'<td class="etext">{h(text[ent["start"] : ent["end"]])}</td>'
            f"<td>{h(ent['label'])}</td><td>{h(t(lang, ent['operator']))}</td><td>"
            f'<form method="post" action="{action}" class="remove-form">'
            f"{_hidden(csrf, profile, action='remove', **span)}"
            f'<button type="submit" class="remove">{h(t(lang, "remove"))}</button></form>'
            f'<form method="post" action="{action}" class="relabel-form">'
            f"{_hidden(csrf, profile, action='relabel', **span)}"
            f'<select name="label" aria-label="{h(t(lang, "label"))}">{label_opts}</select>'
            f'<button type="submit">{h(t(lang, "relabel"))}</button></form>'
            f"{role_form}</td></tr>"
        )
    return f'<table id="entities">{"".join(rows)}</table>'


def _pages_svg(view: Mapping[str, Any], sizes: Mapping[int, tuple[int, int]], lang: str) -> str:
    doc_id = view["doc"]["doc_id"]
    edits = [(e[0], e[1]) for e in view["edits"]]
    out = [f"<h2>{h(t(lang, 'pages'))}</h2>"]
    for page, (width, height) in sorted(sizes.items()):
        rects = []
        for word in view["words"]:
            if word["page"] != page:
                continue
            hidden = any(s < word["end"] and word["start"] < e for s, e in edits)
            geo = (
                f'x="{word["left"]}" y="{word["top"]}" width="{word["width"]}" '
                f'height="{word["height"]}"'
            )
            rects.append(
                f'<rect class="word" {geo} data-start="{word["start"]}" data-end="{word["end"]}"/>'
            )
            if hidden:
                rects.append(f'<rect class="box" {geo}/>')
        out.append(
            f'<svg class="page" viewBox="0 0 {width} {height}" data-page="{page}">'
            f'<image href="/doc/{h(doc_id)}/page/{page}.png" width="{width}" height="{height}"/>'
            f"{''.join(rects)}</svg>"
        )
    return "".join(out)


def document_page(
    lang: str,
    profile: str,
    view: Mapping[str, Any],
    csrf: str,
    sizes: Mapping[int, tuple[int, int]],
) -> str:
    """The document: highlighted text beside the partner's text, the add/approve forms, the
    entity table (remove, relabel, role), decisions (stale ones marked) and scanned pages."""
    doc = view["doc"]
    doc_id = doc["doc_id"]
    action = f"/doc/{doc_id}/decide"
    label_opts = "".join(f'<option value="{h(x)}">{h(x)}</option>' for x in view["labels"])
    add_form = (
        f'<form method="post" action="{action}" id="add-form">'
        f"{_hidden(csrf, profile, action='add')}"
        f'<label>start <input type="number" name="start" id="add-start" min="0" required></label> '
        f'<label>end <input type="number" name="end" id="add-end" min="1" required></label> '
        f'<label>{h(t(lang, "label"))} <select name="label" id="add-label">{label_opts}</select>'
        f'</label> <button type="submit" id="add-button">{h(t(lang, "add"))}</button></form>'
        f'<p class="hint">{h(t(lang, "selection"))} {h(t(lang, "shortcuts"))}</p>'
    )
    approved_by = view.get("approved_by")
    approve_form = (
        f'<form method="post" action="{action}" id="approve-form">'
        f"{_hidden(csrf, profile, action='unapprove' if approved_by else 'approve')}"
        f'<button type="submit" id="approve-button">'
        f"{h(t(lang, 'unapprove' if approved_by else 'approve'))}: {h(profile)}</button></form>"
    )
    state = (
        f'<p id="approval">{h(t(lang, "approved_by"))}: {h(approved_by)}</p>' if approved_by else ""
    )
    decisions = "".join(
        f'<li class="{"stale" if d["stale"] else "anchored"}">{h(d["action"])} '
        f"{h(d.get('label') or '')} {h(t(lang, d['role']) if d.get('role') else '')} "
        f"[{d['start']}, {d['end']}) {h(t(lang, 'reviewer'))} {h(d['reviewer'])}"
        f"{' — ' + h(t(lang, 'stale')) if d['stale'] else ''}</li>"
        for d in view["decisions"]
    )
    swept = len(view["swept"])
    legend = "".join(f'<span class="op-{o}">{h(t(lang, o))}</span> ' for o in OPERATORS)
    none = h(t(lang, "none"))
    body = (
        f'<p><a href="/?{urlencode({"profile": profile})}">{h(t(lang, "back"))}</a></p>'
        f"<h1>{h(t(lang, 'document'))}: {h(doc.get('source_name') or doc_id[:12])}</h1>"
        f"<p>{h(t(lang, 'case'))}: {h(doc.get('case_id') or '-')} · {h(t(lang, 'profile'))}: "
        f'<span id="profile-name">{h(profile)}</span></p>{state}'
        f'<div class="legend">{legend}</div>'
        f'<div class="columns"><section><h2>{h(t(lang, "original"))}</h2>'
        f'<div id="doc-text" class="text">{_highlighted(doc["text"], view["entities"], lang)}</div>'
        f"</section><section><h2>{h(t(lang, 'partner'))}</h2>"
        f'<div id="partner-text" class="text">{h(view["partner_text"])}</div>'
        f'<p class="hint">{h(t(lang, "swept"))}: {swept}</p></section></div>'
        f"{add_form}{approve_form}"
        f"<h2>{h(t(lang, 'entities'))}</h2>{_entity_rows(lang, view, csrf, profile, action)}"
        f'<h2>{h(t(lang, "decisions"))}</h2><ul id="decisions">{decisions or none}</ul>'
        f"{_pages_svg(view, sizes, lang) if sizes else ''}"
    )
    other = "en" if lang == "uk" else "uk"
    switch = f"/doc/{doc_id}?{urlencode({'profile': profile, 'lang': other})}"
    return _page(lang, t(lang, "document"), body, switch)


def message_page(lang: str, key: str) -> str:
    """A short refusal page (forbidden, bad request) with no detail from the request."""
    return _page(lang, t(lang, key), f"<p>{h(t(lang, key))}</p>", "/")
