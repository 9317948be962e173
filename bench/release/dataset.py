"""The release benchmark's dataset, built as ingest builds one.

Why: the residual pass reuses what ingest found (the entities rows and the pipeline version
recorded per document) where a released text is unchanged, so a benchmark whose entity rows are
not the pipeline's measures a path production never takes. Here the texts are the synthetic
transcripts of tests/release_support.py (same sentences, names, seed), and each document's
entities rows are what `find_entities_batch` gives for its text and language, with the running
pipeline's fingerprint in `documents.entities_version`, as ingestion/process.py writes them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa

from sestry.extractors.entities.base import Span
from sestry.extractors.entities.fingerprint import fingerprint
from sestry.extractors.entities.pipeline import find_entities_batch
from sestry.schemas.dataset import write_document
from sestry.schemas.tables import DOCUMENTS, ENTITIES, SEGMENTS
from tests.release_support import _store_original, synthetic_transcripts


def make_ingested_dataset(
    data_dir: Path,
    docs: int,
    *,
    unconsented: int = 0,
    seed: int = 11,
    filler_words: int = 40,
) -> list[str]:
    """Write `docs` consented + `unconsented` transcripts with the pipeline's own entities;
    return the doc_ids. Unconsented documents carry a canary name and no consent."""
    pairs = [
        (lang, text)
        for lang, text, _values in synthetic_transcripts(docs, unconsented, seed, filler_words)
    ]
    langs = [lang for lang, _text in pairs]
    texts = [text for _lang, text in pairs]
    found = find_entities_batch(texts, list(langs))
    version = fingerprint()
    ids: list[str] = []
    for i, (text, lang, spans) in enumerate(zip(texts, langs, found, strict=True)):
        doc_id = _store_original(data_dir, f"synthetic-original-{seed}-{i}".encode())
        tables = _tables(doc_id, i, text, lang, spans, i >= docs, version)
        write_document(Path(data_dir) / "dataset", doc_id, tables)
        ids.append(doc_id)
    return ids


def _tables(
    doc_id: str, i: int, text: str, lang: str, spans: list[Span], withheld: bool, version: str
) -> dict[str, pa.Table]:
    row = {
        "doc_id": doc_id,
        "case_id": f"case-{i % 7:03d}",
        "kind": "transcript",
        "media_type": "text/plain",
        "source_name": f"interview_{i:04d}.txt",
        "language": lang,
        "text": text,
        "pages": 1,
        "method": "transcript",
        "consent": [] if withheld else ["prosecution", "research", "register"],
        "collected_at": "2023-05-02",
        "ingested_at": dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
        "extractor_version": "transcript_text@1",
        "entities_version": version,
    }
    ents = [
        {"doc_id": doc_id, "start": s.start, "end": s.end, "label": s.label, "text": s.text,
         "norm": s.norm, "detector": s.detector, "score": s.score, "code": s.code,
         "oblast": s.oblast}
        for s in spans
    ]  # fmt: skip
    segments = [{"doc_id": doc_id, "seq": 0, "start": 0, "end": len(text), "speaker": "S1"}]
    return {
        "documents": pa.Table.from_pylist([row], DOCUMENTS),
        "entities": pa.Table.from_pylist(ents, ENTITIES),
        "segments": pa.Table.from_pylist(segments, SEGMENTS),
    }
