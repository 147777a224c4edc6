"""The front of ``kg serve``: kg's predeclared prefixes on the endpoint, clear errors, and a query
page that offers the bundled example queries.

Oxigraph's server has no predeclared prefixes (``kg query`` has them), answers an unknown prefix
with its grammar's expectations, and its query page starts empty. This small HTTP server stands
in front of it on the public address and passes every request through to Oxigraph on a loopback
port, with three changes:

- a query (``/query`` or ``/sparql``; GET, form POST or ``application/sparql-query``) gets
  ``PREFIX`` declarations for the kg prefixes it uses without declaring them
  (``kg.graph.sparql.with_prefixes``), so the README's ``?a kg:consults ?b`` works as typed;
- when Oxigraph refuses a query that uses a prefix nobody declared, the reply says so in one
  line, naming the predeclared prefixes;
- ``/`` is Oxigraph's own query page (YASGUI, served by Oxigraph) opened with one tab per
  example query of ``ontology/queries``.

Answers stream through unchanged (status, media type, body), so SPARQLWrapper, curl and YASGUI
see Oxigraph's protocol.
"""

from __future__ import annotations

import html
import http.client
import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from typing import Any

from kg.graph.sparql import unknown_prefixes, with_prefixes
from kg.graph.vocab import PREFIXES

QUERY_PATHS = ("/query", "/sparql")
MAX_BODY = 16 * 2**20  # bytes of a request body (a query is text; a bigger body is refused)
CHUNK = 64 * 1024
PASSED_HEADERS = ("Accept", "Accept-Language", "User-Agent")
ANSWER_HEADERS = ("Content-Type", "Content-Disposition", "Cache-Control", "Vary")


def example_queries() -> list[tuple[str, str]]:
    """(name, text) of each query shipped in ontology/queries, sorted by name."""
    folder = files("kg") / "ontology" / "queries"
    found = [(p.name[:-3], p.read_text(encoding="utf-8")) for p in folder.iterdir() if p.name.endswith(".rq")]
    return sorted(found)


def query_page() -> str:
    """Oxigraph's YASGUI page (its own /yasgui.min.js and .css) with a tab per example query."""
    tabs = json.dumps([{"name": name, "query": text} for name, text in example_queries()], ensure_ascii=False)
    tabs = tabs.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    prefixes = ", ".join(f"{p}:" for p in PREFIXES)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>kg SPARQL endpoint</title>
