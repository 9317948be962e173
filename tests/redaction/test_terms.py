"""Leak terms: whole tokens, case and apostrophes folded, inflected names through lemmas."""

from __future__ import annotations

import random
import re

import pytest

from sestry.redaction.terms import (
    LeakTerms,
    Origin,
    TermMatcher,
    add_entity,
    default_lemmatizer,
    fold,
    fold_key,
    mask_detectors,
    phrase_trie_pattern,
)

PERSON = Origin("PERSON", "олена коваленко", None, None)


def _matcher(lemmas: bool = True) -> TermMatcher:
    terms = LeakTerms()
    lemmatizer = default_lemmatizer() if lemmas else None
    add_entity(terms, PERSON, "Олена Коваленко", lemmatizer)
    add_entity(terms, Origin("PHONE", "+380671234567", None, None), "067 123 45 67", None)
    return TermMatcher(terms, lemmatizer)


def test_fold_keeps_length() -> None:
    text = "Мар’яна і Ёлка"
    assert len(fold(text)) == len(text)
    assert fold(text) == "Мар'яна і Елка"


@pytest.mark.parametrize(
    "text",
    ["олена коваленко", "КОВАЛЕНКО", "Тут  Олена   Коваленко.", "пані Коваленко"],
)
def test_surface_forms_match(text: str) -> None:
    assert _matcher(lemmas=False).count(text) >= 1


@pytest.mark.nlp
@pytest.mark.parametrize("text", ["бачили Олену", "з Оленою", "у Коваленка", "Коваленком"])
def test_inflected_forms_match_through_lemmas(text: str) -> None:
    assert _matcher().count(text) == 1


@pytest.mark.parametrize(
    "text", ["Коваленкова", "Оленівка", "PERSON-7F3A9C01", "пані", "067 123 45 678 9"]
)
def test_other_words_do_not_match(text: str) -> None:
    assert _matcher(lemmas=False).count(text) == 0


def test_phone_with_other_spacing_matches() -> None:
    assert _matcher(lemmas=False).count("тел.: 067  123 45 67") == 1


def test_hits_know_their_origin_and_short_terms_are_skipped() -> None:
    matcher = _matcher(lemmas=False)
    (hit,) = matcher.find("Коваленко")
    assert matcher.origins(hit) == {PERSON}
    terms = LeakTerms()
    terms.add_phrase("Ян", PERSON)
    terms.add_phrase("пан", PERSON)
    assert len(terms) == 0


def test_replacement_markers_are_not_leaks_but_names_in_capitals_are() -> None:
    """A term equal to a label word ("Case" misread as a name) must not hit sestry's markers."""
    terms = LeakTerms()
    add_entity(terms, Origin("PERSON", "case", None, None), "Case", None)
    add_entity(terms, Origin("PERSON", "phone", None, None), "Phone", None)
    add_entity(terms, Origin("PERSON", "kovalchuk", None, None), "Kovalchuk", None)
    matcher = TermMatcher(terms)
    assert matcher.count("CASE-0DF06F90 said [PHONE] and [PHONE: redacted], PERSON-7F3A9C01") == 0
    assert matcher.count("her case was heard") == 1
    assert matcher.count("CASE-0DF06F9 is not a pseudonym") == 1  # 7 hex digits: not a marker
    assert matcher.count("[KOVALCHUK] wrote") == 1  # capitals in brackets are not a label


def _alternation(phrases: list[str]) -> re.Pattern[str]:
    """The matcher's former pattern: every phrase, longest first (the reference semantics)."""
    ordered = sorted(phrases, key=len, reverse=True)
    body = "|".join(r"\s+".join(re.escape(part) for part in p.split(" ")) for p in ordered)
    return re.compile(r"(?<![\w'])(?:" + body + r")(?![\w'])", re.IGNORECASE)


def test_trie_pattern_finds_what_the_longest_first_alternation_finds() -> None:
    """Random phrases sharing prefixes (a name and the name with a patronymic, a phone and a
    longer number), spaces inside, Latin and Cyrillic, against random texts built from them."""
    rng = random.Random(7)
    words = ["олена", "оле", "олег", "коваленко", "ковал", "o'neil", "ivan", "iva", "067", "0671"]
    seps = [" ", "  ", "\n", ", ", "-", "'", "", ". "]
    for _ in range(60):
        drawn = {" ".join(rng.sample(words, rng.randint(1, 3))) for _ in range(8)}
        phrases = sorted({fold_key(p) for p in drawn})
        trie = re.compile(
            r"(?<![\w'])" + phrase_trie_pattern(phrases) + r"(?![\w'])", re.IGNORECASE
        )
        reference = _alternation(phrases)
        for _ in range(20):
            pieces = [rng.choice(words).upper() if rng.random() < 0.2 else rng.choice(words)]
            for _ in range(rng.randint(1, 8)):
                pieces += [rng.choice(seps), rng.choice(words)]
            text = "".join(pieces)
            got = [(m.start(), m.end()) for m in trie.finditer(text)]
            want = [(m.start(), m.end()) for m in reference.finditer(text)]
            assert got == want, (phrases, text)


def test_trie_pattern_of_many_long_phrases_compiles() -> None:
    """Long addresses and organisation names: the pattern nests only at branch points."""
    phrases = [f"вулиця {'довга ' * 40}{n}" for n in range(2000)]
    pattern = re.compile(phrase_trie_pattern(phrases))
    assert pattern.fullmatch(phrases[1234])
    assert not pattern.fullmatch(phrases[1234] + "5")


def test_dotless_i_and_deeply_nested_prefixes() -> None:
    """Review findings: "ı" and "i" both match "I" (one letter after folding, so the longer
    phrase still wins), and a thousand nested prefixes fall back to the alternation."""
    origin = Origin("ORG", "x", None, None)
    terms = LeakTerms()
    terms.add_phrase("qirim", origin)
    terms.add_phrase("qırım birligi", origin)
    assert [(h.start, h.end) for h in TermMatcher(terms).find("QIRIM BIRLIGI")] == [(0, 13)]
    nested = LeakTerms()
    for n in range(3, 1200):
        nested.add_phrase("a" * n, origin)
    assert [(h.start, h.end) for h in TermMatcher(nested).find("aaaaaa " + "a" * 700)] == [
        (0, 6),
        (7, 707),
    ]


def test_detector_identifiers_are_no_leaks_but_other_words_in_the_cell_are() -> None:
    """A 10,000-document run was blocked: a person called Natasha "leaked" through the
    detector cell "natasha@1.6.0:LOC". sestry's identifiers are blanked, nothing else."""
    terms = LeakTerms()
    add_entity(terms, Origin("PERSON", "natasha", None, None), "Natasha", None)
    add_entity(terms, Origin("PERSON", "run", None, None), "Sweep", None)
    matcher = TermMatcher(terms)
    cells = ("natasha@1.6.0:LOC", "names@10:run+natasha", "natasha@1.6.0:PER+rules", "sweep")
    for cell in (*cells, "names@10:run+natasha@1.6.0:PER", "review@1:natasha"):
        assert matcher.count(mask_detectors(cell)) == 0, cell
    assert matcher.count(mask_detectors("custom:Natasha")) == 1
    assert matcher.count(mask_detectors("natasha")) == 1
    assert len(mask_detectors("natasha@1.6.0:LOC")) == len("natasha@1.6.0:LOC")
