"""The handoff flow: one run writes a verified release and records a `release` ledger event."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sestry.core.digest import b3_bytes, b3_file
from sestry.core.settings import Settings
from sestry.custody.keys import init_layout
from sestry.custody.ledger import Ledger
from sestry.custody.release_verify import verify_release
from sestry.flows.handoff import build_release_task, handoff_flow
from sestry.release.redact_job import redact_dataset
from tests.flows import samples
from tests.release_support import CANARY_NAMES, make_dataset

pytestmark = pytest.mark.nlp


@pytest.fixture
def ready(settings: Settings) -> Settings:
    init_layout(settings)
    make_dataset(settings.data_dir, 6, unconsented=1)
    return settings


def test_flow_writes_release_and_records_it(ready: Settings, tmp_path: Path) -> None:
    out = tmp_path / "release"
    state = handoff_flow(str(ready.data_dir), "research", str(out), return_state=True)
    assert state.is_completed()
    outcome = state.result()
    assert Path(outcome.release_dir) == out
    assert verify_release(out).ok
    events = list(Ledger(ready.ledger_path).events())
    event = events[-1]
    assert event["action"] == "release"
    assert events[-2]["action"] == "redact"  # no redaction existed: the redact subflow ran
    assert events[-2]["params"]["redaction_id"] == outcome.redaction_id
    assert event["subject"] == b3_bytes((out / "manifest.json").read_bytes())
    assert event["inputs"] == list(outcome.items)
    manifest = json.loads((out / "manifest.json").read_bytes())
    assert set(event["outputs"]) == {f["blake3"] for f in manifest["files"].values()}
    assert event["params"]["profile"] == "research"
    assert event["params"]["counts"]["documents"] == 6
    assert b3_file(out / "data" / "report.html") in event["outputs"]
    assert manifest["custody_ledger_head"] == event["prev"]


def test_flow_fails_writes_nothing_and_records_the_refusal(ready: Settings, tmp_path: Path) -> None:
    folder = Path(redact_dataset(ready, "prosecution").path)
    table = pq.read_table(folder / "segments.parquet")
    speakers = [CANARY_NAMES[0]] * table.num_rows  # the withheld survivor's name leaks
    index = table.schema.get_field_index("speaker")
    table = table.set_column(index, table.schema.field(index), pa.array(speakers, pa.string()))
    pq.write_table(table, folder / "segments.parquet")
    before = Ledger(ready.ledger_path).count()
    out = tmp_path / "release"
    state = handoff_flow(str(ready.data_dir), "prosecution", str(out), return_state=True)
    assert state.is_failed()
    assert not out.exists()
    events = list(Ledger(ready.ledger_path).events())
    assert len(events) == before + 1
    assert events[-1]["action"] == "release_refused"
    assert events[-1]["subject"] == folder.name
    assert events[-1]["params"] == {"profile": "prosecution", "reason": "validation_failed"}
    assert CANARY_NAMES[0] not in ready.ledger_path.read_text(encoding="utf-8")


def test_task_body_is_the_plain_function(ready: Settings, tmp_path: Path) -> None:
    outcome = build_release_task.fn(str(ready.data_dir), "prosecution", str(tmp_path / "r"))
    # Sealed but not published: the flow records the `release` event before the rename.
    assert not Path(outcome.release_dir).exists()
    assert verify_release(Path(str(outcome.stage_dir))).ok
    assert outcome.counts["excluded_no_consent"] == 1


def test_a_current_redaction_is_reused_without_a_new_redact_event(
    ready: Settings, tmp_path: Path
) -> None:
    first = redact_dataset(ready, "register")
    before = [e["action"] for e in Ledger(ready.ledger_path).events()]
    state = handoff_flow(str(ready.data_dir), "register", str(tmp_path / "r"), return_state=True)
    assert state.is_completed()
    assert state.result().redaction_id == first.redaction_id
    assert [e["action"] for e in Ledger(ready.ledger_path).events()] == [*before, "release"]


@pytest.mark.ocr
@pytest.mark.slow
def test_real_ingestion_then_handoff_with_a_scanned_page(settings: Settings) -> None:
    """Inbox (transcript + scan) → ingest flow → handoff flow (runs redact) → verified release."""
    import subprocess

    import bagit

    from sestry.flows.ingest import run_ingest

    init_layout(settings)
    case = settings.inbox / "case9"
    case.mkdir(parents=True)
    (case / "statement.txt").write_text(
        "Інтерв'юер: Що сталося?\n"
        "Богдана Ткачишин: Мене затримали в Ізюмі 24 березня 2022 року. "
        "Мій телефон +380 67 321 54 76.\n",
        encoding="utf-8",
    )
    meta = {"case_id": "UA-2022-0977", "consent": ["prosecution"], "language": "uk"}
    (case / "statement.txt.meta.json").write_text(json.dumps(meta))
    samples.render_scan(
        case / "protocol.png", ["Протокол допиту свідка", "Свідок Богдана Ткачишин з Ізюма"]
    )
    (case / "protocol.png.meta.json").write_text(json.dumps(meta))
    run_ingest(settings)

    out = settings.data_dir.parent / "to-partner"
    outcome = handoff_flow(str(settings.data_dir), "prosecution", str(out))
    assert len(outcome.items) == 2
    assert verify_release(out).ok
    pages = sorted(p.relative_to(out).as_posix() for p in (out / "data" / "pages").rglob("*"))
    scan_id = next(i for i in outcome.items if any(i in p for p in pages))
    assert f"data/pages/{scan_id}/page-0001.png" in pages
    assert f"data/pages/{scan_id}.pdf" in pages
    manifest = json.loads((out / "manifest.json").read_bytes())
    item = next(i for i in manifest["items"] if i["doc_id"] == scan_id)
    assert item["files"] == [
        f"data/pages/{scan_id}.pdf",
        f"data/pages/{scan_id}/marks.json",  # every box's rectangle and label, and the stamp
        f"data/pages/{scan_id}/page-0001.png",
    ]
    assert manifest["counts"]["pages"] == 1
    assert "Redacted page images" in (out / "data" / "report.html").read_text(encoding="utf-8")
    assert bagit.Bag(str(out)).validate()
    done = subprocess.run(["b3sum", "--check", "B3SUMS"], cwd=out, capture_output=True, timeout=60)
    assert done.returncode == 0
    blob = b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file())
    for secret in ("Ткачишин", "321 54 76"):  # case ids are kept by this profile
        assert secret.encode() not in blob
