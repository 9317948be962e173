"""Fixture factory: a synthetic internal dataset written with schemas.dataset.write_document."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pytest

from sestry.core.settings import Settings
from sestry.custody.keys import init_layout
from sestry.custody.vault import Vault
from sestry.schemas.dataset import write_document
from sestry.schemas.tables import DOCUMENTS, ENTITIES, SEGMENTS, WORDS

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Ent:
    """An entity to mark in a synthetic text: its surface (n-th occurrence), label, norm."""

    surface: str
    label: str
    norm: str | None = None
    code: str | None = None
    oblast: str | None = None
    occurrence: int = 0


def locate(text: str, surface: str, occurrence: int = 0) -> int:
    index = -1
    for _ in range(occurrence + 1):
        index = text.index(surface, index + 1)
    return index


def released_text(folder: Path) -> str:
    """Everything a partner could read in a redaction folder, decoded: Parquet rows (zstd would
    hide a raw-byte search), JSON and other files as text, and every file name."""
    import json

    import pyarrow.parquet as pq

    parts = []
    for path in sorted(folder.rglob("*")):
        parts.append(str(path.relative_to(folder)))
        if not path.is_file():
            continue
        if path.suffix == ".parquet":
            parts.append(
                json.dumps(pq.read_table(path).to_pylist(), ensure_ascii=False, default=str)
            )
        else:
            parts.append(path.read_bytes().decode("utf-8", errors="replace"))
    return "\n".join(parts)


@pytest.fixture
def ready(settings: Settings) -> Settings:
    """Settings whose data dir has the layout and keys (custody.keys.init_layout)."""
    init_layout(settings)
    return settings


AddDocument = Callable[..., str]


@pytest.fixture
def add_document(ready: Settings) -> AddDocument:
    """add_document(text, entities, consent=..., ...) -> doc_id; writes one internal document."""
    return make_adder(ready)


def make_adder(ready: Settings) -> AddDocument:
    """The factory behind `add_document` (importable by tests outside this folder)."""
    counter = iter(range(10_000))
    vault = Vault(ready.vault_dir)

    def add(
        text: str,
        entities: Sequence[Ent] = (),
        *,
        consent: Sequence[str] = ("prosecution", "register", "research"),
        case_id: str | None = "UA-2022-0001",
        kind: str = "transcript",
        media_type: str = "text/plain",
        pages: int = 0,
        method: str = "transcript",
        collected_at: str | None = "2022-05-14",
        segments: Sequence[tuple[int, int, str | None, int | None]] | None = None,
        words: Sequence[dict[str, object]] = (),
        doc_id: str | None = None,
    ) -> str:
        if doc_id is None:  # the original is in the vault, as after a real ingest
            doc_id = vault.put_bytes(f"{next(counter)}:{text}".encode()).digest
        doc = {
            "doc_id": doc_id,
            "case_id": case_id,
            "kind": kind,
            "media_type": media_type,
            "source_name": "interview_Kovalenko_0412.txt",  # names can hide in file names
            "language": "uk",
            "text": text,
            "pages": pages,
            "method": method,
            "ocr_confidence": None,
            "consent": list(consent),
            "collected_at": collected_at,
            "ingested_at": dt.datetime(2024, 1, 2, tzinfo=dt.UTC),
            "extractor_version": "test@1",
            "audio_id": None,
            "duration_s": None,
        }
        ent_rows = []
        for ent in entities:
            start = locate(text, ent.surface, ent.occurrence)
            ent_rows.append(
                {
                    "doc_id": doc_id,
                    "start": start,
                    "end": start + len(ent.surface),
                    "label": ent.label,
                    "text": ent.surface,
                    "norm": ent.norm,
                    "detector": "test@1:fixture",
                    "score": 0.9,
                    "code": ent.code,
                    "oblast": ent.oblast,
                }
            )
        if segments is None:
            segments = [(0, len(text), "Коваленко О.", None)]
        seg_rows = [
            {
                "doc_id": doc_id,
                "seq": i,
                "page": page,
                "start": s,
                "end": e,
                "speaker": speaker,
                "t_start": None,
                "t_end": None,
            }
            for i, (s, e, speaker, page) in enumerate(segments)
        ]
        word_rows = [{"doc_id": doc_id, **w} for w in words]
        write_document(
            ready.dataset_dir,
            doc_id,
            {
                "documents": pa.Table.from_pylist([doc], DOCUMENTS),
                "entities": pa.Table.from_pylist(ent_rows, ENTITIES),
                "segments": pa.Table.from_pylist(seg_rows, SEGMENTS),
                "words": pa.Table.from_pylist(word_rows, WORDS),
            },
        )
        return doc_id

    return add
