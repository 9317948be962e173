"""Residual detection: run the entity pipeline again over what is about to be released.

The leak-term checks only see what a recognizer found somewhere. This pass looks at the released
text itself (and at the re-OCRed pages): any entity of a label the profile hides or generalises
that is still there is a finding, and so is a capitalised word or a day-ordinal word next to a
generalised place or date ("[LOC: Львівська обл.] Журавлинці", "Дванадцятого 2022-03"), the
tail of a span the recognizer cut short. sestry's own replacements are blanked first, so they
are not found again. Returns offsets only: never text, never logged.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from sestry.core.digest import b3_bytes
from sestry.extractors.entities.base import Span
from sestry.redaction.engine import RedactedDocument
from sestry.redaction.operators import within_level
from sestry.redaction.profiles import Profile
from sestry.redaction.terms import fold, mask_markers
from sestry.release.model_windows import ModelPlan, fill_gaps, plan, trusted
from sestry.release.text_windows import Windows, assemble, model_windows, plan_windows
from sestry.schemas.tables import LABELS

Range = tuple[int, int]
_Key = tuple[str, str | None, tuple[Range, ...] | None]
_CACHE: dict[_Key, tuple[Span, ...]] = {}  # see _find_cached
_CACHE_MAX = 50_000  # texts remembered; cleared when full (spans are small, texts are not kept)
RESIDUAL_DETECTOR = "residual"
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_ORDINAL_STEMS = (
    # uk
    "перш", "друг", "трет", "четверт", "п'ят", "шост", "сьом", "восьм", "дев'ят", "десят",
    "одинадцят", "дванадцят", "тринадцят", "чотирнадцят", "п'ятнадцят", "шістнадцят",
    "сімнадцят", "вісімнадцят", "дев'ятнадцят", "двадцят", "тридцят",
    # ru
    "перв", "втор", "пят", "шест", "седьм", "девят", "одиннадцат", "двенадцат", "тринадцат",
    "четырнадцат", "пятнадцат", "шестнадцат", "семнадцат", "восемнадцат", "девятнадцат",
    "двадцат", "тридцат",
)  # fmt: skip
_ORDINAL_UK_RU = re.compile(
    "(?:" + "|".join(sorted(_ORDINAL_STEMS, key=len, reverse=True)) + ")"
    r"(?:ого|ього|ьего|ому|ьому|ий|ій|ый|ой|ая|ое|е|а|ім|ом|ье|ья|ий)"
)
_ORDINAL_EN = re.compile(
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
    r"thirtieth|\d{1,2}(?:st|nd|rd|th)|\d{1,2})"
)
_LINKS = frozenset({"of", "the"})  # words between a day and its month in English
_SENTENCE_END = re.compile(r"(?:^|[.!?…:;\n]\s*|[«\"“(]\s*)$")


@dataclass(frozen=True)
class Released:
    """One released entity: its offsets in the released text and its operator."""

    start: int
    end: int
    label: str
    operator: str


def hides(span: Span, profile: Profile) -> bool:
    """True when the profile hides or generalises this entity as it stands (a value already no
    finer than the generalisation level, or an allow-listed term, is not hidden)."""
    spec = profile.operator(span.label)
    if spec.kind == "keep" or profile.is_allowed(span.text):
        return False
    return not (
        spec.kind == "generalize"
        and within_level(span.label, span.norm, span.code, spec.level or "")
    )


def blank(text: str, ranges: Sequence[Range]) -> str:
    """`text` with the given ranges and sestry's markers replaced by spaces (same length)."""
    chars = list(text)
    for start, end in ranges:
        chars[max(0, start) : max(0, end)] = " " * (max(0, end) - max(0, start))
    return mask_markers("".join(chars)[: len(text)])


def residual_spans(
    texts: Sequence[str],
    languages: Sequence[str | None],
    released: Sequence[Sequence[Released]],
    profile: Profile,
    cleared: Sequence[Collection[str]] | None = None,
    originals: Sequence[str | None] | None = None,
    model_spans: Sequence[Sequence[Span]] | None = None,
    versions: Sequence[str | None] | None = None,
) -> list[list[Span]]:
    """Per text, the entities the profile hides that are still in it (offsets into the text).

    Replacements (every released entity not kept) are blanked first; a finding inside a kept
    entity is that entity (its label was decided when it was kept); a finding whose surface a
    reviewer removed from that document as "not an entity" (`cleared`, case-folded) is not one.
    With the text's analysed original, its ingest-time entity spans and the pipeline version
    that found them (`originals`, `model_spans`, `versions`), the pipeline reruns only around
    the replacements when that version is the running one (text_windows.py; a profile that
    generalises reruns the rules everywhere and the model around the replacements,
    model_windows.py); otherwise it reads the whole text.
    """
    cleared = cleared or [() for _ in texts]
    originals = originals or [None for _ in texts]
    model_spans = model_spans or [() for _ in texts]
    versions = versions or [None for _ in texts]
    replaced = [[(r.start, r.end) for r in rel if r.operator != "keep"] for rel in released]
    masked = [blank(text, ranges) for text, ranges in zip(texts, replaced, strict=True)]
    found = _analyse(masked, languages, replaced, originals, model_spans, versions, profile)
    out: list[list[Span]] = []
    for spans, rel, no in zip(found, released, cleared, strict=True):
        kept = [(r.start, r.end) for r in rel if r.operator == "keep"]
        out.append(
            [
                s
                for s in spans
                if hides(s, profile)
                and not any(a <= s.start and s.end <= b for a, b in kept)
                and s.text.casefold() not in no
            ]
        )
    return out


