"""Signed ledger checkpoints and kept copies of released manifests: what a rewrite cannot fake.

Why: a hash chain alone can be rewritten from any point (every later hash recomputed) or cut
short, and still check. So the ledger head is signed with the data dir's key at the end of every
ingest and at every release (`DATA/ledger/checkpoints/<seq>.json` + `.sig`), and the data dir
keeps a copy of each released `manifest.json` and its signature (`DATA/ledger/releases/<id>/`),
wherever the release itself was written. `sestry verify --data` then checks that the chain still
holds every signed head at its place and a `release` event for every kept manifest. Forging
either needs the signing key. Events appended after the last checkpoint can still be cut
unnoticed until the next checkpoint or release is made (docs/custody.md).
"""

from __future__ import annotations

import json
from pathlib import Path

from sestry.core.digest import b3_bytes
from sestry.core.durable import ensure_dir, write_atomic
from sestry.core.settings import Settings
from sestry.custody.keys import load_signing_key, public_key_path
from sestry.custody.ledger import Ledger, canonical_json, utc_now
from sestry.custody.signing import sign, verify_signature
from sestry.custody.verify import VerifyReport

CHECKPOINT_FORMAT = "sestry-checkpoint/1"
SIG_SUFFIX = ".sig"


def checkpoints_dir(settings: Settings) -> Path:
    return settings.ledger_path.parent / "checkpoints"


def release_copies_dir(settings: Settings) -> Path:
    return settings.ledger_path.parent / "releases"


def write_checkpoint(settings: Settings) -> Path | None:
    """Sign the ledger's last event (seq and hash); None for an empty ledger.

    The signature is written before the checkpoint, so a checkpoint never lacks its signature.
    """
    last = None
    for event in Ledger(settings.ledger_path).events():
        last = event
    if last is None:
        return None
    body = {
        "format": CHECKPOINT_FORMAT,
        "seq": last["seq"],
        "head": last["hash"],
        "made_at": utc_now(),
    }
    data = canonical_json(body)
    folder = ensure_dir(checkpoints_dir(settings))
    path = folder / f"{int(str(last['seq'])):012d}.json"
    write_atomic(path.with_name(path.name + SIG_SUFFIX), sign(load_signing_key(settings), data))
    return write_atomic(path, data)


def keep_release_copy(settings: Settings, release_id: str, manifest: bytes, sig: bytes) -> Path:
    """Keep a released manifest and its signature in the data dir (signature first)."""
    folder = ensure_dir(release_copies_dir(settings) / release_id)
    write_atomic(folder / ("manifest.json" + SIG_SUFFIX), sig)
    return write_atomic(folder / "manifest.json", manifest)


def check_signed_history(settings: Settings, report: VerifyReport) -> None:
    """Every checkpoint's head must still be at its seq; every kept release must have its event."""
    public = public_key_path(settings).read_bytes() if public_key_path(settings).is_file() else b""
    by_seq: dict[int, str] = {}
    releases: set[str] = set()
    hashes: set[str] = set()
    for event in Ledger(settings.ledger_path).events():
        seq, digest = event.get("seq"), event.get("hash")
        if isinstance(seq, int) and isinstance(digest, str):
            by_seq.setdefault(seq, digest)
            hashes.add(digest)
        if event.get("action") == "release" and isinstance(event.get("subject"), str):
            releases.add(str(event["subject"]))
    last = max(by_seq, default=0)
    count = 0
    for path in sorted(checkpoints_dir(settings).glob("*.json")):
        count += 1
        body = _signed_json(path, public, report, "checkpoint")
        if body is None:
            continue
        seq, head = body.get("seq"), body.get("head")
        if not isinstance(seq, int) or seq > last:
            report.add(
                "ledger_cut",
                f"checkpoint {path.stem}",
                f"the ledger was signed at event {seq} but now ends at event {last}",
            )
        elif by_seq.get(seq) != head:
            report.add(
                "ledger_rewritten",
                f"event {seq}",
                "differs from the signed checkpoint: the chain was rewritten up to here",
            )
    report.checked["checkpoints"] = count
    kept = 0
    for path in sorted(release_copies_dir(settings).glob("*/manifest.json")):
        kept += 1
        body = _signed_json(path, public, report, "release copy")
        if body is None:
            continue
        name = f"release {path.parent.name}"
        if b3_bytes(path.read_bytes()) not in releases:
            report.add("release_event_missing", name, "no `release` event for this manifest")
        head = body.get("custody_ledger_head")
        if head is not None and head not in hashes:
            report.add("anchor_missing", name, f"ledger head {head} is no longer in the ledger")
    report.checked["kept releases"] = kept


def _signed_json(
    path: Path, public: bytes, report: VerifyReport, what: str
) -> dict[str, object] | None:
    subject = f"{what} {path.parent.name if what != 'checkpoint' else path.stem}"
    try:
        data = path.read_bytes()
        sig = path.with_name(path.name + SIG_SUFFIX).read_bytes()
    except OSError:
        report.add("checkpoint_invalid", subject, "the file or its signature cannot be read")
        return None
    if not verify_signature(public, data, sig):
        report.add("checkpoint_invalid", subject, "signature does not verify with this data key")
        return None
    try:
        body = json.loads(data)
    except ValueError:
        body = None
    if not isinstance(body, dict):
        report.add("checkpoint_invalid", subject, "does not parse")
        return None
    return body
