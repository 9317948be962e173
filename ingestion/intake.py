"""Intake: every regular file in the inbox goes to the vault and gets a custody event.

Coordinator only (writes the vault and the ledger). Order per item: vault write (durable), ledger
event (durable: one fsync per group of INTAKE_GROUP entries), then, and only then, the move to
`inbox/.done/`. A crash between any two steps
leaves the file in the inbox, and the next run finishes the job: a stored object without an
intake event gets its intake event; one with an event gets `seen_again`.
"""

from __future__ import annotations

import errno
import itertools
import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from sestry.core.errors import ConfigError, ItemError
from sestry.core.i18n import _
from sestry.custody.errors import DigestMismatch
from sestry.custody.ledger import Ledger
from sestry.custody.vault import StoredObject, Vault
from sestry.extractors.sniff import Sniffed
from sestry.ingestion import sidecars
from sestry.ingestion.consent import check_consent
from sestry.ingestion.inbox_stat import InboxStat
from sestry.ingestion.index import INTAKE, QUARANTINE, REFUSED, SEEN_AGAIN, LedgerIndex
from sestry.schemas.sidecar import LEGACY_MANIFEST_NAME, MANIFEST_NAME, SIDECAR_SUFFIX

log = logging.getLogger(__name__)

DONE_DIR = ".done"
#: Inbox entries whose ledger events share one fsync (group commit); moved once it is durable.
INTAKE_GROUP = 256
FLAG_CONTROL_CHARS = "control_chars_in_name"


class Received(BaseModel):
    """One inbox file after intake (file names are for the operator; never text)."""

    model_config = ConfigDict(frozen=True)

    source_name: str
    status: Literal["new", "seen_again", "refused", "unreadable"]
    digest: str | None = None
    reason: str | None = None
    flags: tuple[str, ...] = ()


class IntakeReport(BaseModel):
    """What intake did, item by item."""

    received: list[Received] = []
    orphan_sidecars: int = 0
    notices: list[str] = []  # for the operator's terminal only (file names, never text)

    def count(self, status: str) -> int:
        return sum(1 for item in self.received if item.status == status)


@dataclass(frozen=True)
class Found:
    """A candidate entry in the inbox."""

    path: Path
    rel: str  # relative name, '/'-separated, as the file system gave it
    kind: Literal["file", "symlink", "special"]


@dataclass
class CustodyWriters:
    """The custody writers intake needs (real ones in production, same API in tests)."""

    vault: Vault
    ledger: Ledger
    quarantine_dir: Path
    index: LedgerIndex
    sniff: Callable[[Path, str], Sniffed]  # (vault path, source name)
    write_reason: Callable[..., Path]  # custody.quarantine.write_reason
    scopes: frozenset[str] | None = None  # consent scopes profiles ask for (None: unchecked)

    def append(self, action: str, **kwargs: Any) -> dict[str, Any]:
        event = self.ledger.append(action, **kwargs)
        self.index.note(event)
        return event


def escape_name(name: str) -> tuple[str, bool]:
    """Return the name to record, and whether it had to be escaped.

    Names with control or other non-printable characters (or undecodable bytes) are recorded
    repr-like (`\\n`, `\\x07`, `\\udcff`), with backslashes doubled so the escape is unambiguous.
    """
    if all(ch.isprintable() for ch in name):
        return name, False
    out = []
    for ch in name:
        if ch == "\\":
            out.append("\\\\")
        elif ch.isprintable():
            out.append(ch)
        else:
            out.append(repr(ch)[1:-1] if ch not in "'\"" else ch)
    return "".join(out), True


