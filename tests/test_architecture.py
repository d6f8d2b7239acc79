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
# The command line's restore readies a restored enrolled folder as the application does.
SYNC_CLIENT_USERS = {
    *ENTRY_POINTS,
    "desktop/backup_cli.py",
    "desktop/selftest.py",
    "desktop/demo/session.py",
    # The Province's dashboard is fetched from the server (its only source of figures).
    "desktop/services/monitoring/province.py",
}


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


# --- import cycles and the documents' and the server's reach ---------------------------------
#
# The nodes of the package graph are the folders that hold no sub-package (``desktop/documents``,
# ``desktop/services/referrals``, ``desktop/ui/settings``...). A folder that has sub-packages
# (``desktop``, ``desktop/ui``, ``desktop/services``, ``desktop/store``) gathers the shell and
# the shared helpers of its sub-packages, so each of its own modules is a node by itself
# (``desktop.cli``, ``desktop.ui.app``, ``desktop.services.persons``).

CYCLE_ROOTS = ("desktop", "sync")


@dataclass(frozen=True)
class _Modules:
    files: dict[str, str]  # module name -> file, relative with forward slashes
    nodes: dict[str, str]  # module name -> its node in the package graph

    def resolve(self, imported: str) -> str | None:
        """The module of ours an import runs (``a.b.name`` may name something inside ``a.b``)."""
        parts = imported.split(".")
        while parts:
            name = ".".join(parts)
            if name in self.files:
                return name
            parts.pop()
        return None

    def module_of(self, file: str) -> str:
        return ".".join(_module_name(Path(file)))


def _modules() -> _Modules:
    files = {}
    for path in _python_files():
        relative = path.relative_to(ROOT)
        if relative.parts[0] in CYCLE_ROOTS:
            files[".".join(_module_name(relative))] = relative.as_posix()
    packages = {name for name, file in files.items() if file.endswith("/__init__.py")}
    with_sub_packages = {name.rpartition(".")[0] for name in packages if "." in name}
    nodes = {}
    for name, file in files.items():
        folder = file.rpartition("/")[0].replace("/", ".")
        own = folder in with_sub_packages and not file.endswith("/__init__.py")
        nodes[name] = name if own else folder
    return _Modules(files, nodes)


# An edge of a graph and the import lines that make it.
_Graph = dict[str, dict[str, list[Import]]]


def _graph(imports: list[Import], *, packages: bool, top_level_only: bool) -> _Graph:
    modules = _modules()
    graph: _Graph = {}
    for found in imports:
        if not found.file.startswith(tuple(f"{root}/" for root in CYCLE_ROOTS)):
            continue
        if top_level_only and not found.top_level:
            continue
        target = modules.resolve(found.module)
        if target is None or target in CYCLE_ROOTS:
            continue
        source = modules.module_of(found.file)
        if packages:
            source, target = modules.nodes[source], modules.nodes[target]
        if source != target:
            graph.setdefault(source, {}).setdefault(target, []).append(found)
    return graph


def _strongly_connected(graph: _Graph) -> list[list[str]]:
    """The groups of nodes that reach each other (Tarjan's algorithm, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.get(start, {}))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, targets = work[-1]
            following = next(targets, None)
            if following is not None:
                if following not in index:
                    index[following] = low[following] = len(index)
                    stack.append(following)
                    on_stack.add(following)
                    work.append((following, iter(sorted(graph.get(following, {})))))
                elif following in on_stack:
                    low[node] = min(low[node], index[following])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))
    return groups


def _cycle_through(graph: _Graph, group: list[str]) -> tuple[str, ...]:
    """A shortest way round from the group's first node back to it, inside the group."""
    start, members = group[0], set(group)
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for target in sorted(graph.get(node, {})):
                if target == start:
                    path = [start, node]
                    while path[-1] != start:
                        path.append(came_from[path[-1]])
                    return tuple(reversed(path))
                if target in members and target not in came_from:
                    came_from[target] = node
                    following.append(target)
        frontier = following
    raise AssertionError(f"no cycle in {group}")


def _cycles(graph: _Graph) -> list[tuple[str, ...]]:
    return [_cycle_through(graph, group) for group in _strongly_connected(graph)]


def _readable(graph: _Graph, cycle: tuple[str, ...]) -> str:
    """``a → b (a's file:line) → a (b's file:line)``: each step with an import that makes it."""
    steps = [cycle[0]]
    for position in range(1, len(cycle)):
        source, target = cycle[position - 1], cycle[position]
        found = graph[source][target][0]
        steps.append(f"→ {target} ({found.file}:{found.line})")
    return " ".join(steps)


def _unexpected(graph: _Graph) -> list[str]:
    return [_readable(graph, cycle) for cycle in _cycles(graph)]


def test_no_import_cycles_between_packages(imports: list[Import]) -> None:
    """No package of ``desktop`` or ``sync`` depends on itself through others.

    Function-level imports count too: a lazy import defers the loading, not the dependency.
    """
    graph = _graph(imports, packages=True, top_level_only=False)
    assert _unexpected(graph) == []


