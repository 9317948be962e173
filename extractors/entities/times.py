"""Times of day: "о 14:30", "at 3 pm", "в 5 утра". Norm "HH:MM" (24-hour)."""

from __future__ import annotations

import re
from typing import ClassVar

from sestry.extractors.entities.base import Pattern, PatternRecognizer
from sestry.extractors.entities.dates import MONTHS, _alternation
from sestry.extractors.entities.morph import parses

_PM = re.compile(
    r"p\.?\s?m\.?|вечора|вечера|дня|ночі|ночи|увечері|вечором|in\s+the\s+(?:evening|afternoon)",
    re.IGNORECASE,
)
_AM = re.compile(r"a\.?\s?m\.?|ранку|утра|зранку|ночі|ночи", re.IGNORECASE)


# Hour words, 1..12, in the form each construction takes (the grammar, not testimony words):
# uk "о дев'ятій" (locative), "пів на сьому" (accusative); ru "в шесть", "в половине седьмого";
# en "at six", "half past six".
_HOURS = {
    "uk_loc": "першій другій третій четвертій п'ятій шостій сьомій восьмій дев'ятій десятій "
    "одинадцятій дванадцятій",
    "uk_gen": "першої другої третьої четвертої п'ятої шостої сьомої восьмої дев'ятої десятої "
    "одинадцятої дванадцятої",
    "uk_acc": "першу другу третю четверту п'яту шосту сьому восьму дев'яту десяту одинадцяту "
    "дванадцяту",
    "ru_card": "час два три четыре пять шесть семь восемь девять десять одиннадцать двенадцать",
    "ru_card_gen": "одного двух трех четырех пяти шести семи восьми девяти десяти одиннадцати "
    "двенадцати",
    "ru_gen": "первого второго третьего четвертого пятого шестого седьмого восьмого девятого "
    "десятого одиннадцатого двенадцатого",
    "en": "one two three four five six seven eight nine ten eleven twelve",
}
HOUR_WORDS = {w: n for text in _HOURS.values() for n, w in enumerate(text.split(), 1)}
HOUR_WORDS.update({"одну": 1, "один": 1, "четвёртого": 4, "трёх": 3, "четырёх": 4})


def _alt(*keys: str) -> str:
    ws = [w for k in keys for w in _HOURS[k].split()] + (["одну"] if "uk_acc" in keys else [])
    alts = [w.replace("'", "['’ʼ]") for w in sorted(ws, key=len, reverse=True)]
    return _alternation(alts)  # grouped by first letter: the same matches, faster


_RU_CARD = _alt("ru_card", "ru_card_gen")
_DAYPART = (
    r"(?P<ap>ранку|вечора|ночі|дня|зранку|увечері|вечором|утра|вечера|ночи|"
    r"in\s+the\s+(?:morning|evening|afternoon)|at\s+night)"
)
_OCLOCK = r"(?:годині|годин[иау]?|часов|часа|часу|o['’]clock)"
# Hour words after a preposition that takes the genitive: "близько восьмої ранку", "після десятої".
_UK_GEN_PREP = r"(?:близько|приблизно|після|до|від|з|із|коло|біля|десь\s+до)"
# Right after a date an approximate hour is the time of that day, not a duration:
# "22 августа 2022 года около 16 часов" (alone, "около 16 часов" may be how long it lasted).
_DATE_END = (
    r"(?:року|році|года|году|г\.|р\.|(?:19|20)\d\d|"
    + "|".join(sorted((m for m in MONTHS if not m.isascii()), key=len, reverse=True))
    + ")"
)


# Words that put a bare hour in the day: "щоранку о сьомій", "утром в семь", "at six every day".
_PART_OF_DAY = re.compile(
    r"(?<!\w)(?:що(?:ранку|вечора|ночі|дня)|в?ранці|уранці|зранку|в?вечері|увечері|вночі|уночі|"
    r"ранком|вечором|каждое\s+утро|каждый\s+(?:вечер|день)|каждую\s+ночь|утром|вечером|ночью|"
    r"по\s+утрам|по\s+вечерам|every\s+(?:morning|evening|night|day)|in\s+the\s+"
    r"(?:morning|evening|afternoon)|at\s+night|ранку|вечора|утра|вечера)(?!\w)",
    re.IGNORECASE,
)


