"""Leak terms: the surface forms and lemmas of redacted entities, and a matcher for them.

Used twice with the same rules: by the sweep (more occurrences of a redacted name in any document
become redactions too) and by validation (any hit in a released table, text or re-OCRed page is a
leak). Matching is case-insensitive on NFC text with apostrophes, ё and dotless ı unified, on
whole tokens; for people, inflected forms match through pymorphy3 lemmas (uk and ru). Nothing
here logs terms.
"""

from __future__ import annotations

import numbers
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from sestry.schemas.tables import LABELS

# 1:1 character map (keeps offsets): apostrophe variants → ', ё → е.
# Dotless ı → i too: "I" matches both under IGNORECASE, which made two trie branches for one
# letter (the trie tried "i" first and could stop short of a longer "ı" phrase).
_FOLD = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‘": "'", "ё": "е", "Ё": "Е", "ı": "i"})
_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_SPACES = re.compile(r"\s+")
MIN_TERM = 3
# sestry's own replacement markers: pseudonyms ("PERSON-7F3A9C01", "CASE-0DF06F90") and the label
# part of "[PHONE]" / "[LOC: ...]". They are not testimony, so a term that happens to equal a
# label word ("Case" once misread as a name) must not match inside them. Only known labels are
# masked, in upper case, so a leaked name in capitals is never hidden.
_MARKER_LABELS = "|".join(sorted((*LABELS, "CASE", "DENY", "REDACTED"), key=len, reverse=True))
_MARKERS = re.compile(
    rf"(?<![\w-])(?:{_MARKER_LABELS})-[0-9A-F]{{8}}(?![\w-])|\[(?:{_MARKER_LABELS})(?=[:\]])"
)
# Words that travel with names but identify nobody: never terms on their own.
STOP: frozenset[str] = frozenset(
    {
        "пан",
        "пані",
        "панн",
        "панна",
        "господин",
        "госпожа",
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "мр",
        "вул",
        "вулиця",
        "ул",
        "улица",
        "street",
        "str",
        "буд",
        "дом",
        "кв",
        "село",
        "місто",
        "город",
        "смт",
        "обл",
        "область",
        "район",
        "громада",
        "the",
        "and",
    }
)


# sestry's own detector identifiers in the entities table ("natasha@1.6.0:LOC",
# "names@10:run+natasha", "review@1:reviewer", "sweep"): a person called Natasha or a place
# called Run must not make them leaks. Only this exact shape is masked; anything else in the
# column is still searched (fail closed).
_DETECTOR_ID = re.compile(r"(?<![\w.])[a-z][a-z0-9_]*@[0-9][0-9.]*(?::[A-Za-z_]+)?(?![\w.])")
_DETECTOR_WORDS = re.compile(
    r"(?<![\w:])(?:sweep|known|residual|profile:deny)(?![\w:])|(?<=\+)(?:natasha|rules)(?![\w@.])"
)


def mask_detectors(value: str) -> str:
    """Blank sestry's detector identifiers in a `detector` cell (same length)."""
    value = _DETECTOR_ID.sub(lambda m: " " * len(m.group()), value)
    return _DETECTOR_WORDS.sub(lambda m: " " * len(m.group()), value)


def fold(text: str) -> str:
    """NFC with unified apostrophes and ё: same length as NFC input, so offsets survive."""
    return unicodedata.normalize("NFC", text).translate(_FOLD)


def mask_markers(text: str) -> str:
    """Blank sestry's replacement markers (same length, so offsets survive)."""
    return _MARKERS.sub(lambda m: " " * len(m.group()), text)


def fold_key(text: str) -> str:
    """Comparison key: folded, case-folded, single-spaced."""
    return _SPACES.sub(" ", fold(text).casefold()).strip()


class Lemmatizer:
    """All normal forms of a token under pymorphy3 uk and ru (cached: names repeat)."""

    def __init__(self) -> None:
        import pymorphy3
        self._analyzers = (pymorphy3.MorphAnalyzer(lang="uk"), pymorphy3.MorphAnalyzer(lang="ru"))
        self.lemmas = lru_cache(maxsize=200_000)(self._lemmas)

    def _lemmas(self, token: str) -> frozenset[str]:
        word = fold_key(token)
        forms = {word}
        for analyzer in self._analyzers:
            forms.update(fold_key(p.normal_form) for p in analyzer.parse(word))
        return frozenset(forms)


@lru_cache(maxsize=1)
def default_lemmatizer() -> Lemmatizer:
    """One shared lemmatiser per process (loading dictionaries costs ~0.1 s)."""
    return Lemmatizer()


@dataclass(frozen=True)
class Origin:
    """The redacted entity a term came from: lets the sweep replace a hit consistently."""

    label: str
    norm: str | None
    code: str | None
    oblast: str | None


@dataclass
class LeakTerms:
    """Phrases (folded keys) and lemmas to look for, each with the entities it came from."""

    phrases: dict[str, set[Origin]] = field(default_factory=dict)
    lemmas: dict[str, set[Origin]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.phrases) + len(self.lemmas)

    def add_phrase(self, text: str | None, origin: Origin) -> None:
        """Add a whole-token phrase (skipped when short or a stop word)."""
        key = fold_key(text or "")
        if len(key) >= MIN_TERM and key not in STOP and any(ch.isalnum() for ch in key):
            self.phrases.setdefault(key, set()).add(origin)

    def add_lemma(self, lemma: str, origin: Origin) -> None:
        key = fold_key(lemma)
        if len(key) >= MIN_TERM and key not in STOP:
            self.lemmas.setdefault(key, set()).add(origin)

    def discard(self, keys: Iterable[str]) -> None:
        """Drop terms (allow-listed, or legitimately part of a released replacement)."""
        for key in keys:
            self.phrases.pop(key, None)
            self.lemmas.pop(key, None)


