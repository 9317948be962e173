"""Property: deleting (all but the last), moving, duplicating or editing a line is named."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sestry.custody.ledger import Ledger
from sestry.custody.verify import VerifyReport, check_chain

N = 12


@pytest.fixture(scope="module")
def chain(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[bytes]]:
    ledger = Ledger(tmp_path_factory.mktemp("prop") / "custody.jsonl")
    for i in range(N):
        ledger.append("note", params={"i": i})
    return ledger.path, ledger.path.read_bytes().splitlines(keepends=True)


def problems_for(path: Path, rows: list[bytes]) -> list[str]:
    path.write_bytes(b"".join(rows))
    report = VerifyReport(target="prop")
    check_chain(Ledger(path), report)
    return [p.code for p in report.problems]


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_any_tampering_is_named(chain: tuple[Path, list[bytes]], data: st.DataObject) -> None:
    path, lines = chain
    kind = data.draw(st.sampled_from(["delete", "move", "duplicate", "edit"]))
    rows = list(lines)
    if kind == "delete":
        index = data.draw(st.integers(0, N - 2))  # deleting the last line is not detectable
        del rows[index]
        expected = "event_missing"
    elif kind == "move":
        src = data.draw(st.integers(0, N - 1))
        dst = data.draw(st.integers(0, N - 1).filter(lambda d: d != src))
        rows.insert(dst, rows.pop(src))
        expected = "event_reordered"
    elif kind == "duplicate":
        index = data.draw(st.integers(0, N - 1))
        rows.insert(data.draw(st.integers(index + 1, N)), rows[index])
        expected = "event_duplicated"
    else:
        index = data.draw(st.integers(0, N - 1))
        rows[index] = rows[index].replace(b'"note"', b'"nose"')
        expected = "event_edited"
    codes = problems_for(path, rows)
    assert expected in codes, (kind, codes)
    assert problems_for(path, list(lines)) == []
