"""`sestry demo`: the whole pipeline on the bundled synthetic samples, stage by stage.

Stages: init → copy samples into the inbox → ingest → verify custody → a signed release for each
demo profile (redaction and validation run inside handoff) → verify each release as a partner
would.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from rich.console import Console

from sestry.core.errors import ConfigError, VerificationError
from sestry.core.i18n import N_, _
from sestry.core.resources import samples_dir
from sestry.core.settings import Settings

NOT_ITEMS = frozenset({"EXPECTED.json", "CANARIES.txt"})


def init_stage(settings: Settings, console: Console) -> None:
    from sestry.custody.keys import init_layout

    result = init_layout(settings)
    console.print(
        _("created a new data folder") if result.created else _("data folder already there")
    )


def copy_samples(settings: Settings, console: Console, samples: Path | None = None) -> int:
    """Copy every sample (bad ones too) into the inbox; never the expected outputs or canaries."""
    samples = samples or samples_dir()
    if not samples.is_dir():
        raise ConfigError(_("no samples at {path}").format(path=samples))
    copied = 0
    for path in sorted(samples.rglob("*")):
        rel = path.relative_to(samples)
        if path.is_dir() or path.is_symlink() or rel.name in NOT_ITEMS:
            continue
        dest = settings.inbox / rel
        dest.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        shutil.copyfile(path, dest)
        copied += 1
    console.print(
        _("sample files copied into {inbox}: {count}").format(inbox=settings.inbox, count=copied)
    )
    return copied


def ingest_stage(settings: Settings, console: Console) -> None:
    from sestry.commands import ingest

    ingest.run(settings, console=console)


def verify_stage(settings: Settings, console: Console) -> None:
    from sestry.commands.verify import render
    from sestry.custody.verify import verify_data_dir

    report = verify_data_dir(settings)
    render(report, console)
    if not report.ok:
        raise VerificationError(_("custody problems: {count}").format(count=len(report.problems)))


DEMO_PROFILES = ("prosecution", "register", "research")


def handoff_stage(settings: Settings, console: Console) -> None:
    """One release per demo profile; a failed validation stops the demo (exit 1)."""
    from sestry.commands import handoff

    for profile in DEMO_PROFILES:
        console.print("[bold]" + _("profile {profile}").format(profile=profile) + "[/bold]")
        handoff.run(settings, profile=profile)


def verify_releases_stage(settings: Settings, console: Console) -> None:
    """Check every release the way a partner does: signature, digests, no file missing or extra,
    and the key pinned to the fingerprint the organisation would send by another channel."""
    from sestry.commands.verify import render
    from sestry.core.digest import b3_file
    from sestry.custody.keys import public_key_path
    from sestry.custody.release_verify import verify_release

    fingerprint = b3_file(public_key_path(settings))
    releases = sorted(p for p in settings.releases_dir.iterdir() if p.is_dir())
    failed = 0
    for release in releases:
        report = verify_release(release, expected_key_b3=fingerprint)
        render(report, console)
        failed += not report.ok
    if failed:
        raise VerificationError(
            _("releases that failed verification: {count}").format(count=failed)
        )
    console.print(
        _("partners can also run: cd RELEASE && b3sum --check B3SUMS (releases: {count})").format(
            count=len(releases)
        )
    )


STAGES: list[tuple[str, Callable[[Settings, Console], object]]] = [
    (N_("init"), init_stage),
    (N_("samples"), copy_samples),
    (N_("ingest"), ingest_stage),
    (N_("verify"), verify_stage),
    (N_("handoff"), handoff_stage),
    (N_("verify releases"), verify_releases_stage),
]


def run(settings: Settings) -> int:
    """Run every stage in order, printing each; the first failure raises (its exit code)."""
    console = Console(highlight=False, soft_wrap=True)
    for number, (name, stage) in enumerate(STAGES, start=1):
        console.rule(f"[bold]{number}/{len(STAGES)} {_(name)}")
        stage(settings, console)
    console.rule("[bold green]" + _("demo done"))
    return 0
