"""Arrow schemas of the internal and released tables: the contract between every stage.

Offsets (`start`, `end`) are character offsets into `documents.text` (NFC-normalised).
"""

from __future__ import annotations

import pyarrow as pa

# One entry per page, in page order: the language the page's letters say (uk | ru | en; null when
# they do not say) and the Tesseract language orders run on it, the kept one last (empty for a
# page read from its PDF text layer). Datasets written before the column read it as
# null (schemas.dataset reads every file with this schema).
PAGE_OCR = pa.struct(
    [
        pa.field("page", pa.int32(), nullable=False),
        pa.field("language", pa.string()),
        pa.field("passes", pa.list_(pa.string()), nullable=False),
    ]
)

DOCUMENTS = pa.schema(
    [
        pa.field("doc_id", pa.string(), nullable=False),  # BLAKE3 digest of the original
        pa.field("case_id", pa.string()),
        pa.field("kind", pa.string(), nullable=False),  # transcript | audio | scan | pdf | document
        pa.field("media_type", pa.string(), nullable=False),
        pa.field("source_name", pa.string()),  # original relative name in the inbox
        pa.field("language", pa.string()),  # uk | ru | en | mixed | None
        pa.field("text", pa.large_string(), nullable=False),
        pa.field("pages", pa.int32(), nullable=False),
        pa.field("method", pa.string(), nullable=False),  # transcript | text_layer | ocr | none
        pa.field("ocr_confidence", pa.float32()),
        pa.field("consent", pa.list_(pa.string()), nullable=False),
        pa.field("collected_at", pa.string()),  # ISO 8601 date or datetime, as given
        pa.field("ingested_at", pa.timestamp("us", tz="UTC"), nullable=False),
        pa.field("extractor_version", pa.string(), nullable=False),  # "name@version"
        pa.field("audio_id", pa.string()),  # digest of the linked recording, if any
        pa.field("duration_s", pa.float64()),  # audio items only
        pa.field("page_ocr", pa.list_(PAGE_OCR)),  # scans and PDFs; null for other kinds
        # fingerprint of the entity pipeline that found its entities rows; null = unknown
        pa.field("entities_version", pa.string()),
    ]
)

SEGMENTS = pa.schema(
    [
        pa.field("doc_id", pa.string(), nullable=False),
        pa.field("seq", pa.int32(), nullable=False),
        pa.field("page", pa.int32()),
        pa.field("start", pa.int64(), nullable=False),
        pa.field("end", pa.int64(), nullable=False),
        pa.field("speaker", pa.string()),
        pa.field("t_start", pa.float64()),
        pa.field("t_end", pa.float64()),
    ]
)

WORDS = pa.schema(
    [
        pa.field("doc_id", pa.string(), nullable=False),
        pa.field("page", pa.int32(), nullable=False),
        pa.field("index", pa.int32(), nullable=False),
        pa.field("start", pa.int64(), nullable=False),
        pa.field("end", pa.int64(), nullable=False),
        pa.field("left", pa.int32(), nullable=False),
        pa.field("top", pa.int32(), nullable=False),
        pa.field("width", pa.int32(), nullable=False),
        pa.field("height", pa.int32(), nullable=False),
        pa.field("confidence", pa.float32()),
    ]
)

ENTITIES = pa.schema(
    [
        pa.field("doc_id", pa.string(), nullable=False),
        pa.field("start", pa.int64(), nullable=False),
        pa.field("end", pa.int64(), nullable=False),
        pa.field("label", pa.string(), nullable=False),
        pa.field("text", pa.string(), nullable=False),
        pa.field("norm", pa.string()),
        pa.field("detector", pa.string(), nullable=False),
        pa.field("score", pa.float32(), nullable=False),
        pa.field("code", pa.string()),  # KATOTTG code for Ukrainian places
        pa.field("oblast", pa.string()),  # KATOTTG oblast code for Ukrainian places
    ]
)

TABLES: dict[str, pa.Schema] = {
    "documents": DOCUMENTS,
    "segments": SEGMENTS,
    "words": WORDS,
    "entities": ENTITIES,
}

LABELS: tuple[str, ...] = (
    "PERSON",
    "CALLSIGN",
    "LOC",
    "ORG",
    "DATE",
    "DOB",
    "TIME",
    "PHONE",
    "EMAIL",
    "ID_DOC",
    "TAX_ID",
    "VEHICLE_PLATE",
    "MILITARY_UNIT",
    "ADDRESS",
)

# Released (redacted) tables: what a partner receives. No source_name, consent list, audio link,
# ingest time, surface text or internal norm of a hidden entity (see docs/redaction.md).
REDACTED_DOCUMENTS = pa.schema(
    [
        pa.field("doc_id", pa.string(), nullable=False),
        pa.field("case_id", pa.string()),  # kept, keyed pseudonym "CASE-…", or null (profile)
        pa.field("kind", pa.string(), nullable=False),
        pa.field("media_type", pa.string(), nullable=False),
        pa.field("language", pa.string()),
        pa.field("text", pa.large_string(), nullable=False),  # redacted text
        pa.field("pages", pa.int32(), nullable=False),
        pa.field("method", pa.string(), nullable=False),
        pa.field("ocr_confidence", pa.float32()),
        pa.field("collected_at", pa.string()),  # as given, month, year or null (profile)
        pa.field("extractor_version", pa.string(), nullable=False),
        pa.field("duration_s", pa.float64()),
    ]
)

REDACTED_SEGMENTS = pa.schema(
    [
        pa.field("doc_id", pa.string(), nullable=False),
        pa.field("seq", pa.int32(), nullable=False),
        pa.field("page", pa.int32()),
        pa.field("start", pa.int64(), nullable=False),  # into the redacted text
        pa.field("end", pa.int64(), nullable=False),
        pa.field("speaker", pa.string()),  # S1, S2... per document (labels can be names)
        pa.field("t_start", pa.float64()),
        pa.field("t_end", pa.float64()),
    ]
)

REDACTED_ENTITIES = pa.schema(
    [
        pa.field("doc_id", pa.string(), nullable=False),
        pa.field("start", pa.int64(), nullable=False),  # into the redacted text
        pa.field("end", pa.int64(), nullable=False),
        pa.field("label", pa.string(), nullable=False),
        pa.field("operator", pa.string(), nullable=False),  # keep|pseudonym|redact|generalize
        pa.field("replacement", pa.string(), nullable=False),  # what stands at [start, end)
        pa.field("norm", pa.string()),  # kept norm, pseudonym, generalised code/period, or null
        pa.field("detector", pa.string(), nullable=False),
        pa.field("score", pa.float32(), nullable=False),
    ]
)

REDACTED_TABLES: dict[str, pa.Schema] = {
    "documents": REDACTED_DOCUMENTS,
    "segments": REDACTED_SEGMENTS,
    "entities": REDACTED_ENTITIES,
}
