"""`sestry status/list/show/quarantine/log/amend` through the real CLI on a crafted inbox:
a typo consent, duplicates across cases, amend, withdrawal after a release."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.nlp  # ingest runs the entity pipeline

RUN_TIMEOUT = 300
CANARY = "Оксана Петренко"  # a synthetic name that must never reach the inspection output
TEXT = (
    "Інтерв'юер: Розкажіть, що сталося.\n"
    f"Респондентка: Мене звати {CANARY}. Нас тримали в підвалі в Бучі 3 березня 2022 року.\n"
)


def sestry(cmd: list[str], args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - fixed argv
        [*cmd, *args], env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT
    )


def _sidecar(path: Path, **fields: object) -> None:
    path.write_text(json.dumps(fields), encoding="utf-8")


@pytest.fixture(scope="module")
def ingested(
    tmp_path_factory: pytest.TempPathFactory, sestry_cmd: list[str], prefect_api: tuple
) -> tuple[Path, dict[str, str]]:
    """One data dir: a good item received twice (cases C-1 and C-2), one with a typo consent."""
    from tests.flows.prefect_server import client_env

    env = client_env(*prefect_api)
    data = tmp_path_factory.mktemp("inspect") / "data"
    assert sestry(sestry_cmd, ["init", "--data", str(data)], env).returncode == 0
    inbox = data / "inbox"
    for case, consent in (("C-1", "prosecution"), ("C-2", "research")):
        (inbox / case).mkdir()
        (inbox / case / "t1.txt").write_text(TEXT, encoding="utf-8")
        _sidecar(inbox / case / "t1.txt.meta.json", case_id=case, language="uk", consent=[consent])
    (inbox / "t2.txt").write_text("Свідок бачив обстріл у Харкові.\n", encoding="utf-8")
    _sidecar(inbox / "t2.txt.meta.json", case_id="C-3", consent=["prosecutor"])
    result = sestry(sestry_cmd, ["ingest", "--data", str(data)], env)
    assert result.returncode == 0, result.stderr
    return data, env


def _json(cmd: list[str], args: list[str], env: dict[str, str]) -> object:
    result = sestry(cmd, [*args, "--json"], env)
    assert result.returncode == 0, result.stderr
    assert CANARY not in result.stdout
    return json.loads(result.stdout)


def test_typo_consent_is_quarantined_with_did_you_mean(
    ingested: tuple[Path, dict], sestry_cmd: list[str]
) -> None:
    data, env = ingested
    listed = _json(sestry_cmd, ["quarantine", "--data", str(data)], env)
    assert [q["source_name"] for q in listed] == ["t2.txt"]
    assert listed[0]["reason"] == "invalid_sidecar"
    assert "did you mean 'prosecution'" in listed[0]["details"]
    assert "sestry amend" in listed[0]["to_do"]
    table = sestry(sestry_cmd, ["quarantine", "--data", str(data)], env)
    assert "t2.txt" in table.stdout
    assert "prosecution" in table.stdout


def test_duplicate_keeps_both_cases(ingested: tuple[Path, dict], sestry_cmd: list[str]) -> None:
    data, env = ingested
    for case in ("C-1", "C-2"):
        found = _json(sestry_cmd, ["list", "--data", str(data), "--case", case], env)
        assert len(found) == 1
        assert found[0]["state"] == "ingested"
        assert found[0]["case_ids"] == ["C-1", "C-2"]
    shown = _json(sestry_cmd, ["show", found[0]["digest"][:8], "--data", str(data)], env)
    assert {(c["case_id"], tuple(c["consent"])) for c in shown["cases"]} == {
        ("C-1", ("prosecution",)),
        ("C-2", ("research",)),
    }
    assert shown["consent"] == ["prosecution", "research"]  # each custodian's consent counts
    from sestry.schemas.dataset import read_table

    (row,) = read_table(data / "dataset", "documents", [shown["digest"]]).to_pylist()
    assert sorted(row["consent"]) == ["prosecution", "research"]
    assert shown["entities"].get("PERSON", 0) >= 1
    assert [h["action"] for h in shown["history"]][:2] == ["intake", "seen_again"]


def test_later_duplicate_attaches_its_consent_to_the_ingested_item(
    ingested: tuple[Path, dict], sestry_cmd: list[str]
) -> None:
    data, env = ingested
    (data / "inbox" / "C-4").mkdir()
    (data / "inbox" / "C-4" / "copy.txt").write_text(TEXT, encoding="utf-8")
    _sidecar(data / "inbox" / "C-4" / "copy.txt.meta.json", case_id="C-4", consent=["register"])
    result = sestry(sestry_cmd, ["ingest", "--data", str(data)], env)
    assert result.returncode == 0, result.stderr
    (item,) = _json(sestry_cmd, ["list", "--data", str(data), "--case", "C-4"], env)
    assert item["case_ids"] == ["C-1", "C-2", "C-4"]
    assert item["consent"] == ["prosecution", "register", "research"]
    from sestry.schemas.dataset import read_table

    (row,) = read_table(data / "dataset", "documents", [item["digest"]]).to_pylist()
    assert sorted(row["consent"]) == ["prosecution", "register", "research"]


def test_list_filters_and_bad_state(ingested: tuple[Path, dict], sestry_cmd: list[str]) -> None:
    data, env = ingested
    assert len(_json(sestry_cmd, ["list", "--data", str(data)], env)) == 2
    assert (
        _json(sestry_cmd, ["list", "--data", str(data), "--state", "quarantined"], env)[0][
            "source_name"
        ]
        == "t2.txt"
    )
    (dup,) = _json(sestry_cmd, ["list", "--data", str(data), "--consent", "research"], env)
    assert dup["source_name"] == "C-1/t1.txt"
    assert _json(sestry_cmd, ["list", "--data", str(data), "--state", "pending"], env) == []
    bad = sestry(sestry_cmd, ["list", "--data", str(data), "--state", "lost"], env)
    assert bad.returncode == 2
    assert "--state must be one of" in bad.stderr
    assert sestry(sestry_cmd, ["show", "zzzz", "--data", str(data)], env).returncode == 2


def test_amend_lifts_quarantine_then_ingest_extracts(
    ingested: tuple[Path, dict], sestry_cmd: list[str], tmp_path: Path
) -> None:
    data, env = ingested
    (digest,) = [i["digest"] for i in _json(sestry_cmd, ["quarantine", "--data", str(data)], env)]
    typo = tmp_path / "typo.json"
    _sidecar(typo, case_id="C-3", consent=["prosecutin"])
    refused = sestry(
        sestry_cmd, ["amend", digest[:10], "--sidecar", str(typo), "--data", str(data)], env
    )
    assert refused.returncode == 2
    assert "did you mean 'prosecution'" in refused.stderr
    fixed = tmp_path / "fixed.json"
    _sidecar(fixed, case_id="C-3", language="uk", consent=["prosecution"])
    done = sestry(
        sestry_cmd, ["amend", digest[:10], "--sidecar", str(fixed), "--data", str(data)], env
    )
    assert done.returncode == 0, done.stderr
    assert "quarantine lifted" in done.stdout
    assert _json(sestry_cmd, ["quarantine", "--data", str(data)], env) == []
    assert (data / "quarantine" / digest).is_dir()  # the old record is kept, renamed
    again = sestry(sestry_cmd, ["ingest", "--data", str(data)], env)
    assert again.returncode == 0, again.stderr
    shown = _json(sestry_cmd, ["show", digest, "--data", str(data)], env)
    assert shown["state"] == "ingested"
    assert shown["consent"] == ["prosecution"]
    events = _json(sestry_cmd, ["log", "--data", str(data), "--subject", digest], env)
    assert [e["action"] for e in events] == ["intake", "quarantine", "amend", "extract"]
    assert sestry(sestry_cmd, ["verify", "--data", str(data)], env).returncode == 0


def test_withdrawal_after_release_is_listed_and_excluded(
    ingested: tuple[Path, dict], sestry_cmd: list[str], tmp_path: Path
) -> None:
    data, env = ingested
    (item,) = _json(sestry_cmd, ["list", "--data", str(data), "--case", "C-1"], env)
    out = tmp_path / "release"
    done = sestry(
        sestry_cmd,
        ["handoff", "--profile", "prosecution", "--data", str(data), "--out", str(out)],
        env,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert item["digest"] in json.dumps(manifest)
    withdraw = tmp_path / "withdraw.json"
    _sidecar(withdraw, case_id="C-1", language="uk", consent=[])
    result = sestry(
        sestry_cmd,
        ["amend", item["digest"][:8], "--sidecar", str(withdraw), "--data", str(data)],
        env,
    )
    assert result.returncode == 0, result.stderr
    assert "consent withdrawn: prosecution" in result.stdout
    status = _json(sestry_cmd, ["status", "--data", str(data)], env)
    assert [w["digest"] for w in status["withdrawn"]] == [item["digest"]]
    assert status["withdrawn"][0]["profile"] == "prosecution"
    redo = sestry(sestry_cmd, ["redact", "--profile", "prosecution", "--data", str(data)], env)
    assert item["digest"][:12] not in redo.stdout
    summary = sorted((data / "redactions" / "prosecution").iterdir())[-1] / "redaction.json"
    assert item["digest"] not in json.loads(summary.read_text(encoding="utf-8"))["doc_ids"]
