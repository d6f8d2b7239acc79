"""The dependency rules of DESIGN.md §1, read from the source with ``ast`` (not grep).

``desktop/ui`` → desktop core → nothing of ours but ``sync.protocol``; only ``desktop/ui``
imports Qt; ``sync`` (client and server) never imports the UI. The entry points are the one place
that starts the UI: they may import it, but only inside a function, so that the command line
starts without Qt. The server stands on its own (it installs without the desktop): it imports
``sync.protocol`` and itself only, and ``sync.protocol`` imports nothing of ours but itself.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop.store.engine import Store

ROOT = Path(__file__).resolve().parent.parent
SKIPPED_DIRS = {".venv", "venv", "build", "dist", "node_modules", "__pycache__"}
QT_MODULES = ("PySide6", "shiboken6")
UI_PACKAGE = "desktop.ui"
# Composition roots: they launch the GUI, so they alone in the core may import desktop.ui.
ENTRY_POINTS = {"desktop/cli.py", "desktop/__main__.py"}
# Where Qt is allowed besides desktop/ui: GUI tests drive widgets, packaging scripts name Qt.
QT_ALLOWED_PREFIXES = ("desktop/ui/", "tests/", "installer/")
# Our own top-level packages: an import of anything else is a library's.
OUR_PACKAGES = ("desktop", "sync", "tests", "installer")
# Core modules that wire the sync client in, as the entry points wire the UI in: the self-test
# checks the keyring through the client's credentials, the demo session enrolls its folder.
SYNC_CLIENT_USERS = {*ENTRY_POINTS, "desktop/selftest.py", "desktop/demo/session.py"}


@dataclass(frozen=True)
class Import:
    file: str  # relative to the repository, with forward slashes
    line: int
    module: str
    top_level: bool  # at module level, so run as soon as the file is imported

    def __str__(self) -> str:
        return f"{self.file}:{self.line} imports {self.module}"


def _python_files() -> list[Path]:
    files = []
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).parts
        if any(part in SKIPPED_DIRS or part.startswith(".") for part in parts[:-1]):
            continue
        files.append(path)
    return sorted(files)


def _module_name(relative: Path) -> list[str]:
    parts = list(relative.with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def _absolute(relative: Path, module: str | None, level: int) -> str:
    if level == 0:
        return module or ""
    package = _module_name(relative)
    if relative.name != "__init__.py":
        package = package[:-1]
    base = package[: len(package) - (level - 1)]
    return ".".join([*base, module] if module else base)


class _ImportCollector(ast.NodeVisitor):
    def __init__(self, relative: Path) -> None:
        self.relative = relative
        self.file = relative.as_posix()
        self.depth = 0  # functions and classes entered
        self.found: list[Import] = []

    def _add(self, node: ast.AST, module: str) -> None:
        line = getattr(node, "lineno", 0)
        self.found.append(Import(self.file, line, module, top_level=self.depth == 0))

    def _nested(self, node: ast.AST) -> None:
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _nested

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(node, alias.name)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        base = _absolute(self.relative, node.module, node.level)
        self._add(node, base)
        for alias in node.names:  # `from desktop import ui` imports desktop.ui
            self._add(node, f"{base}.{alias.name}")

    def visit_Call(self, node: ast.Call) -> None:
        # importlib.import_module("PySide6.QtCore") and __import__("...") count as imports too.
        name = node.func.attr if isinstance(node.func, ast.Attribute) else None
        if isinstance(node.func, ast.Name):
            name = node.func.id
        if (
            name in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            self._add(node, node.args[0].value)
        self.generic_visit(node)


def _all_imports() -> Iterator[Import]:
    for path in _python_files():
        relative = path.relative_to(ROOT)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(relative))
        collector = _ImportCollector(relative)
        collector.visit(tree)
        yield from collector.found


@pytest.fixture(scope="module")
def imports() -> list[Import]:
    return list(_all_imports())


def _is(module: str, *packages: str) -> bool:
    return any(module == package or module.startswith(f"{package}.") for package in packages)


def test_the_scan_sees_the_source_tree(imports: list[Import]) -> None:
    files = {found.file for found in imports}
    assert "desktop/store/engine.py" in files
    assert "tests/test_architecture.py" in files
    assert not any(".venv" in name for name in files)


def test_only_the_ui_imports_qt(imports: list[Import]) -> None:
    offending = [
        str(found)
        for found in imports
        if _is(found.module, *QT_MODULES) and not found.file.startswith(QT_ALLOWED_PREFIXES)
    ]
    assert offending == []


def test_the_desktop_core_never_imports_the_ui(imports: list[Import]) -> None:
    offending = [
        str(found)
        for found in imports
        if found.file.startswith("desktop/")
        and not found.file.startswith("desktop/ui/")
        and found.file not in ENTRY_POINTS
        and _is(found.module, UI_PACKAGE)
    ]
    assert offending == []


def test_entry_points_import_the_ui_only_when_the_gui_starts(imports: list[Import]) -> None:
    offending = [
        str(found)
        for found in imports
        if found.file in ENTRY_POINTS
        and found.top_level
        and _is(found.module, UI_PACKAGE, *QT_MODULES)
    ]
    assert offending == []


@pytest.mark.parametrize("package", ["sync/", "sync/server/"])
def test_sync_and_the_server_never_import_the_ui(imports: list[Import], package: str) -> None:
    offending = [
        str(found)
        for found in imports
        if found.file.startswith(package) and _is(found.module, UI_PACKAGE, *QT_MODULES)
    ]
    assert offending == []


def _ours(module: str) -> bool:
    # ``from sync import protocol`` also names the bare ``sync`` package, which is empty.
    return _is(module, *OUR_PACKAGES) and module != "sync"


def test_the_protocol_imports_nothing_of_ours_but_itself(imports: list[Import]) -> None:
    offending = [
        str(found)
        for found in imports
        if found.file.startswith("sync/protocol/")
        and _ours(found.module)
        and not _is(found.module, "sync.protocol")
    ]
    assert offending == []


def test_the_server_imports_only_the_protocol_and_itself(imports: list[Import]) -> None:
    # Inside functions too: the server is installed without the desktop, and a lazy import of
    # it would fail only when that command runs.
    offending = [
        str(found)
        for found in imports
        if found.file.startswith("sync/server/")
        and _ours(found.module)
        and not _is(found.module, "sync.protocol", "sync.server")
    ]
    assert offending == []


def test_the_desktop_core_imports_of_sync_only_the_protocol(imports: list[Import]) -> None:
    offending = [
        str(found)
        for found in imports
        if found.file.startswith("desktop/")
        and not found.file.startswith("desktop/ui/")
        and found.file not in SYNC_CLIENT_USERS
        and _is(found.module, "sync")
        and found.module != "sync"
        and not _is(found.module, "sync.protocol")
    ]
    assert offending == []


def test_the_rules_would_see_a_server_importing_the_desktop() -> None:
    source = "def demo():\n    from desktop.demo.reference import install_demo_reference\n"
    collector = _ImportCollector(Path("sync/server/demo.py"))
    collector.visit(ast.parse(source))
    assert any(_ours(found.module) and not _is(found.module, "sync") for found in collector.found)


def test_the_import_resolver_understands_relative_imports() -> None:
    assert _absolute(Path("desktop/store/migrate.py"), "engine", 1) == "desktop.store.engine"
    assert _absolute(Path("desktop/store/models/__init__.py"), None, 2) == "desktop.store"
    assert _absolute(Path("desktop/services/x.py"), "ui.app", 2) == "desktop.ui.app"


def test_the_collector_finds_every_form_of_import() -> None:
    source = (
        "import PySide6.QtCore\n"
        "from desktop import ui\n"
        "def start():\n"
        "    from ..ui.app import run\n"
        "    importlib.import_module('shiboken6')\n"
    )
    collector = _ImportCollector(Path("desktop/services/example.py"))
    collector.visit(ast.parse(source))
    found = {(found.module, found.top_level) for found in collector.found}
    assert ("PySide6.QtCore", True) in found
    assert ("desktop.ui", True) in found
    assert ("desktop.ui.app.run", False) in found
    assert ("shiboken6", False) in found


def test_opening_a_current_store_imports_neither_alembic_nor_qt(store: Store) -> None:
    data_dir = store.path.parent
    store.dispose()
    # A fresh interpreter: this one has imported alembic and Qt for other tests already.
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from desktop.store.migrate import open_store\n"
        "open_store(Path(sys.argv[1]), create=False).dispose()\n"
        "leaked = sorted({m.split('.')[0] for m in sys.modules} & {'alembic', 'PySide6'})\n"
        "assert not leaked, leaked\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(data_dir)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr


# -- the one SQLite layer (desktop/store) ---------------------------------------------------------

STORE_PREFIX = "desktop/store/"
# Where the rule on the database driver holds: the desktop and the sync client (the server has
# its own database layer, sync/server/db.py).
DRIVER_RULED_PREFIXES = ("desktop/", "sync/client/")
# Calls that open a database: the driver's and SQLAlchemy's.
CONNECTING_CALLS = {("sqlite3", "connect"), ("sqlalchemy", "create_engine")}


def test_only_the_store_imports_the_sqlite_driver(imports: list[Import]) -> None:
    offending = [
        str(found)
        for found in imports
        if found.file.startswith(DRIVER_RULED_PREFIXES)
        and not found.file.startswith(STORE_PREFIX)
        and _is(found.module, "sqlite3")
    ]
    assert offending == []


def test_the_sync_client_imports_nothing_from_the_services(imports: list[Import]) -> None:
    offending = [
        str(found)
        for found in imports
        if found.file.startswith("sync/client/") and _is(found.module, "desktop.services")
    ]
    assert offending == []


class _ConnectingCallCollector(ast.NodeVisitor):
    """Calls of ``sqlite3.connect`` and ``create_engine``, however the name was imported."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.aliases: dict[str, tuple[str, str]] = {}  # local name -> (module, function)
        self.modules: dict[str, str] = {}  # local name -> module
        self.found: list[str] = []

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self.modules[alias.asname or alias.name] = alias.name

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        for alias in node.names:
            self.aliases[alias.asname or alias.name] = (node.module or "", alias.name)

    def visit_Call(self, node: ast.Call) -> None:
        called: tuple[str, str] | None = None
        if isinstance(node.func, ast.Name):
            called = self.aliases.get(node.func.id)
        elif isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name):
            module = self.modules.get(node.func.value.id)
            if module is not None:
                called = (module, node.func.attr)
        if called is not None and any(
            _is(called[0], module) and called[1] == function
            for module, function in CONNECTING_CALLS
        ):
            self.found.append(f"{self.file}:{node.lineno} calls {called[0]}.{called[1]}")
        self.generic_visit(node)


