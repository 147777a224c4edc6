"""Share the graph over HTTP: serve a store as a read-only SPARQL endpoint, or push to a server.

``serve`` runs `kg serve` in this process (``kg.graph.endpoint``: Oxigraph's server behind a
guarding front, on a snapshot that follows the store). ``start_server`` starts it in the
background as a `kg serve` process (or, ``read_only=False``, a plain read-write ``oxigraph
serve``, e.g. as a target to push to). The endpoints are ``/query`` (SPARQL 1.1 Protocol),
``/update`` (read-write only) and ``/store`` (SPARQL 1.1 Graph Store Protocol); the default graph
is the union of the articles' graphs, as in ``kg query``. ``push`` sends each article's named
graph to any Graph Store Protocol server with HTTP PUT, so pushing again replaces the graphs
rather than duplicating them, and merges the shared entity graph with POST.
"""

from __future__ import annotations

import base64
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import StoreError
from kg.graph.endpoint import oxigraph_binary
from kg.graph.store import ENTITY_GRAPH_IRI, Store, default_store_path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
READY_TIMEOUT_S = 30.0
#: Seconds a query may run before the server stops it (with HTTP 503, see kg.graph.endpoint).
DEFAULT_QUERY_TIMEOUT_S = 30


@dataclass
class Server:
    """A server running in another process. Stop it with ``stop()`` or a ``with`` block."""

    url: str
    process: subprocess.Popen[bytes]
    read_only: bool
    _stderr: Path | None = field(default=None, repr=False)

    @property
    def query_url(self) -> str:
        return f"{self.url}/query"

    @property
    def update_url(self) -> str:
        return f"{self.url}/update"

    @property
    def store_url(self) -> str:
        """The Graph Store Protocol endpoint (``?graph=<iri>`` or ``?default``)."""
        return f"{self.url}/store"

    def wait_ready(self, timeout_s: float = READY_TIMEOUT_S) -> Server:
        """Poll until the server answers a query; StoreError if it exits or times out."""
        deadline = time.monotonic() + timeout_s
        probe = f"{self.query_url}?query={urllib.parse.quote('ASK {}')}"
        delay = 0.05
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise StoreError(
                    f"the server exited (code {self.process.returncode}) before it was ready: {self._error_text()}"
                )
            try:
                with urllib.request.urlopen(probe, timeout=2) as reply:
                    if reply.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(delay)
            delay = min(delay * 2, 0.5)
        self.stop()
        raise StoreError(f"the server at {self.url} did not answer within {timeout_s:g} s")

    def stop(self, timeout_s: float = 10.0) -> int:
        """Stop the server with SIGTERM (SIGKILL if it does not stop) and return its exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout_s)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout_s)
        return self.process.returncode

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _error_text(self) -> str:
        if self._stderr is None or not self._stderr.exists():
            return "(no error output)"
        return self._stderr.read_text(encoding="utf-8", errors="replace").strip()[-2000:] or "(no error output)"


def start_server(
    store_path: str | Path | None,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    read_only: bool = True,
    *,
    union_default_graph: bool = True,
    timeout_s: int | None = DEFAULT_QUERY_TIMEOUT_S,
    cors: bool = False,
    log_dir: str | Path | None = None,
) -> Server:
    """Start a server on the store in the background; returns at once (call ``wait_ready()``).

    Read-only (the default), it is `kg serve` (see ``kg.graph.endpoint``) in a process of its
    own; ``timeout_s`` bounds each query (None: no bound). ``read_only=False`` starts a plain
    ``oxigraph serve``, which takes the store's lock and writes (a push target). The server's
    stderr goes to ``log_dir/kg-serve-<port>.log`` or ``oxigraph-<port>.log`` (default: the
    store's parent folder). ``store_path`` None means the default store ($KG_STORE, else
    ~/.local/share/kg/store), as for every other command.
    """
    location = Path(store_path).expanduser() if store_path is not None else default_store_path()
    if read_only and not (location / "CURRENT").exists():
        raise StoreError(f"no store at {location} to serve; build one first or give --store")
    log = Path(log_dir) if log_dir is not None else location.parent
    log.mkdir(parents=True, exist_ok=True)
    if read_only:
        command = [sys.executable, "-m", "kg.cli", "serve", "--store", str(location), "--host", host]
        command += ["--port", str(port), "--log", str(log / f"oxigraph-{port}.log")]
        command += ["--timeout", str(int(timeout_s))] if timeout_s is not None else ["--no-timeout"]
        if not union_default_graph:
            command.append("--no-union")
        if cors:
            command.append("--cors")
        stderr_path = log / f"kg-serve-{port}.log"
    else:
        command = [oxigraph_binary(), "serve", "--location", str(location), "--bind", f"{host}:{port}"]
        if union_default_graph:
            command.append("--union-default-graph")
        if timeout_s is not None:
            command += ["--timeout-s", str(int(timeout_s))]
        if cors:
            command.append("--cors")
        command = [sys.executable, "-m", "kg.lifetime", *command]  # dies with this process
        stderr_path = log / f"oxigraph-{port}.log"
    with stderr_path.open("wb") as stderr:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env={**os.environ, "KG_PARENT_PID": str(os.getpid())},
        )
    url_host = f"[{host}]" if ":" in host else host
    return Server(url=f"http://{url_host}:{port}", process=process, read_only=read_only, _stderr=stderr_path)


def serve(
    store_path: str | Path | None,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    *,
    union_default_graph: bool = True,
    timeout_s: int | None = DEFAULT_QUERY_TIMEOUT_S,
    cors: bool = False,
    log: str | Path | None = None,
    on_ready: Callable[[str], None] | None = None,
    note: Callable[[str], None] | None = None,
) -> int:
    """Serve the store read-only until SIGTERM or Ctrl-C; returns the exit code (0).

    ``on_ready(query_url)`` is called once it answers (the CLI prints it); ``note(line)`` gets
    what happens meanwhile (reloads, restarts). StoreError when the port is taken or the store
    cannot be served.
    """
    from kg.graph.endpoint import Settings
    from kg.graph.endpoint import serve as run  # kg serve's own modules load only for serving

    location = Path(store_path).expanduser() if store_path is not None else default_store_path()
    settings = Settings(
        store=location,
        host=host,
        port=port,
        timeout_s=timeout_s,
        union_default_graph=union_default_graph,
        cors=cors,
        log=Path(log) if log is not None else None,
    )
    return run(settings, on_ready=on_ready, note=note or (lambda line: print(line, file=sys.stderr, flush=True)))


def send_graph(
    base: str,
    iri: str,
    body: bytes,
    *,
    method: str = "PUT",
    headers: dict[str, str] | None = None,
    timeout_s: float = 60.0,
) -> None:
    """One Graph Store Protocol request: PUT replaces graph ``iri`` at ``base`` (the server's
    store URL) with N-Triples ``body``, POST merges into it. StoreError names the graph a server
    refused, or says it cannot be reached."""
    url = f"{base}?graph={urllib.parse.quote(iri, safe='')}"
    request = urllib.request.Request(
        url, data=body, method=method, headers=headers or {"Content-Type": "application/n-triples"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as reply:
            reply.read()
    except urllib.error.HTTPError as err:
        detail = err.read().decode("utf-8", errors="replace").strip()[:500]
        raise StoreError(f"{base} refused graph {iri} (HTTP {err.code}): {detail}") from err
    except (urllib.error.URLError, ConnectionError, TimeoutError) as err:
        raise StoreError(f"cannot reach {base}: {getattr(err, 'reason', err)}") from err


def push(
    store: Store,
    endpoint_url: str,
    *,
    store_path: str = "/store",
    graphs: Iterable[str] | None = None,
    auth: tuple[str, str] | None = None,
    timeout_s: float = 60.0,
) -> int:
    """PUT each article's named graph to ``<endpoint_url><store_path>?graph=<iri>``; POST the
    shared entity graph.

    The SPARQL 1.1 Graph Store Protocol's PUT replaces an article's graph, so a re-push leaves
    the server as after one push. The shared entity graph (types and labels of every actor) is
    merged (POST) instead: other stores pushed to the same server keep their actors' labels,
    and a re-push adds nothing new since a graph is a set. ``store_path`` is ``/store`` for
    Oxigraph (``/<dataset>/data`` for Fuseki). ``graphs`` limits the push to those IRIs.
    Returns the number of graphs sent; StoreError names the first graph the server refused.
    """
    base = endpoint_url.rstrip("/") + "/" + store_path.strip("/")
    headers = {"Content-Type": "application/n-triples"}
    if auth is not None:
        token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
        headers["Authorization"] = f"Basic {token}"
    sent = 0
    for iri in store.all_graphs() if graphs is None else list(graphs):
        method = "POST" if iri == ENTITY_GRAPH_IRI else "PUT"
        send_graph(base, iri, store.graph_ntriples(iri), method=method, headers=headers, timeout_s=timeout_s)
        sent += 1
    return sent
