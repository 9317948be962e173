"""The public API: find_entities / find_entities_batch, language handling, overlaps, keys."""

from __future__ import annotations

import logging

import pytest

from sestry.extractors.entities import pipeline
from sestry.extractors.entities.base import Span
from sestry.extractors.entities.pipeline import VERSION, find_entities, find_entities_batch, resolve
from sestry.schemas.tables import LABELS

pytestmark = pytest.mark.nlp

TESTIMONY = (
    "Мене, Олену Петрівну Ковальчук, 12.05.1984 р.н., затримали 24 лютого 2022 року у Василівці "
    "Запорізької області. Наступного дня слідчий з позивним «Граф» забрав мій паспорт СН 123456. "
    "Телефон +380 67 123 45 67, пошта olena.k@ukr.net, РНОКПП 3012345670, авто АА 1234 ВВ, "
    "в/ч А1234, вул. Шевченка, 12, кв. 5, о 14:30 приїхали люди з ФСБ."
)


def test_every_label_is_found_in_one_testimony() -> None:
    spans = find_entities(TESTIMONY, "uk")
    assert {s.label for s in spans} == set(LABELS)


def test_spans_are_sorted_offsets_into_the_text() -> None:
    spans = find_entities(TESTIMONY)
    assert spans == sorted(spans, key=lambda s: (s.start, s.end))
    for s in spans:
        assert TESTIMONY[s.start : s.end] == s.text
        assert s.label in LABELS
        assert "@" in s.detector
        assert ":" in s.detector


def test_spans_do_not_overlap() -> None:
    spans = find_entities(TESTIMONY)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))


def test_batch_equals_one_by_one() -> None:
    texts = [TESTIMONY, "On March 3rd, 2022 Olena Kovalchuk was detained in Melitopol.", ""]
    assert find_entities_batch(texts) == [find_entities(t) for t in texts]


def test_batch_checks_lengths() -> None:
    with pytest.raises(ValueError, match="differ in length"):
        find_entities_batch(["a", "b"], ["uk"])


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        find_entities("текст", "de")


def test_mixed_document_uses_each_sentence_language() -> None:
    text = (
        "Мене затримали у Мелітополі. Меня допрашивала Ольга Сергеевна Иванова. "
        "Then they took me to Kherson."
    )
    spans = find_entities(text)
    by_label = {(s.label, s.text) for s in spans}
    assert ("LOC", "Мелітополі") in by_label
    assert ("PERSON", "Ольга Сергеевна Иванова") in by_label
    assert ("LOC", "Kherson") in by_label


def test_a_lone_first_name_takes_the_key_of_the_full_name() -> None:
    spans = find_entities("Олена Ковальчук прийшла о 9:00. Потім Олену забрали.", "uk")
    persons = [s for s in spans if s.label == "PERSON"]
    assert [s.text for s in persons] == ["Олена Ковальчук", "Олену"]
    assert {s.norm for s in persons} == {"олена ковальчук"}


def test_overlap_keeps_the_longest_then_the_best_score() -> None:
    a = Span(0, 10, "DATE", "x" * 10, None, "d@1:a", 0.5)
    b = Span(3, 8, "PERSON", "x" * 5, None, "d@1:b", 0.99)
    c = Span(12, 15, "PHONE", "xxx", None, "d@1:c", 0.6)
    d = Span(12, 15, "TAX_ID", "xxx", None, "d@1:d", 0.9)
    assert resolve([b, a, c, d]) == [a, d]


