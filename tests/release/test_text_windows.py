"""The residual pass reruns the whole pipeline only around the replacements when the document's
entities were found by the running pipeline (release/text_windows.py); anything else is read
whole. A "planted miss" is a span the pipeline finds that the ingest answers given here lack."""

from __future__ import annotations

import pytest

from sestry.extractors.entities.base import Span
from sestry.extractors.entities.fingerprint import fingerprint
from sestry.extractors.entities.pipeline import find_entities_batch
from sestry.redaction.profiles import Profile, load_profile
from sestry.release import residual
from sestry.release.residual import Released, residual_offsets
from sestry.release.text_windows import plan_windows

pytestmark = pytest.mark.nlp

_FILLER = " ".join(["Потом было долго тихо, мы ждали в подвале и молчали."] * 30)
_NAME = "Ольга Петрова"


def _strict() -> Profile:
    """Prosecution with places and organisations redacted (no `generalize`: windows apply)."""
    base = load_profile("prosecution")
    return base.model_copy(update={"labels": {**base.labels, "LOC": "redact", "ORG": "redact"}})


def _case(head: str, tail: str) -> tuple[str, str, list[Released], list[Span]]:
    """(original, released, released entities, ingest spans without the planted misses): the
    name is replaced; the ingest answers are the pipeline's, less every LOC/ORG (the misses)."""
    original = f"{head} {_FILLER} {tail}"
    released = original.replace(_NAME, "[PERSON]")
    start = released.index("[PERSON]")
    person = [Released(start, start + len("[PERSON]"), "PERSON", "pseudonym")]
    (spans,) = find_entities_batch([original], ["ru"])
    ingest = [s for s in spans if s.label not in ("LOC", "ORG")]
    assert any(s.label == "PERSON" for s in ingest)
    return original, released, person, ingest


def _found(case: tuple[str, str, list[Released], list[Span]], version: str | None) -> list[int]:
    original, released, person, ingest = case
    residual._CACHE.clear()
    (found,) = residual_offsets(
        [released], ["ru"], [person], _strict(), None, [original], [ingest], [version]
    )
    return found


def test_a_planted_miss_inside_the_changed_window_is_found_and_far_text_is_reused() -> None:
    case = _case(f"Вчера {_NAME} прилетела из Новосибирска.", "Потом нас увезли в Новосибирск.")
    original, released, person, ingest = case
    plan = plan_windows(original, released, [(6, 14)], ingest, "ru", fingerprint(), fingerprint())
    assert plan is not None
    assert plan.read[-1][1] < len(released) // 2  # the far half of the text is not read again
    found = _found(case, fingerprint())
    assert released.index("Новосибирска") in found  # near the replacement: read again
    # Far from it the text is what the same pipeline read at ingest: its answer is reused (the
    # planted far miss stands for "the pipeline found nothing there").
    assert released.index("Новосибирск.") not in found


def test_a_model_only_miss_inside_the_changed_window_is_found() -> None:
    pytest.importorskip("natasha")
    case = _case(f"Вчера {_NAME} долго работала на Лукойл.", "Конец.")
    released = case[1]
    assert released.index("Лукойл") in _found(case, fingerprint())


@pytest.mark.parametrize("version", [None, "entities-0.1.0+0000000000000000"])
def test_another_or_no_recorded_pipeline_version_reads_the_whole_text(
    version: str | None,
) -> None:
    case = _case(f"Вчера {_NAME} пришла.", "Потом нас увезли в Новосибирск.")
    released = case[1]
    assert released.index("Новосибирск") in _found(case, version)


def test_a_text_edited_anywhere_is_read_whole() -> None:
    """The released file differs from its original far from every replacement (edited on
    disk): no reuse, the far place is found."""
    original, released, person, ingest = _case(f"Вчера {_NAME} пришла.", "Конец истории.")
    edited = released.replace("Конец истории.", "Потом нас увезли в Новосибирск.")
    assert (
        plan_windows(original, edited, [(6, 14)], ingest, "ru", fingerprint(), fingerprint())
        is None
    )
    found = _found((original, edited, person, ingest), fingerprint())
    assert edited.index("Новосибирск") in found


def test_a_generalising_profile_reads_the_rules_over_the_whole_text() -> None:
    """Under `generalize` a value's norm (completed across the whole text) decides whether it
    is hidden: the rules read everything, whatever the ingest answers say."""
    original, released, person, ingest = _case(f"Вчера {_NAME} пришла.", "Нас увезли в Ізюм.")
    residual._CACHE.clear()
    (found,) = residual_offsets(
        [released],
        ["ru"],
        [person],
        load_profile("research"),
        None,
        [original],
        [ingest],
        [fingerprint()],
    )
    assert released.index("Ізюм") in found


def test_the_fingerprint_changes_with_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("natasha")
    monkeypatch.setenv("SESTRY_NATASHA", "1")
    on = fingerprint()
    monkeypatch.setenv("SESTRY_NATASHA", "0")
    assert fingerprint() != on
    assert on.startswith("entities-")
