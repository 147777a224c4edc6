"""`kg serve`: a read-only SPARQL endpoint that is safe to leave running.

Oxigraph's server answers the queries, behind a small front server of kg's own in this
process, because Oxigraph alone

- follows ``SERVICE <http://…>`` to any address (a public endpoint would be a proxy into the
  network behind it) and has no option to turn that off;
- dies on a query nested some 1,000 deep or a 2,000-long UNION chain (stack overflow);
- streams results, so a query stopped by the timeout ends a "200 OK" reply with an error
  line where the data stops (a CSV client reads it as a row);
- does not stop every runaway query (a four-way cross product ran on past its timeout);
- keeps serving what the store held when it started, whatever `kg build` adds later;
- has no predeclared prefixes (`kg query` has them), answers an unknown prefix with its
  grammar's expectations, and opens its query page empty.

The front server (a thread per connection, idle sockets dropped after IDLE_TIMEOUT_S, so a few
hundred idle or slow clients do not starve others) checks each query with
``kg.graph.guard.check_query`` (HTTP 400 for SERVICE, too deep, too big), forwards it to the
Oxigraph child on a private loopback port, and relays the reply only once it is complete: a
query that outlives the timeout gets HTTP 503, never a cut 200 (the child's own timeout is set
a little later than the front's, so the child never cancels a reply the front relays). The
front also declares kg's prefixes in each query, answers a prefix nobody declared in one line,
and serves a query page with a tab per example query (``kg.graph.query_page``). After
such a timeout, or if the child dies, a fresh child takes over and the old one is stopped.

The child serves a snapshot of the store (SST files hard-linked, the rest copied: instant,
and untouched by later writes) kept beside the store. Every POLL_S the front looks at the
store's files: once they changed and then stayed quiet for QUIET_S (a build finished), or at
the latest MAX_LAG_S into a long build, it takes a new snapshot, starts a child on it, switches
to it when it answers, and stops the old one, without refusing a query meanwhile. Replies
carry the time of the snapshot they come from (``X-KG-Snapshot``). A served store is thus never
stale by more than MAX_LAG_S, and `kg build` need not stop the server.

Every child dies with this process, even a SIGKILLed one (kg.lifetime); SIGTERM and SIGINT stop
it in order and remove its snapshots.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from kg.errors import KGError, QueryError, StoreError
from kg.graph.guard import check_query
from kg.graph.query_page import FORM, SPARQL_QUERY, prefix_error, query_page, with_kg_prefixes

POLL_S = 1.0  # how often the store's files are looked at
QUIET_S = 2.0  # a change is taken up once the files have been still this long
MAX_LAG_S = 30.0  # ... or at the latest this long after the served snapshot was taken
IDLE_TIMEOUT_S = 10.0  # a connection that sends nothing for this long is closed
MAX_CONNECTIONS = 1000  # open connections at once; past it new ones are closed at once
MAX_BODY = 1_000_000  # bytes of a request body (a query)
CHILD_EXTRA_TIMEOUT_S = 2  # the child's own query timeout is the front's plus this
READY_TIMEOUT_S = 20.0
RESTARTS_PER_MINUTE = 5  # a child dying more often than this ends kg serve
SPOOL_IN_MEMORY = 8 * 1024 * 1024  # reply bytes kept in memory before spilling to a temp file
HOP_BY_HOP = frozenset({"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "content-length"})


@dataclass(frozen=True)
class Settings:
    """How `kg serve` serves: where, which store, query timeout (None: unbounded), CORS."""

    store: Path
    host: str = "127.0.0.1"
    port: int = 7878
    timeout_s: int | None = 30
    union_default_graph: bool = True
    cors: bool = False
    log: Path | None = None  # the children's stderr (default: beside the store)


# ------------------------------------------------------------------------------ the store's state
def fingerprint(store: Path) -> tuple[tuple[str, int, int], ...]:
    """The store's files (name, size, mtime) but its logs and lock: changes with every write."""
    found = []
    with os.scandir(store) as entries:
        for entry in entries:
            if entry.name == "LOCK" or entry.name.startswith("LOG") or not entry.is_file():
                continue
            try:
                info = entry.stat()
            except FileNotFoundError:
                continue
            found.append((entry.name, info.st_size, info.st_mtime_ns))
    return tuple(sorted(found))