def check_inbox(inbox: Path) -> None:
    """Refuse an inbox whose `.done` is not a real folder (a link would move originals away).

    Raises ConfigError (exit 2) naming the fix; touches nothing.
    """
    done = Path(inbox) / DONE_DIR
    if done.is_symlink():
        raise ConfigError(
            f"{done} is a symbolic link, not a folder: ingested originals would leave the inbox."
            " Replace it with a real folder (or remove it), then run sestry ingest again"
        )
    if done.exists() and not done.is_dir():
        raise ConfigError(
            f"{done} is a file, not a folder: rename it (it is not read as evidence there),"
            " then run sestry ingest again"
        )


def walk_inbox(
    inbox: Path,
    is_metadata: Callable[[Path], bool] | None = None,
    on_unreadable: Callable[[str], None] | None = None,
) -> Iterator[Found]:
    """Yield every non-metadata entry under `inbox`, sorted, never following symlinks.

    `inbox/.done/` is skipped; valid sidecars and manifests are metadata, not items (anything
    else, whatever its name, is yielded). A folder that cannot be listed is passed, by its
    relative name, to `on_unreadable`.
    """
    is_metadata = is_metadata or Metadata().is_metadata

    def walk(folder: Path, prefix: str) -> Iterator[Found]:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            if on_unreadable is not None:
                on_unreadable(prefix.rstrip("/") or ".")
            return
        for entry in entries:
            rel = f"{prefix}{entry.name}"
            if not prefix and entry.name == DONE_DIR:
                continue
            if entry.is_symlink():
                yield Found(Path(entry.path), rel, "symlink")
            elif entry.is_dir(follow_symlinks=False):
                yield from walk(Path(entry.path), rel + "/")
            elif sidecars.may_be_metadata(entry.name) and is_metadata(Path(entry.path)):
                continue
            elif entry.is_file(follow_symlinks=False):
                yield Found(Path(entry.path), rel, "file")
            else:
                yield Found(Path(entry.path), rel, "special")

    yield from walk(inbox, "")


def count_items(inbox: Path, limit: int) -> int:
    """About how many items the inbox holds (sidecars not counted), counting up to `limit`.

    Cheap (names only, nothing read or hashed): it decides whether a run is large enough for a
    pool of worker processes before intake starts.
    """
    count = 0
    for folder, dirs, files in os.walk(inbox):
        if Path(folder) == Path(inbox):
            dirs[:] = [d for d in dirs if d != DONE_DIR]
        count += sum(1 for name in files if not sidecars.may_be_metadata(name))
        if count >= limit:
            break
    return count


class Metadata:
    """Sidecars and manifests of one inbox, each loaded once; decides what is metadata.

    A file is metadata only when its name is a metadata name and its content is valid; a
    malformed sidecar quarantines its own item and is itself kept as evidence.
    """

    def __init__(self) -> None:
        self._manifests: dict[Path, sidecars.Manifest | None] = {}
        self._sidecars: dict[Path, sidecars.SidecarResult] = {}
        self.listed: dict[Path, set[str]] = {}  # folder -> names looked up in its manifest

    def manifest(self, folder: Path) -> sidecars.Manifest | None:
        """The folder's manifest as loaded (valid or not), or None when there is none."""
        if folder not in self._manifests:
            path = folder / MANIFEST_NAME
            exists = path.exists() or path.is_symlink()
            self._manifests[folder] = sidecars.load_manifest(path) if exists else None
        return self._manifests[folder]

    def valid_manifest(self, folder: Path) -> sidecars.Manifest | None:
        manifest = self.manifest(folder)
        return manifest if manifest is not None and not manifest.error else None

    def sidecar(self, path: Path) -> sidecars.SidecarResult:
        if path not in self._sidecars:
            self._sidecars[path] = sidecars.load_meta_json(path)
        return self._sidecars[path]

    def is_metadata(self, path: Path) -> bool:
        """True for a valid `sestry-manifest.csv` or a valid `NAME.meta.json`."""
        if path.name == MANIFEST_NAME:
            return self.valid_manifest(path.parent) is not None
        if path.name.endswith(SIDECAR_SUFFIX):
            return self.sidecar(path).valid
        return False

    def for_item(self, path: Path) -> sidecars.SidecarResult:
        meta_path = path.with_name(path.name + SIDECAR_SUFFIX)
        has_meta = meta_path.exists() or meta_path.is_symlink()
        meta = self.sidecar(meta_path) if has_meta else None
        manifest = self.valid_manifest(path.parent)
        listed = None
        if manifest is not None:
            self.listed.setdefault(path.parent, set()).add(path.name)
            listed = sidecars.from_manifest(manifest, path.name)
        return sidecars.resolve(meta, listed)

    def manifests(self) -> Iterator[tuple[Path, sidecars.Manifest]]:
        """(folder, manifest) for every manifest file met, valid or not."""
        for folder, manifest in sorted(self._manifests.items()):
            if manifest is not None:
                yield folder, manifest


