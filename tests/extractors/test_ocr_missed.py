"""Lines tesseract's layout left out: found from the ink, read again, put back in order."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw, ImageFont, ImageOps

from sestry.extractors import ocr
from sestry.extractors.ocr_missed import band_confidence, merge_band, missed_bands
from tools.synth_scan import font_path

LINES = (
    "Довідка видана Ковальчук Олені Петрівні",
    "у тому, що вона звернулася до лікарні",
    "Лікар Мельник О. П.",
)


def _page() -> Image.Image:
    """Three lines of 12 pt text at 200 dpi, a blank line apart."""
    font = ImageFont.truetype(str(font_path("sans")), 33)
    page = Image.new("L", (1400, 420), 255)
    draw = ImageDraw.Draw(page)
    for n, line in enumerate(LINES):
        draw.text((60, 60 + 110 * n), line, font=font, fill=0)
    return page


def _tsv(words: list[tuple[int, int, str, tuple[int, int, int, int]]]) -> dict[str, list]:
    """TSV columns: (block, line, text, (left, top, width, height)) per word."""
    keys = ("level", "block_num", "par_num", "line_num", "word_num", "left", "top", "width")
    data: dict[str, list] = {k: [] for k in (*keys, "height", "conf", "text")}
    for n, (block, line, text, (left, top, width, height)) in enumerate(words, 1):
        row = (5, block, 1, line, n, left, top, width, height, 95, text)
        for key, value in zip((*keys, "height", "conf", "text"), row, strict=True):
            data[key].append(value)
    return data


def test_ink_no_word_covers_is_a_band() -> None:
    page = _page()
    known = _tsv([(1, 1, "Довідка", (60, 62, 150, 32)), (2, 1, "Лікар", (60, 282, 100, 32))])
    bands = missed_bands(known, page)
    assert len(bands) == 1
    top, bottom = bands[0]
    box = ImageOps.invert(page.crop((0, 140, 1400, 260))).getbbox()
    assert box is not None
    assert top < 140 + box[1]  # the middle line's ink, padded
    assert 140 + box[3] < bottom
    assert bottom - top < 80


def test_rules_and_specks_are_not_bands() -> None:
    page = Image.new("L", (1400, 300), 255)
    draw = ImageDraw.Draw(page)
    draw.rectangle((60, 150, 1300, 152), fill=0)  # a table rule: 3 rows
    draw.rectangle((700, 200, 702, 202), fill=0)  # a speck
    draw.text((60, 40), "Words", font=ImageFont.truetype(str(font_path("sans")), 33), fill=0)
    assert missed_bands(_tsv([(1, 1, "Words", (60, 42, 110, 32))]), page) == []


def test_no_words_no_bands() -> None:
    assert missed_bands(_tsv([]), _page()) == []


def test_a_band_goes_in_before_the_first_word_below_it() -> None:
    known = _tsv([(1, 1, "first", (60, 60, 80, 30)), (2, 1, "third", (60, 280, 80, 30))])
    band = _tsv([(1, 1, "second", (60, 10, 90, 30))])
    merged = merge_band(known, band, 160)
    assert merged["text"] == ["first", "second", "third"]
    assert merged["top"][1] == 170  # in the page's rows
    assert merged["block_num"][1] == 3  # a block of its own: a paragraph in the text
    assert merge_band(known, _tsv([]), 160) == known


def test_band_confidence_is_the_mean_over_words() -> None:
    band = _tsv([(1, 1, "a", (0, 0, 1, 1)), (1, 1, "b", (0, 0, 1, 1))])
    band["conf"] = [90, 50]
    assert band_confidence(band) == 70
    assert band_confidence(_tsv([])) == 0


@pytest.mark.ocr
def test_a_line_left_out_is_read_again_by_tesseract(cer) -> None:
    """tesseract's own TSV of the page with the middle line's words removed, as its layout
    analysis sometimes loses a line: the re-read puts the line back between the other two."""
    with ocr.prepared(_page(), straighten=False) as ready:
        full = ocr.parse_tsv(ocr._run_tesseract(ready.path, "ukr+rus+eng", 1))
        keep = [i for i, top in enumerate(full["top"]) if not 150 < top < 230]
        lost = {k: [v[i] for i in keep] for k, v in full.items()}
        back = ocr._reread_missed(ready, lost, "ukr+rus+eng", 1)
        assert ocr._reread_missed(ready, full, "ukr+rus+eng", 1) == full  # nothing missed
    page = ocr.assemble_tsv(back, 1, 1400, 420)
    assert cer("\n".join(LINES), page.text) <= 0.03
    assert page.text.index("тому") < page.text.index("Мельник")


def test_a_redaction_bar_is_not_a_band() -> None:
    """A redacted line (a black bar no word covers) is not read again: it is mostly ink."""
    page = _page()
    ImageDraw.Draw(page).rectangle((55, 160, 900, 215), fill=0)
    known = _tsv([(1, 1, "Довідка", (60, 62, 150, 32)), (2, 1, "Лікар", (60, 282, 100, 32))])
    assert missed_bands(known, page) == []