<link href="./yasgui.min.css" rel="stylesheet" type="text/css">
<script src="./yasgui.min.js"></script>
<style>body {{ margin: 0; font-family: sans-serif; }} .kg-note {{ padding: 6px 12px; font-size: 13px;
  color: #475569; border-bottom: 1px solid #e2e8f0; }}</style>
</head>
<body>
<div class="kg-note">kg's read-only endpoint: the default graph is the union of the articles'
graphs; {html.escape(prefixes)} are predeclared. Each tab is one of kg's example queries.</div>
<div id="yasgui"></div>
<script>
  const endpoint = window.location.origin + "/query";
  const examples = {tabs};
  const yasgui = new Yasgui(document.getElementById("yasgui"), {{
    requestConfig: {{ endpoint: endpoint }}, copyEndpointOnNewTab: true, persistenceId: null,
  }});
  for (const example of examples) {{
    const tab = {{ name: example.name, yasqe: {{ value: example.query }}, requestConfig: {{ endpoint: endpoint }} }};
    yasgui.addTab(false, tab);
  }}
</script>
</body>
</html>
"""


class Front(ThreadingHTTPServer):
    """The front server: requests go to ``upstream`` (``http://127.0.0.1:PORT``)."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], upstream: str, timeout_s: float) -> None:
        parts = urllib.parse.urlsplit(upstream)
        self.upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self.timeout_s = timeout_s
        self.page = query_page().encode("utf-8")
        self._thread: threading.Thread | None = None
        super().__init__(address, _Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        host = str(host)
        return f"http://{f'[{host}]' if ':' in host else host}:{port}"

    @property
    def query_url(self) -> str:
        return f"{self.url}/query"

    def start(self) -> Front:
        """Serve in a background thread; returns self."""
        self._thread = threading.Thread(target=self.serve_forever, name="kg-endpoint-front", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


def start_front(host: str, port: int, upstream: str, timeout_s: float = 60.0) -> Front:
    """The front listening on ``host:port``, passing requests to ``upstream``."""
    return Front((host, port), upstream, timeout_s).start()


class _Handler(BaseHTTPRequestHandler):
    server: Front
    server_version = "kg-endpoint"

    def log_message(self, format: str, *args: Any) -> None:  # quiet: the CLI prints what matters
        return

    # ------------------------------------------------------------------ requests
    def do_GET(self) -> None:
        path, _, raw = self.path.partition("?")
        if path in ("/", "/index.html"):
            return self._answer(200, "text/html; charset=utf-8", self.server.page)
        if path in QUERY_PATHS and raw:
            params = urllib.parse.parse_qsl(raw, keep_blank_values=True)
            query = next((v for k, v in params if k == "query"), None)
            if query is not None:
                fixed = [(k, with_prefixes(v) if k == "query" else v) for k, v in params]
                target = f"{path}?{urllib.parse.urlencode(fixed)}"
                return self._forward("GET", target, None, query)
        self._forward("GET", self.path, None, None)

    def do_HEAD(self) -> None:
        self._forward("HEAD", self.path, None, None)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            return self._answer(413, "text/plain; charset=utf-8", b"the request body is too large\n")
        body = self.rfile.read(length) if length else b""
        path = self.path.partition("?")[0]
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        query = None
        if path in QUERY_PATHS and kind == "application/x-www-form-urlencoded":
            params = urllib.parse.parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
            query = next((v for k, v in params if k == "query"), None)
            if query is not None:
                body = urllib.parse.urlencode(
                    [(k, with_prefixes(v) if k == "query" else v) for k, v in params]
                ).encode()
        elif path in QUERY_PATHS and kind == "application/sparql-query":
            query = body.decode("utf-8", "replace")
            body = with_prefixes(query).encode("utf-8")
        self._forward("POST", self.path, body, query)

    # ------------------------------------------------------------------ passing through
    def _forward(self, method: str, target: str, body: bytes | None, query: str | None) -> None:
        headers = {k: v for k in PASSED_HEADERS if (v := self.headers.get(k))}
        if body is not None:
            headers["Content-Type"] = self.headers.get("Content-Type") or "application/octet-stream"
            headers["Content-Length"] = str(len(body))
        host, port = self.server.upstream
        upstream = http.client.HTTPConnection(host, port, timeout=self.server.timeout_s)
        try:
            upstream.request(method, target, body=body, headers=headers)
            reply = upstream.getresponse()
            if reply.status == 400 and query is not None and (unknown := sorted(unknown_prefixes(query))):
                reply.read()
                return self._answer(400, "text/plain; charset=utf-8", _prefix_error(unknown).encode("utf-8"))
            self.send_response(reply.status, reply.reason)
            for name in ANSWER_HEADERS:
                if value := reply.getheader(name):
                    self.send_header(name, value)
            self.send_header("Connection", "close")
            self.end_headers()
            if method == "HEAD":
                return
            while chunk := reply.read(CHUNK):
                self.wfile.write(chunk)
        except (ConnectionError, TimeoutError, http.client.HTTPException, OSError) as err:
            try:
                self._answer(502, "text/plain; charset=utf-8", f"the SPARQL server did not answer: {err}\n".encode())
            except OSError:
                pass  # the client went away too
        finally:
            upstream.close()

    def _answer(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def _prefix_error(unknown: list[str]) -> str:
    names = ", ".join(f"{p}:" for p in unknown)
    return (
        f"The query uses the prefix {names} without declaring it. Declare it (PREFIX {unknown[0]}: <http://...>) "
        f"or use one of the prefixes kg predeclares: {', '.join(p + ':' for p in PREFIXES)}\n"
    )