def _analyse(
    masked: Sequence[str],
    languages: Sequence[str | None],
    replaced: Sequence[Sequence[Range]],
    originals: Sequence[str | None],
    model_spans: Sequence[Sequence[Span]],
    versions: Sequence[str | None],
    profile: Profile,
) -> list[list[Span]]:
    """The pipeline's spans of each masked text: in windows where sound (text_windows.py),
    else over the whole text (the model in windows where sound, model_windows.py)."""
    current = _running_version() if any(versions) else None
    whole_rules = _generalises(profile)
    jobs: list[tuple[str, str | None, list[Range] | None]] = []
    plans: list[tuple[Windows | None, ModelPlan, int]] = []
    for text, language, ranges, original, spans, version in zip(
        masked, languages, replaced, originals, model_spans, versions, strict=True
    ):
        lang = _lang(language)
        reuse = version is not None and version == current
        windows = None
        if reuse and not whole_rules:
            windows = plan_windows(original, text, ranges, spans, lang, version, current)
        if windows is not None:
            plans.append((windows, ModelPlan(None, [], []), len(jobs)))
            inside = model_windows(windows)
            jobs += [(text[a:b], lang, m) for (a, b), m in zip(windows.read, inside, strict=True)]
            continue
        model = plan(original, text, ranges, spans) if reuse else ModelPlan(None, [], [])
        plans.append((None, model, len(jobs)))
        jobs.append((text, lang, model.read))
    found = _find_cached([j[0] for j in jobs], [j[1] for j in jobs], [j[2] for j in jobs])
    out: list[list[Span]] = []
    for text, (windows, model, first) in zip(masked, plans, strict=True):
        if windows is None:
            spans = found[first] if model.read is None else trusted(found[first], model.core)
            out.append(fill_gaps(spans, model.reused))
        else:
            out.append(assemble(text, windows, found[first : first + len(windows.read)]))
    return out


def _running_version() -> str:
    from sestry.extractors.entities.fingerprint import fingerprint

    return fingerprint()


def _generalises(profile: Profile) -> bool:
    """True when the profile generalises some label: whether a value is hidden then depends
    on norms completed across the whole text, which windows do not see."""
    return any(profile.operator(label).kind == "generalize" for label in LABELS)


def _find_cached(
    texts: list[str],
    languages: list[str | None],
    model_windows: list[list[Range] | None],
) -> list[list[Span]]:
    """find_entities_batch, remembered per (text, language, model windows) in this process.

    The redaction job runs the pass on each redacted text and validation runs it again on the
    released files: a text that did not change in between is the same input to the same
    deterministic pipeline, so its answer is reused instead of computed twice. A changed text
    (a fix applied, a file edited on disk) is a different key and is analysed afresh."""
    from sestry.extractors.entities.pipeline import find_entities_batch

    keys: list[_Key] = [
        (b3_bytes(text.encode("utf-8", "surrogatepass")), lang, None if w is None else tuple(w))
        for text, lang, w in zip(texts, languages, model_windows, strict=True)
    ]
    todo = [i for i, key in enumerate(keys) if key not in _CACHE]
    if todo:
        with _one_blas_thread():
            fresh = find_entities_batch(
                [texts[i] for i in todo],
                [languages[i] for i in todo],
                [model_windows[i] for i in todo],
            )
        if len(_CACHE) + len(todo) > _CACHE_MAX:
            _CACHE.clear()
        for i, spans in zip(todo, fresh, strict=True):
            _CACHE[keys[i]] = tuple(spans)
    return [list(_CACHE[key]) for key in keys]


