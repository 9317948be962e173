"""Handoff composition end to end: internal dataset → redaction → re-validation → sealed release.

Runs the real redaction, the real Great Expectations suites and real signatures on a small
synthetic dataset (with withheld, canary-named documents).
"""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sestry.core.errors import UsageError, ValidationFailed
from sestry.core.settings import Settings
from sestry.custody.keys import init_layout
from sestry.custody.release_verify import verify_release
from sestry.redaction.profiles import BUNDLED_PROFILES
from sestry.release.handoff_job import build_release, newest_passed_redaction
from sestry.release.redact_job import redact_dataset
from sestry.schemas.dataset import read_table
from tests.release_support import CANARY_NAMES, make_dataset

pytestmark = pytest.mark.nlp  # the redaction's leak terms use pymorphy3


@pytest.fixture
def ready(settings: Settings) -> Settings:
    init_layout(settings)
    make_dataset(settings.data_dir, 9, unconsented=2)
    return settings


def _all_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def test_release_is_verified_and_holds_only_consented_items(ready: Settings) -> None:
    outcome = build_release(ready, "prosecution")
    release = Path(outcome.release_dir)
    assert release.parent == ready.releases_dir
    assert verify_release(release).ok
    docs = read_table(ready.dataset_dir, "documents").to_pylist()
    consented = sorted(d["doc_id"] for d in docs if "prosecution" in d["consent"])
    manifest = json.loads((release / "manifest.json").read_bytes())
    assert [i["doc_id"] for i in manifest["items"]] == consented == list(outcome.items)
    assert manifest["counts"]["excluded_no_consent"] == 2
    assert manifest["validation"]["passed"] is True
    validation = json.loads((release / "data" / "validation.json").read_bytes())
    assert validation["passed"] is True
    assert len(validation["results"]) > 20
    blob = _all_bytes(release)
    assert not any(name.encode() in blob for name in CANARY_NAMES)


def test_report_and_manifest_hold_no_entity_values(ready: Settings) -> None:
    release = Path(build_release(ready, "prosecution").release_dir)
    report = (release / "data" / "report.html").read_text(encoding="utf-8")
    report_uk = (release / "data" / "report.uk.html").read_text(encoding="utf-8")
    manifest = (release / "manifest.json").read_text(encoding="utf-8")
    values = {e["text"] for e in read_table(ready.dataset_dir, "entities").to_pylist()}
    for value in values:
        assert value not in report
        assert value not in report_uk
        assert value not in manifest
    assert "Dates mentioned in the texts" in report  # prosecution keeps DATE
    assert '<html lang="uk">' in report_uk
    assert "Дати, згадані в текстах" in report_uk
    # one definition of payload files: the report's count is the manifest's (both reports in it)
    payload = len(json.loads(manifest)["files"])
    assert f'Payload files (the data/ folder, with both reports)</th><td class="n">{payload}<' in (
        report
    )


def test_timeline_is_left_out_when_the_profile_redacts_dates(ready: Settings) -> None:
    source = Path(__file__).resolve().parents[2] / "data" / "profiles" / "prosecution.toml"
    text = source.read_text(encoding="utf-8").replace('name = "prosecution"', 'name = "nodates"')
    text = text.replace('DATE = "keep"', 'DATE = "redact"')
    (ready.data_dir / "profiles").mkdir()
    (ready.data_dir / "profiles" / "nodates.toml").write_text(text, encoding="utf-8")
    make_dataset(ready.data_dir, 3, consent=("prosecution",), seed=99)
    release = Path(build_release(ready, "nodates").release_dir)
    report = (release / "data" / "report.html").read_text(encoding="utf-8")
    assert "Dates mentioned in the texts" not in report
    assert "DATE" in report


def test_a_leak_found_on_revalidation_writes_nothing(ready: Settings, tmp_path: Path) -> None:
    result = redact_dataset(ready, "prosecution")
    assert result.passed
    folder = Path(result.path)
    table = pq.read_table(folder / "documents.parquet")
    texts = table.column("text").to_pylist()
    texts[0] = texts[0] + " " + CANARY_NAMES[0]  # a redaction bug after validation
    index = table.schema.get_field_index("text")
    table = table.set_column(index, table.schema.field(index), pa.array(texts, pa.large_string()))
    pq.write_table(table, folder / "documents.parquet")
    assert newest_passed_redaction(ready, "prosecution") == folder  # it still says "passed"
    out = tmp_path / "out" / "release"
    with pytest.raises(ValidationFailed) as info:
        build_release(ready, "prosecution", out)
    assert CANARY_NAMES[0] not in str(info.value)
    message = str(info.value)  # says what failed, where, and what to do
    assert "documents.text.no_leak_terms" in message
    assert table.column("doc_id")[0].as_py()[:16] in message
    assert "sestry show DIGEST" in message
    assert not out.exists()
    assert list(out.parent.iterdir()) == []  # no staging folder left behind


