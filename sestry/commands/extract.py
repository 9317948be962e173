"""`sestry extract`: print the entities of text files (for the organisation's own staff)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sestry.commands.errors import error_line
from sestry.core.errors import SestryError, TooLarge, UsageError
from sestry.core.i18n import _
from sestry.core.languages import LANGUAGES
from sestry.extractors.entities.windows import MAX_TEXT_BYTES, MAX_TEXT_CHARS, check_length

FORMATS = ("table", "jsonl")


def _read(path: Path) -> str:
    """Decoded, NFC-normalised text, decoded the way transcripts are."""
    from sestry.extractors.textdecode import decode_text

    try:
        if path.stat().st_size > MAX_TEXT_BYTES:
            raise TooLarge(
                _(
                    "{path} is over {bytes:,} bytes: more than the limit of"
                    " {chars:,} characters for entity recognition"
                ).format(path=path, bytes=MAX_TEXT_BYTES, chars=MAX_TEXT_CHARS)
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise UsageError(_("no such file: {path}").format(path=path)) from None
    except OSError as exc:
        raise UsageError(
            _("cannot read {path}: {error}").format(path=path, error=type(exc).__name__)
        ) from None
    text, _encoding = decode_text(data)
    return text


def run(files: list[Path], lang: str | None = None, fmt: str = "table") -> int:
    """Print entities; 0 on success, 2 on bad usage or an unreadable / undecodable file."""
    try:
        if fmt not in FORMATS:
            raise UsageError(
                _("--format must be one of {values}").format(values=", ".join(FORMATS))
            )
        if lang is not None and lang not in LANGUAGES:
            raise UsageError(
                _("--lang must be one of {values}").format(values=", ".join(LANGUAGES))
            )
        texts = [_read(path) for path in files]
        for text in texts:
            check_length(text)  # over the documented limit: one line, not spaCy's E088
    except SestryError as exc:
        print(error_line("sestry extract", exc), file=sys.stderr)
        return exc.exit_code
    from sestry.extractors.entities.pipeline import find_entities_batch

    found = find_entities_batch(texts, [lang] * len(texts))
    if fmt == "jsonl":
        for path, spans in zip(files, found, strict=True):
            for s in spans:
                row = {
                    "file": str(path),
                    "start": s.start,
                    "end": s.end,
                    "label": s.label,
                    "text": s.text,
                    "norm": s.norm,
                    "detector": s.detector,
                }
                sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        return 0
    _table(files, found)
    return 0


def _table(files: list[Path], found: list[list[object]]) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console()
    for path, spans in zip(files, found, strict=True):
        table = Table(title=escape(str(path)))
        for column in (_("start"), _("end"), _("label"), _("text"), _("norm"), _("detector")):
            table.add_column(column)
        for s in spans:
            table.add_row(
                str(s.start), str(s.end), s.label, escape(s.text), escape(s.norm or ""), s.detector
            )  # type: ignore[attr-defined]
        console.print(table)
