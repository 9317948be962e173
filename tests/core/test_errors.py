"""Error classes map onto the documented exit codes and carry reason codes."""

from __future__ import annotations

from sestry.core import errors


def test_checks_exit_1_and_usage_exits_2() -> None:
    assert errors.VerificationError("x").exit_code == 1
    assert errors.LeakDetected("x").exit_code == 1
    assert errors.ProfileError("x").exit_code == 2
    assert errors.MissingDependency("x").exit_code == 2


def test_item_errors_carry_stable_reason_codes() -> None:
    reasons = {
        cls.reason
        for cls in (
            errors.UnsupportedFormat,
            errors.EncryptedItem,
            errors.CorruptItem,
            errors.EmptyItem,
            errors.TooLarge,
            errors.NoTextLayer,
            errors.OcrFailed,
            errors.UndecodableText,
            errors.InvalidSidecar,
        )
    }
    assert len(reasons) == 9
    assert errors.CorruptItem("pdfium said no", reason="truncated").reason == "truncated"
