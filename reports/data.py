"""The already-computed numbers a release report shows: counts, codes and names of checks only.

Reports never read the vault, the ledger or any table themselves; whoever builds this object
decides what is safe to show. Nothing here may hold entity text, names or any value that the
release does not carry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

PERIOD_RE = re.compile(r"^\d{4}(-\d{2})?$")
"""A timeline bucket: `YYYY` or `YYYY-MM`, nothing else (no day, no free text)."""


@dataclass(frozen=True)
class LabelRow:
    """One entity label: how many spans the release covers and what the profile did with them."""

    label: str
    count: int
    operator: str  # keep | redact | pseudonym | generalize:<level>
    defaulted: bool = False  # True when the profile did not name the label (redacted by default)


@dataclass(frozen=True)
class CheckRow:
    """One validation check and whether it passed (never its sample values)."""

    name: str
    passed: bool
    warning: bool = False  # a failed quality check: reported, never blocking


@dataclass(frozen=True)
class ReleaseReportData:
    """Everything the release report shows; built by the handoff, rendered by `render`."""

    release_id: str
    profile: str
    created_at: str
    sestry_version: str
    ledger_head: str | None
    documents: int
    excluded_no_consent: int
    labels: tuple[LabelRow, ...] = ()
    languages: tuple[tuple[str, int], ...] = ()  # documents per language
    label_languages: tuple[tuple[str, tuple[tuple[str, int], ...]], ...] = ()  # label -> lang -> n
    timeline: tuple[tuple[str, int], ...] | None = None  # None: the profile hides dates
    checks: tuple[CheckRow, ...] = ()
    validation_passed: bool = False
    warnings: tuple[tuple[str, str], ...] = ()  # (check id, what it means) of quality warnings
    files: int = 0
    pages: int = 0  # redacted page images released
    total_bytes: int = 0
    # people in the loop (sestry review): documents reviewed/approved, reviewer ids, decisions
    # that changed the automatic result; empty when nobody reviewed
    review: tuple[tuple[str, str], ...] = ()
    scope: str = "every consented document"  # or "documents of N case(s)"; never case ids
    scope_uk: str = ""  # the same in Ukrainian (release.scope.release_scope); "" shows `scope`
    notes: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        """Refuse timeline buckets that are not plain periods (fail closed against leaks)."""
        for period, _ in self.timeline or ():
            if not PERIOD_RE.fullmatch(period):
                raise ValueError("timeline periods must be YYYY or YYYY-MM")
