"""The `annotations` table: review decisions, append-only, one durable file per decision.

Layout: `DATA/annotations/<doc_id>/<time>-<id>.json`, created exclusively (never overwritten,
never deleted). A decision is data about the document, never an edit of it: redaction applies
decisions on top of the detected entities (`redaction/decisions.py`). Files are 0600, folders
0700. Fields: id, doc_id, action, start, end, label, role, profile, reviewer, ts,
extractor_version, span_b3 (BLAKE3 of the span's text, to re-anchor after a reprocess).
"""

from __future__ import annotations

import json
import os
import re
import secrets
from pathlib import Path
from typing import Any

import pyarrow as pa

from sestry.core.durable import create_exclusive, ensure_dir

ACTIONS: tuple[str, ...] = ("add", "remove", "relabel", "role", "approve", "unapprove")
ROLES: tuple[str, ...] = ("survivor", "witness", "alleged_perpetrator", "official", "other")
REVIEWER_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")
_DOC_ID = re.compile(r"^[0-9a-f]{64}$")

ANNOTATIONS = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("doc_id", pa.string(), nullable=False),
        pa.field(
            "action", pa.string(), nullable=False
        ),  # add|remove|relabel|role|approve|unapprove
        pa.field("start", pa.int64()),
        pa.field("end", pa.int64()),
        pa.field("label", pa.string()),
        pa.field("role", pa.string()),
        pa.field("profile", pa.string()),
        pa.field("reviewer", pa.string(), nullable=False),
        pa.field("ts", pa.string(), nullable=False),
        pa.field("extractor_version", pa.string()),
        pa.field("span_b3", pa.string()),
    ]
)


class AnnotationError(ValueError):
    """A decision breaks the table's contract (message has codes only)."""


def annotations_dir(data_dir: Path) -> Path:
    return Path(data_dir) / "annotations"


def check(decision: dict[str, Any]) -> dict[str, Any]:
    """The decision with every field of the schema, or AnnotationError naming the field."""
    row = {name: decision.get(name) for name in ANNOTATIONS.names}
    if not isinstance(row["doc_id"], str) or not _DOC_ID.match(row["doc_id"]):
        raise AnnotationError("doc_id: not a digest")
    if row["action"] not in ACTIONS:
        raise AnnotationError("action: unknown")
    if not isinstance(row["reviewer"], str) or not REVIEWER_RE.match(row["reviewer"]):
        raise AnnotationError("reviewer: letters, digits, . _ - (at most 40)")
    if row["role"] is not None and row["role"] not in ROLES:
        raise AnnotationError("role: unknown")
    if row["action"] in ("add", "remove", "relabel", "role"):
        start, end = row["start"], row["end"]
        if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end:
            raise AnnotationError("offsets: need 0 <= start < end")
    return row


def append_decision(data_dir: Path, decision: dict[str, Any]) -> tuple[dict[str, Any], Path]:
    """Store one decision durably (exclusive create); return the stored row and its file."""
    row = check({**decision, "id": decision.get("id") or secrets.token_hex(8)})
    folder = ensure_dir(annotations_dir(data_dir) / row["doc_id"])
    stamp = str(row["ts"]).replace(":", "").replace("-", "")
    data = json.dumps(row, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n"
    path = create_exclusive(folder / f"{stamp}-{row['id']}.json", data)
    return row, path


def read_decisions(data_dir: Path, doc_ids: set[str] | None = None) -> list[dict[str, Any]]:
    """Every stored decision (of `doc_ids` when given), oldest first."""
    root = annotations_dir(data_dir)
    if not root.is_dir():
        return []
    out = []
    for entry in sorted(os.scandir(root), key=lambda e: e.name):
        if not _DOC_ID.match(entry.name) or (doc_ids is not None and entry.name not in doc_ids):
            continue
        for path in sorted(Path(entry.path).glob("*.json")):
            out.append(json.loads(path.read_text(encoding="utf-8")))
    return sorted(out, key=lambda d: (d["ts"], d["id"]))
