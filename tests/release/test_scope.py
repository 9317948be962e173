"""The scope check: one read of the in-scope documents, refused (EmptyScope) when empty."""

from __future__ import annotations

import pytest

from sestry.core.settings import Settings
from sestry.custody.keys import init_layout
from sestry.release.scope import EmptyScope, require_documents, scope_rows
from tests.release_support import make_dataset


@pytest.fixture
def settings(tmp_path) -> Settings:  # type: ignore[no-untyped-def]
    loaded = Settings.load(tmp_path / "data")
    init_layout(loaded)
    return loaded


def test_no_documents_yet_is_refused(settings: Settings) -> None:
    with pytest.raises(EmptyScope, match="no documents yet"):
        scope_rows(settings, "research")


def test_rows_carry_the_asked_columns_and_the_count_agrees(settings: Settings) -> None:
    make_dataset(settings.data_dir, 3, unconsented=2)
    rows = scope_rows(settings, "research", (), ("kind",))
    assert len(rows) == 5
    assert {row["kind"] for row in rows} == {"transcript"}
    assert all(set(row) == {"consent", "kind"} for row in rows)
    assert require_documents(settings, "research") == 3


def test_by_case_only_that_case_is_read(settings: Settings) -> None:
    make_dataset(settings.data_dir, 9)
    rows = scope_rows(settings, "research", ["case-001"])
    assert len(rows) == 2  # documents 1 and 8 (case ids cycle over 7)
    with pytest.raises(EmptyScope, match="matched no document"):
        scope_rows(settings, "research", ["no-such-case"])


def test_no_consented_document_is_refused(settings: Settings) -> None:
    make_dataset(settings.data_dir, 2, consent=("prosecution",))
    with pytest.raises(EmptyScope, match="has 'research' consent"):
        scope_rows(settings, "research")
    assert require_documents(settings, "prosecution") == 2