def move_done(inbox: Path, path: Path, rel: str) -> None:
    """Move an inbox entry to `inbox/.done/<rel>` (never overwriting an earlier one)."""
    dest = inbox / DONE_DIR / rel
    dest.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    n = 0
    candidate = dest
    while candidate.exists() or candidate.is_symlink():
        n += 1
        candidate = dest.with_name(f"{dest.name}.{n}")
    os.rename(path, candidate)


def _intake_params(
    stored_size: int, media: Sniffed, meta: sidecars.SidecarResult, name: str, flags: list[str]
) -> dict[str, Any]:
    params: dict[str, Any] = {
        "source_name": name,
        "size": stored_size,
        "media_type": getattr(media, "media_type", "application/octet-stream"),
        "kind": getattr(media, "kind", None),
        "stored": True,
        "sidecar": sidecars.sidecar_params(meta.sidecar) if meta.sidecar else None,
        "sidecar_source": meta.source,
        "flags": flags,
    }
    if getattr(media, "extension_mismatch", False):
        params["flags"] = [*flags, "extension_mismatch"]
    if meta.error:
        params["sidecar_error"] = meta.error
        params["sidecar_problems"] = list(meta.problems)
    return params


def _sniff(custody: CustodyWriters, digest: str, name: str) -> Sniffed:
    """Media type from the stored bytes (never the inbox copy, which could change)."""
    try:
        return custody.sniff(custody.vault.path(digest), name)
    except (ItemError, OSError, ValueError):
        return None


def _known_unchanged(
    custody: CustodyWriters, found: Found, stat: InboxStat | None
) -> StoredObject | None:
    """A known, stored original the stat index says this file still is (no hashing), or None."""
    hit = stat.digest(found.path, found.rel) if stat is not None else None
    if hit is None or hit[0] not in custody.index.intake or not custody.vault.has(hit[0]):
        return None
    return StoredObject(hit[0], hit[1], created=False)


def _store(
    custody: CustodyWriters, found: Found, stat: InboxStat | None, durable: bool
) -> StoredObject:
    """Hash and store the file (the vault's guarantees), noting its digest in the stat index."""
    before = os.stat(found.path, follow_symlinks=False)
    stored = custody.vault.put(found.path, durable=durable)
    if stat is not None:
        stat.note(found.path, found.rel, stored.digest, before)
    return stored


def store_found(
    custody: CustodyWriters, found: Found, stat: InboxStat | None = None, *, durable: bool = True
) -> StoredObject | Received:
    """Store one regular file in the vault, or say why it is unreadable (left in the inbox).

    With a stat index, a known file unchanged since it was stored is not hashed again. With
    `durable=False` the object is durable only after `custody.vault.sync()`.
    """
    name = escape_name(found.rel)[0]
    try:
        return _known_unchanged(custody, found, stat) or _store(custody, found, stat, durable)
    except PermissionError:
        log.warning("unreadable inbox file (EACCES)")
        return Received(source_name=name, status="unreadable", reason="permission_denied")
    except (IsADirectoryError, FileNotFoundError):
        return Received(source_name=name, status="unreadable", reason="vanished")
    except DigestMismatch:  # written to while read: left in the inbox for the next run
        log.warning("inbox file changed while it was read; left for the next run")
        return Received(source_name=name, status="unreadable", reason="changed_while_reading")
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise  # the disk is full: stop the run (the CLI says so in one line)
        log.warning("unreadable inbox file (errno %s)", exc.errno)
        return Received(source_name=name, status="unreadable", reason="os_error")


