"""`sestry verify`: check a data dir (ledger chain + vault) or a release folder; render problems."""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape

from sestry.core.errors import MissingDependency, UsageError, VerificationError
from sestry.core.i18n import N_, _
from sestry.custody.verify import VerifyReport
from sestry.reports.numbers import size

if TYPE_CHECKING:  # a release's check builds no Settings (pydantic): see run()
    from sestry.core.settings import Settings

# What `checked` counts, in words (the JSON keeps the keys). "files" is every file in the
# package: the payload under data/ plus manifest, signature, checksums and BagIt tag files.
CHECKED_WORDS: dict[str, str] = {
    "files": N_("all files in the package: {n}"),
    "bytes": N_("size: {n}"),
    "signatures": N_("signatures: {n}"),
    "sha256": N_("files whose SHA-256 was recomputed too: {n}"),
    "events": N_("ledger events: {n}"),
    "objects": N_("vault objects: {n}"),
    "releases": N_("releases: {n}"),
    "checkpoints": N_("signed ledger heads: {n}"),
    "kept releases": N_("kept copies of released manifests: {n}"),
}


def _checked(what: str, count: int) -> str:
    """One `checked` count in words (sizes in kB/MB)."""
    shown = size(count) if what == "bytes" else str(count)
    return _(CHECKED_WORDS.get(what, what + ": {n}")).format(n=shown)


def _verify_release(
    release_dir: Path, expected_key: str | None, sha256: bool
) -> VerifyReport | None:
    """Run custody.release_verify when it is installed; None when it is not."""
    try:
        module = importlib.import_module("sestry.custody.release_verify")
    except ModuleNotFoundError as exc:
        if exc.name != "sestry.custody.release_verify":
            raise
        return None
    report: VerifyReport = module.verify_release(
        release_dir, expected_key_b3=expected_key, sha256=sha256
    )
    return report


def render(report: VerifyReport, console: Console) -> None:
    """Print a report for people: repairs, one line per problem, counts, a verdict."""
    for repair in report.repairs:
        console.print("[green]" + _("repaired") + f"[/green] {escape(repair)}")
    for problem in report.problems:
        subject, detail = escape(problem.subject), escape(problem.detail)
        console.print(f"[bold red]{problem.code}[/bold red] {subject}: {detail}")
    if report.key_b3 is not None:
        console.print(_("signing key fingerprint (BLAKE3): {key}").format(key=report.key_b3))
        if report.key_pinned and report.ok:
            console.print("[green]" + _("the key is the one you expected (--key)") + "[/green]")
        elif not report.key_pinned:
            console.print(
                "[bold yellow]"
                + _(
                    "WARNING: the key was not pinned. This only shows the release was not"
                    " changed since it was signed by the key inside it; anyone can re-sign a"
                    " release with their own key. Compare the fingerprint above with the one the"
                    " publisher sent you by another channel, or run again with --key FINGERPRINT."
                )
                + "[/bold yellow]"
            )
    counts = "; ".join(_checked(what, n) for what, n in report.checked.items())
    checked = " (" + _("checked: {counts}").format(counts=counts) + ")" if counts else ""
    target = escape(report.target)
    if report.ok:
        console.print(f"[bold green]OK[/bold green] {target}{checked}")
    else:
        console.print(
            "[bold red]"
            + _("FAILED")
            + "[/bold red] "
            + _("{count} problem(s) in {target}").format(target=target, count=len(report.problems))
            + checked
        )


def run(
    settings: Settings | Callable[[], Settings],
    *,
    release_dir: Path | None = None,
    repair: bool = False,
    as_json: bool = False,
    expected_key: str | None = None,
    sha256: bool = False,
) -> int:
    """Verify and render; return 0 when clean.

    `settings` may be a function that builds them: a release folder's check never calls it, so
    a partner's `sestry verify DIR` starts without the data dir's settings (pydantic).

    On problems it raises VerificationError (exit 1) after rendering, and MissingDependency
    (exit 2) when release verification is not installed: sestry.cli.main maps raised errors to
    exit codes.
    """
    console = Console(highlight=False, soft_wrap=True)
    if release_dir is not None:
        if repair:
            raise UsageError(_("--repair applies to a data folder, not to a release"))
        report = _verify_release(release_dir, expected_key, sha256)
        if report is None:
            raise MissingDependency(_("release verification not available"))
    else:
        if expected_key is not None:
            raise UsageError(_("--key applies to a release, not to a data folder"))
        if sha256:
            raise UsageError(_("--sha256 applies to a release, not to a data folder"))
        from sestry.custody.verify import verify_data_dir

        report = verify_data_dir(settings() if callable(settings) else settings, repair=repair)
    if as_json:
        print(json.dumps(report.to_json(), indent=2, ensure_ascii=False))  # noqa: T201
    else:
        render(report, console)
    if not report.ok:
        raise VerificationError(
            _("{count} problem(s) in {target}").format(
                target=report.target, count=len(report.problems)
            )
        )
    return 0
