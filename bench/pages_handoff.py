"""Redaction and handoff time of synthetic scanned pages, and how many OCR runs each needs.

`.venv/bin/python -m bench.pages_handoff 6` from the checkout: makes N one-page grey A4 scans
(a witness's name and a phone on each), redacts them for `prosecution` and hands the redaction
off, printing one line of seconds and tesseract runs (`extractors.ocr_cache.RUNS`).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from sestry.core.settings import Settings
from sestry.custody.keys import init_layout
from sestry.custody.vault import Vault
from sestry.extractors.ocr_cache import RUNS
from sestry.release.handoff_job import build_release
from sestry.release.redact_job import redact_dataset
from tests.redaction.conftest import Ent, make_adder
from tests.redaction.test_image import _add_scan

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
NAMES = (("Олена", "Коваленко"), ("Оксана", "Мельничук"), ("Петро", "Бондаренко"))


def _scan(path: Path, first: str, last: str, n: int) -> None:
    lines = [
        "Протокол допиту свідка",
        f"Свідок {first} {last} мешкала в Ізюмі",
        f"Телефон свідка 067 123 45 6{n % 10}",
        "Бачила обстріл школи у березні",
        "Запис зроблено в присутності адвоката",
    ]
    image = Image.new("L", (2480, 1200), 235)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 48)
    for i, line in enumerate(lines):
        draw.text((120, 120 + 120 * i), line, fill=0, font=font)
    image.save(path, dpi=(300, 300))


def main(docs: int) -> str:
    root = Path(tempfile.mkdtemp(prefix="sestry-pages-bench-"))
    settings = Settings.load(root / "data")
    init_layout(settings)
    add = make_adder(settings)
    vault = Vault(settings.vault_dir)
    for n in range(docs):
        first, last = NAMES[n % len(NAMES)]
        png = root / f"scan{n}.png"
        _scan(png, f"{first}{n}", last, n)
        phone = f"067 123 45 6{n % 10}"
        entities = [
            Ent(f"{first}{n} {last}", "PERSON", f"{first}{n} {last}".lower()),
            Ent(phone, "PHONE", "+38" + phone.replace(" ", "")),
        ]
        _add_scan(add, png, entities, doc_id=vault.put(png).digest)
    runs, start = RUNS.count, time.perf_counter()
    result = redact_dataset(settings, "prosecution", original_path=vault.verified_path)
    redact_s, redact_runs = time.perf_counter() - start, RUNS.count - runs
    if not result.passed:
        raise SystemExit(f"redaction failed: {result.failed_checks}")
    runs, start = RUNS.count, time.perf_counter()
    build_release(settings, "prosecution", root / "release", redaction_dir=Path(result.path))
    handoff_s, handoff_runs = time.perf_counter() - start, RUNS.count - runs
    return (
        f"docs={docs} pages={result.pages} redact_s={redact_s:.1f} ocr_runs={redact_runs} "
        f"handoff_s={handoff_s:.1f} ocr_runs={handoff_runs}"
    )


if __name__ == "__main__":
    print(main(int(sys.argv[1]) if len(sys.argv) > 1 else 6))  # noqa: T201 - a benchmark's output
