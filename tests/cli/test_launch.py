"""`sestry.launch`: which command lines take the light release check (pure parsing)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sestry.launch import ReleaseCheck, parse_release_check


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["verify", "REL"], ReleaseCheck(Path("REL"), None, False, False)),
        (
            ["verify", "--json", "REL", "--key", "ab12"],
            ReleaseCheck(Path("REL"), "ab12", True, False),
        ),
        (
            ["verify", "REL", "--key=ab12", "--sha256"],
            ReleaseCheck(Path("REL"), "ab12", False, True),
        ),
    ],
)
def test_plain_release_checks_take_the_light_path(args: list[str], expected: ReleaseCheck) -> None:
    assert parse_release_check(args) == expected


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["ingest"],
        ["verify"],  # a data folder's check needs its settings
        ["verify", "--help"],
        ["verify", "REL", "--repair"],
        ["verify", "REL", "--data", "D"],
        ["verify", "REL", "OTHER"],
        ["verify", "REL", "--key"],
        ["verify", "REL", "--key", "--json"],
        ["verify", "REL", "--key="],
        ["verify", "REL", "--key", "a", "--key", "b"],
        ["verify", "REL", "--json", "--json"],
        ["verify", "--", "REL"],
        ["verify", "REL", "--jsn"],
    ],
)
def test_everything_else_goes_to_the_full_command_line(args: list[str]) -> None:
    assert parse_release_check(args) is None
