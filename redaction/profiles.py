"""Partner profiles (data/profiles/NAME.toml): per-label actions, allow/deny terms, consent scope.

Validated on load (pydantic, extra="forbid"); every problem is a ProfileError (exit 2) naming the
file and line. Any label the profile does not name is redacted (fail closed).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from sestry.core.errors import ProfileError
from sestry.core.resources import profiles_dir
from sestry.core.settings import Settings
from sestry.redaction.operators import REDACT, OperatorSpec, parse_operator

BUNDLED_PROFILES = profiles_dir()
_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")


class ColumnPolicy(BaseModel):
    """What happens to document metadata columns that can identify someone."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    case_id: Literal["keep", "pseudonym", "drop"] = Field(
        default="pseudonym", description="Case identifier: keep, keyed pseudonym, or drop."
    )
    collected_at: Literal["keep", "generalize:month", "generalize:year", "drop"] = Field(
        default="generalize:month", description="Collection date: keep, month, year, or drop."
    )


class Profile(BaseModel):
    """One partner's redaction policy."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=_NAME.pattern, description="Profile name; equals the file stem.")
    description: str = Field(default="", description="Who receives this and why.")
    requires_consent: str = Field(
        pattern=_NAME.pattern, description="Consent scope an item needs to be included."
    )
    labels: dict[str, str] = Field(
        default_factory=dict, description="Entity label → keep | pseudonym | redact | generalize:L"
    )
    allow: tuple[str, ...] = Field(default=(), description="Terms never redacted.")
    deny: tuple[str, ...] = Field(default=(), description="Terms always redacted.")
    columns: ColumnPolicy = Field(default_factory=ColumnPolicy, description="Metadata columns.")
    roles: dict[str, str] = Field(
        default_factory=dict,
        description="Person role (set in review) → operator for that PERSON, e.g. "
        "alleged_perpetrator = \"keep\"; a role not named uses the PERSON operator.",
    )
    requires_review: bool = Field(
        default=False, description="Release only documents a reviewer approved for this profile."
    )

    @field_validator("roles")
    @classmethod
    def _known_roles(cls, value: dict[str, str]) -> dict[str, str]:
        from sestry.schemas.annotations import ROLES

        unknown = sorted(set(value) - set(ROLES))
        if unknown:
            raise ValueError(f"unknown role(s) {unknown}; roles are {', '.join(ROLES)}")
        return value

    @field_validator("allow", "deny")
    @classmethod
    def _terms(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        cleaned = tuple(unicodedata.normalize("NFC", term).strip() for term in value)
        if any(not term for term in cleaned):
            raise ValueError("terms must not be empty")
        return cleaned

    def operator(self, label: str) -> OperatorSpec:
        """The action for `label`; a label the profile does not name is redacted.

        `PERSON/ROLE` (a person whose role a reviewer set) takes the profile's operator for that
        role, else the PERSON operator."""
        base, _, role = label.partition("/")
        if role and role in self.roles:
            return parse_operator(base, self.roles[role])
        value = self.labels.get(base)
        return parse_operator(base, value) if value is not None else REDACT

    def is_allowed(self, text: str) -> bool:
        """True when `text` is an allow-listed term (compared case-folded, NFC)."""
        folded = unicodedata.normalize("NFC", text).strip().casefold()
        return folded in {term.casefold() for term in self.allow}


def profile_path(name: str, settings: Settings | None = None) -> Path:
    """Find NAME.toml in DATA/profiles first (local overrides), then the committed data/profiles."""
    if name.endswith(".toml") or "/" in name:
        return Path(name)
    if not _NAME.match(name):
        raise ProfileError(f"invalid profile name {name!r}")
    candidates = [BUNDLED_PROFILES / f"{name}.toml"]
    if settings is not None:
        candidates.insert(0, settings.data_dir / "profiles" / f"{name}.toml")
    for path in candidates:
        if path.is_file():
            return path
    raise ProfileError(f"no profile named {name!r} (looked in {', '.join(map(str, candidates))})")


def load_profile(name: str | Path, settings: Settings | None = None) -> Profile:
    """Load and validate a profile; raise ProfileError naming the file and line of any problem."""
    path = profile_path(str(name), settings)
    try:
        source = path.read_text(encoding="utf-8")
        raw = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"profile {path.name}: not valid TOML ({exc})") from None
    except UnicodeDecodeError:
        raise ProfileError(f"profile {path.name}: not UTF-8 text; save it as UTF-8") from None
    except OSError as exc:
        raise ProfileError(f"profile {path.name}: cannot read ({exc.strerror})") from None
    try:
        profile = Profile.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = tuple(str(part) for part in first["loc"])
        where = _line_of(source, loc)
        raise ProfileError(
            f"profile {path.name}, line {where}: {'.'.join(loc)}: {first['msg']}"
        ) from None
    for label, value in profile.labels.items():
        try:
            parse_operator(label, value)
        except ValueError as exc:
            raise ProfileError(
                f"profile {path.name}, line {_line_of(source, ('labels', label))}: {exc}"
            ) from None
    for role, value in profile.roles.items():
        try:
            parse_operator("PERSON", value)
        except ValueError as exc:
            raise ProfileError(
                f"profile {path.name}, line {_line_of(source, ('roles', role))}: {exc}"
            ) from None
    if profile.name != path.stem:
        raise ProfileError(
            f"profile {path.name}, line {_line_of(source, ('name',))}: name must be {path.stem!r}"
        )
    clash = {t.casefold() for t in profile.allow} & {t.casefold() for t in profile.deny}
    if clash:
        raise ProfileError(
            f"profile {path.name}, line {_line_of(source, ('deny',))}: "
            f"{len(clash)} term(s) both allowed and denied"
        )
    return profile


def _line_of(source: str, loc: tuple[str, ...]) -> str:
    """Line number (1-based, as text) of the key at `loc`; tomllib keeps no positions."""
    lines = source.splitlines()
    if not loc:
        return "?"
    table, key = (None, loc[0]) if len(loc) == 1 else (loc[0], loc[1])
    if table is not None and not _is_table(source, table):
        table, key = None, loc[0]
    start = 0
    if table is not None:
        header = re.compile(rf"^\s*\[\s*{re.escape(table)}\s*\]\s*(#.*)?$")
        for number, line in enumerate(lines):
            if header.match(line):
                start = number + 1
                break
    pattern = re.compile(rf"^\s*(?:{re.escape(key)}|\"{re.escape(key)}\"|'{re.escape(key)}')\s*=")
    for number in range(start, len(lines)):
        line = lines[number]
        if table is None and line.lstrip().startswith("["):
            break
        if pattern.match(line):
            return str(number + 1)
    if table is not None and start:
        return str(start)  # at least the table header
    return "?"


def _is_table(source: str, table: str) -> bool:
    return re.search(rf"(?m)^\s*\[\s*{re.escape(table)}\s*\]", source) is not None
