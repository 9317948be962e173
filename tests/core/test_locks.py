"""One run of a kind per data dir: the second holder is refused with exit 2, naming the kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from sestry.core.errors import UsageError
from sestry.core.locks import exclusive_run


def test_a_second_run_is_refused_and_the_lock_is_freed(tmp_path: Path) -> None:
    lock = tmp_path / "handoff.lock"
    refused = pytest.raises(UsageError, match="another sestry handoff")
    with exclusive_run(lock, "handoff"), refused, exclusive_run(lock, "handoff"):
        pass
    with exclusive_run(lock, "handoff"):  # released: free again
        assert lock.exists()
