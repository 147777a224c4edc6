"""Exports: every RDF format re-parses to the same graphs (rdflib and Raptor's rapper), the
network formats keep typed attributes, Neo4j headers are exact, and files are written whole."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from rdflib.compare import isomorphic

import kg.graph.export as export_module
from kg.errors import InputError
from kg.graph.export import TRIPLES_CSV_HEADER, export, jsonld_context
from kg.graph.graphfiles import (
    EDGE_ATTRIBUTES,
    EVENTS_HEADER,
    NEO4J_EVENTS_HEADER,
    NEO4J_NODES_HEADER,
    NEO4J_RELS_HEADER,
    NEO4J_ROLES_HEADER,
    NODE_ATTRIBUTES,
)
from kg.view.style import QUAD_COLORS, node_size
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
REQUEST_EVENT = str(F.RES["event/libya-visit-2018/e1"])
CONDEMN_EVENT = str(F.RES["event/libya-visit-2018/e2"])  # Siala condemns: no recipient


def test_graphml_loads_in_networkx_with_typed_attributes(source, tmp_path) -> None:
    graph = nx.read_graphml(export(source, "graphml", tmp_path / "g.graphml")[0])
    assert graph.number_of_nodes() == 3 and graph.number_of_edges() == 3
    algeria = graph.nodes[str(F.ALGERIA)]
    assert algeria["events"] == 3 and isinstance(algeria["events"], int)
    assert (algeria["label_ar"], algeria["label_en"], algeria["wikidata"]) == ("الجزائر", "Algeria", "Q262")
    assert (algeria["label"], algeria["entity_type"]) == ("Algeria", "Country")
    confidences = sorted(d["confidence"] for _, _, d in graph.edges(data=True))
    assert confidences == [0.6, 0.85, 0.9]
    assert all(isinstance(c, float) for c in confidences)
    request = next(d for _, _, d in graph.edges(data=True) if d["event_type"] == "REQUEST")
    assert (request["doc_id"], request["modality"], request["date"]) == ("libya-visit-2018", "asserted", "2018-05-14")
    assert request["evidence"] == "طالب سيالة الجزائر بدعم الحوار"
    assert (request["predicate_en"], request["predicate_ar"], request["trigger"]) == (
        "requests support from",
        "طالب بدعم",
        "طالب",
    )
    assert request["weight"] == 1.0 and request["event"] == REQUEST_EVENT


def test_graph_files_count_the_events_without_a_recipient(source, tmp_path) -> None:
    graph = nx.read_graphml(export(source, "graphml", tmp_path / "g.graphml")[0])
    siala = graph.nodes[str(F.SIALA)]
    assert (siala["events"], siala["events_without_recipient"]) == (2, 1)


def test_gexf_is_dynamic_with_typed_dates_colours_and_sizes(source, tmp_path) -> None:
    path = export(source, "gexf", tmp_path / "g.gexf")[0]
    graph = nx.read_gexf(path)
    assert graph.graph["mode"] == "dynamic"
    assert graph.number_of_nodes() == 3 and graph.number_of_edges() == 3
    siala = graph.nodes[str(F.SIALA)]
    assert siala["events"] == 2 and isinstance(siala["events"], int)
    assert siala["viz"]["size"] == node_size(2)
    edges = {d["event"]: d for _, _, d in graph.edges(data=True)}
    request = edges[REQUEST_EVENT]
    assert (request["start"], request["end"]) == ("2018-05-14", "2018-05-14")
    colour = QUAD_COLORS["verbal-cooperation"]
    assert request["color"] == colour
    viz = "{http://gexf.net/1.3/viz}color"
    edge = next(e for e in ET.parse(path).iter("{http://gexf.net/1.3}edge") if e.get("id").startswith(REQUEST_EVENT))
    drawn = edge.find(viz)
    rgb = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
    assert (int(drawn.get("r")), int(drawn.get("g")), int(drawn.get("b"))) == rgb
    undated = next(d for d in edges.values() if d["event_type"] == "ACCUSE")
    assert "start" not in undated  # always present on Gephi's timeline
    assert sorted(d["event_type"] for d in edges.values()) == ["ACCUSE", "AGREE", "REQUEST"]
    assert all(isinstance(d["confidence"], float) and d["weight"] == 1.0 for d in edges.values())
    text = path.read_text("utf-8")
    assert 'timeformat="date"' in text and "networkx_key" not in text


def test_graphml_and_gexf_name_every_attribute_alike(source, tmp_path) -> None:
    graphml = nx.read_graphml(export(source, "graphml", tmp_path / "g.graphml")[0])
    gexf = nx.read_gexf(export(source, "gexf", tmp_path / "g.gexf")[0])
    node_names = {n for n, _, _ in NODE_ATTRIBUTES} | {"label"}
    for graph in (graphml, gexf):
        for _, data in graph.nodes(data=True):
            assert set(data) - {"viz"} <= node_names
        for _, _, data in graph.edges(data=True):
            assert set(data) - {"viz", "id", "start", "end"} <= {n for n, _, _ in EDGE_ATTRIBUTES} | {"label"}
            assert "type" not in data and "networkx_key" not in data
    request = lambda g: next(d for _, _, d in g.edges(data=True) if d["event_type"] == "REQUEST")  # noqa: E731
    shared = set(request(graphml)) & set(request(gexf))
    assert {k: request(graphml)[k] for k in shared} == {k: request(gexf)[k] for k in shared}


NEO4J_TYPES = {"ID", "START_ID", "END_ID", "TYPE", "LABEL", "int", "float", "date", "string", "boolean", "long"}


def neo4j_files(folder: Path) -> dict[str, list[dict[str, str]]]:
    return {p.name: list(csv.DictReader(p.open(encoding="utf-8"))) for p in sorted(folder.glob("*.csv"))}


def test_neo4j_files_follow_the_import_header_conventions(store, tmp_path) -> None:
    """Every column is ``name:type`` with a type neo4j-admin knows; ID spaces match between the
    node files and the relationship files; every relationship end is an exported node; dates
    are ISO dates, numbers parse."""
    written = export(store, "neo4j", tmp_path / "neo4j")
    assert [p.name for p in written] == ["nodes.csv", "events.csv", "relationships.csv", "roles.csv"]
    headers = {p.name: next(csv.reader(p.open(encoding="utf-8"))) for p in written}
    assert headers == {
        "nodes.csv": list(NEO4J_NODES_HEADER),
        "events.csv": list(NEO4J_EVENTS_HEADER),
        "relationships.csv": list(NEO4J_RELS_HEADER),
        "roles.csv": list(NEO4J_ROLES_HEADER),
    }
    spaces: dict[str, set[str]] = {}
    tables = neo4j_files(tmp_path / "neo4j")
    for name, header in headers.items():
        for column in header:
            kind = column.split(":", 1)[1] if ":" in column else "string"
            base = re.sub(r"\(.*\)$", "", kind)
            assert base in NEO4J_TYPES, f"{name}: {column}"
            if base == "ID":
                space = re.search(r"\((\w+)\)", kind).group(1)
                spaces[space] = {row[column] for row in tables[name]}
    for name, header in headers.items():
        for column in header:
            match = re.match(r":(START|END)_ID\((\w+)\)", column)
            if match:
                assert all(row[column] in spaces[match.group(2)] for row in tables[name]), (name, column)
            if column.endswith(":date"):
                assert all(re.fullmatch(r"(\d{4}-\d{2}-\d{2})?", row[column]) for row in tables[name])
            if column.endswith((":int", ":float")):
                assert all(row[column] == "" or float(row[column]) == float(row[column]) for row in tables[name])


def test_neo4j_holds_every_event_and_its_roles(store, tmp_path) -> None:
    export(store, "neo4j", tmp_path / "neo4j")
    tables = neo4j_files(tmp_path / "neo4j")
    assert len(tables["events.csv"]) == 4  # the event without a recipient too
    assert {r[":LABEL"] for r in tables["nodes.csv"]} == {"Actor;Country", "Actor;Person"}
    assert sorted(r[":TYPE"] for r in tables["relationships.csv"]) == ["ACCUSE", "AGREE", "REQUEST"]
    roles = {(r[":START_ID(Event)"], r[":TYPE"]) for r in tables["roles.csv"]}
    assert (CONDEMN_EVENT, "ACTOR") in roles and (CONDEMN_EVENT, "RECIPIENT") not in roles
    condemn = next(r for r in tables["events.csv"] if r["event:ID(Event)"] == CONDEMN_EVENT)
    assert condemn[":LABEL"] == "Event;Accuse" and condemn["date:date"] == ""


def test_events_table_has_one_row_per_event_with_both_labels_and_evidence(source, tmp_path) -> None:
    import pandas as pd

    frame = pd.read_csv(export(source, "events", tmp_path / "events.csv")[0], keep_default_na=False)
    assert tuple(frame.columns) == EVENTS_HEADER
    assert len(frame) == 4 and frame["event"].is_unique
    request = frame.set_index("event").loc[REQUEST_EVENT]
    assert (request["actors_en"], request["actors_ar"]) == ("Mohamed Siala", "محمد سيالة")
    assert (request["recipients_en"], request["recipients_ar"]) == ("Algeria", "الجزائر")
    assert request["evidence"] == "طالب سيالة الجزائر بدعم الحوار" and request["event_type"] == "REQUEST"
    condemn = frame.set_index("event").loc[CONDEMN_EVENT]
    assert condemn["recipients"] == "" and condemn["actors_en"] == "Mohamed Siala"


def test_triples_csv_has_one_row_per_quad_with_labels_language_and_datatype(store, ds, tmp_path) -> None:
    import pandas as pd

    path = export(store, "csv", tmp_path / "triples.csv")[0]
    frame = pd.read_csv(path, keep_default_na=False, dtype=str)
    assert tuple(frame.columns) == TRIPLES_CSV_HEADER
    assert len(frame) == len(ds.graph(F.ART_A)) + len(ds.graph(F.ART_B)) + len(ds.graph(F.ENTITY_GRAPH))
    edge = frame[frame["predicate"].str.endswith("#requestsFrom")].iloc[0]
    assert (edge["subject_label"], edge["object_label"], edge["object_kind"]) == ("Mohamed Siala", "Algeria", "iri")
    assert edge["graph"] == str(F.ART_A) and edge["predicate_label"]
    arabic = frame[(frame["subject"] == str(F.ALGERIA)) & (frame["object_language"] == "ar")].iloc[0]
    assert (arabic["object"], arabic["object_kind"]) == ("الجزائر", "literal")
    assert arabic["object_datatype"].endswith("#langString")
    dated = frame[frame["predicate"].str.endswith("#publishedOn")]
    assert set(dated["object_datatype"]) == {"http://www.w3.org/2001/XMLSchema#date"}


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "events", "turtle", "csv"])
def test_export_to_a_folder_is_a_clear_error(store, tmp_path, fmt) -> None:
    with pytest.raises(InputError, match="is a folder; give a file name"):
        export(store, fmt, tmp_path)


def test_neo4j_export_to_a_file_is_a_clear_error(store, tmp_path) -> None:
    target = tmp_path / "taken.csv"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="is a file; neo4j writes a folder"):
        export(store, "neo4j", target)


def test_export_below_a_file_is_a_clear_error(store, tmp_path) -> None:
    (tmp_path / "plain").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="is a file, not a folder"):
        export(store, "graphml", tmp_path / "plain" / "g.graphml")


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


# ---------------------------------------------------------------- kg export
def test_export_to_dash_writes_standard_output(invoke, built_store) -> None:
    result = invoke("export", "--format", "events", "-o", "-", "--store", built_store.store)
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(result.stdout.splitlines()))
    assert rows and set(rows[0]) == set(EVENTS_HEADER)
    assert not Path("-").exists()


def test_export_of_neo4j_to_dash_is_one_error_line(invoke, built_store) -> None:
    result = invoke("export", "--format", "neo4j", "-o", "-", "--store", built_store.store)
    assert result.exit_code == 2 and "give -o FOLDER" in result.stderr and "Traceback" not in result.stderr


def test_export_to_an_existing_folder_is_one_error_line(invoke, built_store, tmp_path) -> None:
    result = invoke("export", "--format", "graphml", "-o", tmp_path, "--store", built_store.store)
    assert result.exit_code == 2
    assert "is a folder; give a file name" in result.stderr and "internal error" not in result.stderr


def test_exported_graphml_of_a_built_store_keeps_every_event(invoke, built_store, tmp_path) -> None:
    """Through the CLI on real extractions: every edge is an event with a recipient, and the
    events table holds the events without one as well."""
    graphml, events = tmp_path / "g.graphml", tmp_path / "events.csv"
    for fmt, out in (("graphml", graphml), ("events", events)):
        assert invoke("export", "--format", fmt, "-o", out, "--store", built_store.store).exit_code == 0
    graph = nx.read_graphml(graphml)
    table = list(csv.DictReader(events.open(encoding="utf-8")))
    with_recipient = [r for r in table if r["recipients"]]
    pairs = sum(len(r["actors"].split(" | ")) * len(r["recipients"].split(" | ")) for r in with_recipient)
    assert graph.number_of_edges() == pairs
    assert len(table) > len(with_recipient)
    alone = sum(d["events_without_recipient"] for _, d in graph.nodes(data=True))
    assert alone >= len(table) - len(with_recipient)