def test_nothing_is_logged_with_text(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    find_entities(TESTIMONY)
    for record in caplog.records:
        message = record.getMessage()
        assert "Ковальчук" not in message
        assert "123456" not in message


def test_version_is_named() -> None:
    assert VERSION.startswith("entities-")


def test_trained_models_are_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(pipeline.MODELS_ENV, "en=en_core_web_sm, uk=uk_core_news_sm, xx=nope")
    assert pipeline.trained_models() == {"en": "en_core_web_sm", "uk": "uk_core_news_sm"}


def test_a_name_part_repeated_later_is_found_with_the_full_key() -> None:
    text = "Мене тримали з Тарасом Бережним. Бережного потім перевели на Донеччину."
    spans = find_entities(text, "uk")
    persons = [(s.text, s.norm) for s in spans if s.label == "PERSON"]
    assert persons == [("Тарасом Бережним", "тарас бережний"), ("Бережного", "тарас бережний")]
    places = [(s.text, s.norm) for s in spans if s.label == "LOC"]
    assert places == [("Донеччину", "донецька область")]


def test_russian_style_latin_names_are_people() -> None:
    spans = find_entities("A Russian officer named Dmitry Zakharov signed the order.", "en")
    assert [(s.label, s.text) for s in spans] == [("PERSON", "Dmitry Zakharov")]


def test_a_configured_model_that_is_not_installed_falls_back_to_rules(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv(pipeline.MODELS_ENV, "en=sestry_no_such_model")
    pipeline.get_nlp.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger="sestry.extractors.entities.pipeline"):
            nlp = pipeline.get_nlp("en")
        assert nlp.pipe_names == ["sestry_recognizers"]
        assert "sestry_no_such_model" in caplog.text
        assert [s.label for s in find_entities("Call +380 67 123 45 67.", "en")] == ["PHONE"]
    finally:
        monkeypatch.delenv(pipeline.MODELS_ENV)
        pipeline.get_nlp.cache_clear()


def test_an_org_takes_its_state_and_natasha_title_words_are_no_org() -> None:
    """entities-0.14.1 (issue 10): an ORG one space before a country or a state's acronym is one
    name with it; a Natasha ORG that is one capitalised common word (a title) is dropped.
    Unit test of the merge on made-up spans (pure function)."""
    text = "Члены Сената США и ПРОТОКОЛ, Сената Китая, Сената Москвы."
    spans = [
        Span(6, 12, "ORG", "Сената", "сенат", "natasha@1.6.0:ORG", 0.5),
        Span(13, 16, "LOC", "США", "сша", "names@10:gazetteer_bare", 0.8),
        Span(19, 27, "ORG", "ПРОТОКОЛ", "протокол", "natasha@1.6.0:ORG", 0.5),
        Span(29, 35, "ORG", "Сената", "сенат", "natasha@1.6.0:ORG", 0.5),
        Span(36, 41, "LOC", "Китая", "китай", "names@10:gazetteer_bare", 0.8),
        Span(43, 49, "ORG", "Сената", "сенат", "natasha@1.6.0:ORG", 0.5),
        Span(50, 56, "LOC", "Москвы", "москва", "geox@2:world", 0.8),
    ]
    got = pipeline._org_states(text, spans)
    assert [(s.label, s.text, s.norm) for s in got] == [
        ("ORG", "Сената США", "сенат сша"),
        ("ORG", "Сената Китая", "сенат китай"),
        ("ORG", "Сената", "сенат"),  # a town is no state: it stays a place of its own
        ("LOC", "Москвы", "москва"),
    ]
    assert got[0].detector == "natasha@1.6.0:ORG+state"


@pytest.mark.parametrize(
    ("lang", "text", "org"),
    [
        ("ru", "Правительство Китая ответило через неделю.", "Правительство Китая"),
        ("ru", "Письмо ушло в администрацию США.", "администрацию США"),
        ("uk", "Уряд Польщі надав нам житло.", "Уряд Польщі"),
    ],
)
def test_government_heads_take_their_state(lang: str, text: str, org: str) -> None:
    assert [s.text for s in find_entities(text, lang) if s.label == "ORG"] == [org]


def test_a_government_word_alone_is_no_org() -> None:
    assert [s for s in find_entities("Уряд мовчав, а парламент не збирався.", "uk")
            if s.label == "ORG"] == []  # fmt: skip
