"""The report's numbers come from released files only, reduced to counts, codes and periods."""

from __future__ import annotations

from pathlib import Path

from sestry.redaction.profiles import load_profile
from sestry.release.report_data import build_report_data, fill_months, label_counts, period_of
from tests.release_support import CANARY_NAMES, make_redaction


def test_periods_and_counts_are_reduced_to_safe_shapes() -> None:
    assert period_of("2022-03-14") == "2022-03"
    assert period_of("2022") == "2022"
    assert period_of("Оксана") is None
    assert period_of(None) is None
    assert fill_months({"2022-11": 2, "2023-01": 1}) == (
        ("2022-11", 2),
        ("2022-12", 0),
        ("2023-01", 1),
    )
    nested = {"counts": {"PERSON": {"pseudonym": 3, "redact": 1}, "bad label": {"keep": 9}}}
    assert label_counts(nested, []) == {"PERSON": 4}


def _data(tmp_path: Path, profile: str) -> object:
    folder = make_redaction(tmp_path, profile, docs=6, with_pages=1, leak=True)
    summary = {"counts": {"PERSON": {"pseudonym": 6}, "DATE": {"keep": 6}}, "excluded_count": 2}
    return build_report_data(
        folder,
        load_profile(profile),
        summary,
        [("a", True), ("b", True)],
        release_id="r",
        created_at="2026-01-01T00:00:00Z",
        sestry_version="0",
        ledger_head=None,
        files=3,
        total_bytes=10,
    )


def test_report_data_from_released_files(tmp_path: Path) -> None:
    data = _data(tmp_path, "prosecution")
    assert data.documents == 6
    assert dict(data.languages) == {"en": 2, "ru": 2, "uk": 2}
    assert data.excluded_no_consent == 2
    assert data.pages == 6
    assert {r.label: r.count for r in data.labels}["PERSON"] == 6
    assert {r.label: r.operator for r in data.labels}["PERSON"] == "pseudonym"
    assert data.timeline is not None
    assert sum(n for _, n in data.timeline) == 6
    assert data.validation_passed
    assert not any(name in repr(data) for name in CANARY_NAMES)  # a planted leak stays out


def test_research_dates_are_shown_as_months(tmp_path: Path) -> None:
    data = _data(tmp_path, "research")
    assert data.timeline is not None
    assert all(len(period) == 7 for period, _ in data.timeline)
    operators = {r.label: r.operator for r in data.labels}
    assert operators["DATE"] == "generalize:month"
    assert operators["PERSON"] == "redact"
