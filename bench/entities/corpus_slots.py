"""Templates and slot fillers for the synthetic corpora (see make_corpus.py)."""

from __future__ import annotations

import datetime as dt
import random
import re

from faker import Faker

from bench.entities.corpus_data import (
    CALLSIGNS,
    EN_STREETS,
    MOBILE,
    MONTHS,
    OBLAST_CENTRES,
    ORGS,
    PLATE_LETTERS,
    PLATE_REGIONS,
    RELATIVE,
    RNOKPP_WEIGHTS,
    SEASONS,
)
from sestry.extractors.entities import morph
from sestry.extractors.entities.gazetteer import gazetteer, latin
from sestry.extractors.entities.worldplaces import RU_OBLAST_STEMS, RU_UA_CITIES

Fill = list[tuple[str, str, str | None]]

_CAPWORD = re.compile(r"(^|[- ])(\w)")


def cap(word: str) -> str:
    """Capitalise each part of a hyphenated or multi-word name."""
    return _CAPWORD.sub(lambda m: m.group(1) + m.group(2).upper(), word.lower())


def inflect(
    lang: str, word: str, case: str, tags: tuple[str, ...], gender: str | None
) -> str | None:
    """The word in `case` using a parse that has one of `tags` (and `gender`), or None."""
    if case == "nomn":
        return word
    form = _inflect(lang, word, case, tags, gender)
    if form is None and tags:
        form = _inflect(lang, word, case, (), gender)
    return form


def _inflect(
    lang: str, word: str, case: str, tags: tuple[str, ...], gender: str | None
) -> str | None:
    for p in morph.analyzer(lang).parse(word.lower()):
        gr = p.tag.grammemes
        if tags and not any(t in gr for t in tags):
            continue
        if gender and gender not in gr and "ms-f" not in gr and "Fixd" not in gr:
            continue
        if "nomn" not in gr:
            continue
        form = p.inflect({case})
        if form is not None:
            return cap(form.word)
    return None


