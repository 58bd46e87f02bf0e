"""The layers of pipeline/ as the README's Architecture section draws them: each package imports
only the packages below it, so a reader can learn the code from the bottom up."""

from __future__ import annotations

import ast

import pytest

from .conftest import ROOT

# What each layer may import, besides itself (``pipeline.__version__`` is open to all).
MAY_IMPORT = {
    "core": set(),
    "inputs": {"core"},
    "tables": {"core"},
    "store": {"core", "inputs"},
    "stages": {"core", "tables"},
    "engine": {"core", "inputs", "tables", "stages", "store"},
    "ui": {"core", "inputs", "tables", "stages", "store", "engine"},
}
PACKAGE = ROOT / "pipeline"


def imported_layers(path) -> set[str]:
    """The pipeline packages a module imports, at any depth in the file."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "pipeline" and len(parts) > 1 and parts[1] in MAY_IMPORT:
                found.add(parts[1])
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.relative_to(PACKAGE).parts[0] in MAY_IMPORT)


def test_the_top_of_pipeline_holds_only_the_layers_and_the_package_marker():
    modules = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert modules == ["__init__.py"]
    assert {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"} == set(MAY_IMPORT) | {"data"}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_each_module_imports_only_the_layers_below_its_own(path):
    layer = path.relative_to(PACKAGE).parts[0]
    assert imported_layers(path) - MAY_IMPORT[layer] - {layer} == set()


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_over_400_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 400
