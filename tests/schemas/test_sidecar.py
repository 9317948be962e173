"""Sidecar validation: unknown fields and malformed scopes are refused (fail closed)."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from sestry.schemas.sidecar import Sidecar


def test_sidecar_accepts_the_documented_fields() -> None:
    sidecar = Sidecar.model_validate(
        {
            "case_id": "CASE-0001",
            "language": "uk",
            "collected_at": "2023-05-14",
            "collected_by": "DOC-07",
            "consent": ["research", "prosecution", "research"],
            "audio": "interview_0412.wav",
        }
    )
    assert sidecar.collected_at == dt.date(2023, 5, 14)
    assert sidecar.consent == ("prosecution", "research")


def test_sidecar_refuses_unknown_fields() -> None:
    with pytest.raises(ValidationError, match="consnet"):
        Sidecar.model_validate({"consnet": ["prosecution"]})


@pytest.mark.parametrize("scope", ["Prosecution", "", "pros ecution", "x" * 41])
def test_sidecar_refuses_malformed_scopes(scope: str) -> None:
    with pytest.raises(ValidationError):
        Sidecar.model_validate({"consent": [scope]})


def test_sidecar_without_consent_has_none() -> None:
    assert Sidecar().consent == ()


def test_sidecar_refuses_unknown_language() -> None:
    with pytest.raises(ValidationError):
        Sidecar.model_validate({"language": "ukr"})


@pytest.mark.parametrize("value", ["2099-01-01", "2099-01-01T10:00:00+00:00"])
def test_sidecar_refuses_a_future_collection_date(value: str) -> None:
    with pytest.raises(ValidationError, match="future"):
        Sidecar.model_validate({"collected_at": value})


def test_sidecar_accepts_today() -> None:
    today = dt.date.today()
    assert Sidecar.model_validate({"collected_at": today.isoformat()}).collected_at == today
