"""Transient failures are retried with backoff; deterministic ones are not (real tasks, real
Prefect engine, real tesseract-shaped subprocess failures)."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest
from PIL import Image
from prefect import flow, task

from sestry.core.errors import ItemError, OcrFailed, TransientFailure, ValidationFailed
from sestry.flows.redact import redact_task
from sestry.flows.retry import TRANSIENT_RETRIES, retry_transient
from sestry.flows.tasks import extract_task


class KilledWorker(Exception):  # noqa: N818 - the name distributed gives a lost Dask worker
    """Shaped like distributed.scheduler.KilledWorker (matched by class name)."""


def _attempts(exc: type[BaseException]) -> int:
    """Run a real task with sestry's retry options (no delay) that fails once with `exc`."""
    calls: list[int] = []

    @task(**{**TRANSIENT_RETRIES, "retry_delay_seconds": 0, "retry_jitter_factor": None})
    def flaky() -> str:
        calls.append(1)
        if len(calls) == 1:
            raise exc("synthetic")
        return "ok"

    @flow
    def run() -> str:
        return flaky()

    state = run(return_state=True)
    assert state.is_completed() == (len(calls) == 2)
    return len(calls)


@pytest.mark.parametrize("exc", [TransientFailure, KilledWorker])
def test_transient_failure_is_retried(exc: type[BaseException]) -> None:
    assert _attempts(exc) == 2


@pytest.mark.parametrize("exc", [ValidationFailed, ItemError, OcrFailed, ValueError])
def test_deterministic_failure_is_not_retried(exc: type[BaseException]) -> None:
    assert _attempts(exc) == 1


@pytest.mark.parametrize("tasks", [extract_task, redact_task])
def test_pipeline_tasks_retry_with_exponential_backoff(tasks: object) -> None:
    assert tasks.retries == 3  # type: ignore[attr-defined]
    assert tasks.retry_condition_fn is retry_transient  # type: ignore[attr-defined]
    assert tasks.retry_delay_seconds == [10.0, 20.0, 40.0]  # type: ignore[attr-defined]


def _fake_tesseract(folder: Path, body: str) -> str:
    """A tesseract that answers --version like the real one, then dies or fails on a page."""
    real = shutil.which("tesseract")
    path = folder / "tesseract"
    path.write_text(f'#!/bin/sh\n[ "$1" = --version ] && exec {real} --version\n{body}\n')
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


@pytest.mark.ocr
@pytest.mark.parametrize(
    ("body", "expected"),
    [("kill -9 $$", TransientFailure), ("echo 'Error: bad image' >&2; exit 1", OcrFailed)],
)
def test_a_killed_tesseract_is_transient_a_failing_one_is_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, expected: type[Exception]
) -> None:
    import pytesseract.pytesseract as impl

    from sestry.extractors.ocr import ocr_page

    monkeypatch.setattr(impl, "tesseract_cmd", _fake_tesseract(tmp_path, body))
    with pytest.raises(expected):
        ocr_page(Image.new("L", (200, 80), 255), "eng", straighten=False)
