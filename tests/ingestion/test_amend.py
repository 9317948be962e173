"""`amend`'s rewrite of a document's row: what a corrected sidecar changes, and what it voids."""

from __future__ import annotations

import pyarrow as pa

from sestry.core.settings import Settings
from sestry.ingestion.amend import _rewrite_document
from sestry.schemas import dataset
from sestry.schemas.tables import DOCUMENTS
from tests.schemas.test_dataset import doc_row

DOC = "ab" * 32


def stored(settings: Settings, entities_version: str | None) -> None:
    row = doc_row(DOC).to_pylist()[0]
    row["entities_version"] = entities_version
    dataset.write_document(
        settings.dataset_dir, DOC, {"documents": pa.Table.from_pylist([row], DOCUMENTS)}
    )


def document(settings: Settings) -> dict[str, object]:
    return dataset.read_table(settings.dataset_dir, "documents", [DOC]).to_pylist()[0]


def test_a_new_language_voids_the_recorded_pipeline(ready: Settings) -> None:
    """Entities found in the old language must not be reused by the residual pass."""
    stored(ready, "entities-x+1")
    assert _rewrite_document(ready, DOC, {"language": "ru", "consent": ["research"]})
    row = document(ready)
    assert (row["language"], row["entities_version"]) == ("ru", None)


def test_the_same_language_keeps_it(ready: Settings) -> None:
    stored(ready, "entities-x+1")
    assert _rewrite_document(ready, DOC, {"language": "uk", "consent": ["research"]})
    assert document(ready)["entities_version"] == "entities-x+1"
