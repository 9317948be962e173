"""The recognizers the pipeline runs: built-ins listed explicitly, plus entry-point plugins.

Third parties register a `Recognizer` subclass under the entry-point group "sestry.recognizers".
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib.metadata import entry_points
from pathlib import Path

from sestry.extractors.entities.addresses import AddressRecognizer
from sestry.extractors.entities.base import Recognizer
from sestry.extractors.entities.contacts import EmailRecognizer, PhoneRecognizer
from sestry.extractors.entities.dates import DateRecognizer
from sestry.extractors.entities.geonames import GeoxRecognizer
from sestry.extractors.entities.ids import IdDocRecognizer, TaxIdRecognizer
from sestry.extractors.entities.institutions import InstitutionRecognizer
from sestry.extractors.entities.military_units import MilitaryUnitRecognizer
from sestry.extractors.entities.names import NameRecognizer
from sestry.extractors.entities.org_phrases import OrgPhraseRecognizer
from sestry.extractors.entities.orgs import OrgRecognizer
from sestry.extractors.entities.plates import PlateRecognizer
from sestry.extractors.entities.times import TimeRecognizer

BUILTIN_RECOGNIZERS: tuple[type[Recognizer], ...] = (
    EmailRecognizer,
    PhoneRecognizer,
    IdDocRecognizer,
    TaxIdRecognizer,
    PlateRecognizer,
    MilitaryUnitRecognizer,
    AddressRecognizer,
    TimeRecognizer,
    OrgRecognizer,
    InstitutionRecognizer,
    OrgPhraseRecognizer,
    DateRecognizer,
    NameRecognizer,
    GeoxRecognizer,
)
ENTRY_POINT_GROUP = "sestry.recognizers"
CUSTOM_ENV = "SESTRY_RECOGNIZERS"
CUSTOM_FILE = Path(__file__).with_name("recognizers.toml")


@lru_cache(maxsize=1)
def recognizers() -> tuple[Recognizer, ...]:
    """One instance of every recognizer: built-ins, plugins by name, then recognizers.toml."""
    classes: list[type[Recognizer]] = list(BUILTIN_RECOGNIZERS)
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        cls = ep.load()
        if not (isinstance(cls, type) and issubclass(cls, Recognizer)):
            raise TypeError(f"entry point {ep.name!r} is not a Recognizer subclass")
        classes.append(cls)
    from sestry.extractors.entities import custom

    path = Path(os.environ.get(CUSTOM_ENV) or CUSTOM_FILE)
    extra = custom.load(path) if path.exists() or os.environ.get(CUSTOM_ENV) else ()
    found = (*(cls() for cls in classes), *extra)
    names = [r.name for r in found]
    if len(names) != len(set(names)):
        from sestry.core.errors import ConfigError

        raise ConfigError(f"{path}: a custom recognizer reuses a built-in name")
    return found
