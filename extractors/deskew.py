"""Skew detection and correction before OCR, with word boxes mapped back to the original pixels.

Measured (bench/results/ocr_cer.md): Tesseract 5.3 reads pages skewed +2.9..+3.7 degrees well
but fails on some skewed the other way (CER 0.44-0.80 at -3.4 degrees). A projection-profile
search finds the angle at which text lines give the sharpest row profile; the page is rotated by
that angle (canvas expanded, white fill) before OCR, and every box found on the rotated page is
mapped back through the same affine transform, as the axis-aligned box around its four corners,
so boxes stay in the pixels of the page as rendered (what image redaction draws on).
Pure PIL: no numpy in the OCR path.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

MAX_ANGLE = 6.0  # degrees searched either way
COARSE_STEP = 1.0
FINE_STEP = 0.1
MIN_ANGLE = 0.3  # below this, OCR the page as it is
MIN_GAIN = 1.15  # the best angle must sharpen the profile this much over 0 degrees
WORK_WIDTH = 450  # the search runs on a copy 450-900 px wide (~0.05 s a page)


@dataclass(frozen=True)
class Deskewed:
    """A rotated page and the affine matrix that maps its pixels back to the original."""

    image: Image.Image
    angle: float  # degrees, counter-clockwise, as given to PIL's rotate
    matrix: tuple[float, float, float, float, float, float]

    def box_to_original(
        self, left: int, top: int, width: int, height: int, size: tuple[int, int]
    ) -> tuple[int, int, int, int]:
        """Box on the rotated page -> (left, top, width, height) on the original, clipped."""
        a, b, c, d, e, f = self.matrix
        xs, ys = [], []
        for x, y in (
            (left, top),
            (left + width, top),
            (left, top + height),
            (left + width, top + height),
        ):
            xs.append(a * x + b * y + c)
            ys.append(d * x + e * y + f)
        x0 = max(0, math.floor(min(xs)))
        y0 = max(0, math.floor(min(ys)))
        x1 = min(size[0], math.ceil(max(xs)))
        y1 = min(size[1], math.ceil(max(ys)))
        return x0, y0, max(0, x1 - x0), max(0, y1 - y0)


def _profile_score(ink: Image.Image, angle: float) -> float:
    """Sum of squared differences of adjacent row ink means: high when lines are level."""
    from PIL import Image as PILImage

    rotated = ink.rotate(angle, resample=PILImage.Resampling.NEAREST, expand=True, fillcolor=0)
    rows = rotated.resize((1, rotated.height), PILImage.Resampling.BOX).tobytes()  # "L": 1 B/row
    return float(sum((rows[i + 1] - rows[i]) ** 2 for i in range(len(rows) - 1)))


def detect_skew(image: Image.Image) -> tuple[float, float]:
    """(best angle in degrees for PIL's rotate, its gain over 0 degrees)."""

    gray = image if image.mode == "L" else image.convert("L")
    small = gray.reduce(max(1, gray.width // WORK_WIDTH))  # integer box reduction: fast
    ink = small.point(lambda v: 255 if v < 128 else 0)
    base = _profile_score(ink, 0.0)
    if base <= 0:
        return 0.0, 1.0
    steps = int(MAX_ANGLE / COARSE_STEP)
    coarse = max(
        (k * COARSE_STEP for k in range(-steps, steps + 1)),
        key=lambda a: _profile_score(ink, a),
    )
    fine_steps = int(COARSE_STEP / FINE_STEP)
    best = max(
        (coarse + k * FINE_STEP for k in range(-fine_steps, fine_steps + 1)),
        key=lambda a: _profile_score(ink, a),
    )
    return round(best, 2), _profile_score(ink, best) / base


def deskew(image: Image.Image) -> Deskewed | None:
    """The page rotated level, or None when it is level enough (or has no clear lines)."""
    angle, gain = detect_skew(image)
    if abs(angle) < MIN_ANGLE or gain < MIN_GAIN:
        return None
    from PIL import Image as PILImage

    fill = 255 if image.mode in ("L", "1", "P", "I", "F") else (255,) * len(image.getbands())
    rotated = image.rotate(angle, resample=PILImage.Resampling.BICUBIC, expand=True, fillcolor=fill)
    return Deskewed(rotated, angle, _pil_rotate_matrix(image.size, angle))


def _pil_rotate_matrix(
    size: tuple[int, int], angle: float
) -> tuple[float, float, float, float, float, float]:
    """The output->input affine matrix PIL's `rotate(angle, expand=True)` uses (same steps as
    Pillow's Image.rotate), so boxes on the rotated image map back exactly."""
    w, h = size
    center_x, center_y = w / 2.0, h / 2.0
    rad = -math.radians(angle)
    m = [
        round(math.cos(rad), 15),
        round(math.sin(rad), 15),
        0.0,
        round(-math.sin(rad), 15),
        round(math.cos(rad), 15),
        0.0,
    ]

    def transform(x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f = m
        return a * x + b * y + c, d * x + e * y + f

    m[2], m[5] = transform(-center_x, -center_y)
    m[2] += center_x
    m[5] += center_y
    xs, ys = [], []
    for x, y in ((0, 0), (w, 0), (w, h), (0, h)):
        tx, ty = transform(x, y)
        xs.append(tx)
        ys.append(ty)
    new_w = math.ceil(max(xs)) - math.floor(min(xs))
    new_h = math.ceil(max(ys)) - math.floor(min(ys))
    m[2], m[5] = transform(-(new_w - w) / 2.0, -(new_h - h) / 2.0)
    return m[0], m[1], m[2], m[3], m[4], m[5]
