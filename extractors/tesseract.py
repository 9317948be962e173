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
    _, installed = available_languages()
    missing = [code for code in needed_languages(languages) if code not in installed]
    if missing:
        fix = " ".join(APT_PACKAGE.format(lang=code) for code in missing)
        raise MissingDependency(
            f"tesseract language data missing: {', '.join(missing)}; fix: apt-get install {fix}"
        )


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
