"""`kg serve` under attack and carelessness (issue 17, items 4-6 and 8): no SERVICE (the endpoint
is no proxy), no crash on a deep query (HTTP 400, and a one-line error in `kg query`), no cut
200 on a timeout, answers while 300 idle sockets are open, a build while serving is served once
it lands, SIGTERM and SIGKILL take the Oxigraph server along, a busy port is an error."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from hardening_support import descendants, free_port, load_script, need_oxigraph, running

from kg.graph.server import start_server

pytestmark = pytest.mark.slow

DEEP = "SELECT * WHERE " + "{" * 5000 + " ?s ?p ?o " + "}" * 5000
CROSS = "SELECT ?a ?b ?c ?d WHERE { ?a ?b ?c . ?d ?e ?f }"
ARTICLES = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a kg:Article }"


def ask(url: str, query: str, accept: str = "application/sparql-results+json", timeout: float = 30):
    """(status, body, headers) of a POSTed query; status 0 when the connection failed."""
    prefixes = "PREFIX kg: <https://w3id.org/kg-arabic/ontology#>\n"
    data = urllib.parse.urlencode({"query": prefixes + query}).encode()
    request = urllib.request.Request(url, data=data, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            return reply.status, reply.read(), dict(reply.headers)
    except urllib.error.HTTPError as err:
        return err.code, err.read(), dict(err.headers)
    except OSError as err:
        return 0, str(err).encode(), {}


def articles(url: str) -> int:
    status, body, _ = ask(url, ARTICLES)
    assert status == 200, body
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    need_oxigraph()
    work = tmp_path_factory.mktemp("served")
    load_script("benchmarks/endpoint_load.py").build_store(work / "store", 24)
    return work / "store"


@pytest.fixture(scope="module")
def server(store: Path, tmp_path_factory):
    logs = tmp_path_factory.mktemp("logs")
    with start_server(store, port=free_port(), timeout_s=2, log_dir=logs) as srv:
        yield srv.wait_ready()


# ------------------------------------------------------------------ item 4: no proxy
def test_service_is_refused_and_the_server_contacts_no_one(server) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(2)
        port = listener.getsockname()[1]
        status, body, _ = ask(
            server.query_url, f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/x> {{ ?s ?p ?o }} }}"
        )
        with pytest.raises(TimeoutError):
            listener.accept()
    assert status == 400 and b"SERVICE" in body


@pytest.mark.parametrize(
    "how",
    ["two-query-params", "url-and-body", "sparql-query-body", "other-path"],
)
def test_service_cannot_be_slipped_past_the_check(server, how: str) -> None:
    service = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }"
    quoted = urllib.parse.quote(service)
    base = server.url
    if how == "two-query-params":  # the check must not read the first and Oxigraph the last
        request = urllib.request.Request(f"{base}/query", data=f"query=ASK%7B%7D&query={quoted}".encode())
    elif how == "url-and-body":
        request = urllib.request.Request(f"{base}/query?query={quoted}", data=b"query=ASK%7B%7D")
    elif how == "sparql-query-body":
        request = urllib.request.Request(
            f"{base}/query", data=service.encode(), headers={"Content-Type": "application/sparql-query"}
        )
    else:
        request = urllib.request.Request(f"{base}/?query={quoted}")
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            status, body = reply.status, reply.read()
    except urllib.error.HTTPError as err:
        status, body = err.code, err.read()
    assert status == 400, (status, body[:200])


def test_service_inside_a_string_or_as_a_name_is_no_service(server) -> None:
    status, _, _ = ask(server.query_url, 'SELECT ?service WHERE { ?service ?p "SERVICE <http://x/>" } LIMIT 1')
    assert status == 200


# ------------------------------------------------------------------ item 8: deep, idle, cut
def test_a_query_nested_5000_deep_gets_400_and_the_endpoint_lives_on(server) -> None:
    status, body, _ = ask(server.query_url, DEEP)
    assert status == 400 and b"5000 levels deep" in body
    assert server.process.poll() is None
    assert articles(server.query_url) == 24


def test_kg_query_nested_5000_deep_is_a_one_line_error(store: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kg.cli", "query", DEEP, "--store", str(store)], capture_output=True, text=True
    )
    assert done.returncode == 2  # was 139: a segfault
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("kg: error: the query nests 5000 levels deep")


def test_a_timeout_in_the_middle_of_a_csv_answer_is_a_503_not_a_200(server) -> None:
    status, body, _ = ask(server.query_url, CROSS, accept="text/csv", timeout=30)
    assert status == 503, (status, body[-200:])
    assert b"cancelled" not in body
    assert articles(server.query_url) == 24


def test_the_endpoint_answers_within_2_s_while_300_idle_sockets_are_open(server) -> None:
    host, port = urllib.parse.urlsplit(server.url).hostname, urllib.parse.urlsplit(server.url).port
    idle = [socket.create_connection((host, port)) for _ in range(300)]
    try:
        started = time.monotonic()
        status, _, _ = ask(server.query_url, "ASK {}", timeout=2)
        assert status == 200 and time.monotonic() - started < 2
    finally:
        for sock in idle:
            sock.close()


# ------------------------------------------------------------------ item 5: never silently stale
def test_a_build_into_the_served_store_is_served_once_it_lands(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import main

    corpus = tmp_path / "c.jsonl"
    texts = ["زار وزير الخارجية الجزائري عبد القادر مساهل ليبيا أمس.", "التقى الرئيس المصري الرئيس التونسي في القاهرة."]
    corpus.write_text(
        "".join(json.dumps({"id": f"s{i}", "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(texts)),
        "utf-8",
    )
    store = tmp_path / "store"
    assert (
        CliRunner().invoke(main, ["build", str(corpus), "--store", str(store), "--out", str(tmp_path / "o")]).exit_code
        == 0
    )
    with start_server(store, port=free_port(), timeout_s=5, log_dir=tmp_path) as server:
        server.wait_ready()
        assert articles(server.query_url) == 2
        _, _, headers = ask(server.query_url, "ASK {}")
        first = headers.get("X-KG-Snapshot")
        more = tmp_path / "more.jsonl"
        more.write_text(
            "".join(json.dumps({"id": f"m{i}", "text": texts[i % 2]}, ensure_ascii=False) + "\n" for i in range(5)),
            "utf-8",
        )
        assert (
            CliRunner()
            .invoke(main, ["build", str(more), "--store", str(store), "--out", str(tmp_path / "o2")])
            .exit_code
            == 0
        )
        deadline = time.monotonic() + 20
        while articles(server.query_url) != 7 and time.monotonic() < deadline:
            time.sleep(0.25)
        assert articles(server.query_url) == 7  # was: 2 until kg serve was restarted
        _, _, headers = ask(server.query_url, "ASK {}")
        assert first and headers.get("X-KG-Snapshot") and headers["X-KG-Snapshot"] >= first


# ------------------------------------------------------------------ item 6: the right server
def _serve(store: Path, port: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "serve", "--store", str(store), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait_answering(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and process.poll() is None:
        if ask(url, "ASK {}", timeout=2)[0] == 200:
            return
        time.sleep(0.2)
    pytest.fail("kg serve did not answer")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL], ids=["TERM", "INT", "KILL"])
def test_a_stopped_kg_serve_takes_its_oxigraph_server_along(store: Path, tmp_path: Path, sig: int) -> None:
    port = free_port()
    process = _serve(store, port)
    _wait_answering(f"http://127.0.0.1:{port}/query", process)
    children = descendants(process.pid)
    assert children, "kg serve runs an Oxigraph server"
    process.send_signal(sig)
    process.wait(10)
    deadline = time.monotonic() + 5
    while any(running(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in children if running(pid)]
    if sig != signal.SIGKILL:
        assert process.returncode == 0
    with socket.socket() as sock:  # no one listens on the port any more
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", port))
        sock.listen()


def test_a_second_kg_serve_on_a_busy_port_fails_with_one_line(store: Path, tmp_path: Path) -> None:
    port = free_port()
    first = _serve(store, port)
    try:
        _wait_answering(f"http://127.0.0.1:{port}/query", first)
        second = subprocess.run(
            [sys.executable, "-m", "kg.cli", "serve", "--store", str(store), "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert second.returncode == 2  # was 0, "serving", while the first store answered
        (line,) = second.stderr.strip().splitlines()
        assert line.startswith("kg: error: cannot listen on 127.0.0.1:") and "--port" in line
    finally:
        first.send_signal(signal.SIGTERM)
        first.wait(10)


def test_kg_serve_refuses_a_port_out_of_range_with_a_usage_error(store: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kg.cli", "serve", "--store", str(store), "--port", "99999"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "1<=x<=65535" in done.stderr and "panicked" not in done.stderr and "RUST_BACKTRACE" not in done.stderr


def test_kg_serve_restarts_an_oxigraph_server_that_died(store: Path) -> None:
    """Was: the engine killed (by a deep query, or anything) and kg serve exiting 0, silently."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/query"
    process = _serve(store, port)
    try:
        _wait_answering(url, process)
        (engine,) = [pid for pid in descendants(process.pid) if running(pid)]
        os.kill(engine, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while ask(url, "ASK {}", timeout=2)[0] != 200 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert process.poll() is None and articles(url) == 24
        assert engine not in descendants(process.pid)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(10)
