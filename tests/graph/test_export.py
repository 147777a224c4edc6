"""Exports: every RDF format re-parses to the same graphs (rdflib and Raptor's rapper), the
network formats keep typed attributes, Neo4j headers are exact, and files are written whole."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from rdflib.compare import isomorphic

import kg.graph.export as export_module
from kg.errors import InputError
from kg.graph.export import NEO4J_NODES_HEADER, NEO4J_RELS_HEADER, TRIPLES_CSV_HEADER, export, jsonld_context
from kg.graph.formats import ExportFormat, RdfFormat, from_name, from_path
from kg.graph.store import Store


import two_articles as F
from two_articles import ds, store  # noqa: F401  (fixtures)


@pytest.fixture(params=["store", "dataset"])
def source(request: pytest.FixtureRequest, ds: rdflib.Dataset, tmp_path: Path):
    """Every exporter takes the store or an rdflib Dataset."""
    if request.param == "dataset":
        yield ds
        return
    with Store.open(tmp_path / "src-store") as opened:
        yield F.fill(opened, ds)


def union_of(ds: rdflib.Dataset) -> rdflib.Graph:
    union = rdflib.Graph()
    for graph in (ds.graph(F.ART_A), ds.graph(F.ART_B), ds.graph(F.ENTITY_GRAPH)):
        for triple in graph:
            union.add(triple)
    return union


def assert_same_named_graphs(expected: rdflib.Dataset, parsed: rdflib.Dataset) -> None:
    for iri in (F.ART_A, F.ART_B, F.ENTITY_GRAPH):
        assert isomorphic(expected.graph(iri), parsed.graph(iri)), f"graph {iri} differs"
    names = {str(g.identifier) for g in parsed.graphs() if len(g)}
    assert names == {str(F.ART_A), str(F.ART_B), str(F.ENTITY_GRAPH)}


# ---------------------------------------------------------------- formats
def test_from_name_accepts_names_and_aliases() -> None:
    assert from_name("Turtle") is RdfFormat.TURTLE
    assert from_name("nt") is RdfFormat.NTRIPLES
    assert from_name("json-ld") is RdfFormat.JSONLD
    assert from_name("neo4j") is ExportFormat.NEO4J


def test_from_name_lists_the_valid_names_when_unknown() -> None:
    with pytest.raises(InputError, match="turtle, ntriples, trig, nquads, jsonld, graphml"):
        from_name("rdfxml")


def test_formats_know_media_type_extension_and_named_graphs() -> None:
    assert (RdfFormat.TRIG.media_type, RdfFormat.TRIG.extension) == ("application/trig", "trig")
    assert RdfFormat.NQUADS.named_graphs and not RdfFormat.TURTLE.named_graphs
    assert RdfFormat.NTRIPLES.oxigraph.media_type == "application/n-triples"
    assert from_path("out/graph.ttl") is RdfFormat.TURTLE
    with pytest.raises(InputError):
        from_path("graph.xyz")


# ---------------------------------------------------------------- RDF round trips
@pytest.mark.parametrize("fmt", [RdfFormat.TURTLE, RdfFormat.NTRIPLES])
def test_triple_formats_reparse_to_the_union_of_the_articles(source, ds, fmt, tmp_path) -> None:
    path = export(source, fmt, tmp_path / f"out.{fmt.extension}")[0]
    parsed = rdflib.Graph().parse(path, format=fmt.rdflib_name)
    assert isomorphic(parsed, union_of(ds))


@pytest.mark.parametrize("fmt", [RdfFormat.TRIG, RdfFormat.NQUADS, RdfFormat.JSONLD])
def test_dataset_formats_reparse_graph_by_graph(source, ds, fmt, tmp_path) -> None:
    path = export(source, fmt, tmp_path / f"out.{fmt.extension}")[0]
    parsed = rdflib.Dataset()
    parsed.parse(path, format=fmt.rdflib_name)
    assert_same_named_graphs(ds, parsed)


def test_turtle_from_store_and_from_dataset_are_identical(store, ds, tmp_path) -> None:
    a = export(store, "turtle", tmp_path / "a.ttl")[0].read_bytes()
    b = export(ds, "turtle", tmp_path / "b.ttl")[0].read_bytes()
    assert a == b and b"@prefix kg:" in a


def test_jsonld_inlines_the_context_so_it_reads_offline(store, tmp_path) -> None:
    doc = json.loads(export(store, "jsonld", tmp_path / "g.jsonld")[0].read_text("utf-8"))
    assert doc["@context"] == jsonld_context()
    assert "kg" in doc["@context"] or any("kg-arabic" in str(v) for v in doc["@context"].values())


def _rapper() -> str:
    found = shutil.which("rapper") or ("/usr/bin/rapper" if Path("/usr/bin/rapper").exists() else None)
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail("rapper (Debian package raptor2-utils) is required in CI")
    pytest.skip("rapper not installed (apt install raptor2-utils)")


@pytest.mark.parametrize("fmt", [RdfFormat.TURTLE, RdfFormat.NTRIPLES, RdfFormat.TRIG, RdfFormat.NQUADS])
def test_rapper_parses_each_rdf_export_with_the_right_count(store, ds, fmt, tmp_path) -> None:
    rapper = _rapper()
    path = export(store, fmt, tmp_path / f"out.{fmt.extension}")[0]
    done = subprocess.run([rapper, "-i", fmt.label, "-c", str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    counted = int(re.search(r"returned (\d+) triples", done.stderr).group(1))
    expected = (
        len(union_of(ds))
        if not fmt.named_graphs
        else len(ds.graph(F.ART_A)) + len(ds.graph(F.ART_B)) + len(ds.graph(F.ENTITY_GRAPH))
    )
    assert counted == expected


# ---------------------------------------------------------------- networks
def test_graphml_loads_with_typed_attributes(source, tmp_path) -> None:
    graph = nx.read_graphml(export(source, "graphml", tmp_path / "g.graphml")[0])
    assert graph.number_of_nodes() == 3 and graph.number_of_edges() == 3
    algeria = graph.nodes[str(F.ALGERIA)]
    assert algeria["events"] == 3 and isinstance(algeria["events"], int)
    assert (algeria["label_ar"], algeria["label_en"], algeria["wikidata"]) == ("الجزائر", "Algeria", "Q262")
    confidences = sorted(d["confidence"] for _, _, d in graph.edges(data=True))
    assert confidences == [0.6, 0.85, 0.9]
    assert all(isinstance(c, float) for c in confidences)
    request = next(d for _, _, d in graph.edges(data=True) if d["type"] == "REQUEST")
    assert (request["doc_id"], request["modality"], request["date"]) == ("libya-visit-2018", "asserted", "2018-05-14")
    assert request["evidence"] == "طالب سيالة الجزائر بدعم الحوار"


def test_gexf_loads_with_typed_attributes(source, tmp_path) -> None:
    graph = nx.read_gexf(export(source, "gexf", tmp_path / "g.gexf")[0])
    assert graph.number_of_nodes() == 3 and graph.number_of_edges() == 3
    assert graph.nodes[str(F.SIALA)]["events"] == 2
    assert isinstance(graph.nodes[str(F.SIALA)]["events"], int)
    types = sorted(d["event_type"] for _, _, d in graph.edges(data=True))
    assert types == ["ACCUSE", "AGREE", "REQUEST"]
    assert all(isinstance(d["confidence"], float) for _, _, d in graph.edges(data=True))


def test_neo4j_csv_headers_are_exact(store, tmp_path) -> None:
    nodes, rels = export(store, "neo4j", tmp_path / "neo4j")
    assert nodes.read_text("utf-8").splitlines()[0] == "id:ID,label_ar,label_en,wikidata,events:int,:LABEL"
    assert (
        rels.read_text("utf-8").splitlines()[0]
        == ":START_ID,:END_ID,:TYPE,predicate_en,date,modality,confidence:float,evidence,doc_id"
    )
    assert ",".join(NEO4J_NODES_HEADER) == nodes.read_text("utf-8").splitlines()[0]
    assert ",".join(NEO4J_RELS_HEADER) == rels.read_text("utf-8").splitlines()[0]


def test_neo4j_relationships_point_at_exported_nodes(store, tmp_path) -> None:
    nodes, rels = export(store, "neo4j", tmp_path / "neo4j")
    node_rows = list(csv.DictReader(nodes.open(encoding="utf-8")))
    rel_rows = list(csv.DictReader(rels.open(encoding="utf-8")))
    ids = {r["id:ID"] for r in node_rows}
    assert len(rel_rows) == 3
    assert all(r[":START_ID"] in ids and r[":END_ID"] in ids for r in rel_rows)
    assert sorted(r[":TYPE"] for r in rel_rows) == ["ACCUSE", "AGREE", "REQUEST"]
    assert {r[":LABEL"] for r in node_rows} == {"Country", "Person"}
    assert all(float(r["confidence:float"]) > 0 for r in rel_rows)


def test_triples_csv_has_one_row_per_quad_with_labels(store, ds, tmp_path) -> None:
    path = export(store, "csv", tmp_path / "triples.csv")[0]
    with path.open(encoding="utf-8") as handle:
        reader = csv.reader(handle)
        assert tuple(next(reader)) == TRIPLES_CSV_HEADER
        rows = [dict(zip(TRIPLES_CSV_HEADER, row)) for row in reader]
    assert len(rows) == len(ds.graph(F.ART_A)) + len(ds.graph(F.ART_B)) + len(ds.graph(F.ENTITY_GRAPH))
    edge = next(r for r in rows if r["predicate"].endswith("#requestsFrom"))
    assert (edge["subject_label"], edge["object_label"]) == ("Mohamed Siala", "Algeria")
    assert edge["graph"] == str(F.ART_A) and edge["predicate_label"]


# ---------------------------------------------------------------- atomic writes
def test_failed_export_leaves_the_previous_file_and_no_temp(store, tmp_path, monkeypatch) -> None:
    target = tmp_path / "g.jsonld"
    target.write_text("previous", encoding="utf-8")

    def broken(_handle):
        raise RuntimeError("disk full")

    monkeypatch.setattr(export_module, "_jsonld", broken)
    with pytest.raises(RuntimeError):
        export(store, RdfFormat.JSONLD, target)
    assert target.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_export_rejects_an_unknown_source(tmp_path) -> None:
    with pytest.raises(InputError, match="cannot export"):
        export({"not": "a graph"}, RdfFormat.TURTLE, tmp_path / "x.ttl")
