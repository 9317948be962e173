"""OCR through real Tesseract, the TSV assembly, and the process-wide tesseract limiter."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from PIL import Image

from sestry.core.errors import OcrFailed
from sestry.extractors import ocr
from sestry.extractors.ocr import assemble_tsv, join_pages, map_pages, ocr_image

from .conftest import EXPECTED


@pytest.mark.ocr
def test_ocr_image_reads_the_clean_sample(samples: Path, cer) -> None:
    image = Image.open(samples / "scan_uk_clean.png")
    text, words, confidence = ocr_image(image, "ukr+rus+eng")
    for sentence in EXPECTED["scan_uk_clean.png"]["sentences"]:
        assert cer(sentence, text) <= 0.02
    assert confidence is not None
    assert confidence > 80
    for word in words:
        token = text[word.start : word.end]
        assert token
        assert token == token.strip()
        assert word.page == 1
        assert word.left >= 0
        assert word.left + word.width <= image.width
        assert word.top >= 0
        assert word.top + word.height <= image.height
    assert [w.index for w in words] == list(range(len(words)))


@pytest.mark.ocr
def test_ocr_boxes_cover_ink(samples: Path) -> None:
    image = Image.open(samples / "scan_uk_clean.png").convert("L")
    _, words, _ = ocr_image(image, "ukr+rus+eng")
    for word in words[:20]:
        crop = image.crop((word.left, word.top, word.left + word.width, word.top + word.height))
        assert crop.getextrema()[0] < 128  # dark pixels inside every word box


@pytest.mark.ocr
def test_unknown_language_is_ocr_failed(samples: Path) -> None:
    image = Image.open(samples / "scan_uk_clean.png")
    with pytest.raises(OcrFailed) as info:
        ocr_image(image, "xxx")
    assert info.value.reason == "ocr_failed"


@pytest.mark.ocr
def test_blank_page_gives_no_words() -> None:
    text, words, confidence = ocr_image(Image.new("L", (600, 400), 255), "eng")
    assert (text, words, confidence) == ("", [], None)


@pytest.mark.ocr
def test_tesseract_runs_single_threaded_on_a_private_page_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A wrapper records the environment tesseract is started with, then runs the real one."""
    import shutil

    import pytesseract.pytesseract as impl

    seen = tmp_path / "env.txt"
    wrapper = tmp_path / "tesseract"
    folder_mode = tmp_path / "mode.txt"
    wrapper.write_text(
        f'#!/bin/sh\nenv > {seen}\necho "$1" > {folder_mode}\n'
        f'stat -c %a "$(dirname "$1")" >> {folder_mode}\necho "$2" >> {folder_mode}\n'
        f'exec {shutil.which("tesseract")} "$@"\n'
    )
    wrapper.chmod(0o755)
    monkeypatch.setattr(impl, "tesseract_cmd", str(wrapper))
    before = os.environ.get("OMP_THREAD_LIMIT")
    text, _, _ = ocr_image(Image.new("L", (200, 100), 255), "eng")
    assert text == ""
    assert "OMP_THREAD_LIMIT=1" in seen.read_text().splitlines()
    assert os.environ.get("OMP_THREAD_LIMIT") == before
    page_file, mode, output = folder_mode.read_text().split()
    assert mode == "700"  # the page image sits in a private folder...
    assert not Path(page_file).exists()  # ...removed after OCR
    assert output == "stdout"  # the TSV (the page's text) is never written to a file


