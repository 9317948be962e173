"""Each document's known identifying values, read from what sestry holds about it.

The file name (documents.source_name), the case id (unless the profile releases case ids as
they are) and the collector code, which is not in the dataset but in the document's `intake`
ledger event (its sidecar fields). Reads the ledger, never writes it; never logs a value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from sestry.core.settings import Settings
from sestry.custody.ledger import Ledger
from sestry.redaction.known import known_matcher, known_values
from sestry.redaction.profiles import Profile
from sestry.redaction.terms import Lemmatizer, TermMatcher

INTAKE_ACTION = "intake"


def collector_codes(settings: Settings, doc_ids: Iterable[str]) -> dict[str, str]:
    """doc_id → collector code (`collected_by` of the sidecar recorded at intake), if any."""
    wanted = set(doc_ids)
    codes: dict[str, str] = {}
    ledger = Ledger(settings.ledger_path)
    if not wanted or not ledger.path.exists():
        return codes
    for event in ledger.events():
        if event.get("action") != INTAKE_ACTION or event.get("subject") not in wanted:
            continue
        params = event.get("params")
        sidecar = params.get("sidecar") if isinstance(params, Mapping) else None
        code = sidecar.get("collected_by") if isinstance(sidecar, Mapping) else None
        if isinstance(code, str) and code.strip():
            codes[str(event["subject"])] = code
    return codes


def known_matchers(
    settings: Settings,
    documents: Iterable[Mapping[str, object]],
    profile: Profile,
    lemmatizer: Lemmatizer | None,
    codes: Mapping[str, str] | None = None,
) -> dict[str, TermMatcher]:
    """doc_id → matcher of that document's own known values (documents without any left out).

    A case id the profile keeps as it is goes out in the `case_id` column anyway, so it is not
    a term, nor is a file name's number that is part of it; pseudonymised or dropped case ids
    are. A file name's word in a released case id is still a term (a name there blocks).
    `codes`: doc_id → collector code when the caller already read them (`collector_codes`)."""
    docs = list(documents)
    if codes is None:  # a batched caller reads the ledger once for every batch
        codes = collector_codes(settings, (str(d["doc_id"]) for d in docs))
    out: dict[str, TermMatcher] = {}
    for doc in docs:
        doc_id = str(doc["doc_id"])
        released_case = _text(doc.get("case_id")) if profile.columns.case_id == "keep" else None
        case_id = None if released_case else _text(doc.get("case_id"))
        values = known_values(_text(doc.get("source_name")), case_id, codes.get(doc_id))
        if released_case:  # its numbers go out in the case_id column anyway; names never do
            numbers = set(re.findall(r"\d+", released_case))
            values = tuple(v for v in values if v not in numbers)
        matcher = known_matcher(values, lemmatizer, profile.allow)
        if matcher is not None:
            out[doc_id] = matcher
    return out


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None
