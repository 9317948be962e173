"""Blank fill-in rules and specks: pure on synthetic TSV rows and pages, and through tesseract."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw, ImageFont

from sestry.extractors.ocr import ocr_image
from sestry.extractors.ocr_rules import tidy
from tools.synth_scan import font_path

COLUMNS = ("level", "block_num", "par_num", "line_num", "word_num")


def _tsv(words: list[tuple[str, tuple[int, int, int, int]]], line: int = 1) -> dict[str, list]:
    """TSV columns for words on one line: (text, (left, top, width, height))."""
    data: dict[str, list] = {k: [] for k in (*COLUMNS, "left", "top", "width", "height")}
    data["conf"], data["text"] = [], []
    for n, (text, (left, top, width, height)) in enumerate(words, 1):
        for key, value in zip(COLUMNS, (5, 1, 1, line, n), strict=True):
            data[key].append(value)
        for key, value in zip(
            ("left", "top", "width", "height"), (left, top, width, height), strict=True
        ):
            data[key].append(value)
        data["conf"].append(95)
        data["text"].append(text)
    return data


def _page(rules: list[tuple[int, int, int, int]]) -> Image.Image:
    """A white page with black rectangles (left, top, right, bottom)."""
    page = Image.new("L", (1200, 200), 255)
    draw = ImageDraw.Draw(page)
    for box in rules:
        draw.rectangle(box, fill=0)
    return page


def test_a_thin_run_between_words_becomes_underscores() -> None:
    words = [("Signed", (100, 50, 120, 40)), ("O.", (400, 50, 40, 40))]
    page = _page([(240, 92, 370, 93)])  # 131 px long, 2 px thick, just under the baseline
    out = tidy(_tsv(words), page)
    assert out["text"][0] == "Signed"
    assert set(out["text"][1]) == {"_"}
    assert 6 <= len(out["text"][1]) <= 9  # 131 px over 0.85 x the line's pitch (20 px a char)
    assert out["text"][2] == "O."
    assert out["conf"][1] == -1  # measured, not read: no confidence
    assert out["left"][1] == 240


def test_a_rule_after_the_last_word_is_kept_and_marks_on_it_dropped() -> None:
    words = [("Signature:", (100, 50, 200, 40)), ("|", (360, 60, 3, 40))]
    page = _page([(310, 92, 450, 93)])
    out = tidy(_tsv(words), page)
    assert out["text"][0] == "Signature:"
    assert len(out["text"]) == 2
    assert set(out["text"][1]) == {"_"}


def test_underscores_glued_to_a_word_are_cut_off() -> None:
    words = [("physician", (100, 50, 180, 40)), ("_V.", (400, 50, 50, 40))]
    page = _page([(290, 92, 402, 93)])
    out = tidy(_tsv(words), page)
    assert out["text"][-1] == "V."
    assert set(out["text"][1]) == {"_"}


@pytest.mark.parametrize(
    "ink",
    [
        [],  # an empty gap
        [(240, 92, 260, 93)],  # a dash, not a blank: shorter than two line heights
        [(240, 70, 370, 93)],  # a filled bar, too thick for a typed blank
        [(240, 92, 370, 93), (250, 60, 260, 90), (300, 60, 330, 90)],  # letters above it
    ],
)
def test_what_is_not_a_blank_stays_out(ink: list[tuple[int, int, int, int]]) -> None:
    words = [("Signed", (100, 50, 120, 40)), ("O.", (400, 50, 40, 40))]
    out = tidy(_tsv(words), _page(ink))
    assert out["text"] == ["Signed", "O."]


def test_a_table_rule_under_the_words_is_not_a_blank() -> None:
    words = [("Name", (100, 50, 90, 40)), ("Date", (600, 50, 80, 40))]
    page = _page([(80, 96, 900, 97)])  # one rule under the whole row, gap included
    out = tidy(_tsv(words), page)
    assert out["text"] == ["Name", "Date"]


def test_specks_read_as_marks_are_dropped_and_small_words_kept() -> None:
    words = [
        ("was", (100, 50, 60, 40)),
        ("|", (200, 60, 2, 2)),  # a 2 x 2 speck
        ("‚", (240, 60, 3, 3)),
        ("-", (300, 70, 12, 3)),  # a hyphen: as wide as a third of the line height, kept
        ("a", (340, 60, 20, 30)),
    ]
    out = tidy(_tsv(words), _page([]))
    assert out["text"] == ["was", "-", "a"]


def test_rows_without_words_pass_through() -> None:
    data = _tsv([])
    assert tidy(data, _page([])) == data


@pytest.mark.ocr
@pytest.mark.parametrize(
    ("line", "lang"),
    [
        ("Начальник отдела ________ Э. Ю. Кравцова", "rus+ukr+eng"),
        ("Підпис заявника ______ О. М. Ковальчук", "ukr+rus+eng"),
        ("Attending physician ________ V. Kuzhel", "eng+ukr+rus"),
    ],
)
def test_tesseract_pages_keep_their_signature_blanks(line: str, lang: str, cer) -> None:
    font = ImageFont.truetype(str(font_path("serif")), 33)  # 12 pt at 200 dpi
    page = Image.new("L", (1500, 200), 255)
    ImageDraw.Draw(page).text((60, 70), line, font=font, fill=0)
    text, words, _ = ocr_image(page, lang)
    assert "___" in text
    assert cer(line, text) <= 0.05
    blank = next(w for w in words if text[w.start : w.end].startswith("_"))
    assert blank.confidence is None
