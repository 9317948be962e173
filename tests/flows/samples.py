"""The committed samples (data/samples) as the ingest tests see them: digests and outcomes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from sestry.core.digest import b3_file

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "data" / "samples"
NOT_ITEMS = frozenset({"EXPECTED.json", "CANARIES.txt"})


def expected() -> dict[str, dict]:
    """EXPECTED.json "files": relative name → expected facts (reason None means extractable)."""
    return json.loads((SAMPLES / "EXPECTED.json").read_text(encoding="utf-8"))["files"]


def canaries() -> list[str]:
    lines = (SAMPLES / "CANARIES.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def sentences() -> list[str]:
    found = {s for facts in expected().values() for s in facts.get("sentences", ())}
    return sorted(found)


def items(names: set[str] | None = None) -> list[Path]:
    """Sample item files (not metadata), optionally only those named."""
    out = []
    for path in sorted(SAMPLES.rglob("*")):
        rel = path.relative_to(SAMPLES).as_posix()
        is_item = path.is_file() and path.name not in NOT_ITEMS and not rel.endswith(".meta.json")
        if is_item and (names is None or rel in names):
            out.append(path)
    return out


def copy_into(inbox: Path, names: set[str] | None = None) -> dict[str, str]:
    """Copy items (and their sidecars) into `inbox`; return {relative name: digest}."""
    digests = {}
    for path in items(names):
        rel = path.relative_to(SAMPLES)
        dest = inbox / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, dest)
        meta = path.with_name(path.name + ".meta.json")
        if meta.exists():
            shutil.copyfile(meta, dest.with_name(dest.name + ".meta.json"))
        digests[rel.as_posix()] = b3_file(path)
    return digests


def needles(texts: list[str]) -> list[bytes]:
    """Byte forms a leaked string could take in a file: UTF-8 and JSON ASCII escapes."""
    out = []
    for text in texts:
        out.append(text.encode("utf-8"))
        escaped = json.dumps(text)[1:-1].encode("ascii")
        if escaped != out[-1]:
            out.append(escaped)
    return out


def render_scan(path: Path, lines: list[str]) -> None:
    """A synthetic 300-dpi scan of `lines` (DejaVu Sans 44 px), for OCR-backed flow tests."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (1700, 120 + 90 * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 44)
    for n, line in enumerate(lines):
        draw.text((60, 60 + 90 * n), line, fill=0, font=font)
    image.save(path, dpi=(300, 300))
