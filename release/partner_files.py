"""Files that let a lawyer use a release without Python: README, codebook, index, redaction log.

Written into the staged payload before it is re-validated and signed, so they are covered by the
manifest, the checksums and the signature like the tables. Each holds only what the released
tables already hold (no hidden value), and `assert_no_leak` runs the release's leak terms over
them once more before signing.

- `README.txt`: what this is, the profile and what it hides, how to verify, how to open it (uk, en)
- `CODEBOOK.md`: every table and column with its type and meaning, every label and operator
- `documents.csv` / `documents.xlsx`: one row per document with a control number
  (`<release>-000001`), the original's BLAKE3 and SHA-256, case, language, kind, pages, dates
- `redaction_log.csv`: control number, page, label, operator and the reason, never a value
- `datapackage.json`: a Frictionless Data Package (Table Schema) describing the CSV files
- Parquet field metadata: each column's description (English) inside the Parquet files
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from sestry.core.durable import write_atomic
from sestry.core.errors import ValidationFailed
from sestry.redaction.profiles import Profile
from sestry.release.codebook import (
    COLUMNS,
    LABEL_MEANINGS,
    OPERATOR_MEANINGS,
    TABLES_EN_UK,
    column_types,
)
from sestry.schemas.dataset import write_parquet
from sestry.schemas.tables import LABELS

README = "README.txt"
CODEBOOK = "CODEBOOK.md"
DOCUMENTS_CSV = "documents.csv"
DOCUMENTS_XLSX = "documents.xlsx"
REDACTION_LOG = "redaction_log.csv"
DATAPACKAGE = "datapackage.json"
PARTNER_FILES = (README, CODEBOOK, DOCUMENTS_CSV, DOCUMENTS_XLSX, REDACTION_LOG, DATAPACKAGE)

INDEX_COLUMNS: tuple[tuple[str, str, str, str], ...] = (
    # name, Table Schema type, English, Ukrainian
    ("control_number", "string", "Control number of the document in this release.",
     "Контрольний номер документа в цьому релізі."),
    ("doc_id", "string", "BLAKE3 digest of the original file (b3sum).",
     "Відбиток BLAKE3 оригінального файлу (b3sum)."),
    ("original_sha256", "string", "SHA-256 digest of the original file (sha256sum).",
     "Відбиток SHA-256 оригінального файлу (sha256sum)."),
    ("case_id", "string", COLUMNS["documents"]["case_id"].en, COLUMNS["documents"]["case_id"].uk),
    ("language", "string", COLUMNS["documents"]["language"].en,
     COLUMNS["documents"]["language"].uk),
    ("kind", "string", COLUMNS["documents"]["kind"].en, COLUMNS["documents"]["kind"].uk),
    ("media_type", "string", COLUMNS["documents"]["media_type"].en,
     COLUMNS["documents"]["media_type"].uk),
    ("pages", "integer", COLUMNS["documents"]["pages"].en, COLUMNS["documents"]["pages"].uk),
    ("duration_s", "number", COLUMNS["documents"]["duration_s"].en,
     COLUMNS["documents"]["duration_s"].uk),
    ("method", "string", COLUMNS["documents"]["method"].en, COLUMNS["documents"]["method"].uk),
    ("ocr_confidence", "number", COLUMNS["documents"]["ocr_confidence"].en,
     COLUMNS["documents"]["ocr_confidence"].uk),
    ("collected_at", "string", COLUMNS["documents"]["collected_at"].en,
     COLUMNS["documents"]["collected_at"].uk),
    ("collected_precision", "string", "day, month or year: how precise collected_at is.",
     "day, month або year: точність collected_at."),
    ("text_characters", "integer", "Length of the redacted text in characters.",
     "Довжина знеособленого тексту в символах."),
    ("note", "string", "Anything a reader should know about this row.",
     "Що варто знати про цей рядок."),
)  # fmt: skip

_REASON_EN = (
    "Why: the profile's rule for this label, and why another operator was applied when one was"
    " (a review decision, or fail closed)."
)
_REASON_UK = (
    "Чому: правило профілю для цієї мітки, а якщо застосовано іншу дію, то чому (рішення"
    " перевірки або обережність: приховати, коли сумнів)."
)
LOG_COLUMNS: tuple[tuple[str, str, str, str], ...] = (
    ("control_number", "string", "The document (see documents.csv).",
     "Документ (див. documents.csv)."),
    ("page", "integer", "Page of a scan or PDF where it stands (empty for transcripts).",
     "Сторінка скану чи PDF (порожньо для розшифровок)."),
    ("start", "integer", COLUMNS["entities"]["start"].en, COLUMNS["entities"]["start"].uk),
    ("end", "integer", COLUMNS["entities"]["end"].en, COLUMNS["entities"]["end"].uk),
    ("label", "string", COLUMNS["entities"]["label"].en, COLUMNS["entities"]["label"].uk),
    ("operator", "string", COLUMNS["entities"]["operator"].en,
     COLUMNS["entities"]["operator"].uk),
    ("reason", "string", _REASON_EN, _REASON_UK),
)  # fmt: skip


@dataclass(frozen=True)
class ReleaseFacts:
    """What the partner files say about the release as a whole (no content)."""

    release_id: str
    created_at: str
    sestry_version: str
    scope_en: str  # "every document with prosecution consent" or "documents of 2 case(s) …"
    scope_uk: str


def control_number(release_id: str, index: int) -> str:
    """Bates-style control number: `<release>-000001` for the first document."""
    return f"{release_id}-{index:06d}"


def write_partner_files(
    payload: Path,
    profile: Profile,
    facts: ReleaseFacts,
    original_sha256: Callable[[str], str],
) -> dict[str, str]:
    """Write every partner file into `payload`; return doc_id → control number."""
    documents = pq.read_table(payload / "documents.parquet").to_pylist()
    documents.sort(key=lambda row: str(row["doc_id"]))
    numbers = {
        str(row["doc_id"]): control_number(facts.release_id, i)
        for i, row in enumerate(documents, start=1)
    }
    entities = pq.read_table(payload / "entities.parquet").to_pylist()
    segments = pq.read_table(payload / "segments.parquet").to_pylist()
    rows = [_index_row(doc, numbers, original_sha256) for doc in documents]
    write_atomic(payload / DOCUMENTS_CSV, _csv(INDEX_COLUMNS, rows))
    write_atomic(payload / DOCUMENTS_XLSX, _xlsx(rows))
    log_rows = _log_rows(entities, segments, numbers, profile)
    write_atomic(payload / REDACTION_LOG, _csv(LOG_COLUMNS, log_rows))
    write_atomic(payload / CODEBOOK, codebook_markdown().encode("utf-8"))
    write_atomic(payload / DATAPACKAGE, _datapackage(facts).encode("utf-8"))
    write_atomic(payload / README, readme_text(profile, facts, len(rows)).encode("utf-8"))
    _describe_parquet(payload)
    missing = [name for name in PARTNER_FILES if not (payload / name).is_file()]
    if missing:  # never sign a release that lacks its own explanation
        raise ValidationFailed(f"partner files not written: {', '.join(missing)}")
    return numbers


def assert_no_leak(payload: Path, find: Callable[[str], Sequence[object]]) -> None:
    """Run the release's leak matcher over every value in the CSV files; ValidationFailed on a hit.

    The values are all that comes from the data (the xlsx mirrors documents.csv); README,
    CODEBOOK and the headers are sestry's own words, where a common word that a recognizer once
    took for a name ("Case") would only be a false alarm.
    """
    for name in (DOCUMENTS_CSV, REDACTION_LOG):
        text = (payload / name).read_text(encoding="utf-8-sig")
        rows = csv.reader(io.StringIO(text))
        next(rows, None)  # the header: column names
        values = "\n".join(cell for row in rows for cell in row if cell)
        if find(values):
            raise ValidationFailed(f"{name}: a hidden term appears in it; not releasing")


# --- rows ---------------------------------------------------------------------------------------


def _index_row(
    doc: Mapping[str, object], numbers: Mapping[str, str], sha256: Callable[[str], str]
) -> dict[str, object]:
    doc_id = str(doc["doc_id"])
    collected = doc.get("collected_at")
    text = str(doc.get("text") or "")
    note = ""
    if doc.get("kind") == "audio" and not text:
        note = "audio recording: no transcript was provided, so there is no text"
    return {
        "control_number": numbers[doc_id],
        "doc_id": doc_id,
        "original_sha256": sha256(doc_id),
        "case_id": doc.get("case_id"),
        "language": doc.get("language"),
        "kind": doc.get("kind"),
        "media_type": doc.get("media_type"),
        "pages": doc.get("pages"),
        "duration_s": doc.get("duration_s"),
        "method": doc.get("method"),
        "ocr_confidence": _round(doc.get("ocr_confidence")),
        "collected_at": collected,
        "collected_precision": _precision(collected),
        "text_characters": len(text),
        "note": note,
    }


def _precision(value: object) -> str | None:
    if not isinstance(value, str) or not value:
        return None
    return {4: "year", 7: "month"}.get(len(value), "day")


def _round(value: object) -> float | None:
    return round(float(value), 1) if isinstance(value, int | float) else None


def _log_rows(
    entities: list[dict[str, object]],
    segments: list[dict[str, object]],
    numbers: Mapping[str, str],
    profile: Profile,
) -> list[dict[str, object]]:
    """One row per entity the profile did not keep; the page from the segment it falls in."""
    pages: dict[str, list[tuple[int, int, int | None]]] = {}
    for seg in segments:
        pages.setdefault(str(seg["doc_id"]), []).append(
            (_int(seg["start"]), _int(seg["end"]), seg.get("page"))  # type: ignore[arg-type]
        )
    rows = []
    for ent in sorted(entities, key=lambda e: (numbers.get(str(e["doc_id"]), ""), e["start"])):
        if ent["operator"] == "keep" or str(ent["doc_id"]) not in numbers:
            continue
        start, end = _int(ent["start"]), _int(ent["end"])
        page = next(
            (p for s, e, p in pages.get(str(ent["doc_id"]), ()) if s <= start < max(e, s + 1)),
            None,
        )
        rows.append(
            {
                "control_number": numbers[str(ent["doc_id"])],
                "page": page,
                "start": start,
                "end": end,
                "label": ent["label"],
                "operator": ent["operator"],
                "reason": _reason(profile, str(ent["label"]), str(ent["operator"])),
            }
        )
    return rows


def _reason(profile: Profile, label: str, applied: str) -> str:
    """The profile's rule, and why the operator applied differs from it when it does."""
    if label not in profile.labels:
        return f"profile {profile.name}: {label} not named, redacted by default (fail closed)"
    rule = profile.operator(label)
    if applied == rule.kind:
        return f"profile {profile.name}: {label} = {rule}"
    return (
        f"profile {profile.name}: {label} = {rule}; applied: {applied} (a role or decision set"
        " in review, or a value that could not be treated by the rule safely: fail closed)"
    )


