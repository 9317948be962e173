"""Where a released text differs from its original (the model reruns there) and which ingest
model spans are reused; fail closed on any other difference or without a witness."""

from __future__ import annotations

import pytest

from sestry.extractors.entities.base import Span
from sestry.release.model_windows import (
    align,
    fill_gaps,
    merge,
    model_detector,
    plan,
    widen,
    windows,
)

ORIGINAL = "Ольга Петрова розповіла. Потім було тихо. Ми чекали. Довго. Кінець."
RELEASED = ORIGINAL.replace("Ольга Петрова", "[PERSON]")
REPLACED = [(0, 8)]


def test_align_finds_the_unchanged_runs_and_refuses_any_other_difference() -> None:
    runs = align(ORIGINAL, RELEASED, REPLACED)
    assert runs == [(0, 0, 0), (8, len(RELEASED), len("Ольга Петрова"))]
    assert align(ORIGINAL, RELEASED.replace("тихо", "тихо!"), REPLACED) is None
    assert align(ORIGINAL, RELEASED + " ", REPLACED) is None
    assert align(ORIGINAL, ORIGINAL, []) == [(0, len(ORIGINAL), 0)]
    assert align(ORIGINAL, RELEASED, []) is None  # a replacement nobody declared


def test_windows_cover_the_sentence_and_a_margin_of_words() -> None:
    (window,) = windows(RELEASED, REPLACED, margin=2)
    assert RELEASED[window[0] : window[1]] == "[PERSON] розповіла. Потім було"
    assert windows(RELEASED, REPLACED, margin=50) == [(0, len(RELEASED))]
    assert merge([(5, 9), (0, 3), (3, 4)]) == [(0, 4), (5, 9)]
    (wide,) = widen(RELEASED, [window], 1)
    assert RELEASED[wide[0] : wide[1]] == "[PERSON] розповіла. Потім було тихо."


@pytest.mark.skipif(model_detector() is None, reason="natasha not installed")
def test_plan_reuses_model_spans_only_with_a_witness_and_outside_the_windows() -> None:
    prefix = model_detector()
    original = ORIGINAL.replace("Довго.", "Довго. " * 20)
    released = original.replace("Ольга Петрова", "[PERSON]")
    far = original.index("Кінець")
    spans = [
        Span(0, 13, "PERSON", "Ольга Петрова", detector=f"{prefix}PER"),
        Span(far, far + 6, "LOC", "Кінець", detector=f"{prefix}LOC"),
    ]
    ranges, reused, core = plan(original, released, REPLACED, spans)
    assert ranges is not None
    assert core == windows(released, REPLACED)
    assert ranges[0][1] > core[0][1]  # the model reads a margin past the core
    assert ranges[0][0] == 0
    shift = len("[PERSON]") - len("Ольга Петрова")
    assert [(s.start, s.end, s.text) for s in reused] == [(far + shift, far + shift + 6, "Кінець")]
    old = [Span(s.start, s.end, s.label, s.text, detector="natasha@0.0.1:PER") for s in spans]
    assert plan(original, released, REPLACED, old) == (None, [], [])  # another model version
    assert plan(original, released, REPLACED, []) == (None, [], [])  # no witness
    assert plan(None, released, REPLACED, spans) == (None, [], [])  # no original
    # A span the window reaches is not reused: the window grows over it and the rerun decides.
    near = Span(14, 23, "LOC", original[14:23], detector=f"{prefix}LOC")
    assert near not in plan(original, released, REPLACED, [*spans, near]).reused


def test_the_model_trusts_only_its_spans_touching_the_core() -> None:
    """A model span near the edge of what the model read is dropped (measured: the last word
    of a window read as an organisation); rules' spans are never dropped."""
    prefix = model_detector() or "natasha@0:"
    edge = Span(40, 47, "ORG", "Evening", detector=f"{prefix}ORG")
    inside = Span(5, 9, "ORG", "Лукойл", detector=f"{prefix}ORG")
    rule = Span(40, 47, "LOC", "Evening", detector="names@8:run")
    from sestry.release.model_windows import trusted

    kept = trusted([edge, inside, rule], [(0, 20)])
    assert kept == ([inside, rule] if model_detector() else [edge, inside, rule])


@pytest.mark.nlp
def test_the_pipeline_runs_the_model_only_inside_the_windows() -> None:
    pytest.importorskip("natasha")
    from sestry.extractors.entities.pipeline import find_entities_batch

    # a company only the model knows (the rules find the other one)
    text = "Мы долго работали на Газпром и Лукойл. " * 2
    second = text.rindex("Лукойл")
    whole, none, part = find_entities_batch(
        [text] * 3, ["ru"] * 3, [None, [], [(len(text) // 2, len(text))]]
    )
    model = [
        [s.start for s in spans if s.detector.startswith("natasha@")]
        for spans in (whole, none, part)
    ]
    assert text.index("Лукойл") in model[0]
    assert second in model[0]
    assert model[1] == []
    assert model[2] == [second]


def test_a_reused_merged_span_replaces_the_rule_persons_it_holds() -> None:
    rule = Span(8, 13, "PERSON", "Сомов", "сомов", "names@10:single", 0.7)
    grown = Span(0, 13, "PERSON", "Андрей Сомов", "андрей сомов", "natasha@1.6.0:PER+rules", 0.7)
    plain = Span(20, 25, "LOC", "Киева", "київ", "natasha@1.6.0:LOC", 0.5)
    assert fill_gaps([rule], [grown, plain]) == [grown, plain]
    crossing = Span(10, 30, "ORG", "x" * 20, "x", "orgs@4:type", 0.8)  # fail closed: keep both
    assert fill_gaps([rule, crossing], [grown]) == [rule, crossing]
