"""Messages of a blocked release: check ids, doc_id prefixes and the commands to act, no text."""

from __future__ import annotations

from sestry.release.advice import (
    MAX_DOCS,
    failed_doc_prefixes,
    refusal,
    refusal_from,
    refusal_in,
)
from sestry.release.checks import CheckResult

DOC = "0123456789abcdef" * 4


def _failed(check_id: str, *where: str) -> CheckResult:
    return CheckResult(check_id, "x", "documents", "text", False, len(where), where)


def test_refusal_names_checks_documents_and_commands() -> None:
    failures = [
        _failed("documents.text.no_residual_entities", f"row 0 doc_id {DOC[:16]} offset 12,40"),
        _failed("pages.ocr.no_leak_terms", f"doc_id {DOC[:16]} file p/page-0001.png page 1"),
    ]
    message = refusal(failures)
    assert "2 privacy check(s) failed" in message
    assert "documents.text.no_residual_entities" in message
    assert DOC[:16] in message
    assert "sestry show DIGEST" in message
    assert "sestry review" in message
    assert "\n" not in message


def test_many_documents_are_counted_not_listed() -> None:
    docs = [f"{i:016x}" for i in range(MAX_DOCS + 3)]
    message = refusal_from(["documents.text.no_leak_terms"], docs)
    assert "and 3 more" in message
    assert docs[-1] not in message


def test_doc_prefixes_come_only_from_where() -> None:
    failures = [_failed("a", "row 3 doc_id " + DOC, "row 4"), _failed("b")]
    assert failed_doc_prefixes(failures) == (DOC[:16],)


def test_a_refusal_raised_in_english_is_said_again_in_ukrainian() -> None:
    docs = [f"{i:016x}" for i in range(MAX_DOCS + 3)]
    english = refusal_from(["documents.text.no_leak_terms", "pages.ocr.no_leak_terms"], docs)
    ukrainian = refusal_in(english, "uk")
    assert ukrainian == refusal_from(
        ["documents.text.no_leak_terms", "pages.ocr.no_leak_terms"], docs, lang="uk"
    )
    assert ukrainian.startswith("реліз заблоковано: не пройдено перевірок конфіденційності — 2")
    assert "і ще 3" in ukrainian
    assert refusal_in(english, "en") == english
    assert refusal_in("something else", "uk") == "something else"