def test_no_import_cycles_between_files(imports: list[Import]) -> None:
    """No module of ``desktop`` or ``sync`` imports itself back through others at module level.

    Only module-level imports count (``if TYPE_CHECKING:`` ones included): an import inside a
    function is how start-up defers work (Qt, ReportLab, a window opened on demand), and it runs
    after both modules are loaded. Cycles of packages catch those (test above).
    """
    graph = _graph(imports, packages=False, top_level_only=True)
    assert _unexpected(graph) == []


def test_the_cycle_finder_finds_each_cycle_as_a_path() -> None:
    def edge(source: str, target: str) -> tuple[str, list[Import]]:
        return target, [Import(f"{source}.py", 1, target, top_level=True)]

    graph: _Graph = {
        "a": dict([edge("a", "b")]),
        "b": dict([edge("b", "c"), edge("b", "d")]),
        "c": dict([edge("c", "a")]),
        "d": dict([edge("d", "e")]),
        "e": dict([edge("e", "d")]),
        "f": dict([edge("f", "a")]),
    }
    assert _cycles(graph) == [("d", "e", "d"), ("a", "b", "c", "a")]
    assert _readable(graph, ("d", "e", "d")) == "d → e (d.py:1) → d (e.py:1)"


def test_the_documents_import_neither_the_services_nor_the_store(imports: list[Import]) -> None:
    """The builders take plain data (``desktop.documents.inputs``) and give PDF bytes: reading
    the records is ``desktop.services.documents``'s work, so the two packages form no circle."""
    offending = [
        str(found)
        for found in imports
        if found.file.startswith("desktop/documents/")
        and _is(found.module, "desktop.services", "desktop.store")
    ]
    assert offending == []


def test_all_the_server_reaches_is_the_protocol_and_itself(imports: list[Import]) -> None:
    """What the server imports, and what those modules import in turn, all the way down."""
    graph = _graph(imports, packages=False, top_level_only=False)
    reached = {name for name in _modules().files if _is(name, "sync.server")}
    frontier = list(reached)
    while frontier:
        targets = set(graph.get(frontier.pop(), {})) - reached
        reached |= targets
        frontier.extend(targets)
    assert sorted(name for name in reached if not _is(name, "sync.server", "sync.protocol")) == []


# -- the one SQLite layer (desktop/store) ---------------------------------------------------------

STORE_PREFIX = "desktop/store/"
# Where the rule on the database driver holds: the desktop and the sync client (the server has
# its own database layer, sync/server/db.py).
DRIVER_RULED_PREFIXES = ("desktop/", "sync/client/")
# Calls that open a database: the driver's and SQLAlchemy's.
CONNECTING_CALLS = {
    ("sqlite3", "connect"),
    ("sqlcipher3", "connect"),
    ("sqlalchemy", "create_engine"),
}
# The drivers: SQLCipher's (the store's own), and the standard library's plain one.
DRIVERS = ("sqlite3", "sqlcipher3")


def test_only_the_store_imports_the_sqlite_driver(imports: list[Import]) -> None:
    offending = [
        str(found)
        for found in imports
        if found.file.startswith(DRIVER_RULED_PREFIXES)
        and not found.file.startswith(STORE_PREFIX)
        and any(_is(found.module, driver) for driver in DRIVERS)
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
            # `from sqlcipher3 import dbapi2` imports a module whose `connect` opens a file.
            self.modules[alias.asname or alias.name] = f"{node.module or ''}.{alias.name}"

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
        "from sqlcipher3 import dbapi2\n"
        "def work():\n"
        "    sqlite3.connect('a')\n"
        "    driver.connect('b')\n"
        "    open_file('c')\n"
        "    create_engine('sqlite://')\n"
        "    signal.connect(slot)\n"
        "    dbapi2.connect('d')\n"
    )
    found = _connecting_calls(Path("desktop/services/example.py"), source)
    assert [line.split(" calls ")[0] for line in found] == [
        "desktop/services/example.py:7",
        "desktop/services/example.py:8",
        "desktop/services/example.py:9",
        "desktop/services/example.py:10",
        "desktop/services/example.py:12",
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


# -- the UI kit ---------------------------------------------------------------------------------

UI_AREAS = tuple(
    sorted(
        path.name
        for path in (ROOT / "desktop" / "ui").iterdir()
        if (path / "__init__.py").exists() and path.name != "common"
    )
)


def test_the_ui_kit_depends_on_no_area(imports: list[Import]) -> None:
    """``desktop/ui/common`` serves every area, so it may use the UI's shell (operations,
    labels) but no area: a widget an area needs from another is the kit's, or the other area's
    own offer (as the directory's pickers are)."""
    assert UI_AREAS, "the areas of desktop/ui are found"
    offending = [
        str(found)
        for found in imports
        if found.file.startswith("desktop/ui/common/")
        and _is(found.module, *(f"desktop.ui.{area}" for area in UI_AREAS))
    ]
    assert offending == []


def test_mypy_checks_the_ui_strictly_too() -> None:
    """The Qt code is typed like the rest (PySide6 ships stubs): nothing of ours is excluded
    but the frozen migrations."""
    import tomllib  # noqa: PLC0415

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert config["strict"] is True
    assert set(config["packages"]) == {"desktop", "sync"}
    assert config["exclude"] == ["^desktop/store/migrations/versions/"]
    overrides = config.get("overrides", [])
    assert not [o for o in overrides if any(m.startswith("desktop") for m in o["module"])]
