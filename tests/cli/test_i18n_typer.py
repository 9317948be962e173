"""Typer's own words (Usage, Options, Error, usage errors) in Ukrainian; English untouched.

The click catalog (core/locale/uk/LC_MESSAGES/click.po) is checked against what Babel extracts
from the installed typer (its gettext calls in core.py and rich_utils.py) and from the vendored
click sentences listed in sestry/commands/typer_words.py, so a typer upgrade that adds a message
fails here until `make locale` is run and the new msgstr written.
"""

from __future__ import annotations

import gettext
import string
import subprocess
from pathlib import Path

import pytest
import typer
from typer._click.exceptions import BadParameter, NoSuchOption

from sestry.commands import typer_words

babel = pytest.importorskip("babel", reason="Babel (the [nlp] extra) extracts the messages")

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file  # noqa: E402
from babel.messages.pofile import read_po  # noqa: E402

PO = typer_words.LOCALE_DIR / "uk" / "LC_MESSAGES" / "click.po"
TYPER = Path(typer.__file__).parent
SOURCES = {
    TYPER / "core.py": DEFAULT_KEYWORDS,
    TYPER / "rich_utils.py": DEFAULT_KEYWORDS,
    Path(typer_words.__file__): {"click_msg": None},
}
ENGLISH = ("Usage:", "Options", "Show this message and exit.")
TIMEOUT = 120


def _extracted() -> set[str]:
    found: set[str] = set()
    for path, keywords in SOURCES.items():
        for _line, message, _comments, _ctx in extract_from_file("python", str(path), keywords):
            for msgid in message if isinstance(message, tuple) else (message,):
                if msgid:
                    found.add(msgid)
    return found


def _catalog() -> dict[str, str]:
    with PO.open("rb") as f:
        return {m.id: m.string for m in read_po(f) if m.id}


def _fields(text: str) -> list[str]:
    return sorted(
        f"{{{name}{'!' + conv if conv else ''}}}"
        for _, name, _, conv in string.Formatter().parse(text)
        if name is not None
    )


def test_every_typer_message_has_a_ukrainian_translation_with_its_placeholders() -> None:
    catalog = _catalog()
    missing = sorted(m for m in _extracted() if not catalog.get(m))
    assert not missing, (
        f"typer words without Ukrainian (run `make locale`, fill click.po): {missing}"
    )
    stale = sorted(set(catalog) - _extracted())
    assert not stale, f"click.po holds words typer no longer has (run `make locale`): {stale}"
    lost = [m for m, uk in catalog.items() if _fields(m) != _fields(uk)]
    assert not lost, f"click.po translations that change placeholders: {lost}"
    with PO.with_suffix(".mo").open("rb") as f:
        compiled = gettext.GNUTranslations(f)
    old = [m for m, uk in catalog.items() if compiled.gettext(m) != uk]
    assert not old, f"click.mo is older than click.po (run `make locale`): {old}"


def test_finished_click_sentences_are_rebuilt_in_ukrainian_with_their_values() -> None:
    unknown = NoSuchOption("--bogus", possibilities=["--bog"]).format_message()
    assert (
        typer_words.translate_sentence(unknown)
        == "Немає такого параметра: --bogus (можливі: --bog)"
    )
    bad = BadParameter("Value 'abc' is not a valid int.", param_hint="'--limit'").format_message()
    assert bad == "Invalid value for '--limit': Value 'abc' is not a valid int."  # typer's English
    assert typer_words.translate_sentence(bad) == (
        "Неприпустиме значення для '--limit': Значення 'abc' не підходить: потрібен тип int."
    )
    assert typer_words.translate_sentence("Something typer adds later.") == (
        "Something typer adds later."  # not in the catalog: stays English, never breaks
    )


def _run(cmd: list[str], args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - fixed argv
        [*cmd, *args], env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )


def test_help_and_usage_errors_read_in_ukrainian_with_the_same_exit_codes(
    sestry_cmd: list[str], subprocess_env: dict[str, str]
) -> None:
    uk = {**subprocess_env, "SESTRY_LANG": "uk"}
    shown = _run(sestry_cmd, ["compact", "--help"], uk)
    assert shown.returncode == 0, shown.stderr
    assert "Використання: sestry compact" in shown.stdout
    assert "Параметри" in shown.stdout
    assert "Показати цю довідку й вийти." in shown.stdout
    assert not [word for word in ENGLISH if word in shown.stdout], shown.stdout
    unknown = _run(sestry_cmd, ["nope"], uk)
    assert unknown.returncode == 2
    assert "Помилка" in unknown.stderr
    assert "Немає такої команди: 'nope'." in unknown.stderr
    assert "Довідка: 'sestry --help'." in unknown.stderr
    assert "Usage:" not in unknown.stderr
    missing = _run(sestry_cmd, ["handoff"], uk)
    assert missing.returncode == 2
    assert "Бракує параметра '--profile'." in missing.stderr, missing.stderr


def test_english_stays_english(sestry_cmd: list[str], subprocess_env: dict[str, str]) -> None:
    shown = _run(sestry_cmd, ["compact", "--help"], subprocess_env)
    assert shown.returncode == 0, shown.stderr
    assert all(word in shown.stdout for word in ENGLISH), shown.stdout
    assert "Використання" not in shown.stdout
    missing = _run(sestry_cmd, ["handoff"], subprocess_env)
    assert missing.returncode == 2
    assert "Error" in missing.stderr
    assert "Missing option '--profile'." in missing.stderr
    assert "Try 'sestry handoff --help' for help." in missing.stderr
