"""The redaction engine: one document's text and spans in, redacted text and a log out. Pure.

Spans are extended to whole tokens, overlapping spans merge (the strictest operator covers the
union, so a replacement never leaves part of a name), allow-listed terms are kept and deny-listed
terms are always redacted. The log names offsets, labels and operators, never the original text.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sestry.extractors.entities.base import Span
from sestry.redaction.operators import (
    DENY_LABEL,
    KEEP,
    REDACT,
    STRICTNESS,
    EntityRef,
    OperatorSpec,
    Replacement,
    apply,
)
from sestry.redaction.profiles import Profile
from sestry.redaction.terms import LeakTerms, Origin, TermMatcher

_APOSTROPHES = "'’ʼ"



def entity_ref(span: Span) -> EntityRef:
    """What an operator sees of a span: label, surface, norm and place codes."""
    return EntityRef(span.label, span.text, span.norm, span.code, span.oblast)


@dataclass(frozen=True)
class LogItem:
    """One applied redaction, in original offsets; no surface text."""

    start: int
    end: int
    label: str
    operator: str
    replacement_kind: str


@dataclass(frozen=True)
class ReleasedEntity:
    """An entity as released: offsets into the redacted text and what stands there."""

    start: int
    end: int
    label: str
    operator: str
    replacement: str
    norm: str | None
    detector: str
    score: float


@dataclass(frozen=True)
class RedactedDocument:
    """Redacted text, its released entities, and the offset map to move other offsets."""

    doc_id: str
    text: str
    entities: tuple[ReleasedEntity, ...]
    edits: tuple[tuple[int, int, int, int], ...]  # (old_start, old_end, new_start, new_end)

    def remap(self, offset: int, *, is_end: bool = False) -> int:
        """Move an offset of the original text into the redacted text.

        An offset inside a replaced span goes to the replacement's start (a segment start) or
        end (a segment end), so a segment never cuts a replacement in half.
        """
        starts = [edit[0] for edit in self.edits]
        index = bisect.bisect_right(starts, offset) - 1
        if index < 0:
            return offset
        old_start, old_end, new_start, new_end = self.edits[index]
        if offset == old_start:
            return new_start
        if offset < old_end:
            return new_end if is_end else new_start
        return offset - old_end + new_end


@dataclass(frozen=True)
class RedactionLog:
    """What was done to one document: offsets, labels, operators, replacement kinds."""

    doc_id: str
    items: tuple[LogItem, ...]

    def counts(self) -> Counter[tuple[str, str]]:
        """Count of (label, operator) pairs."""
        return Counter((item.label, item.operator) for item in self.items)


def redact_document(
    doc: dict[str, object], spans: Iterable[Span], profile: Profile, keys: bytes
) -> tuple[RedactedDocument, RedactionLog]:
    """Redact `doc["text"]` (doc needs doc_id and text) under `profile`.

    `keys` is the derived pseudonym key (redaction.pseudonyms.derive_pseudonym_key). Deny terms
    of the profile are found here; extra spans (e.g. the dataset sweep) come in through `spans`.
    """
    doc_id = str(doc["doc_id"])
    text = str(doc["text"])
    planned = [_plan(span, profile, text) for span in spans]
    planned += [_plan(span, profile, text) for span in deny_spans(text, profile.deny)]
    clusters = _cluster(sorted(planned, key=lambda p: (p[0].start, -p[0].end)))
    out: list[str] = []
    edits: list[tuple[int, int, int, int]] = []
    released: list[ReleasedEntity] = []
    log: list[LogItem] = []
    cursor = 0
    length = 0
    for start, end, members in clusters:
        winner_span, winner_spec = max(
            members, key=lambda m: (STRICTNESS[m[1].kind], m[0].end - m[0].start)
        )
        out.append(text[cursor:start])
        length += start - cursor
        if winner_spec.kind == "keep":
            for span, _ in members:
                new_start = length + span.start - start
                released.append(
                    _released(
                        span,
                        new_start,
                        new_start + span.end - span.start,
                        apply(KEEP, entity_ref(span), keys),
                    )
                )
                log.append(LogItem(span.start, span.end, span.label, "keep", "original"))
            out.append(text[start:end])
            length += end - start
        else:
            replacement = apply(winner_spec, entity_ref(winner_span), keys)
            out.append(replacement.text)
            new_start, new_end = length, length + len(replacement.text)
            length = new_end
            edits.append((start, end, new_start, new_end))
            released.append(_released(winner_span, new_start, new_end, replacement))
            log.append(
                LogItem(start, end, winner_span.label, replacement.operator, replacement.kind)
            )
        cursor = end
    out.append(text[cursor:])
    redacted = RedactedDocument(doc_id, "".join(out), tuple(released), tuple(edits))
    return redacted, RedactionLog(doc_id, tuple(log))


def deny_spans(text: str, deny: Sequence[str]) -> list[Span]:
    """Every whole-token occurrence of a deny term, as a forced-redact span."""
    if not deny:
        return []
    terms = LeakTerms()
    origin = Origin(DENY_LABEL, None, None, None)
    for term in deny:
        terms.add_phrase(term, origin)
    matcher = TermMatcher(terms)
    return [
        Span(
            hit.start,
            hit.end,
            DENY_LABEL,
            text[hit.start : hit.end],
            detector="profile:deny",
            redact_always=True,
        )
        for hit in matcher.find(text)
    ]


def _plan(span: Span, profile: Profile, text: str) -> tuple[Span, OperatorSpec]:
    if not 0 <= span.start < span.end <= len(text):
        # Offsets that do not fit the text cannot be trusted: cover the whole text.
        whole = Span(0, len(text), span.label, text, detector=span.detector, redact_always=True)
        return whole, REDACT
    if span.redact_always:
        spec = REDACT
    elif profile.is_allowed(span.text):
        spec = KEEP
    else:
        spec = profile.operator(span.label)
    if spec.kind != "keep":
        start, end = _whole_tokens(text, span.start, span.end)
        if (start, end) != (span.start, span.end):
            span = dataclasses.replace(span, start=start, end=end, text=text[start:end])
    return span, spec


def _cluster(
    planned: list[tuple[Span, OperatorSpec]],
) -> list[tuple[int, int, list[tuple[Span, OperatorSpec]]]]:
    """Group overlapping spans; a cluster covers the union of its members."""
    clusters: list[tuple[int, int, list[tuple[Span, OperatorSpec]]]] = []
    for span, spec in planned:
        if clusters and span.start < clusters[-1][1]:
            start, end, members = clusters[-1]
            members.append((span, spec))
            clusters[-1] = (start, max(end, span.end), members)
        else:
            clusters.append((span.start, span.end, [(span, spec)]))
    return clusters


def _is_word(text: str, index: int) -> bool:
    if not 0 <= index < len(text):
        return False
    char = text[index]
    if char.isalnum():
        return True
    return (
        char in _APOSTROPHES
        and 0 < index < len(text) - 1
        and text[index - 1].isalnum()
        and text[index + 1].isalnum()
    )


def _whole_tokens(text: str, start: int, end: int) -> tuple[int, int]:
    """Extend [start, end) outwards so it does not cut a word."""
    while start > 0 and _is_word(text, start - 1) and _is_word(text, start):
        start -= 1
    while end < len(text) and _is_word(text, end - 1) and _is_word(text, end):
        end += 1
    return start, end


def _released(span: Span, start: int, end: int, replacement: Replacement) -> ReleasedEntity:
    return ReleasedEntity(
        start,
        end,
        span.label,
        replacement.operator,
        replacement.text,
        replacement.norm,
        span.detector,
        float(span.score),
    )
