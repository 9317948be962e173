"""Sidecar metadata: `<file name>.meta.json` beside an item, or rows of a `sestry-manifest.csv`.

The manifest's name is sestry's own, never a common one: a witness's `manifest.csv` is evidence.

Unknown fields are refused: a typo in `consent` must never silently widen or narrow a release.
"""

from __future__ import annotations

import datetime as dt
import re

from pydantic import BaseModel, ConfigDict, Field, field_validator

from sestry.core.languages import DOCUMENT_LANGUAGES

SIDECAR_SUFFIX = ".meta.json"
MANIFEST_NAME = "sestry-manifest.csv"
LEGACY_MANIFEST_NAME = "manifest.csv"  # evidence now; the operator is told the new name
_SCOPE = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")


class Sidecar(BaseModel):
    """Metadata about one item, supplied by the documenter."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    case_id: str | None = Field(default=None, max_length=100, description="Case identifier.")
    language: str | None = Field(
        default=None,
        pattern=f"^({'|'.join(sorted(DOCUMENT_LANGUAGES))})$",
        description="Main language of the item.",
    )
    collected_at: dt.date | dt.datetime | None = Field(
        default=None, description="When the item was collected (ISO 8601)."
    )
    collected_by: str | None = Field(default=None, max_length=100, description="Documenter code.")
    consent: tuple[str, ...] = Field(
        default=(), description="Consent scopes: who may receive this item."
    )
    audio: str | None = Field(
        default=None, max_length=255, description="File name of the linked recording."
    )

    @field_validator("collected_at")
    @classmethod
    def _not_in_the_future(
        cls, value: dt.date | dt.datetime | None
    ) -> dt.date | dt.datetime | None:
        """A collection date after today is a typo (2099 for 2009 or 2022): refused at intake,
        never discovered at release time. One day of slack covers time zones."""
        if value is None:
            return value
        day = value.date() if isinstance(value, dt.datetime) else value
        if day > dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1):
            raise ValueError("collected_at is in the future")
        return value

    @field_validator("consent")
    @classmethod
    def _scopes_are_words(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for scope in value:
            if not _SCOPE.match(scope):
                raise ValueError("consent scopes are lower-case words")
        return tuple(sorted(set(value)))
