"""Settings: where the data lives and how the pipeline is tuned.

One typed model; every field's description doubles as documentation.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from sestry.core.languages import OCR_LANGUAGES

DEFAULT_DATA_DIR = Path("data/runtime")
DATA_ENV = "SESTRY_DATA"


class Settings(BaseModel):
    """Runtime settings; paths derive from `data_dir` (see DESIGN, "Runtime data")."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    data_dir: Path = Field(description="Root of the runtime data (inbox, vault, ledger, keys...).")
    ocr_languages: str = Field(
        default=OCR_LANGUAGES, description="Tesseract language string used for OCR."
    )
    ocr_workers: int = Field(
        default_factory=lambda: os.cpu_count() or 1,
        description="Parallel single-threaded Tesseract processes (one per core).",
    )
    max_pixels: int = Field(
        default=120_000_000, description="Largest image (pixels) sestry decodes: bomb guard."
    )
    max_pages: int = Field(default=500, description="Largest PDF/TIFF page count sestry processes.")
    low_confidence: float = Field(
        default=60.0, description="Mean OCR confidence below which a page is flagged."
    )

    @classmethod
    def load(cls, data_dir: str | Path | None = None, **overrides: object) -> Settings:
        """Resolve the data dir from the argument, then $SESTRY_DATA, then ./data/runtime."""
        chosen = data_dir or os.environ.get(DATA_ENV) or DEFAULT_DATA_DIR
        return cls(data_dir=Path(chosen).absolute(), **overrides)  # type: ignore[arg-type]

    @property
    def inbox(self) -> Path:
        return self.data_dir / "inbox"

    @property
    def vault_dir(self) -> Path:
        return self.data_dir / "vault"

    @property
    def ledger_path(self) -> Path:
        return self.data_dir / "ledger" / "custody.jsonl"

    @property
    def keys_dir(self) -> Path:
        return self.data_dir / "keys"

    @property
    def signing_key_path(self) -> Path:
        return self.keys_dir / "signing.ed25519"

    @property
    def pseudonym_key_path(self) -> Path:
        return self.keys_dir / "pseudonym.key"

    @property
    def quarantine_dir(self) -> Path:
        return self.data_dir / "quarantine"

    @property
    def dataset_dir(self) -> Path:
        return self.data_dir / "dataset"

    @property
    def redactions_dir(self) -> Path:
        return self.data_dir / "redactions"

    @property
    def releases_dir(self) -> Path:
        return self.data_dir / "releases"

    @property
    def layout_dirs(self) -> tuple[Path, ...]:
        """Folders `sestry init` creates (mode 0700)."""
        return (
            self.data_dir,
            self.inbox,
            self.vault_dir / "objects",
            self.ledger_path.parent,
            self.keys_dir,
            self.quarantine_dir,
            self.dataset_dir,
            self.redactions_dir,
            self.releases_dir,
        )