def _int(value: object) -> int:
    return int(value) if isinstance(value, int | float | str) else 0


# --- formats ------------------------------------------------------------------------------------


def _csv(columns: Sequence[tuple[str, str, str, str]], rows: list[dict[str, object]]) -> bytes:
    """UTF-8 with a byte-order mark (Excel opens Cyrillic right), comma-separated, CRLF."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[c[0] for c in columns], lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _xlsx(rows: list[dict[str, object]]) -> bytes:
    """documents.xlsx: the index as a sheet, and its columns explained on a second sheet."""
    import datetime as dt

    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "documents"
    names = [c[0] for c in INDEX_COLUMNS]
    sheet.append(names)
    for row in rows:
        cells = []
        for name in names:
            value = row.get(name)
            if name == "collected_at" and row.get("collected_precision") == "day":
                with contextlib.suppress(ValueError):
                    value = dt.date.fromisoformat(str(value)[:10])
            cells.append(value)
        sheet.append(cells)
    for i, name in enumerate(names, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = max(12, min(len(name) + 4, 70))
    sheet.freeze_panes = "A2"
    about = book.create_sheet("columns - колонки")
    about.append(["column", "meaning", "значення"])
    for name, _, en, uk in INDEX_COLUMNS:
        about.append([name, en, uk])
    book.properties.creator = "sestry"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _describe_parquet(payload: Path) -> None:
    """Put each column's description into the Parquet field metadata (rewritten durably).

    The redaction job already writes them (`described`), so a current redaction's tables are
    left byte for byte as validated and only an older one's are rewritten here."""
    for table in COLUMNS:
        path = payload / f"{table}.parquet"
        schema = pq.read_schema(path)
        wanted = described_schema(table, schema)
        if not schema.equals(wanted, check_metadata=True):
            write_parquet(path, pq.read_table(path).cast(wanted))


