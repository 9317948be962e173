"""Residual detection over released text: hidden labels still present, and the neighbourhood of
generalised places and dates. Runs the real entity pipeline."""

from __future__ import annotations

import pytest

from sestry.extractors.entities.base import Span
from sestry.redaction.profiles import load_profile
from sestry.release.residual import Released, blank, hides, neighbour_offsets, residual_offsets

pytestmark = pytest.mark.nlp


def _gen(text: str, marker: str, label: str) -> Released:
    start = text.index(marker)
    return Released(start, start + len(marker), label, "generalize")


@pytest.mark.parametrize(
    ("text", "marker", "label", "word"),
    [
        ("мешканка села [LOC: Львівська обл.] Журавлинці, розповіла", "[LOC: Львівська обл.]",
         "LOC", "Журавлинці"),
        ("жила в селі Малі [LOC: Львівська обл.] до війни", "[LOC: Львівська обл.]", "LOC",
         "Малі"),
        ("Дванадцятого 2022-03 нас вивезли.", "2022-03", "DATE", "Дванадцятого"),
        ("Це було двадцять третього 2022-04.", "2022-04", "DATE", "третього"),
        ("Это было четвертого 2022-04.", "2022-04", "DATE", "четвертого"),
        ("It happened on the twelfth 2022-03.", "2022-03", "DATE", "twelfth"),
        ("It happened on the twelfth of 2022-03.", "2022-03", "DATE", "twelfth"),
    ],
)  # fmt: skip
def test_neighbours_of_generalised_spans_are_findings(
    text: str, marker: str, label: str, word: str
) -> None:
    assert neighbour_offsets(text, [_gen(text, marker, label)]) == [text.index(word)]


@pytest.mark.parametrize(
    ("text", "marker", "label"),
    [
        ("У [LOC: Харківська обл.] було страшно.", "[LOC: Харківська обл.]", "LOC"),
        ("Ми жили в [LOC: Харківська обл.], потім поїхали.", "[LOC: Харківська обл.]", "LOC"),
        ("У 2022-03 нас вивезли.", "2022-03", "DATE"),
        ("In 2022-03 we left.", "2022-03", "DATE"),
    ],
)
def test_ordinary_neighbours_are_not_findings(text: str, marker: str, label: str) -> None:
    assert neighbour_offsets(text, [_gen(text, marker, label)]) == []


def test_blank_keeps_length_and_hides_markers() -> None:
    text = "Я [PERSON] та PERSON-7F3A9C01 були тут"
    out = blank(text, [(2, 10)])
    assert len(out) == len(text)
    assert "PERSON" not in out
    assert out.endswith("були тут")


def test_hides_follows_the_profile_and_generalisation_level() -> None:
    research = load_profile("research")
    prosecution = load_profile("prosecution")
    oblast = Span(0, 5, "LOC", "Харківська область", code="UA63000000000041885")
    city = Span(0, 5, "LOC", "Харків", norm="харків", oblast="UA63000000000041885")
    year = Span(0, 4, "DATE", "2022", norm="2022")
    day = Span(0, 4, "DATE", "12.03.2022", norm="2022-03-12")
    callsign = Span(0, 4, "CALLSIGN", "Грач")
    assert not hides(oblast, research)
    assert hides(city, research)
    assert not hides(year, research)
    assert hides(day, research)
    assert hides(callsign, research)
    assert not hides(callsign, prosecution)
    assert hides(Span(0, 4, "DOB", "1984", norm="1984"), prosecution)


def test_residual_pass_finds_a_hidden_entity_left_in_clear() -> None:
    text = "[PERSON] розповіла, що її тримали в Ізюмі, а позивний «Беркут» кричав."
    released = [Released(0, 8, "PERSON", "redact")]
    (found,) = residual_offsets([text], ["uk"], [released], load_profile("research"))
    assert text.index("Ізюмі") in found
    assert text.index("Беркут") in found
    (kept,) = residual_offsets([text], ["uk"], [released], load_profile("prosecution"))
    assert kept == []


