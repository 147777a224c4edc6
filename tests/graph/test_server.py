"""Oxigraph's SPARQL server over a kg store, and pushing graphs to a server (real processes)."""

from __future__ import annotations

import socket
import urllib.error
from pathlib import Path

import pytest
import rdflib

from kg.errors import StoreError
from kg.graph.endpoint import free_port
from kg.graph.server import push, start_server
from kg.graph.store import Store

SPARQLWrapper = pytest.importorskip("SPARQLWrapper")

pytestmark = pytest.mark.slow


import two_articles as F
from two_articles import ds, store  # noqa: F401  (fixtures)


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """A closed store holding the two articles (a server needs the store's lock free)."""
    path = tmp_path / "store"
    with Store.open(path) as store:
        F.fill(store, F.two_articles())
    return path


@pytest.fixture
def read_only_server(store_path: Path, tmp_path: Path):
    with start_server(store_path, port=free_port(), read_only=True, log_dir=tmp_path / "logs") as server:
        yield server.wait_ready()


def sparql(url: str, query: str, fmt: str):
    client = SPARQLWrapper.SPARQLWrapper(url)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    return client.query().convert()


def test_read_only_server_answers_select_over_the_union(read_only_server) -> None:
    result = sparql(
        read_only_server.query_url,
        """
        PREFIX kg: <https://w3id.org/kg-arabic/ontology#>
        SELECT ?doc WHERE { ?a a kg:Article ; kg:docId ?doc } ORDER BY ?doc""",
        SPARQLWrapper.JSON,
    )
    docs = [b["doc"]["value"] for b in result["results"]["bindings"]]
    assert docs == ["algeria-statement-2018", "libya-visit-2018"]


def test_read_only_server_answers_construct_as_turtle(read_only_server) -> None:
    body = sparql(
        read_only_server.query_url,
        """
        PREFIX kg: <https://w3id.org/kg-arabic/ontology#>
        CONSTRUCT { ?a kg:requestsFrom ?b } WHERE { ?a kg:requestsFrom ?b }""",
        SPARQLWrapper.TURTLE,
    )
    graph = rdflib.Graph().parse(data=body, format="turtle")
    assert set(graph) == {(F.SIALA, F.KG.requestsFrom, F.ALGERIA)}


def test_read_only_server_refuses_updates(read_only_server) -> None:
    client = SPARQLWrapper.SPARQLWrapper(read_only_server.query_url, updateEndpoint=read_only_server.update_url)
    client.setMethod(SPARQLWrapper.POST)
    client.setQuery("INSERT DATA { <http://x/s> <http://x/p> <http://x/o> }")
    with pytest.raises(urllib.error.HTTPError) as refused:
        client.query()
    assert refused.value.code == 403
    asked = sparql(read_only_server.query_url, "ASK { <http://x/s> ?p ?o }", SPARQLWrapper.JSON)
    assert asked["boolean"] is False


def test_serving_a_missing_store_read_only_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store at"):
        start_server(tmp_path / "nothing", port=free_port(), read_only=True)


def test_server_that_cannot_start_reports_its_error(store_path: Path, tmp_path: Path) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with (
            start_server(store_path, port=port, log_dir=tmp_path / "logs") as server,
            pytest.raises(StoreError, match="exited"),
        ):
            server.wait_ready(timeout_s=15)


def _graph_counts(query_url: str) -> tuple[int, int]:
    result = sparql(
        query_url,
        """SELECT (COUNT(DISTINCT ?g) AS ?graphs) (COUNT(*) AS ?quads)
                                  WHERE { GRAPH ?g { ?s ?p ?o } }""",
        SPARQLWrapper.JSON,
    )
    row = result["results"]["bindings"][0]
    return int(row["graphs"]["value"]), int(row["quads"]["value"])


def test_push_twice_leaves_the_server_as_after_one_push(store_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "remote"
    with (
        Store.open(store_path, read_only=True) as local,
        start_server(target, port=free_port(), read_only=False, log_dir=tmp_path / "logs") as server,
    ):
        server.wait_ready()
        assert push(local, server.url) == 3  # two articles and the shared entity graph
        first = _graph_counts(server.query_url)
        assert push(local, server.url) == 3
        assert _graph_counts(server.query_url) == first == (3, len(local))


def test_push_to_an_unreachable_server_is_a_store_error(store_path: Path) -> None:
    with Store.open(store_path, read_only=True) as local, pytest.raises(StoreError, match="cannot reach"):
        push(local, f"http://127.0.0.1:{free_port()}", timeout_s=5)
