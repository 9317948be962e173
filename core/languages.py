"""The languages sestry reads, defined once: text languages and their Tesseract data."""

from __future__ import annotations

LANGUAGES: tuple[str, ...] = ("uk", "ru", "en")
"""Text languages (ISO 639-1) the entity pipeline, sidecars and the command line accept."""

MIXED = "mixed"
"""A document whose sentence runs are in more than one language."""

DOCUMENT_LANGUAGES: frozenset[str] = frozenset({*LANGUAGES, MIXED})
"""What `documents.language` may hold."""

TESSERACT_CODES: dict[str, str] = {"uk": "ukr", "ru": "rus", "en": "eng"}
"""Tesseract traineddata name of each text language."""

OCR_LANGUAGES = "+".join(TESSERACT_CODES[lang] for lang in LANGUAGES)
"""The default Tesseract language string: every language, Ukrainian first."""
