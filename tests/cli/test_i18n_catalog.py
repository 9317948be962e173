"""Every word sestry shows people has a Ukrainian translation, and none is printed unwrapped.

The messages are extracted with Babel's own extractor (tools/babel.cfg: the CLI, the report's
template and code, and the lower-layer messages they print), compared with the committed
catalog (core/locale/uk/LC_MESSAGES/sestry.po) and its compiled .mo; an AST scan of sestry/
finds string literals handed to print/echo/rule/tables/errors outside `_()`.
"""

from __future__ import annotations

import ast
import gettext
import re
import string
from pathlib import Path

import pytest

babel = pytest.importorskip("babel", reason="Babel (the [nlp] extra) extracts the messages")

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir  # noqa: E402
from babel.messages.frontend import parse_mapping_cfg  # noqa: E402
from babel.messages.pofile import read_po  # noqa: E402

from sestry.core import i18n  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "core" / "locale" / "uk" / "LC_MESSAGES" / "sestry.po"
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None, "translate": (2,)}  # as `make locale` runs pybabel


def _extracted() -> dict[str, str]:
    """msgid -> first place it was found, over the folders tools/babel.cfg names."""
    with (ROOT / "tools" / "babel.cfg").open() as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found: dict[str, str] = {}
    for filename, lineno, message, _comments, _ctx in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS
    ):
        if isinstance(message, str) and message:
            found.setdefault(message, f"{filename}:{lineno}")
    return found


def _catalog() -> dict[str, str]:
    with PO.open("rb") as f:
        return {m.id: m.string for m in read_po(f) if m.id}


def _fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def test_every_message_has_a_ukrainian_translation() -> None:
    found, catalog = _extracted(), _catalog()
    assert len(found) > 200  # the extractor really saw the CLI and the report
    missing = sorted(f"{where}: {m!r}" for m, where in found.items() if not catalog.get(m))
    assert not missing, "no Ukrainian for (run `make locale`, then translate):\n" + "\n".join(
        missing
    )
    stale = sorted(set(catalog) - set(found))
    assert not stale, f"translations nobody uses (run `make locale`): {stale}"


def test_translations_keep_every_placeholder() -> None:
    wrong = [m for m, uk in _catalog().items() if _fields(m) != _fields(uk)]
    assert not wrong, wrong


def test_compiled_catalog_matches_its_source() -> None:
    with (PO.with_suffix(".mo")).open("rb") as f:
        compiled = gettext.GNUTranslations(f)
    for msgid, msgstr in _catalog().items():
        assert compiled.gettext(msgid) == msgstr, f"{msgid!r}: run `make locale`"


def test_language_comes_from_sestry_lang_then_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SESTRY_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    assert i18n.language() == "en"
    monkeypatch.setenv("LANG", "uk_UA.UTF-8")
    assert i18n.language() == "uk"
    assert i18n._("validation passed") == "валідацію пройдено"
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")  # LC_ALL wins over LANG, as in POSIX
    assert i18n.language() == "en"
    monkeypatch.setenv("SESTRY_LANG", "uk")
    assert i18n.language() == "uk"
    monkeypatch.setenv("SESTRY_LANG", "en")
    assert i18n._("validation passed") == "validation passed"


# --- no literal reaches people unwrapped ------------------------------------------------------

SHOWN = frozenset({"print", "echo", "rule", "add_column", "add_row", "add_task", "table", "Table"})
ERRORS = frozenset(
    {"UsageError", "ConfigError", "VerificationError", "MissingDependency", "TooLarge"}
)
MARKUP = re.compile(r"\[/?[a-z ]*\]")
# Literal text that is code, not words: command lines, URLs, the program's name, a metric's name.
CODE = re.compile(r"^\s*(sestry( \w+)?\b.*|https?://.*|/doc/.*|\?profile=.*|OK|f1|DIGEST)\s*$")


def _name(func: ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _literals(node: ast.AST) -> list[str]:
    """Literal text under `node` that is not inside `_()` / `N_()`, a subscript's key or a
    `.get()` key (dictionary keys are code)."""
    if isinstance(node, ast.Call) and _name(node.func) in ("_", "N_"):
        return []
    if isinstance(node, ast.Call) and _name(node.func) == "get":
        return _literals(node.func)
    if isinstance(node, ast.Subscript):
        return _literals(node.value)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        text = "".join(
            v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)
        )
        inner = [x for v in node.values if isinstance(v, ast.FormattedValue) for x in _literals(v)]
        return [text, *inner]
    return [x for child in ast.iter_child_nodes(node) for x in _literals(child)]


def _words(text: str) -> bool:
    bare = MARKUP.sub("", text)
    return bool(re.search(r"[A-Za-z]{2,}", bare)) and not CODE.match(bare)


def _unwrapped(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, text) of each literal with words handed to something people read."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _name(node.func) in SHOWN | ERRORS:
            args = [*node.args, *(k.value for k in node.keywords if k.arg == "title")]
            found += [(node.lineno, t) for arg in args for t in _literals(arg) if _words(t)]
    return found


def test_no_unwrapped_literal_is_shown_in_the_command_line() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{line}: {text!r}"
        for path in sorted((ROOT / "sestry").rglob("*.py"))
        for line, text in _unwrapped(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert not offenders, "wrap these in _():\n" + "\n".join(offenders)


def test_the_scan_finds_an_unwrapped_literal() -> None:
    bad = 'console.print(f"copied {n} files")\nraise UsageError("no such file")'
    assert [t for _line, t in _unwrapped(ast.parse(bad))] == ["copied  files", "no such file"]
    good = 'console.print(_("copied {n} files").format(n=n), w["profile"], d.get("key"))'
    assert not _unwrapped(ast.parse(good))
