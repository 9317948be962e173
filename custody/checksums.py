"""B3SUMS and SHA256SUMS files that `b3sum --check` and `sha256sum --check` accept as they are.

Format (both tools): `<hex digest><two spaces><relative path>\n`, sorted by path, `/` separators.
File names that those tools would need to escape (newline, carriage return, backslash) are
refused rather than written in a form a partner's tool might misread.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable
from pathlib import Path

from sestry.core.digest import hash_file
from sestry.core.durable import write_atomic
from sestry.core.errors import UsageError

B3SUMS = "B3SUMS"
SHA256SUMS = "SHA256SUMS"
_FORBIDDEN = ("\n", "\r", "\\")
_HEX64 = re.compile("[0-9a-f]{64}")  # lower-case hex only, as both tools write it


def _relative(folder: Path, path: Path) -> str:
    """`path` relative to `folder` with `/` separators; UsageError if outside or unsafe."""
    try:
        rel = path.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError as exc:
        raise UsageError(f"{path} is not inside {folder}") from exc
    if any(ch in rel for ch in _FORBIDDEN):
        raise UsageError("a file name holds a newline or backslash; rename it before release")
    return rel


def _default_files(folder: Path) -> list[Path]:
    """Every regular file under `folder`, refusing symlinks (their target could change)."""
    found: list[Path] = []
    for path in folder.rglob("*"):
        if path.is_symlink():
            raise UsageError(f"symlink in release folder: {path.relative_to(folder)}")
        if path.is_file():
            found.append(path)
    return found


def write_checksum_files(
    folder: Path, files: Iterable[Path] | None = None, *, exclude: Iterable[str] = ()
) -> tuple[Path, Path]:
    """Write `folder/B3SUMS` and `folder/SHA256SUMS`; return their paths.

    `files` defaults to every regular file under `folder` except the two checksum files.
    `exclude` holds relative paths or glob patterns (matched on the `/`-separated path).
    """
    folder = Path(folder)
    patterns = tuple(exclude) + (B3SUMS, SHA256SUMS)
    chosen = _default_files(folder) if files is None else [Path(f) for f in files]
    entries: dict[str, Path] = {}
    for path in chosen:
        full = path if path.is_absolute() else folder / path
        rel = _relative(folder, full)
        if any(fnmatch.fnmatchcase(rel, pattern) for pattern in patterns):
            continue
        entries[rel] = full
    b3_lines: list[str] = []
    sha_lines: list[str] = []
    for rel in sorted(entries):
        digests = hash_file(entries[rel])
        b3_lines.append(f"{digests.blake3}  {rel}\n")
        sha_lines.append(f"{digests.sha256}  {rel}\n")
    b3_path = write_atomic(folder / B3SUMS, "".join(b3_lines).encode("utf-8"), 0o644)
    sha_path = write_atomic(folder / SHA256SUMS, "".join(sha_lines).encode("utf-8"), 0o644)
    return b3_path, sha_path


def read_checksum_file(path: Path) -> dict[str, str]:
    """Parse a B3SUMS/SHA256SUMS file into {relative path: hex digest}.

    Raises UsageError on a malformed line (a partner's file must parse exactly).
    """
    result: dict[str, str] = {}
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line:
            continue
        digest, sep, name = line.partition("  ")
        if not sep:
            digest, sep, name = line.partition(" *")  # binary-mode marker of coreutils
        if not sep or not name or _HEX64.fullmatch(digest) is None:
            raise UsageError(f"{Path(path).name} line {number} is malformed")
        result[name] = digest
    return result
