"""`sestry eval`: precision, recall and f1 per label against an annotated corpus."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sestry.commands.errors import error_line
from sestry.core.errors import SestryError
from sestry.core.i18n import _


def run(corpus: Path, as_json: bool = False, fmt: str = "auto") -> int:
    """Score the pipeline on `corpus` (sestry, Prodigy or doccano JSONL; `fmt` or detected);
    0 on success, 2 when the corpus is missing or invalid."""
    from sestry.extractors.entities.evaluation import evaluate, load_corpus

    try:
        docs = load_corpus(corpus, fmt)
    except SestryError as exc:
        print(error_line("sestry eval", exc), file=sys.stderr)
        return exc.exit_code
    report = evaluate(docs)
    if as_json:
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
        return 0
    _table(report)
    return 0


def _table(report: dict[str, object]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=_("documents: {count}").format(count=report["documents"]))
    table.add_column(_("label"), justify="left")
    for column in (_("precision"), _("recall"), "f1", _("support"), _("norm exact")):
        table.add_column(column, justify="right")
    norms: dict[str, dict[str, float]] = report["norm"]  # type: ignore[assignment]
    labels: dict[str, dict[str, float]] = report["labels"]  # type: ignore[assignment]
    for label, m in [*labels.items(), ("micro", report["micro"])]:  # type: ignore[list-item]
        norm = norms.get(label)
        table.add_row(
            label,
            f"{m['precision']:.3f}",
            f"{m['recall']:.3f}",
            f"{m['f1']:.3f}",
            str(m["support"]),
            f"{norm['rate']:.3f} ({norm['checked']})" if norm else "",
        )
    Console().print(table)