class TimeRecognizer(PatternRecognizer):
    """Clock times; a bare "14.30" only after a preposition (it could be a date)."""

    name = "time"
    version = "6"
    label = "TIME"
    labels = frozenset({"TIME"})
    # What each of these patterns' matches must contain; a text without it skips the scan.
    NEEDS: ClassVar[dict[str, re.Pattern[str]]] = {
        "hh_mm": re.compile(r"\d:\d"),
        "prep_hh_dot_mm": re.compile(r"\d\.\d"),
        "range_dot": re.compile(r"\d\.\d"),
        "military": re.compile(r"\d\d\s?h", re.IGNORECASE),
        "hour_ampm": re.compile(r"\d\s?[ap]", re.IGNORECASE),
        "hour_unit": re.compile(r"годині|часов|часа|o['’]clock", re.IGNORECASE),
        "hour_min_units": re.compile(r"\d\s*(?:год|ч|h)", re.IGNORECASE),
        "range_hours": re.compile(r"\d\s+(?:до|по)\s+\d", re.IGNORECASE),
        "hour_after_date": re.compile(r"\d\s+(?:годин|час)", re.IGNORECASE),
        "noon_en": re.compile(r"noon|midnight|midday", re.IGNORECASE),
        "noon_uk": re.compile(r"опівн|опівд", re.IGNORECASE),
        "noon_ru": re.compile(r"полн|полуд|полуноч", re.IGNORECASE),
        # a genitive hour word's ending, then a part of day
        "words_ru_gen": re.compile(
            r"(?:ого|ух|ех|ёх|и)\s+(?:ранку|вечора|ночі|дня|зранку|увечері|вечором|утра|вечера"
            r"|ночи|in\s+the|at\s+night)",
            re.IGNORECASE,
        ),
    }
    PATTERNS = (
        Pattern(
            "hh_mm",
            r"(?<![\d:.])(?P<ent>(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)"
            r"(?:\s?(?P<ap>[ap]\.?\s?m\.?(?!\w)|(?<=\s)(?:ранку|вечора|ночі|дня|утра|вечера|ночи"
            r"|in\s+the\s+(?:morning|evening|afternoon)|at\s+night)(?!\w))"
            # the military and police "at 22:40 hours" is one time
            r"|\s(?:hours|hrs)(?![\w.]))?)(?!\d|:\d)",
            0.85,
            re.IGNORECASE,
        ),
        Pattern(
            "prep_hh_dot_mm",
            r"(?:\b(?:о|об|в|во|около|близько|приблизно|at|around|about)\s+)"
            r"(?P<ent>(?P<h>[01]?\d|2[0-3])\.(?P<m>[0-5]\d)"
            r"(?:\s?(?P<ap>[ap]\.\s?m\.|[ap]m)(?!\w))?)(?!\d|\.\d)",
            0.8,
            re.IGNORECASE,
        ),
        # a dotted time after a range word when its minutes can be no month ("з 22.00 до
        # 02.00", "from 8.45"): "з 10.03" stays a date's business
        Pattern(
            "range_dot",
            r"(?:\b(?:з|із|зі|с|со|від|от|до|по|from|to|until|till|between|and)\s+)"
            r"(?P<ent>(?P<h>[01]?\d|2[0-3])\.(?P<m>00|1[3-9]|[2-5]\d))(?!\d|\.\d)",
            0.8,
            re.IGNORECASE,
        ),
        # the military four digits with "hours" ("at 0600 hours", "until 2130 hrs")
        Pattern(
            "military",
            r"(?:\b(?:at|around|about|by|until|till|from|to|before|after)\s+)"
            r"(?P<ent>(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)\s?(?:hours|hrs)(?![\w.]))",
            0.8,
            re.IGNORECASE,
        ),
        Pattern(
            "hour_ampm",
            r"(?<![\d:.])(?P<ent>(?P<h>1[0-2]|0?[1-9])\s?(?P<ap>[ap]\.\s?m\.|[ap]m)(?!\w))",
            0.85,
            re.IGNORECASE,
        ),
        Pattern(
            "hour_daypart",
            r"(?:\b(?:о|об|в|во|около|близько|приблизно|at|around|about)\s+)"
            r"(?P<ent>(?P<h>1[0-2]|0?[1-9])(?:[.:](?P<m>[0-5]\d))?"
            r"(?:-?(?:й|ій|ой|ої|ї))?\s+(?P<ap>ранку|вечора|ночі|дня|утра|вечера|ночи|"
            r"in\s+the\s+(?:morning|evening|afternoon)|at\s+night))\b",
            0.8,
            re.IGNORECASE,
        ),
        Pattern(
            "words_uk",
            rf"(?:\b(?:о|об|близько|приблизно)\s+)(?P<ent>(?P<hw>{_alt('uk_loc')})"
            rf"(?:\s+{_OCLOCK})?\s+{_DAYPART}|(?P<hw2>{_alt('uk_loc')})\s+{_OCLOCK})(?!\w)",
            0.8,
            re.IGNORECASE,
        ),
        Pattern(
            "words_uk_gen",
            rf"(?:\b{_UK_GEN_PREP}\s+)(?P<ent>(?P<hw>{_alt('uk_gen')})"
            rf"(?:\s+{_OCLOCK})?\s+{_DAYPART}|(?P<hw2>{_alt('uk_gen')})\s+{_OCLOCK})(?!\w)",
            0.8,
            re.IGNORECASE,
        ),
        Pattern(
            "hour_unit",
            r"(?:\b(?:о|об|в|во|к|at|around|about)\s+)"
            r"(?P<ent>(?P<h>[01]?\d|2[0-3])(?:-?(?:й|ій|ой|ої|ї))?\s+"
            r"(?:годині|часов|часа|o['’]clock)"
            r"(?:\s+(?P<ap>ранку|вечора|ночі|дня|утра|вечера|ночи))?)(?!\w)",
            0.8,
            re.IGNORECASE,
        ),
        Pattern(
            "hour_after_date",
            rf"(?<!\w){_DATE_END},?\s+(?:около|примерно|приблизно|близько|десь|где-то)\s+"
            r"(?P<ent>(?P<h>[01]?\d|2[0-3])\s+(?:годин[иіу]?|часов|часа)"
            r"(?:\s+(?P<ap>ранку|вечора|ночі|дня|утра|вечера|ночи))?)(?!\w)",
            0.8,
            re.IGNORECASE,
        ),
        # hours and minutes as units, the way protocols write a time: "9 год 40 хв",
        # "16 ч 25 мин", "9 h 05 min" (the minutes say it is a time of day, not a duration)
        Pattern(
            "hour_min_units",
            r"(?<![\w.:])(?P<ent>(?P<h>[01]?\d|2[0-3])\s*(?:год\.?|ч\.?|h\.?|hrs?\.?)\s*"
            r"(?P<m>[0-5]\d)\s*(?:хв|хвилин[аиу]?|мин|минут[аы]?|min|minutes)(?![\w]))",
            0.8,
            re.IGNORECASE,
        ),
        Pattern(
            "range_hours",
            r"(?<!\w)(?P<ent>(?:[зс]|від|от|со)\s+(?P<h>[01]?\d|2[0-3])\s+(?:до|по)\s+"
            r"(?P<h2>[01]?\d|2[0-3])\s+(?:годин[иау]?|часов|часа|часу)"
            r"(?:\s+(?P<ap>ранку|вечора|ночі|дня|утра|вечера|ночи))?)(?!\w)",
            0.8,
            re.IGNORECASE,
        ),
        # midnight and noon: "at midnight", "опівночі", "в полночь", "около полудня"
        Pattern(
            "noon_en",
            r"(?:\b(?:at|around|about|after|before|until|till|by)\s+)"
            r"(?P<ent>(?P<noon>midnight|noon|midday))(?!\w)",
            0.8,
            re.IGNORECASE,
        ),
        Pattern("noon_uk", r"(?<!\w)(?P<ent>(?P<noon>опівночі|опівдні))(?!\w)", 0.8, re.IGNORECASE),
        Pattern(
            "noon_ru",
            r"(?:\b(?:в|около|к|после|до)\s+)"
            r"(?P<ent>(?P<noon>полночь|полуночи|полдень|полудня|полудню))(?!\w)",
            0.8,
            re.IGNORECASE,
        ),
        Pattern(
            "half_uk",
            rf"(?<!\w)(?P<ent>(?P<half>пів)\s*(?:на|-на)\s+(?P<hw>{_alt('uk_acc')})"
            rf"(?:\s+{_DAYPART})?)(?!\w)",
            0.8,
            re.IGNORECASE,
        ),
        Pattern(
            "words_ru",
            rf"(?:\b(?:в|во|около|часов\s+в)\s+)(?P<ent>(?P<hw>{_RU_CARD})"
            rf"(?:\s+{_OCLOCK})?\s+{_DAYPART}|(?P<hw2>{_RU_CARD})\s+{_OCLOCK})(?!\w)",
            0.8,
            re.IGNORECASE,
        ),
        Pattern(
            "words_ru_gen",  # "с семи утра", "до двух ночи", "к восьми вечера": a part of day
            rf"(?:\b(?:с|со|до|после|от|к|ко)\s+)(?P<ent>(?P<hw>{_alt('ru_card_gen')})"
            rf"(?:\s+{_OCLOCK})?\s+{_DAYPART})(?!\w)",
            0.8,
            re.IGNORECASE,
        ),
        # a bare hour word: "щоранку о сьомій", "каждое утро в шесть", "every morning at six"
        # ("О третій ми не думали", "в шесть рядов" stay out: no part of day in the clause)
        Pattern(
            "words_bare",
            rf"(?:\b(?:о|об|в|во|at)\s+)(?P<ent>(?P<bare>)"
            rf"(?P<hw>{_alt('uk_loc', 'ru_card', 'en')}))(?!\w)(?!\s+(?:of|point|time|or|and)\b)",
            0.75,
            re.IGNORECASE,
        ),
        Pattern(
            "half_ru",
            rf"(?<!\w)(?:в\s+)?(?P<ent>(?P<half>половине|половины|пол)\s*(?P<hw>{_alt('ru_gen')})"
            rf"(?:\s+{_DAYPART})?)(?!\w)",
            0.8,
            re.IGNORECASE,
        ),
        Pattern(
            "words_en",
            rf"(?<!\w)(?P<ent>(?:(?P<q>half|quarter)\s+(?P<rel>past|to)\s+)?(?P<hw>{_alt('en')})"
            rf"(?:\s+{_OCLOCK})?(?:\s+{_DAYPART})?)(?!\w)",
            0.75,
            re.IGNORECASE,
        ),
    )

    def validate(self, match: re.Match[str]) -> bool | None:
        """A bare English number word is only a time with "half past", "o'clock" or a daypart;
        a bare hour word after "о / в / at" only with a part of day in its clause."""
        g = match.groupdict()
        if "bare" in g:
            end = match.end("ent")
            if _counts_a_noun(match.string, end, g["hw"]):
                return False
            return _part_of_day_near(match.string, match.start("ent"), end) != ""
        if g.get("hw") and "rel" in g and not (g.get("rel") or g.get("ap")):
            return bool(re.search(r"o['’]clock", match.group("ent"), re.IGNORECASE))
        return None

    def normalize(self, match: re.Match[str]) -> str | None:
        """24-hour "HH:MM"."""
        groups = match.groupdict()
        if groups.get("noon"):
            night = groups["noon"].lower().startswith(("midn", "опівн", "полн", "полуноч"))
            return "00:00" if night else "12:00"
        word = groups.get("hw") or groups.get("hw2")
        if word:
            hour, minute = _word_time(word, groups)
            if "bare" in groups:  # "щовечора о дев'ятій" = 21:00, "every night at eleven" = 23:00
                part = _part_of_day_near(match.string, match.start("ent"), match.end("ent"))
                evening = re.search(r"веч|evening|afternoon", part)
                if hour < 12 and (evening or (hour >= 6 and re.search(r"ноч|night", part))):
                    hour += 12
        else:
            hour = int(groups["h"])
            minute = int(groups.get("m") or 0)
            if groups.get("h2"):  # "с 10 до 12 часов": an interval, as dates are
                end = int(groups["h2"])
                ap = groups.get("ap") or ""
                if ap and _PM.fullmatch(ap.strip()) and end < 12:
                    hour, end = (hour + 12 if hour < 12 else hour), end + 12
                return f"{hour:02d}:00/{end:02d}:00"
        ap = groups.get("ap") or ""
        if " ".join(ap.lower().split()) == "at night" and 6 <= hour < 12:
            hour += 12  # "at 11 at night"; "at 2 at night" stays 02:00
        if ap and _PM.fullmatch(ap.strip()) and hour < 12 and not ap.lower().startswith("ноч"):
            hour += 12
        elif ap and _AM.fullmatch(ap.strip()) and hour == 12:
            hour = 0
        return f"{hour:02d}:{minute:02d}"


