"""Pseudonyms: keyed, deterministic, inflection-free on the norm, unlinkable without the key."""

from __future__ import annotations

import re

import pytest

from sestry.redaction.pseudonyms import derive_pseudonym_key, normalise_norm, pseudonym

KEY = derive_pseudonym_key(b"\x01" * 32)


def test_format_and_determinism() -> None:
    name = pseudonym("PERSON", "олена коваленко", KEY)
    assert re.fullmatch(r"PERSON-[0-9A-F]{8}", name)
    assert name == pseudonym("PERSON", "олена коваленко", KEY)


def test_norm_is_normalised_before_hashing() -> None:
    assert pseudonym("PERSON", "  Олена   КОВАЛЕНКО ", KEY) == pseudonym(
        "PERSON", "олена коваленко", KEY
    )
    assert normalise_norm("Мар’яна") == normalise_norm("мар'яна")


def test_label_key_and_norm_all_matter() -> None:
    base = pseudonym("PERSON", "олена коваленко", KEY)
    assert pseudonym("ORG", "олена коваленко", KEY) != f"ORG-{base.split('-')[1]}"
    assert pseudonym("PERSON", "олена коваленко", derive_pseudonym_key(b"\x02" * 32)) != base
    assert pseudonym("PERSON", "олена коваленкo", KEY) != base  # latin o: another norm


def test_purpose_key_is_derived_not_the_raw_key() -> None:
    raw = b"\x01" * 32
    assert derive_pseudonym_key(raw) != raw
    with pytest.raises(ValueError, match="derive"):
        pseudonym("PERSON", "x", raw[:16])
    with pytest.raises(ValueError, match="too short"):
        derive_pseudonym_key(b"short")
