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
from typing import TYPE_CHECKING, Annotated

import typer

from sestry.commands.errors import error_line
from sestry.commands.typer_words import install as install_typer_words
from sestry.core.errors import SestryError, UsageError
from sestry.core.i18n import _, language

if TYPE_CHECKING:  # built by the commands that use it: `verify DIR` does not (pydantic)
    from sestry.core.settings import Settings

app = typer.Typer(
    name="sestry",
    help=_("Evidence-documentation pipeline: custody, extraction, redaction, signed handoff."),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DataOpt = Annotated[
    Path | None,
    typer.Option("--data", help=_("Data directory (default: $SESTRY_DATA or ./data/runtime).")),
]


def _settings(data: Path | None) -> Settings:
    from sestry.core.settings import Settings

    return Settings.load(data)


@app.command(help=_("Create the data layout (0700) and the signing and pseudonym keys (0600)."))
def init(data: DataOpt = None) -> None:
    from sestry.commands import init as command

    raise typer.Exit(command.run(_settings(data)))


@app.command(
    help=_("Preserve every item in the inbox, extract its text and entities (a Prefect flow).")
)
def ingest(
    data: DataOpt = None,
    inbox: Annotated[
        Path | None, typer.Option(help=_("Inbox to read (default: DATA/inbox)."))
    ] = None,
    dask_address: Annotated[
        str | None, typer.Option(help=_("Run tasks on this Dask scheduler (tcp://host:port)."))
    ] = None,
    reprocess: Annotated[
        bool, typer.Option(help=_("Re-extract items already known (after an extractor upgrade)."))
    ] = False,
    keep_inbox: Annotated[
        bool, typer.Option(help=_("Leave ingested files in the inbox instead of inbox/.done/."))
    ] = False,
) -> None:
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


@app.command(help=_("Print the entities found in text files (for the organisation's own staff)."))
def extract(
    files: Annotated[list[Path], typer.Argument(help=_("Text files to analyse."))],
    lang: Annotated[
        str | None, typer.Option(help=_("Language: uk, ru or en (default: detect)."))
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help=_("Output: table or jsonl."))] = "table",
) -> None:
    from sestry.commands import extract as command

    raise typer.Exit(command.run(files, lang=lang, fmt=fmt))


@app.command(name="eval", help=_("Precision and recall per label against an annotated corpus."))
def evaluate(
    corpus: Annotated[Path, typer.Argument(help=_("Annotated corpus (JSON Lines)."))],
    as_json: Annotated[bool, typer.Option("--json", help=_("Print JSON."))] = False,
    fmt: Annotated[
        str, typer.Option("--format", help=_("auto | sestry | prodigy | doccano (auto: per line)."))
    ] = "auto",
) -> None:
    from sestry.commands import evaluate as command

    raise typer.Exit(command.run(corpus, as_json=as_json, fmt=fmt))


@app.command(
    help=_("Redact the internal dataset for one partner profile and validate it (a Prefect flow).")
)
def redact(
    profile: Annotated[str, typer.Option(help=_("Partner profile (data/profiles/NAME.toml)."))],
    data: DataOpt = None,
    case: Annotated[
        list[str] | None, typer.Option("--case", help=_("Only this case (repeatable)."))
    ] = None,
) -> None:
    from sestry.commands import redact as command

    raise typer.Exit(command.run(_settings(data), profile=profile, cases=tuple(case or ())))


@app.command(
    help=_(
        "Write a signed, validated release package (BagIt) for one partner; the scope is explicit."
    )
)
def handoff(
    profile: Annotated[str, typer.Option(help=_("Partner profile."))],
    data: DataOpt = None,
    out: Annotated[
        Path | None, typer.Option(help=_("Release folder (default: DATA/releases/ID)."))
    ] = None,
    case: Annotated[
        list[str] | None, typer.Option("--case", help=_("Release only this case (repeatable)."))
    ] = None,
    all_documents: Annotated[
        bool,
        typer.Option(
            "--all", help=_("Release every document with the profile's consent (default).")
        ),
    ] = False,
) -> None:
    from sestry.commands import handoff as command

    if case and all_documents:
        raise UsageError(_("give --case or --all, not both"))
    cases = tuple(case or ())
    raise typer.Exit(command.run(_settings(data), profile=profile, out=out, cases=cases))


@app.command(
    help=_("Verify the custody chain and vault, or a release package; exit 1 on any problem.")
)
def verify(
    release_dir: Annotated[
        Path | None, typer.Argument(help=_("A release folder to verify instead of the data dir."))
    ] = None,
    data: DataOpt = None,
    repair: Annotated[
        bool, typer.Option(help=_("Move a torn ledger tail aside (kept) and record that."))
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help=_("Print JSON."))] = False,
    key: Annotated[
        str | None,
        typer.Option(
            "--key",
            help=_(
                "BLAKE3 of the publisher's public key (b3sum signing-key.pub.pem), "
                "received out of band: a release signed with another key fails."
            ),
        ),
    ] = None,
    sha256: Annotated[
        bool,
        typer.Option(
            "--sha256",
            help=_(
                "Also recompute every file's SHA-256 (BLAKE3 is always checked; the SHA-256"
                " lists are always compared with the signed manifest)."
            ),
        ),
    ] = False,
) -> None:
    from sestry.commands import verify as command

    raise typer.Exit(
        command.run(
            lambda: _settings(data),  # built only for a data dir, not for a release folder
            release_dir=release_dir,
            repair=repair,
            as_json=as_json,
            expected_key=key,
            sha256=sha256,
        )
    )


