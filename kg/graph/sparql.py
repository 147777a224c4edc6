"""SPARQL text and results as users meet them: the predeclared prefixes a query uses, terms of
kg's ontology it misspells, and results in the standard SPARQL 1.1 JSON format.

The query text is read with a small scanner that knows strings, IRIs and comments, so a ``kg:``
inside a string literal or a comment is not taken for a term.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from functools import cache
from importlib.resources import files
from typing import Any

from kg.graph.vocab import PREFIXES

# strings (long and short), IRIs, comments, then anything else a run at a time
_TOKEN = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r"|<[^<>\"{}|^`\\\x00-\x20]*>|#[^\n]*|[^\"'<#]+|[\s\S]"
)
_PREFIXED = re.compile(r"(?<![\w?$:.\-@])([A-Za-z][\w.\-]*)?:((?:[\w\-]|\\.|%[0-9A-Fa-f]{2})*)")
_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.\-]*)?:\s*<([^>]*)>", re.IGNORECASE)
KG_NS = PREFIXES["kg"]


def _code(text: str) -> Iterator[tuple[str, str]]:
    """(kind, text) pieces: ``code``, ``string``, ``iri`` or ``comment``."""
    for match in _TOKEN.finditer(text):
        piece = match.group(0)
        if piece[0] in "\"'":
            kind = "string" if len(piece) > 1 else "code"
        elif piece[0] == "<":
            kind = "iri" if len(piece) > 1 and piece.endswith(">") else "code"
        elif piece[0] == "#":
            kind = "comment"
        else:
            kind = "code"
        yield kind, piece


def declared_prefixes(text: str) -> dict[str, str]:
    """The PREFIX declarations of a query: prefix -> namespace IRI."""
    code = "".join(piece if kind != "comment" and kind != "string" else " " for kind, piece in _code(text))
    return {m.group(1) or "": m.group(2) for m in _DECLARED.finditer(code)}


def used_prefixes(text: str) -> set[str]:
    """The prefixes of the prefixed names a query uses (``kg`` for ``kg:actor``)."""
    used = set()
    for kind, piece in _code(text):
        if kind == "code":
            used |= {m.group(1) or "" for m in _PREFIXED.finditer(piece)}
    used.discard("_")  # blank node labels
    return used


def with_prefixes(text: str) -> str:
    """The query with kg's predeclared prefixes (``kg:``, ``rdfs:`` …) declared in front when it
    uses them without declaring them; a query's own declarations stay and win."""
    missing = (used_prefixes(text) - set(declared_prefixes(text))) & set(PREFIXES)
    head = "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in sorted(missing))
    return head + text


def unknown_prefixes(text: str) -> set[str]:
    """Prefixes used but neither declared nor predeclared by kg."""
    return used_prefixes(text) - set(declared_prefixes(text)) - set(PREFIXES)


@cache
def ontology_terms() -> frozenset[str]:
    """Local names of every term ``kg.ttl`` declares in kg's namespace."""
    import pyoxigraph as ox

    data = (files("kg") / "ontology" / "kg.ttl").read_bytes()
    return frozenset(
        q.subject.value[len(KG_NS) :]
        for q in ox.parse(data, ox.RdfFormat.TURTLE)
        if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(KG_NS)
    )


def unknown_terms(text: str) -> list[tuple[str, str | None]]:
    """``kg:`` terms of a query that the ontology does not declare, each with the closest
    declared term (or None): ``[("kg:requestFrom", "kg:requestsFrom")]``."""
    declared = declared_prefixes(text)
    names = ontology_terms()
    found: list[str] = []
    for kind, piece in _code(text):
        if kind == "iri" and piece[1:-1].startswith(KG_NS):
            found.append(piece[1 + len(KG_NS) : -1])
        elif kind == "code" and declared.get("kg", KG_NS) == KG_NS:
            found += [m.group(2) for m in _PREFIXED.finditer(piece) if m.group(1) == "kg"]
    unknown = []
    for local in dict.fromkeys(found):
        if local and local not in names:
            close = difflib.get_close_matches(local, sorted(names), n=1, cutoff=0.6)
            unknown.append((f"kg:{local}", f"kg:{close[0]}" if close else None))
    return unknown


# ------------------------------------------------------------------------- results
def term_json(term: Any) -> dict[str, str]:
    """A pyoxigraph term as a SPARQL 1.1 JSON results binding."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype is not None and term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "literal", "value": str(term)}  # a quoted triple (RDF-star): its text


def results_json(result: Any) -> str:
    """A kg ``QueryResult`` as SPARQL 1.1 Query Results JSON (``head``/``results``/``bindings``,
    or ``boolean`` for ASK), what SPARQLWrapper, pandas helpers and YASR read. A result cut by
    ``limit`` also carries ``"kg:truncated": true`` (readers ignore members they do not know)."""
    if result.kind == "ask":
        obj: dict[str, Any] = {"head": {}, "boolean": bool(result.boolean)}
    else:
        variables = list(result.variables)
        bindings = [
            {name: term_json(term) for name, term in zip(variables, terms) if term is not None}
            for terms in result.terms
        ]
        obj = {"head": {"vars": variables}, "results": {"bindings": bindings}}
    if result.truncated:
        obj["kg:truncated"] = True
    return json.dumps(obj, ensure_ascii=False, indent=1)
