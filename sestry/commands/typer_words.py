"""Typer's own words (Usage, Options, Error, "No such option: …") in Ukrainian, installed once at
start-up when Ukrainian is chosen; English runs never touch typer, so they stay byte-identical.

Typer (0.29) ships its own copy of click (typer._click) with the English written straight into
the code, and only typer/core.py and typer/rich_utils.py call gettext (through a `_` bound at
import). So two kinds of words live in the `click` catalog (core/locale/uk/LC_MESSAGES/click.po):
the gettext msgids of those two modules, reached by pointing their `_` at the catalog, and the
vendored click's fixed sentences listed below with `click_msg`, matched against the finished
English message with its values as `{0}`, `{1}` (the values are the user's own: option names,
files) and rebuilt in Ukrainian. A sentence not in the catalog stays English, never breaks.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable
from functools import cache
from typing import Any

from sestry.core import i18n

DOMAIN = "click"
LOCALE_DIR = i18n.LOCALE_DIR  # click.po and click.mo live beside sestry's catalog


def click_msg(message: str) -> str:
    """Mark a vendored-click sentence for the click catalog (`make locale` extracts these)."""
    return message


# The finished sentences of typer._click / typer's type checks a user can meet; `{n}` is a value.
USAGE = click_msg("Usage: ")
SENTENCES: tuple[str, ...] = (
    USAGE,
    click_msg("Show this message and exit."),
    click_msg("No such option: {0}"),
    click_msg("No such option: {0} (Possible options: {1})"),
    click_msg("Missing argument {0}."),
    click_msg("Missing option {0}."),
    click_msg("Missing parameter: {0}"),
    click_msg("Invalid value for {0}: {1}"),
    click_msg("Invalid value: {0}"),
    click_msg("Got unexpected extra argument(s) ({0})"),
    click_msg("Option {0} requires an argument."),
    click_msg("Option {0} requires {1} arguments."),
    click_msg("Option {0} does not take a value."),
    click_msg("Argument {0} takes {1} values."),
    click_msg("{0} is not one of {1}."),
    click_msg("Value {0} is not a valid {1}."),
    click_msg("{0} {1} does not exist."),
    click_msg("{0} {1} is a file."),
    click_msg("{0} {1} is a directory."),
    click_msg("{0} {1} is not readable."),
    click_msg("{0} {1} is not writable."),
    click_msg("File"),
    click_msg("Directory"),
    click_msg("Path"),
)

# rich_utils computes these at import, so they are recomputed from the catalog on install.
RICH_CONSTANTS: dict[str, str] = {
    "DEPRECATED_STRING": "(deprecated) ",
    "DEFAULT_STRING": "[default: {}]",
    "ENVVAR_STRING": "[env var: {}]",
    "REQUIRED_LONG_STRING": "[required]",
    "ARGUMENTS_PANEL_TITLE": "Arguments",
    "OPTIONS_PANEL_TITLE": "Options",
    "COMMANDS_PANEL_TITLE": "Commands",
    "ERRORS_PANEL_TITLE": "Error",
    "ABORTED_TEXT": "Aborted.",
    "RICH_HELP": "Try [blue]'{command_path} {help_option}'[/] for help.",
}

_PLACEHOLDER = re.compile(r"\{(\d)\}")


def catalog() -> gettext.NullTranslations:
    """The compiled Ukrainian click catalog (English msgids when it is missing)."""
    return i18n.catalog("uk", DOMAIN)


def _pattern(sentence: str) -> re.Pattern[str]:
    """`No such option: {0}` as a regex whose groups are the values."""
    parts = _PLACEHOLDER.split(sentence)
    regex = "".join(
        re.escape(part) if i % 2 == 0 else f"(?P<v{part}>.+?)" for i, part in enumerate(parts)
    )
    return re.compile(regex, re.DOTALL)


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """The sentences with values, most fixed text first (so the longer sentence wins)."""
    with_values = [s for s in SENTENCES if _PLACEHOLDER.search(s)]
    with_values.sort(key=lambda s: len(_PLACEHOLDER.sub("", s)), reverse=True)
    return tuple((_pattern(s), s) for s in with_values)


def translate_sentence(message: str) -> str:
    """A finished English click sentence in Ukrainian; values kept, inner sentences translated."""
    words = catalog()
    for pattern, sentence in _patterns():
        found = pattern.fullmatch(message)
        if found is None:
            continue
        values = {name[1:]: translate_sentence(value) for name, value in found.groupdict().items()}
        return words.gettext(sentence).format(*(values[str(i)] for i in range(len(values))))
    return words.gettext(message)


_installed = False


def install(lang: str) -> None:
    """Point typer's words at the Ukrainian catalog, once, when `lang` is uk; else do nothing."""
    global _installed  # noqa: PLW0603 - a one-time switch at start-up
    if lang != "uk" or _installed:
        return
    _installed = True
    try:
        _patch_typer()
    except (ImportError, AttributeError):  # another typer: its own words stay English
        return


def _patch_typer() -> None:
    """Point typer's `_`, panel titles, usage prefix, help option and errors at the catalog."""
    from typer import core, rich_utils
    from typer._click import decorators, formatting

    words = catalog()
    core._ = words.gettext  # type: ignore[attr-defined]
    rich_utils._ = words.gettext  # type: ignore[attr-defined]
    for name, msgid in RICH_CONSTANTS.items():
        setattr(rich_utils, name, words.gettext(msgid))

    write_usage = formatting.HelpFormatter.write_usage

    def ukrainian_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, args, words.gettext(USAGE) if prefix is None else prefix)

    formatting.HelpFormatter.write_usage = ukrainian_usage  # type: ignore[method-assign]

    help_option = decorators.help_option

    def ukrainian_help(param_decls: list[str]) -> Callable[[Any], Any]:
        decorate = help_option(param_decls)

        def apply(command: Any) -> Any:
            done = decorate(command)
            option = command.params[-1]  # the option help_option just appended
            option.help = words.gettext(str(option.help))
            return done

        return apply

    decorators.help_option = ukrainian_help

    format_error: Callable[[Any], None] = rich_utils.rich_format_error

    def ukrainian_error(error: Any) -> None:
        english = error.format_message
        error.format_message = lambda: translate_sentence(english())
        format_error(error)

    rich_utils.rich_format_error = ukrainian_error
