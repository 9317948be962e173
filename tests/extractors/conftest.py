"""Fixtures for extractor tests: the committed samples, their expectations, a runner."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from sestry.core.settings import Settings
from sestry.extractors import registry
from sestry.extractors.base import Extraction, ItemInfo
from sestry.extractors.sniff import sniff

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
EXPECTED: dict[str, dict] = json.loads((SAMPLES / "EXPECTED.json").read_text("utf-8"))["files"]


def ocr_names() -> set[str]:
    """Samples whose extraction runs tesseract (they carry the `ocr` marker)."""
    return {
        name
        for name, exp in EXPECTED.items()
        if exp.get("reason") is None
        and exp.get("kind") in ("scan", "pdf")
        and "ocr" in exp.get("methods", ["ocr"])
    }


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def expected() -> dict[str, dict]:
    return EXPECTED


@pytest.fixture(scope="session")
def canaries() -> list[str]:
    return [ln for ln in (SAMPLES / "CANARIES.txt").read_text("utf-8").splitlines() if ln]


def item_for(path: Path, name: str | None = None) -> ItemInfo:
    """ItemInfo as the flow builds it: sniffed from content, named as received, the sidecar's
    language as the hint."""
    sidecar = path.with_name(path.name + ".meta.json")
    hint = json.loads(sidecar.read_text("utf-8")).get("language") if sidecar.exists() else None
    return ItemInfo(
        digest="0" * 64,
        source_name=name or path.name,
        size=path.stat().st_size,
        media_type=sniff(path).media_type,
        language_hint=hint,
    )


@pytest.fixture
def run(settings: Settings) -> Callable[..., Extraction]:
    """Extract a file through the registry, as the flow does."""

    def _run(path: Path, name: str | None = None, settings_: Settings | None = None) -> Extraction:
        return registry.extract(path, item_for(path, name), settings_ or settings)

    return _run


def flat(text: str) -> str:
    """Whitespace collapsed to single spaces: OCR and rebuilt texts break lines differently."""
    return re.sub(r"\s+", " ", text).strip()


def infix_cer(needle: str, haystack: str) -> float:
    """Lowest character error rate of `needle` against any substring of `haystack`
    (edit distance with free start and end in the haystack, over len(needle))."""
    needle, haystack = flat(needle), flat(haystack)
    prev = [0] * (len(haystack) + 1)
    for i, ch in enumerate(needle, start=1):
        cur = [i] + [0] * len(haystack)
        for j, hj in enumerate(haystack, start=1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ch != hj))
        prev = cur
    return min(prev) / max(1, len(needle))


@pytest.fixture(scope="session")
def cer() -> Callable[[str, str], float]:
    return infix_cer


@pytest.fixture(scope="session")
def flatten() -> Callable[[str], str]:
    return flat


@pytest.fixture(scope="session")
def make_item() -> Callable[..., ItemInfo]:
    return item_for
