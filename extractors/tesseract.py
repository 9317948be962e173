"""What OCR needs installed, and the versions that go into the custody ledger.

`check` stops a run at start (exit 2, with the apt-get line that fixes it) instead of letting
every scan fail one by one. `versions` names the tesseract binary and the BLAKE3 digest of each
language file used, so an OCR result can be explained years later.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
from pathlib import Path

from sestry.core.errors import MissingDependency
from sestry.core.languages import TESSERACT_CODES

_LIST_HEADER = re.compile(r'List of available languages in "(?P<dir>[^"]+)"')
_VERSION = re.compile(r"tesseract\s+v?(?P<v>\d+\.\d+(?:\.\d+)?\S*)")
APT_PACKAGE = "tesseract-ocr-{lang}"
#: Where dpkg keeps each package's md5sums (the language data is checked against them).
DPKG_INFO = Path("/var/lib/dpkg/info")


def _run(args: list[str]) -> str:
    exe = shutil.which("tesseract")
    if exe is None:
        raise MissingDependency("tesseract is not installed: apt-get install tesseract-ocr")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(  # noqa: S603 - fixed argv, no shell
            [exe, *args], capture_output=True, text=True, timeout=60, env=env, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise MissingDependency(f"tesseract does not run ({type(exc).__name__})") from None
    return done.stdout + "\n" + done.stderr


def tesseract_version() -> str:
    """The tesseract version string, e.g. "5.3.0"."""
    match = _VERSION.search(_run(["--version"]))
    if match is None:
        raise MissingDependency("cannot read the tesseract version: reinstall tesseract-ocr")
    return match.group("v")


def available_languages() -> tuple[Path | None, frozenset[str]]:
    """(tessdata folder, installed language codes) as tesseract itself reports them."""
    out = _run(["--list-langs"])
    header = _LIST_HEADER.search(out)
    folder = Path(header.group("dir")) if header else None
    langs = set()
    for line in out[header.end() :].splitlines() if header else ():
        line = line.strip()
        if re.fullmatch(r"[A-Za-z0-9_]+", line):
            langs.add(line)
    return folder, frozenset(langs)


def needed_languages(languages: str) -> tuple[str, ...]:
    """Split a tesseract language string ("ukr+rus+eng") into codes."""
    return tuple(code for code in languages.split("+") if code)


def languages_for(languages: str, hint: str | None) -> str:
    """Put the hinted language first: tesseract favours its first language.

    Measured on the samples: an English page read with "ukr+rus+eng" turns "the" into "Ше";
    with "eng+ukr+rus" it reads right. The set of languages never changes, only the order.
    """
    code = TESSERACT_CODES.get(hint or "")
    codes = list(needed_languages(languages))
    if code not in codes:
        return languages
    codes.remove(code)
    return "+".join([code, *codes])


def check(languages: str) -> None:
    """Raise MissingDependency naming the fix when tesseract or a language file is missing."""
    try:
        import pytesseract  # noqa: F401
    except ImportError:
        raise MissingDependency("pytesseract is missing: pip install 'sestry[ocr]'") from None
    folder, installed = available_languages()  # one `tesseract --list-langs` a check
    missing = [code for code in needed_languages(languages) if code not in installed]
    if missing:
        fix = " ".join(APT_PACKAGE.format(lang=code) for code in missing)
        raise MissingDependency(
            f"tesseract language data missing: {', '.join(missing)}; fix: apt-get install {fix}"
        )
    for code in needed_languages(languages):
        path = ((folder or Path()) / f"{code}.traineddata").resolve()
        if path.is_file() and not matches_package(path, code):
            package = APT_PACKAGE.format(lang=code)
            raise MissingDependency(
                f"tesseract language data {code} is damaged (it differs from the checksum of the"
                f" Debian package); fix: apt-get install --reinstall {package}"
            )


def matches_package(path: Path, code: str) -> bool:
    """False when Debian's own md5sums list `path` with another MD5 (a damaged file).

    True when they agree, or when the file is not one the Debian package installed (a custom
    TESSDATA_PREFIX, another distribution): then there is nothing to compare against.
    """
    listing = DPKG_INFO / f"{APT_PACKAGE.format(lang=code)}.md5sums"
    try:
        lines = listing.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return True
    wanted = str(path).lstrip("/")
    for line in lines:
        digest, _, name = line.partition("  ")
        if name == wanted:
            stat = path.stat()
            return _md5(str(path), stat.st_size, stat.st_mtime_ns) == digest
    return True


@functools.lru_cache(maxsize=16)
def _md5(path: str, _size: int, _mtime_ns: int) -> str:
    """MD5 of a language file (Debian's md5sums format); size and mtime key the cache."""
    import hashlib

    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "md5").hexdigest()


def versions(languages: str) -> dict[str, str]:
    """{"tesseract": version, "tessdata/<lang>": blake3 of <lang>.traineddata, ...}.

    Cached per (languages, tesseract binary, TESSDATA_PREFIX): it runs once per process.
    """
    key = (languages, shutil.which("tesseract"), os.environ.get("TESSDATA_PREFIX"))
    return dict(_versions(*key))


@functools.lru_cache(maxsize=16)
def _versions(languages: str, _exe: str | None, _prefix: str | None) -> tuple[tuple[str, str], ...]:
    folder, _ = available_languages()
    result = {"tesseract": tesseract_version()}
    for code in needed_languages(languages):
        path = (folder or Path()) / f"{code}.traineddata"
        if not path.is_file():
            raise MissingDependency(
                f"tesseract language data missing: {code}; fix: apt-get install "
                + APT_PACKAGE.format(lang=code)
            )
        stat = path.stat()
        result[f"tessdata/{code}"] = _digest(str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    return tuple(result.items())


@functools.lru_cache(maxsize=64)
def _digest(path: str, _size: int, _mtime_ns: int) -> str:
    """BLAKE3 of a language file; size and mtime are only part of the cache key."""
    import blake3

    hasher = blake3.blake3()
    hasher.update_mmap(path)
    return hasher.hexdigest()
