"""The `sestry` command line: parse, build Settings, call one function, map errors to exit codes.

Exit status: 0 success; 1 a check failed (verification, validation, leak); 2 bad usage or input.
Heavy imports (Prefect, spaCy, Great Expectations) happen inside the commands that need them,
so `verify`, `extract` and `eval` start fast.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from sestry.core.errors import SestryError, UsageError
from sestry.core.settings import Settings

app = typer.Typer(
    name="sestry",
    help="Evidence-documentation pipeline: custody, extraction, redaction, signed handoff.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DataOpt = Annotated[
    Path | None,
    typer.Option("--data", help="Data directory (default: $SESTRY_DATA or ./data/runtime)."),
]


def _settings(data: Path | None) -> Settings:
    return Settings.load(data)


@app.command()
def init(data: DataOpt = None) -> None:
    """Create the data layout (0700) and the signing and pseudonym keys (0600)."""
    from sestry.commands import init as command

    raise typer.Exit(command.run(_settings(data)))


@app.command()
def ingest(
    data: DataOpt = None,
    inbox: Annotated[Path | None, typer.Option(help="Inbox to read (default: DATA/inbox).")] = None,
    dask_address: Annotated[
        str | None, typer.Option(help="Run tasks on this Dask scheduler (tcp://host:port).")
    ] = None,
    reprocess: Annotated[
        bool, typer.Option(help="Re-extract items already known (after an extractor upgrade).")
    ] = False,
    keep_inbox: Annotated[
        bool, typer.Option(help="Leave ingested files in the inbox instead of inbox/.done/.")
    ] = False,
) -> None:
    """Preserve every item in the inbox, extract its text and entities (a Prefect flow)."""
    from sestry.commands import ingest as command

    raise typer.Exit(
        command.run(
            _settings(data),
            inbox=inbox,
            dask_address=dask_address,
            reprocess=reprocess,
            keep_inbox=keep_inbox,
        )
    )


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="Text files to analyse.")],
    lang: Annotated[
        str | None, typer.Option(help="Language: uk, ru or en (default: detect).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="Output: table or jsonl.")] = "table",
) -> None:
    """Print the entities found in text files (for the organisation's own staff)."""
    from sestry.commands import extract as command

    raise typer.Exit(command.run(files, lang=lang, fmt=fmt))


@app.command(name="eval")
def evaluate(
    corpus: Annotated[Path, typer.Argument(help="Annotated corpus (JSON Lines).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    fmt: Annotated[
        str, typer.Option("--format", help="auto | sestry | prodigy | doccano (auto: per line).")
    ] = "auto",
) -> None:
    """Precision and recall per label against an annotated corpus."""
    from sestry.commands import evaluate as command

    raise typer.Exit(command.run(corpus, as_json=as_json, fmt=fmt))


@app.command()
def redact(
    profile: Annotated[str, typer.Option(help="Partner profile (data/profiles/NAME.toml).")],
    data: DataOpt = None,
    case: Annotated[
        list[str] | None, typer.Option("--case", help="Only this case (repeatable).")
    ] = None,
) -> None:
    """Redact the internal dataset for one partner profile and validate it (a Prefect flow)."""
    from sestry.commands import redact as command

    raise typer.Exit(command.run(_settings(data), profile=profile, cases=tuple(case or ())))


@app.command()
def handoff(
    profile: Annotated[str, typer.Option(help="Partner profile.")],
    data: DataOpt = None,
    out: Annotated[
        Path | None, typer.Option(help="Release folder (default: DATA/releases/ID).")
    ] = None,
    case: Annotated[
        list[str] | None, typer.Option("--case", help="Release only this case (repeatable).")
    ] = None,
    all_documents: Annotated[
        bool,
        typer.Option("--all", help="Release every document with the profile's consent (default)."),
    ] = False,
) -> None:
    """Write a signed, validated release package (BagIt) for one partner; the scope is explicit."""
    from sestry.commands import handoff as command

    if case and all_documents:
        raise UsageError("give --case or --all, not both")
    cases = tuple(case or ())
    raise typer.Exit(command.run(_settings(data), profile=profile, out=out, cases=cases))


@app.command()
def verify(
    release_dir: Annotated[
        Path | None, typer.Argument(help="A release folder to verify instead of the data dir.")
    ] = None,
    data: DataOpt = None,
    repair: Annotated[
        bool, typer.Option(help="Move a torn ledger tail aside (kept) and record that.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    key: Annotated[
        str | None,
        typer.Option(
            "--key",
            help="BLAKE3 of the publisher's public key (b3sum signing-key.pub.pem), "
            "received out of band: a release signed with another key fails.",
        ),
    ] = None,
) -> None:
    """Verify the custody chain and vault, or a release package; exit 1 on any problem."""
    from sestry.commands import verify as command

    raise typer.Exit(
        command.run(
            _settings(data),
            release_dir=release_dir,
            repair=repair,
            as_json=as_json,
            expected_key=key,
        )
    )


@app.command()
def serve(
    cron: Annotated[str, typer.Option(help="Cron schedule for ingestion.")] = "0 2 * * *",
    data: DataOpt = None,
) -> None:
    """Serve the ingest flow on a schedule (Prefect)."""
    from sestry.commands import serve as command

    raise typer.Exit(command.run(_settings(data), cron=cron))


@app.command()
def demo(data: DataOpt = None) -> None:
    """Run the whole pipeline on the bundled synthetic samples."""
    from sestry.commands import demo as command

    raise typer.Exit(command.run(_settings(data)))


JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON (for scripts).")]


@app.command()
def status(data: DataOpt = None, as_json: JsonOpt = False) -> None:
    """Items by state, last runs, blocked releases, releases holding withdrawn consent."""
    from sestry.commands import status as command

    raise typer.Exit(command.run(_settings(data), as_json=as_json))


@app.command(name="list")
def list_items(
    data: DataOpt = None,
    case: Annotated[str | None, typer.Option(help="Only this case.")] = None,
    language: Annotated[str | None, typer.Option(help="Only this language (uk, ru, en).")] = None,
    kind: Annotated[str | None, typer.Option(help="Only this kind (transcript, scan...).")] = None,
    consent: Annotated[str | None, typer.Option(help="Only items with this consent.")] = None,
    state: Annotated[
        str | None, typer.Option(help="Only this state: ingested, quarantined, pending.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """List the documents received, with case, language, kind, consent and state."""
    from sestry.commands import list_items as command

    raise typer.Exit(
        command.run(
            _settings(data),
            case=case,
            language=language,
            kind=kind,
            consent=consent,
            state=state,
            as_json=as_json,
        )
    )


@app.command()
def show(
    ref: Annotated[str, typer.Argument(help="A digest or its first characters.")],
    data: DataOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """One item: metadata, pages, entity counts by label, custody history."""
    from sestry.commands import show as command

    raise typer.Exit(command.run(_settings(data), ref, as_json=as_json))


@app.command()
def quarantine(data: DataOpt = None, as_json: JsonOpt = False) -> None:
    """Quarantined files: why, and what to do about each."""
    from sestry.commands import quarantine as command

    raise typer.Exit(command.run(_settings(data), as_json=as_json))


@app.command()
def log(
    data: DataOpt = None,
    action: Annotated[str | None, typer.Option(help="Only events of this action.")] = None,
    subject: Annotated[
        str | None, typer.Option(help="Only events about this digest (or prefix).")
    ] = None,
    limit: Annotated[int | None, typer.Option(help="Only the last N events.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """The custody ledger as readable history."""
    from sestry.commands import log as command

    raise typer.Exit(
        command.run(_settings(data), action=action, subject=subject, limit=limit, as_json=as_json)
    )


@app.command()
def compact(data: DataOpt = None) -> None:
    """Merge the dataset's batches into one (run after large ingests; holds the ingest lock)."""
    from sestry.commands import compact as command

    raise typer.Exit(command.run(_settings(data)))


@app.command()
def amend(
    ref: Annotated[str, typer.Argument(help="A digest or its first characters.")],
    sidecar: Annotated[Path, typer.Option(help="The corrected NAME.meta.json.")],
    data: DataOpt = None,
) -> None:
    """Correct an item's metadata or consent (recorded as an `amend` event; bytes untouched)."""
    from sestry.commands import amend as command

    raise typer.Exit(command.run(_settings(data), ref, sidecar=sidecar))


@app.command()
def review(
    data: DataOpt = None,
    port: Annotated[int, typer.Option(help="Port (default: a free one).")] = 0,
    reviewer: Annotated[
        str, typer.Option(help="Your reviewer id, recorded with every decision (e.g. D07).")
    ] = "reviewer",
    profile: Annotated[
        str | None, typer.Option(help="Partner profile to review for (default: the first).")
    ] = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    allow_remote: Annotated[
        bool, typer.Option(help="Allow a --host other than 127.0.0.1 (testimony on the network).")
    ] = False,
    export: Annotated[
        Path | None, typer.Option("--export", help="Write decisions as JSON Lines instead.")
    ] = None,
    import_: Annotated[
        Path | None, typer.Option("--import", help="Take corrected spans from JSON Lines.")
    ] = None,
) -> None:
    """The review workbench on 127.0.0.1 (prints the URL with its token), or --export/--import."""
    from sestry.commands import review as command

    raise typer.Exit(
        command.run(
            _settings(data),
            port=port,
            host=host,
            allow_remote=allow_remote,
            reviewer=reviewer,
            profile=profile,
            export=export,
            import_=import_,
        )
    )


def main() -> None:
    """Console entry point: map sestry errors to exit codes with a one-line message.

    Click's standalone mode handles usage errors (exit 2) and each command's typer.Exit code;
    a SestryError escaping a command becomes its exit code and one line without payload.
    """
    # Everything sestry (and the libraries it drives: pytesseract's temp files, Prefect's
    # database) creates is private unless a step opens it on purpose (a release is 0644).
    os.umask(0o077)
    try:
        app()
    except SestryError as exc:
        typer.echo(f"sestry: {type(exc).__name__}: {exc}", err=True)
        sys.exit(exc.exit_code)
    except OSError as exc:
        if exc.errno != errno.ENOSPC:
            raise
        typer.echo(
            "sestry: the disk is full (no space left on device): nothing half-written was kept;"
            " free some space, then run the same command again",
            err=True,
        )
        sys.exit(2)
