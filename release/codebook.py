"""What every released table, column, label and operator means, in English and Ukrainian.

One declaration feeds the codebook file, the Parquet field metadata and the Frictionless
datapackage.json, so a partner reads the same words wherever she looks. A column added to a
released table without a line here fails the tests (tests/release/test_codebook.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from sestry.schemas.tables import LABELS, REDACTED_TABLES


@dataclass(frozen=True)
class Column:
    """One column: its meaning in English and in Ukrainian."""

    en: str
    uk: str


TABLES_EN_UK: dict[str, tuple[str, str]] = {
    "documents": (
        "One row per released document (interview transcript, scan, PDF, audio recording).",
        "Один рядок на кожен документ релізу (розшифровка інтерв'ю, скан, PDF, аудіозапис).",
    ),
    "segments": (
        "Parts of a document's text: transcript turns (with speaker and time) or scanned pages.",
        "Частини тексту документа: репліки розшифровки (мовець і час) або сторінки скану.",
    ),
    "entities": (
        "Every person, place, date or identifier found, and what this release did with it.",
        "Кожна знайдена особа, місце, дата чи ідентифікатор і що з ними зроблено в цьому релізі.",
    ),
}

COLUMNS: dict[str, dict[str, Column]] = {
    "documents": {
        "doc_id": Column(
            "BLAKE3 digest of the original file: its identity in the chain of custody.",
            "Відбиток BLAKE3 оригінального файлу: його ідентифікатор у ланцюгу зберігання.",
        ),
        "case_id": Column(
            "Case identifier as the profile releases it: as given, a keyed pseudonym CASE-…, "
            "or empty.",
            "Ідентифікатор справи, як дозволяє профіль: як є, псевдонім CASE-… або порожньо.",
        ),
        "kind": Column(
            "transcript, audio, scan, pdf or document.",
            "transcript (розшифровка), audio (аудіо), scan (скан), pdf або document (документ).",
        ),
        "media_type": Column(
            "File type of the original, read from its bytes.",
            "Тип файлу оригіналу, визначений за його вмістом.",
        ),
        "language": Column(
            "Main language of the text: uk, ru, en or mixed.",
            "Основна мова тексту: uk, ru, en або mixed (змішана).",
        ),
        "text": Column(
            "The redacted text. Hidden parts stand as [LABEL], pseudonyms (PERSON-…) or "
            "generalised values ([LOC: … обл.], 2022-03).",
            "Знеособлений текст. Приховане показано як [МІТКА], псевдонім (PERSON-…) або "
            "узагальнене значення ([LOC: … обл.], 2022-03).",
        ),
        "pages": Column(
            "Number of pages (scans and PDFs; 1 for a transcript).",
            "Кількість сторінок (скани й PDF; 1 для розшифровки).",
        ),
        "method": Column(
            "How the text was obtained: transcript, text_layer (PDF text) or ocr "
            "(recognised from the image by Tesseract).",
            "Як отримано текст: transcript (розшифровка), text_layer (текст PDF) або ocr "
            "(розпізнано з зображення програмою Tesseract).",
        ),
        "ocr_confidence": Column(
            "Mean OCR confidence, 0-100 (empty when no OCR was needed).",
            "Середня впевненість розпізнавання, 0-100 (порожньо, якщо OCR не потрібне).",
        ),
        "collected_at": Column(
            "When the item was collected, at the precision the profile allows (day, month, year).",
            "Коли матеріал зібрано, з точністю, яку дозволяє профіль (день, місяць, рік).",
        ),
        "extractor_version": Column(
            "The sestry component and version that read the original.",
            "Компонент і версія sestry, що прочитали оригінал.",
        ),
        "duration_s": Column(
            "Length of an audio recording in seconds (empty otherwise). Audio has no text "
            "unless a transcript was provided.",
            "Тривалість аудіозапису в секундах (інакше порожньо). Аудіо не має тексту, "
            "якщо розшифровку не надано.",
        ),
    },
    "segments": {
        "doc_id": Column(
            "The document (see documents.doc_id).", "Документ (див. documents.doc_id)."
        ),
        "seq": Column("Order of the part in the document, from 0.", "Порядок частини, від 0."),
        "page": Column("Page number for scans and PDFs.", "Номер сторінки для сканів і PDF."),
        "start": Column(
            "First character of the part in the redacted text (counted from 0).",
            "Перший символ частини в знеособленому тексті (рахуючи від 0).",
        ),
        "end": Column(
            "Character after the last one of the part.", "Символ після останнього в частині."
        ),
        "speaker": Column(
            "Speaker as S1, S2… per document (names are never released).",
            "Мовець як S1, S2… у межах документа (імена не передаються).",
        ),
        "t_start": Column("Start in the recording, seconds.", "Початок у записі, секунди."),
        "t_end": Column("End in the recording, seconds.", "Кінець у записі, секунди."),
    },
    "entities": {
        "doc_id": Column(
            "The document (see documents.doc_id).", "Документ (див. documents.doc_id)."
        ),
        "start": Column(
            "First character in the redacted text where the entity (or its replacement) stands.",
            "Перший символ у знеособленому тексті, де стоїть сутність (або її заміна).",
        ),
        "end": Column("Character after its last one.", "Символ після останнього."),
        "label": Column(
            "What was found (see the labels below).", "Що знайдено (див. мітки нижче)."
        ),
        "operator": Column(
            "What this release did with it (see the operators below).",
            "Що з цим зроблено в релізі (див. дії нижче).",
        ),
        "replacement": Column("What stands in the text now.", "Що тепер стоїть у тексті."),
        "norm": Column(
            "A normalised key when the profile keeps or pseudonymises: ISO 8601 date, E.164 "
            "phone, KATOTTG code or the pseudonym; empty when redacted.",
            "Нормалізований ключ, якщо профіль зберігає чи псевдонімізує: дата ISO 8601, "
            "телефон E.164, код КАТОТТГ або псевдонім; порожньо, якщо приховано.",
        ),
        "detector": Column(
            "Which rule found it and its version (for audit).",
            "Яке правило це знайшло і його версія (для перевірки).",
        ),
        "score": Column("The rule's confidence, 0-1.", "Впевненість правила, 0-1."),
    },
}

LABEL_MEANINGS: dict[str, Column] = {
    "PERSON": Column("A person's name or part of it.", "Ім'я особи або його частина."),
    "CALLSIGN": Column(
        "A combatant's call sign or nickname.", "Позивний або прізвисько військового."
    ),
    "LOC": Column(
        "A place: settlement, region, country.", "Місце: населений пункт, регіон, країна."
    ),
    "ORG": Column("An organisation or institution.", "Організація або установа."),
    "DATE": Column("A date or period of events.", "Дата або період подій."),
    "DOB": Column("A date of birth.", "Дата народження."),
    "TIME": Column("A time of day.", "Час доби."),
    "PHONE": Column("A phone number.", "Номер телефону."),
    "EMAIL": Column("An e-mail address.", "Адреса електронної пошти."),
    "ID_DOC": Column(
        "A passport, ID card or other document number.",
        "Номер паспорта, ID-картки чи іншого документа.",
    ),
    "TAX_ID": Column("A tax number (RNOKPP, ІПН, ИНН).", "Податковий номер (РНОКПП, ІПН, ИНН)."),
    "VEHICLE_PLATE": Column("A vehicle registration plate.", "Номерний знак транспорту."),
    "MILITARY_UNIT": Column("A military unit number.", "Номер військової частини."),
    "ADDRESS": Column("A street address.", "Адреса (вулиця, будинок)."),
}

OPERATOR_MEANINGS: dict[str, Column] = {
    "keep": Column("Kept as written.", "Залишено як є."),
    "pseudonym": Column(
        "Replaced by a stable pseudonym: the same person has the same pseudonym in every "
        "document of every release for this profile; only the documenting organisation can "
        "reverse it, on a lawful request.",
        "Замінено сталим псевдонімом: та сама особа має той самий псевдонім у всіх документах "
        "усіх релізів цього профілю; розкрити його може лише організація-документатор на "
        "законний запит.",
    ),
    "redact": Column("Removed; [LABEL] stands in its place.", "Вилучено; на його місці [МІТКА]."),
    "generalize": Column(
        "Made less precise: a place to its hromada, raion or oblast; a date to its month or year.",
        "Узагальнено: місце до громади, району чи області; дату до місяця чи року.",
    ),
}


def column_types() -> dict[str, dict[str, str]]:
    """table → column → Arrow type name, from the released schemas themselves."""
    return {
        table: {field.name: str(field.type) for field in schema}
        for table, schema in REDACTED_TABLES.items()
    }


def missing_descriptions() -> list[str]:
    """Released columns and labels without a meaning here (empty when the codebook is whole)."""
    missing = [
        f"{table}.{name}"
        for table, columns in column_types().items()
        for name in columns
        if name not in COLUMNS.get(table, {})
    ]
    missing += [f"label {label}" for label in LABELS if label not in LABEL_MEANINGS]
    return missing
