"""The backwards tail reader agrees with a naive split for any content and chunk size."""

from __future__ import annotations

import tempfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sestry.custody import ledger as ledger_module


def naive(data: bytes) -> tuple[bytes | None, bytes, int]:
    good_end = data.rfind(b"\n") + 1
    complete = data[:good_end].split(b"\n")[:-1]
    return (complete[-1] if complete else None), data[good_end:], good_end


line = st.binary(max_size=12).map(lambda b: b.replace(b"\n", b"x"))


@settings(max_examples=300, deadline=None)
@given(
    lines=st.lists(line, max_size=8),
    torn=line,
    chunk=st.integers(min_value=1, max_value=9),
    limit_cut=st.integers(min_value=0, max_value=20),
)
def test_read_tail_matches_naive(lines: list[bytes], torn: bytes, chunk: int, limit_cut: int):
    data = b"".join(x + b"\n" for x in lines) + torn
    with tempfile.TemporaryFile() as handle:
        handle.write(data)
        handle.flush()
        fd = handle.fileno()
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(ledger_module, "TAIL_CHUNK", chunk)
            assert ledger_module._read_tail(fd) == naive(data)
            limit = max(0, len(data) - limit_cut)
            assert ledger_module._read_tail(fd, limit) == naive(data[:limit])
