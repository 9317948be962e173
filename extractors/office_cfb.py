"""OLE compound files: a password-protected Word file (or a legacy .doc) is not readable text.

An encrypted .docx is stored as a compound file with "EncryptionInfo" and "EncryptedPackage"
streams: that is EncryptedItem (quarantined as "encrypted", so someone can ask for the password).
Any other compound file (legacy .doc/.xls) is UnsupportedFormat: convert it to .docx.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from sestry.core.errors import EncryptedItem, UnsupportedFormat
from sestry.extractors import sniff
from sestry.extractors.base import Extraction, Extractor, ItemInfo
from sestry.extractors.textbuild import read_nonempty

# Directory entry names are UTF-16LE in a compound file.
ENCRYPTION_STREAMS = tuple(n.encode("utf-16-le") for n in ("EncryptionInfo", "EncryptedPackage"))


class OfficeCompoundFile(Extractor):
    """Refuses compound files with the right reason; never returns text."""

    name: ClassVar[str] = "office_cfb"
    version: ClassVar[str] = "1"
    media_types: ClassVar[frozenset[str]] = frozenset({sniff.CFB})
    score: ClassVar[int] = 10

    def extract(self, path: Path, item: ItemInfo) -> Extraction:
        """Raise EncryptedItem for a password-protected Office file, else UnsupportedFormat."""
        data = read_nonempty(path)
        if all(name in data for name in ENCRYPTION_STREAMS):
            raise EncryptedItem("Office file needs a password")
        raise UnsupportedFormat("legacy Office compound file: convert to .docx")