def described(table: str, data: pa.Table) -> pa.Table:
    """`data` with each column's description as field metadata and the table's as schema's."""
    return data.cast(described_schema(table, data.schema))


def described_schema(table: str, schema: pa.Schema) -> pa.Schema:
    """`schema` with the codebook's descriptions of table `table` as metadata."""
    columns = COLUMNS[table]
    fields = [
        field.with_metadata({"description": columns[field.name].en})
        if field.name in columns
        else field
        for field in schema
    ]
    return pa.schema(fields, metadata={"description": TABLES_EN_UK[table][0]})


def _datapackage(facts: ReleaseFacts) -> str:
    """A Frictionless Data Package naming the CSV files and their Table Schemas."""

    def schema(columns: Sequence[tuple[str, str, str, str]]) -> dict[str, object]:
        return {
            "fields": [
                {"name": n, "type": t, "description": en, "description_uk": uk}
                for n, t, en, uk in columns
            ]
        }

    package = {
        "profile": "tabular-data-package",
        "name": facts.release_id.lower(),
        "title": f"sestry release {facts.release_id}",
        "created": facts.created_at,
        "resources": [
            {
                "name": "documents",
                "path": DOCUMENTS_CSV,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "schema": schema(INDEX_COLUMNS),
            },
            {
                "name": "redaction_log",
                "path": REDACTION_LOG,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "schema": schema(LOG_COLUMNS),
            },
        ],
    }
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"


