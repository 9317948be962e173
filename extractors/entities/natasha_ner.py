"""Natasha (Slovnet NER, MIT) as a Russian detector, merged with the rules like a trained model.

Why: on Russian text Natasha finds people, places and organisations that no rule or list knows
(issue 10 measured it on factRuEval-2016: PERSON 0.94/0.97, LOC 0.86/0.94, ORG 0.71/0.92). Its
weights ship inside the `natasha` wheel, so it runs offline. Its entities fill the gaps the
rules leave, and settle the rules' weakest PERSON guesses (`merge`). Off with SESTRY_NATASHA=0,
and absent when natasha is not installed.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from importlib import metadata
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from sestry.extractors.entities import morph
from sestry.extractors.entities.base import Span
from sestry.extractors.entities.chars import words
from sestry.extractors.entities.name_tokens import TITLES, kind, person_norm
from sestry.extractors.entities.names import person_word, world_place

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
    """Merge Natasha's entities with the rules' (see `merge`)."""
    found: list[Span] = doc.user_data.setdefault("sestry_spans", [])
    text = doc_text(doc)
    ranges = doc.user_data.get(WINDOWS)  # set by find_entities_batch(model_windows=...)
    spans = (
        natasha_spans(text)
        if ranges is None
        else [s.shifted(a) for a, b in ranges for s in natasha_spans(text[a:b])]
    )
    found[:] = merge(text, found, spans)
    return doc


# Lower-case particles inside foreign names ("Карим бин Салех", "Анна Ле Гофф", "аль-Хашими").
_PARTICLES = words(
    "бин ибн бен аль эль ал ль ле ла де дю да ди дель делла дос ван фон дер ден оглы кызы"
)
_SENTENCE_START = re.compile(r"(?:[.!?…]\s*|^\s*|\n\s*)$")
_EXTRA_WORD = re.compile(r"[\w'’-]+")


def merge(text: str, rules: list[Span], model: list[Span]) -> list[Span]:
    """The rules' spans with Natasha's: Natasha fills gaps, never reshapes a rule's span
    (measured: letting its longer spans win cost exact PERSON offsets, "гражданин Иванов" for
    "Иванов"), except where the rules' evidence is weak and the model's is specific: a Natasha
    person that holds rule PERSON spans and adds only capitalised words or name particles
    around them is one name ("Нгуен Ван Тхань", "Карима бин Салеха"), not two.

    Natasha never relabels a rule's PERSON or CALLSIGN as a place or an organisation, even a
    weak one-word one: profiles keep LOC and ORG in clear, so a call sign («Север», «Байкал») or
    a given name that is also a place ("Александрию") would be released (fail closed; it cost
    factRuEval PERSON precision, which a relabel had raised).
    """
    model = [_trimmed(text, m) for m in model]
    model = [m for m in model if m.label != "PERSON" or _name_like(text, m)]
    people = [m for m in model if m.label == "PERSON"]
    out: list[Span] = list(rules)
    taken = bytearray(len(text) + 1)
    for s in out:
        taken[s.start : s.end] = b"\x01" * (s.end - s.start)
    extra = [s for s in model if not any(taken[s.start : s.end])]
    for m in people:
        grown = _grown(text, m, out)
        if grown is not None:
            extra.append(grown)
            continue
        out = [_shrunk(text, r, m) for r in out]
    return out + extra


def _shrunk(text: str, r: Span, m: Span) -> Span:
    """A rule PERSON run that ends with Natasha's person and starts with words that are no
    name (a country "России Борису …", a sentence's first word "Поминки Ирины …") is that
    person only."""
    if r.label != "PERSON" or _pattern(r) != "run" or r.end != m.end or not r.start < m.start:
        return r
    lead = text[r.start : m.start]
    at_start = bool(_SENTENCE_START.search(text[max(0, r.start - 20) : r.start]))
    for w in _EXTRA_WORD.finditer(lead):
        if _name_reading(w.group()):
            return r  # "Израиль Моисеевич …", "Победа Ивановна …": a name that is also a word
        common = w.start() == 0 and at_start and kind(w.group(), "ru") == "C"
        if not (common or world_place(w.group(), "ru")):
            return r  # "от Лесной Ольги Петровны": Natasha may read the surname as a place
    return Span(m.start, m.end, "PERSON", m.text, _norm(text, m.start, m.end),
                f"{r.detector}+natasha", r.score)  # fmt: skip


_ABBREVIATION = re.compile(r"\.\s*[^\W\d_A-ZА-ЯЁ]")  # "Зав. отделением": a lower-case word next
# "М.П." / "М. П." (місце печатки / место печати): a stamp's place on a form, not initials.
# Other initials alone stay a person (fail closed: "О. К." may be all a text gives of someone).
_STAMP_PLACE = re.compile(r"^[МM]\.\s?[ПP]\.$")


def _name_like(text: str, m: Span) -> bool:
    """False for a Natasha person that is no name: a stamp's place ("М.П.") or one dictionary
    word before a colon ("Выдан:", a form label)."""
    surface = text[m.start : m.end]
    if _STAMP_PLACE.match(surface):
        return False
    label = " " not in surface and text[m.end : m.end + 2].lstrip(" \t").startswith(":")
    return not (label and kind(surface, "ru") == "C")


def _name_reading(word: str) -> bool:
    """A name by the lists or either dictionary (`person_word`), or by Russian morphology (this
    merge reads Russian text; "Израиль" is a name only there): never cut off a name."""
    info = morph.word_info("ru", word.lower())
    return person_word(word) or info.given or info.surn or info.patr


def _norm(text: str, start: int, end: int) -> str:
    """The name's key as the rules write it (lemmas: given name, patronymic, surname); a
    word the dictionary reads as a common noun keeps its form ("Сомов", not "сом")."""
    toks = [(start + t.start(), start + t.end(), t.group()) for t in
            re.finditer(r"\S+", text[start:end])]  # fmt: skip
    kinds = [kind(t[2], "ru") for t in toks]
    kinds = [("G" if i == 0 and len(kinds) > 1 else "S") if k in "UA" or k == "C" and i == 0
             else k for i, k in enumerate(kinds)]  # fmt: skip
    named = [(t, k) for t, k in zip(toks, kinds, strict=True) if k != "C"]
    forms = [t[2].lower() for t, k in zip(toks, kinds, strict=True) if k == "C"]
    try:
        lemmas = person_norm([t for t, _ in named], [k for _, k in named], "ru") if named else ""
    except (KeyError, ValueError):
        lemmas = " ".join(t[2].lower() for t, _ in named)
    return " ".join([lemmas, *forms]).strip()


def _pattern(span: Span) -> str:
    return span.detector.rpartition(":")[2] if span.detector.startswith("names@") else ""


def _trimmed(text: str, span: Span) -> Span:
    """Natasha's span within one line and without a trailing parenthesis ("Ли Вэй (Li Wei)"
    → "Ли Вэй"; "О. Бойко\nТел." → "О. Бойко": a form's next line is not the name)."""
    cuts = [c for c in (text.find("(", span.start, span.end), text.find("\n", span.start,
            span.end)) if c > span.start]  # fmt: skip
    if not cuts:
        return span
    end = len(text[span.start : min(cuts)].rstrip(" ,\t\r")) + span.start
    if end <= span.start:
        return span
    return Span(span.start, end, span.label, text[span.start : end],
                text[span.start : end].lower(), span.detector, span.score)  # fmt: skip


def _grown(text: str, m: Span, rules: list[Span]) -> Span | None:
    """`m` when it holds rule PERSON spans, overlaps no other rule span, and what it adds to
    them is capitalised words or name particles only; else None."""
    inside = [r for r in rules if r.start < m.end and m.start < r.end]
    if not inside or any(r.label != "PERSON" or r.start < m.start or r.end > m.end for r in inside):
        return None
    rest = bytearray(b"\x01" * (m.end - m.start))
    for r in inside:
        rest[r.start - m.start : r.end - m.start] = b"\x00" * (r.end - r.start)
    if not any(rest):
        return None
    added = "".join(
        ch if keep else " " for ch, keep in zip(text[m.start : m.end], rest, strict=True)
    )
    first = min(r.start for r in inside) - m.start
    at_start = bool(_SENTENCE_START.search(text[max(0, m.start - 20) : m.start]))
    for w in _EXTRA_WORD.finditer(added):
        head = w.group().split("-")[0]
        if head.lower() in _PARTICLES:
            continue
        if not head[:1].isupper() or head.lower() in TITLES:
            return None  # "Гражданин Иванов": the title is not the name
        if _ABBREVIATION.match(text, m.start + w.end()) and kind(head, "ru") == "C":
            return None  # "Абдураманова Э. Р. Зав. отделением": an abbreviated word
        if w.start() == 0 and at_start and w.start() < first and kind(head, "ru") == "C":
            return None  # "Поминки Ирины Олеговны."; "стал Дэррил Помрой" is one name
    norm = _norm(text, m.start, m.end)
    score = max(r.score for r in inside)
    return Span(m.start, m.end, "PERSON", m.text, norm, f"{m.detector}+rules", score)
