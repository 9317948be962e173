"""sestry's OCR modules as they were at another commit, importable beside today's: the speed
benchmark times both in one run, alternating, so a before/after is measured under the same load.

The modules of the OCR path (`ocr`, `ocr_extraction`, `despeckle`, `deskew`, `ocr_language`,
`ocr_rules`, `ocr_missed`, `ocr_script`, `tesseract`) are read with
`git show REV:extractors/<name>.py`, their imports of each other pointed at the copies, and
loaded as the package `sestry_ocr_base` from a temporary folder.
Everything else (base types, settings, text building) is today's.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType

NAMES = (
    "despeckle",
    "deskew",
    "ocr_language",
    "ocr_rules",
    "ocr_missed",
    "ocr_script",
    "tesseract",
    "ocr",
    "ocr_extraction",
)
PACKAGE = "sestry_ocr_base"


def _source(rev: str, name: str) -> str | None:
    done = subprocess.run(  # noqa: S603 - fixed argv
        ["git", "show", f"{rev}:extractors/{name}.py"],  # noqa: S607 - git from PATH
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout if done.returncode == 0 else None


def load(rev: str) -> dict[str, ModuleType]:
    """{name: module} of the OCR path at `rev` (a name missing there is today's module)."""
    folder = Path(tempfile.mkdtemp(prefix="sestry-ocr-base-")) / PACKAGE
    folder.mkdir()
    (folder / "__init__.py").write_text("", "utf-8")
    present = {name: _source(rev, name) for name in NAMES}
    for name, text in present.items():
        if text is None:
            continue
        for other in NAMES:
            if present[other] is None:
                continue
            text = text.replace(f"sestry.extractors.{other} ", f"{PACKAGE}.{other} ")
            text = text.replace(f"sestry.extractors.{other}\n", f"{PACKAGE}.{other}\n")
        text = text.replace("from sestry.extractors import ocr,", f"from {PACKAGE} import ocr,")
        (folder / f"{name}.py").write_text(text, "utf-8")
    sys.path.insert(0, str(folder.parent))
    try:
        return {
            name: importlib.import_module(
                f"{PACKAGE}.{name}" if present[name] is not None else f"sestry.extractors.{name}"
            )
            for name in NAMES
        }
    finally:
        sys.path.remove(str(folder.parent))
