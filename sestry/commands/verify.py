"""`sestry verify`: check a data dir (ledger chain + vault) or a release folder; render problems."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

from rich.console import Console
from rich.table import Table

from custody.verify import VerifyReport, verify_data_dir
from sestry.settings import Settings


def _verify_release(release_dir: Path) -> VerifyReport | None:
    """Run custody.release_verify when it is installed; None when it is not."""
    try:
        module = importlib.import_module("custody.release_verify")
    except ModuleNotFoundError as exc:
        if exc.name != "custody.release_verify":
            raise
        return None
    report: VerifyReport = module.verify_release(release_dir)
    return report


def render(report: VerifyReport, console: Console) -> None:
    """Print a report for people: repairs, a table of problems, counts, a verdict."""
    for repair in report.repairs:
        console.print(f"repaired: {repair}", markup=False)
    if report.problems:
        table = Table(title=f"problems in {report.target}", show_lines=False)
        table.add_column("code", no_wrap=True)
        table.add_column("subject", no_wrap=True)
        table.add_column("detail")
        for problem in report.problems:
            table.add_row(problem.code, problem.subject, problem.detail)
        console.print(table)
    counts = ", ".join(f"{n} {what}" for what, n in report.checked.items())
    verdict = "OK" if report.ok else f"FAILED ({len(report.problems)} problems)"
    console.print(f"{verdict}: {report.target}" + (f" (checked {counts})" if counts else ""))


def run(
    settings: Settings,
    *,
    release_dir: Path | None = None,
    repair: bool = False,
    as_json: bool = False,
) -> int:
    """Verify; 0 when clean, 1 on any problem, 2 when release verification is unavailable."""
    console = Console(highlight=False, soft_wrap=True)
    if release_dir is not None:
        report = _verify_release(release_dir)
        if report is None:
            Console(stderr=True).print("sestry: release verification not available", markup=False)
            return 2
    else:
        report = verify_data_dir(settings, repair=repair)
    if as_json:
        print(json.dumps(report.to_json(), indent=2, ensure_ascii=False))  # noqa: T201
    else:
        render(report, console)
    return 0 if report.ok else 1
