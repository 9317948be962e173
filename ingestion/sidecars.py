"""Find and validate the metadata of inbox items: `NAME.meta.json` sidecars and
`sestry-manifest.csv`.

Metadata is recognised by name AND content: only a file that parses as a valid sidecar or
manifest is metadata; anything else (a witness's `manifest.csv`, a malformed `.meta.json`) is
evidence and is vaulted like any item. Validation errors are reported as field names and error
types only (pydantic would echo the input values, which may be sensitive). Loading never raises:
any failure (deep nesting, duplicate keys, unreadable file) becomes a reason code.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from sestry.schemas.sidecar import MANIFEST_NAME, SIDECAR_SUFFIX, Sidecar

MANIFEST_COLUMNS: tuple[str, ...] = (
    "file",
    "case_id",
    "language",
    "collected_at",
    "collected_by",
    "consent",
    "audio",
)
MAX_SIDECAR_BYTES = 64 * 1024
MAX_MANIFEST_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class SidecarResult:
    """The metadata found for one item: a valid Sidecar, none, or an error code with fields."""

    sidecar: Sidecar | None = None
    source: str | None = None  # "meta.json" | "manifest.csv" | None
    error: str | None = None  # reason code, e.g. "invalid_sidecar"
    problems: tuple[str, ...] = ()  # "field:error_type", never values

    @property
    def valid(self) -> bool:
        return self.error is None


@dataclass
class Manifest:
    """Rows of one manifest.csv, keyed by file name relative to the manifest's folder."""

    rows: dict[str, dict[str, Any]] = field(default_factory=dict)
    error: tuple[str, ...] = ()  # the whole manifest is unusable: every listed item is invalid


def may_be_metadata(name: str) -> bool:
    """True for names that metadata can have; only valid content makes such a file metadata."""
    return name.endswith(SIDECAR_SUFFIX) or name == MANIFEST_NAME


class _DuplicateKey(ValueError):
    """A JSON object names one key twice (the last would silently win)."""


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey
        out[key] = value
    return out


def _problems(exc: ValidationError) -> tuple[str, ...]:
    out = []
    for err in exc.errors(include_input=False, include_url=False, include_context=False):
        loc = ".".join(str(part) for part in err.get("loc", ())) or "root"
        out.append(f"{loc}:{err.get('type', 'invalid')}")
    return tuple(sorted(set(out)))


def _validate(data: object, source: str) -> SidecarResult:
    if not isinstance(data, dict):
        return SidecarResult(source=source, error="invalid_sidecar", problems=("root:not_object",))
    try:
        return SidecarResult(sidecar=Sidecar.model_validate(data), source=source)
    except ValidationError as exc:
        return SidecarResult(source=source, error="invalid_sidecar", problems=_problems(exc))


def load_meta_json(path: Path) -> SidecarResult:
    """Validate one `NAME.meta.json` sidecar (symlinks and oversized files are refused)."""
    if path.is_symlink() or not path.is_file():
        return SidecarResult(
            source="meta.json", error="invalid_sidecar", problems=("file:not_regular",)
        )
    try:
        raw = path.read_bytes()
    except OSError:
        return SidecarResult(
            source="meta.json", error="invalid_sidecar", problems=("file:unreadable",)
        )
    if len(raw) > MAX_SIDECAR_BYTES:
        return SidecarResult(
            source="meta.json", error="invalid_sidecar", problems=("file:too_large",)
        )
    try:
        data = json.loads(raw.decode("utf-8"), object_pairs_hook=_no_duplicates)
    except _DuplicateKey:
        problem = "root:duplicate_key"
    except RecursionError:
        problem = "file:too_deep"
    except (UnicodeDecodeError, ValueError):
        problem = "file:not_json"
    else:
        try:
            return _validate(data, "meta.json")
        except RecursionError:
            problem = "file:too_deep"
    return SidecarResult(source="meta.json", error="invalid_sidecar", problems=(problem,))


def _manifest_row(row: dict[str, str | None]) -> dict[str, Any]:
    """Turn CSV strings into sidecar fields: empty means absent, consent is `a;b;c`."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        if key == "file" or value is None:
            continue
        value = value.strip()
        if not value:
            continue
        if key == "consent":
            out[key] = [scope.strip() for scope in value.split(";") if scope.strip()]
        else:
            out[key] = value
    return out


def load_manifest(path: Path) -> Manifest:
    """Read one manifest.csv; unknown or missing columns make the whole manifest invalid."""
    if path.is_symlink() or not path.is_file():
        return Manifest(error=("file:not_regular",))
    try:
        raw = path.read_bytes()
    except OSError:
        return Manifest(error=("file:unreadable",))
    if len(raw) > MAX_MANIFEST_BYTES:
        return Manifest(error=("file:too_large",))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return Manifest(error=("file:not_utf8",))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = tuple(name.strip() for name in (reader.fieldnames or ()))
    if "file" not in header:
        return Manifest(error=("file:missing_column",))
    unknown = sorted(set(header) - set(MANIFEST_COLUMNS))
    if unknown:
        return Manifest(error=tuple(f"{name}:extra_forbidden" for name in unknown))
    manifest = Manifest()
    duplicates: set[str] = set()
    try:
        for row in reader:
            clean = {(k or "").strip(): v for k, v in row.items()}
            if None in row or "" in clean:
                return Manifest(error=("row:extra_cells",))
            name = (clean.get("file") or "").strip()
            if not name:
                continue
            if name in manifest.rows:
                duplicates.add(name)
            manifest.rows[name] = _manifest_row(clean)
    except csv.Error:
        return Manifest(error=("file:not_csv",))
    for name in duplicates:  # two rows for one file: ambiguous, so fail closed
        manifest.rows[name] = {"__duplicate__": True}
    return manifest


def from_manifest(manifest: Manifest, name: str) -> SidecarResult | None:
    """The manifest's metadata for `name` (relative to its folder), or None if not listed."""
    if manifest.error:
        return SidecarResult(
            source="manifest.csv", error="invalid_sidecar", problems=manifest.error
        )
    if name not in manifest.rows:
        return None
    row = manifest.rows[name]
    if row.get("__duplicate__"):
        return SidecarResult(
            source="manifest.csv", error="invalid_sidecar", problems=("file:duplicate_row",)
        )
    return _validate(row, "manifest.csv")


def resolve(meta: SidecarResult | None, listed: SidecarResult | None) -> SidecarResult:
    """Combine a meta.json and a manifest row: both valid and equal, or one of them, or invalid.

    No metadata at all gives an empty Sidecar (no consent: never releasable).
    """
    if meta is None and listed is None:
        return SidecarResult(sidecar=Sidecar(), source=None)
    if meta is None or listed is None:
        return meta or listed  # type: ignore[return-value]
    if not meta.valid:
        return meta
    if not listed.valid:
        return listed
    if meta.sidecar != listed.sidecar:
        return SidecarResult(
            source="meta.json+manifest.csv", error="invalid_sidecar", problems=("root:conflict",)
        )
    return meta


def sidecar_params(sidecar: Sidecar) -> dict[str, Any]:
    """The sidecar as JSON-ready fields for the intake event (dates as ISO 8601)."""
    return sidecar.model_dump(mode="json", exclude_none=True)
