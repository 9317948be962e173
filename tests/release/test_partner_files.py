"""A release a lawyer opens without Python: README, codebook, index, redaction log, datapackage.

Real redaction, real validation and real signatures on a small synthetic dataset; the files are
checked as a partner would read them (csv, openpyxl, pyarrow) and for hidden values.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from openpyxl import load_workbook

from sestry.core.errors import ValidationFailed
from sestry.core.settings import Settings
from sestry.custody.keys import init_layout
from sestry.custody.release_verify import verify_release
from sestry.release.handoff_job import build_release
from sestry.release.partner_files import (
    DOCUMENTS_CSV,
    DOCUMENTS_XLSX,
    INDEX_COLUMNS,
    PARTNER_FILES,
    README,
    REDACTION_LOG,
    assert_no_leak,
    control_number,
)
from sestry.schemas.dataset import read_table
from tests.release_support import CANARY_NAMES, make_dataset

pytestmark = pytest.mark.nlp


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, Path]:
    settings = Settings.load(tmp_path_factory.mktemp("partner") / "data")
    init_layout(settings)
    make_dataset(settings.data_dir, 6, unconsented=2)
    outcome = build_release(settings, "research")
    return settings, Path(outcome.release_dir)


def _rows(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads Cyrillic UTF-8 only with the BOM
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_partner_files_are_inside_the_signed_payload(release: tuple[Settings, Path]) -> None:
    _, folder = release
    assert verify_release(folder).ok
    sums = (folder / "B3SUMS").read_text(encoding="utf-8")
    for name in PARTNER_FILES:
        assert (folder / "data" / name).is_file(), name
        assert f"data/{name}" in sums, name


def test_index_has_one_row_per_document_with_both_digests(
    release: tuple[Settings, Path],
) -> None:
    settings, folder = release
    rows = _rows(folder / "data" / DOCUMENTS_CSV)
    released = read_table(settings.dataset_dir, "documents").to_pylist()
    consented = sorted(d["doc_id"] for d in released if "research" in d["consent"])
    assert [r["doc_id"] for r in rows] == consented
    release_id = folder.name
    assert [r["control_number"] for r in rows] == [
        control_number(release_id, i) for i in range(1, len(rows) + 1)
    ]
    for row in rows:
        original = settings.vault_dir / "objects" / row["doc_id"][:2] / row["doc_id"]
        assert row["original_sha256"] == hashlib.sha256(original.read_bytes()).hexdigest()
    assert list(rows[0]) == [c[0] for c in INDEX_COLUMNS]


def test_xlsx_matches_the_csv(release: tuple[Settings, Path]) -> None:
    _, folder = release
    book = load_workbook(folder / "data" / DOCUMENTS_XLSX, read_only=True)
    sheet = book["documents"]
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    rows = _rows(folder / "data" / DOCUMENTS_CSV)
    assert values[0] == [c[0] for c in INDEX_COLUMNS]
    assert [v[0] for v in values[1:]] == [r["control_number"] for r in rows]
    assert [v[1] for v in values[1:]] == [r["doc_id"] for r in rows]


def test_redaction_log_names_rules_never_values(release: tuple[Settings, Path]) -> None:
    settings, folder = release
    log = _rows(folder / "data" / REDACTION_LOG)
    assert log
    assert {r["operator"] for r in log} <= {"pseudonym", "redact", "generalize"}
    assert all(r["reason"].startswith("profile research:") for r in log)
    hidden = {
        e["text"]
        for e in read_table(settings.dataset_dir, "entities").to_pylist()
        if e["label"] in ("PERSON", "PHONE")
    }
    for name in PARTNER_FILES:
        if name == DOCUMENTS_XLSX:
            continue
        text = (folder / "data" / name).read_text(encoding="utf-8-sig")
        assert not [h for h in hidden if h in text], name
        assert not [c for c in CANARY_NAMES if c in text], name


def test_readme_is_bilingual_and_never_prints_the_key(release: tuple[Settings, Path]) -> None:
    _, folder = release
    text = (folder / "data" / README).read_text(encoding="utf-8")
    assert "УКРАЇНСЬКОЮ" in text
    assert "IN ENGLISH" in text
    assert "b3sum --check B3SUMS" in text
    manifest = json.loads((folder / "manifest.json").read_bytes())
    assert manifest["signature"]["public_key_b3"] not in text  # the key comes by another channel
    assert "PERSON" in text


def test_parquet_columns_carry_their_description(release: tuple[Settings, Path]) -> None:
    _, folder = release
    for table in ("documents", "segments", "entities"):
        schema = pq.read_schema(folder / "data" / f"{table}.parquet")
        for field in schema:
            assert (field.metadata or {}).get(b"description"), (table, field.name)


def test_datapackage_describes_the_csv_headers(release: tuple[Settings, Path]) -> None:
    _, folder = release
    package = json.loads((folder / "data" / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        header = list(_rows(folder / "data" / resource["path"])[0])
        assert [f["name"] for f in resource["schema"]["fields"]] == header


def test_a_hidden_term_in_a_partner_file_stops_the_release(tmp_path: Path) -> None:
    (tmp_path / DOCUMENTS_CSV).write_text("case_id,note\nКоваленко,\n", encoding="utf-8")
    (tmp_path / REDACTION_LOG).write_text("label,reason\nPERSON,x\n", encoding="utf-8")
    def finder(text: str) -> list[str]:
        return ["hit"] if "Коваленко" in text or "case" in text else []

    with pytest.raises(ValidationFailed, match="documents.csv: a hidden term"):
        assert_no_leak(tmp_path, finder)
    (tmp_path / DOCUMENTS_CSV).write_text("case_id,note\nCASE-1A2B3C4D,\n", encoding="utf-8")
    assert_no_leak(tmp_path, lambda text: ["hit"] if "Коваленко" in text else [])


def test_a_log_reason_says_when_the_operator_applied_is_not_the_profiles() -> None:
    from sestry.redaction.profiles import load_profile
    from sestry.release.partner_files import _log_rows

    profile = load_profile("research")
    label = next(lab for lab in profile.labels if profile.operator(lab).kind == "generalize")
    doc = "a" * 64
    entities = [
        {"doc_id": doc, "start": 0, "end": 4, "label": label, "operator": "generalize"},
        {"doc_id": doc, "start": 9, "end": 14, "label": label, "operator": "redact"},
    ]
    rows = _log_rows(entities, [], {doc: "R-000001"}, profile)
    as_ruled, instead = (r["reason"] for r in rows)
    assert "applied" not in as_ruled
    assert "applied: redact" in instead
    assert "fail closed" in instead
