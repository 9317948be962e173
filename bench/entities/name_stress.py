"""PERSON recall on sentence frames the corpora never used: generalisation of name detection.

Run: .venv/bin/python -m bench.entities.name_stress [--n 300] [--seed 7]
Faker uk_UA / ru_RU names (given + surname, or surname + given + patronymic), inflected by
pymorphy3 into the case each frame needs, inside frames written for this bench only. A name
counts as found when a PERSON span covers exactly its text. Writes
bench/results/entities_name_stress.md.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from faker import Faker

from bench.entities.corpus_slots import cap, inflect
from sestry.extractors.entities.pipeline import find_entities

REPO = Path(__file__).resolve().parents[2]
FRAMES = {
    "uk": [
        ("Вчора я говорила з {} про обмін.", "ablt"),
        ("Листа від {} ми отримали пізно.", "gent"),
        ("Допомогу передали {} волонтери.", "datv"),
        ("Охоронці довго били {} прикладами.", "accs"),
        ("Ми багато думали про {}.", "accs"),
        ("Після обміну {} повернувся додому.", "nomn"),
        ("Свідчення дала {} у присутності адвоката.", "nomn"),
        ("Розповідь {} записали на диктофон.", "gent"),
        ("Усі в камері знали {}.", "accs"),
        ("Я не бачила {} з весни.", "gent"),
    ],
    "ru": [
        ("Вчера я говорила с {} об обмене.", "ablt"),
        ("Письмо от {} пришло поздно.", "gent"),
        ("Помощь передали {} волонтеры.", "datv"),
        ("Охранники долго били {} прикладами.", "accs"),
        ("После обмена {} вернулся домой.", "nomn"),
        ("Показания дала {} в присутствии адвоката.", "nomn"),
        ("Рассказ {} записали на диктофон.", "gent"),
        ("Все в камере знали {}.", "accs"),
    ],
}


def run(lang: str, n: int, rnd: random.Random, fake: Faker) -> tuple[int, int, list[str]]:
    """(names tried, names found, examples of misses)."""
    tried = hit = 0
    misses: list[str] = []
    while tried < n:
        frame, case = rnd.choice(FRAMES[lang])
        gender = rnd.choice(("masc", "femn"))
        if gender == "masc":
            first, last, mid = (
                fake.first_name_male(),
                fake.last_name_male(),
                fake.middle_name_male(),
            )
        else:
            first, last, mid = (
                fake.first_name_female(), fake.last_name_female(), fake.middle_name_female()
            )  # fmt: skip
        parts = [(first, "Name"), (last, "Surn")]
        if rnd.random() < 0.5:
            parts = [(last, "Surn"), (first, "Name"), (mid, "Patr")]
        forms = [inflect(lang, w, case, (tag,), gender) for w, tag in parts]
        if None in forms:
            continue
        name = " ".join(cap(f) for f in forms)  # type: ignore[arg-type]
        text = frame.format(name)
        tried += 1
        if any(s.label == "PERSON" and s.text == name for s in find_entities(text, lang)):
            hit += 1
        elif len(misses) < 8:
            misses.append(text)
    return tried, hit, misses


def main() -> None:
    """Print and write the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    lines = [
        "# PERSON recall on unseen sentence frames",
        "",
        (
            f"Command: `.venv/bin/python -m bench.entities.name_stress --n {args.n} "
            f"--seed {args.seed}`"
        ),
        "",
        (
            "Faker's names are also in the PERSON name lists, so this measures unseen frames and "
            "inflections, not unseen names (the held-out sets do that)."
        ),
        "",
        "| language | names | found exactly | recall |",
        "| --- | ---: | ---: | ---: |",
    ]
    notes = []
    for lang, locale in (("uk", "uk_UA"), ("ru", "ru_RU")):
        fake = Faker(locale)
        fake.seed_instance(args.seed)
        tried, hit, misses = run(lang, args.n, random.Random(f"{args.seed}-{lang}"), fake)
        lines.append(f"| {lang} | {tried} | {hit} | {hit / tried:.3f} |")
        notes += [f"- {lang}: {m}" for m in misses]
    lines += ["", "Misses (synthetic names, shown as examples):", "", *notes, ""]
    report = "\n".join(lines)
    print(report)
    (REPO / "bench" / "results" / "entities_name_stress.md").write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