@app.command(
    help=_("Serve the ingest flow on a schedule (Prefect deployment ingest/sestry-serve).")
)
def serve(
    cron: Annotated[str, typer.Option(help=_("Cron schedule for ingestion."))] = "0 2 * * *",
    timezone: Annotated[
        str, typer.Option(help=_("IANA time zone the cron schedule is read in."))
    ] = "Europe/Kyiv",
    data: DataOpt = None,
) -> None:
    from sestry.commands import serve as command

    raise typer.Exit(command.run(_settings(data), cron=cron, timezone=timezone))


@app.command(help=_("Run the whole pipeline on the bundled synthetic samples."))
def demo(data: DataOpt = None) -> None:
    from sestry.commands import demo as command

    raise typer.Exit(command.run(_settings(data)))


JsonOpt = Annotated[bool, typer.Option("--json", help=_("Print JSON (for scripts)."))]


@app.command(
    help=_("Items by state, last runs, blocked releases, releases holding withdrawn consent.")
)
def status(data: DataOpt = None, as_json: JsonOpt = False) -> None:
    from sestry.commands import status as command

    raise typer.Exit(command.run(_settings(data), as_json=as_json))


@app.command(
    name="list",
    help=_("List the documents received, with case, language, kind, consent and state."),
)
def list_items(
    data: DataOpt = None,
    case: Annotated[str | None, typer.Option(help=_("Only this case."))] = None,
    language: Annotated[
        str | None, typer.Option(help=_("Only this language (uk, ru, en)."))
    ] = None,
    kind: Annotated[
        str | None, typer.Option(help=_("Only this kind (transcript, scan...)."))
    ] = None,
    consent: Annotated[str | None, typer.Option(help=_("Only items with this consent."))] = None,
    state: Annotated[
        str | None, typer.Option(help=_("Only this state: ingested, quarantined, pending."))
    ] = None,
    as_json: JsonOpt = False,
) -> None:
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


@app.command(help=_("One item: metadata, pages, entity counts by label, custody history."))
def show(
    ref: Annotated[str, typer.Argument(help=_("A digest or its first characters."))],
    data: DataOpt = None,
    as_json: JsonOpt = False,
) -> None:
    from sestry.commands import show as command

    raise typer.Exit(command.run(_settings(data), ref, as_json=as_json))


@app.command(help=_("Quarantined files: why, and what to do about each."))
def quarantine(data: DataOpt = None, as_json: JsonOpt = False) -> None:
    from sestry.commands import quarantine as command

    raise typer.Exit(command.run(_settings(data), as_json=as_json))


@app.command(help=_("The custody ledger as readable history."))
def log(
    data: DataOpt = None,
    action: Annotated[str | None, typer.Option(help=_("Only events of this action."))] = None,
    subject: Annotated[
        str | None, typer.Option(help=_("Only events about this digest (or prefix)."))
    ] = None,
    limit: Annotated[int | None, typer.Option(help=_("Only the last N events."))] = None,
    as_json: JsonOpt = False,
) -> None:
    from sestry.commands import log as command

    raise typer.Exit(
        command.run(_settings(data), action=action, subject=subject, limit=limit, as_json=as_json)
    )


@app.command(
    help=_("Merge the dataset's batches into one (run after large ingests; holds the ingest lock).")
)
def compact(data: DataOpt = None) -> None:
    from sestry.commands import compact as command

    raise typer.Exit(command.run(_settings(data)))


@app.command(
    help=_("Correct an item's metadata or consent (recorded as an `amend` event; bytes untouched).")
)
def amend(
    ref: Annotated[str, typer.Argument(help=_("A digest or its first characters."))],
    sidecar: Annotated[Path, typer.Option(help=_("The corrected NAME.meta.json."))],
    data: DataOpt = None,
) -> None:
    from sestry.commands import amend as command

    raise typer.Exit(command.run(_settings(data), ref, sidecar=sidecar))


@app.command(
    help=_(
        "The review workbench on 127.0.0.1 (prints the URL with its token), or --export/--import."
    )
)
def review(
    data: DataOpt = None,
    port: Annotated[int, typer.Option(help=_("Port (default: a free one)."))] = 0,
    reviewer: Annotated[
        str, typer.Option(help=_("Your reviewer id, recorded with every decision (e.g. D07)."))
    ] = "reviewer",
    profile: Annotated[
        str | None, typer.Option(help=_("Partner profile to review for (default: the first)."))
    ] = None,
    host: Annotated[str, typer.Option(help=_("Address to listen on."))] = "127.0.0.1",
    allow_remote: Annotated[
        bool,
        typer.Option(help=_("Allow a --host other than 127.0.0.1 (testimony on the network).")),
    ] = False,
    export: Annotated[
        Path | None, typer.Option("--export", help=_("Write decisions as JSON Lines instead."))
    ] = None,
    import_: Annotated[
        Path | None, typer.Option("--import", help=_("Take corrected spans from JSON Lines."))
    ] = None,
) -> None:
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
    install_typer_words(language())  # typer's own words, Ukrainian only
    try:
        app()
    except SestryError as exc:
        typer.echo(error_line("sestry", exc), err=True)
        sys.exit(exc.exit_code)
    except OSError as exc:
        if exc.errno != errno.ENOSPC:
            raise
        typer.echo(
            "sestry: "
            + _(
                "the disk is full (no space left on device): nothing half-written was kept;"
                " free some space, then run the same command again"
            ),
            err=True,
        )
        sys.exit(2)
