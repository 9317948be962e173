"""The names of the files in a redaction folder and a release, each spelled once.

A redaction folder (`DATA/redactions/<profile>/<id>/`) holds the released tables, `pages/`,
`REDACTION_SUMMARY` and `VALIDATION`; a release's BagIt payload is a copy of it plus the two
reports (`sestry.reports.render.REPORT_FILES`: report.html, report.uk.html; custody.release
adds the manifest, checksums and signature around the payload).
"""

from __future__ import annotations

REDACTION_SUMMARY = "redaction.json"
"""Profile, scope, doc_ids, counts and the validation verdict of one redaction (no content)."""

VALIDATION = "validation.json"
#: The ledger action of a finished redaction (flows/redact.py); handoff trusts only the
#: validation.json such an event lists among its outputs.
REDACT_ACTION = "redact"
"""Every check's id, table, column, verdict and counts (never a value)."""

REIDENTIFICATION = "reidentification"
"""Folder under DATA/dataset/ with pseudonym → (label, norm); never inside a redaction folder."""

PAGE_KINDS = frozenset({"scan", "pdf"})
"""Document kinds whose pages are rendered, redacted as images and released."""
