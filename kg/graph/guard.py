"""What a SPARQL query may hold before Oxigraph sees it: bounded nesting and size, no SERVICE.

Oxigraph parses and plans recursively: a query nested 1,000 deep, or a chain of 2,000 UNIONs,
overflows its stack and kills the process (`kg query` with a segfault, `kg serve`'s server for
every client). And ``SERVICE <http://…>`` makes the engine send HTTP requests wherever the query
says, which turns a public read-only endpoint into a proxy into the network behind it (SSRF).
``check_query`` refuses both before parsing, with a message that says what to change; the
store (``Store.query``) and the endpoint (``kg.graph.endpoint``) call it.

The check reads tokens, not the grammar: comments, strings and IRIs are skipped, so a
``SERVICE`` or a brace inside them counts for nothing, while prefixed names (``ex:SERVICE``),
variables (``?service``) and language tags are names, not the keyword.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.errors import QueryError

#: Deepest nesting of { ( [ a query may have (real queries stay under 20; Oxigraph's server
#: died at 1,000 on this machine).
MAX_QUERY_DEPTH = 128
#: Most operators and brackets (tree nodes) a query may have (a 2,000-UNION chain killed the
#: server; the bundled queries have under 150).
MAX_QUERY_NODES = 1500
#: Longest query text, in characters.
MAX_QUERY_CHARS = 1_000_000

_TOKEN = re.compile(
    r"""
      (?P<space>\s+)
    | (?P<comment>\#[^\n]*)
    | (?P<string>"{3}(?:[^"\\]|\\.|"(?!""))*"{3} | '{3}(?:[^'\\]|\\.|'(?!''))*'{3}
                | "(?:[^"\\\n]|\\.)*" | '(?:[^'\\\n]|\\.)*')
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
    | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
    | (?P<name>[^\W\d][\w.\-]*(?::(?:[\w.\-:%]|\\.)*)? | :(?:[\w.\-:%]|\\.)* | \d[\w.]*)
    | (?P<open>[{(\[])
    | (?P<close>[})\]])
    | (?P<op>&&|\|\||\^\^|<=|>=|!=|[=<>!+\-*/|^])
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_NODE_WORDS = frozenset({"UNION", "OPTIONAL", "MINUS", "FILTER", "BIND", "GRAPH", "VALUES", "EXISTS", "SELECT"})


@dataclass(frozen=True)
class QueryShape:
    """What ``shape`` found: deepest nesting, tree nodes, whether SERVICE is used."""

    depth: int
    nodes: int
    service: bool


def shape(text: str) -> QueryShape:
    """The nesting depth, node count and SERVICE use of a SPARQL query or update text."""
    depth = deepest = nodes = 0
    service = False
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == "open":
            depth += 1
            nodes += 1
            deepest = max(deepest, depth)
        elif kind == "close":
            depth = max(depth - 1, 0)
        elif kind == "op":
            nodes += 1
        elif kind == "name":
            word = m.group().upper()
            if word == "SERVICE":
                service = True
            elif word in _NODE_WORDS:
                nodes += 1
    return QueryShape(deepest, nodes, service)


def check_query(text: str, *, allow_service: bool = False) -> None:
    """QueryError when ``text`` is too long, nests deeper than MAX_QUERY_DEPTH, has more than
    MAX_QUERY_NODES operators and brackets, or (unless ``allow_service``) uses SERVICE."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is {len(text):,} characters long; the limit is {MAX_QUERY_CHARS:,}")
    found = shape(text)
    if found.depth > MAX_QUERY_DEPTH:
        raise QueryError(
            f"the query nests {found.depth} levels deep (braces, brackets, parentheses); the limit is "
            f"{MAX_QUERY_DEPTH}: flatten it"
        )
    if found.nodes > MAX_QUERY_NODES:
        raise QueryError(
            f"the query has {found.nodes} operators and groups; the limit is {MAX_QUERY_NODES}: split it "
            "into several queries, or give long lists of alternatives as a list of values"
        )
    if found.service and not allow_service:
        raise QueryError(
            "SERVICE (federated query) is turned off: kg answers from its own store and does not "
            "fetch other addresses; query the other endpoint directly"
        )
