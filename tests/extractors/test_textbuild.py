"""TextBuilder: offsets stay exact after NFC; empty input is refused."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from sestry.core.errors import EmptyItem
from sestry.extractors.textbuild import TextBuilder, read_nonempty, require_text


def test_offsets_index_the_nfc_text() -> None:
    out = TextBuilder()
    decomposed = unicodedata.normalize("NFD", "Йосип")
    assert len(decomposed) == 6
    start, end = out.add(decomposed)
    out.add(" ")
    start2, end2 = out.add("Їжа")
    text = out.text()
    assert (text[start:end], text[start2:end2]) == ("Йосип", "Їжа")
    assert unicodedata.is_normalized("NFC", text)


def test_a_join_that_breaks_nfc_is_refused() -> None:
    out = TextBuilder()
    out.add("И")
    out.add("\u0306")  # a combining breve glued to the previous piece would compose to "Й"
    with pytest.raises(ValueError, match="NFC"):
        out.text()


def test_empty_inputs(tmp_path: Path) -> None:
    path = tmp_path / "x"
    path.write_bytes(b"")
    with pytest.raises(EmptyItem):
        read_nonempty(path)
    with pytest.raises(EmptyItem):
        require_text(" \n\f", "pdf")
