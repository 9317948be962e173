"""The auction: every sample through `extract`, bad inputs to their reasons, plugins, no leaks."""

from __future__ import annotations

import logging
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

from sestry.core.errors import ConfigError, EmptyItem, ItemError, UnsupportedFormat
from sestry.extractors import registry
from sestry.extractors.base import ItemInfo

from .conftest import EXPECTED, ocr_names

OCR = ocr_names() | {"bad/lying.txt"}
ALL = [pytest.param(n, marks=pytest.mark.ocr) if n in OCR else n for n in sorted(EXPECTED)]


@pytest.mark.parametrize("name", ALL)
def test_every_sample_gives_its_expected_outcome_and_logs_no_content(
    run, samples: Path, canaries: list[str], caplog: pytest.LogCaptureFixture, name: str
) -> None:
    exp = EXPECTED[name]
    caplog.set_level(logging.DEBUG)
    if exp.get("reason"):
        with pytest.raises(ItemError) as info:
            run(samples / name)
        assert info.value.reason == exp["reason"]
        shown = f"{info.value} {info.value.detail!r}"
    else:
        result = run(samples / name)
        assert result.kind == exp["kind"]
        assert result.attempts
        assert result.attempts[-1].split("@")[0] in {c.name for c in registry.BUILTIN_EXTRACTORS}
        assert ("extension_mismatch" in result.notes) is exp.get("extension_mismatch", False)
        shown = ""
    logged = " ".join(r.getMessage() for r in caplog.records) + shown
    for canary in canaries:
        assert canary not in logged


def test_selection_is_by_bid_then_name() -> None:
    item = ItemInfo("0" * 64, "x.pdf", 10, "application/pdf")
    assert [c.name for c in registry.select(item)] == ["pdf_text_layer", "pdf_ocr"]
    item = ItemInfo("0" * 64, "x", 10, "application/zip")
    assert registry.select(item) == []


def test_nothing_bids_for_unknown_content(run, samples: Path) -> None:
    with pytest.raises(UnsupportedFormat) as info:
        run(samples / "bad" / "unknown.bin")
    assert "application/octet-stream" in str(info.value)


def test_empty_file_is_empty_before_any_extractor(run, tmp_path: Path) -> None:
    path = tmp_path / "x.docx"
    path.write_bytes(b"")
    with pytest.raises(EmptyItem):
        run(path)


def test_missing_media_type_is_sniffed(samples: Path, settings) -> None:
    path = samples / "interview_ru.vtt"
    item = ItemInfo("0" * 64, path.name, path.stat().st_size, "")
    assert registry.extract(path, item, settings).attempts == ("transcript_vtt@1",)


class _Crashing(registry.Extractor):
    name = "crashing"
    version = "0"
    media_types = frozenset({"text/plain"})
    score = 99

    def extract(self, path: Path, item: ItemInfo):
        raise ValueError(path.read_text("utf-8"))  # a library error that carries content


def test_unexpected_error_quarantines_without_content(
    samples: Path, settings, monkeypatch: pytest.MonkeyPatch, canaries: list[str]
) -> None:
    monkeypatch.setattr(registry, "registered", lambda: (_Crashing,))
    path = samples / "interview_uk.txt"
    item = ItemInfo("0" * 64, path.name, path.stat().st_size, "text/plain")
    with pytest.raises(ItemError) as info:
        registry.extract(path, item, settings)
    assert info.value.reason == "extractor_error"
    assert info.value.__cause__ is None
    assert info.value.__context__ is None
    assert not any(c in str(info.value) for c in canaries)


def _entry_points(*values: str):
    eps = [EntryPoint(f"p{n}", v, registry.ENTRY_POINT_GROUP) for n, v in enumerate(values)]
    return lambda group: eps if group == registry.ENTRY_POINT_GROUP else []


def test_plugins_join_the_auction(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "sestry_test_plugin.py").write_text(
        "from extractors.transcript_text import PlainTextTranscript\n"
        "class Better(PlainTextTranscript):\n"
        "    name = 'better_text'\n"
        "    score = 50\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(registry, "entry_points", _entry_points("sestry_test_plugin:Better"))
    registry.registered.cache_clear()
    try:
        item = ItemInfo("0" * 64, "a.txt", 1, "text/plain")
        assert registry.select(item)[0].name == "better_text"
    finally:
        registry.registered.cache_clear()


@pytest.mark.parametrize(
    "value", ["extractors.sniff:Sniffed", "extractors.transcript_text:PlainTextTranscript"]
)
def test_bad_plugins_are_config_errors(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setattr(registry, "entry_points", _entry_points(value))
    registry.registered.cache_clear()
    try:
        with pytest.raises(ConfigError):
            registry.registered()
    finally:
        registry.registered.cache_clear()


def _mutations(data: bytes, seed: int) -> list[bytes]:
    import random

    rng = random.Random(seed)
    out = [data[: len(data) * k // 10] for k in (1, 5, 9)]
    for _ in range(4):
        flipped = bytearray(data)
        for _ in range(max(1, len(data) // 200)):
            flipped[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        out.append(bytes(flipped))
    return [m for m in out if m]


FUZZ = sorted(
    n
    for n, e in EXPECTED.items()
    if not e.get("reason") and not n.startswith("bad/") and not n.endswith(".wav")
)


@pytest.mark.filterwarnings("ignore:Corrupt EXIF data:UserWarning")  # PIL, on damaged TIFFs
@pytest.mark.parametrize("name", FUZZ)
def test_damaged_copies_give_an_extraction_or_an_item_error(
    samples: Path, data_dir: Path, tmp_path: Path, name: str
) -> None:
    """Truncated and bit-flipped copies of every sample: never an unexpected exception.

    A one-pixel limit turns every image decode and page render into TooLarge after the header
    is parsed, so no OCR runs and the test stays fast."""
    from sestry.core.settings import Settings

    tiny = Settings.load(data_dir, max_pixels=1)
    source = (samples / name).read_bytes()
    for n, damaged in enumerate(_mutations(source, seed=len(name))):
        path = tmp_path / f"{n}{Path(name).suffix}"
        path.write_bytes(damaged)
        item = ItemInfo("0" * 64, path.name, len(damaged), "")
        reason = None
        try:
            result = registry.extract(path, item, tiny)
        except ItemError as exc:
            reason = exc.reason
        else:
            assert result.kind in {"transcript", "document", "scan", "pdf", "audio"}
        assert reason != "extractor_error", n  # a known reason, never a surprise
