"""Known identifiers: what sestry already holds about a document besides its text.

A documenter often names a file after the person ("interview_Kovalenko_0412.txt") and writes a
case id or collector code that holds a name or a number. The recognizers may miss that name in
the text; sestry must not. Each document's own values become terms that are redacted wherever
they appear in that document (any case, any inflection through the leak-term lemmas) and that
validation checks as leak terms of its release. Pure: no I/O, never logs a value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sestry.redaction.operators import DENY_LABEL
from sestry.redaction.terms import MIN_TERM, LeakTerms, Lemmatizer, Origin, TermMatcher, fold_key

KNOWN_DETECTOR = "known"
_PART = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*|\d+")
_YEAR = re.compile(r"^(?:19|20)\d\d$")  # a year in a case id names nobody and is everywhere
_SUFFIX = re.compile(r"(?:\.[A-Za-z0-9]{1,8})+$")
# Words that file names, case ids and collector codes carry without identifying anyone.
GENERIC: frozenset[str] = frozenset(
    {
        "interview", "interviews", "transcript", "transcription", "testimony", "statement",
        "scan", "scans", "scanned", "page", "pages", "photo", "image", "img", "audio", "video",
        "record", "recording", "voice", "memo", "note", "notes", "doc", "docs", "document",
        "file", "final", "copy", "draft", "version", "case", "part", "utf", "bom", "koi",
        "whisper", "json", "meta", "txt", "docx", "pdf", "png", "jpg", "jpeg", "tif", "tiff",
        "srt", "vtt", "wav", "mp3", "ogg", "m4a", "new", "old", "scr", "cp1251",
        "інтерв'ю", "інтервю", "інтерв’ю", "свідчення", "протокол", "допит", "скан", "запис",
        "аудіо", "фото", "документ", "справа", "копія", "заява", "опитування", "розшифровка",
        "интервью", "показания", "допрос", "запись", "аудио", "дело",
        "копия", "заявление", "опрос", "расшифровка",
    }
)  # fmt: skip


def known_values(
    source_name: str | None, case_id: str | None = None, collected_by: str | None = None
) -> tuple[str, ...]:
    """The identifying values of one document: name parts and digit runs of its file name,
    its case id and collector code whole and in parts (generic words, years and parts shorter
    than three characters left out)."""
    values: list[str] = []
    if source_name:
        stem = _SUFFIX.sub("", source_name.replace("\\", "/").rsplit("/", 1)[-1])
        values += _parts(stem)
    for value in (case_id, collected_by):
        if value and value.strip():
            values.append(value.strip())
            values += _parts(value)
    return tuple(dict.fromkeys(v for v in values if len(fold_key(v)) >= MIN_TERM))


def _parts(value: str) -> list[str]:
    out = []
    for part in _PART.findall(value):
        key = fold_key(part)
        if len(key) < MIN_TERM or key in GENERIC or _YEAR.match(key):
            continue
        out.append(part)
    return out


def known_terms(values: Iterable[str], lemmatizer: Lemmatizer | None) -> LeakTerms:
    """Leak terms of a document's known values: each value as a phrase; each word part also by
    its lemmas, so "Коваленко" in a file name hides "Коваленком" in the text."""
    terms = LeakTerms()
    origin = Origin(DENY_LABEL, None, None, None)
    for value in values:
        terms.add_phrase(value, origin)
        if lemmatizer is None:
            continue
        for part in _PART.findall(value):
            if part.isalpha() and fold_key(part) not in GENERIC:
                for lemma in lemmatizer.lemmas(part):
                    terms.add_lemma(lemma, origin)
    return terms


def known_matcher(
    values: Iterable[str], lemmatizer: Lemmatizer | None, allow: Iterable[str] = ()
) -> TermMatcher | None:
    """A matcher for one document's known values (allow-listed terms dropped); None if empty."""
    terms = known_terms(values, lemmatizer)
    terms.discard([fold_key(term) for term in allow])
    return TermMatcher(terms, lemmatizer) if len(terms) else None


def merged_matcher(base: TermMatcher, extra: TermMatcher | None) -> TermMatcher:
    """One matcher for the dataset's leak terms plus one document's known values."""
    if extra is None:
        return base
    terms = LeakTerms(
        {k: set(v) for k, v in base.terms.phrases.items()},
        {k: set(v) for k, v in base.terms.lemmas.items()},
    )
    for key, origins in extra.terms.phrases.items():
        terms.phrases.setdefault(key, set()).update(origins)
    for key, origins in extra.terms.lemmas.items():
        terms.lemmas.setdefault(key, set()).update(origins)
    return TermMatcher(terms, base.lemmatizer or extra.lemmatizer)