def _connecting_calls(relative: Path, source: str) -> list[str]:
    collector = _ConnectingCallCollector(relative.as_posix())
    collector.visit(ast.parse(source, filename=str(relative)))
    return collector.found


def test_only_the_store_opens_database_connections() -> None:
    offending = []
    for path in _python_files():
        relative = path.relative_to(ROOT)
        file = relative.as_posix()
        if file.startswith(DRIVER_RULED_PREFIXES) and not file.startswith(STORE_PREFIX):
            offending += _connecting_calls(relative, path.read_text(encoding="utf-8"))
    assert offending == []


def test_the_connection_rule_would_see_every_form_of_opening() -> None:
    source = (
        "import sqlite3\n"
        "import sqlite3 as driver\n"
        "from sqlalchemy import create_engine\n"
        "from sqlite3 import connect as open_file\n"
        "def work():\n"
        "    sqlite3.connect('a')\n"
        "    driver.connect('b')\n"
        "    open_file('c')\n"
        "    create_engine('sqlite://')\n"
        "    signal.connect(slot)\n"
    )
    found = _connecting_calls(Path("desktop/services/example.py"), source)
    assert [line.split(" calls ")[0] for line in found] == [
        "desktop/services/example.py:6",
        "desktop/services/example.py:7",
        "desktop/services/example.py:8",
        "desktop/services/example.py:9",
    ]


