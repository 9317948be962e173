"""Validation suites: residual patterns, dates, consent, metadata, unreadable input; reports
that name the check and the row but never the content."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from PIL import Image, PngImagePlugin

from sestry.core.settings import Settings
from sestry.custody.keys import init_layout
from sestry.release.checks import to_date
from sestry.release.redact_job import redact_dataset
from sestry.release.suites import RESIDUAL, CheckResult, ValidationReport, validate_redaction
from tests.redaction.conftest import AddDocument, Ent, make_adder

TEXT = "Свідок Олена Коваленко: у Бучі 3 березня 2022 року."
ENTS = [
    Ent("Олена Коваленко", "PERSON", "олена коваленко"),
    Ent("3 березня 2022", "DATE", "2022-03-03"),
]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("пишіть на olena.k@example.org", "email"),
        ("тел. +380 (67) 123-45-67", "phone_ua"),
        ("тел. 067 123 45 67", "phone_ua"),
        ("звонить +7 912 345 67 89", "phone_ru"),
        ("call +44 20 7946 0958", "phone_intl"),
        ("паспорт КВ 123456", "passport_ua"),
        ("ID-картка 001234567", "id_card_ua"),
        ("РНОКПП 3012345678", "tax_or_passport_10"),
        ("паспорт 45 12 345678", "tax_or_passport_10"),
        ("ИНН 771234567890", "inn_ru"),
        ("номер АА 1234 ВВ", "plate_ua"),
    ],
)
def test_residual_patterns_find_identifiers(text: str, name: str) -> None:
    assert re.search(RESIDUAL[name], text)


@pytest.mark.parametrize(
    "text",
    [
        "PERSON-AB1234CD і PERSON-12345678",
        "CASE-0A1B2C3D",
        "24.02.2022 о 14:30, у 2022-03",
        "військова частина 12345",
        "[PHONE] і [EMAIL]",
        "UA63040090000021240",
    ],
)
def test_residual_patterns_leave_released_forms_alone(text: str) -> None:
    assert not any(re.search(p, text) for p in RESIDUAL.values())


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-03-05", "2022-03-05"),
        ("2022-03", "2022-03-01"),
        ("2022", "2022-01-01"),
        ("2022-13-01", None),
        ("весна", None),
        (None, None),
    ],
)
def test_to_date(value: str | None, expected: str | None) -> None:
    assert to_date(value) == expected


def test_report_json_and_raise() -> None:
    report = ValidationReport(
        False,
        (
            CheckResult(
                "documents.text.no_leak_terms",
                "expect_x",
                "documents",
                "_leak_text",
                False,
                2,
                ("row 0 doc_id abc",),
            ),
        ),
    )
    assert json.loads(json.dumps(report.to_json()))["results"][0]["unexpected_count"] == 2
    assert "FAILED documents.text.no_leak_terms" in report.summary()
    assert [r.check_id for r in report.failures()] == ["documents.text.no_leak_terms"]
    assert ValidationReport(True, ()).failures() == []


@pytest.fixture
def ready(settings: Settings) -> Settings:
    init_layout(settings)
    return settings


@pytest.fixture
def add_document(ready: Settings) -> AddDocument:
    return make_adder(ready)


@pytest.fixture
def released(ready: Settings, add_document: AddDocument) -> tuple[Path, str]:
    add_document(TEXT, ENTS)
    withheld = add_document(
        "Ніна Бойко розповіла.", [Ent("Ніна Бойко", "PERSON", "ніна бойко")], consent=("research",)
    )
    result = redact_dataset(ready, "prosecution")
    assert result.passed, result.failed_checks
    return Path(result.path), withheld


pytestmark = pytest.mark.nlp


def test_missing_summary_fails_closed(ready: Settings, released: tuple[Path, str]) -> None:
    folder, _ = released
    (folder / "redaction.json").unlink()
    report = validate_redaction(folder, ready)
    assert not report.passed
    assert report.results[0].check_id == "summary_readable"


def test_unconsented_row_planted_in_documents_fails(
    ready: Settings, released: tuple[Path, str]
) -> None:
    folder, withheld = released
    path = folder / "documents.parquet"
    table = pq.read_table(path)
    rows = table.to_pylist()
    rows.append({**rows[0], "doc_id": withheld, "text": "нейтральний текст"})
    pq.write_table(pa.Table.from_pylist(rows, table.schema), path)
    failed = {r.check_id for r in validate_redaction(folder, ready).failures()}
    assert {"documents.consent_scope", "documents.doc_in_summary"} <= failed


def test_page_with_metadata_or_of_another_document_fails(
    ready: Settings, released: tuple[Path, str]
) -> None:
    folder, withheld = released
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "someone")
    page_dir = folder / "pages" / withheld
    page_dir.mkdir(parents=True)
    Image.new("L", (200, 80), 255).save(page_dir / "page-0001.png", pnginfo=info)
    report = validate_redaction(folder, ready)
    failed = {r.check_id for r in report.failures()}
    assert {"pages.no_metadata", "pages.consent_scope", "pages.doc_in_summary"} <= failed


def test_schema_change_and_profile_change_fail(ready: Settings, released: tuple[Path, str]) -> None:
    folder, _ = released
    path = folder / "segments.parquet"
    table = pq.read_table(path)
    pq.write_table(table.append_column("source_name", pa.array(["x"] * table.num_rows)), path)
    profiles = ready.data_dir / "profiles"
    profiles.mkdir()
    shutil.copy(Path(__file__).parents[2] / "data" / "profiles" / "prosecution.toml", profiles)
    with (profiles / "prosecution.toml").open("a") as sink:
        sink.write("\n# edited\n")
    failed = {r.check_id for r in validate_redaction(folder, ready).failures()}
    assert {"segments.arrow_schema", "segments.columns", "profile_unchanged"} <= failed


def test_entity_offsets_must_match_replacements(
    ready: Settings, released: tuple[Path, str]
) -> None:
    folder, _ = released
    path = folder / "entities.parquet"
    table = pq.read_table(path)
    rows = table.to_pylist()
    rows[0]["start"] += 1
    pq.write_table(pa.Table.from_pylist(rows, table.schema), path)
    failed = {r.check_id for r in validate_redaction(folder, ready).failures()}
    assert "entities.replacement_at_offsets" in failed
