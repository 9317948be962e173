"""Sidecar problem codes (`field:error`, never values) as short phrases a documenter can act on."""

from __future__ import annotations


def detail_words(detail: str) -> str:
    """Sidecar problem codes (`field:error`) as short phrases, with any did-you-mean kept."""
    phrases = []
    for code in filter(None, detail.split(";")):
        field, _, error = code.partition(":")
        if error.startswith("unknown_scope"):
            hint = error.partition("did_you_mean=")[2].rstrip(")")
            phrases.append(f"consent word not known{f', did you mean {hint!r}?' if hint else ''}")
        elif error in ("extra_forbidden",):
            phrases.append(f"unknown field {field!r} (misspelt?)")
        elif field == "language":
            phrases.append("language must be uk, ru, en or mixed")
        elif field == "collected_at":
            phrases.append("collected_at must be a date like 2025-11-21")
        else:
            phrases.append(f"{field}: {error}")
    return "; ".join(phrases)
