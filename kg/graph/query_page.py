"""What `kg serve` adds to Oxigraph's protocol for people: kg's predeclared prefixes in every
query, a one-line answer for a prefix nobody declared, and a query page with one tab per example
query of ``ontology/queries`` (Oxigraph's own YASGUI assets, nothing from a CDN)."""

from __future__ import annotations

import html
import json
import urllib.parse
from importlib.resources import files

from kg.graph.sparql import unknown_prefixes, with_prefixes
from kg.graph.vocab import PREFIXES

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"


def example_queries() -> list[tuple[str, str]]:
    """(name, text) of each query shipped in ontology/queries, sorted by name."""
    folder = files("kg") / "ontology" / "queries"
    found = [(p.name[:-3], p.read_text(encoding="utf-8")) for p in folder.iterdir() if p.name.endswith(".rq")]
    return sorted(found)


def with_kg_prefixes(command: str, path: str, body: bytes, kind: str) -> tuple[str, bytes]:
    """The request's target and body with kg's prefixes declared in its query (URL ``query=``,
    a form body, or an application/sparql-query body); anything else unchanged."""
    target, sep, raw = path.partition("?")
    if raw:
        params = urllib.parse.parse_qsl(raw, keep_blank_values=True)
        if any(k == "query" for k, _ in params):
            fixed = [(k, with_prefixes(v) if k == "query" else v) for k, v in params]
            path = f"{target}?{urllib.parse.urlencode(fixed)}"
    if command == "POST" and kind == FORM:
        params = urllib.parse.parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
        if any(k == "query" for k, _ in params):
            body = urllib.parse.urlencode([(k, with_prefixes(v) if k == "query" else v) for k, v in params]).encode()
    elif command == "POST" and kind == SPARQL_QUERY:
        body = with_prefixes(body.decode("utf-8", "replace")).encode("utf-8")
    return path, body


def prefix_error(query: str) -> str | None:
    """The one-line answer for a query that uses a prefix nobody declared, or None."""
    unknown = sorted(unknown_prefixes(query))
    if not unknown:
        return None
    names = ", ".join(f"{p}:" for p in unknown)
    return (
        f"The query uses the prefix {names} without declaring it. Declare it (PREFIX {unknown[0]}: <http://...>) "
        f"or use one of the prefixes kg predeclares: {', '.join(p + ':' for p in PREFIXES)}\n"
    )


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
