"""Quarantine reasons in plain words, with what to do: for a documenter, not a programmer."""

from __future__ import annotations

from sestry.core.i18n import N_
from sestry.schemas.sidecar_problems import detail_words

__all__ = ["ADVICE", "detail_words", "explain"]

ADVICE: dict[str, tuple[str, str]] = {
    "invalid_sidecar": (
        N_("its metadata file (NAME.meta.json or manifest.csv row) could not be accepted"),
        N_(
            "write a corrected sidecar, run `sestry amend DIGEST --sidecar FILE`, "
            "then `sestry ingest`"
        ),
    ),
    "unsupported_format": (
        N_("sestry does not know how to read this kind of file"),
        N_("convert it (PDF, TXT or WAV) and drop the copy in the inbox; the original stays safe"),
    ),
    "encrypted": (
        N_("the file is password-protected"),
        N_("ask the documenter for an unprotected copy and drop it in the inbox"),
    ),
    "corrupt": (
        N_("the file is damaged or truncated"),
        N_("ask for a fresh copy from the source device and drop it in the inbox"),
    ),
    "empty": (
        N_("the file holds no content"),
        N_("check the source; drop a complete copy in the inbox"),
    ),
    "too_large": (
        N_("the file is larger than sestry processes (page or pixel limit)"),
        N_("split it into smaller files and drop those in the inbox"),
    ),
    "no_text_layer": (
        N_("the PDF has no text and could not be read by OCR"),
        N_("scan it again at 300 dpi and drop the new scan in the inbox"),
    ),
    "ocr_failed": (
        N_("text recognition (OCR) failed on this scan"),
        N_("check that it is a readable scan; rescan at 300 dpi if needed"),
    ),
    "undecodable": (
        N_("the text is in an encoding sestry could not decode"),
        N_("save it again as UTF-8 and drop it in the inbox"),
    ),
    "extractor_error": (
        N_("the reader for this file type failed"),
        N_("report the digest to the technical team; the original is safe in the vault"),
    ),
    "internal_error": (
        N_("sestry itself failed on this file"),
        N_("report the digest to the technical team; the original is safe in the vault"),
    ),
}


def explain(reason: str | None) -> tuple[str, str]:
    """(what happened, what to do) for a reason code; unknown codes still get an answer."""
    return ADVICE.get(
        reason or "",
        (
            "it could not be processed (" + (reason or "unknown reason") + ")",
            N_("report the digest to the technical team; the original is safe in the vault"),
        ),
    )
