"""`sestry init`: create the data layout and keys, and say what was done."""

from __future__ import annotations

from rich.console import Console

from sestry.core.settings import Settings
from sestry.custody.keys import init_layout


def run(settings: Settings) -> int:
    """Create missing folders and keys (never overwriting); 0 whether new or already there."""
    result = init_layout(settings)
    console = Console(highlight=False, soft_wrap=True)
    for message in result.messages:
        console.print(message, markup=False)
    return 0