def snapshot(store: Path, target: Path) -> None:
    """A copy of the store at ``target`` that later writes do not touch: the immutable table
    files hard-linked (copied across file systems), manifest, write-ahead log and options
    copied, those first, so every file they name is taken. OSError when a write removed a file
    meanwhile (try again)."""
    target.mkdir(parents=True)
    names = sorted(os.listdir(store), key=lambda n: n.endswith((".sst", ".blob")))
    for name in names:
        if name == "LOCK" or name.startswith("LOG"):
            continue
        source = store / name
        if not source.is_file():
            continue
        if name.endswith((".sst", ".blob")):
            try:
                os.link(source, target / name)
                continue
            except OSError as err:
                if err.errno not in (18, 1, 95):  # EXDEV, EPERM, EOPNOTSUPP: copy instead
                    raise
        shutil.copy2(source, target / name)


# ------------------------------------------------------------------------------ the Oxigraph child
@dataclass
class Child:
    """One ``oxigraph serve-read-only`` on a loopback port, serving one snapshot."""

    process: subprocess.Popen[bytes]
    port: int
    location: Path
    snapshot: Path | None  # removed with the child (None: the live store is served)
    taken: str  # when the snapshot was taken (ISO, UTC)
    busy: int = 0  # requests in flight
    retired_at: float = 0.0  # when another child took over (monotonic)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def stop(self, timeout_s: float = 5.0) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout_s)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout_s)
        if self.snapshot is not None:
            shutil.rmtree(self.snapshot, ignore_errors=True)


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def oxigraph_binary() -> str:
    """The ``oxigraph`` executable: on PATH or beside this Python; StoreError if absent."""
    found = shutil.which("oxigraph")
    beside = Path(sys.executable).parent / "oxigraph"
    if found:
        return found
    if beside.exists():
        return str(beside)
    raise StoreError(
        "the `oxigraph` server is not installed; install it with "
        "`pip install oxigraph` (it provides the `oxigraph` command)"
    )