def _one_blas_thread() -> contextlib.AbstractContextManager[object]:
    """BLAS on one thread while the pipeline runs: Slovnet's matrices are small, and OpenBLAS's
    extra threads spin on the shared cores for them (measured: ~4x the CPU time per window)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # an install without it: slower, same findings
        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


def residual_offsets(
    texts: Sequence[str],
    languages: Sequence[str | None],
    released: Sequence[Sequence[Released]],
    profile: Profile,
    cleared: Sequence[Collection[str]] | None = None,
    originals: Sequence[str | None] | None = None,
    model_spans: Sequence[Sequence[Span]] | None = None,
    versions: Sequence[str | None] | None = None,
) -> list[list[int]]:
    """Per text, the start offsets of `residual_spans` (what validation reports)."""
    found = residual_spans(
        texts, languages, released, profile, cleared, originals, model_spans, versions
    )
    return [[s.start for s in spans] for spans in found]


def neighbour_offsets(text: str, released: Sequence[Released]) -> list[int]:
    """Offsets of words that betray the rest of a generalised place or date (see
    `neighbours`)."""
    return sorted({start for start, _end, _r in neighbours(text, released)})


def neighbours(text: str, released: Sequence[Released]) -> list[tuple[int, int, Released]]:
    """(start, end, generalised span) of each word that betrays the rest of a generalised
    place or date: a day-ordinal word or day number next to a generalised date; a capitalised
    word right after a generalised place, or right before it when not at the start of a
    sentence."""
    folded = fold(text)
    taken = [(r.start, r.end) for r in released]
    out: list[tuple[int, int, Released]] = []
    for r in released:
        if r.operator != "generalize":
            continue
        for word_start, word, before in _neighbours(folded, r, taken):
            day = r.label in ("DATE", "DOB") and _is_day(word)
            name = (
                r.label == "LOC"
                and len(word) > 1
                and word[0].isupper()
                and not (before and _SENTENCE_END.search(folded[:word_start]))
            )
            if day or name:
                out.append((word_start, word_start + len(word), r))
    return out


def residual_fixes(
    originals: Sequence[str],
    languages: Sequence[str | None],
    redacted: Sequence[RedactedDocument],
    profile: Profile,
    cleared: Sequence[Collection[str]] | None = None,
    model_spans: Sequence[Sequence[Span]] | None = None,
    versions: Sequence[str | None] | None = None,
) -> list[list[Span]]:
    """Per document, spans (in original offsets) that hide what residual detection and the
    neighbourhood check find in its redacted text: each residual entity is redacted under its
    label, and a betraying neighbour is redacted together with the generalised span beside it
    (its generalisation was likely a guess from part of the name). Fail closed: never kept,
    never generalised."""
    released = [
        [Released(e.start, e.end, e.label, e.operator) for e in doc.entities] for doc in redacted
    ]
    texts = [d.text for d in redacted]
    found = residual_spans(
        texts, languages, released, profile, cleared, originals, model_spans, versions
    )
    out: list[list[Span]] = []
    for text, doc, rel, spans in zip(originals, redacted, released, found, strict=True):
        fixes = []
        for span in spans:
            start, end = to_original(doc.edits, span.start), to_original(doc.edits, span.end)
            fixes.append(_fix(text, start, end, span.label))
        for word_start, word_end, near in neighbours(doc.text, rel):
            old = next((e for e in doc.edits if e[2] == near.start), None)
            start, end = to_original(doc.edits, word_start), to_original(doc.edits, word_end)
            if old is not None:
                start, end = min(start, old[0]), max(end, old[1])
            fixes.append(_fix(text, start, end, near.label))
        out.append(fixes)
    return out


def _fix(text: str, start: int, end: int, label: str) -> Span:
    return Span(start, end, label, text[start:end], detector=RESIDUAL_DETECTOR, redact_always=True)


def to_original(edits: Sequence[tuple[int, int, int, int]], offset: int) -> int:
    """Move an offset of the redacted text (outside every replacement) back into the original
    text; `edits` are the engine's (old_start, old_end, new_start, new_end), in order."""
    shift = 0
    for _old_start, old_end, _new_start, new_end in edits:
        if new_end > offset:
            break
        shift = old_end - new_end
    return offset + shift


def _neighbours(text: str, r: Released, taken: Sequence[Range]) -> list[tuple[int, str, bool]]:
    """The word right after and right before a replacement, separated by spaces only."""
    found: list[tuple[int, str, bool]] = []
    after = re.compile(r"[ \t\u00a0]+").match(text, r.end)
    if after:
        word = _WORD.match(text, after.end())
        if word and not _inside(word.start(), taken):
            found.append((word.start(), word.group(), False))
    head = text[: r.start]
    for _ in range(2):  # "twelfth of 2022-03": look past one small linking word
        match = re.search(r"([^\W_]+(?:'[^\W_]+)*)[ \t\u00a0]+$", head)
        if not match or _inside(match.start(1), taken):
            break
        found.append((match.start(1), match.group(1), True))
        if match.group(1).casefold() not in _LINKS:
            break
        head = head[: match.start(1)]
    return found


def _inside(offset: int, taken: Sequence[Range]) -> bool:
    return any(a <= offset < b for a, b in taken)


def _is_day(word: str) -> bool:
    key = word.casefold()
    if _ORDINAL_UK_RU.fullmatch(key) or _ORDINAL_EN.fullmatch(key):
        digits = re.match(r"\d+", key)
        return digits is None or 1 <= int(digits.group()) <= 31
    return False


def _lang(language: str | None) -> str | None:
    return language if language in ("uk", "ru", "en") else None
