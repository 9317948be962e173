"""Decisions as JSON Lines: `sestry review --export` and `--import`.

One line per document, the evaluation format plus role and approval:
`{"id": DOC_ID, "lang": "uk", "text": "...", "spans": [{"start", "end", "label", "role"?}],
"approved": [profiles]}`. On import a line's `spans` is the corrected full set for that document;
the difference from the current result becomes decisions. Import is strict and atomic: every
line is checked first, and any problem (unknown id, offsets out of range, unknown label or role,
a `text` that is not the document's) refuses the whole file with line numbers, writing nothing.
Messages carry line numbers and codes, never text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sestry.core.durable import write_atomic
from sestry.core.errors import UsageError
from sestry.core.settings import Settings
from sestry.redaction.decisions import ROLE_SEPARATOR, anchor, apply_decisions, approved
from sestry.review.server import profile_names
from sestry.review.workbench import record
from sestry.schemas.annotations import ROLES, read_decisions
from sestry.schemas.dataset import read_table
from sestry.schemas.tables import LABELS

MAX_ERRORS_SHOWN = 20


def _current(
    settings: Settings,
) -> tuple[
    dict[str, dict[str, Any]],
    dict[str, dict[tuple[int, int], tuple[str, str | None]]],
    list[dict[str, Any]],
]:
    """Documents by id, their current spans {(start, end): (label, role)}, and all decisions."""
    documents = {d["doc_id"]: d for d in read_table(settings.dataset_dir, "documents").to_pylist()}
    decisions = read_decisions(settings.data_dir)
    texts = {k: str(v["text"]) for k, v in documents.items()}
    rows = read_table(settings.dataset_dir, "entities").to_pylist()
    applied = apply_decisions(rows, decisions, texts, None)
    spans: dict[str, dict[tuple[int, int], tuple[str, str | None]]] = {k: {} for k in documents}
    for row in applied.entities:
        spans[row["doc_id"]][(row["start"], row["end"])] = (
            str(row["label"]).split(ROLE_SEPARATOR)[0],
            None,
        )
    for decision in decisions:  # roles: the latest role decision that still anchors
        if decision["action"] != "role" or decision["doc_id"] not in texts:
            continue
        where = anchor(decision, texts[decision["doc_id"]])
        current = spans[decision["doc_id"]]
        if where in current:
            current[where] = (current[where][0], decision.get("role"))
    return documents, spans, decisions


def export_jsonl(settings: Settings, path: Path, profile: str | None = None) -> int:
    """Write one line per document (only those with the profile's consent when given)."""
    documents, spans, decisions = _current(settings)
    names = profile_names(settings)
    approvals = {name: approved(decisions, name) for name in names}
    scope = None
    if profile is not None:
        from sestry.redaction.profiles import load_profile

        scope = load_profile(profile, settings).requires_consent
    lines = []
    for doc_id, doc in sorted(documents.items()):
        if scope is not None and scope not in (doc.get("consent") or []):
            continue
        out_spans = []
        for (start, end), (label, role) in sorted(spans[doc_id].items()):
            item: dict[str, Any] = {"start": start, "end": end, "label": label}
            if role:
                item["role"] = role
            out_spans.append(item)
        lines.append(
            json.dumps(
                {
                    "id": doc_id,
                    "lang": doc.get("language"),
                    "text": doc["text"],
                    "spans": out_spans,
                    "approved": sorted(n for n in names if doc_id in approvals[n]),
                },
                ensure_ascii=False,
            )
        )
    write_atomic(Path(path), ("\n".join(lines) + "\n" if lines else "").encode("utf-8"))
    return len(lines)


def _check_line(
    number: int, raw: str, documents: dict[str, dict[str, Any]], names: list[str]
) -> tuple[list[str], dict[str, Any] | None]:
    try:
        line = json.loads(raw)
    except json.JSONDecodeError:
        return [f"line {number}: not JSON"], None
    if not isinstance(line, dict):
        return [f"line {number}: not an object"], None
    doc = documents.get(str(line.get("id")))
    if doc is None:
        return [f"line {number}: unknown id"], None
    errors = []
    text = str(doc["text"])
    if "text" in line and line["text"] != text:
        errors.append(f"line {number}: text differs from the document's")
    spans = line.get("spans")
    if not isinstance(spans, list):
        errors.append(f"line {number}: spans must be a list")
        spans = []
    for k, span in enumerate(spans, start=1):
        where = f"line {number}, span {k}"
        if not isinstance(span, dict):
            errors.append(f"{where}: not an object")
            continue
        start, end = span.get("start"), span.get("end")
        if (
            not isinstance(start, int)
            or not isinstance(end, int)
            or not 0 <= start < end <= len(text)
        ):
            errors.append(f"{where}: offsets out of range")
        if span.get("label") not in LABELS:
            errors.append(f"{where}: unknown label")
        if span.get("role") is not None and span.get("role") not in ROLES:
            errors.append(f"{where}: unknown role")
    wanted = line.get("approved", [])
    if not isinstance(wanted, list) or any(p not in names for p in wanted):
        errors.append(f"line {number}: approved names an unknown profile")
    return errors, line


def import_jsonl(
    settings: Settings, path: Path, reviewer: str, profile: str | None = None
) -> dict[str, int]:
    """Check every line, then record the differences as decisions by `reviewer`.

    Raises UsageError (exit 2) listing every problem by line, having written nothing."""
    try:
        raw_lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read {Path(path).name} ({type(exc).__name__})") from None
    documents, spans, decisions = _current(settings)
    names = profile_names(settings)
    errors: list[str] = []
    lines: list[dict[str, Any]] = []
    for number, raw in enumerate(raw_lines, start=1):
        if not raw.strip():
            continue
        problems, line = _check_line(number, raw, documents, names)
        errors += problems
        if line is not None and not problems:
            lines.append(line)
    seen = [str(line["id"]) for line in lines]
    if len(seen) != len(set(seen)):
        errors.append("a document appears on more than one line")
    if errors:
        shown = "; ".join(errors[:MAX_ERRORS_SHOWN])
        more = (
            f" (+{len(errors) - MAX_ERRORS_SHOWN} more)" if len(errors) > MAX_ERRORS_SHOWN else ""
        )
        raise UsageError(f"{Path(path).name} refused, nothing imported: {shown}{more}")
    planned: list[tuple[str, dict[str, Any]]] = []
    for line in lines:
        doc_id = str(line["id"])
        current = spans[doc_id]
        wanted = {(s["start"], s["end"]): (s["label"], s.get("role")) for s in line["spans"]}
        for where, (label, _role) in sorted(current.items()):
            if where not in wanted:
                planned.append((doc_id, {"action": "remove", "start": where[0], "end": where[1]}))
            elif wanted[where][0] != label:
                planned.append(
                    (
                        doc_id,
                        {
                            "action": "relabel",
                            "start": where[0],
                            "end": where[1],
                            "label": wanted[where][0],
                        },
                    )
                )
        for where, (label, role) in sorted(wanted.items()):
            if where not in current:
                planned.append(
                    (doc_id, {"action": "add", "start": where[0], "end": where[1], "label": label})
                )
            if role and (where not in current or current[where][1] != role):
                planned.append(
                    (doc_id, {"action": "role", "start": where[0], "end": where[1], "role": role})
                )
        if "approved" in line:
            for name in names:
                was = doc_id in approved(decisions, name)
                if name in line["approved"] and not was:
                    planned.append((doc_id, {"action": "approve", "profile": name}))
                elif name not in line["approved"] and was:
                    planned.append((doc_id, {"action": "unapprove", "profile": name}))
    # approvals last, so a span decision in the same import does not withdraw them
    planned.sort(key=lambda p: p[1]["action"] in ("approve", "unapprove"))
    for doc_id, decision in planned:
        record(settings, reviewer, doc_id, {"profile": profile, **decision})
    return {"documents": len(lines), "decisions": len(planned)}
