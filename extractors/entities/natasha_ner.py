"""Natasha (Slovnet NER, MIT) as a Russian detector, merged with the rules like a trained model.

Why: on Russian text Natasha finds people, places and organisations that no rule or list knows
(issue 10 measured it on factRuEval-2016: PERSON 0.94/0.97, LOC 0.86/0.94, ORG 0.71/0.92). Its
weights ship inside the `natasha` wheel, so it runs offline. Its entities fill the gaps the
rules leave: a Natasha span that overlaps any rule span is dropped. Off with SESTRY_NATASHA=0,
and absent when natasha is not installed.
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib import metadata
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from sestry.extractors.entities.base import Span

ENV = "SESTRY_NATASHA"
# Doc.user_data key: the segment string itself (doc.text rebuilds it from the tokens: slow)
TEXT = "sestry_text"
WINDOWS = "sestry_model_windows"  # Doc.user_data key: [(start, end)] the model is limited to
_LABELS = {"PER": "PERSON", "LOC": "LOC", "ORG": "ORG"}
SCORE = 0.5


def enabled() -> bool:
    """True when natasha is installed and not switched off ($SESTRY_NATASHA=0)."""
    if os.environ.get(ENV, "1").strip() in ("0", "false", "no", "off"):
        return False
    return _installed()


@lru_cache(maxsize=1)
def _installed() -> bool:
    """Whether natasha is installed, looked up once per process (a few ms per lookup, which
    every Russian document paid)."""
    try:
        metadata.version("natasha")
    except metadata.PackageNotFoundError:
        return False
    return True


@lru_cache(maxsize=1)
def _models() -> tuple[Any, Any, str]:
    """(segmenter, NER tagger, version): loaded once per process (~3 s, ~30 MiB)."""
    from natasha import NewsEmbedding, NewsNERTagger, Segmenter

    return Segmenter(), NewsNERTagger(NewsEmbedding()), metadata.version("natasha")


def natasha_spans(text: str) -> list[Span]:
    """PERSON, LOC and ORG candidates of one Russian text, offsets into `text`."""
    from natasha import Doc as NatashaDoc

    segmenter, tagger, version = _models()
    doc = NatashaDoc(text)
    doc.segment(segmenter)
    doc.tag_ner(tagger)
    out = []
    for s in doc.spans:
        label = _LABELS.get(s.type)
        if label and 0 <= s.start < s.stop <= len(text):
            surface = text[s.start : s.stop]
            out.append(Span(s.start, s.stop, label, surface, surface.lower(),
                            f"natasha@{version}:{s.type}", SCORE))  # fmt: skip
    return out


def doc_text(doc: Doc) -> str:
    """The segment string the doc was made from (set by find_entities_batch), else doc.text."""
    text = doc.user_data.get(TEXT)
    return doc.text if text is None else text


@Language.component("sestry_natasha")
def _natasha_component(doc: Doc) -> Doc:
    """Add Natasha's entities where no rule found anything: they fill gaps, never reshape a
    rule's span (measured: letting its longer spans win cost exact PERSON offsets, "гражданин
    Иванов" for "Иванов")."""
    found: list[Span] = doc.user_data.setdefault("sestry_spans", [])
    text = doc_text(doc)
    taken = bytearray(len(text) + 1)
    for s in found:
        taken[s.start : s.end] = b"\x01" * (s.end - s.start)
    ranges = doc.user_data.get(WINDOWS)  # set by find_entities_batch(model_windows=...)
    spans = (
        natasha_spans(text)
        if ranges is None
        else [s.shifted(a) for a, b in ranges for s in natasha_spans(text[a:b])]
    )
    found.extend(s for s in spans if not any(taken[s.start : s.end]))
    return doc
