"""SRT and VTT: cues become segments with times; voices and labels become speakers."""

from __future__ import annotations

from pathlib import Path

import pytest

from sestry.core.errors import CorruptItem
from sestry.extractors.transcript_subtitles import build, parse_cues

from .conftest import EXPECTED

SUBS = sorted(n for n in EXPECTED if n.endswith((".srt", ".vtt")))


@pytest.mark.parametrize("name", SUBS)
def test_subtitle_sample(run, samples: Path, name: str) -> None:
    exp = EXPECTED[name]
    result = run(samples / name)
    assert result.kind == "transcript"
    winner = {".srt": "transcript_srt@1", ".vtt": "transcript_vtt@1"}[Path(name).suffix]
    assert result.attempts == (winner,)
    for sentence in exp["sentences"]:
        assert sentence in result.text
    assert len(result.segments) == exp["segments"]
    assert sorted({s.speaker for s in result.segments}) == exp["speakers"]
    times = [(s.t_start, s.t_end) for s in result.segments]
    assert all(a is not None and b is not None and a < b for a, b in times)
    assert times == sorted(times)
    # the label stays in the text just before the segment, so a name in it can be redacted
    for seg in result.segments:
        assert result.text[: seg.start].endswith(f"{seg.speaker}: ")


def test_srt_times_are_seconds(run, samples: Path) -> None:
    result = run(samples / "interview_en.srt")
    assert result.segments[0].t_start == pytest.approx(1.0)
    assert result.text.startswith("Q: Good afternoon.")


def test_vtt_voices_tags_entities_and_multi_voice_cues() -> None:
    body = (
        "WEBVTT\n\nNOTE a note block\n\nSTYLE\n::cue { color: red }\n\n"
        "id-1\n00:01.000 --> 00:03.500 align:start\n"
        "<v.loud Інтерв'юер>Що <i>сталося</i> &amp; коли?</v>\n"
        "<v Свідок>Мене забрали.\n\n"
        "01:00:00.000 --> 01:00:02.000\nбез мовця\n"
    )
    text, segments = build(parse_cues(body))
    assert text == "Інтерв'юер: Що сталося & коли?\nСвідок: Мене забрали.\nбез мовця"
    assert [(s.speaker, s.t_start, s.t_end) for s in segments] == [
        ("Інтерв'юер", 1.0, 3.5),
        ("Свідок", 1.0, 3.5),
        (None, 3600.0, 3602.0),
    ]
    assert [text[s.start : s.end] for s in segments] == [
        "Що сталося & коли?",
        "Мене забрали.",
        "без мовця",
    ]


def test_srt_without_cues_is_corrupt(run, tmp_path: Path) -> None:
    path = tmp_path / "broken.srt"
    path.write_text("1\n00:00:01,000 --> \nno end time\n", encoding="utf-8")
    with pytest.raises(CorruptItem):
        run(path)