@pytest.mark.ocr
def test_parse_tsv_gives_what_pytesseract_gave(samples: Path) -> None:
    """The TSV columns match pytesseract's DICT output (its own parser, the reference) on
    real tesseract output and on a last row whose empty text strip() removed."""
    import shutil
    import subprocess

    from pytesseract.pytesseract import file_to_dict

    tsv = subprocess.run(
        [shutil.which("tesseract"), str(samples / "scan_uk_clean.png"), "stdout", "-l", "ukr"]
        + ["-c", "tessedit_create_tsv=1"],
        capture_output=True,
        check=True,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},
    ).stdout.decode("utf-8")
    parsed = ocr.parse_tsv(tsv)
    assert parsed == file_to_dict(tsv, "\t", -1)
    assert isinstance(parsed["conf"][-1], int)
    assert any(parsed["text"])
    cut = "level\tconf\ttext\n4\t-1\t\n5\t96.7\tTak\n4\t-1\t\n"
    assert ocr.parse_tsv(cut) == {"level": [4, 5, 4], "conf": [-1, 96, -1], "text": ["", "Tak", ""]}
    with pytest.raises(OcrFailed):
        ocr.parse_tsv("")


def _tsv(rows: list[tuple[int, int, int, int, str, float]]) -> dict[str, list]:
    data: dict[str, list] = {
        k: [] for k in ("level", "block_num", "par_num", "line_num", "text", "conf", "left", "top")
    }
    data["width"], data["height"] = [], []
    for n, (block, par, line, level, text, conf) in enumerate(rows):
        for key, value in zip(
            ("block_num", "par_num", "line_num", "level", "text", "conf"),
            (block, par, line, level, text, conf),
            strict=True,
        ):
            data[key].append(value)
        data["left"].append(10 * n)
        data["top"].append(5)
        data["width"].append(8)
        data["height"].append(4)
    return data


def test_assemble_tsv_builds_lines_paragraphs_and_offsets() -> None:
    data = _tsv(
        [
            (1, 1, 1, 4, "", -1),
            (1, 1, 1, 5, "Мене", 96),
            (1, 1, 1, 5, "забрали", 90),
            (1, 1, 2, 5, "вночі.", 80),
            (1, 2, 1, 5, "  ", 95),
            (2, 1, 1, 5, "Q:", -1),
        ]
    )
    page = assemble_tsv(data, page=3, width=100, height=50)
    assert page.text == "Мене забрали\nвночі.\n\nQ:"
    assert [page.text[w.start : w.end] for w in page.words] == ["Мене", "забрали", "вночі.", "Q:"]
    assert [page.text[s.start : s.end] for s in page.segments] == ["Мене забрали\nвночі.", "Q:"]
    assert page.confidence == pytest.approx((96 + 90 + 80) / 3)
    assert page.words[-1].confidence is None
    assert all(w.page == 3 for w in page.words)


def test_join_pages_shifts_offsets_and_renumbers() -> None:
    one = assemble_tsv(_tsv([(1, 1, 1, 5, "перша", 90)]), 1, 10, 10)
    two = assemble_tsv(_tsv([(1, 1, 1, 5, "друга", 90), (1, 1, 1, 5, "сторінка", 90)]), 2, 10, 10)
    text, words, segments = join_pages([one, two])
    assert text == "перша\fдруга сторінка"
    assert [text[w.start : w.end] for w in words] == ["перша", "друга", "сторінка"]
    assert [w.index for w in words] == [0, 1, 2]
    assert [(s.page, text[s.start : s.end]) for s in segments] == [
        (1, "перша"),
        (2, "друга сторінка"),
    ]


def test_limiter_caps_concurrency_across_callers() -> None:
    limiter = ocr._Limiter(2)
    active = peak = 0
    lock = threading.Lock()

    def work() -> None:
        nonlocal active, peak
        with limiter:
            with lock:
                active += 1
                peak = max(peak, active)
            time.sleep(0.02)
            with lock:
                active -= 1

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert peak == 2


def test_map_pages_keeps_page_order_and_passes_numbers() -> None:
    def fake(number: int, image: object) -> ocr.PageText:
        time.sleep(0.01 * (5 - number))  # later pages finish first
        return ocr.PageText(str(number), (), (), None, 1, 1)

    pages = map_pages(fake, ((n, None) for n in range(1, 6)), workers=3)
    assert [p.text for p in pages] == ["1", "2", "3", "4", "5"]
