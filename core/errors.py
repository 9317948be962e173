"""One small exception hierarchy that maps onto the exit codes.

Messages carry digests, reason codes and file names at most: never testimony text, names or
entity values.
"""

from __future__ import annotations


class SestryError(Exception):
    """Base of every error sestry raises on purpose; exit code 2 (bad usage or input)."""

    exit_code = 2


class UsageError(SestryError):
    """The command was called wrongly."""


class ConfigError(SestryError):
    """Settings, keys or the data layout are missing or wrong."""


class ProfileError(ConfigError):
    """A redaction profile failed validation on load."""


class MissingDependency(SestryError):
    """A binary or language pack sestry needs is not installed; the message says how to fix it."""


class TransientFailure(SestryError):
    """A worker or subprocess died mid-item (not the item's fault): the flow retries the task
    with backoff; after the last attempt the run fails (exit 1) and the item, safe in the vault,
    is extracted by the next run."""

    exit_code = 1


class ItemError(SestryError):
    """One item cannot be processed: it is quarantined with `reason` and the run goes on."""

    reason = "item_error"

    def __init__(self, detail: str = "", *, reason: str | None = None) -> None:
        super().__init__(detail or self.reason)
        if reason is not None:
            self.reason = reason
        self.detail = detail


class UnsupportedFormat(ItemError):
    """No extractor can read this content."""

    reason = "unsupported_format"


class EncryptedItem(ItemError):
    """The item is password-protected."""

    reason = "encrypted"


class CorruptItem(ItemError):
    """The bytes are damaged or truncated."""

    reason = "corrupt"


class EmptyItem(ItemError):
    """The item has no bytes or no content."""

    reason = "empty"


class TooLarge(ItemError):
    """The item exceeds a pixel, page or size limit (decompression-bomb guard)."""

    reason = "too_large"


class NoTextLayer(ItemError):
    """A PDF page has no text layer; the registry falls back to OCR."""

    reason = "no_text_layer"


class OcrFailed(ItemError):
    """Tesseract failed on this item."""

    reason = "ocr_failed"


class UndecodableText(ItemError):
    """The bytes are not text in any encoding sestry recognises."""

    reason = "undecodable"


class InvalidSidecar(ItemError):
    """The item's sidecar metadata failed validation."""

    reason = "invalid_sidecar"


class CheckFailed(SestryError):
    """A check failed: verification, validation or a leak. Exit code 1."""

    exit_code = 1


class VerificationError(CheckFailed):
    """Custody or release verification found named problems."""


class ValidationFailed(CheckFailed):
    """A Great Expectations suite failed; nothing is released."""


class LeakDetected(CheckFailed):
    """Redacted content was found in something about to be released."""