def receive_one(
    custody: CustodyWriters,
    found: Found,
    meta: sidecars.SidecarResult,
    stored: StoredObject | Received | None = None,
) -> Received:
    """Store one regular file (unless `stored` says how that went) and record it; quarantine it
    at once if its sidecar is invalid.

    A file already known records `seen_again` with its own valid sidecar, so a duplicate's case
    and consent stay attached to the one original."""
    if stored is None:
        stored = store_found(custody, found)
    if isinstance(stored, Received):
        return stored
    meta = check_consent(meta, custody.scopes)
    name, escaped = escape_name(found.rel)
    flags = [FLAG_CONTROL_CHARS] if escaped else []
    digest = stored.digest
    if digest in custody.index.intake:
        custody.append(
            SEEN_AGAIN,
            subject=digest,
            params={
                "source_name": name,
                "size": stored.size,
                "flags": flags,
                "sidecar": sidecars.sidecar_params(meta.sidecar)
                if meta.sidecar and meta.valid and meta.source
                else None,
            },
        )
        return Received(source_name=name, status="seen_again", digest=digest, flags=tuple(flags))
    media = _sniff(custody, digest, name)
    params = _intake_params(stored.size, media, meta, name, flags)
    custody.append(INTAKE, subject=digest, params=params)
    if meta.error:
        custody.write_reason(
            custody.quarantine_dir,
            digest,
            meta.error,
            detail=";".join(meta.problems),
            source_name=name,
        )
        custody.append(QUARANTINE, subject=digest, params={"reason": meta.error, "stage": "intake"})
        log.info("quarantined %s: %s", digest, meta.error)
    return Received(
        source_name=name,
        status="new",
        digest=digest,
        reason=meta.error,
        flags=tuple(params["flags"]),
    )


def receive_inbox(
    custody: CustodyWriters,
    inbox: Path,
    *,
    keep_inbox: bool = False,
    stat: InboxStat | None = None,
) -> IntakeReport:
    """Take in every item under `inbox`; move each to `.done/` once its event is durable.

    With `stat` (ingestion.inbox_stat), files unchanged since a run stored them are not hashed
    again, and the index is saved at the end.
    """
    report = IntakeReport()
    metadata = Metadata()
    inbox = Path(inbox)
    if not inbox.is_dir():
        return report
    check_inbox(inbox)

    def unreadable_folder(rel: str) -> None:
        report.notices.append(
            _("folder could not be read, nothing in it was taken in: {path}").format(path=rel)
        )

    found = walk_inbox(inbox, metadata.is_metadata, unreadable_folder)
    while group := list(itertools.islice(found, INTAKE_GROUP)):
        stored = {  # the group's originals first, made durable together (one syncfs) ...
            entry.rel: store_found(custody, entry, stat, durable=False)
            for entry in group
            if entry.kind == "file"
        }
        custody.vault.sync()
        moves: list[tuple[Path, str]] = []
        with custody.ledger.group():  # ... then their events, with one fsync
            for entry in group:
                received = stored.get(entry.rel)
                moves += _receive_entry(custody, entry, metadata, report, keep_inbox, received)
        for path, rel in moves:  # only now are their events durable
            move_done(inbox, path, rel)
    if stat is not None:
        stat.save()
    report.notices.extend(_manifest_notices(inbox, metadata))
    orphans = _tidy_metadata(inbox, metadata, keep_inbox)
    report.orphan_sidecars = len(orphans)
    report.notices.extend(
        _("sidecar without its item, left in the inbox: {path}").format(path=escape_name(rel)[0])
        for rel in orphans
    )
    return report