def _pragma_statements(relative: Path, source: str) -> list[str]:
    """Lines of string constants (f-strings too) that begin a ``PRAGMA`` statement."""
    found = []
    for node in ast.walk(ast.parse(source, filename=str(relative))):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and node.value.lstrip().upper().startswith("PRAGMA ")
        ):
            found.append(f"{relative.as_posix()}:{node.lineno} sets {node.value.strip()!r}")
    return found


def test_only_the_store_sets_pragmas() -> None:
    offending = []
    for path in _python_files():
        relative = path.relative_to(ROOT)
        file = relative.as_posix()
        if file.startswith(DRIVER_RULED_PREFIXES) and not file.startswith(STORE_PREFIX):
            offending += _pragma_statements(relative, path.read_text(encoding="utf-8"))
    assert offending == []


def test_the_pragma_rule_would_see_plain_and_formatted_statements() -> None:
    source = (
        "def work(connection, kib):\n"
        "    connection.execute('PRAGMA foreign_keys=OFF')\n"
        "    connection.execute(f'PRAGMA cache_size=-{kib}')\n"
        "    log('pragmatic')\n"
    )
    found = _pragma_statements(Path("sync/client/example.py"), source)
    assert [line.split(" sets ")[0] for line in found] == [
        "sync/client/example.py:2",
        "sync/client/example.py:3",
    ]
