"""Bytes of a transcript to NFC text, with the encoding named.

charset-normalizer proposes; a Cyrillic-letter check decides. Its classic failure, cp1251 read as
koi8 (or the reverse), yields words of capitals inside lower-case words and box-drawing signs,
which the check penalises. When no candidate reads as plausible text, UndecodableText is raised:
sestry never guesses silently.
"""

from __future__ import annotations

import unicodedata

from sestry.core.errors import UndecodableText

# Tried in this order; on equal scores the earlier wins (koi8-u is a superset of koi8-r letters).
CANDIDATES = ("cp1251", "koi8-u", "koi8-r", "cp1252")
MIN_SCORE = 0.6
_ALLOWED_CONTROLS = frozenset("\t\n\r\f")
_PUNCT = frozenset("«»—–‘’‚“”„…№•·€°§©®™ ")


def decode_text(data: bytes) -> tuple[str, str]:
    """Return (NFC text, encoding name); raise UndecodableText when no encoding fits."""
    text, encoding = _decode(data)
    if any(unicodedata.category(c) == "Cc" and c not in _ALLOWED_CONTROLS for c in text):
        raise UndecodableText(f"control characters after decoding as {encoding}")
    return unicodedata.normalize("NFC", text), encoding


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", "utf-8-sig")
    if data.startswith(b"\xff\xfe"):
        return _strict(data[2:], "utf-16-le", "utf-16-le")
    if data.startswith(b"\xfe\xff"):
        return _strict(data[2:], "utf-16-be", "utf-16-be")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates = list(CANDIDATES)
    proposed = _charset_normalizer_guess(data)
    if proposed and proposed not in candidates:
        candidates.append(proposed)
    best: tuple[float, int, str, str] | None = None
    seen: set[str] = set()
    for order, name in enumerate(candidates):
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        if text in seen:  # same text as an earlier candidate: keep the earlier name
            continue
        seen.add(text)
        score = plausibility(text)  # ties go to the earlier candidate; the proposal is last
        key = (score, -order, name, text)
        if best is None or key[:2] > best[:2]:
            best = key
    if best is None or best[0] < MIN_SCORE:
        raise UndecodableText("no encoding yields plausible text")
    return best[3], best[2]


def _strict(data: bytes, codec: str, label: str) -> tuple[str, str]:
    try:
        return data.decode(codec), label
    except UnicodeDecodeError as exc:
        position = exc.start
    # raised outside the handler: UnicodeDecodeError holds the whole input; never chain it
    raise UndecodableText(f"invalid {label} at byte {position}")


def _charset_normalizer_guess(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # the transcripts extra is missing: the letter check alone decides
        return None
    best = from_bytes(data).best()
    if best is None:
        return None
    return best.encoding.replace("_", "-").lower()


_UK_RU = frozenset("абвгґдеєёжзиіїйклмнопрстуфхцчшщъыьэюя")


def _letter_weight(ch: str) -> float:
    """Ukrainian/Russian letters count fully; other Cyrillic (ћ, љ, ў...) and non-ASCII Latin
    letters are what a wrong code page produces from them, so they count less."""
    if ch.lower() in _UK_RU:
        return 1.0
    if "CYRILLIC" in unicodedata.name(ch, ""):
        return 0.25
    return 0.5


def plausibility(text: str) -> float:
    """Share of non-ASCII characters that look like real Cyrillic/Latin prose, in [-1, 1].

    Letters score (capitals fully at a word start, half inside a run of capitals), and so does
    typographic punctuation; a capital right after a lower-case letter (the mark of a
    koi8/cp1251 mix-up), symbols, box drawing and controls cost. Letters outside the
    Ukrainian/Russian alphabets count less: legacy single-byte files here are Cyrillic, so
    "Ňđčěŕëč" (cp1251 read as cp1250) and "ћене" (read as mac-cyrillic) lose to "Тримали" and
    "Мене".
    """
    total = 0
    score = 0.0
    prev = " "
    for ch in text:
        if ch < "\x80":
            prev = ch
            continue
        total += 1
        if ch.isalpha():
            weight = _letter_weight(ch)
            if ch.islower() or not prev.isalpha():
                score += weight  # lower case, or a capital starting a word
            elif prev.isupper():
                score += weight / 2  # runs of capitals: headings, or a code-page mix-up
            else:
                score -= 1.0  # a capital right after a lower-case letter
        elif ch in _PUNCT:
            score += 1.0
        else:
            score -= 1.0
        prev = ch
    if total == 0:
        return 1.0
    return score / total
