"""The package's own modules import each other without cycles, and only downwards.

A cycle hides the structure (which layer sits below which) and tends to be papered over
with imports inside functions, so the graph here counts *every* import statement: top of
the file, inside functions and under ``if TYPE_CHECKING``. The graph is read with ``ast``
from the source files, so the test needs no import of the package.

The floors (:data:`FLOORS`, shown in ``docs/architecture.md``) follow the flow of the
design: a module imports from its own floor or the floors below it, never from above.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_DIR = ROOT / "mella_eval"
ARCHITECTURE_DOC = ROOT / "docs" / "architecture.md"

#: Bottom to top. A module is on the floor of its longest listed prefix (the package root
#: ``mella_eval`` only as itself); it may import its own floor and the floors below.
FLOORS: list[tuple[str, tuple[str, ...]]] = [
    ("foundations", ("errors", "limits", "redact", "spreadsheet", "testing")),
    ("languages", ("mella_eval", "languages")),
    ("text", ("text",)),
    ("metrics", ("metrics",)),
    ("tasks", ("tasks",)),
    ("data", ("data",)),
    ("engines", ("engines",)),
    ("store", ("store",)),
    ("generation", ("generation", "keywords")),
    ("scoring", ("scoring", "results")),
    ("runner", ("runner", "store_check")),
    ("reports", ("leaderboard", "figures", "inspect")),
    ("cli", ("cli", "__main__")),
]

#: Upward imports still to be fixed, each named: the generation loop's (issue 20, the
#: Ray executor moves out of ``engines`` into ``generation/``). Every entry must still
#: exist, so the list shrinks as they are fixed.
KNOWN_UPWARD: set[tuple[str, str]] = set()


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _targets(node: ast.AST, current: str, is_package: bool) -> list[str]:
    """Module names an import statement may load (a name or a submodule of a package)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if not isinstance(node, ast.ImportFrom):
        return []
    base = node.module or ""
    if node.level:  # relative import: resolve against the current package
        package = current if is_package else current.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{base}".rstrip(".")
    return [base, *(f"{base}.{alias.name}" for alias in node.names)]


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module -> the package modules it imports anywhere in its source."""
    files = {module_name(p, root): p for p in root.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        is_package = path.name == "__init__.py"
        deps = {t for node in ast.walk(tree) for t in _targets(node, name, is_package)}
        graph[name] = {d for d in deps if d in files and d != name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path ``[a, b, ..., a]``, or None (iterative depth-first)."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for start in sorted(graph):
        if state.get(start):
            continue
        path, stack = [start], [iter(sorted(graph[start]))]
        state[start] = 1
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            elif not state.get(nxt):
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(sorted(graph[nxt])))
    return None


def test_package_has_no_import_cycle() -> None:
    graph = import_graph(PACKAGE_DIR)
    assert len(graph) > 50  # the walk really found the package
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def floor_of(module: str, floors: list[tuple[str, tuple[str, ...]]] = FLOORS) -> int:
    """Index of the floor ``module`` is on; KeyError when no floor lists it."""
    best, index = "", -1
    for number, (_, names) in enumerate(floors):
        for name in names:
            full = name if name == "mella_eval" or "." in name else f"mella_eval.{name}"
            inside = module == full or (full != "mella_eval" and module.startswith(full + "."))
            if inside and len(full) > len(best):
                best, index = full, number
    if index < 0:
        raise KeyError(f"{module} is on no floor: add it to FLOORS (and docs/architecture.md)")
    return index


def upward_imports(
    graph: dict[str, set[str]], floors: list[tuple[str, tuple[str, ...]]] = FLOORS
) -> set[tuple[str, str]]:
    """(importer, imported) pairs where the imported module sits on a higher floor."""
    return {
        (module, dep)
        for module, deps in graph.items()
        for dep in deps
        if floor_of(dep, floors) > floor_of(module, floors)
    }


def test_every_module_is_on_a_floor() -> None:
    for module in import_graph(PACKAGE_DIR):
        floor_of(module)


def test_no_import_runs_up_a_floor() -> None:
    graph = import_graph(PACKAGE_DIR)
    upward = upward_imports(graph)
    named = [f"{a} ({FLOORS[floor_of(a)][0]}) -> {b} ({FLOORS[floor_of(b)][0]})" for a, b in
             sorted(upward - KNOWN_UPWARD)]  # fmt: skip
    assert not named, "imports that run up a floor:\n" + "\n".join(named)
    assert upward >= KNOWN_UPWARD, f"fixed, remove from KNOWN_UPWARD: {KNOWN_UPWARD - upward}"


def test_architecture_page_shows_the_floors() -> None:
    """``docs/architecture.md`` lists the same floors, top first, with the same modules."""
    rows = re.findall(r"^\| *\d+ *\| *(\w+) *\|([^|]*)\|", ARCHITECTURE_DOC.read_text(), re.M)
    shown = [(name, tuple(re.findall(r"`([\w.]+)`", cells))) for name, cells in rows]
    assert shown == list(reversed(FLOORS))


def test_detector_finds_an_upward_import(tmp_path: Path) -> None:
    pkg = tmp_path / "mella_eval"
    (pkg / "low").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "low" / "__init__.py").write_text("")
    (pkg / "low" / "a.py").write_text("def f():\n    from mella_eval.high import b\n")
    (pkg / "high.py").write_text("from mella_eval.low import a\n")
    floors = [("bottom", ("mella_eval", "low")), ("top", ("high",))]
    graph = import_graph(pkg)
    assert upward_imports(graph, floors) == {("mella_eval.low.a", "mella_eval.high")}
    assert floor_of("mella_eval.low.a", floors) == 0 and floor_of("mella_eval", floors) == 0
    with pytest.raises(KeyError, match=r"mella_eval\.lowish is on no floor"):
        floor_of("mella_eval.lowish", floors)


def test_detector_finds_cycles_hidden_in_functions_and_type_checking(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from pkg.sub import b\n")
    (pkg / "sub" / "b.py").write_text("def f():\n    from ..c import g\n")
    (pkg / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import pkg.a\ng = 1\n"
    )
    graph = import_graph(pkg)
    assert graph["pkg.sub.b"] == {"pkg.c"}
    assert find_cycle(graph) == ["pkg.a", "pkg.sub.b", "pkg.c", "pkg.a"]
    (pkg / "c.py").write_text("g = 1\n")
    assert find_cycle(import_graph(pkg)) is None
