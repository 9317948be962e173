"""The codebook describes every released column, label and operator, in both languages."""

from __future__ import annotations

from sestry.redaction.operators import OPERATORS
from sestry.release.codebook import COLUMNS, LABEL_MEANINGS, OPERATOR_MEANINGS, missing_descriptions
from sestry.release.partner_files import codebook_markdown
from sestry.schemas.tables import LABELS, REDACTED_TABLES


def test_every_released_column_and_label_is_described() -> None:
    assert missing_descriptions() == []
    assert set(COLUMNS) == set(REDACTED_TABLES)
    assert set(OPERATOR_MEANINGS) == set(OPERATORS)


def test_every_description_has_both_languages() -> None:
    meanings = [*LABEL_MEANINGS.values(), *OPERATOR_MEANINGS.values()]
    meanings += [m for columns in COLUMNS.values() for m in columns.values()]
    assert all(m.en.strip() and m.uk.strip() for m in meanings)
    assert all(any("а" <= ch <= "я" or ch in "іїєґ" for ch in m.uk.lower()) for m in meanings)


def test_codebook_file_lists_every_label_and_column() -> None:
    text = codebook_markdown()
    for label in LABELS:
        assert f"| {label} |" in text
    for table, schema in REDACTED_TABLES.items():
        assert f"## {table}.parquet" in text
        for field in schema:
            assert f"| {field.name} | {field.type} |" in text
