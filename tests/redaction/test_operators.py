"""Operators: parsing, replacements, KATOTTG walk-up, and fail-closed fallbacks."""

from __future__ import annotations

import pytest

from sestry.redaction.operators import EntityRef, OperatorSpec, apply, parse_operator
from sestry.redaction.pseudonyms import derive_pseudonym_key

KEY = derive_pseudonym_key(b"\x07" * 32)
IZIUM = EntityRef("LOC", "Ізюмі", "ізюм", "UA63040090010029555", "UA63000000000041885")


@pytest.mark.parametrize(
    ("label", "value", "spec"),
    [
        ("PERSON", "pseudonym", OperatorSpec("pseudonym")),
        ("LOC", "generalize:raion", OperatorSpec("generalize", "raion")),
        ("DATE", "generalize:year", OperatorSpec("generalize", "year")),
        ("PHONE", "redact", OperatorSpec("redact")),
    ],
)
def test_parse_operator(label: str, value: str, spec: OperatorSpec) -> None:
    assert parse_operator(label, value) == spec


@pytest.mark.parametrize(
    ("label", "value", "message"),
    [
        ("NAME", "keep", "unknown label"),
        ("PERSON", "hide", "unknown action"),
        ("LOC", "generalize:street", "unknown level"),
        ("PHONE", "generalize:oblast", "cannot be generalised"),
        ("PERSON", "redact:now", "takes no level"),
    ],
)
def test_parse_operator_refuses(label: str, value: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_operator(label, value)


@pytest.mark.parametrize(
    ("level", "text", "norm"),
    [
        ("hromada", "[LOC: Ізюмська громада]", "UA63040090000021240"),
        ("raion", "[LOC: Ізюмський р-н]", "UA63040000000023521"),
        ("oblast", "[LOC: Харківська обл.]", "UA63000000000041885"),
    ],
)
def test_place_walks_up_katottg(level: str, text: str, norm: str) -> None:
    out = apply(OperatorSpec("generalize", level), IZIUM, KEY)
    assert (out.text, out.norm, out.operator) == (text, norm, "generalize")


def test_place_without_code_uses_oblast_or_is_redacted() -> None:
    only_oblast = EntityRef("LOC", "селі", None, None, "UA63000000000041885")
    assert apply(OperatorSpec("generalize", "hromada"), only_oblast, KEY).text == (
        "[LOC: Харківська обл.]"
    )
    unknown = EntityRef("LOC", "Вороніж", "вороніж")
    out = apply(OperatorSpec("generalize", "oblast"), unknown, KEY)
    assert (out.text, out.operator, out.norm) == ("[LOC]", "redact", None)


def test_kyiv_is_its_own_top_level() -> None:
    kyiv = EntityRef("LOC", "Києві", "київ", "UA80000000000093317")
    assert apply(OperatorSpec("generalize", "hromada"), kyiv, KEY).text == "[LOC: Київ]"


@pytest.mark.parametrize(
    ("norm", "level", "text"),
    [("2022-03-05", "month", "2022-03"), ("2022-03-05", "year", "2022"), ("2022", "month", "2022")],
)
def test_dates_generalise(norm: str, level: str, text: str) -> None:
    out = apply(OperatorSpec("generalize", level), EntityRef("DATE", "x", norm), KEY)
    assert out.text == text


def test_unparseable_date_is_redacted() -> None:
    out = apply(OperatorSpec("generalize", "month"), EntityRef("DATE", "навесні", None), KEY)
    assert (out.text, out.operator) == ("[DATE]", "redact")


def test_keep_pseudonym_redact() -> None:
    ent = EntityRef("PERSON", "Олену", "олена")
    assert apply(OperatorSpec("keep"), ent, KEY).text == "Олену"
    pseudo = apply(OperatorSpec("pseudonym"), ent, KEY)
    assert pseudo.text.startswith("PERSON-")
    assert pseudo.norm == pseudo.text
    assert apply(OperatorSpec("redact"), ent, KEY).text == "[PERSON]"


def test_dob_generalises_to_the_year_only() -> None:
    from sestry.redaction.operators import EntityRef, apply, parse_operator

    spec = parse_operator("DOB", "generalize:year")
    out = apply(spec, EntityRef("DOB", "12.05.1984", "1984-05-12"), bytes(32))
    assert (out.text, out.norm, out.operator) == ("1984", "1984", "generalize")
    with pytest.raises(ValueError, match="unknown level"):
        parse_operator("DOB", "generalize:month")


@pytest.mark.parametrize(
    ("label", "norm", "code", "level", "expected"),
    [
        ("DATE", "2022", None, "month", True),
        ("DATE", "2022-03", None, "month", True),
        ("DATE", "2022-03-12", None, "month", False),
        ("DATE", "2022-03", None, "year", False),
        ("DATE", None, None, "month", False),
        ("LOC", None, "UA63000000000041885", "oblast", True),
        ("LOC", None, None, "oblast", False),
        ("PERSON", "x", None, "oblast", False),
    ],
)
def test_within_level(
    label: str, norm: str | None, code: str | None, level: str, expected: bool
) -> None:
    from sestry.redaction.operators import within_level

    assert within_level(label, norm, code, level) is expected
