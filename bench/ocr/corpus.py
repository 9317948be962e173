"""Synthetic pages for the OCR benchmarks: full A4 pages of seeded Faker prose per language.

Clean pages: 300 dpi, as rendered. Degraded pages: 200 dpi, skewed by a few degrees, blurred,
salt-and-pepper noise, JPEG quality 70 (a poor phone or office scan).
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass

from faker import Faker
from PIL import Image

from tools.sample_texts import STATEMENTS
from tools.synth_scan import degrade, render_page

LOCALES = {"uk": "uk_UA", "ru": "ru_RU", "en": "en_US"}


@dataclass(frozen=True)
class Page:
    """One benchmark page: its image, the exact text drawn on it, and how it was made."""

    lang: str
    condition: str  # clean | degraded
    image: Image.Image
    text: str
    skew: float


def paragraphs(lang: str, seed: int, count: int = 9) -> list[str]:
    """A statement-like page: a few sentences of the sample statement, then Faker prose
    with dates and numbers, so letters of all three scripts' ranges appear."""
    fake = Faker(LOCALES[lang])
    fake.seed_instance(seed)
    out = list(STATEMENTS[lang][1:3])
    while len(out) < count:
        sentence = fake.paragraph(nb_sentences=4)
        out.append(f"{sentence} {fake.date()} {fake.numerify('### ## ##')}.")
    return out


def make_page(lang: str, condition: str, seed: int) -> Page:
    """Render one page deterministically."""
    if condition == "clean":
        image, lines = render_page(paragraphs(lang, seed), dpi=300, full_page=True)
        return Page(lang, condition, image, " ".join(lines), 0.0)
    rng = random.Random(seed)
    skew = rng.choice((-1, 1)) * rng.uniform(1.5, 4.0)
    image, lines = render_page(paragraphs(lang, seed), dpi=200, full_page=True)
    noisy = degrade(image, skew, 0.002, seed)
    buffer = io.BytesIO()
    noisy.save(buffer, format="JPEG", quality=70)
    return Page(lang, condition, Image.open(io.BytesIO(buffer.getvalue())), " ".join(lines), skew)
