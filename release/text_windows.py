"""Where the whole entity pipeline must read a released text again, and what it may reuse.

Why: the residual pass runs the entity pipeline over every released text; over the whole text
its rules alone cost a quarter of the redaction. But a released text is its original with some
ranges replaced, and the original was already read at ingest by a pipeline recorded per
document (`documents.entities_version`, extractors/entities/fingerprint.py). When that pipeline
is the one running now, the text outside windows around the replacements is byte-identical to
text the same deterministic pipeline read, so it would find the same spans there again.

The argument, for one document whose released text R aligns with its original O
(model_windows.align: R is O with exactly the released replacements substituted):

- Every recognizer decides a span from the span and a bounded context: the longest look-back
  in the recognizers is 160 characters (org_phrases), cues ("My name is", "Мене звати",
  "Я, …,", "пані", signature lines) and sentence-initial tests read a few words before the
  name, the statistical model its sentence and a few tokens. `CORE` (a replacement's sentence
  plus `model_windows.MARGIN_WORDS` words, and at least `REACH` characters either side) holds
  every span whose context touches a replacement; a span outside `CORE` has the same context
  in R as in O, so the pipeline found it in O: it is reused from the ingest-time entities.
  `CORE` grows to hold whole every ingest span it touches, so a reused span never crosses it.
- The pipeline reruns over `CORE` plus `REACH` characters of context either side (cut at white
  space), and keeps what it finds that touches `CORE`: those spans see the same context as in
  the whole text.
- Document-wide steps are redone over the whole text: overlapping spans are resolved and
  repeated parts of a full name are found again (pipeline `_echo_names`: "… Бережного …" far
  from the replaced "Тарасом Бережним") over the reused and rerun spans together.
  Norms completed document-wide (a date's year, a name's key) do not matter: whether a span is
  hidden depends on its norm only under a `generalize` operator, so a profile that generalises
  any label reads the whole text (the model still only in windows: model_windows.py).
- A reused span that the profile hides was replaced (redaction acts on every ingest span), so
  it sits inside `CORE`; reuse can only add what the whole-text run would report too.

Fail closed: the whole text is read when the document has no recorded pipeline version or
another one, no known original, a language other than uk/ru/en (language detection reads the
whole text), a text over one spaCy window (`WINDOW_CHARS`: the cut points would differ) or with
a long whitespace-free run, or when R is not O with the replacements substituted (edited on
disk, changed by a fix). Re-OCRed pages never align and are always read whole.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sestry.extractors.entities.base import Span
from sestry.extractors.entities.windows import MAX_RUN_CHARS, WINDOW_CHARS
from sestry.release.model_windows import (
    align,
    fill_gaps,
    grow,
    merge,
    model_detector,
    model_ranges,
    moved,
    overlaps,
    trusted,
)

Range = tuple[int, int]
REACH = 240  # characters of context each side; > the longest look-back of a recognizer (160)
LANGUAGES = frozenset({"uk", "ru", "en"})
ECHO = "echo@"  # the pipeline's name echoes (pipeline._echo_names): found again whole-text
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN_CHARS + 1},}}")
_SPACE = re.compile(r"\s")


@dataclass(frozen=True)
class Windows:
    """A released text's rerun plan: read `read` (merged ranges; the model only in `model`),
    keep what touches `core` (of the model's spans, what touches `model_core`), take `reused`
    (ingest spans moved into released offsets, all outside `core`, name echoes left to be
    found again) and fill gaps with `model_reused` (the model's ingest spans inside `core`
    but outside `model_core`), as the model fills the rules' gaps in the pipeline."""

    read: list[Range]
    core: list[Range]
    model: list[Range]
    model_core: list[Range]
    reused: list[Span]
    model_reused: list[Span]


def plan_windows(
    original: str | None,
    released: str,
    replaced: Sequence[Range],
    ingest_spans: Sequence[Span],
    language: str | None,
    version: str | None,
    current: str | None,
) -> Windows | None:
    """The rerun windows of `released`, or None when it must be read whole (see above)."""
    if (
        original is None
        or version is None
        or version != current
        or language not in LANGUAGES
        or max(len(original), len(released)) > WINDOW_CHARS
        or _LONG_RUN.search(original)
    ):
        return None
    runs = align(original, released, replaced)
    if runs is None:
        return None
    spans = moved(ingest_spans, runs)
    prefix = model_detector()
    model = model_ranges(
        released, replaced, [s for s in spans if prefix and s.detector.startswith(prefix)]
    )
    # the model's and the rules' windows, holding whole every ingest span they touch
    core = grow([*(model.read or []), *(_around(released, a, b) for a, b in replaced)], spans)
    read = merge([_around(released, a, b) for a, b in core])
    return Windows(
        read,
        core,
        model.read or [],
        model.core,
        [s for s in spans if not overlaps(s, core) and not s.detector.startswith(ECHO)],
        [s for s in model.reused if overlaps(s, core)],
    )


def model_windows(plan: Windows) -> list[list[Range]]:
    """Per read window, the model windows inside it (window offsets)."""
    return [
        [(max(a, lo) - lo, min(b, hi) - lo) for a, b in plan.model if a < hi and b > lo]
        for lo, hi in plan.read
    ]


def _around(text: str, start: int, end: int) -> Range:
    """[start, end) widened by `REACH` characters either side, out to white space."""
    lo, hi = max(0, start - REACH), min(len(text), end + REACH)
    while lo > 0 and not _SPACE.match(text, lo - 1):
        lo -= 1
    found = _SPACE.search(text, hi)
    return lo, found.start() if found else len(text)


def assemble(text: str, plan: Windows, found: Sequence[Sequence[Span]]) -> list[Span]:
    """The spans of the whole text: what each read window found (`found`, window offsets) that
    touches the core, plus the reused spans; overlaps resolved and name echoes found again over
    the whole text, as the pipeline does."""
    from sestry.extractors.entities.pipeline import _echo_names, resolve

    rerun: list[Span] = []
    for (start, _end), window_spans in zip(plan.read, found, strict=True):
        for span in window_spans:
            shifted = span.shifted(start)
            if overlaps(shifted, plan.core) and not span.detector.startswith(ECHO):
                rerun.append(shifted)
    rerun = fill_gaps(trusted(rerun, plan.model_core), plan.model_reused)
    spans = sorted([*plan.reused, *rerun], key=lambda s: (s.start, s.end))
    return _echo_names(text, resolve(spans))