# --- texts --------------------------------------------------------------------------------------


def codebook_markdown() -> str:
    """The codebook: tables, columns with types, labels and operators, in English and Ukrainian."""
    types = column_types()
    lines = [
        "# Codebook / Кодова книга",
        "",
        (
            "Every table of this release, every column with its type, every label and every "
            "operator. / Кожна таблиця релізу, кожна колонка з типом, кожна мітка і кожна дія."
        ),
        "",
    ]
    for table, columns in COLUMNS.items():
        en, uk = TABLES_EN_UK[table]
        lines += [f"## {table}.parquet", "", en, "", uk, ""]
        lines += [
            "| column / колонка | type / тип | meaning | значення |",
            "| --- | --- | --- | --- |",
        ]
        for name, meaning in columns.items():
            lines.append(f"| {name} | {types[table][name]} | {meaning.en} | {meaning.uk} |")
        lines.append("")
    for title, columns in ((DOCUMENTS_CSV, INDEX_COLUMNS), (REDACTION_LOG, LOG_COLUMNS)):
        lines += [f"## {title}", "", "| column / колонка | type / тип | meaning | значення |"]
        lines.append("| --- | --- | --- | --- |")
        lines += [f"| {n} | {t} | {en} | {uk} |" for n, t, en, uk in columns]
        lines.append("")
    lines += ["## Labels / Мітки", "", "| label | meaning | значення |", "| --- | --- | --- |"]
    lines += [f"| {lab} | {LABEL_MEANINGS[lab].en} | {LABEL_MEANINGS[lab].uk} |" for lab in LABELS]
    lines += ["", "## Operators / Дії", "", "| operator | meaning | значення |"]
    lines.append("| --- | --- | --- |")
    lines += [f"| {op} | {m.en} | {m.uk} |" for op, m in OPERATOR_MEANINGS.items()]
    return "\n".join(lines) + "\n"


def _rules(profile: Profile) -> list[str]:
    return [f"  {label:<14} {profile.operator(label)}" for label in LABELS]


