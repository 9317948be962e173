"""One line for a failed command: the error's meaning in the reader's language, its class name
(a code scripts and tests match), and the message, translated when it is a catalog msgid."""

from __future__ import annotations

from sestry.core.errors import (
    CheckFailed,
    ConfigError,
    ItemError,
    LeakDetected,
    MissingDependency,
    SestryError,
    UsageError,
    ValidationFailed,
    VerificationError,
)
from sestry.core.i18n import N_, _, language

# What each error family means, for the Ukrainian heading (the class name stays: it is a code).
ERROR_KINDS: tuple[tuple[type[SestryError], str], ...] = (
    (UsageError, N_("wrong usage")),
    (ConfigError, N_("setup problem")),
    (MissingDependency, N_("missing dependency")),
    (ItemError, N_("bad input file")),
    (VerificationError, N_("verification failed")),
    (ValidationFailed, N_("validation failed")),
    (LeakDetected, N_("leak found")),
    (CheckFailed, N_("check failed")),
)


def error_heading(exc: SestryError) -> str:
    """The class name (English: as before), or its meaning in words then the name (uk).

    A message raised with a catalog msgid is translated whole by `main`; one built with values
    in a lower layer stays as raised."""
    name = type(exc).__name__
    if language() == "en":
        return name
    kind = next((k for cls, k in ERROR_KINDS if isinstance(exc, cls)), N_("error"))
    return f"{_(kind)} ({name})"


def error_line(prefix: str, exc: SestryError) -> str:
    """`sestry: ConfigError: no data folder at ...` (English) or its Ukrainian form."""
    message = _(str(exc))
    if isinstance(exc, CheckFailed):
        from sestry.release.advice import refusal_in

        message = refusal_in(message, language())
    return f"{prefix}: {error_heading(exc)}: {message}"
