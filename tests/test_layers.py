"""The layers hold: no module imports a layer above its own, a writer imports no other format, the registry
or the audits, and no module imports a module that imports it back (round any loop). Read from every
module's imports (those inside functions too), not assumed."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "leaflet"
# Bottom up; a module may import its own layer and those below it.
LAYERS = (
    ("core",),
    ("media",),
    ("reader",),
    ("options",),
    ("writers",),
    ("checks",),
    ("pipeline",),
    ("importers", "service"),
    ("cli", "__main__"),
)


def layer(module: str) -> int:
    parts = module.split(".")
    top = parts[1] if len(parts) > 1 else ""
    for number, names in enumerate(LAYERS):
        if top in names:
            return number
    return -1  # the package's own face (leaflet/__init__.py: the version)


def imports(path: Path) -> list[str]:
    """Every leaflet module ``path`` imports, wherever in the file the import stands."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name.startswith("leaflet")]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("leaflet"):
            found += [f"{node.module}.{alias.name}" for alias in node.names]
    return found


def module_of(path: Path) -> str:
    relative = path.relative_to(ROOT).with_suffix("")
    return ".".join(relative.parts[:-1] if relative.name == "__init__" else relative.parts)


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(PACKAGE)) for p in MODULES])
def test_no_module_imports_a_layer_above_its_own(path: Path) -> None:
    own = layer(module_of(path))
    above = [name for name in imports(path) if layer(name) > own]
    assert not above, f"{module_of(path)} (layer {LAYERS[own]}) imports {above}"


FORMAT_FOLDERS = sorted(p.parent for p in (PACKAGE / "writers").glob("*/__init__.py"))


@pytest.mark.parametrize("folder", FORMAT_FOLDERS, ids=[p.name for p in FORMAT_FOLDERS])
def test_a_writer_imports_no_other_format_nor_the_registry(folder: Path) -> None:
    own = f"leaflet.writers.{folder.name}"
    for path in folder.rglob("*.py"):
        for name in imports(path):
            if name.startswith("leaflet.writers.") and not name.startswith("leaflet.writers.contract"):
                assert name.startswith(own + ".") or name == own, f"{module_of(path)} imports {name}"


def test_the_layers_are_every_folder_of_the_package() -> None:
    named = {name for names in LAYERS for name in names}
    present = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    present |= {p.stem for p in PACKAGE.glob("*.py")} - {"__init__"}
    assert present == named


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan): modules that import each other,
    directly or round a loop."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in sorted(graph[module]):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while True:
                other = stack.pop()
                group.append(other)
                if other == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


def import_graph() -> dict[str, set[str]]:
    """Each module of the package -> the modules it imports (a name imported from a module is that module)."""
    modules = {module_of(path): path for path in MODULES}

    def owner(name: str) -> str:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name

    return {module: {owner(name) for name in imports(path)} - {module, ""} for module, path in modules.items()}


def test_the_circle_finder_finds_a_loop_and_nothing_else() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert _circles(graph) == [["a", "b", "c"]]


def test_no_module_imports_a_module_that_imports_it_back() -> None:
    circles = _circles(import_graph())
    assert not circles, f"modules that import each other: {circles}"
