"""The workbench's words in Ukrainian (complete) and English; chosen from the browser's
Accept-Language, switchable with ?lang=uk|en (kept in a cookie)."""

from __future__ import annotations

LANGS: tuple[str, ...] = ("uk", "en")

TEXTS: dict[str, dict[str, str]] = {
    "uk": {
        "title": "Перевірка знеособлення",
        "queue": "Черга документів",
        "profile": "Профіль партнера",
        "case": "Справа",
        "file": "Файл",
        "kind": "Тип",
        "language": "Мова",
        "state": "Стан",
        "entities": "Сутності",
        "not_reviewed": "не перевірено",
        "reviewed": "перевіряється",
        "approved": "схвалено",
        "no_consent": "немає згоди для цього профілю",
        "blocked": "Реліз заблоковано: перевірки не пройдено",
        "failed_checks": "Невдалі перевірки",
        "open": "Відкрити",
        "document": "Документ",
        "original": "Текст із позначками",
        "partner": "Текст, який отримає партнер",
        "add": "Додати позначку",
        "remove": "Прибрати",
        "relabel": "Змінити мітку",
        "role": "Роль особи",
        "approve": "Схвалити для профілю",
        "unapprove": "Скасувати схвалення",
        "approved_by": "Схвалено рецензентом",
        "label": "Мітка",
        "selection": "Виділіть текст мишею, оберіть мітку й натисніть «Додати позначку» "
        "(клавіша a).",
        "shortcuts": "Клавіші: a — додати, x — прибрати вибрану, r — призначити роль, "
        "p — схвалити, j/k — наступна/попередня позначка.",
        "decisions": "Рішення рецензентів",
        "stale": "не прив'язане до тексту (застаріле)",
        "keep": "залишається",
        "pseudonym": "псевдонім",
        "redact": "приховано",
        "generalize": "узагальнено",
        "survivor": "постраждала особа",
        "witness": "свідок",
        "alleged_perpetrator": "ймовірний кривдник",
        "official": "посадова особа",
        "other": "інше",
        "pages": "Сторінки скану: слова OCR і поля приховування",
        "back": "До черги",
        "saved": "Збережено",
        "swept": "приховано за збігом з іншою сутністю",
        "reviewer": "Рецензент",
        "none": "немає",
        "forbidden": "Доступ заборонено: відкрийте адресу з токеном, яку надрукувала "
        "команда sestry review.",
        "bad_request": "Запит відхилено",
        "switch": "English",
    },
    "en": {
        "title": "Redaction review",
        "queue": "Document queue",
        "profile": "Partner profile",
        "case": "Case",
        "file": "File",
        "kind": "Kind",
        "language": "Language",
        "state": "State",
        "entities": "Entities",
        "not_reviewed": "not reviewed",
        "reviewed": "in review",
        "approved": "approved",
        "no_consent": "no consent for this profile",
        "blocked": "Release blocked: checks failed",
        "failed_checks": "Failed checks",
        "open": "Open",
        "document": "Document",
        "original": "Text with highlights",
        "partner": "Text as the partner receives it",
        "add": "Add span",
        "remove": "Remove",
        "relabel": "Change label",
        "role": "Person's role",
        "approve": "Approve for profile",
        "unapprove": "Withdraw approval",
        "approved_by": "Approved by reviewer",
        "label": "Label",
        "selection": "Select text with the mouse, choose a label and press “Add span” (key a).",
        "shortcuts": "Keys: a add, x remove the selected span, r set role, p approve, "
        "j/k next/previous span.",
        "decisions": "Reviewer decisions",
        "stale": "no longer anchored in the text (stale)",
        "keep": "kept",
        "pseudonym": "pseudonym",
        "redact": "redacted",
        "generalize": "generalised",
        "survivor": "survivor",
        "witness": "witness",
        "alleged_perpetrator": "alleged perpetrator",
        "official": "official",
        "other": "other",
        "pages": "Scanned pages: OCR words and redaction boxes",
        "back": "Back to the queue",
        "saved": "Saved",
        "swept": "redacted because it matches another entity",
        "reviewer": "Reviewer",
        "none": "none",
        "forbidden": "Forbidden: open the address with the token printed by sestry review.",
        "bad_request": "Request refused",
        "switch": "Українська",
    },
}


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
    """The phrase for `key` in `lang` (the English one if a key were missing in `lang`)."""
    return TEXTS.get(lang, TEXTS["uk"]).get(key) or TEXTS["en"].get(key, key)
