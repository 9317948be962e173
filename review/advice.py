"""Quarantine reasons in plain words, with what to do: for a documenter, not a programmer."""

from __future__ import annotations

from sestry.schemas.sidecar_problems import detail_words

__all__ = ["ADVICE", "detail_words", "explain"]

ADVICE: dict[str, tuple[str, str]] = {
    "invalid_sidecar": (
        "its metadata file (NAME.meta.json or manifest.csv row) could not be accepted",
        "write a corrected sidecar, run `sestry amend DIGEST --sidecar FILE`, then `sestry ingest`",
    ),
    "unsupported_format": (
        "sestry does not know how to read this kind of file",
        "convert it (PDF, TXT or WAV) and drop the copy in the inbox; the original stays safe",
    ),
    "encrypted": (
        "the file is password-protected",
        "ask the documenter for an unprotected copy and drop it in the inbox",
    ),
    "corrupt": (
        "the file is damaged or truncated",
        "ask for a fresh copy from the source device and drop it in the inbox",
    ),
    "empty": ("the file holds no content", "check the source; drop a complete copy in the inbox"),
    "too_large": (
        "the file is larger than sestry processes (page or pixel limit)",
        "split it into smaller files and drop those in the inbox",
    ),
    "no_text_layer": (
        "the PDF has no text and could not be read by OCR",
        "scan it again at 300 dpi and drop the new scan in the inbox",
    ),
    "ocr_failed": (
        "text recognition (OCR) failed on this scan",
        "check that it is a readable scan; rescan at 300 dpi if needed",
    ),
    "undecodable": (
        "the text is in an encoding sestry could not decode",
        "save it again as UTF-8 and drop it in the inbox",
    ),
    "extractor_error": (
        "the reader for this file type failed",
        "report the digest to the technical team; the original is safe in the vault",
    ),
    "internal_error": (
        "sestry itself failed on this file",
        "report the digest to the technical team; the original is safe in the vault",
    ),
}


def explain(reason: str | None) -> tuple[str, str]:
    """(what happened, what to do) for a reason code; unknown codes still get an answer."""
    return ADVICE.get(
        reason or "",
        (
            "it could not be processed (" + (reason or "unknown reason") + ")",
            "report the digest to the technical team; the original is safe in the vault",
        ),
    )