def readme_text(profile: Profile, facts: ReleaseFacts, documents: int) -> str:
    """README.txt in Ukrainian, then English."""
    rules = "\n".join(_rules(profile))
    return f"""\
РЕЛІЗ {facts.release_id} / RELEASE {facts.release_id}
================================================================

УКРАЇНСЬКОЮ
-----------
Це знеособлений набір даних про воєнні злочини, підготовлений організацією-документатором
програмою sestry {facts.sestry_version} ({facts.created_at}). Профіль: {profile.name}.
{profile.description}
Обсяг: {facts.scope_uk}; документів: {documents}.

Що приховано (мітка → дія; див. CODEBOOK.md):
{rules}
Мітки, яких профіль не називає, приховуються повністю.

Як перевірити, що файли не змінено (вам не потрібна sestry і довіра до нас):
  b3sum --check B3SUMS            кожен рядок має закінчуватися на OK
  sha256sum --check SHA256SUMS    те саме з SHA-256
  openssl pkeyutl -verify -pubin -inkey signing-key.pub.pem -rawin -in manifest.json \\
      -sigfile manifest.json.sig  має вивести "Signature Verified Successfully"
  b3sum signing-key.pub.pem       відбиток має збігатися з тим, який ви отримали ІНШИМ
                                  КАНАЛОМ (телефоном, особисто); якщо ні — не довіряйте релізу
  (або: sestry verify ТЕКА_РЕЛІЗУ --key ВІДБИТОК)

Як відкрити:
  Excel / LibreOffice: data/documents.xlsx (перелік документів із контрольними номерами),
      data/documents.csv і data/redaction_log.csv (UTF-8).
  pandas:  pandas.read_parquet("data/documents.parquet")
  DuckDB:  SELECT * FROM 'data/entities.parquet';
  Сторінки сканів: data/pages/<doc_id>/page-0001.png і data/pages/<doc_id>.pdf;
  звіт: data/report.uk.html (українською), data/report.html (англійською).
Контрольний номер (наприклад {control_number(facts.release_id, 1)}) позначає документ у
documents.csv/xlsx і в redaction_log.csv, а внизу кожної сторінки скану стоїть штамп
«контрольний номер · p. сторінка/усього». Чорний прямокутник на сторінці приховує те, що
написано на ньому білим: псевдонім (той самий, що в текстовій таблиці) або мітку ([LOC] тощо);
data/pages/<doc_id>/marks.json перелічує всі прямокутники кожної сторінки.

IN ENGLISH
----------
A redacted dataset about war crimes, prepared by the documenting organisation with sestry
{facts.sestry_version} ({facts.created_at}). Profile: {profile.name}.
{profile.description}
Scope: {facts.scope_en}; documents: {documents}.

What is hidden (label → operator; see CODEBOOK.md):
{rules}
Labels the profile does not name are redacted.

How to check that nothing was changed (you need neither sestry nor trust in us):
  b3sum --check B3SUMS            every line must end in OK
  sha256sum --check SHA256SUMS    the same with SHA-256
  openssl pkeyutl -verify -pubin -inkey signing-key.pub.pem -rawin -in manifest.json \\
      -sigfile manifest.json.sig  must print "Signature Verified Successfully"
  b3sum signing-key.pub.pem       must equal the key fingerprint you received through ANOTHER
                                  CHANNEL (phone, in person); if not, do not trust this release
  (or: sestry verify RELEASE_FOLDER --key FINGERPRINT)

How to open it:
  Excel / LibreOffice: data/documents.xlsx (the document index with control numbers),
      data/documents.csv and data/redaction_log.csv (UTF-8).
  pandas:  pandas.read_parquet("data/documents.parquet")
  DuckDB:  SELECT * FROM 'data/entities.parquet';
  Scanned pages: data/pages/<doc_id>/page-0001.png and data/pages/<doc_id>.pdf;
  report: data/report.html (English), data/report.uk.html (Ukrainian).
A control number (e.g. {control_number(facts.release_id, 1)}) names a document in
documents.csv/xlsx and in redaction_log.csv, and every scanned page carries a stamp below it:
"control number · p. page/pages". A black box on a page hides what is written on it in white:
the pseudonym (the same as in the text tables) or the label ([LOC] and so on);
data/pages/<doc_id>/marks.json lists every box on every page.
"""
