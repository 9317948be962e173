"""What staff can do about a blocked release: which checks failed, on which documents, and the
commands that let them act. Only check ids and doc_id digest prefixes: never content."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from sestry.core.i18n import N_, translate

MAX_DOCS = 10  # documents named in one message; the rest are counted
_DOC_IN_WHERE = re.compile(r"doc_id ([0-9a-f]{8,64})")
ACTIONS = N_(
    "open each document with `sestry show DIGEST` (or list everything waiting with "
    "`sestry review`), mark what must be hidden, then run the command again"
)


def failed_doc_prefixes(failures: Iterable[Any]) -> tuple[str, ...]:
    """Doc_id prefixes named in the `where` of failed checks, sorted, unique."""
    found = set()
    for result in failures:
        for where in getattr(result, "where", ()) or ():
            match = _DOC_IN_WHERE.search(str(where))
            if match:
                found.add(match.group(1)[:16])
    return tuple(sorted(found))


def refusal(failures: Sequence[Any]) -> str:
    """The message of a blocked release from a validation report's failures."""
    checks = sorted({str(getattr(r, "check_id", "?")) for r in failures})
    return refusal_from(checks, failed_doc_prefixes(failures))


def refusal_from(checks: Sequence[str], docs: Sequence[str], lang: str = "en") -> str:
    """'Release blocked by ...; documents ...; what to do' (ids and digest prefixes only), in
    `lang` (English by default: the exception and the logs stay English)."""
    checks = sorted(set(checks))
    message = translate(
        lang, "release blocked: {count} privacy check(s) failed ({checks}); nothing was released"
    ).format(count=len(checks), checks=", ".join(checks) or translate(lang, "unknown"))
    if docs:
        shown = ", ".join(docs[:MAX_DOCS])
        if len(docs) > MAX_DOCS:
            more = translate(lang, "{shown} and {count} more")
            shown = more.format(shown=shown, count=len(docs) - MAX_DOCS)
        message += ". " + translate(lang, "Documents: {shown}").format(shown=shown)
    return (
        message
        + ". "
        + translate(lang, "To fix: {actions}.").format(actions=translate(lang, ACTIONS))
    )


_REFUSAL = re.compile(
    r"release blocked: \d+ privacy check\(s\) failed \((?P<checks>[^)]*)\); nothing was released"
    r"(?:\. Documents: (?P<docs>[0-9a-f, ]*?)(?: and (?P<more>\d+) more)?)?\. To fix: "
)


def refusal_in(message: str, lang: str) -> str:
    """An English refusal (as `refusal_from` wrote it into an exception) said again in `lang`;
    any other message unchanged. The command line uses it for a handoff blocked inside its flow."""
    match = _REFUSAL.match(message)
    if lang == "en" or match is None:
        return message
    checks = [c for c in match["checks"].split(", ") if c and c != "unknown"]
    docs = [d for d in (match["docs"] or "").split(", ") if d]
    docs += [f"+{i}" for i in range(int(match["more"] or 0))]  # counted again, never shown
    return refusal_from(checks, docs, lang)
