"""redact_document: whole tokens, merging, allow/deny, offsets, and a log without text."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from sestry.extractors.entities.base import Span
from sestry.redaction.engine import redact_document
from sestry.redaction.profiles import Profile
from sestry.redaction.pseudonyms import derive_pseudonym_key

KEY = derive_pseudonym_key(b"\x03" * 32)
PROFILE = Profile(
    name="t",
    requires_consent="t",
    labels={"PERSON": "pseudonym", "LOC": "keep", "PHONE": "redact", "DATE": "generalize:month"},
    allow=("ЗСУ",),
    deny=("Сонечко",),
)


def _span(text: str, surface: str, label: str, norm: str | None = None) -> Span:
    start = text.index(surface)
    return Span(start, start + len(surface), label, surface, norm)


def _doc(text: str) -> dict[str, object]:
    return {"doc_id": "a" * 64, "text": text}


def test_replacements_and_log_without_text() -> None:
    text = "Олена Коваленко дзвонила з 067 123 45 67 у Бучі 3 березня 2022."
    spans = [
        _span(text, "Олена Коваленко", "PERSON", "олена коваленко"),
        _span(text, "067 123 45 67", "PHONE"),
        _span(text, "Бучі", "LOC", "буча"),
        _span(text, "3 березня 2022", "DATE", "2022-03-03"),
    ]
    redacted, log = redact_document(_doc(text), spans, PROFILE, KEY)
    assert re.fullmatch(r"PERSON-[0-9A-F]{8} дзвонила з \[PHONE\] у Бучі 2022-03\.", redacted.text)
    assert {(i.label, i.operator) for i in log.items} == {
        ("PERSON", "pseudonym"),
        ("PHONE", "redact"),
        ("LOC", "keep"),
        ("DATE", "generalize"),
    }
    assert "Коваленко" not in repr(log)
    for entity in redacted.entities:
        assert redacted.text[entity.start : entity.end] == entity.replacement


def test_span_inside_a_word_is_extended_to_the_whole_token() -> None:
    text = "Свідок Коваленкова мовчала."
    start = text.index("Коваленко")
    spans = [Span(start, start + len("Коваленко"), "PERSON", "Коваленко", "коваленко")]
    redacted, _ = redact_document(_doc(text), spans, PROFILE, KEY)
    assert "ова" not in redacted.text.split()[1]
    assert redacted.text.startswith("Свідок PERSON-")
    assert redacted.text.endswith(" мовчала.")


def test_overlapping_spans_merge_and_strictest_wins() -> None:
    text = "Адреса: вул. Олени Теліги, 5, Київ."
    spans = [
        _span(text, "Олени Теліги", "PERSON", "олена теліга"),
        _span(text, "вул. Олени Теліги, 5", "PHONE"),  # stands in for any redact label
        _span(text, "Київ", "LOC"),
    ]
    redacted, log = redact_document(_doc(text), spans, PROFILE, KEY)
    assert redacted.text == "Адреса: [PHONE], Київ."
    assert len([i for i in log.items if i.operator != "keep"]) == 1


def test_allow_terms_are_kept_and_deny_terms_always_redacted() -> None:
    text = "ЗСУ звільнили село. Позивний Сонечко знали всі; сонечко світило."
    spans = [_span(text, "ЗСУ", "ORG")]  # ORG is not named: would be redacted, but is allowed
    redacted, log = redact_document(_doc(text), spans, PROFILE, KEY)
    assert redacted.text == "ЗСУ звільнили село. Позивний [REDACTED] знали всі; [REDACTED] світило."
    assert ("DENY", "redact") in log.counts()


def test_unknown_label_is_redacted() -> None:
    text = "Номер AA1234BB бачили."
    redacted, _ = redact_document(
        _doc(text), [_span(text, "AA1234BB", "VEHICLE_PLATE")], PROFILE, KEY
    )
    assert redacted.text == "Номер [VEHICLE_PLATE] бачили."


def test_offsets_outside_the_text_redact_everything() -> None:
    text = "Коротко."
    redacted, _ = redact_document(_doc(text), [Span(3, 99, "PERSON", "x")], PROFILE, KEY)
    assert redacted.text == "[PERSON]"


def test_remap_moves_offsets_and_never_cuts_a_replacement() -> None:
    text = "Я, Олена Коваленко, свідчу."
    redacted, _ = redact_document(
        _doc(text), [_span(text, "Олена Коваленко", "PERSON", "олена коваленко")], PROFILE, KEY
    )
    start = text.index("Олена")
    assert redacted.remap(0) == 0
    assert redacted.remap(start) == start
    assert redacted.remap(start + 3) == start
    assert redacted.remap(start + 3, is_end=True) == start + len("PERSON-") + 8
    end_old = len(text)
    assert redacted.remap(end_old, is_end=True) == len(redacted.text)


@given(
    st.lists(
        st.tuples(st.integers(0, 40), st.integers(1, 12), st.sampled_from(["PERSON", "PHONE"])),
        max_size=6,
    )
)
def test_random_spans_always_give_consistent_entities(raw: list[tuple[int, int, str]]) -> None:
    text = "Олена Коваленко і Петро Іваненко були там 24 лютого, тел. 0671234567."
    spans = [
        Span(s, min(s + n, len(text)), label, text[s : min(s + n, len(text))], "n")
        for s, n, label in raw
        if s < len(text)
    ]
    redacted, _ = redact_document(_doc(text), spans, PROFILE, KEY)
    for entity in redacted.entities:
        assert redacted.text[entity.start : entity.end] == entity.replacement
    for span in spans:
        # every character of every (non-kept) span lies inside one replaced range
        assert any(a <= span.start and span.end <= b for a, b, _, _ in redacted.edits)
