"""The entity pipeline: one spaCy pipeline per language, assembled in code, run with nlp.pipe.

`spacy.blank(lang)` (or a trained pipeline named in $SESTRY_NER_MODELS, e.g.
"en=en_core_web_sm,uk=uk_core_news_sm", when that package is installed) + the component
"sestry_recognizers" (every registered recognizer) + "sestry_trained_ner" (maps a trained
pipeline's entities, if any). Spans from all languages of a document are then merged: the longest,
then the highest-scoring span wins an overlap, and DATE norms are completed document-wide.
Never logs text.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Sequence
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from sestry.extractors.entities import morph, natasha_ner
from sestry.extractors.entities.base import Span
from sestry.extractors.entities.dates import resolve_norms
from sestry.extractors.entities.en_names import XLOW, XUP
from sestry.extractors.entities.langid import LANGS, detect_language, split_by_language
from sestry.extractors.entities.registry import recognizers
from sestry.extractors.entities.windows import check_length, windows

log = logging.getLogger(__name__)

VERSION = "entities-0.14.1"
MODELS_ENV = "SESTRY_NER_MODELS"
BATCH_SIZE = 64
_TRAINED_LABELS = {
    "PER": "PERSON", "PERSON": "PERSON", "LOC": "LOC", "GPE": "LOC", "ORG": "ORG",
    "DATE": "DATE", "TIME": "TIME", "FAC": "LOC", "NORP": None,
}  # fmt: skip
_LABEL_RANK = {
    "TAX_ID": 0, "ID_DOC": 1, "PHONE": 2, "EMAIL": 3, "MILITARY_UNIT": 4, "VEHICLE_PLATE": 5,
    "ADDRESS": 6, "DOB": 7, "CALLSIGN": 8, "PERSON": 9, "DATE": 10, "TIME": 11, "LOC": 12,
    "ORG": 13,
}  # fmt: skip


@Language.component("sestry_recognizers")
def _recognizers_component(doc: Doc) -> Doc:
    """Run every recognizer for this language over the doc's text."""
    lang = doc.lang_
    # doc.text is rebuilt from the tokens on every access (a Token object per token, ~15% of
    # the rules' time); spaCy's tokenizer is non-destructive, so the input string is the same.
    text = natasha_ner.doc_text(doc)
    found: list[Span] = doc.user_data.setdefault("sestry_spans", [])
    for rec in recognizers():
        if lang in rec.languages:
            found.extend(rec.find(text, lang))
    return doc


@Language.component("sestry_trained_ner")
def _trained_ner_component(doc: Doc) -> Doc:
    """Add a trained pipeline's entities (mapped to sestry labels) as candidates."""
    found: list[Span] = doc.user_data.setdefault("sestry_spans", [])
    for ent in doc.ents:
        label = _TRAINED_LABELS.get(ent.label_)
        if label:
            found.append(
                Span(ent.start_char, ent.end_char, label, ent.text, ent.text.lower(),
                     f"spacy_ner@{doc.vocab.lang}:{ent.label_}", 0.5)
            )  # fmt: skip
    return doc


def trained_models() -> dict[str, str]:
    """Configured trained pipelines ($SESTRY_NER_MODELS="en=en_core_web_sm,...")."""
    out: dict[str, str] = {}
    for item in os.environ.get(MODELS_ENV, "").split(","):
        lang, _, name = item.strip().partition("=")
        if lang in LANGS and name:
            out[lang] = name
    return out


@lru_cache(maxsize=8)
def get_nlp(lang: str) -> Language:
    """The pipeline for `lang` ("uk", "ru" or "en"); built once per process."""
    if lang not in LANGS:
        raise ValueError(f"unsupported language code: {lang!r}")
    model = trained_models().get(lang)
    if model and spacy.util.is_package(model):
        nlp = spacy.load(model, exclude=["lemmatizer", "parser", "attribute_ruler"])
        nlp.add_pipe("sestry_trained_ner", last=True)
        log.info("entities: %s uses trained pipeline %s", lang, model)
    else:
        if model:
            log.warning("entities: trained pipeline %s is not installed; using rules", model)
        nlp = spacy.blank(lang)
    nlp.add_pipe("sestry_recognizers", last=True)
    if lang == "ru" and natasha_ner.enabled():  # the default Russian NER model (natasha_ner.py)
        nlp.add_pipe("sestry_natasha", last=True)
    return nlp


def find_entities(text: str, language: str | None = None) -> list[Span]:
    """Entities of one text, sorted by offset; `language` None → detected per sentence run."""
    return find_entities_batch([text], [language])[0]


