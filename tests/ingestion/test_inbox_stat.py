"""A rerun over a kept inbox hashes only files whose stat changed; a changed file is hashed."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from sestry.core.settings import Settings
from sestry.custody.vault import Vault
from sestry.ingestion import coordinator, inbox_stat, intake
from sestry.ingestion.inbox_stat import InboxStat
from sestry.ingestion.intake import CustodyWriters


def test_unchanged_files_are_not_hashed_again(
    ready: Settings,
    open_custody: Callable[[], CustodyWriters],
    drop: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(inbox_stat, "RACY_NS", 0)  # files written just now count as settled
    for n in range(3):
        drop(f"c/t{n}.txt", f"testimony {n}\n")
    first = intake.receive_inbox(
        open_custody(), ready.inbox, keep_inbox=True, stat=InboxStat.of(ready.data_dir, ready.inbox)
    )
    digests = {r.source_name: r.digest for r in first.received}
    edited = drop("c/t1.txt", "testimony X\n")  # same size, new bytes
    st = edited.stat()
    os.utime(edited, ns=(st.st_atime_ns, st.st_mtime_ns - 10**9))  # mtime set back: ctime moves
    puts: list[Path] = []
    real_put = Vault.put
    monkeypatch.setattr(
        Vault, "put", lambda self, src, **kw: (puts.append(src), real_put(self, src, **kw))[1]
    )
    custody = open_custody()
    stat = InboxStat.of(ready.data_dir, ready.inbox)
    assert coordinator.has_work(custody, ready.inbox, ready.dataset_dir, stat)  # the edited one
    again = intake.receive_inbox(custody, ready.inbox, keep_inbox=True, stat=stat)
    assert puts == [edited]  # only the edited file was hashed and stored
    status = {r.source_name: (r.status, r.digest) for r in again.received}
    assert status["c/t0.txt"] == ("seen_again", digests["c/t0.txt"])
    assert status["c/t2.txt"] == ("seen_again", digests["c/t2.txt"])
    assert status["c/t1.txt"][0] == "new"
    assert status["c/t1.txt"][1] != digests["c/t1.txt"]


def test_an_index_of_another_inbox_is_not_used(
    ready: Settings,
    open_custody: Callable[[], CustodyWriters],
    drop: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(inbox_stat, "RACY_NS", 0)
    drop("a.txt", "one\n")
    stat = InboxStat.of(ready.data_dir, ready.inbox)
    intake.receive_inbox(open_custody(), ready.inbox, keep_inbox=True, stat=stat)
    assert InboxStat.of(ready.data_dir, ready.inbox).digest(ready.inbox / "a.txt", "a.txt")
    other = InboxStat.of(ready.data_dir, ready.data_dir / "elsewhere")
    assert other.digest(ready.inbox / "a.txt", "a.txt") is None


def test_a_file_changed_just_now_is_not_trusted(
    ready: Settings, open_custody: Callable[[], CustodyWriters], drop: Callable[..., Path]
) -> None:
    """Racy clean: a file rewritten within the timestamp resolution keeps its stat, so a file
    whose change is younger than RACY_NS is hashed again next run, not looked up."""
    drop("fresh.txt", "one\n")
    stat = InboxStat.of(ready.data_dir, ready.inbox)
    intake.receive_inbox(open_custody(), ready.inbox, keep_inbox=True, stat=stat)
    again = InboxStat.of(ready.data_dir, ready.inbox)
    assert again.digest(ready.inbox / "fresh.txt", "fresh.txt") is None
