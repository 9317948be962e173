"""CLI test fixtures: a long-lived Prefect server so subprocess runs skip the temporary one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.flows.prefect_server import client_env, running_server


@pytest.fixture(scope="module")
def prefect_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """One long-lived Prefect server for this module's subprocess runs."""
    home = tmp_path_factory.mktemp("prefect-server")
    with running_server(home) as url:
        yield home, url


@pytest.fixture
def api_env(prefect_api: tuple[Path, str]) -> dict[str, str]:
    return client_env(*prefect_api)
