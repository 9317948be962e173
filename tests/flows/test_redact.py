"""The redact flow and `sestry redact` for real: Prefect, Parquet, GE, ledger; exit 0 / 1 / 2."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from custody.keys import init_layout
from custody.ledger import Ledger
from flows.redact import redact_flow
from sestry.commands import redact as command
from sestry.settings import Settings
from tests.redaction.conftest import AddDocument, Ent, make_adder

pytestmark = pytest.mark.nlp

TEXT = "Свідчення: Олена Коваленко бачила затриманих у Бучі 3 березня 2022 року."
ENTS = [
    Ent("Олена Коваленко", "PERSON", "олена коваленко"),
    Ent("3 березня 2022", "DATE", "2022-03-03"),
]


@pytest.fixture
def ready(settings: Settings) -> Settings:
    init_layout(settings)
    return settings


@pytest.fixture
def add_document(ready: Settings) -> AddDocument:
    return make_adder(ready)


def test_flow_writes_redaction_and_one_ledger_event(
    ready: Settings,
    add_document: AddDocument,
) -> None:
    kept = add_document(TEXT, ENTS)
    add_document("Ніна Бойко, без згоди.", [Ent("Ніна Бойко", "PERSON", "ніна бойко")], consent=())
    before = Ledger(ready.ledger_path).count()
    state = redact_flow(data_dir=str(ready.data_dir), profile="register", return_state=True)
    assert state.is_completed()
    result = state.result()
    assert result.passed
    assert result.doc_ids == (kept,)
    assert result.excluded_count == 1
    events = list(Ledger(ready.ledger_path).events())
    assert len(events) == before + 1
    event = events[-1]
    assert event["action"] == "redact"
    assert event["inputs"] == [kept]
    assert event["params"]["validation_passed"] is True
    assert event["subject"] == result.outputs["redaction.json"]
    raw = ready.ledger_path.read_text(encoding="utf-8")
    assert "Коваленко" not in raw
    assert "Бойко" not in raw


def test_command_exit_1_when_a_missed_phone_survives(
    ready: Settings,
    add_document: AddDocument,
    capsys: pytest.CaptureFixture[str],
) -> None:
    add_document(TEXT + " Її номер 067 765 43 21 ніхто не розпізнав.", ENTS)
    assert command.run(ready, profile="prosecution") == 1
    out = capsys.readouterr().out
    assert "VALIDATION FAILED" in out
    assert "documents.text.no_identifier_patterns" in out
    assert "765 43 21" not in out
    folder = next((ready.redactions_dir / "prosecution").iterdir())
    summary = json.loads((folder / "redaction.json").read_text())
    assert summary["validation"]["passed"] is False
    assert "765 43 21" not in (folder / "validation.json").read_text()


def test_command_exit_0(ready: Settings, add_document: AddDocument) -> None:
    add_document(TEXT, ENTS)
    assert command.run(ready, profile="research") == 0


@pytest.mark.parametrize(
    ("profile", "line"),
    [("bad_label.toml", "line 7"), ("bad_action.toml", "line 5"), ("bad_level.toml", "line 7")],
)
def test_cli_bad_profile_is_exit_2_naming_the_line(
    ready: Settings,
    sestry_cmd: list[str],
    subprocess_env: dict[str, str],
    profile: str,
    line: str,
) -> None:
    path = Path(__file__).parents[1] / "redaction" / "data" / profile
    proc = subprocess.run(
        [*sestry_cmd, "redact", "--profile", str(path), "--data", str(ready.data_dir)],
        capture_output=True,
        text=True,
        env=subprocess_env,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 2
    assert line in proc.stderr
    assert "ProfileError" in proc.stderr
