"""The workbench's words in Ukrainian (complete) and English, from the same gettext catalog as
the command line and the report (sestry.core.i18n); the language is chosen from the browser's
Accept-Language, switchable with ?lang=uk|en (kept in a cookie)."""

from __future__ import annotations

from sestry.core.i18n import N_, translate

LANGS: tuple[str, ...] = ("uk", "en")

WORDS: dict[str, str] = {
    "title": N_("Redaction review"),
    "queue": N_("Document queue"),
    "profile": N_("Partner profile"),
    "case": N_("Case"),
    "file": N_("File"),
    "kind": N_("Kind"),
    "language": N_("Language"),
    "state": N_("State"),
    "entities": N_("Entities"),
    "not_reviewed": N_("not reviewed"),
    "reviewed": N_("in review"),
    "approved": N_("approved"),
    "no_consent": N_("no consent for this profile"),
    "blocked": N_("Release blocked: checks failed"),
    "failed_checks": N_("Failed checks"),
    "open": N_("Open"),
    "document": N_("Document"),
    "original": N_("Text with highlights"),
    "partner": N_("Text as the partner receives it"),
    "add": N_("Add span"),
    "remove": N_("Remove"),
    "relabel": N_("Change label"),
    "role": N_("Person's role"),
    "approve": N_("Approve for profile"),
    "unapprove": N_("Withdraw approval"),
    "approved_by": N_("Approved by reviewer"),
    "label": N_("Label"),
    "selection": N_("Select text with the mouse, choose a label and press “Add span” (key a)."),
    "shortcuts": N_(
        "Keys: a add, x remove the selected span, r set role, p approve, j/k next/previous span."
    ),
    "decisions": N_("Reviewer decisions"),
    "stale": N_("no longer anchored in the text (stale)"),
    "keep": N_("kept"),
    "pseudonym": N_("pseudonym"),
    "redact": N_("redacted"),
    "generalize": N_("generalised"),
    "survivor": N_("survivor"),
    "witness": N_("witness"),
    "alleged_perpetrator": N_("alleged perpetrator"),
    "official": N_("official"),
    "other": N_("other"),
    "pages": N_("Scanned pages: OCR words and redaction boxes"),
    "back": N_("Back to the queue"),
    "saved": N_("Saved"),
    "swept": N_("redacted because it matches another entity"),
    "reviewer": N_("Reviewer"),
    "none": N_("none"),
    "forbidden": N_("Forbidden: open the address with the token printed by sestry review."),
    "bad_request": N_("Request refused"),
}
"""Key -> English msgid; the Ukrainian is in the one catalog (core/locale, sestry.po)."""

SWITCH: dict[str, str] = {"uk": "English", "en": "Українська"}
"""The link to the other language, named in that language."""


def choose(query: str | None, cookie: str | None, accept_language: str | None) -> str:
    """The interface language: ?lang=, then the cookie, then the browser's first uk/en choice,
    then Ukrainian."""
    for value in (query, cookie):
        if value in LANGS:
            return value  # type: ignore[return-value]
    for part in (accept_language or "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGS:
            return code
        if code == "ru":
            return "uk"
    return "uk"


def t(lang: str, key: str) -> str:
    """The phrase for `key` in `lang` (Ukrainian for an unknown language; the key itself if it
    were unknown)."""
    lang = lang if lang in LANGS else "uk"
    if key == "switch":
        return SWITCH[lang]
    return translate(lang, WORDS[key]) if key in WORDS else key
