"""output/ is what `make demo` (`kg demo --out output --store .kg/store`) writes for the bundled
sample; it must match what the current code writes, or readers of the repository see a graph the
code no longer produces. The sample is rebuilt into a temporary folder by the same command and
compared: the RDF by graph isomorphism (with the differing triples shown), the rest as files."""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph
from rdflib.compare import graph_diff, to_isomorphic

from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "output"
STALE = "output/ is stale: run `make demo` and commit output/"
SHOWN = 25  # differing triples or lines shown per side


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample rebuilt now, by `kg demo` as `make demo` runs it."""
    base = tmp_path_factory.mktemp("demo")
    result = CliRunner().invoke(main, ["demo", "--out", str(base / "output"), "--store", str(base / "store")])
    assert result.exit_code == 0, f"kg demo failed ({result.exit_code}):\n{result.stderr}"
    return base / "output"


def _triples_text(graph: Graph) -> list[str]:
    return sorted(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in graph)


def graph_difference(old: Graph, new: Graph, name: str) -> str:
    """'' when the graphs are isomorphic, else the triples only in each (blank nodes canonical)."""
    iso_old, iso_new = to_isomorphic(old), to_isomorphic(new)
    if iso_old == iso_new:
        return ""
    _, only_old, only_new = graph_diff(iso_old, iso_new)
    lines = [f"{name}: {len(only_old)} triple(s) only in output/, {len(only_new)} only in a fresh build"]
    for label, part in (("- committed", only_old), ("+ fresh", only_new)):
        text = _triples_text(part)
        lines += [f"  {label}: {t}" for t in text[:SHOWN]]
        if len(text) > SHOWN:
            lines.append(f"  {label}: … {len(text) - SHOWN} more")
    return "\n".join(lines)


def text_difference(old: str, new: str, name: str) -> str:
    if old == new:
        return ""
    diff = list(
        difflib.unified_diff(old.splitlines(), new.splitlines(), f"output/{name}", f"fresh/{name}", lineterm="", n=1)
    )
    shown = diff[: 2 * SHOWN]
    more = [f"… {len(diff) - len(shown)} more diff lines"] if len(diff) > len(shown) else []
    return "\n".join([f"{name} differs:", *shown, *more])


def stale(detail: str) -> str:
    return f"{STALE}\n{detail}"


def test_output_folder_is_committed():
    for name in ("graph.trig", "graph.ttl", "triples.csv", "graph.html", "documents"):
        assert (COMMITTED / name).exists(), stale(f"output/{name} is missing")


def test_graph_trig_is_fresh(fresh):
    old, new = Dataset(), Dataset()
    old.parse(COMMITTED / "graph.trig", format="trig")
    new.parse(fresh / "graph.trig", format="trig")

    def named(ds: Dataset) -> dict[str, Graph]:
        return {str(g.identifier): g for g in ds.graphs() if len(g)}

    old_graphs, new_graphs = named(old), named(new)
    assert sorted(old_graphs) == sorted(new_graphs), stale(
        f"named graphs differ: committed {sorted(old_graphs)}, fresh {sorted(new_graphs)}"
    )
    problems = [
        d
        for iri in sorted(old_graphs)
        if (d := graph_difference(old_graphs[iri], new_graphs[iri], f"graph.trig <{iri}>"))
    ]
    assert not problems, stale("\n".join(problems))


def test_graph_ttl_is_fresh(fresh):
    old = Graph().parse(COMMITTED / "graph.ttl", format="turtle")
    new = Graph().parse(fresh / "graph.ttl", format="turtle")
    difference = graph_difference(old, new, "graph.ttl")
    assert not difference, stale(difference)


def test_documents_are_fresh(fresh):
    old_files = sorted(p.name for p in (COMMITTED / "documents").glob("*.json"))
    new_files = sorted(p.name for p in (fresh / "documents").glob("*.json"))
    assert old_files == new_files, stale(f"documents/ holds {old_files}; a fresh build writes {new_files}")
    for name in new_files:
        old_text = (COMMITTED / "documents" / name).read_text(encoding="utf-8")
        new_text = (fresh / "documents" / name).read_text(encoding="utf-8")
        assert json.loads(old_text) == json.loads(new_text), stale(
            text_difference(old_text, new_text, f"documents/{name}")
        )


def test_triples_csv_is_fresh(fresh):
    old = (COMMITTED / "triples.csv").read_text(encoding="utf-8")
    new = (fresh / "triples.csv").read_text(encoding="utf-8")
    assert old == new, stale(text_difference(old, new, "triples.csv"))


def test_graph_html_is_fresh(fresh):
    old = (COMMITTED / "graph.html").read_text(encoding="utf-8")
    new = (fresh / "graph.html").read_text(encoding="utf-8")
    assert old == new, stale(text_difference(old, new, "graph.html"))


def test_demo_output_is_deterministic(fresh, tmp_path):
    """Two builds of the sample write the same bytes (else output/ could never be fresh)."""
    again = tmp_path / "output"
    result = CliRunner().invoke(main, ["demo", "--out", str(again), "--store", str(tmp_path / "store")])
    assert result.exit_code == 0, result.stderr
    for name in ("graph.trig", "graph.ttl", "triples.csv", "graph.html", "documents/seed-libya-algeria.json"):
        assert (fresh / name).read_bytes() == (again / name).read_bytes(), f"{name} differs between two runs"
