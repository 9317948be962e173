"""Shared rendering for the inspection commands: rich tables for people, JSON for scripts."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table


def console() -> Console:
    return Console(highlight=False, soft_wrap=True)


def print_json(data: Any) -> None:
    """One JSON document on stdout (UTF-8, not ASCII-escaped)."""
    print(json.dumps(data, indent=2, ensure_ascii=False, default=str))  # noqa: T201


def table(title: str, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> Table:
    """A rich table whose cells are plain text (no markup interpreted from file names)."""
    out = Table(title=title, title_justify="left")
    for column in columns:
        out.add_column(column, overflow="fold")
    for row in rows:
        out.add_row(*("" if cell is None else str(cell) for cell in row))
    return out
