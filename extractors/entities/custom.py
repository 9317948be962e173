"""Custom pattern recognizers from TOML (conventions §3), checked by a pydantic model at load.

File format (extractors/entities/recognizers.toml, or the file named by $SESTRY_RECOGNIZERS):

    [[recognizer]]
    name = "camp_number"              # lower_snake, unique
    version = "1"
    label = "ID_DOC"                  # one of schemas.tables.LABELS
    languages = ["uk", "ru"]
    [[recognizer.pattern]]
    name = "camp"
    regex = '(?i)табір\\s+№\\s*(?P<ent>\\d{3})'   # group `ent` = the entity, else the match
    score = 0.8

A bad file stops the command with ConfigError (exit 2) naming the file and the field.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from sestry.core.errors import ConfigError
from sestry.core.languages import LANGUAGES
from sestry.extractors.entities.base import Pattern, PatternRecognizer
from sestry.schemas.tables import LABELS


class PatternConfig(BaseModel):
    """One regular expression of a custom recognizer."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="Pattern name (in `detector`).")
    regex: str = Field(min_length=1, description="Python regex; group `ent` marks the entity.")
    score: float = Field(ge=0.0, le=1.0, description="Confidence of a match.")

    @field_validator("regex")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            compiled = re.compile(value)
        except re.error as exc:
            raise ValueError(f"regex does not compile: {exc.msg}") from None
        if compiled.match(""):
            raise ValueError("regex matches the empty string")
        return value


class RecognizerConfig(BaseModel):
    """One custom recognizer: a label, its languages and its patterns."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="Unique recognizer name.")
    version: str = Field(default="1", min_length=1, description="Bump on any output change.")
    label: str = Field(description="Entity label (schemas.tables.LABELS).")
    languages: list[str] = Field(default=["uk", "ru", "en"], description="uk, ru and/or en.")
    pattern: list[PatternConfig] = Field(min_length=1, description="Patterns, tried in order.")

    @field_validator("label")
    @classmethod
    def _known_label(cls, value: str) -> str:
        if value not in LABELS:
            raise ValueError(f"unknown label {value!r}")
        return value

    @field_validator("languages")
    @classmethod
    def _known_languages(cls, value: list[str]) -> list[str]:
        if not value or set(value) - set(LANGUAGES):
            raise ValueError(f"languages must be among {', '.join(LANGUAGES)}")
        return value


class RecognizersFile(BaseModel):
    """The whole file."""

    model_config = ConfigDict(extra="forbid")

    recognizer: list[RecognizerConfig] = Field(default_factory=list)


def load(path: Path) -> tuple[PatternRecognizer, ...]:
    """Recognizers defined in `path`; ConfigError (exit 2) when the file is invalid."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        parsed = RecognizersFile.model_validate(raw)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({type(exc).__name__})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"{path}: {where}: {first['msg']}") from None
    names = [r.name for r in parsed.recognizer]
    if len(names) != len(set(names)):
        raise ConfigError(f"{path}: recognizer names must be unique")
    return tuple(_build(conf) for conf in parsed.recognizer)


def _build(conf: RecognizerConfig) -> PatternRecognizer:
    cls = type(
        f"Custom_{conf.name}",
        (PatternRecognizer,),
        {
            "name": conf.name,
            "version": conf.version,
            "label": conf.label,
            "labels": frozenset({conf.label}),
            "languages": frozenset(conf.languages),
            "PATTERNS": tuple(Pattern(p.name, p.regex, p.score) for p in conf.pattern),
            "_compiled": None,
        },
    )
    return cls()
