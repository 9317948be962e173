"""The gazetteer cache: loads exactly what building gives, is written once, ignores bad files."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from sestry.extractors.entities import gazetteer_cache
from sestry.extractors.entities.gazetteer import Gazetteer, gazetteer

pytestmark = pytest.mark.nlp


@pytest.fixture(scope="module")
def built() -> Gazetteer:
    return Gazetteer()


@pytest.fixture(autouse=True)
def _fresh_process_state() -> Iterator[None]:
    """Each test starts and ends as a process that was told nothing and built nothing."""
    gazetteer_cache.use(None)
    gazetteer.cache_clear()
    yield
    gazetteer_cache.use(None)
    gazetteer.cache_clear()


def _no_build(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: Gazetteer) -> None:
        raise AssertionError("built, not loaded")

    monkeypatch.setattr(Gazetteer, "__init__", refuse)


def test_decoded_indexes_equal_the_built_ones(built: Gazetteer) -> None:
    loaded = gazetteer_cache.decode(gazetteer_cache.encode(built))
    assert list(vars(loaded)) == list(vars(built))
    for name, value in vars(built).items():
        assert getattr(loaded, name) == value, name
        if isinstance(value, dict):  # the same order of keys and of candidates
            assert list(getattr(loaded, name)) == list(value), name
    assert loaded.settlement("київ") == built.settlement("київ")
    assert loaded.admin_unit("O", "Херсонській") == built.admin_unit("O", "Херсонській")


def test_written_once_then_loaded_without_building(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = gazetteer_cache.ensure(tmp_path / "cache")
    assert path is not None
    assert path.is_file()
    assert path.name == f"gazetteer-{gazetteer_cache.key()}.json"
    stamp = path.stat().st_mtime_ns
    assert gazetteer_cache.ensure(tmp_path / "cache") == path
    assert path.stat().st_mtime_ns == stamp  # write-once: the second call writes nothing
    _no_build(monkeypatch)
    gazetteer_cache.use(tmp_path / "cache")
    assert gazetteer().settlement("херсон")  # from the file: building would raise


def test_without_use_the_process_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gazetteer_cache.ensure(tmp_path)
    _no_build(monkeypatch)
    with pytest.raises(AssertionError, match="built, not loaded"):
        gazetteer()


def test_a_damaged_or_foreign_file_is_ignored(tmp_path: Path, built: Gazetteer) -> None:
    path = gazetteer_cache.ensure(tmp_path)
    assert path is not None
    blob = path.read_bytes()
    head, _, body = blob.partition(b"\n")
    edited = body.replace("херсон".encode(), "херсов".encode(), 1)
    assert edited != body
    path.write_bytes(head + b"\n" + edited)  # an edited index, header kept
    assert gazetteer_cache.read(path) is None
    path.write_bytes(blob[: len(blob) // 2])  # truncated
    assert gazetteer_cache.read(path) is None
    header = json.loads(head) | {"key": "0" * 32}  # another installation's file
    path.write_bytes(json.dumps(header).encode() + b"\n" + body)
    assert gazetteer_cache.read(path) is None
    path.write_bytes(blob)
    assert gazetteer_cache.read(path) is not None
    gazetteer_cache.use(tmp_path)
    path.write_bytes(head + b"\n" + edited)
    assert vars(gazetteer()) == vars(built)  # a bad file: built as without a cache


def test_an_index_the_format_does_not_know_is_never_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = Gazetteer.__init__

    def with_pattern(self: Gazetteer) -> None:
        real(self)
        self.pattern = object()  # type: ignore[attr-defined]

    monkeypatch.setattr(Gazetteer, "__init__", with_pattern)
    with pytest.raises(TypeError):
        gazetteer_cache.encode(Gazetteer())
    assert gazetteer_cache.ensure(tmp_path) is None
    assert list(tmp_path.iterdir()) == []


def test_a_killed_writers_temp_file_is_swept_a_live_ones_kept(tmp_path: Path) -> None:
    import os

    from sestry.core.durable import temp_path

    old, fresh = temp_path(tmp_path, "gazetteer"), temp_path(tmp_path, "gazetteer")
    old.write_bytes(b"half")
    fresh.write_bytes(b"half")
    stale = old.stat().st_mtime - gazetteer_cache.STALE_TEMP_S - 60
    os.utime(old, (stale, stale))
    path = gazetteer_cache.ensure(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, fresh.name])
