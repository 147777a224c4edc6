"""The graph and view layers import in one direction: no module of kg.graph or kg.view reaches
itself again through its imports (module-level or inside a function), so each imports alone."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

KG = Path(__file__).resolve().parents[2] / "kg"
LAYERS = ("kg.graph", "kg.view")


def module_name(path: Path) -> str:
    parts = path.relative_to(KG.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every kg module ``path`` imports, anywhere in the file."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("kg")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("kg"):
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
    return found


def layer_modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(KG.rglob("*.py")) if module_name(p).startswith(LAYERS)}


def test_graph_and_view_modules_have_no_import_cycle() -> None:
    modules = layer_modules()
    graph = nx.DiGraph()
    for name, path in modules.items():
        graph.add_node(name)
        graph.add_edges_from((name, target) for target in imports_of(path) if target in modules and target != name)
    cycles = list(nx.simple_cycles(graph))
    assert not cycles, f"import cycles: {cycles}"


@pytest.mark.parametrize("name", sorted(layer_modules()))
def test_each_graph_and_view_module_imports_alone(name: str) -> None:
    done = subprocess.run([sys.executable, "-c", f"import {name}"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    importlib.import_module(name)
