"""Labelled boxes, Bates stamps and the cached re-OCR, on a real scan through real Tesseract.

One synthetic page names a witness (pseudonymised) and a phone (redacted): the released page must
show two different labels, the release stamps it with the control number of documents.csv,
validation at handoff OCRs nothing again (a real counter of tesseract runs), and a name planted
anywhere (page, inside a box, in the stamp band) still fails.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from PIL import Image, ImageDraw, ImageFont

from sestry.core.settings import Settings
from sestry.custody.vault import Vault
from sestry.extractors.ocr_cache import RUNS
from sestry.redaction.drawn import MARKS_FILE, read_marks
from sestry.release.handoff_job import build_release
from sestry.release.page_stamp import band_height, pdf_from, stamp_pages, stamp_text
from sestry.release.redact_job import redact_dataset
from sestry.release.suites import validate_redaction
from tests.redaction.conftest import AddDocument, Ent

pytestmark = [pytest.mark.ocr, pytest.mark.nlp]

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
LINES = (
    "Протокол допиту свідка",
    "Свідок Олена Коваленко мешкала в Ізюмі",
    "Телефон свідка 067 123 45 67",
)


@pytest.fixture
def redacted(ready: Settings, add_document: AddDocument, tmp_path: Path) -> tuple[Path, str]:
    from tests.redaction.test_image import _add_scan, _scan

    png = _scan(tmp_path / "scan.png", LINES, background=235)  # a grey scan
    entities = [
        Ent("Олена Коваленко", "PERSON", "олена коваленко"),
        Ent("067 123 45 67", "PHONE", "+380671234567"),
    ]
    doc_id, text = _add_scan(
        add_document, png, entities, doc_id=Vault(ready.vault_dir).put(png).digest
    )
    assert "Коваленко" in text, "the synthetic scan must OCR cleanly"
    assert "123 45 67" in text
    result = redact_dataset(ready, "prosecution", original_path=lambda _d: png)
    assert result.passed, result.failed_checks
    return Path(result.path), doc_id


def _draw(path: Path, xy: tuple[int, int], text: str, under: tuple[int, ...] = ()) -> None:
    """Draw `text` in black on the page, on a white patch `under` if given."""
    with Image.open(path) as image:
        page = image.copy()
    draw = ImageDraw.Draw(page)
    if under:
        draw.rectangle(under, fill=255)
    draw.text(xy, text, fill=0, font=ImageFont.truetype(FONT, 44))
    page.save(path)


def _failed(folder: Path, settings: Settings) -> set[str]:
    return {r.check_id for r in validate_redaction(folder, settings).failures()}


def test_boxes_are_opaque_and_labelled_as_the_text_table(redacted: tuple[Path, str]) -> None:
    folder, doc_id = redacted
    boxes = read_marks(folder / "pages" / doc_id / MARKS_FILE)[1]["boxes"]
    labels = {label for *_rect, label in boxes}
    released = {r["replacement"] for r in pq.read_table(folder / "entities.parquet").to_pylist()}
    person = next(r for r in released if r.startswith("PERSON-"))
    assert labels == {person, "[PHONE]"}  # a prosecutor tells the witness from the phone
    with Image.open(folder / "pages" / doc_id / "page-0001.png") as image:
        gray = image.convert("L")
        for left, top, right, bottom, _label in boxes:
            inside = gray.crop((left, top, right, bottom))
            dark = sum(1 for v in inside.tobytes() if v < 60) / (inside.width * inside.height)
            assert dark > 0.6  # opaque, high contrast on the grey scan (white label text aside)


def test_validation_again_ocrs_nothing_and_a_changed_page_is_ocred(
    redacted: tuple[Path, str], ready: Settings
) -> None:
    folder, doc_id = redacted
    before = RUNS.count
    assert not _failed(folder, ready)
    assert RUNS.count == before  # PNG from the cache, PDF byte-identical to its PNG rebuild
    page = folder / "pages" / doc_id / "page-0001.png"
    _draw(page, (1500, 20), ".")
    _failed(folder, ready)
    assert RUNS.count == before + 2  # the changed PNG, and the PDF no longer its rebuild


def test_handoff_stamps_every_page_and_ocrs_nothing(
    redacted: tuple[Path, str], ready: Settings, tmp_path: Path
) -> None:
    folder, doc_id = redacted
    with Image.open(folder / "pages" / doc_id / "page-0001.png") as image:
        size = image.size
    before = RUNS.count
    outcome = build_release(ready, "prosecution", tmp_path / "rel", redaction_dir=folder)
    assert RUNS.count == before  # re-validation at handoff took every OCR from the cache
    data = Path(outcome.release_dir) / "data"
    with (data / "documents.csv").open(encoding="utf-8-sig") as handle:
        row = next(r for r in csv.DictReader(handle) if r["doc_id"] == doc_id)
    marks = read_marks(data / "pages" / doc_id / MARKS_FILE)[1]
    assert marks["stamp"]["text"] == stamp_text(row["control_number"], 1, 1)
    page = data / "pages" / doc_id / "page-0001.png"
    with Image.open(page) as image:
        assert image.size == (size[0], size[1] + band_height(size[0]))  # added, covers nothing
    assert (data / "pages" / f"{doc_id}.pdf").read_bytes() == pdf_from([page])  # PDF stamped too


@pytest.mark.parametrize("where", ["page", "box", "band"])
def test_a_name_planted_on_a_stamped_labelled_page_fails(
    redacted: tuple[Path, str], ready: Settings, tmp_path: Path, where: str
) -> None:
    folder, doc_id = redacted
    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    stamp_pages(copy / "pages", {doc_id: "prosecution-20261129T000000Z-abcdef-000001"})
    assert not _failed(copy, ready)  # stamped and labelled, as released: passes
    page = copy / "pages" / doc_id / "page-0001.png"
    marks = read_marks(page.parent / MARKS_FILE)[1]
    under: tuple[int, ...] = ()
    if where == "box":  # the phone's box no longer as drawn: a name readable where it was
        *under, _label = next(b for b in marks["boxes"] if b[4] == "[PHONE]")
        xy = (under[0] + 4, under[1] - 4)
    elif where == "band":
        xy = (20, marks["stamp"]["top"] - 6)
    else:
        xy = (60, 60 + 90 * len(LINES) - 30)
    _draw(page, xy, "Коваленко", tuple(under))
    assert "pages.ocr.no_leak_terms" in _failed(copy, ready)
