"""Assemble a document text piece by piece so every offset is exact after NFC.

Each piece is NFC-normalised before it is appended, so offsets recorded while building index the
final text. Builders join pieces with separators (space, newline), after which NFC cannot
compose across the join, so the whole text is NFC too (`text()` checks it).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from sestry.core.errors import EmptyItem


class TextBuilder:
    """Append NFC pieces; get back (start, end) of each in the final text."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0

    def __len__(self) -> int:
        return self._length

    def add(self, piece: str) -> tuple[int, int]:
        """Append `piece` (NFC-normalised); return its offsets."""
        piece = unicodedata.normalize("NFC", piece)
        start = self._length
        self._parts.append(piece)
        self._length += len(piece)
        return start, self._length

    def text(self) -> str:
        """The text built so far; ValueError if a join without a separator broke NFC."""
        text = "".join(self._parts)
        if not unicodedata.is_normalized("NFC", text):
            raise ValueError("pieces joined without a separator broke NFC")
        return text


def read_nonempty(path: Path) -> bytes:
    """Read all bytes; raise EmptyItem when there are none."""
    data = path.read_bytes()
    if not data:
        raise EmptyItem("zero bytes")
    return data


def require_text(text: str, what: str) -> None:
    """Raise EmptyItem when only white space was found: never return empty text silently."""
    if not text.strip():
        raise EmptyItem(f"no text in {what}")
