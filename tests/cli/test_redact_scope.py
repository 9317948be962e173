"""`sestry redact`'s up-front checks share one read of the documents: the page (tesseract)
check still runs whenever a scanned document is in scope, and only then."""

from __future__ import annotations

from typing import Any

import pytest

from sestry.commands import redact as redact_command
from sestry.core.settings import Settings


def _checked(monkeypatch: pytest.MonkeyPatch, kinds: set[Any]) -> list[object]:
    from sestry.extractors import tesseract

    calls: list[object] = []
    monkeypatch.setattr(tesseract, "check", lambda languages: calls.append(languages))
    redact_command._check_ocr(Settings.load(None), kinds)
    return calls


@pytest.mark.parametrize("kind", ["scan", "pdf"])
def test_a_page_kind_in_scope_checks_tesseract(monkeypatch, kind: str) -> None:
    assert len(_checked(monkeypatch, {"transcript", kind})) == 1


def test_transcripts_only_need_no_tesseract(monkeypatch) -> None:
    assert _checked(monkeypatch, {"transcript", "audio"}) == []