def test_a_finding_inside_a_kept_entity_is_that_entity() -> None:
    text = "Мене звати Олена, я з Ізюма."
    start = text.index("Олена")
    keep = [Released(start, start + 5, "PERSON", "keep")]
    (found,) = residual_offsets([text], ["uk"], [keep], load_profile("research"))
    assert start not in found


def test_a_surface_a_reviewer_cleared_is_not_brought_back() -> None:
    """`sestry review` removed a false name: the residual pass must not redact it again there."""
    text = "[PERSON] сказала, що Надія була тільки на обмін; її тримали в Ізюмі."
    released = [Released(0, 8, "PERSON", "redact")]
    research = load_profile("research")
    (before,) = residual_offsets([text], ["uk"], [released], research)
    assert text.index("Надія") in before
    (after,) = residual_offsets([text], ["uk"], [released], research, [{"надія"}])
    assert text.index("Надія") not in after
    assert text.index("Ізюмі") in after  # only what the reviewer cleared, nothing else


def test_an_unchanged_text_is_analysed_once_and_a_changed_one_again() -> None:
    from sestry.release import residual

    research = load_profile("research")
    text = "Мене тримали в Ізюмі."
    first = residual_offsets([text], ["uk"], [[]], research)
    key_count = len(residual._CACHE)
    assert residual_offsets([text], ["uk"], [[]], research) == first
    assert len(residual._CACHE) == key_count
    changed = text.replace("Ізюмі", "[LOC]")
    assert residual_offsets([changed], ["uk"], [[]], research) == [[]]
    assert len(residual._CACHE) == key_count + 1


# --- the model reruns only where the released text changed (release/model_windows.py) --------

_FILLER = " ".join(["Потом было долго тихо, мы ждали в подвале и молчали."] * 12)


def _model_span(text: str, surface: str, label: str) -> Span:
    from sestry.release.model_windows import model_detector

    start = text.index(surface)
    kind = {"PERSON": "PER"}.get(label, label)
    return Span(start, start + len(surface), label, surface, detector=f"{model_detector()}{kind}")


def test_a_model_only_finding_inside_a_changed_window_is_found() -> None:
    """The ingest model spans do not hold "Новосибирска" (a miss): the rerun in the window
    around the replacement finds it, and the window does not reach the far filler."""
    pytest.importorskip("natasha")
    from sestry.release.model_windows import plan

    original = "Вчера Ольга Петрова прилетела из Новосибирска. " + _FILLER
    released = original.replace("Ольга Петрова", "[PERSON]")
    person = [Released(6, 14, "PERSON", "redact")]
    models = [_model_span(original, "Ольга Петрова", "PERSON")]  # the witness, redacted
    windows, reused, _core = plan(original, released, [(6, 14)], models)
    assert windows is not None
    assert windows[0][0] == 0
    assert windows[-1][1] < len(released) // 2
    assert reused == []
    (found,) = residual_offsets(
        [released], ["ru"], [person], load_profile("research"), None, [original], [models]
    )
    assert released.index("Новосибирска") in found


def test_reuse_never_skips_text_that_differs_from_the_original() -> None:
    """Text edited outside the replacements (here a place added far from them) gets the model
    everywhere; an unchanged ingest model span that redaction left in clear is still a finding."""
    pytest.importorskip("natasha")
    research = load_profile("research")
    original = "Вчера Ольга Петрова пришла. " + _FILLER + " Конец."
    models = [_model_span(original, "Ольга Петрова", "PERSON")]
    person = [Released(6, 14, "PERSON", "redact")]
    edited = original.replace("Ольга Петрова", "[PERSON]").replace(
        "Конец.", "Потом нас увезли в Новосибирск."
    )
    (found,) = residual_offsets([edited], ["ru"], [person], research, None, [original], [models])
    assert edited.index("Новосибирск") in found
    # Unchanged far text: the ingest model's ORG, left in clear, comes back from reuse.
    original = original.replace("Конец.", "Его увезли в офис компании Роснефть.")
    models.append(_model_span(original, "Роснефть", "ORG"))
    released = original.replace("Ольга Петрова", "[PERSON]")
    (found,) = residual_offsets([released], ["ru"], [person], research, None, [original], [models])
    assert released.index("Роснефть") in found
