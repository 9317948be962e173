"""Meta-tests: completeness and architecture rules of docs/CONVENTIONS.md §7, read from the code.

Each test walks the source (the `ast` module, not regexes) or the live registries and lists every
offender as path:line, so a failure says exactly what to fix. Fast: one parse of the tree, one
short subprocess.
"""

from __future__ import annotations

import ast
import functools
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import typer.main

from sestry.cli import app
from sestry.extractors import sniff
from sestry.extractors.base import ItemInfo
from sestry.extractors.entities.registry import BUILTIN_RECOGNIZERS
from sestry.extractors.registry import BUILTIN_EXTRACTORS
from sestry.redaction.operators import OPERATORS
from sestry.redaction.profiles import load_profile
from sestry.schemas.tables import LABELS

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
# Top-level folders installed as subpackages of `sestry` (pyproject's package-dir), and the
# layers they form, lowest first: a package may import only packages of lower layers.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("core",),
    ("custody", "schemas", "reports"),
    ("extractors",),
    ("redaction",),
    ("release", "ingestion", "review"),
    ("flows",),
    ("cli",),
)
CLI = "cli"  # the folder sestry/ (sestry.cli, sestry.commands): the top floor
FOLDERS = tuple(f for layer in LAYERS for f in layer if f != CLI)
LIBRARY = FOLDERS  # everything but the command line: no console output there
PACKAGES = (*FOLDERS, "sestry", "tools")
HEAVY = ("pyarrow", "pandas", "spacy", "prefect", "great_expectations", "pytesseract")


def _folder(package: str) -> str:
    """The source folder of a layer name (the CLI lives in sestry/)."""
    return "sestry" if package == CLI else package


def _layer_of_module(module: str) -> str | None:
    """The layer name (folder, or "cli") a `sestry.…` module belongs to; None if not ours."""
    parts = module.split(".")
    if parts[0] != "sestry":
        return None
    if len(parts) == 1 or parts[1] in ("cli", "commands"):
        return CLI
    return parts[1] if parts[1] in FOLDERS else None


