"""The redact flow and `sestry redact` for real: Prefect, Parquet, GE, ledger; exit 0 / 1 / 2."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from sestry.commands import redact as command
from sestry.core.digest import b3_file
from sestry.core.settings import Settings
from sestry.custody.keys import init_layout
from sestry.custody.ledger import Ledger
from sestry.flows.redact import redact_flow
from tests.flows import samples
from tests.redaction.conftest import AddDocument, Ent, make_adder, released_text

pytestmark = pytest.mark.nlp

TEXT = "Свідчення: Олена Коваленко бачила затриманих у Бучі 3 березня 2022 року."
ENTS = [
    Ent("Олена Коваленко", "PERSON", "олена коваленко"),
    Ent("3 березня 2022", "DATE", "2022-03-03"),
]


@pytest.fixture
def ready(settings: Settings) -> Settings:
    init_layout(settings)
    return settings


@pytest.fixture
def add_document(ready: Settings) -> AddDocument:
    return make_adder(ready)


def test_flow_writes_redaction_and_one_ledger_event(
    ready: Settings,
    add_document: AddDocument,
) -> None:
    kept = add_document(TEXT, ENTS)
    add_document("Ніна Бойко, без згоди.", [Ent("Ніна Бойко", "PERSON", "ніна бойко")], consent=())
    before = Ledger(ready.ledger_path).count()
    state = redact_flow(data_dir=str(ready.data_dir), profile="register", return_state=True)
    assert state.is_completed()
    result = state.result()
    assert result.passed
    assert result.doc_ids == (kept,)
    assert result.excluded_count == 1
    events = list(Ledger(ready.ledger_path).events())
    assert len(events) == before + 1
    event = events[-1]
    assert event["action"] == "redact"
    assert event["inputs"] == [kept]
    assert event["params"]["validation_passed"] is True
    assert event["subject"] == result.outputs["redaction.json"]
    raw = ready.ledger_path.read_text(encoding="utf-8")
    assert "Коваленко" not in raw
    assert "Бойко" not in raw


def test_a_missed_phone_is_hidden_by_the_residual_pass(
    ready: Settings, add_document: AddDocument
) -> None:
    add_document(TEXT + " Її номер 067 765 43 21 ніхто не розпізнав.", ENTS)
    assert command.run(ready, profile="prosecution") == 0
    folder = next((ready.redactions_dir / "prosecution").iterdir())
    (text,) = pq.read_table(folder / "documents.parquet").column("text").to_pylist()
    assert "765 43 21" not in text
    assert "[PHONE]" in text


def test_command_exit_1_names_check_document_and_what_to_do(
    ready: Settings,
    add_document: AddDocument,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # the fixture's file name holds "Kovalenko"; prosecution releases case ids as they are
    doc_id = add_document(TEXT, ENTS, case_id="UA-2022-Kovalenko")
    assert command.run(ready, profile="prosecution") == 1
    out = capsys.readouterr().out
    assert "VALIDATION FAILED" in out
    assert "documents.case_id.no_known_identifiers" in out
    assert doc_id[:16] in out
    assert "sestry show DIGEST" in out
    assert "sestry review" in out
    assert "Kovalenko" not in out
    folder = next((ready.redactions_dir / "prosecution").iterdir())
    summary = json.loads((folder / "redaction.json").read_text())
    assert summary["validation"]["passed"] is False
    assert "Kovalenko" not in (folder / "validation.json").read_text()


def test_command_exit_0(ready: Settings, add_document: AddDocument) -> None:
    add_document(TEXT, ENTS)
    assert command.run(ready, profile="research") == 0


@pytest.mark.parametrize(
    ("profile", "line"),
    [("bad_label.toml", "line 7"), ("bad_action.toml", "line 5"), ("bad_level.toml", "line 7")],
)
def test_cli_bad_profile_is_exit_2_naming_the_line(
    ready: Settings,
    sestry_cmd: list[str],
    subprocess_env: dict[str, str],
    profile: str,
    line: str,
) -> None:
    path = Path(__file__).parents[1] / "redaction" / "data" / profile
    proc = subprocess.run(
        [*sestry_cmd, "redact", "--profile", str(path), "--data", str(ready.data_dir)],
        capture_output=True,
        text=True,
        env=subprocess_env,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 2
    assert line in proc.stderr
    assert "ProfileError" in proc.stderr


@pytest.mark.ocr
def test_real_ingestion_then_redaction(ready: Settings) -> None:
    """Inbox → ingest flow (real extractors and recognizers) → redact flow → nothing leaks."""
    import pyarrow.parquet as pq
    from PIL import Image

    from sestry.extractors.ocr import ocr_image
    from sestry.flows.ingest import run_ingest

    case = ready.inbox / "case7"
    case.mkdir(parents=True)
    (case / "interview.txt").write_text(
        "Інтерв'юер: Розкажіть, що сталося.\n"
        "Олена Коваленко: Мене затримали в Ізюмі 24 березня 2022 року. Допитував мене "
        "Петро Сидоренко. Мій телефон +380 67 123 45 67.\n",
        encoding="utf-8",
    )
    meta = {"case_id": "UA-2022-0412", "consent": ["prosecution"], "language": "uk"}
    (case / "interview.txt.meta.json").write_text(json.dumps(meta))
    samples.render_scan(
        case / "scan.png",
        ["Протокол допиту свідка", "Свідок Олена Коваленко з Ізюма", "Телефон 067 123 45 67"],
    )
    (case / "scan.png.meta.json").write_text(json.dumps(meta))
    (case / "other.txt").write_text("Марія Гнатюк не дала згоди.\n", encoding="utf-8")
    (case / "other.txt.meta.json").write_text(json.dumps({**meta, "consent": ["research"]}))
    withheld = b3_file(case / "other.txt")
    run_ingest(ready)

    result = redact_flow(data_dir=str(ready.data_dir), profile="prosecution")
    assert result.passed, result.failed_checks
    assert len(result.doc_ids) == 2
    assert result.excluded_count == 1
    assert result.pages == 1
    folder = Path(result.path)
    texts = pq.read_table(folder / "documents.parquet").column("text").to_pylist()
    pseudonyms = {w.strip(".:") for t in texts for w in t.split() if w.startswith("PERSON-")}
    assert len(pseudonyms) == 2  # Олена (in both documents) and Петро
    (page,) = (folder / "pages").glob("*/page-0001.png")
    with Image.open(page) as image:
        page_text = ocr_image(image, ready.ocr_languages)[0]
    released = " ".join(texts) + page_text
    for secret in ("Коваленко", "Сидоренко", "123 45 67", "Гнатюк"):
        assert secret not in released
    assert "Протокол" in page_text
    everything = released_text(folder)
    assert withheld not in everything
    assert "Гнатюк" not in everything
    assert "Коваленко" not in everything


@pytest.mark.ocr
@pytest.mark.slow
def test_two_page_scanned_pdf_is_boxed_on_the_right_pages(ready: Settings, tmp_path: Path) -> None:
    """An image-only PDF: OCR at ingest, names on page 2 only, boxes land on page 2."""
    import pyarrow.parquet as pq
    from PIL import Image

    from sestry.extractors.ocr import ocr_image
    from sestry.flows.ingest import run_ingest

    pages = []
    for lines in (
        ["Протокол огляду місця подій", "Складено у присутності понятих"],
        ["Понятий Степан Мельничук підписав", "Понятий Василь Гордієнко відмовився"],
    ):
        samples.render_scan(tmp_path / "p.png", lines)
        with Image.open(tmp_path / "p.png") as image:
            pages.append(image.convert("RGB"))
    case = ready.inbox / "case9"
    case.mkdir(parents=True)
    pages[0].save(case / "scan.pdf", save_all=True, append_images=pages[1:], resolution=300)
    meta = {"case_id": "UA-2022-0999", "consent": ["research"], "language": "uk"}
    (case / "scan.pdf.meta.json").write_text(json.dumps(meta))
    run_ingest(ready)

    result = redact_flow(data_dir=str(ready.data_dir), profile="research")
    assert result.passed, result.failed_checks
    assert result.pages == 2
    folder = Path(result.path)
    (doc_id,) = result.doc_ids
    from sestry.redaction.drawn import MARKS_FILE, check_image, drawn_of, read_marks

    marks = read_marks(folder / "pages" / doc_id / MARKS_FILE)
    assert [box[4] for box in marks[2]["boxes"]] == ["[PERSON]", "[PERSON]"]  # labelled, page 2
    texts, checked = [], []
    for number in (1, 2):
        with Image.open(folder / "pages" / doc_id / f"page-{number:04d}.png") as image:
            texts.append(ocr_image(image, ready.ocr_languages)[0])
            seen = check_image(image, drawn_of(marks[number]))
            checked.append(ocr_image(seen, ready.ocr_languages)[0])
    assert "Протокол" in texts[0]
    # What the leak checks read (boxes as drawn turned to paper): the words around the boxes.
    # Tesseract may misread a word touching a black box on the page itself (docs/redaction.md).
    assert "підписав" in checked[1]
    for secret in ("Мельничук", "Гордієнко", "Степан", "Василь"):
        assert secret not in "".join(texts + checked)
    (text,) = pq.read_table(folder / "documents.parquet").column("text").to_pylist()
    assert "[PERSON]" in text
    assert "Мельничук" not in text


@pytest.mark.ocr
def test_text_layer_pdf_is_boxed_from_its_own_word_boxes(ready: Settings) -> None:
    """A born-digital PDF: words come from the text layer; the rendered page is boxed, and no
    text layer survives in the released PDF (it is rebuilt from pixels)."""
    import pyarrow.parquet as pq
    from fpdf import FPDF
    from PIL import Image

    from sestry.extractors.ocr import ocr_image
    from sestry.flows.ingest import run_ingest

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", fname="/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    pdf.set_font("DejaVu", size=16)
    pdf.add_page()
    for line in (
        "Довідка про затримання",
        "Затримано громадянку Ганну Ткачук",
        "Документ видано в Херсоні",
    ):
        pdf.cell(0, 12, line, new_x="LMARGIN", new_y="NEXT")
    case = ready.inbox / "case8"
    case.mkdir(parents=True)
    pdf.output(str(case / "certificate.pdf"))
    meta = {"case_id": "UA-2022-0777", "consent": ["register"], "language": "uk"}
    (case / "certificate.pdf.meta.json").write_text(json.dumps(meta))
    run_ingest(ready)

    result = redact_flow(data_dir=str(ready.data_dir), profile="register")
    assert result.passed, result.failed_checks
    assert result.pages == 1
    folder = Path(result.path)
    (doc_id,) = result.doc_ids
    with Image.open(folder / "pages" / doc_id / "page-0001.png") as image:
        page_text = ocr_image(image, ready.ocr_languages)[0]
    assert "Довідка" in page_text
    assert "Ткачук" not in page_text
    assert "Ганну" not in page_text
    released_pdf = (folder / "pages" / f"{doc_id}.pdf").read_bytes()
    assert b"/Font" not in released_pdf  # pixels only: no text layer to copy names out of
    (text,) = pq.read_table(folder / "documents.parquet").column("text").to_pylist()
    assert "Ткачук" not in text


def test_command_exit_2_up_front_when_scans_need_missing_language_data(
    ready: Settings, add_document: AddDocument
) -> None:
    from sestry.core.errors import MissingDependency

    add_document("Скан.", [], kind="scan", media_type="image/png", pages=1, method="ocr")
    broken = Settings.load(ready.data_dir, ocr_languages="ukr+zzz")
    with pytest.raises(MissingDependency, match="zzz") as caught:
        command.run(broken, profile="research")
    assert caught.value.exit_code == 2
    assert not (ready.redactions_dir / "research").exists()