def add_entity(terms: LeakTerms, origin: Origin, text: str, lemmatizer: Lemmatizer | None) -> None:
    """Add the terms of one redacted entity: its surface and norm; for people, every name token
    and its lemmas (inflected forms of one name share lemmas); for a one-word place, its lemmas
    ("в Ізюмі" and "Ізюма" are the same town)."""
    terms.add_phrase(text, origin)
    if origin.label not in ("DATE", "DOB", "TIME"):
        terms.add_phrase(origin.norm, origin)  # a date's norm ("2022") is too generic a phrase
    if origin.label == "LOC" and lemmatizer is not None:
        tokens = _TOKEN.findall(fold(text))
        if len(tokens) == 1:
            for lemma in lemmatizer.lemmas(tokens[0]):
                terms.add_lemma(lemma, origin)
    if origin.label != "PERSON":
        return
    for source in (text, origin.norm or ""):
        for token in _TOKEN.findall(fold(source)):
            terms.add_phrase(token, origin)
            if lemmatizer is not None:
                for lemma in lemmatizer.lemmas(token):
                    terms.add_lemma(lemma, origin)


def as_int(value: object) -> int:
    """An integer cell of a row (offsets, boxes, pages); anything else is a schema bug."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return int(value)
    raise TypeError("expected an integer cell")


@dataclass(frozen=True)
class Hit:
    """One match: offsets into the searched text and the term key (never logged)."""

    start: int
    end: int
    key: str
    by_lemma: bool


class TermMatcher:
    """Finds leak terms in text: phrase regex on whole tokens, then lemmas of other tokens."""

    def __init__(self, terms: LeakTerms, lemmatizer: Lemmatizer | None = None) -> None:
        self.terms = terms
        self.lemmatizer = lemmatizer if terms.lemmas else None
        self._regex = _compiled(terms.phrases) if terms.phrases else None

    def find(self, text: str) -> list[Hit]:
        """All hits in `text`, sorted by start; offsets are valid in the caller's NFC text."""
        folded = fold(mask_markers(text))
        hits: list[Hit] = []
        covered: list[tuple[int, int]] = []
        if self._regex is not None:
            for match in self._regex.finditer(folded):
                hits.append(Hit(match.start(), match.end(), fold_key(match.group()), False))
                covered.append((match.start(), match.end()))
        if self.lemmatizer is not None:
            for match in _TOKEN.finditer(folded):
                if any(s <= match.start() < e for s, e in covered):
                    continue
                common = self.lemmatizer.lemmas(match.group()) & self.terms.lemmas.keys()
                if common:
                    hits.append(Hit(match.start(), match.end(), min(common), True))
        return sorted(hits, key=lambda hit: (hit.start, hit.end))

    def count(self, text: str | None) -> int:
        """Number of hits in `text` (0 for None)."""
        return len(self.find(text)) if text else 0

    def origins(self, hit: Hit) -> set[Origin]:
        """The entities a hit's term came from."""
        table = self.terms.lemmas if hit.by_lemma else self.terms.phrases
        return table.get(hit.key, set())


def _compiled(phrases: Iterable[str]) -> re.Pattern[str]:
    """The trie pattern on whole tokens; when a pathological set of nested prefixes nests deeper
    than `re` can compile, the plain longest-first alternation (same hits, slower)."""
    try:
        body = phrase_trie_pattern(phrases)
        return re.compile(r"(?<![\w'])" + body + r"(?![\w'])", re.IGNORECASE)
    except (RecursionError, re.error):
        ordered = sorted(phrases, key=len, reverse=True)
        body = "(?:" + "|".join(r"\s+".join(map(re.escape, p.split(" "))) for p in ordered) + ")"
        return re.compile(r"(?<![\w'])" + body + r"(?![\w'])", re.IGNORECASE)


_END = ""  # a trie key no atom uses: a phrase ends at this node
_SPACE = " "  # the atom for a space in a key: any run of white space in the text


def phrase_trie_pattern(phrases: Iterable[str]) -> str:
    """One regex for all phrases, shaped as a character trie.

    Same hits as an alternation of the phrases sorted longest first: at each position the regex
    tries longer continuations before ending a phrase (a greedy optional group) and backtracks
    to a shorter phrase when the boundary after it fails, so it still finds the longest phrase
    that matches there. But the work per text position is bounded by the trie's depth and
    fan-out, not by the number of phrases: the alternation made every document's search cost
    grow with the whole dataset's terms (documents x phrases at redaction and validation).
    """
    root: dict[str, dict] = {}
    for phrase in phrases:
        node = root
        for atom in phrase:
            node = node.setdefault(atom, {})
        node[_END] = {}
    return _node_pattern(root) or "(?!)"


def _node_pattern(node: dict[str, dict]) -> str:
    """The pattern below one trie node (iterative over single-child chains: phrases are long)."""
    parts: list[str] = []
    while True:
        ends = _END in node
        children = [(atom, child) for atom, child in node.items() if atom != _END]
        if len(children) == 1 and not ends:
            atom, node = children[0]
            parts.append(_atom_pattern(atom))
            continue
        if children:
            branches = [
                _atom_pattern(atom) + _node_pattern(child) for atom, child in sorted(children)
            ]
            group = "(?:" + "|".join(branches) + ")"
            parts.append(group + "?" if ends else group)
        return "".join(parts)


def _atom_pattern(atom: str) -> str:
    """A key's character; its single spaces match any run of white space in the text."""
    return r"\s+" if atom == _SPACE else re.escape(atom)