def _module_name(path: Path, root: Path = ROOT) -> str:
    """The import name of a source file: custody/vault.py is sestry.custody.vault."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    if parts and parts[0] in FOLDERS:
        parts.insert(0, "sestry")
    return ".".join(parts)


# --- helpers ----------------------------------------------------------------------------------


def _py_files(*tops: str) -> list[Path]:
    return sorted(p for top in tops for p in (ROOT / top).rglob("*.py") if p.is_file())


@functools.cache
def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _rel(path: Path, node: ast.AST | None = None) -> str:
    where = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name
    return f"{where}:{node.lineno}" if node is not None and hasattr(node, "lineno") else where


def _imports(
    tree: ast.Module, path: Path, root: Path = ROOT
) -> Iterator[tuple[str, ast.AST, bool]]:
    """(absolute module name, node, inside a function) for every import in the file.

    `from pkg import name` yields both "pkg" and "pkg.name" (name may be a submodule);
    relative imports are resolved against the file's package; `importlib.import_module("x")`
    and `__import__("x")` with a literal count too.
    """
    package = _module_name(path, root).split(".")[:-1]

    def visit(node: ast.AST, in_func: bool) -> Iterator[tuple[str, ast.AST, bool]]:
        for child in ast.iter_child_nodes(node):
            nested = in_func or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import):
                for alias in child.names:
                    yield alias.name, child, in_func
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = ".".join(package[: len(package) - child.level + 1])
                    module = f"{base}.{child.module}" if child.module else base
                else:
                    module = child.module or ""
                yield module, child, in_func
                for alias in child.names:
                    yield f"{module}.{alias.name}", child, in_func
            elif isinstance(child, ast.Call) and _dynamic_import(child):
                yield _dynamic_import(child), child, in_func
            yield from visit(child, nested)

    yield from visit(tree, False)


def _dynamic_import(call: ast.Call) -> str:
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    if name in ("import_module", "__import__") and call.args:
        first = call.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            return first.value
    return ""


def _top(module: str) -> str:
    return module.split(".", 1)[0]


def _top_two(module: str) -> str:
    return ".".join(module.split(".")[:2])


def _mentions(path: Path) -> tuple[set[str], set[str]]:
    """Identifiers (names, attributes, imported names) and string constants in a file."""
    idents: set[str] = set()
    strings: set[str] = set()
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Name):
            idents.add(node.id)
        elif isinstance(node, ast.Attribute):
            idents.add(node.attr)
        elif isinstance(node, ast.alias):
            idents.add(node.asname or node.name.rsplit(".", 1)[-1])
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            strings.add(node.value)
    return idents, strings


def _mentioned(path: Path, cls: type, name: str) -> bool:
    idents, strings = _mentions(path)
    at = re.compile(rf"(?<![\w]){re.escape(name)}@")
    return cls.__name__ in idents or name in strings or any(at.search(s) for s in strings)


def _test_modules(under: Path) -> list[Path]:
    return sorted(under.rglob("test_*.py"))


def _report(title: str, offenders: list[str]) -> str:
    return f"{title} ({len(offenders)}):\n  " + "\n  ".join(offenders)


# --- 0. layers: the ground imports nothing of ours, nothing imports the CLI, no cycle -----------


def _layer_imports(root: Path = ROOT) -> list[tuple[str, str, str]]:
    """(importing layer, imported layer, path:line) for every import of another sestry layer,
    at module level or inside functions, static or through importlib."""
    found = []
    for layer in (f for tier in LAYERS for f in tier):
        folder = root / _folder(layer)
        for path in sorted(folder.rglob("*.py")):
            for module, node, _ in _imports(_tree(path), path, root):
                target = _layer_of_module(module)
                if target is not None and target != layer:
                    found.append((layer, target, _rel(path, node)))
    return found


def _upward(imports: list[tuple[str, str, str]]) -> list[str]:
    rank = {name: i for i, tier in enumerate(LAYERS) for name in tier}
    return sorted(
        {
            f"{where}: {src} (layer {rank[src]}) imports {dst} (layer {rank[dst]})"
            for src, dst, where in imports
            if rank[dst] >= rank[src]
        }
    )


def _cycles(imports: list[tuple[str, str, str]]) -> list[list[str]]:
    """Every cycle in the package graph as it is (not as LAYERS says), by depth-first search."""
    graph: dict[str, set[str]] = {}
    for src, dst, _ in imports:
        graph.setdefault(src, set()).add(dst)
    cycles, state = [], {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                cycles.append([*trail[trail.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = "done"

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])
    return cycles


def test_layers_import_only_downwards() -> None:
    """Each package imports only packages of lower layers (LAYERS above, docs/CONVENTIONS.md §1):
    so core/ imports nothing of ours and nothing imports the command line (sestry/)."""
    offenders = _upward(_layer_imports())
    assert not offenders, _report("imports that go up or sideways", offenders)


def test_no_cycle_between_packages() -> None:
    """The import graph between top-level packages, read from the code, has no cycle."""
    cycles = _cycles(_layer_imports())
    assert not cycles, _report("import cycles", [" -> ".join(c) for c in cycles])


def test_every_package_has_a_layer() -> None:
    """Every folder pyproject installs under `sestry` is in LAYERS (a new one must be placed)."""
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    mapped = set(re.findall(r'^"sestry\.(\w+)" = "(\w+)"$', pyproject, re.MULTILINE))
    folders = {folder for _, folder in mapped} - {"data"}
    assert folders == set(FOLDERS), (sorted(folders), sorted(FOLDERS))


def test_layer_detectors_see_offences(tmp_path: Path) -> None:
    """An upward import, an import of the CLI and a cycle are all reported."""
    for folder, source in {
        "core": "from sestry.custody import vault\n",
        "custody": "def f():\n    import sestry.commands.verify\n",
        "schemas": "",
        "reports": "",
        "extractors": "import importlib\nimportlib.import_module('sestry.redaction.text')\n",
        "redaction": "from sestry.extractors import sniff\n",
        "release": "",
        "ingestion": "",
        "flows": "",
        "sestry": "",
    }.items():
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "probe.py").write_text(source, encoding="utf-8")
    imports = _layer_imports(tmp_path)
    upward = _upward(imports)
    assert [line.split(": ", 1)[1] for line in upward] == [
        "core (layer 0) imports custody (layer 1)",
        "custody (layer 1) imports cli (layer 6)",
        "extractors (layer 2) imports redaction (layer 3)",
    ], upward
    assert _cycles(imports) == [["extractors", "redaction", "extractors"]]


DURABLE = "core/durable.py"
# Writes that are not "a file into place", each with its reason.
OWN_WRITES = {
    "custody/ledger.py": "appends one fsynced line under a lock",
    "custody/vault.py": "hashes while copying, then links in place with durable's temp names",
    "custody/release.py": "publishes a sealed release folder by rename",
    "ingestion/intake.py": "moves an ingested inbox file into inbox/.done/",
}
OS_WRITES = ("os.fsync", "os.replace", "os.rename", "os.link")
PATH_WRITES = ("write_text", "write_bytes")


def test_one_durable_writer() -> None:
    """Files are written through core/durable.py; the few other writes are listed with why."""
    offenders = []
    for path in _py_files(*FOLDERS, "sestry"):
        rel = path.relative_to(ROOT).as_posix()
        if rel == DURABLE or rel in OWN_WRITES:
            continue
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Call):
                func = node.func
                attr = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                name = _dotted(func) or attr
                if name in OS_WRITES or attr in PATH_WRITES:
                    offenders.append(f"{_rel(path, node)} {name}")
                modes = (*node.args[1:2], *(k.value for k in node.keywords if k.arg == "mode"))
                if name == "open" and any(
                    isinstance(m, ast.Constant) and set("wax") & set(str(m.value)) for m in modes
                ):
                    offenders.append(f"{_rel(path, node)} open for writing")
    assert not offenders, _report("writes outside core/durable.py", offenders)


# --- 1. Prefect stays in flows/ ---------------------------------------------------------------


def test_prefect_is_imported_only_in_flows() -> None:
    """Outside flows/ nothing imports prefect; only sestry/commands/*.py may import flows.*, and
    only inside functions (so `sestry verify` and friends start without Prefect)."""
    offenders = []
    tops = [t for t in (*PACKAGES, "bench") if t != "flows"]
    for path in _py_files(*tops):
        in_commands = path.parent == ROOT / "sestry" / "commands"
        for module, node, in_func in _imports(_tree(path), path):
            if _top(module) == "prefect":
                offenders.append(f"{_rel(path, node)} imports {module}")
            elif _layer_of_module(module) == "flows" and not (in_commands and in_func):
                where = "at module level" if not in_func else "outside sestry/commands"
                offenders.append(f"{_rel(path, node)} imports {module} {where}")
    assert not offenders, _report("prefect/flows imported outside flows/", sorted(set(offenders)))


IMPORT_ALL = """
import importlib, json, sys
for name in {modules!r}:
    importlib.import_module(name)
loaded = [m for m in sys.modules if m.split(".")[0] == "prefect" or m.startswith("sestry.flows")]
print(json.dumps(sorted(loaded)))
"""


def test_importing_everything_but_flows_loads_no_prefect() -> None:
    """Importing every module of the installed packages except flows/ (the CLI and its commands
    included) in a fresh interpreter loads neither prefect nor flows, even indirectly."""
    tops = [t for t in PACKAGES if t not in ("flows", "tools")]
    modules = [_module_name(path) for path in _py_files(*tops)]
    proc = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL.format(modules=modules)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    loaded = json.loads(proc.stdout)
    assert not loaded, f"importing {tops} loads: {loaded[:20]}"


# --- 2. custody/ stays light ------------------------------------------------------------------

CUSTODY_THIRD_PARTY = {"blake3", "cryptography", "pydantic"}
# What a light install brings in with those (their own dependencies).
LIGHT_RUNTIME = CUSTODY_THIRD_PARTY | {
    "sestry",
    "pydantic_core",
    "typing_extensions",
    "typing_inspection",
    "annotated_types",
}


PROBE = """
import json, sys
import sestry.custody.release_verify, sestry.custody.verify
tops = sorted({m.split(".")[0] for m in sys.modules} - set(sys.stdlib_module_names))
sestry = sorted(m for m in sys.modules if m == "sestry" or m.startswith("sestry."))
print(json.dumps({"tops": tops, "sestry": sestry}))
"""


def test_custody_imports_only_light_dependencies() -> None:
    """custody/ imports the standard library, blake3, cryptography, pydantic, the ground floor
    (core/) and itself: a partner verifies a release with a light install."""
    offenders = []
    for path in _py_files("custody"):
        for module, node, _ in _imports(_tree(path), path):
            top = _top(module)
            if module == "__future__" or top in sys.stdlib_module_names:
                continue
            if top in CUSTODY_THIRD_PARTY or _layer_of_module(module) in ("core", "custody"):
                continue
            offenders.append(f"{_rel(path, node)} imports {module}")
    assert not offenders, _report("custody/ imports beyond the light set", sorted(set(offenders)))


def test_custody_verifiers_load_no_heavy_module() -> None:
    """Importing the verifiers in a fresh interpreter loads no heavy package, nor anything
    outside the light runtime set."""
    proc = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    loaded = json.loads(proc.stdout)
    heavy = [m for m in HEAVY if m in loaded["tops"]]
    assert not heavy, f"custody.release_verify/custody.verify load heavy packages: {heavy}"
    # Private (_cffi_backend, _openssl), site machinery (__editable__ finders) are not packages.
    extra = [m for m in loaded["tops"] if not m.startswith("_") and m not in LIGHT_RUNTIME]
    assert not extra, f"custody verifiers load packages outside the light set: {extra}"
    sestry_extra = sorted(
        m
        for m in loaded["sestry"]
        if m != "sestry" and _layer_of_module(m) not in ("core", "custody")
    )
    assert not sestry_extra, f"custody verifiers load sestry modules: {sestry_extra}"


# --- 3. readers never write the vault or the ledger --------------------------------------------

WRITERS = {"Vault": {"put", "put_bytes"}, "Ledger": {"append", "repair"}}
RAW_LOCATIONS = {"vault_dir", "ledger_path"}  # Settings paths of the vault and the ledger


def _dotted(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


def _kind_of_annotation(node: ast.AST | None, classes: dict[str, str]) -> str | None:
    if node is None:
        return None
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name) and sub.id in classes:
            return classes[sub.id]
        if isinstance(sub, ast.Attribute) and sub.attr in classes:
            return classes[sub.attr]
        if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
            for word in re.findall(r"\w+", sub.value):
                if word in classes:
                    return classes[word]
    return None


def _constructed(node: ast.AST | None, classes: dict[str, str]) -> str | None:
    """The class (Vault or Ledger) that `node` calls, under any alias, else None."""
    if isinstance(node, ast.Call):
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        return classes.get(name or "")
    return None


def _vault_ledger_writes(path: Path) -> list[str]:
    tree = _tree(path)
    classes = {"Vault": "Vault", "Ledger": "Ledger"}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and _layer_of_module(node.module or "") == "custody":
            for alias in node.names:
                if alias.name in WRITERS:
                    classes[alias.asname or alias.name] = alias.name
    bound: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            kind = _constructed(node.value, classes)
            if isinstance(node, ast.AnnAssign):
                kind = kind or _kind_of_annotation(node.annotation, classes)
            for target in targets:
                name = _dotted(target)
                if kind and name:
                    bound[name] = kind
        elif isinstance(node, ast.withitem):
            kind = _constructed(node.context_expr, classes)
            name = _dotted(node.optional_vars) if node.optional_vars else None
            if kind and name:
                bound[name] = kind
        elif isinstance(node, ast.arg):
            kind = _kind_of_annotation(node.annotation, classes)
            if kind:
                bound[node.arg] = kind
    # The raw locations may only be handed to the Vault/Ledger classes (whose readers are fine).
    handed = {
        id(arg)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and _constructed(node, classes)
        for arg in (*node.args, *(kw.value for kw in node.keywords))
    }
    offenders = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute):
            continue
        kind = _constructed(node.value, classes) or bound.get(_dotted(node.value) or "")
        if kind and node.attr in WRITERS[kind]:
            offenders.append(f"{_rel(path, node)} {kind}.{node.attr}")
        elif node.attr in RAW_LOCATIONS and id(node) not in handed:
            offenders.append(f"{_rel(path, node)} uses .{node.attr} outside Vault()/Ledger()")
    return offenders


def test_readers_never_write_vault_or_ledger() -> None:
    """extractors/, redaction/, schemas/, reports/ and release/ may read the vault and ledger
    (path, head) but never write them: no Vault.put/put_bytes, no Ledger.append/repair, called
    or passed on, and settings.vault_dir/ledger_path only ever handed to Vault()/Ledger()."""
    offenders = [
        hit
        for path in _py_files("extractors", "redaction", "schemas", "reports", "release")
        for hit in _vault_ledger_writes(path)
    ]
    assert not offenders, _report("vault/ledger writes outside the flows", offenders)


def test_write_detector_finds_writes(tmp_path: Path) -> None:
    """The detector above sees the usual shapes of a write (so a pass means something)."""
    probe = tmp_path / "probe.py"
    source = (
        "from sestry.custody.ledger import Ledger as L\n"
        "from sestry.custody.vault import Vault\n"
        "def f(settings, led: 'L', v: Vault | None):\n"
        "    vault = Vault(settings.vault_dir)\n"
        "    vault.put(settings.inbox)\n"
        "    L(settings.ledger_path).append('x', {})\n"
        "    led.append('y', {})\n"
        "    cb = v.put_bytes\n"
        "    L(settings.ledger_path).head()\n"
        "    vault.path('d')\n"
        "    open(settings.ledger_path, 'a')\n"
    )
    probe.write_text(source, encoding="utf-8")
    hits = _vault_ledger_writes(probe)
    lines = sorted(int(h.split(":")[1].split()[0]) for h in hits)
    assert lines == [5, 6, 7, 8, 11], hits


# --- 4. every CLI command is documented --------------------------------------------------------


def _commands() -> list[str]:
    return sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def _names_command(text: str, command: str) -> bool:
    return re.search(rf"\bsestry\s+{re.escape(command)}\b", text) is not None


def test_cli_commands_in_readme() -> None:
    """Every command registered on sestry.cli.app is shown as `sestry NAME` in README.md."""
    commands = _commands()
    assert len(commands) >= 9, commands
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [c for c in commands if not _names_command(readme, c)]
    assert not missing, _report("CLI commands missing from README.md", missing)


def test_cli_commands_in_design_contract() -> None:
    """Every command is a line of the command-line contract in docs/DESIGN.md, and every line
    of that contract is a registered command."""
    design = (ROOT / "docs" / "DESIGN.md").read_text(encoding="utf-8")
    match = re.search(r"^## Command line.*?(?=^## )", design, re.MULTILINE | re.DOTALL)
    assert match, "docs/DESIGN.md has no '## Command line' section"
    contract = set(re.findall(r"^sestry\s+([a-z][\w-]*)", match.group(0), re.MULTILINE))
    commands = set(_commands())
    missing = sorted(commands - contract)
    assert not missing, _report("CLI commands missing from the DESIGN.md contract", missing)
    unknown = sorted(contract - commands)
    assert not unknown, _report("DESIGN.md contract names unregistered commands", unknown)


# --- 5. every profile handles every label ------------------------------------------------------


def test_profiles_resolve_every_label() -> None:
    """Each data/profiles/*.toml loads with the project loader; each label resolves to a known
    action, and a label the profile does not name falls back to redact."""
    profiles = sorted((ROOT / "data" / "profiles").glob("*.toml"))
    assert profiles, "no committed profiles in data/profiles"
    offenders = []
    for path in profiles:
        profile = load_profile(path)
        for label in LABELS:
            spec = profile.operator(label)
            where = f"{path.relative_to(ROOT)} {label}"
            if spec.kind not in OPERATORS:
                offenders.append(f"{where}: unknown action {spec}")
            elif label not in profile.labels and spec.kind != "redact":
                offenders.append(f"{where}: not named, resolved to {spec} instead of redact")
    assert set(OPERATORS) == {"keep", "pseudonym", "redact", "generalize"}, OPERATORS
    assert not offenders, _report("profile labels", offenders)


# --- 6. every extractor has a test module and a sample -----------------------------------------


SAMPLE_INDEXES = {"CANARIES.txt", "EXPECTED.json", "README.md"}  # about the samples, not samples


@functools.cache
def _sample_types() -> dict[str, str]:
    """relative sample path → sniffed media type, for every sample (bad/ included)."""
    root = ROOT / "data" / "samples"
    return {
        p.relative_to(root).as_posix(): sniff.sniff(p).media_type
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.name.endswith(".meta.json") and p.name not in SAMPLE_INDEXES
    }


def test_extractors_have_test_module_and_sample() -> None:
    """Each built-in extractor: its mirrored module tests/extractors/test_<module>.py exists, a
    test module under tests/extractors/ names its class or `name`, and a sample in data/samples/
    sniffs to a media type it bids on."""
    modules = _test_modules(TESTS / "extractors")
    samples = _sample_types()
    offenders = []
    for cls in BUILTIN_EXTRACTORS:
        label = f"{cls.__name__} ({cls.__module__}, name={cls.name!r})"
        mirrored = TESTS / "extractors" / f"test_{cls.__module__.rsplit('.', 1)[-1]}.py"
        if not mirrored.is_file():
            offenders.append(f"{label}: no {mirrored.relative_to(ROOT)}")
        if not any(_mentioned(m, cls, cls.name) for m in modules):
            offenders.append(f"{label}: no test module under tests/extractors/ names it")
        bids = [
            rel
            for rel, media_type in samples.items()
            if cls.match(ItemInfo(digest="0" * 64, source_name=rel, size=1, media_type=media_type))
            > 0
        ]
        if not bids:
            offenders.append(f"{label}: no sample in data/samples/ of {sorted(cls.media_types)}")
    assert not offenders, _report("extractors without tests or samples", offenders)


# --- 7. every recognizer has a test -------------------------------------------------------------


def test_recognizers_have_tests() -> None:
    """Each recognizer in extractors.entities.registry.BUILTIN_RECOGNIZERS is named (class or
    `name`) by its mirrored test module tests/extractors/entities/test_<module>.py."""
    offenders = []
    for cls in BUILTIN_RECOGNIZERS:
        label = f"{cls.__name__} (name={cls.name!r})"
        mirrored = (
            TESTS / "extractors" / "entities" / f"test_{cls.__module__.rsplit('.', 1)[-1]}.py"
        )
        if not mirrored.is_file():
            offenders.append(f"{label}: no {mirrored.relative_to(ROOT)}")
        elif not _mentioned(mirrored, cls, cls.name):
            offenders.append(f"{label}: {mirrored.relative_to(ROOT)} does not name it")
    assert not offenders, _report("recognizers without tests", offenders)


# --- 8. no hollow tests, no stubs ---------------------------------------------------------------


def _is_pytest_attr(node: ast.AST, *chain: str) -> bool:
    return _dotted(node) == ".".join(("pytest", *chain))


def _has_reason(call: ast.Call, positional: int) -> bool:
    """True when the call passes a non-empty reason (keyword, or the positional slot)."""
    for kw in call.keywords:
        if kw.arg in ("reason", "msg") or kw.arg is None:
            return not (isinstance(kw.value, ast.Constant) and not kw.value.value)
    if len(call.args) > positional:
        arg = call.args[positional]
        return not (isinstance(arg, ast.Constant) and not arg.value)
    return False


def _hollow(path: Path) -> Iterator[str]:
    tree = _tree(path)
    calls = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assert) and isinstance(node.test, ast.Constant) and node.test.value:
            yield f"{_rel(path, node)} assert {node.test.value!r}"
        elif isinstance(node, ast.Call):
            if _is_pytest_attr(node.func, "skip") and not _has_reason(node, 0):
                yield f"{_rel(path, node)} skip call without a reason"
            elif _is_pytest_attr(node.func, "mark", "skip") and not _has_reason(node, 0):
                yield f"{_rel(path, node)} pytest.mark.skip without a reason"
            elif _is_pytest_attr(node.func, "mark", "skipif") and not _has_reason(node, 99):
                yield f"{_rel(path, node)} pytest.mark.skipif without a reason"
        elif (
            isinstance(node, ast.Attribute)
            and id(node) not in calls
            and _is_pytest_attr(node, "mark", "skip")
        ):
            yield f"{_rel(path, node)} bare @pytest.mark.skip"


def test_no_hollow_tests() -> None:
    """No assertion of a constant, no skip without a reason, anywhere under tests/."""
    offenders = [hit for path in _py_files("tests") for hit in _hollow(path)]
    assert not offenders, _report("hollow tests", offenders)


def _raises_not_implemented(node: ast.AST) -> bool:
    if not isinstance(node, ast.Raise) or node.exc is None:
        return False
    exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
    return _dotted(exc) in ("NotImplementedError", "builtins.NotImplementedError")


def test_no_not_implemented_stubs() -> None:
    """No raise of the not-implemented error left in the packages (abstract methods use abc;
    catching the one zipfile raises for exotic archives is fine)."""
    offenders = [
        _rel(path, node)
        for path in _py_files(*PACKAGES)
        for node in ast.walk(_tree(path))
        if _raises_not_implemented(node)
    ]
    assert not offenders, _report("not-implemented stubs in packages", offenders)


# --- 9. library packages do not print ----------------------------------------------------------


def test_library_packages_do_not_print() -> None:
    """No print() and no rich in the library packages: console output belongs in sestry/commands
    (library code logs digests and counts through logging)."""
    offenders = []
    for path in _py_files(*LIBRARY):
        tree = _tree(path)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _dotted(node.func) == "print":
                offenders.append(f"{_rel(path, node)} print()")
        for module, node, _ in _imports(tree, path):
            if _top(module) == "rich":
                offenders.append(f"{_rel(path, node)} imports {module}")
    assert not offenders, _report("console output in library packages", sorted(set(offenders)))


# --- the detectors themselves -------------------------------------------------------------------


def test_detectors_see_offences(tmp_path: Path) -> None:
    """Imports in functions, dynamic imports, hollow asserts and reasonless skips are all seen."""
    pkg = tmp_path / "custody"
    pkg.mkdir()
    mod = pkg / "probe.py"
    mod.write_text(
        "import os\n"
        "from . import digest\n"
        "def f():\n"
        "    import prefect.logging\n"
        "    importlib.import_module('sestry.flows.ingest')\n",
        encoding="utf-8",
    )
    found = [(m, n.lineno, inside) for m, n, inside in _imports(_tree(mod), mod, tmp_path)]
    assert ("sestry.custody.digest", 2, False) in found
    assert ("prefect.logging", 4, True) in found
    assert ("sestry.flows.ingest", 5, True) in found
    test = tmp_path / "test_probe.py"
    test.write_text(
        "import pytest\n"
        "assert  True\n"  # odd spacing: the probe itself must not look like a stub to grep
        "pytest.skip( )\n"
        "pytest.skip('')\n"
        "pytest.skip('tesseract missing')\n"
        "@pytest.mark.skip\n"
        "def test_a(x): assert x == 1\n"
        "@pytest.mark.skipif(True)\n"
        "def test_b(x): assert x == 1\n"
        "@pytest.mark.skipif(True, reason='no b3sum')\n"
        "def test_c(x): assert x == 1\n",
        encoding="utf-8",
    )
    lines = sorted(int(hit.split(":")[1].split()[0]) for hit in _hollow(test))
    assert lines == [2, 3, 4, 6, 8]
    stub = ast.parse(
        "try:\n    pass\nexcept NotImplementedError:\n    pass\n"
        "def f():\n    raise  NotImplementedError\n"
        "def g():\n    raise  NotImplementedError('later')\n"
    )
    assert [n.lineno for n in ast.walk(stub) if _raises_not_implemented(n)] == [6, 8]
