"""Sidecar problem codes (`field:error`, never values) as short phrases a documenter can act on."""

from __future__ import annotations

from sestry.core.i18n import translate


def detail_words(detail: str, lang: str = "en") -> str:
    """Sidecar problem codes (`field:error`) as short phrases in `lang`, with any did-you-mean
    kept (English by default: `--json` and exceptions stay English)."""
    phrases = []
    for code in filter(None, detail.split(";")):
        field, _sep, error = code.partition(":")
        if error.startswith("unknown_scope"):
            hint = error.partition("did_you_mean=")[2].rstrip(")")
            phrase = translate(lang, "consent word not known")
            if hint:
                phrase += ", " + translate(lang, "did you mean {hint}?").format(hint=repr(hint))
            phrases.append(phrase)
        elif error in ("extra_forbidden",):
            phrases.append(
                translate(lang, "unknown field {field} (misspelt?)").format(field=repr(field))
            )
        elif field == "language":
            phrases.append(translate(lang, "language must be uk, ru, en or mixed"))
        elif field == "collected_at":
            phrases.append(translate(lang, "collected_at must be a date like 2025-11-21"))
        elif error:
            phrases.append(f"{field}: {error}")
        else:  # a plain detail, not a `field:error` code ("vault object", an exception type)
            phrases.append(field)
    return "; ".join(phrases)