def start_child(settings: Settings, location: Path, snapshot_dir: Path | None, taken: str) -> Child:
    """Start Oxigraph on ``location`` on a free loopback port and wait until it answers;
    StoreError with its error output if it does not."""
    last = ""
    for _attempt in range(3):  # a free port can be taken between the probe and the bind
        port = free_port()
        command = [oxigraph_binary(), "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
        if settings.union_default_graph:
            command.append("--union-default-graph")
        if settings.timeout_s is not None:
            command += ["--timeout-s", str(int(settings.timeout_s) + CHILD_EXTRA_TIMEOUT_S)]
        if settings.cors:
            command.append("--cors")
        log = settings.log or settings.store.parent / f"oxigraph-{settings.port}.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        with open(log, "ab") as stderr:
            # `python -m kg.lifetime`: the child dies with this process, however it ends
            process = subprocess.Popen(
                [sys.executable, "-m", "kg.lifetime", *command],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                env={**os.environ, "KG_PARENT_PID": str(os.getpid())},
            )
        child = Child(process, port, location, snapshot_dir, taken)
        if _wait_answering(child):
            return child
        child.stop()
        last = _tail(log)
    raise StoreError(f"the Oxigraph server did not start on {location}: {last or '(no error output)'}")


def _wait_answering(child: Child, timeout_s: float = READY_TIMEOUT_S) -> bool:
    deadline = time.monotonic() + timeout_s
    delay = 0.02
    while time.monotonic() < deadline:
        if child.process.poll() is not None:
            return False
        try:
            conn = http.client.HTTPConnection("127.0.0.1", child.port, timeout=2)
            conn.request("GET", "/query?query=" + urllib.parse.quote("ASK {}"))
            if conn.getresponse().status == 200:
                return True
        except OSError:
            pass
        finally:
            conn.close()
        time.sleep(delay)
        delay = min(delay * 2, 0.25)
    return False


def _tail(log: Path) -> str:
    try:
        return " ".join(log.read_text(encoding="utf-8", errors="replace").split()[-60:])
    except OSError:
        return ""


# ------------------------------------------------------------------------------ the front server
class Front(ThreadingHTTPServer):
    """The public listener: one thread per connection, at most MAX_CONNECTIONS of them."""

    daemon_threads = True
    request_queue_size = 1024
    allow_reuse_address = True

    def __init__(self, endpoint: Endpoint, host: str, port: int) -> None:
        self.endpoint = endpoint
        self.page = query_page()
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.open_connections = 0
        self.count_lock = threading.Lock()
        super().__init__((host, port), Handler)

    def server_bind(self) -> None:  # no reverse DNS lookup of the address (HTTPServer's)
        socket.socket.setsockopt(self.socket, socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.socket.bind(self.server_address)
        self.server_address = self.socket.getsockname()
        self.server_name, self.server_port = str(self.server_address[0]), int(self.server_address[1])

    def process_request(self, request: Any, client_address: Any) -> None:
        with self.count_lock:
            full = self.open_connections >= MAX_CONNECTIONS
            if not full:
                self.open_connections += 1
        if full:
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self.count_lock:
                self.open_connections -= 1

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hung up or timed out: nothing to tell anyone


class Handler(BaseHTTPRequestHandler):
    """One connection: check the request, forward it to the current child, relay the reply."""

    protocol_version = "HTTP/1.1"
    server_version = "kg-serve"
    sys_version = ""
    timeout = IDLE_TIMEOUT_S
    server: Front

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (BaseHTTPRequestHandler's name)
        pass

    def version_string(self) -> str:
        return self.server_version

    def do_GET(self) -> None:
        self._handle(body=b"")

    def do_HEAD(self) -> None:
        self._handle(body=b"")

    def do_OPTIONS(self) -> None:
        self._handle(body=b"")

    def do_POST(self) -> None:
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            self.close_connection = True
            self._reply(411, "a POST needs a Content-Length\n")
            return
        if int(length) > MAX_BODY:
            self.close_connection = True
            self._reply(413, f"the request body is over {MAX_BODY:,} bytes\n")
            return
        self._handle(body=self.rfile.read(int(length)))

    def do_PUT(self) -> None:
        self._refuse_write()

    def do_DELETE(self) -> None:
        self._refuse_write()

    def do_PATCH(self) -> None:
        self._refuse_write()

    def _refuse_write(self) -> None:
        self.close_connection = True
        self._reply(403, "this endpoint is read-only\n")

    def _handle(self, body: bytes) -> None:
        path = urllib.parse.urlsplit(self.path).path.rstrip("/") or "/"
        if path == "/update" or (path == "/store" and self.command == "POST"):
            self._reply(403, "this endpoint is read-only: updates are refused\n")
            return
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if path == "/query" and self.command == "POST" and kind not in (FORM, SPARQL_QUERY):
            self._reply(415, f"send a query as {FORM} or {SPARQL_QUERY}\n")
            return
        # every query the request carries, wherever it is and whatever the path: Oxigraph must
        # not run one that was not checked (two `query` values could be read differently)
        texts = self._query_texts(body, kind)
        if len(texts) > 1:
            self._reply(400, "give one query per request\n")
            return
        try:
            for text in texts:
                check_query(text)
        except QueryError as err:
            self._reply(400, f"{err}\n")
            return
        if path in ("/", "/index.html") and self.command in ("GET", "HEAD") and not texts:
            self._reply(200, self.server.page, {}, "text/html; charset=utf-8")
            return
        target, body = with_kg_prefixes(self.command, self.path, body, kind)
        self.server.endpoint.forward(self, target, body, texts[0] if texts else None)

    def _query_texts(self, body: bytes, kind: str) -> list[str]:
        """The queries of a request: ``query=`` in the URL or a form body, or a body of type
        application/sparql-query."""
        texts = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query).get("query", [])
        if self.command == "POST" and kind == FORM:
            texts += urllib.parse.parse_qs(body.decode("utf-8", "replace")).get("query", [])
        elif self.command == "POST" and kind == SPARQL_QUERY:
            texts.append(body.decode("utf-8", "replace"))
        return texts

    def _reply(
        self, status: int, text: str, headers: dict[str, str] | None = None, kind: str = "text/plain; charset=utf-8"
    ) -> None:
        data = text.encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)
        except OSError:
            self.close_connection = True


# ------------------------------------------------------------------------------ the endpoint
class Endpoint:
    """The front server, its current Oxigraph child, and the loop that keeps both right."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.child: Child | None = None
        self.retired: list[Child] = []  # replaced children, stopped once idle
        self.swap_lock = threading.Lock()
        self.stopping = threading.Event()
        self.timed_out = threading.Event()  # a reply outlived the timeout: the child may be stuck
        self.restarts: list[float] = []
        self.snapshots = True  # False when no snapshot can be made beside the store
        self.front: Front | None = None
        self.served: tuple[tuple[str, int, int], ...] = ()
        self.served_at = 0.0  # monotonic time the served state was taken
        self.last_seen: tuple[tuple[str, int, int], ...] = ()
        self.last_change = 0.0

    # -------------------------------------------------------------- lifecycle
    def open(self) -> Endpoint:
        """Bind the public port (StoreError when taken), take a snapshot and start a child."""
        from kg.corpus import clean_stale_temps

        store = self.settings.store
        if not (store / "CURRENT").exists():
            raise StoreError(f"no store at {store} to serve; build one first or give --store")
        try:
            self.front = Front(self, self.settings.host, self.settings.port)
        except OSError as err:
            raise StoreError(
                f"cannot listen on {self.settings.host}:{self.settings.port}: "
                f"{err.strerror or err} (another kg serve or program uses it?); choose another --port"
            ) from None
        clean_stale_temps(store.parent)  # snapshots of a kg serve that was killed
        try:
            self.child = self._new_child()
        except BaseException:
            self.front.server_close()
            raise
        threading.Thread(target=self.front.serve_forever, name="kg-serve-front", daemon=True).start()
        return self

    @property
    def url(self) -> str:
        assert self.front is not None
        host = self.settings.host
        return f"http://{f'[{host}]' if ':' in host else host}:{self.front.server_port}"

    def run(self, note: Callable[[str], None]) -> int:
        """Keep the endpoint right until SIGTERM/SIGINT (exit code 0) or a child that keeps
        dying (StoreError)."""
        last_poll = 0.0
        while not self.stopping.wait(0.2):
            child = self.child
            assert child is not None
            if child.process.poll() is not None:
                self._restarted(
                    note, f"the Oxigraph server stopped (exit code {child.process.returncode}); restarted it"
                )
                continue
            if self.timed_out.is_set():  # Oxigraph does not stop every runaway query itself
                self.timed_out.clear()
                try:
                    self._swap(self._new_child(), note, "a query outlived the timeout: replaced the server")
                except StoreError as err:
                    note(f"kg serve: could not replace the server after a timeout ({err}); keeping it")
            now = time.monotonic()
            if now - last_poll >= POLL_S:
                last_poll = now
                self._maybe_reload(note, now)
            self._stop_idle_retired()
        return 0

    def close(self) -> None:
        self.stopping.set()
        if self.front is not None:
            self.front.shutdown()
            self.front.server_close()
        for child in [*self.retired, *([self.child] if self.child else [])]:
            child.stop()
        self.retired, self.child = [], None

    # -------------------------------------------------------------- children and snapshots
    def _new_child(self) -> Child:
        """A child on a fresh snapshot of the store."""
        store = self.settings.store
        state, taken = fingerprint(store), _now()
        target = self._take_snapshot() if self.snapshots else None
        child = start_child(self.settings, target or store, target, taken)
        self.served, self.served_at = state, time.monotonic()
        return child

    def _take_snapshot(self) -> Path | None:
        from kg.corpus import temp_path

        store = self.settings.store
        for _attempt in range(5):
            target = temp_path(store.parent / f"{store.name}.serve")
            try:
                snapshot(store, target)
                return target
            except FileNotFoundError:  # a write replaced a file meanwhile: again
                shutil.rmtree(target, ignore_errors=True)
                time.sleep(0.1)
            except OSError as err:
                shutil.rmtree(target, ignore_errors=True)
                self.snapshots = False
                print(
                    f"kg serve: cannot keep snapshots beside the store ({err.strerror or err}); serving the "
                    "store itself, restarted when it changes",
                    file=sys.stderr,
                )
                return None
        return None

    def _swap(self, new: Child, note: Callable[[str], None], why: str) -> None:
        with self.swap_lock:
            old, self.child = self.child, new
        if old is not None:
            old.retired_at = time.monotonic()
            self.retired.append(old)
        note(f"kg serve: {why}")

    def _stop_idle_retired(self) -> None:
        """Stop the replaced children once their last request is answered (or timed out)."""
        keep = []
        limit = (self.settings.timeout_s or 60) + CHILD_EXTRA_TIMEOUT_S + 1
        for child in self.retired:
            if child.busy == 0 or time.monotonic() - child.retired_at > limit:
                child.stop()
            else:
                keep.append(child)
        self.retired = keep

    def _restarted(self, note: Callable[[str], None], why: str) -> None:
        now = time.monotonic()
        self.restarts = [t for t in self.restarts if now - t < 60] + [now]
        if len(self.restarts) > RESTARTS_PER_MINUTE:
            raise StoreError(f"the Oxigraph server stopped {len(self.restarts)} times within a minute; gave up")
        self._swap(self._new_child(), note, why)

    def _maybe_reload(self, note: Callable[[str], None], now: float) -> None:
        try:
            state = fingerprint(self.settings.store)
        except OSError:
            return  # the store folder is being replaced: look again later
        if state != self.last_seen:
            self.last_seen, self.last_change = state, now
        if state == self.served:
            return
        quiet = now - self.last_change >= QUIET_S
        if quiet or now - self.served_at >= MAX_LAG_S:
            try:
                child = self._new_child()
            except StoreError as err:
                note(f"kg serve: the store changed but could not be served yet ({err}); trying again")
                return
            self._swap(child, note, f"the store changed: now serving it as of {child.taken}")

    # -------------------------------------------------------------- forwarding
    def forward(self, handler: Handler, target: str, body: bytes, query: str | None) -> None:
        """Send the request (``target``: its path and query string, kg's prefixes declared) to
        the current child and relay its reply once complete: 503 when it is not complete within
        the timeout, 502 when the child failed, a one-line 400 for a prefix nobody declared."""
        with self.swap_lock:
            child = self.child
        if child is None:
            handler._reply(503, "the endpoint is stopping\n")
            return
        with child.lock:
            child.busy += 1
        try:
            self._forward_to(child, handler, target, body, query)
        finally:
            with child.lock:
                child.busy -= 1

    def _forward_to(self, child: Child, handler: Handler, target: str, body: bytes, query: str | None) -> None:
        timeout = self.settings.timeout_s
        deadline = None if timeout is None else time.monotonic() + timeout
        headers = {k: v for k, v in handler.headers.items() if k.lower() not in HOP_BY_HOP and k.lower() != "host"}
        conn = http.client.HTTPConnection("127.0.0.1", child.port, timeout=timeout if timeout else None)
        try:
            conn.request(handler.command, target, body=body or None, headers=headers)
            reply = conn.getresponse()
            if reply.status == 400 and query is not None and (message := prefix_error(query)):
                reply.read()
                handler._reply(400, message)
                return
            with _spooled() as data:
                _copy(conn, reply, data, deadline)
                size = data.tell()
                data.seek(0)
                self._relay(handler, child, reply, data, size)
        except TimeoutError:
            self.timed_out.set()
            handler.close_connection = True
            handler._reply(
                503,
                f"the query took longer than {timeout} s and was stopped; narrow it (LIMIT, more specific patterns)\n",
            )
        except (OSError, http.client.HTTPException):
            handler.close_connection = True
            if child.process.poll() is None and self.child is child:
                handler._reply(502, "the SPARQL server failed to answer; try again\n")
            else:
                handler._reply(502, "the SPARQL server stopped while answering (it is restarted); try again\n")
        finally:
            conn.close()

    def _relay(self, handler: Handler, child: Child, reply: http.client.HTTPResponse, data: Any, size: int) -> None:
        try:
            handler.send_response(reply.status, reply.reason)
            for name, value in reply.getheaders():
                if name.lower() not in HOP_BY_HOP and name.lower() not in ("server", "date"):
                    handler.send_header(name, value)
            handler.send_header("Content-Length", str(size))
            handler.send_header("X-KG-Snapshot", child.taken)
            handler.end_headers()
            if handler.command != "HEAD":
                shutil.copyfileobj(data, handler.wfile, 64 * 1024)
        except OSError:
            handler.close_connection = True


@contextlib.contextmanager
def _spooled() -> Iterator[Any]:
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY) as data:
        yield data


def _copy(conn: http.client.HTTPConnection, reply: http.client.HTTPResponse, out: Any, deadline: float | None) -> None:
    """Read the whole reply into ``out``; TimeoutError past ``deadline``; http.client's
    IncompleteRead when the child cut it."""
    while True:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            if conn.sock is not None:
                conn.sock.settimeout(left)
        chunk = reply.read1(64 * 1024)
        if not chunk:
            return
        out.write(chunk)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# ------------------------------------------------------------------------------ running it
def serve(
    settings: Settings, on_ready: Callable[[str], None] | None = None, note: Callable[[str], None] = print
) -> int:
    """Serve until SIGTERM or SIGINT (Ctrl-C); returns the exit code (0). StoreError when the
    port is taken, the store is missing, or the Oxigraph server cannot be kept running."""
    endpoint = Endpoint(settings)

    def stop(_signum: int, _frame: Any) -> None:
        endpoint.stopping.set()

    main = threading.current_thread() is threading.main_thread()
    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)} if main else {}
    try:
        endpoint.open()
        if on_ready is not None:
            on_ready(endpoint.url + "/query")
        return endpoint.run(note)
    except KGError:
        raise
    finally:
        endpoint.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
