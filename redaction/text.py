"""Dataset-wide text work: leak terms from the entities table, the sweep, and row builders.

The sweep turns further occurrences of a redacted entity's surface forms or lemmas (in any
document, recognised or not) into redactions, so a name found once is hidden everywhere.
Validation uses the same terms (`build_terms`), so what the sweep hides is what it checks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from sestry.extractors.entities.base import Span
from sestry.redaction.engine import RedactedDocument, entity_ref
from sestry.redaction.operators import (
    DENY_LABEL,
    apply,
    generalize_date,
)
from sestry.redaction.profiles import Profile
from sestry.redaction.pseudonyms import pseudonym
from sestry.redaction.terms import (
    LeakTerms,
    Lemmatizer,
    Origin,
    TermMatcher,
    add_entity,
    as_int,
    fold_key,
)

_LETTERS = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
# Speaker labels that name a role, not a person (compared case-folded, per word).
SPEAKER_ROLES: frozenset[str] = frozenset(
    {
        "інтерв'юер",
        "інтерв'юерка",
        "интервьюер",
        "interviewer",
        "респондент",
        "респондентка",
        "respondent",
        "speaker",
        "спікер",
        "спикер",
        "голос",
        "voice",
        "свідок",
        "свідка",
        "свидетель",
        "witness",
        "перекладач",
        "перекладачка",
        "переводчик",
        "interpreter",
        "translator",
        "журналіст",
        "журналістка",
        "журналист",
        "journalist",
        "невідомий",
        "невідома",
        "неизвестный",
        "unknown",
        "особа",
        "person",
        "жінка",
        "чоловік",
        "женщина",
        "мужчина",
        "woman",
        "man",
        "документатор",
        "документаторка",
        "юрист",
        "юристка",
        "lawyer",
        "психолог",
        "psychologist",
        "q",
        "a",
        "питання",
        "відповідь",
    }
)
_DUMMY_KEY = bytes(32)  # replacement *text* of generalize/redact does not depend on the key


def entity_spans(rows: Iterable[Mapping[str, object]]) -> list[Span]:
    """Spans from internal `entities` rows (as dicts)."""
    return [
        Span(
            as_int(row["start"]),
            as_int(row["end"]),
            str(row["label"]),
            str(row["text"]),
            norm=_opt(row.get("norm")),
            detector=str(row.get("detector") or ""),
            score=_score(row.get("score")),
            code=_opt(row.get("code")),
            oblast=_opt(row.get("oblast")),
        )
        for row in rows
    ]


def build_terms(
    entity_rows: Iterable[Mapping[str, object]],
    profile: Profile,
    lemmatizer: Lemmatizer | None,
    speakers: Iterable[str | None] = (),
) -> LeakTerms:
    """Leak terms of every entity the profile does not keep, plus the profile's deny terms,
    plus transcript speaker labels (often names) unless the profile keeps PERSON.

    Allow-listed terms are dropped; so is a term that legitimately appears in its own
    generalised replacement (e.g. the year of a date generalised to the year).
    """
    terms = LeakTerms()
    add_entity_terms(terms, entity_rows, profile, lemmatizer)
    return finish_terms(terms, profile, speakers)


def add_entity_terms(
    terms: LeakTerms,
    entity_rows: Iterable[Mapping[str, object]],
    profile: Profile,
    lemmatizer: Lemmatizer | None,
) -> None:
    """The entity part of `build_terms`, into `terms`: called once per batch of documents, so
    the dataset's terms are built without holding every entity row at once (the result is the
    same whatever the batches: terms are keyed sets)."""
    for span in entity_spans(entity_rows):
        if profile.is_allowed(span.text):
            continue
        spec = profile.operator(span.label)
        if spec.kind == "keep":
            continue
        origin = Origin(span.label, span.norm, span.code, span.oblast)
        own = LeakTerms()
        add_entity(own, origin, span.text, lemmatizer)
        if spec.kind == "generalize":
            shown = fold_key(apply(spec, entity_ref(span), _DUMMY_KEY).text)
            own.discard([k for k in own.phrases if _contains_token(shown, k)])
            if lemmatizer is not None and own.lemmas:
                shown_lemmas = set().union(*(lemmatizer.lemmas(t) for t in _LETTERS.findall(shown)))
                own.discard([k for k in list(own.lemmas) if k in shown_lemmas])
        for key, origins in own.phrases.items():
            terms.phrases.setdefault(key, set()).update(origins)
        for key, origins in own.lemmas.items():
            terms.lemmas.setdefault(key, set()).update(origins)


def finish_terms(
    terms: LeakTerms, profile: Profile, speakers: Iterable[str | None] = ()
) -> LeakTerms:
    """The rest of `build_terms` once every entity is in: speaker labels (after all entities,
    since a speaker term yields to an entity's), deny terms, then the allow list."""
    _add_speakers(terms, speakers, profile)
    deny = Origin(DENY_LABEL, None, None, None)
    for term in profile.deny:
        terms.add_phrase(term, deny)
    terms.discard([fold_key(term) for term in profile.allow])
    return terms


def _add_speakers(terms: LeakTerms, speakers: Iterable[str | None], profile: Profile) -> None:
    """Speaker labels that are not roles become PERSON terms (phrase and name tokens), unless a
    recognised entity already gave the same term (its pseudonym then stays consistent)."""
    if profile.operator("PERSON").kind == "keep":
        return
    # sorted: two speakers sharing a name token give it the first one's origin, the same in
    # every process (a set's order changes with the string hash seed)
    for speaker in sorted({fold_key(s) for s in speakers if s}):
        tokens = [t for t in _LETTERS.findall(speaker) if t not in SPEAKER_ROLES]
        if not tokens:
            continue
        origin = Origin("PERSON", speaker, None, None)
        own = LeakTerms()
        own.add_phrase(speaker, origin)
        for token in tokens:
            own.add_phrase(token, origin)
        for key, origins in own.phrases.items():
            if key not in terms.phrases and key not in SPEAKER_ROLES:
                terms.phrases[key] = origins


def sweep_spans(text: str, matcher: TermMatcher, covered: Sequence[Span]) -> list[Span]:
    """Spans for term hits in `text` not already inside a recognised span.

    A hit whose term came from one entity takes that entity's label and norm (same pseudonym
    or generalisation); a term shared by several entities is redacted.
    """
    spans = []
    for hit in matcher.find(text):
        if any(s.start <= hit.start and hit.end <= s.end for s in covered):
            continue
        origins = matcher.origins(hit)
        surface = text[hit.start : hit.end]
        if len(origins) == 1:
            (o,) = origins
            spans.append(
                Span(
                    hit.start,
                    hit.end,
                    o.label,
                    surface,
                    norm=o.norm,
                    detector="sweep",
                    code=o.code,
                    oblast=o.oblast,
                    redact_always=o.label == DENY_LABEL,
                )
            )
        else:
            label = min(o.label for o in origins) if origins else DENY_LABEL
            spans.append(
                Span(hit.start, hit.end, label, surface, detector="sweep", redact_always=True)
            )
    return spans


def document_row(
    doc: Mapping[str, object], redacted: RedactedDocument, profile: Profile, key: bytes
) -> dict[str, object]:
    """The released documents row: redacted text; no source_name, consent, audio link or
    ingest time; case_id and collected_at as the profile says."""
    case_id = _opt(doc.get("case_id"))
    if case_id is not None and profile.columns.case_id == "pseudonym":
        case_id = pseudonym("CASE", case_id, key)
    elif profile.columns.case_id == "drop":
        case_id = None
    return {
        "doc_id": doc["doc_id"],
        "case_id": case_id,
        "kind": doc["kind"],
        "media_type": doc["media_type"],
        "language": doc.get("language"),
        "text": redacted.text,
        "pages": doc["pages"],
        "method": doc["method"],
        "ocr_confidence": doc.get("ocr_confidence"),
        "collected_at": released_date(_opt(doc.get("collected_at")), profile.columns.collected_at),
        "extractor_version": doc["extractor_version"],
        "duration_s": doc.get("duration_s"),
    }


def released_date(value: str | None, policy: str) -> str | None:
    """collected_at under the profile's column policy; unparseable dates are dropped."""
    if value is None or policy == "drop":
        return None
    if policy == "keep":
        return value
    general = generalize_date(value, policy.partition(":")[2])
    return general[0] if general else None


def segment_rows(
    rows: Sequence[Mapping[str, object]], redacted: RedactedDocument
) -> list[dict[str, object]]:
    """Segments with offsets moved into the redacted text and speakers replaced by S1, S2...

    (speaker labels are often names)."""
    speakers: dict[str, str] = {}
    out = []
    for row in rows:
        speaker = _opt(row.get("speaker"))
        if speaker is not None:
            speaker = speakers.setdefault(fold_key(speaker), f"S{len(speakers) + 1}")
        out.append(
            {
                "doc_id": row["doc_id"],
                "seq": row["seq"],
                "page": row.get("page"),
                "start": redacted.remap(as_int(row["start"])),
                "end": redacted.remap(as_int(row["end"]), is_end=True),
                "speaker": speaker,
                "t_start": row.get("t_start"),
                "t_end": row.get("t_end"),
            }
        )
    return out


def entity_rows(redacted: RedactedDocument) -> list[dict[str, object]]:
    """Released entities: label, operator, replacement, released norm; never the surface text
    or the norm of a redacted or pseudonymised entity."""
    return [
        {
            "doc_id": redacted.doc_id,
            "start": e.start,
            "end": e.end,
            "label": e.label,
            "operator": e.operator,
            "replacement": e.replacement,
            "norm": e.norm,
            "detector": e.detector,
            "score": e.score,
        }
        for e in redacted.entities
    ]


def _contains_token(haystack: str, key: str) -> bool:
    return re.search(rf"(?<![\w']){re.escape(key)}(?![\w'])", haystack) is not None


def _score(value: object) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


__all__ = [
    "build_terms",
    "document_row",
    "entity_rows",
    "entity_spans",
    "released_date",
    "segment_rows",
    "sweep_spans",
]
