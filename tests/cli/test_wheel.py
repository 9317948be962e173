"""A regular (non-editable) wheel install works from a folder outside the checkout.

The wheel is built from this tree and installed with --no-deps into a fresh virtual environment
whose only view of the dependencies is a .pth line to the test venv's site-packages (a path
line: the test venv's editable finder is not loaded, so `sestry` can only come from the wheel).
Then `sestry init`, `sestry demo` and `sestry redact --profile prosecution` run from tmp.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(argv: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: int = 600):
    return subprocess.run(  # noqa: S603 - fixed argv
        argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    built = _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(out), str(ROOT)],
        cwd=out,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    (path,) = out.glob("sestry-*.whl")
    return path


@pytest.fixture(scope="module")
def fresh_venv(tmp_path_factory: pytest.TempPathFactory, wheel: Path) -> Path:
    venv = tmp_path_factory.mktemp("fresh") / "venv"
    made = _run([sys.executable, "-m", "venv", str(venv)], cwd=venv.parent)
    assert made.returncode == 0, made.stderr[-2000:]
    python = venv / "bin" / "python"
    site = _run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], venv)
    deps = Path(sysconfig.get_path("purelib"))  # the test venv's dependencies, as plain paths
    (Path(site.stdout.strip()) / "sestry-test-deps.pth").write_text(f"{deps}\n", encoding="utf-8")
    installed = _run(
        [str(python), "-m", "pip", "install", "--no-deps", "--no-index", str(wheel)], venv.parent
    )
    assert installed.returncode == 0, installed.stderr[-2000:]
    return venv


def test_wheel_installs_one_namespace_with_profiles_and_samples(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    tops = {name.split("/", 1)[0] for name in names}
    assert tops == {"sestry", next(t for t in tops if t.endswith(".dist-info"))}, sorted(tops)
    assert "sestry/data/profiles/prosecution.toml" in names
    assert "sestry/data/samples/EXPECTED.json" in names
    assert "sestry/reports/templates/release.html.j2" in names
    assert "sestry/core/locale/uk/LC_MESSAGES/sestry.mo" in names  # Ukrainian, read by gettext
    assert "sestry/core/locale/uk/LC_MESSAGES/click.mo" in names  # typer's own words in Ukrainian
    assert not any(n.startswith("sestry/data/eval/") or "/runtime/" in n for n in names)


@pytest.mark.slow
@pytest.mark.ocr
@pytest.mark.nlp
def test_wheel_runs_init_demo_and_redact_outside_the_checkout(
    fresh_venv: Path, tmp_path: Path, api_env: dict[str, str]
) -> None:
    sestry = str(fresh_venv / "bin" / "sestry")
    env = {**api_env, "PATH": f"{fresh_venv / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    env.pop("PYTHONPATH", None)
    where = _run(
        [str(fresh_venv / "bin" / "python"), "-c", "import sestry.core as c; print(c.__file__)"],
        tmp_path,
        env,
    )
    assert str(fresh_venv) in where.stdout, where.stdout + where.stderr
    init = _run([sestry, "init", "--data", str(tmp_path / "empty")], tmp_path, env)
    assert init.returncode == 0, init.stderr[-2000:]
    demo = _run([sestry, "demo", "--data", str(tmp_path / "demo")], tmp_path, env)
    assert demo.returncode == 0, demo.stdout[-2000:] + demo.stderr[-2000:]
    redact = _run(
        [sestry, "redact", "--profile", "prosecution", "--data", str(tmp_path / "demo")],
        tmp_path,
        env,
    )
    assert redact.returncode == 0, redact.stdout[-2000:] + redact.stderr[-2000:]
    assert "validation passed" in redact.stdout
