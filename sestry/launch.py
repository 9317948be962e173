"""The `sestry` console command: `sestry verify RELEASE` without loading the command-line library.

A partner checks a release with one command; on a large release that check should cost what
`b3sum --check` costs (issue 14), and typer with click is most of a light command's start-up
(0.3 s of 0.35 s CPU). So a release check written in the plain form below runs the same
`sestry.commands.verify.run` directly; every other command line, including `--help`, any option
this path does not know, and a data folder's check, goes to the full command line
(`sestry.cli.main`), which parses and reports usage errors as always.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NamedTuple, NoReturn


class ReleaseCheck(NamedTuple):
    """A `sestry verify RELEASE [--key K] [--json] [--sha256]` command line, parsed."""

    release_dir: Path
    key: str | None
    as_json: bool
    sha256: bool


def parse_release_check(args: list[str]) -> ReleaseCheck | None:
    """The release check `args` asks for, or None when the full command line must read them."""
    if not args or args[0] != "verify":
        return None
    release: str | None = None
    key: str | None = None
    flags = {"--json": False, "--sha256": False}
    rest = iter(args[1:])
    for arg in rest:
        if arg in flags and not flags[arg]:
            flags[arg] = True
        elif arg == "--key" and key is None:
            key = next(rest, None)
            if key is None or key.startswith("-"):
                return None
        elif arg.startswith("--key=") and key is None:
            key = arg.removeprefix("--key=")
        elif arg.startswith("-") or release is not None:
            return None  # --help, --data, --repair, a typo, a second path: the full parser
        else:
            release = arg
    if release is None or key == "":
        return None
    return ReleaseCheck(Path(release), key, flags["--json"], flags["--sha256"])


def main() -> None:
    """Console entry point: the light release check, else the full command line."""
    check = parse_release_check(sys.argv[1:])
    if check is None:
        from sestry.cli import main as full_command_line

        full_command_line()
        return
    from sestry.commands import verify as command
    from sestry.commands.errors import error_line
    from sestry.core.errors import SestryError

    os.umask(0o077)  # as sestry.cli.main: nothing sestry creates is readable by others
    try:
        code = command.run(
            _no_settings,
            release_dir=check.release_dir,
            as_json=check.as_json,
            expected_key=check.key,
            sha256=check.sha256,
        )
    except SestryError as exc:
        print(error_line("sestry", exc), file=sys.stderr)  # noqa: T201
        sys.exit(exc.exit_code)
    sys.exit(code)


def _no_settings() -> NoReturn:
    """A release's check never reads the data folder's settings."""
    raise AssertionError("a release check built settings")
