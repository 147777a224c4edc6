"""The front of `kg serve` (kg.graph.endpoint, kg.graph.query_page) before a real Oxigraph server: the README's
queries work without PREFIX lines, an unknown prefix is a one-line answer, the query page
offers the example queries, and `kg serve` itself answers on its port (real processes)."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.graph.endpoint import free_port
from kg.graph.query_page import example_queries
from kg.graph.server import start_server
from kg.graph.store import Store

SPARQLWrapper = pytest.importorskip("SPARQLWrapper")
pytestmark = pytest.mark.slow

import two_articles as F  # noqa: E402


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("front") / "store"
    with Store.open(path) as store:
        F.fill(store, F.two_articles())
    return path


@pytest.fixture(scope="module")
def front(store_path: Path, tmp_path_factory: pytest.TempPathFactory):
    logs = tmp_path_factory.mktemp("logs")
    with start_server(store_path, port=free_port(), read_only=True, log_dir=logs) as server:
        yield server.wait_ready()


README_QUERY = "SELECT ?a ?b WHERE { ?a kg:requestsFrom ?b } LIMIT 5"


def test_query_without_prefix_lines_answers_through_sparqlwrapper(front) -> None:
    for method in (SPARQLWrapper.GET, SPARQLWrapper.POST):
        client = SPARQLWrapper.SPARQLWrapper(front.query_url)
        client.setQuery(README_QUERY)
        client.setMethod(method)
        client.setReturnFormat(SPARQLWrapper.JSON)
        bindings = client.query().convert()["results"]["bindings"]
        assert [(b["a"]["value"], b["b"]["value"]) for b in bindings] == [(str(F.SIALA), str(F.ALGERIA))]


def test_query_posted_as_sparql_query_body_gets_the_prefixes(front) -> None:
    request = urllib.request.Request(
        front.query_url,
        data=b"ASK { ?a kg:requestsFrom ?b }",
        headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
    )
    with urllib.request.urlopen(request, timeout=30) as reply:
        assert b'"boolean":true' in reply.read().replace(b" ", b"")


def test_a_query_that_declares_its_own_prefix_keeps_it(front) -> None:
    query = "PREFIX kg: <http://example.org/other#> ASK { ?a kg:requestsFrom ?b }"
    url = f"{front.query_url}?{urllib.parse.urlencode({'query': query})}"
    with urllib.request.urlopen(
        urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    ) as r:
        assert b'"boolean":false' in r.read().replace(b" ", b"")


def test_unknown_prefix_is_a_one_line_answer(front) -> None:
    url = f"{front.query_url}?{urllib.parse.urlencode({'query': 'SELECT ?a WHERE { ?a foaf:name ?b }'})}"
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(url, timeout=30)
    assert caught.value.code == 400
    text = caught.value.read().decode()
    assert text.startswith("The query uses the prefix foaf: without declaring it") and text.count("\n") == 1
    assert "kg:, res:" in text


def test_query_page_offers_every_example_query(front) -> None:
    with urllib.request.urlopen(front.url + "/", timeout=30) as reply:
        page = reply.read().decode()
    assert "./yasgui.min.js" in page
    for name, _ in example_queries():
        assert f'"name": "{name}"' in page
    with urllib.request.urlopen(front.url + "/yasgui.min.js", timeout=30) as reply:  # Oxigraph's own asset
        assert reply.status == 200 and len(reply.read()) > 100_000


def test_kg_serve_answers_the_readme_curl_example(store_path: Path, tmp_path: Path) -> None:
    port = free_port()
    kg = Path(os.environ.get("VIRTUAL_ENV", "")) / "bin" / "kg"
    kg = kg if kg.exists() else Path(__import__("sys").executable).parent / "kg"
    proc = subprocess.Popen(
        [str(kg), "serve", "--store", str(store_path), "--port", str(port)],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        data = urllib.parse.urlencode({"query": README_QUERY}).encode()
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/query", data=data, headers={"Accept": "application/sparql-results+json"}
        )
        while True:
            try:
                with urllib.request.urlopen(request, timeout=10) as reply:
                    body = reply.read().decode()
                break
            except (urllib.error.URLError, ConnectionError):
                assert proc.poll() is None and time.monotonic() < deadline, "kg serve did not come up"
                time.sleep(0.3)
        assert str(F.SIALA) in body and str(F.ALGERIA) in body
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the group: kg serve and its oxigraph child
        proc.wait(30)
