"""Encoding detection on Ukrainian and Russian text, including the cp1251/koi8 confusion."""

from __future__ import annotations

import unicodedata

import pytest
from faker import Faker
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sestry.core.errors import UndecodableText
from sestry.extractors.textdecode import decode_text, plausibility

UK = "Свідок: Мене тримали в підвалі школи. Їх було шестеро, ґрати на вікнах, їжі не давали."
RU = "Свидетель: Меня держали в гараже на окраине посёлка семнадцать дней, это было ужасно."
ENCODINGS = ("cp1251", "koi8-u")


def _faker_texts(locale: str, n: int) -> list[str]:
    fake = Faker(locale)
    fake.seed_instance(7)
    return [fake.paragraph(nb_sentences=3) for _ in range(n)]


@pytest.mark.parametrize("text", [UK, *_faker_texts("uk_UA", 5)])
@pytest.mark.parametrize("codec", ["cp1251", "koi8-u"])
def test_ukrainian_single_byte_encodings(text: str, codec: str) -> None:
    decoded, name = decode_text(text.encode(codec))
    assert decoded == text
    assert name == codec


@pytest.mark.parametrize("text", [RU, *_faker_texts("ru_RU", 5)])
@pytest.mark.parametrize("codec", ["cp1251", "koi8-r", "koi8-u"])
def test_russian_single_byte_encodings(text: str, codec: str) -> None:
    decoded, name = decode_text(text.encode(codec))
    assert decoded == text
    # koi8-r and koi8-u are the same bytes for Russian letters: either name is right
    assert name in ({"koi8-r", "koi8-u"} if codec.startswith("koi8") else {codec})


@pytest.mark.parametrize("text", [UK, RU])
@pytest.mark.parametrize(
    ("bom", "codec", "label"),
    [
        (b"", "utf-8", "utf-8"),
        (b"\xef\xbb\xbf", "utf-8", "utf-8-sig"),
        (b"\xff\xfe", "utf-16-le", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be", "utf-16-be"),
    ],
)
def test_unicode_encodings(text: str, bom: bytes, codec: str, label: str) -> None:
    assert decode_text(bom + text.encode(codec)) == (text, label)


def test_short_cp1251_line_is_not_read_as_koi8() -> None:
    # the classic failure: a few words where statistics alone pick the wrong single-byte code
    assert decode_text("Так, забрали.".encode("cp1251")) == ("Так, забрали.", "cp1251")
    assert decode_text("Так, забрали.".encode("koi8-u")) == ("Так, забрали.", "koi8-u")


def test_cyrillic_beats_central_european_latin() -> None:
    # found by hypothesis: charset-normalizer proposes cp1250, which reads "Ňđčěŕëč"
    text = "Тримали тримали тримали."
    assert decode_text(text.encode("cp1251")) == (text, "cp1251")


def test_wrong_decoding_scores_lower() -> None:
    raw = UK.encode("cp1251")
    assert plausibility(raw.decode("cp1251")) > 0.9
    assert plausibility(raw.decode("koi8-u")) < 0.6


def test_output_is_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Їжак і йод")
    assert decomposed != "Їжак і йод"
    text, _ = decode_text(decomposed.encode("utf-8"))
    assert text == "Їжак і йод"
    assert unicodedata.is_normalized("NFC", text)


def test_english_smart_quotes_in_a_windows_code_page() -> None:
    text = "He said “stop” — and left."
    assert decode_text(text.encode("cp1252"))[0] == text


@pytest.mark.parametrize(
    "data",
    [
        bytes([0x80, 0x81, 0x83, 0x88, 0x98, 0x99, 0x9C] * 40),
        b"\xef\xbb\xbf" + b"ok \xff\xfe broken utf-8 after a BOM",
        b"\xff\xfe" + b"\x00\xd8",  # a lone UTF-16 surrogate
        "текст".encode() + b"\x01\x02\x03",  # control bytes are not text
    ],
)
def test_undecodable_bytes_raise(data: bytes) -> None:
    with pytest.raises(UndecodableText) as info:
        decode_text(data)
    assert info.value.reason == "undecodable"


UK_WORDS = [
    "мене",
    "тримали",
    "в",
    "підвалі",
    "школи",
    "двадцять",
    "три",
    "дні",
    "забрали",
    "паспорт",
    "і",
    "телефон",
    "вони",
    "прийшли",
    "вночі",
    "ми",
    "чекали",
    "звільнення",
    "їжі",
    "не",
    "було",
]
RU_WORDS = [
    "меня",
    "держали",
    "в",
    "подвале",
    "школы",
    "двадцать",
    "три",
    "дня",
    "забрали",
    "паспорт",
    "и",
    "телефон",
    "они",
    "пришли",
    "ночью",
    "мы",
    "ждали",
    "освобождения",
    "еды",
    "не",
    "было",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(UK_WORDS + RU_WORDS), min_size=3, max_size=40),
    st.sampled_from(("cp1251", "koi8-u", "koi8-r")),
    st.booleans(),
)
def test_any_cyrillic_sentence_round_trips(words: list[str], codec: str, capital: bool) -> None:
    """Any text with a dozen letters or more; a handful of letters ("в в") is truly ambiguous
    between code pages and is not claimed."""
    text = " ".join(words)
    if capital:
        text = text.capitalize() + "."
    assume(sum(c.isalpha() for c in text) >= 12)
    assume(not (codec == "koi8-r" and any(c in text for c in "іїєґ")))
    assert decode_text(text.encode(codec))[0] == text


def test_cyrillic_beats_mac_cyrillic() -> None:
    # found by hypothesis: charset-normalizer proposes mac-cyrillic, which reads "ћене"
    text = "Мене мене мене тримали тримали тримали."
    assert decode_text(text.encode("cp1251")) == (text, "cp1251")
