"""redact_dataset end to end on a synthetic internal dataset (no scans): consent, pseudonyms,
columns, re-identification table, validation, and planted leaks that must fail validation."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sestry.core.settings import Settings
from sestry.release.redact_job import redact_dataset, reidentification_path
from sestry.release.suites import validate_redaction
from tests.redaction.conftest import AddDocument, Ent, released_text

pytestmark = pytest.mark.nlp

NAME = "Олена Коваленко"
DOC1 = (
    "Мене звати Олена Коваленко. 24 лютого 2022 року мене затримали в Ізюмі. "
    "Телефон +380 67 123 45 67 забрали."
)
DOC2 = "Сусідка бачила Олену Коваленко біля комендатури в Ізюмі у березні 2022 року."
SECRET = "Таємниця Мирославська записала свідчення в Харкові."


def _ents1() -> list[Ent]:
    return [
        Ent(NAME, "PERSON", "олена коваленко"),
        Ent("24 лютого 2022", "DATE", "2022-02-24"),
        Ent("Ізюмі", "LOC", "ізюм", "UA63040090010029555", "UA63000000000041885"),
        Ent("+380 67 123 45 67", "PHONE", "+380671234567"),
    ]


def _ents2() -> list[Ent]:
    return [
        Ent("Олену Коваленко", "PERSON", "олена коваленко"),
        Ent("Ізюмі", "LOC", "ізюм", "UA63040090010029555", "UA63000000000041885"),
        Ent("березні 2022", "DATE", "2022-03"),
    ]


@pytest.fixture
def dataset(add_document: AddDocument) -> dict[str, str]:
    return {
        "one": add_document(DOC1, _ents1()),
        "two": add_document(DOC2, _ents2(), case_id="UA-2022-0002"),
        "secret": add_document(
            SECRET,
            [
                Ent("Таємниця Мирославська", "PERSON", "таємниця мирославська"),
                # left out, the residual pass finds the city in the research release and blocks it
                Ent("Харкові", "LOC", "харків", None, "UA63000000000041885"),
            ],
            consent=("research",),
        ),
    }


def _table(result_path: str, name: str) -> pa.Table:
    return pq.read_table(Path(result_path) / f"{name}.parquet")


def test_prosecution_release_pseudonymises_and_passes(
    ready: Settings, dataset: dict[str, str]
) -> None:
    result = redact_dataset(ready, "prosecution")
    assert result.passed, result.failed_checks
    docs = {r["doc_id"]: r for r in _table(result.path, "documents").to_pylist()}
    assert set(docs) == {dataset["one"], dataset["two"]}
    text1, text2 = docs[dataset["one"]]["text"], docs[dataset["two"]]["text"]
    pseudo1 = [w for w in text1.split() if w.startswith("PERSON-")]
    pseudo2 = [w for w in text2.split() if w.startswith("PERSON-")]
    assert pseudo1
    assert pseudo1[0].rstrip(".") == pseudo2[0]
    assert "Коваленко" not in text1 + text2
    assert "[PHONE]" in text1
    assert "Ізюмі" in text1  # prosecution keeps places
    assert "source_name" not in _table(result.path, "documents").column_names
    released = released_text(Path(result.path))
    assert docs[dataset["one"]]["case_id"] in released  # the decoding really shows the content
    for secret in ("Коваленко", "Kovalenko", "123 45 67", "Мирославськ", dataset["secret"]):
        assert secret not in released
    segments = _table(result.path, "segments").to_pylist()
    for segment in segments:
        assert segment["end"] == len(docs[segment["doc_id"]]["text"])  # remapped, not original
        assert segment["speaker"] == "S1"
    summary = json.loads((Path(result.path) / "redaction.json").read_text())
    assert summary["validation"]["passed"] is True
    assert summary["excluded_count"] == 1
    assert summary["counts"]["PERSON"]["pseudonym"] == 2


def test_pseudonyms_are_stable_across_runs(ready: Settings, dataset: dict[str, str]) -> None:
    first = redact_dataset(ready, "prosecution")
    second = redact_dataset(ready, "prosecution")
    assert first.redaction_id != second.redaction_id
    a = _table(first.path, "documents").column("text").to_pylist()
    b = _table(second.path, "documents").column("text").to_pylist()
    assert a == b


def test_reidentification_table_stays_inside_the_dataset(
    ready: Settings, dataset: dict[str, str]
) -> None:
    result = redact_dataset(ready, "prosecution")
    path = reidentification_path(ready)
    assert path.stat().st_mode & 0o777 == 0o600
    assert not str(path).startswith(result.path)
    rows = pq.read_table(path).to_pylist()
    assert {"label": "PERSON", "norm": "олена коваленко"} in [
        {"label": r["label"], "norm": r["norm"]} for r in rows
    ]
    folder = Path(result.path)
    assert not any("reidentification" in str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_research_generalises_and_redacts(ready: Settings, dataset: dict[str, str]) -> None:
    result = redact_dataset(ready, "research")
    assert result.passed, result.failed_checks
    docs = {r["doc_id"]: r for r in _table(result.path, "documents").to_pylist()}
    assert dataset["secret"] in docs  # research consent
    text1 = docs[dataset["one"]]["text"]
    assert "[PERSON]" in text1
    assert "PERSON-" not in text1
    assert "[LOC: Харківська обл.]" in text1
    assert "2022-02" in text1
    assert docs[dataset["one"]]["collected_at"] == "2022"
    assert docs[dataset["one"]]["case_id"].startswith("CASE-")
    entities = _table(result.path, "entities").to_pylist()
    assert {"text", "code", "oblast"}.isdisjoint(entities[0])
    for row in entities:
        if row["operator"] == "redact":
            assert row["norm"] is None


def test_unrecognised_repeat_of_a_name_is_swept(ready: Settings, add_document: AddDocument) -> None:
    add_document(DOC1, _ents1())
    doc = add_document("Потім Коваленко довго мовчала, а Олени вже не було.", [])
    result = redact_dataset(ready, "prosecution")
    assert result.passed, result.failed_checks
    texts = _table(result.path, "documents").column("text").to_pylist()
    joined = " ".join(texts)
    assert "Коваленко" not in joined
    assert "Олени" not in joined
    entities = [e for e in _table(result.path, "entities").to_pylist() if e["doc_id"] == doc]
    assert entities
    assert all(e["detector"] == "sweep" for e in entities)


def test_cases_filter(ready: Settings, dataset: dict[str, str]) -> None:
    result = redact_dataset(ready, "prosecution", cases=["UA-2022-0002"])
    assert result.doc_ids == (dataset["two"],)
    assert result.excluded_count == 0


def _plant(path: Path, column: str, value: str) -> None:
    table = pq.read_table(path)
    rows = table.to_pylist()
    rows[0][column] = value
    pq.write_table(pa.Table.from_pylist(rows, table.schema), path)


@pytest.mark.parametrize(
    ("table", "column", "value", "check"),
    [
        ("documents", "text", "Тут знову Олена Коваленко.", "documents.text.no_leak_terms"),
        ("documents", "text", "Її бачили з Оленою.", "documents.text.no_leak_terms"),
        ("entities", "replacement", "Коваленка", "entities.replacement.no_leak_terms"),
        ("segments", "speaker", "Коваленко", "segments.speaker.no_leak_terms"),
        ("documents", "text", "дзвоніть 067 765 43 21", "documents.text.no_identifier_patterns"),
        ("documents", "doc_id", "not-a-digest", "documents.doc_id_digest"),
    ],
)
def test_planted_leak_fails_validation_without_showing_it(
    ready: Settings, dataset: dict[str, str], table: str, column: str, value: str, check: str
) -> None:
    result = redact_dataset(ready, "prosecution")
    assert result.passed
    folder = Path(result.path)
    _plant(folder / f"{table}.parquet", column, value)
    report = validate_redaction(folder, ready)
    assert not report.passed
    failed = {r.check_id for r in report.failures()}
    assert check in failed
    shown = json.dumps(report.to_json(), ensure_ascii=False) + report.summary()
    for fragment in ("Коваленк", "Оленою", "765 43 21"):
        assert fragment not in shown
    where = next(r for r in report.failures() if r.check_id == check).where
    assert where
    assert "doc_id" in where[0]


@pytest.mark.parametrize("value", ["2013-01-01", "2099-01-01"])
def test_a_date_out_of_range_is_a_warning_not_a_block(
    ready: Settings, dataset: dict[str, str], value: str
) -> None:
    result = redact_dataset(ready, "prosecution")
    folder = Path(result.path)
    _plant(folder / "documents.parquet", "collected_at", value)
    report = validate_redaction(folder, ready)
    assert report.passed
    assert [r.check_id for r in report.warnings()] == ["documents.dates_in_range"]
    assert report.to_json()["warnings"] == ["documents.dates_in_range"]
    assert report.summary().startswith("WARNING documents.dates_in_range")


def test_low_ocr_confidence_is_a_warning_not_a_block(
    ready: Settings, dataset: dict[str, str]
) -> None:
    folder = Path(redact_dataset(ready, "prosecution").path)
    _plant(folder / "documents.parquet", "ocr_confidence", 20.0)  # type: ignore[arg-type]
    report = validate_redaction(folder, ready)
    assert report.passed
    assert [r.check_id for r in report.warnings()] == ["documents.ocr_confidence_not_low"]


def test_speaker_names_are_swept_but_roles_are_not(
    ready: Settings, add_document: AddDocument
) -> None:
    text = "Інтерв'юер: Що було далі?\nГнатюк: Мене вивезли.\nІнтерв'юер: Дякую, пані Гнатюк."
    first, second = text.index("Що"), text.index("Мене")
    add_document(
        text,
        [],
        segments=[
            (first, second - 1, "Інтерв'юер", None),
            (second, len(text), "Мирослава Гнатюк", None),
        ],
    )
    result = redact_dataset(ready, "prosecution")
    assert result.passed, result.failed_checks
    (released,) = _table(result.path, "documents").column("text").to_pylist()
    assert "Гнатюк" not in released
    assert released.count("Інтерв'юер") == 2
    speakers = _table(result.path, "segments").column("speaker").to_pylist()
    assert speakers == ["S1", "S2"]


def test_logs_carry_no_names_or_numbers(
    ready: Settings, dataset: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    import logging
    with caplog.at_level(logging.DEBUG):
        result = redact_dataset(ready, "research")
    assert result.passed
    assert caplog.records  # something was logged, and it is clean
    for fragment in ("Коваленк", "Олен", "Мирославськ", "123 45 67", "Ізюм"):
        assert fragment not in caplog.text


def test_deny_terms_from_a_local_profile_are_redacted_and_checked(
    ready: Settings, add_document: AddDocument
) -> None:
    folder = ready.data_dir / "profiles"
    folder.mkdir()
    source = (Path(__file__).parents[2] / "data" / "profiles" / "research.toml").read_text()
    (folder / "research.toml").write_text(
        source.replace("deny = []", 'deny = ["Сонечко"]'), encoding="utf-8"
    )
    add_document("Позивний Сонечко знали всі в підвалі.", [])
    result = redact_dataset(ready, "research")
    assert result.passed, result.failed_checks
    (text,) = _table(result.path, "documents").column("text").to_pylist()
    assert text == "Позивний [REDACTED] знали всі в підвалі."
    assert result.counts == {"DENY": {"redact": 1}}


def test_empty_selection_is_an_empty_valid_redaction(
    ready: Settings, dataset: dict[str, str]
) -> None:
    result = redact_dataset(ready, "prosecution", cases=["UA-0000-NONE"])
    assert result.passed
    assert result.doc_ids == ()
    assert _table(result.path, "documents").num_rows == 0


def test_inflected_unrecognised_place_is_generalised_too(
    ready: Settings, add_document: AddDocument
) -> None:
    add_document(DOC1, _ents1())
    add_document(
        "Повернулася до Ізюма лише восени; у Києві жила в сестри.",
        [
            Ent("Києві", "LOC", "київ", "UA80000000000093317"),
        ],
    )
    result = redact_dataset(ready, "research")
    assert result.passed, result.failed_checks
    texts = " ".join(_table(result.path, "documents").column("text").to_pylist())
    assert "Ізюм" not in texts
    assert "[LOC: Харківська обл.]" in texts
    assert "[LOC: Київ]" in texts  # a place already at the top level generalises to itself