def _receive_entry(
    custody: CustodyWriters,
    found: Found,
    metadata: Metadata,
    report: IntakeReport,
    keep_inbox: bool,
    stored: StoredObject | Received | None,
) -> list[tuple[Path, str]]:
    """Receive one inbox entry into `report`; return the (path, rel) moves it asks for."""
    if found.kind != "file":
        name, escaped = escape_name(found.rel)
        reason = "symlink" if found.kind == "symlink" else "not_regular_file"
        flags = [FLAG_CONTROL_CHARS] if escaped else []
        custody.append(REFUSED, params={"source_name": name, "reason": reason, "flags": flags})
        report.received.append(
            Received(source_name=name, status="refused", reason=reason, flags=tuple(flags))
        )
        return [] if keep_inbox else [(found.path, found.rel)]
    if found.path.name == LEGACY_MANIFEST_NAME and not sidecars.load_manifest(found.path).error:
        report.notices.append(
            _(
                "{path} is kept as evidence, not read as metadata: name a metadata manifest"
                " {manifest}"
            ).format(path=escape_name(found.rel)[0], manifest=MANIFEST_NAME)
        )
    received = receive_one(custody, found, metadata.for_item(found.path), stored)
    report.received.append(received)
    if keep_inbox or received.status in ("unreadable", "refused"):
        return []
    moves = [(found.path, found.rel)]
    meta_path = found.path.with_name(found.path.name + SIDECAR_SUFFIX)
    if metadata.is_metadata(meta_path):  # a malformed one is an item of its own
        moves.append((meta_path, found.rel + SIDECAR_SUFFIX))
    return moves


def _manifest_notices(inbox: Path, metadata: Metadata) -> Iterator[str]:
    """Invalid manifests, old-style `manifest.csv` files and rows that name no file."""
    for folder, manifest in metadata.manifests():
        rel = escape_name((folder / MANIFEST_NAME).relative_to(inbox).as_posix())[0]
        if manifest.error:
            yield _(
                "not a valid {manifest} ({errors}), kept as evidence; the files beside it got no"
                " metadata from it: {path}"
            ).format(manifest=MANIFEST_NAME, errors=";".join(manifest.error), path=rel)
            continue
        done = inbox / DONE_DIR / folder.relative_to(inbox)
        for row in sorted(manifest.rows):
            here = (folder / row).is_file() or (done / row).is_file()
            if row in metadata.listed.get(folder, set()) or here:
                continue
            near = [
                p.name
                for where in (folder, done)
                for p in (where.iterdir() if where.is_dir() else ())
                if p.name.casefold() == row.casefold()
            ]
            yield _("{manifest}: a row names no file in its folder: {row}").format(
                manifest=rel, row=escape_name(row)[0]
            ) + (
                " " + _("(names must match exactly; did you mean {name}?)").format(name=near[0])
                if near
                else ""
            )


def _tidy_metadata(inbox: Path, metadata: Metadata, keep_inbox: bool) -> list[str]:
    """Move manifests whose folder holds no more items; list sidecars without an item."""
    orphans: list[str] = []
    for folder, dirs, files in os.walk(inbox):
        here = Path(folder)
        if here == inbox:
            dirs[:] = [d for d in dirs if d != DONE_DIR]
        meta = {f for f in files if metadata.is_metadata(here / f)}
        items = [f for f in files if f not in meta]
        for name in sorted(meta):
            if name.endswith(SIDECAR_SUFFIX) and name[: -len(SIDECAR_SUFFIX)] not in files:
                orphans.append((here / name).relative_to(inbox).as_posix())
        if MANIFEST_NAME in meta and not items and not keep_inbox:
            rel = (here / MANIFEST_NAME).relative_to(inbox).as_posix()
            move_done(inbox, here / MANIFEST_NAME, rel)
    return orphans
