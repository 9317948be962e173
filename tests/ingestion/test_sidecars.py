"""Sidecars and manifests: validated, unknown fields refused, values never echoed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sestry.ingestion import sidecars


def write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


def test_valid_meta_json(tmp_path: Path) -> None:
    result = sidecars.load_meta_json(
        write(
            tmp_path / "a.txt.meta.json", {"case_id": "C-7", "consent": ["research", "prosecution"]}
        )
    )
    assert result.valid
    assert result.sidecar.consent == ("prosecution", "research")


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"case_id": "C", "consnet": ["research"]}, "consnet:extra_forbidden"),
        ({"language": "de"}, "language:string_pattern_mismatch"),
        ({"consent": ["Прокуратура"]}, "consent:value_error"),
        ([1, 2], "root:not_object"),
        ("{not json", "file:not_json"),
    ],
)
def test_invalid_meta_json_reports_fields_not_values(
    tmp_path: Path, data: object, problem: str
) -> None:
    result = sidecars.load_meta_json(write(tmp_path / "a.txt.meta.json", data))
    assert result.error == "invalid_sidecar"
    assert problem in result.problems
    assert all("Прокуратура" not in p for p in result.problems)


def test_manifest_rows_parse_consent_list(tmp_path: Path) -> None:
    write(
        tmp_path / "sestry-manifest.csv",
        "file,case_id,language,collected_at,collected_by,consent,audio\n"
        "a.txt,C-1,uk,2024-05-01,D7,research;prosecution,a.mp3\n"
        "b.txt,,,,,,\n",
    )
    manifest = sidecars.load_manifest(tmp_path / "sestry-manifest.csv")
    a = sidecars.from_manifest(manifest, "a.txt")
    assert a.valid
    assert a.sidecar.consent == ("prosecution", "research")
    assert a.sidecar.audio == "a.mp3"
    b = sidecars.from_manifest(manifest, "b.txt")
    assert b.valid
    assert b.sidecar.consent == ()
    assert sidecars.from_manifest(manifest, "c.txt") is None


def test_manifest_unknown_column_invalidates_every_row(tmp_path: Path) -> None:
    write(tmp_path / "sestry-manifest.csv", "file,consent,secret\na.txt,research,x\n")
    manifest = sidecars.load_manifest(tmp_path / "sestry-manifest.csv")
    result = sidecars.from_manifest(manifest, "a.txt")
    assert result.error == "invalid_sidecar"
    assert "secret:extra_forbidden" in result.problems


def test_manifest_duplicate_row_is_invalid(tmp_path: Path) -> None:
    write(tmp_path / "sestry-manifest.csv", "file,consent\na.txt,research\na.txt,prosecution\n")
    manifest = sidecars.load_manifest(tmp_path / "sestry-manifest.csv")
    result = sidecars.from_manifest(manifest, "a.txt")
    assert result.error == "invalid_sidecar"


def test_conflicting_meta_and_manifest_fail_closed(tmp_path: Path) -> None:
    meta = sidecars.load_meta_json(write(tmp_path / "a.txt.meta.json", {"consent": ["research"]}))
    write(tmp_path / "sestry-manifest.csv", "file,consent\na.txt,prosecution\n")
    manifest = sidecars.load_manifest(tmp_path / "sestry-manifest.csv")
    listed = sidecars.from_manifest(manifest, "a.txt")
    assert sidecars.resolve(meta, listed).error == "invalid_sidecar"


def test_no_metadata_means_no_consent() -> None:
    result = sidecars.resolve(None, None)
    assert result.valid
    assert result.sidecar.consent == ()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.txt.meta.json", True),
        ("sestry-manifest.csv", True),
        ("manifest.csv", False),
        ("a.txt", False),
        ("meta.json.txt", False),
    ],
)
def test_may_be_metadata(name: str, expected: bool) -> None:
    assert sidecars.may_be_metadata(name) is expected


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"[" * 30000 + b"]" * 30000, "file:too_deep"),
        (b'{"consent": ["prosecution"], "consent": ["research", "media"]}', "root:duplicate_key"),
        (b"\xff\xfe{}", "file:not_json"),
        (b'{"a": NaN', "file:not_json"),
    ],
)
def test_meta_json_failure_is_a_reason_never_an_exception(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    path = tmp_path / "a.txt.meta.json"
    path.write_bytes(content)
    result = sidecars.load_meta_json(path)
    assert (result.error, result.problems) == ("invalid_sidecar", (problem,))


def test_unreadable_meta_json_names_the_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.txt.meta.json"
    path.write_text('{"consent": ["research"]}')
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:  # root reads everything: simulate EACCES
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = sidecars.load_meta_json(path)
    assert (result.error, result.problems) == ("invalid_sidecar", ("file:unreadable",))


def test_a_future_collection_date_is_an_invalid_sidecar(tmp_path: Path) -> None:
    result = sidecars.load_meta_json(
        write(tmp_path / "a.txt.meta.json", {"collected_at": "2099-03-01", "consent": ["research"]})
    )
    assert result.error == "invalid_sidecar"
    assert result.problems == ("collected_at:value_error",)