class SlotMaker:
    """Fills template slots for one document, tracking years and the anchor date."""

    def __init__(self, lang: str, rnd: random.Random, fakers: dict[str, Faker]) -> None:
        self.lang = lang
        self.rnd = rnd
        self.fake = fakers[lang]
        self.fake_uk = fakers["uk"]
        self.last_year: int | None = None
        self.anchor: dt.date | None = None

    # -- entry points ---------------------------------------------------------------------
    def fill(self, template: str, doc: object) -> Fill:
        out: Fill = []
        for slot in re.findall(r"\{([A-Z_a-z]+)\}", template):
            out.append(getattr(self, "slot_" + slot.split("_")[0].lower())(slot))
        return out

    def after_sentence(self, doc: object) -> None:
        return None

    def finish(self, doc: object) -> None:
        return None

    # -- people -----------------------------------------------------------------------------
    def _name_parts(self) -> tuple[str, str, str, str]:
        gender = self.rnd.choice(("masc", "femn"))
        f = self.fake
        if gender == "masc":
            return gender, f.first_name_male(), f.middle_name_male(), f.last_name_male()
        return gender, f.first_name_female(), f.middle_name_female(), f.last_name_female()

    def slot_per(self, slot: str) -> tuple[str, str, str | None]:
        if self.lang == "en":
            return self._per_en()
        case = slot.split("_")[1] if "_" in slot else "nomn"
        for _ in range(30):
            gender, first, middle, last = self._name_parts()
            forms = [
                inflect(self.lang, first, case, ("Name",), gender),
                inflect(self.lang, middle, case, ("Patr",), gender),
                inflect(self.lang, last, case, ("Surn",), gender),
            ]
            if None in forms:
                continue
            fi, mi, la = forms  # type: ignore[misc]
            if self.lang == "ru":  # keys spell ё as е (docs/entities.md)
                first, middle, last = (w.replace("ё", "е") for w in (first, middle, last))
            norm_full = f"{first} {middle} {last}".lower()
            style = self.rnd.random()
            if style < 0.35:
                return f"{fi} {la}", "PERSON", f"{first} {last}".lower()
            if style < 0.55:
                return f"{la} {fi} {mi}", "PERSON", norm_full
            if style < 0.75:
                return f"{fi} {mi} {la}", "PERSON", norm_full
            if style < 0.88:
                return f"{first[0]}. {la}", "PERSON", f"{first[0]}. {last}".lower()
            return (
                f"{la} {first[0]}.{middle[0]}.",
                "PERSON",
                (f"{first[0]}. {middle[0]}. {last}".lower()),
            )
        raise RuntimeError("no inflectable name in 30 tries")

    def _per_en(self) -> tuple[str, str, str | None]:
        if self.rnd.random() < 0.5:
            name = f"{self.fake.first_name()} {self.fake.last_name()}"
        else:
            uk = self.fake_uk
            name = cap(f"{latin(uk.first_name())} {latin(uk.last_name())}")
        return name, "PERSON", name.lower()

    def slot_first(self, slot: str) -> tuple[str, str, str | None]:
        if self.lang == "en":
            name = self.fake.first_name_female()
            return name, "PERSON", name.lower()
        name = self.fake.first_name_female()
        return name, "PERSON", name.lower()

    def slot_callsign(self, slot: str) -> tuple[str, str, str | None]:
        word = self.rnd.choice(CALLSIGNS[self.lang])
        return word, "CALLSIGN", word.lower()

    def slot_dob(self, slot: str) -> tuple[str, str, str | None]:
        """A date of birth: drawn like any full date, labelled DOB (it dates nothing else)."""
        text, _, norm = self.slot_date(slot.replace("DOB", "DATE", 1))
        return text, "DOB", norm

    # -- places -----------------------------------------------------------------------------
    def _settlement(self) -> tuple[str, str]:
        """(uk nominative name, category) of a random city or village."""
        gaz = gazetteer()
        names = _settlement_names()
        cat = "M" if self.rnd.random() < 0.5 else "C"
        name = self.rnd.choice(names[cat])
        return name, gaz.names[name][0].category

    def slot_loc(self, slot: str) -> tuple[str, str, str | None]:
        case = slot.split("_")[1]
        if self.lang == "en":
            name, _ = self._settlement()
            return cap(latin(name)), "LOC", name
        if self.lang == "ru":
            ru = self.rnd.choice(sorted(RU_UA_CITIES))
            words = [inflect("ru", w, case, (), None) or w for w in ru.split()]
            return cap(" ".join(words)), "LOC", RU_UA_CITIES[ru]
        for _ in range(30):
            name, _cat = self._settlement()
            words = [inflect("uk", w, case, (), None) for w in name.split()]
            if None not in words:
                return cap(" ".join(words)), "LOC", name  # type: ignore[arg-type]
        return cap(name), "LOC", name

    def _oblast(self) -> str:
        return self.rnd.choice(_oblast_names())

    def slot_oblast(self, slot: str) -> tuple[str, str, str | None]:
        name = self._oblast()
        norm = f"{name} область"
        if self.lang == "en":
            city = OBLAST_CENTRES.get(name)
            if city is None:
                name = "херсонська"
                city = "Kherson"
            return f"{city} Oblast", "LOC", f"{name} область"
        case = slot.split("_")[1]
        if self.lang == "ru":
            stems = {v: k for k, v in RU_OBLAST_STEMS.items()}
            if name not in stems:
                name = "запорізька"
            end = {"gent": "ой области", "loct": "ой области"}[case]
            return cap(stems[name]) + end, "LOC", f"{name} область"
        adj = inflect("uk", name, case, (), "femn") or cap(name)
        word = {"gent": "області", "loct": "області"}[case]
        return f"{cap(adj)} {word}", "LOC", norm

    def slot_raion(self, slot: str) -> tuple[str, str, str | None]:
        name = self.rnd.choice(_raion_names())
        adj = inflect("uk", name, "gent", (), "masc") or cap(name)
        return f"{cap(adj)} району", "LOC", f"{name} район"

    # -- dates ------------------------------------------------------------------------------
    def _date(self) -> dt.date:
        return dt.date(2022, 2, 24) + dt.timedelta(days=self.rnd.randint(0, 900))

    def slot_date(self, slot: str) -> tuple[str, str, str | None]:
        kind = slot.split("_")[1]
        return getattr(self, "_date_" + kind.lower())()

    def _fmt_dmy(self, d: dt.date, with_year: bool = True) -> str:
        if self.lang == "en":
            month = MONTHS["en"][d.month - 1]
            if not with_year:
                return f"{d.day} {month}" if self.rnd.random() < 0.5 else f"{month} {d.day}"
            return self.rnd.choice(
                (f"{month} {d.day}, {d.year}", f"{d.day} {month} {d.year}",
                 f"{month} {d.day}{_ordinal(d.day)}, {d.year}")
            )  # fmt: skip
        month = MONTHS[self.lang][d.month - 1]
        if not with_year:
            return f"{d.day} {month}"
        word = {"uk": " року", "ru": " года"}[self.lang] if self.rnd.random() < 0.5 else ""
        return f"{d.day} {month} {d.year}{word}"

    def _date_full(self) -> tuple[str, str, str | None]:
        d = self._date()
        self.last_year, self.anchor = d.year, d
        if self.rnd.random() < 0.25:
            return f"{d.day:02d}.{d.month:02d}.{d.year}", "DATE", d.isoformat()
        return self._fmt_dmy(d), "DATE", d.isoformat()

    def _date_num(self) -> tuple[str, str, str | None]:
        d = self._date()
        self.last_year, self.anchor = d.year, d
        if self.lang == "en":
            return f"{d.month}/{d.day}/{d.year % 100:02d}", "DATE", d.isoformat()
        return f"{d.day:02d}.{d.month:02d}.{d.year}", "DATE", d.isoformat()

    def _date_dm(self) -> tuple[str, str, str | None]:
        d = self._date()
        year = self.last_year
        if year is not None:
            d = _same_day(d, year)
            self.anchor = d
        norm = d.isoformat() if year is not None else f"--{d.month:02d}-{d.day:02d}"
        return self._fmt_dmy(d, with_year=False), "DATE", norm

    def _date_my(self) -> tuple[str, str, str | None]:
        d = self._date()
        self.last_year = d.year
        month = MONTHS[self.lang + "_loct" if self.lang != "en" else "en"][d.month - 1]
        return f"{month} {d.year}", "DATE", f"{d.year}-{d.month:02d}"

    def _date_season(self) -> tuple[str, str, str | None]:
        from sestry.extractors.entities.dates import season_interval

        year = self.rnd.randint(2022, 2024)
        word, season = self.rnd.choice(SEASONS[self.lang])
        self.last_year = year
        suffix = (
            {"uk": " року", "ru": " года", "en": ""}[self.lang] if self.rnd.random() < 0.5 else ""
        )
        return f"{word} {year}{suffix}", "DATE", season_interval(season, year)

    def _date_range(self) -> tuple[str, str, str | None]:
        d = self._date()
        year = self.last_year or d.year
        a = _same_day(d, year).replace(day=min(d.day, 18))
        b = a + dt.timedelta(days=self.rnd.randint(2, 9))
        if self.lang == "en":
            month = MONTHS["en"][b.month - 1]
            text = (
                f"from {a.day} to {b.day} {month}"
                if a.month == b.month
                else f"from {a.day} {MONTHS['en'][a.month - 1]} to {b.day} {month}"
            )
        else:
            months = MONTHS[self.lang]
            prep, to = {"uk": ("З", "по"), "ru": ("С", "по")}[self.lang]
            text = (
                f"{prep} {a.day} {to} {b.day} {months[b.month - 1]}"
                if a.month == b.month
                else f"{prep} {a.day} {months[a.month - 1]} {to} {b.day} {months[b.month - 1]}"
            )
        self.anchor = b
        return text, "DATE", f"{a.isoformat()}/{b.isoformat()}"  # fmt: skip

    def _date_rel(self) -> tuple[str, str, str | None]:
        phrase, delta = self.rnd.choice(RELATIVE[self.lang])
        if self.anchor is None:
            return phrase, "DATE", None
        self.anchor = self.anchor + dt.timedelta(days=delta)
        return phrase, "DATE", self.anchor.isoformat()

    # -- identifiers ----------------------------------------------------------------------
    def slot_time(self, slot: str) -> tuple[str, str, str | None]:
        h, m = self.rnd.randint(0, 23), self.rnd.choice((0, 10, 15, 20, 30, 40, 45, 50))
        if self.lang == "en" and self.rnd.random() < 0.4:
            h12 = self.rnd.randint(1, 11)
            pm = self.rnd.random() < 0.5
            return f"{h12} {'pm' if pm else 'am'}", "TIME", f"{h12 + 12 * pm:02d}:00"
        return f"{h:02d}:{m:02d}", "TIME", f"{h:02d}:{m:02d}"

    def slot_phone(self, slot: str) -> tuple[str, str, str | None]:
        if self.lang == "ru" and self.rnd.random() < 0.4:
            a, b, c, d = (self.rnd.randint(900, 999), self.rnd.randint(100, 999),
                          self.rnd.randint(10, 99), self.rnd.randint(10, 99))  # fmt: skip
            return f"+7 {a} {b}-{c}-{d}", "PHONE", f"+7{a}{b}{c}{d}"
        op = self.rnd.choice(MOBILE)
        digits = f"{self.rnd.randint(0, 9999999):07d}"
        e164 = f"+380{op}{digits}"
        style = self.rnd.randint(0, 3)
        text = (
            f"+380 {op} {digits[:3]} {digits[3:5]} {digits[5:]}",
            f"0{op} {digits[:3]} {digits[3:5]} {digits[5:]}",
            f"(0{op}) {digits[:3]}-{digits[3:5]}-{digits[5:]}",
            f"+380{op}{digits}",
        )[style]
        return text, "PHONE", e164

    def slot_email(self, slot: str) -> tuple[str, str, str | None]:
        email = self.fake.email()
        return email, "EMAIL", email.lower()

    def slot_passport(self, slot: str) -> tuple[str, str, str | None]:
        if self.lang == "en" or self.rnd.random() < 0.3:
            series = self.rnd.choice(("FE", "FA", "EK", "FB", "EH"))
        else:
            series = "".join(self.rnd.choice("АВСЕКМНОРТХ") for _ in range(2))
        number = f"{self.rnd.randint(0, 999999):06d}"
        sep = self.rnd.choice(("", " ", " № "))
        from sestry.extractors.entities.chars import TO_LATIN

        return f"{series}{sep}{number}", "ID_DOC", f"{series}{number}".translate(TO_LATIN)

    def slot_idcard(self, slot: str) -> tuple[str, str, str | None]:
        number = f"{self.rnd.randint(0, 999999999):09d}"
        return number, "ID_DOC", number

    def slot_tax(self, slot: str) -> tuple[str, str, str | None]:
        while True:
            first = f"{self.rnd.randint(0, 999999999):09d}"
            check = sum(int(d) * w for d, w in zip(first, RNOKPP_WEIGHTS, strict=True)) % 11 % 10
            number = first + str(check)
            return number, "TAX_ID", number

    def slot_plate(self, slot: str) -> tuple[str, str, str | None]:
        from sestry.extractors.entities.chars import TO_LATIN

        region = self.rnd.choice(PLATE_REGIONS)
        tail = "".join(self.rnd.choice(PLATE_LETTERS) for _ in range(2))
        digits = f"{self.rnd.randint(0, 9999):04d}"
        if self.lang == "en" or self.rnd.random() < 0.2:
            region, tail = region.translate(TO_LATIN), tail.translate(TO_LATIN)
        text = f"{region} {digits} {tail}" if self.rnd.random() < 0.7 else f"{region}{digits}{tail}"
        return text, "VEHICLE_PLATE", f"{region}{digits}{tail}".translate(TO_LATIN)

    def slot_unit(self, slot: str) -> tuple[str, str, str | None]:
        number = (
            f"А{self.rnd.randint(1000, 9999)}" if self.rnd.random() < 0.5
            else f"{self.rnd.randint(10000, 99999)}"
        )  # fmt: skip
        key = {
            "uk": ("в/ч", "військової частини"),
            "ru": ("в/ч", "воинской части", "войсковой части"),
            "en": ("military unit",),
        }[self.lang]
        if self.lang == "en":
            number = number.replace("А", "A")
        word = self.rnd.choice(key)
        return f"{word} {number}", "MILITARY_UNIT", number.replace("А", "A")

    def slot_address(self, slot: str) -> tuple[str, str, str | None]:
        n = self.rnd.randint(1, 120)
        if self.lang == "en":
            text = f"{n} {self.fake.last_name()} {self.rnd.choice(EN_STREETS)}"
            if self.rnd.random() < 0.4:
                text += f", Apt. {self.rnd.randint(1, 300)}"
            return text, "ADDRESS", text.lower()
        street = inflect(self.lang, self.fake_uk.last_name_male() if self.lang == "uk"
                         else self.fake.last_name_male(), "gent", ("Surn",), "masc")  # fmt: skip
        street = street or ("Шевченка" if self.lang == "uk" else "Ленина")
        kind = {"uk": ("вул.", "вулиця", "просп.", "пров."), "ru": ("ул.", "улица", "пр.")}
        text = f"{self.rnd.choice(kind[self.lang])} {street}, {n}"
        if self.rnd.random() < 0.5:
            text += f", кв. {self.rnd.randint(1, 200)}"
        return text, "ADDRESS", text.lower()

    def slot_org(self, slot: str) -> tuple[str, str, str | None]:
        surface, norm = self.rnd.choice(ORGS[self.lang])
        return surface, "ORG", norm


