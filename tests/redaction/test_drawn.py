"""What sestry draws on pages, and that re-OCR ignores exactly that (pure: no Tesseract)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from sestry.extractors.base import Word
from sestry.redaction.drawn import (
    FILL,
    PAPER,
    Drawn,
    check_image,
    drawn_of,
    fit_label,
    marks_json,
    page_marks,
    read_marks,
    short_label,
    stamp_of,
    without_drawn,
)
from sestry.redaction.image import Box, paint_drawn, plan_boxes


def _word(start: int, end: int, left: int, top: int = 10) -> Word:
    return Word(1, 0, start, end, left, top, 40, 20, 90.0)


def test_short_label_keeps_the_label_of_a_generalised_value() -> None:
    assert short_label("[LOC: Львівська обл.]") == "[LOC]"
    assert short_label("[CALLSIGN]") == "[CALLSIGN]"
    assert short_label("PERSON-1A2B3C4D") == "PERSON-1A2B3C4D"


def test_fit_label_shrinks_then_shortens_then_gives_up() -> None:
    big = fit_label("[PHONE]", 400, 60)
    small = fit_label("[PHONE]", 120, 30)
    assert big is not None
    assert small is not None
    assert big[0] == small[0] == "[PHONE]"
    assert big[1] > small[1]  # the font shrinks to the box
    assert fit_label("[LOC: Харківська обл.]", 90, 30) == ("[LOC]", fit_label("[LOC]", 90, 30)[1])
    assert fit_label("PERSON-1A2B3C4D", 20, 12) is None  # the box stays plain


def test_words_of_one_range_become_one_labelled_box_per_line() -> None:
    words = [
        {"start": 0, "end": 5, "page": 1, "left": 0, "top": 10, "width": 40, "height": 20},
        {"start": 6, "end": 11, "page": 1, "left": 50, "top": 10, "width": 40, "height": 20},
        {"start": 12, "end": 17, "page": 1, "left": 0, "top": 60, "width": 40, "height": 20},
        {"start": 20, "end": 25, "page": 1, "left": 100, "top": 60, "width": 40, "height": 20},
    ]
    plan = plan_boxes(words, [(0, 17), (20, 25)], labels=["PERSON-1A2B3C4D", "[CALLSIGN]"])
    assert plan.boxes[1] == [
        Box(0, 10, 90, 20, "PERSON-1A2B3C4D"),
        Box(0, 60, 40, 20, "PERSON-1A2B3C4D"),  # the name's second line: a box of its own
        Box(100, 60, 40, 20, "[CALLSIGN]"),
    ]


def test_two_labels_are_drawn_apart_and_boxes_are_opaque() -> None:
    page = Image.new("L", (600, 120), 230)
    boxes = [Box(20, 20, 250, 40, "PERSON-1A2B3C4D"), Box(320, 20, 200, 40, "[CALLSIGN]")]
    painted, drawn = paint_drawn(page, boxes)
    assert [d.text for d in drawn] == ["PERSON-1A2B3C4D", "[CALLSIGN]"]
    for box in drawn:
        inside = painted.crop((box.left, box.top, box.right, box.bottom))
        values = list(inside.tobytes())
        assert values.count(FILL) / len(values) > 0.6  # opaque
        assert max(values) > 200  # the label, white on black
    assert painted.crop((drawn[0].left, 20, drawn[0].left + 200, 60)).tobytes() != (
        painted.crop((drawn[1].left, 20, drawn[1].left + 200, 60)).tobytes()
    )


def test_check_image_whitens_only_boxes_exactly_as_drawn() -> None:
    page = Image.new("L", (600, 120), 230)
    boxes = [Box(20, 20, 250, 40, "PERSON-1A2B3C4D"), Box(320, 20, 200, 40, "[CALLSIGN]")]
    painted, drawn = paint_drawn(page, boxes)
    ImageDraw.Draw(painted).rectangle((drawn[1].left + 5, 30, drawn[1].left + 60, 50), fill=128)
    seen = check_image(painted, drawn)
    first = seen.crop((drawn[0].left, drawn[0].top, drawn[0].right, drawn[0].bottom))
    assert first.getextrema() == (PAPER, PAPER)  # as drawn: paper for the OCR
    second = (drawn[1].left, drawn[1].top, drawn[1].right, drawn[1].bottom)
    assert seen.crop(second).tobytes() == painted.crop(second).tobytes()  # tampered: read as is
    assert seen.getpixel((5, 5)) == 230  # outside the boxes nothing changes


def test_without_drawn_drops_label_words_inside_their_box_only() -> None:
    text = "PERS0N-1A2B3C4D Коваленко [CALLSIGN]"
    words = [_word(0, 15, 20), _word(16, 25, 30), _word(26, 36, 400)]
    box = Drawn(0, 0, 200, 50, "PERSON-1A2B3C4D")
    kept = without_drawn(text, words, [box])
    assert "Коваленко" in kept  # inside the box but not what was drawn: still checked
    assert "PERS0N" not in kept  # the label, misread, inside its box: ignored
    assert "[CALLSIGN]" in kept  # reads like a label but outside any box: checked
    scaled = without_drawn(text, [_word(0, 15, 40, 20)], [box], scale=2.0)
    assert "PERS0N" not in scaled  # a PDF rendered at twice the PNG's pixels


def test_marks_round_trip(tmp_path: Path) -> None:
    from sestry.core.durable import write_json

    drawn = [Drawn(1, 2, 30, 40, "[PHONE]"), Drawn(50, 2, 60, 40, "")]
    entry = page_marks((100, 80), drawn)
    entry["stamp"] = {"text": "R-000001 · p. 1/1", "top": 80}
    write_json(tmp_path / "marks.json", marks_json({1: entry}))
    read = read_marks(tmp_path / "marks.json")[1]
    assert drawn_of(read) == drawn
    assert stamp_of(read) == Drawn(0, 80, 100, 10**9, "R-000001 · p. 1/1")
    (tmp_path / "bad.json").write_text('{"format": "other"}')
    with pytest.raises(ValueError, match="marks"):
        read_marks(tmp_path / "bad.json")