def test_a_1998_event_and_a_birth_year_release_with_a_quality_warning(
    ready: Settings, tmp_path: Path
) -> None:
    from tests.redaction.conftest import Ent, make_adder

    text = "Я живу там з 1998 року. Народилася у 1984 році."
    make_adder(ready)(
        text,
        [Ent("1998", "DATE", "1998"), Ent("1984", "DOB", "1984")],
        consent=("prosecution",),
    )
    profile = ready.data_dir / "profiles" / "prosecution.toml"
    profile.parent.mkdir(exist_ok=True)
    source = (BUNDLED_PROFILES / "prosecution.toml").read_text(encoding="utf-8")
    profile.write_text(source.replace('DOB = "redact"', 'DOB = "generalize:year"'), "utf-8")
    out = tmp_path / "release"
    build_release(ready, "prosecution", out)
    assert verify_release(out).ok
    validation = json.loads((out / "data" / "validation.json").read_text(encoding="utf-8"))
    assert validation["passed"] is True
    assert validation["warnings"] == ["entities.dates_in_range"]
    report = (out / "data" / "report.html").read_text(encoding="utf-8")
    assert "Quality warnings" in report


def test_withdrawn_consent_forces_a_fresh_redaction(ready: Settings) -> None:
    first = redact_dataset(ready, "prosecution")
    withdrawn = first.doc_ids[0]
    from sestry.schemas.dataset import write_document
    from sestry.schemas.tables import TABLES

    tables = {n: read_table(ready.dataset_dir, n, [withdrawn]) for n in TABLES}
    table = tables["documents"]
    index = table.schema.get_field_index("consent")
    tables["documents"] = table.set_column(
        index, table.schema.field(index), pa.array([[]], pa.list_(pa.string()))
    )
    write_document(ready.dataset_dir, withdrawn, tables)  # as `sestry amend` rewrites it
    outcome = build_release(ready, "prosecution")
    assert withdrawn not in outcome.items
    assert outcome.redaction_id != first.redaction_id
    assert len(outcome.items) == len(first.doc_ids) - 1


def test_taken_destination_is_refused_before_any_work(ready: Settings, tmp_path: Path) -> None:
    out = tmp_path / "taken"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    with pytest.raises(UsageError, match="not empty"):
        build_release(ready, "prosecution", out)
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]
    assert not (ready.redactions_dir / "prosecution").exists()


def test_a_re_extracted_document_forces_a_fresh_redaction(ready: Settings) -> None:
    from sestry.schemas.dataset import write_document

    first = redact_dataset(ready, "prosecution")
    doc_id = first.doc_ids[0]
    tables = {
        name: read_table(ready.dataset_dir, name, [doc_id])
        for name in ("documents", "segments", "entities")
    }
    write_document(ready.dataset_dir, doc_id, tables)  # same rows, written again (--reprocess)
    outcome = build_release(ready, "prosecution")
    assert outcome.redaction_id != first.redaction_id
    assert outcome.items == first.doc_ids


def test_an_unchanged_dataset_reuses_the_validated_redaction(ready: Settings) -> None:
    first = redact_dataset(ready, "prosecution")
    outcome = build_release(ready, "prosecution")
    assert outcome.redaction_id == first.redaction_id


def test_plain_handoff_after_a_case_redaction_releases_every_document(ready: Settings) -> None:
    """A `redact --case X` leaves a narrower passed redaction; a plain handoff must not reuse it."""
    docs = read_table(ready.dataset_dir, "documents").to_pylist()
    consented = sorted(d["doc_id"] for d in docs if "prosecution" in d["consent"])
    one_case = next(d["case_id"] for d in docs if d["doc_id"] in consented)
    narrow = redact_dataset(ready, "prosecution", [one_case])
    assert narrow.passed
    assert 0 < len(narrow.doc_ids) < len(consented)
    release = Path(build_release(ready, "prosecution").release_dir)
    manifest = json.loads((release / "manifest.json").read_bytes())
    assert [i["doc_id"] for i in manifest["items"]] == consented
    assert manifest["scope"] == {"documents": "all", "consent": "prosecution"}


def test_case_handoff_releases_that_case_and_says_so(ready: Settings) -> None:
    docs = read_table(ready.dataset_dir, "documents").to_pylist()
    one_case = next(d["case_id"] for d in docs if "prosecution" in d["consent"])
    wanted = sorted(
        d["doc_id"] for d in docs if d["case_id"] == one_case and "prosecution" in d["consent"]
    )
    release = Path(build_release(ready, "prosecution", cases=[one_case]).release_dir)
    manifest = json.loads((release / "manifest.json").read_bytes())
    assert [i["doc_id"] for i in manifest["items"]] == wanted
    assert manifest["scope"]["documents"] == "cases"
    assert manifest["scope"]["cases"] == 1
    assert one_case not in (release / "manifest.json").read_text(encoding="utf-8")
    report = (release / "data" / "report.html").read_text(encoding="utf-8")
    assert "scope: documents of 1 case(s)" in report
