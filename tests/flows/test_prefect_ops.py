"""Prefect-native operations, read back from Prefect's own database (the test server).

Run names, tags and the handoff artifact of a real handoff (with its redact subflow); one
owner per deployment name; the failed-run automation in prefect.yaml is accepted by Prefect.
"""

from __future__ import annotations

import re
from pathlib import Path
from uuid import UUID

import pytest
import yaml
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import (
    ArtifactFilter,
    ArtifactFilterFlowRunId,
    ArtifactFilterKey,
    FlowRunFilter,
    FlowRunFilterParentFlowRunId,
)

from sestry.core.errors import UsageError
from sestry.core.settings import Settings
from sestry.custody.keys import init_layout
from sestry.flows.handoff import handoff_flow
from sestry.flows.ingest import ingest_flow
from sestry.flows.run_meta import kyiv_date
from sestry.flows.serve import WORKER_DEPLOYMENT, build_deployment, check_single_owner
from tests.release_support import make_dataset

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.nlp
def test_handoff_run_names_tags_and_artifact(settings: Settings, tmp_path: Path) -> None:
    init_layout(settings)
    make_dataset(settings.data_dir, 3)
    out = tmp_path / "release"
    state = handoff_flow(str(settings.data_dir), "research", str(out), return_state=True)
    assert state.is_completed()
    outcome = state.result()
    run_id = UUID(str(state.state_details.flow_run_id))
    with get_client(sync_client=True) as client:
        run = client.read_flow_run(run_id)
        [child] = client.read_flow_runs(
            flow_run_filter=FlowRunFilter(
                parent_flow_run_id=FlowRunFilterParentFlowRunId(any_=[run_id])
            )
        )
        [artifact] = client.read_artifacts(
            artifact_filter=ArtifactFilter(
                key=ArtifactFilterKey(any_=["handoff-summary"]),
                flow_run_id=ArtifactFilterFlowRunId(any_=[run_id]),
            )
        )
    assert run.name == f"handoff-{outcome.release_id}"
    assert run.name.startswith("handoff-research-")
    assert {"sestry", "handoff", "profile:research", "cli"} <= set(run.tags)
    assert child.name == f"redact-research-{kyiv_date()}"
    assert {"sestry", "redact", "profile:research", "cli"} <= set(child.tags)
    text = str(artifact.data)
    assert str(out) in text  # where the release is
    assert outcome.public_key_b3 in text  # the key fingerprint the partner compares
    assert re.search(r"\b[0-9a-f]{64}\b", text)


def test_serve_refuses_while_the_worker_deployment_exists(settings: Settings) -> None:
    check_single_owner()  # nothing deployed yet
    deployment_id = ingest_flow.to_deployment(name="scheduled").apply()
    try:
        with pytest.raises(UsageError, match=WORKER_DEPLOYMENT):
            check_single_owner()
    finally:
        with get_client(sync_client=True) as client:
            client.delete_deployment(deployment_id)
    assert build_deployment(settings, "0 2 * * *").name != WORKER_DEPLOYMENT.split("/")[1]


def test_prefect_yaml_parses_and_its_automation_is_accepted_by_prefect() -> None:
    from prefect.cli.deploy._models import PrefectYamlModel
    from prefect.events.schemas.automations import AutomationCore

    config = yaml.safe_load((REPO / "prefect.yaml").read_text())
    model = PrefectYamlModel.model_validate(config)
    assert [d.name for d in model.deployments] == ["scheduled", "redact", "handoff"]
    [spec] = config["automations"]
    automation = AutomationCore.model_validate(spec)
    trigger = automation.trigger
    assert trigger.expect >= {"prefect.flow-run.Failed", "prefect.flow-run.Crashed"}
    assert trigger.match_related.root["prefect.resource.id"] == "prefect.tag.sestry"
    [action] = automation.actions
    message = action.subject + action.body
    assert "parameters" not in message
    assert "state.message" not in message
    with get_client(sync_client=True) as client:
        created = client.create_automation(automation)
        try:
            [stored] = client.read_automations_by_name(automation.name)
            assert stored.id == created
            assert stored.trigger.expect == trigger.expect
        finally:
            client.delete_automation(created)