_NEXT_WORD = re.compile(r"\s+([^\W\d_]+)")


def _counts_a_noun(text: str, end: int, hour_word: str) -> bool:
    """The hour word counts the noun after it ("в шесть рядов", "в шесть раз больше")."""
    nxt = _NEXT_WORD.match(text, end)
    if hour_word.isascii() or nxt is None or not nxt.group(1).islower():
        return False
    uk = hour_word.lower().replace("’", "'").replace("ʼ", "'") in _HOURS["uk_loc"].split()
    found = parses("uk" if uk else "ru", nxt.group(1))
    return any(p.tag.POS == "NOUN" and "gent" in p.tag for p in found)


def _part_of_day_near(text: str, start: int, end: int) -> str:
    """The part-of-day word within the hour word's clause (40 characters either side), or ""."""
    before = re.split(r"[.!?;\n]", text[max(0, start - 40) : start])[-1]
    after = re.split(r"[.!?;\n]", text[end : end + 40])[0]
    found = _PART_OF_DAY.search(before) or _PART_OF_DAY.search(after)
    return found.group().lower() if found else ""


def _word_time(word: str, groups: dict[str, str | None]) -> tuple[int, int]:
    """Hour and minute of a spelled-out time: "пів на сьому" = 6:30, "quarter to six" = 5:45."""
    hour = HOUR_WORDS.get(word.lower().replace("’", "'").replace("ʼ", "'"), 0)
    if groups.get("half"):
        return (hour - 1) % 12 or 12, 30
    rel, q = (groups.get("rel") or "").lower(), (groups.get("q") or "").lower()
    if rel == "past":
        return hour, 30 if q == "half" else 15
    if rel == "to":
        return (hour - 1) % 12 or 12, 45
    return hour, 0
