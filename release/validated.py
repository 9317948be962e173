"""What a validation covered, so a later step of the same release never validates it twice.

Validation records, per group of files (the three tables; every file under `pages/`), the BLAKE3
of each file it read, and one digest of everything else its verdict depends on (the context:
released doc_ids, consent, leak terms, known values, review decisions, the analysed texts and
their model spans, the profile, OCR languages, the code and library versions). Handoff re-hashes
the staged copy: a group whose files and context digest are all equal holds the same bytes under
the same rules, so its recorded results stand; any difference and that group is validated again.
Only digests are recorded: no term, text or value. A kept result of the quality date check is
as of the day it ran ("today" is not in the context: a warning, never a block).
"""

from __future__ import annotations

import importlib.metadata
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from blake3 import blake3

from sestry.core.digest import b3_bytes, b3_file
from sestry.core.settings import Settings
from sestry.core.version import sestry_version
from sestry.release.stream import BATCH_DOCS, batches
from sestry.schemas.tables import REDACTED_TABLES

#: Bump when a check changes what it asserts: every earlier record then stops matching.
CHECKS_VERSION = "validation-2"  # 2: the context digested per document (batched)
TABLES = "tables"
PAGES = "pages"
GROUPS = (TABLES, PAGES)
#: Libraries the checks' verdicts depend on beyond the entity pipeline's fingerprint.
_LIBRARIES = ("great_expectations", "pyarrow")


def group_of(table: str) -> str | None:
    """The file group a check's table belongs to (None: recomputed every time)."""
    if table in REDACTED_TABLES:
        return TABLES
    return PAGES if table == PAGES else None


def file_digests(folder: Path) -> dict[str, dict[str, str]]:
    """BLAKE3 of the files each group's checks read, by path relative to `folder`."""
    tables = {
        f"{name}.parquet": b3_file(folder / f"{name}.parquet")
        for name in REDACTED_TABLES
        if (folder / f"{name}.parquet").is_file()
    }
    root = folder / PAGES
    pages = (
        {
            path.relative_to(folder).as_posix(): b3_file(path)
            for path in sorted(root.rglob("*"))
            if path.is_file()
        }
        if root.is_dir()
        else {}
    )
    return {TABLES: tables, PAGES: pages}


def context_digest(ctx: Any, settings: Settings) -> str:
    """One BLAKE3 over everything besides the files that a check's verdict depends on."""
    from sestry.extractors.entities.fingerprint import fingerprint

    released = sorted(ctx.doc_ids)
    summary = ctx.summary
    record = {
        # the entity pipeline's fingerprint covers its version, spaCy, pymorphy3 and Natasha
        "checks": [CHECKS_VERSION, sestry_version(), fingerprint(), _versions()],
        "profile": [summary.get("profile"), summary.get("profile_b3"), ctx.profile_ok],
        "doc_ids": released,
        "consented": sorted(ctx.consented & ctx.doc_ids),
        "terms": _terms(ctx.matcher),
        "low_confidence": ctx.low_confidence,
        "ocr_languages": str(settings.ocr_languages),
    }
    hasher = blake3()
    hasher.update(json.dumps(record, sort_keys=True, ensure_ascii=False, default=str).encode())
    # then one line per released document, read one batch at a time (bounded memory)
    for batch in batches(released, BATCH_DOCS):
        part = ctx.for_docs(batch)
        for d in batch:
            known = part.known.get(d)
            line = [
                d,
                _terms(known) if known is not None else None,
                part.languages.get(d),
                sorted(ctx.cleared.get(d) or ()),
                b3_bytes(part.originals.get(d, "").encode()),
                [repr(s) for s in part.model_spans.get(d, [])],
                part.entities_versions.get(d),
            ]
            hasher.update(b"\n" + json.dumps(line, ensure_ascii=False, default=str).encode())
    return hasher.hexdigest()


def record(files: Mapping[str, Mapping[str, str]], context_b3: str) -> dict[str, Any]:
    """The `validated` entry of validation.json: file digests per group and the context's."""
    return {"context_b3": context_b3, "files": {g: dict(files.get(g, {})) for g in GROUPS}}


def reusable_groups(
    prior: Mapping[str, Any] | None, files: Mapping[str, Mapping[str, str]], context_b3: str
) -> frozenset[str]:
    """Groups whose recorded results stand: a passed validation under the same context digest
    whose files are byte for byte (BLAKE3) the ones here, and whose results are all present."""
    if not isinstance(prior, Mapping) or prior.get("passed") is not True:
        return frozenset()
    validated = prior.get("validated")
    if not isinstance(validated, Mapping) or validated.get("context_b3") != context_b3:
        return frozenset()
    recorded = validated.get("files")
    if not isinstance(recorded, Mapping):
        return frozenset()
    results = prior.get("results")
    tables_with_results = {
        group_of(str(r.get("table"))) for r in results or () if isinstance(r, Mapping)
    }
    return frozenset(
        group
        for group in GROUPS
        if recorded.get(group) == dict(files.get(group, {})) and group in tables_with_results
    )


def _terms(matcher: Any) -> list[list[str]]:
    terms = getattr(matcher, "terms", None)
    if terms is None:
        return []
    return [sorted(terms.phrases), sorted(terms.lemmas)]


def _versions() -> list[str]:
    out = []
    for name in _LIBRARIES:
        try:
            out.append(f"{name}={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            out.append(f"{name}=-")
    return out
