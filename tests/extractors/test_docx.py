"""Word documents: paragraphs and table cells, speakers, damaged packages, zip bombs."""

from __future__ import annotations

from pathlib import Path

import pytest

from sestry.core.errors import CorruptItem, TooLarge
from sestry.extractors import docx as docx_mod

from .conftest import EXPECTED

DOCX = sorted(n for n in EXPECTED if n.endswith(".docx") and EXPECTED[n].get("reason") is None)


@pytest.mark.parametrize("name", DOCX)
def test_docx_sample(run, samples: Path, name: str) -> None:
    exp = EXPECTED[name]
    result = run(samples / name)
    assert (result.kind, result.method) == ("document", "transcript")
    assert result.attempts == ("docx@1",)
    for sentence in exp["sentences"]:
        assert sentence in result.text
    assert sorted({s.speaker for s in result.segments if s.speaker}) == exp["speakers"]


def test_docx_keeps_title_and_table_cells(run, samples: Path) -> None:
    result = run(samples / "interview_uk.docx")
    lines = result.text.split("\n")
    assert lines[:5] == ["Протокол інтерв'ю", "ID", "INT-UK-0412", "Lang", "uk"]
    assert len(result.segments) == 5 + 8


def test_corrupt_docx(run, samples: Path) -> None:
    with pytest.raises(CorruptItem) as info:
        run(samples / "bad" / "corrupt.docx")
    assert info.value.reason == "corrupt"


def test_docx_expanding_past_the_limit_is_too_large(
    run, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(docx_mod, "MAX_UNCOMPRESSED", 10_000)
    with pytest.raises(TooLarge):
        run(samples / "interview_uk.docx")


def test_docx_with_a_bad_crc_is_corrupt(run, samples: Path, tmp_path: Path) -> None:
    data = bytearray((samples / "interview_uk.docx").read_bytes())
    marker = data.find(b"word/document.xml") + len("word/document.xml") + 40
    data[marker] ^= 0xFF  # flip a byte inside the compressed document part
    path = tmp_path / "flipped.docx"
    path.write_bytes(bytes(data))
    with pytest.raises(CorruptItem):
        run(path)


def test_pictures_in_a_docx_are_counted_not_read(run, tmp_path: Path) -> None:
    import io

    import docx
    from PIL import Image

    document = docx.Document()
    document.add_paragraph("Свідок: Ось фото документа.")
    picture = io.BytesIO()
    Image.new("L", (60, 40), 255).save(picture, format="PNG")
    picture.seek(0)
    document.add_picture(picture)
    path = tmp_path / "with_picture.docx"
    document.save(str(path))
    result = run(path)
    assert "embedded_images:1" in result.notes
    assert result.text == "Свідок: Ось фото документа."


def test_docx_without_pictures_has_no_image_note(run, samples: Path) -> None:
    assert not any(
        n.startswith("embedded_images") for n in run(samples / "interview_ru.docx").notes
    )
