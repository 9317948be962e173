"""Registry: every built-in recognizer declares its contract and has a test module."""

from __future__ import annotations

import re
from pathlib import Path

from sestry.extractors.entities.registry import BUILTIN_RECOGNIZERS, recognizers
from sestry.schemas.tables import LABELS

HERE = Path(__file__).parent


def test_every_recognizer_declares_name_version_labels_languages() -> None:
    names = set()
    for rec in recognizers():
        assert re.fullmatch(r"[a-z_]+", rec.name)
        assert rec.version
        assert rec.labels
        assert rec.labels <= set(LABELS)
        assert rec.languages <= {"uk", "ru", "en"}
        names.add(rec.name)
    assert len(names) == len(BUILTIN_RECOGNIZERS)


def test_every_label_has_a_recognizer() -> None:
    covered = set().union(*(rec.labels for rec in recognizers()))
    assert covered == set(LABELS)


def test_every_builtin_recognizer_module_has_a_test_module() -> None:
    for cls in BUILTIN_RECOGNIZERS:
        module = cls.__module__.rsplit(".", 1)[-1]
        assert (HERE / f"test_{module}.py").exists(), module