def _ordinal(day: int) -> str:
    if 11 <= day % 100 <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _same_day(d: dt.date, year: int) -> dt.date:
    try:
        return d.replace(year=year)
    except ValueError:
        return d.replace(year=year, day=28)


def _settlement_names() -> dict[str, list[str]]:
    global _SETTLEMENTS
    if _SETTLEMENTS is None:
        gaz = gazetteer()
        out: dict[str, list[str]] = {"M": [], "C": []}
        for name, places in sorted(gaz.names.items()):
            if " " in name or not places or places[0].code is None or places[0].name != name:
                continue
            if places[0].category == "M":
                out["M"].append(name)
            elif places[0].category in ("C", "X", "T") and len(places) == 1:
                out["C"].append(name)
        _SETTLEMENTS = out
    return _SETTLEMENTS


def _oblast_names() -> list[str]:
    gaz = gazetteer()
    return sorted({p.name for ps in gaz.admin.values() for p in ps if p.category == "O"
                   and " " not in p.name and p.code and p.code in _ALL_CODES(gaz)})  # fmt: skip


def _ALL_CODES(gaz: object) -> set[str]:  # noqa: N802
    return {p.code for ps in gaz.admin.values() for p in ps if p.code}  # type: ignore[attr-defined]


def _raion_names() -> list[str]:
    gaz = gazetteer()
    return sorted({p.name for ps in gaz.admin.values() for p in ps if p.category == "P"})


_SETTLEMENTS: dict[str, list[str]] | None = None
