"""custody/ stays light: a partner verifies with blake3, cryptography and pydantic only."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("prefect", "spacy", "pyarrow", "pandas", "great_expectations", "pytesseract")

PROBE = """
import importlib, json, pkgutil, sys
import sestry.custody
names = [m.name for m in pkgutil.iter_modules(sestry.custody.__path__, "sestry.custody.")]
for name in names:
    importlib.import_module(name)
import sestry.commands.verify, sestry.commands.init
heavy = sorted(m for m in {heavy!r} if m in sys.modules)
print(json.dumps({{"modules": len(names), "heavy": heavy}}))
"""


def test_custody_imports_no_heavy_dependency() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    result = json.loads(proc.stdout)
    assert result["modules"] >= 9
    assert result["heavy"] == [], f"custody pulled in: {result['heavy']}"
