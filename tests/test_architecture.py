"""The shape of the code, checked from its source: small modules and functions in the
extraction core, no import cycle, every module importable on its own, and no Arabic word list
in Python (word lists are data: ``kg/lexicon/data/*.tsv``)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
KG = ROOT / "kg"
MAX_MODULE_LINES = 500  # in kg/extract
MAX_FUNCTION_LINES = 60  # in kg/extract and kg/lexicon
ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")
# Affixes are morphology, not word lists: constants so named, and the arguments of these calls.
AFFIX_NAME = re.compile(r"(^|_)(ENDINGS|SUFFIXES|PREFIXES|PRONOUNS)$")
AFFIX_CALLS = {"startswith", "endswith", "lstrip", "rstrip", "strip"}
# No cycle is tolerated: the last one (graph/store.py imported graph/export.py inside Store.dump,
# which imported store.py) went with Store.dump; the prefixes live in graph/vocab.py.
KNOWN_CYCLES: list[set[str]] = []


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


SOURCES = {_module(p): p for p in sorted(KG.rglob("*.py"))}
TREES = {name: ast.parse(p.read_text(encoding="utf-8")) for name, p in SOURCES.items()}


def _functions(tree: ast.AST) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    return [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]


@pytest.mark.parametrize("name", [n for n in SOURCES if n.startswith("kg.extract.")])
def test_no_module_of_the_extraction_core_is_over_500_lines(name):
    lines = len(SOURCES[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{name}: {lines} lines"


@pytest.mark.parametrize("name", [n for n in SOURCES if n.startswith(("kg.extract.", "kg.lexicon."))])
def test_no_function_of_the_extraction_core_or_the_lexicon_is_over_60_lines(name):
    long = [
        f"{f.name} ({f.end_lineno - f.lineno + 1} lines)"
        for f in _functions(TREES[name])
        if f.end_lineno is not None and f.end_lineno - f.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert long == [], name


def _imports(name: str, tree: ast.AST) -> set[str]:
    """The kg modules a module imports, at its top or inside a function."""
    out: set[str] = set()
    package = name if SOURCES[name].name == "__init__.py" else name.rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else [])
                )
            out |= {f"{base}.{a.name}" if f"{base}.{a.name}" in SOURCES else base for a in node.names}
    return {m for m in out if m in SOURCES and m != name}


def _cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[set[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = set()
            while True:
                w = stack.pop()
                group.add(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(group)

    for v in graph:
        if v not in index:
            visit(v)
    return out


def test_no_import_cycle_among_kg_modules():
    graph = {name: _imports(name, tree) for name, tree in TREES.items()}
    unknown = [c for c in _cycles(graph) if c not in KNOWN_CYCLES]
    assert unknown == []


def test_the_cycle_check_sees_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [{"a", "b", "c"}]


@pytest.mark.slow
def test_every_kg_module_imports_alone_in_a_fresh_interpreter():
    def alone(name: str) -> tuple[str, str]:
        done = subprocess.run([sys.executable, "-c", f"import {name}"], capture_output=True, text=True, cwd=ROOT)
        return name, done.stderr.strip().splitlines()[-1] if done.returncode else ""

    with ThreadPoolExecutor(max_workers=4) as pool:
        failed = [(n, err) for n, err in pool.map(alone, SOURCES) if err]
    assert failed == []


def _arabic_words(node: ast.AST) -> list[str]:
    """The Arabic string constants of a literal collection (or of the pairs it holds: ``[("أمس",
    -1), …]``) that are words, not single letters."""
    elts = node.keys if isinstance(node, ast.Dict) else getattr(node, "elts", [])
    elts = [x for e in elts for x in (e.elts if isinstance(e, ast.Tuple) else [e])]
    return [
        e.value
        for e in elts
        if isinstance(e, ast.Constant) and isinstance(e.value, str) and len(ARABIC_LETTER.findall(e.value)) >= 2
    ]


def _affixes(tree: ast.AST) -> set[int]:
    """Literals that list affixes: arguments of startswith/endswith…, values of *_SUFFIXES…"""
    ids: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in AFFIX_CALLS:
            ids |= {id(a) for a in node.args}
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        )
        if any(isinstance(t, ast.Name) and AFFIX_NAME.search(t.id) for t in targets):
            ids |= {id(n) for n in ast.walk(node.value)} if node.value is not None else set()
    return ids


def word_lists(tree: ast.AST) -> list[str]:
    """Arabic word lists written in Python: a set, list, tuple or dict literal of several Arabic
    words, a ``.split()`` of a string of several, or a regular expression alternating them."""
    affixes = _affixes(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Set, ast.List, ast.Tuple, ast.Dict)) and id(node) not in affixes:
            words = _arabic_words(node)
            if len(words) >= 2:
                found.append(f"line {node.lineno}: {' '.join(words[:4])}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "split":
            text = node.func.value
            if isinstance(text, ast.Constant) and isinstance(text.value, str):
                if len([w for w in text.value.split() if ARABIC_LETTER.search(w)]) >= 2:
                    found.append(f"line {node.lineno}: .split() of {text.value[:30]!r}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and "|" in node.value:
            alternatives = [w for w in node.value.split("|") if len(ARABIC_LETTER.findall(w)) >= 2]
            if len(alternatives) >= 2:
                found.append(f"line {node.lineno}: alternation {node.value[:30]!r}")
    return found


@pytest.mark.parametrize("name", list(SOURCES))
def test_no_arabic_word_list_in_python(name):
    assert word_lists(TREES[name]) == [], f"{name}: move the words to kg/lexicon/data"


@pytest.mark.parametrize(
    "source, lists",
    [
        ('STOP = {"في", "من"}', True),
        ('STOP = ("ب", "ل")', False),  # single clitic letters are morphology
        ('WORDS = "قال أكد".split()', True),
        ('PATTERN = "(?:قال|أكد)"', True),
        ('ok = w.endswith(("هم", "نا"))', False),
        ('NISBA_ENDINGS = ("ون", "ين")', False),
        ('TITLE = "الوزير"', False),
        ('RELATIVE = [("أمس", -1), ("غدا", 1)]', True),
    ],
)
def test_the_word_list_check_tells_lists_from_affixes(source, lists):
    assert bool(word_lists(ast.parse(source))) is lists
