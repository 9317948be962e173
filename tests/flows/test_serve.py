"""Scheduled ingestion: the deployment is built right (serving itself blocks, so not run here)."""

from __future__ import annotations

import inspect
import subprocess
from pathlib import Path

import pytest
import yaml

from sestry.core.errors import UsageError
from sestry.core.settings import Settings
from sestry.flows.ingest import ingest_flow
from sestry.flows.serve import build_deployment

REPO = Path(__file__).resolve().parents[2]


def test_deployment_has_cron_kyiv_time_and_only_a_path_parameter(settings: Settings) -> None:
    deployment = build_deployment(settings, "15 3 * * *")
    assert deployment.name == "sestry-serve"
    assert deployment.parameters == {"data_dir": str(settings.data_dir)}
    [schedule] = deployment.schedules
    assert schedule.schedule.cron == "15 3 * * *"
    assert schedule.schedule.timezone == "Europe/Kyiv"
    assert {"sestry", "ingest", "schedule"} <= set(deployment.tags)


def test_timezone_is_taken(settings: Settings) -> None:
    [schedule] = build_deployment(settings, "0 2 * * *", "America/New_York").schedules
    assert schedule.schedule.timezone == "America/New_York"


@pytest.mark.parametrize("zone", ["Mars/Olympus", "Kyiv", "../etc/passwd"])
def test_bad_timezone_is_a_usage_error(settings: Settings, zone: str) -> None:
    with pytest.raises(UsageError, match="time zone"):
        build_deployment(settings, "0 2 * * *", zone)


def test_bad_cron_is_a_usage_error(settings: Settings) -> None:
    with pytest.raises(UsageError):
        build_deployment(settings, "every night")


def test_prefect_yaml_ingest_entrypoint_loads() -> None:
    from prefect.flows import load_flow_from_entrypoint

    config = yaml.safe_load((REPO / "prefect.yaml").read_text())
    deployments = {d["name"]: d for d in config["deployments"]}
    assert set(deployments) >= {"scheduled", "redact", "handoff"}
    ingest = deployments["scheduled"]
    loaded = load_flow_from_entrypoint(str(REPO / ingest["entrypoint"]))
    assert loaded.name == ingest_flow.name
    assert set(ingest["parameters"]) <= set(inspect.signature(ingest_flow.fn).parameters)
    assert ingest["schedules"][0]["cron"]
    assert ingest["schedules"][0]["timezone"] == "Europe/Kyiv"


@pytest.mark.parametrize("name", ["redact", "handoff"])
def test_prefect_yaml_other_entrypoints_load_with_their_parameters(name: str) -> None:
    from prefect.flows import load_flow_from_entrypoint

    config = yaml.safe_load((REPO / "prefect.yaml").read_text())
    [deployment] = [d for d in config["deployments"] if d["name"] == name]
    loaded = load_flow_from_entrypoint(str(REPO / deployment["entrypoint"]))
    assert set(deployment["parameters"]) <= set(inspect.signature(loaded.fn).parameters)


@pytest.mark.parametrize(
    ("args", "said"),
    [(["--timezone", "Mars/Olympus"], "time zone"), (["--cron", "every night"], "cron")],
)
def test_serve_checks_the_schedule_before_anything_starts(
    sestry_cmd: list[str], subprocess_env: dict[str, str], tmp_path: Path, args: list, said: str
) -> None:
    """Exit 2 with one line, before the data dir is looked at or Prefect starts a server."""
    missing = tmp_path / "no-data-dir"
    done = subprocess.run(  # noqa: S603 - fixed argv
        [*sestry_cmd, "serve", *args, "--data", str(missing)],
        env=subprocess_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    [line] = done.stderr.strip().splitlines()
    assert said in line
    assert "serving" not in done.stdout
    home = Path(subprocess_env["PREFECT_HOME"])
    assert not list(home.rglob("*.db"))  # no Prefect server (and database) was started