def find_entities_batch(
    texts: Sequence[str],
    languages: Sequence[str | None] | None = None,
    model_windows: Sequence[Sequence[tuple[int, int]] | None] | None = None,
) -> list[list[Span]]:
    """Entities of many texts (offsets into each text as given), using nlp.pipe in batches.

    `model_windows` (per text; None = the whole text) limits the statistical model (Natasha)
    to those ranges; the rules always read the whole text. The release's residual pass uses it
    to re-run the model only where the released text differs from the analysed original."""
    if languages is None:
        languages = [None] * len(texts)
    if model_windows is None:
        model_windows = [None] * len(texts)
    if not len(languages) == len(model_windows) == len(texts):
        raise ValueError("texts, languages and model_windows differ in length")
    jobs: dict[str, list[tuple[int, int, str]]] = {lang: [] for lang in LANGS}
    for index, (text, lang) in enumerate(zip(texts, languages, strict=True)):
        check_length(text)  # over the documented limit: too_large, before any analysis
        for start, end, seg_lang in windows(text, _segments(text, lang)):
            jobs[seg_lang].append((index, start, text[start:end]))
    found: list[list[Span]] = [[] for _ in texts]
    for lang, items in jobs.items():
        if not items:
            continue
        nlp = get_nlp(lang)
        inputs = (
            _with_windows(nlp, seg, start, model_windows[index]) for index, start, seg in items
        )
        docs = nlp.pipe(inputs, batch_size=BATCH_SIZE)
        for (index, start, _), doc in zip(items, docs, strict=True):
            found[index].extend(s.shifted(start) for s in doc.user_data.get("sestry_spans", ()))
    return [_echo_names(text, resolve(spans)) for text, spans in zip(texts, found, strict=True)]


def _with_windows(
    nlp: Language, seg: str, start: int, ranges: Sequence[tuple[int, int]] | None
) -> Doc:
    """The segment as nlp.pipe input (a Doc carrying the segment string itself), with its
    part of the model windows (segment offsets) when the model is limited to windows."""
    doc = nlp.make_doc(seg)
    doc.user_data[natasha_ner.TEXT] = seg
    if ranges is None:
        return doc
    end = start + len(seg)
    doc.user_data[natasha_ner.WINDOWS] = [
        (max(a, start) - start, min(b, end) - start) for a, b in ranges if a < end and b > start
    ]
    return doc


def _segments(text: str, lang: str | None) -> list[tuple[int, int, str]]:
    if not text:
        return []
    if lang in LANGS:
        return [(0, len(text), lang)]
    if lang not in (None, "mixed", "und"):
        raise ValueError(f"unsupported language code: {lang!r}")
    whole = detect_language(text)
    default = whole if whole in LANGS else "uk"
    return list(split_by_language(text, default=default))


def resolve(spans: list[Span]) -> list[Span]:
    """Keep non-overlapping spans (longest, then best score, then label rank); complete norms."""
    ranked = sorted(
        spans, key=lambda s: (-(s.end - s.start), -s.score, _LABEL_RANK.get(s.label, 99), s.start)
    )
    taken: list[Span] = []
    occupied = bytearray(max((s.end for s in spans), default=0))  # linear, not pairwise
    for s in ranked:
        if any(occupied[s.start : s.end]):
            continue
        taken.append(s)
        occupied[s.start : s.end] = b"\x01" * (s.end - s.start)
    taken.sort(key=lambda s: (s.start, s.end))
    return _person_keys(resolve_norms(taken))


def _person_keys(spans: list[Span]) -> list[Span]:
    """A lone first name or surname takes the key of the one full name in the text it belongs to."""
    full = [s.norm for s in spans if s.label == "PERSON" and s.norm and " " in s.norm]
    if not full:
        return spans
    out = []
    for s in spans:
        if s.label == "PERSON" and s.norm and " " not in s.norm:
            owners = {f for f in full if s.norm in f.split()}
            if len(owners) == 1:
                s = Span(s.start, s.end, s.label, s.text, owners.pop(), s.detector, s.score,
                         s.code, s.oblast)  # fmt: skip
        out.append(s)
    return out


_CAPWORD = re.compile(rf"(?<![\w.])[{XUP}][{XLOW}]{{2,}}")  # "Kamiński" too (en_names)
_RU_ONLY = frozenset("ыэъё")


def _echo_names(text: str, spans: list[Span]) -> list[Span]:
    """A word repeating part of a full name found in the same text is that person too.

    "Тарасом Бережним … Бережного перевели": the lone surname is found by its lemma and takes
    the full name's key. Only a part of exactly one full name counts.
    """
    owners: dict[str, set[str]] = {}
    for s in spans:
        if s.label == "PERSON" and s.norm and " " in s.norm:
            for part in s.norm.split():
                if not part.endswith("."):
                    owners.setdefault(part, set()).add(s.norm)
    if not owners:
        return spans
    covered = bytearray(len(text))
    for s in spans:
        covered[s.start : s.end] = b"\x01" * (s.end - s.start)
    extra: list[Span] = []
    for m in _CAPWORD.finditer(text):
        if any(covered[m.start() : m.end()]):
            continue
        low = m.group().lower()
        forms = {low}
        if not low[0].isascii():
            forms.update(morph.lemmas("ru" if _RU_ONLY & set(low) else "uk", low))
        keys = set().union(*(owners.get(f, set()) for f in forms))
        if len(keys) == 1:
            extra.append(
                Span(m.start(), m.end(), "PERSON", m.group(), keys.pop(), "echo@1:name_part", 0.6)
            )
    if not extra:
        return spans
    return sorted([*spans, *extra], key=lambda s: (s.start, s.end))
