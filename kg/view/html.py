"""Render the actor network (plain nodes/edges data) as one self-contained interactive HTML page.

The input is the plain ``kg.graph.network.Network`` (nodes, events, edges, corpus); this module
knows nothing of extraction or RDF (spaCy's displacy habit).

One input edge is one event between an actor and a recipient. The page folds the events between
an ordered pair of actors into one drawn edge with a count; a click unfolds it. Events without a
recipient are listed with their actors (a node's panel) and counted in the status line. Positions
are computed here, once: communities (networkx Louvain) laid out side by side, each on its own,
so the page opens without a physics run and groups read as groups; labels are drawn only when
their size on screen is legible (vis-network's label scaling). pyvis builds the vis-network items
and options; the page itself is our own small template with vis-network's JS and CSS (shipped
inside the pyvis package) inlined, so it opens offline and loads nothing from anywhere.

Safety: article text (labels, sentences, triggers, doc ids) travels only as JSON inside
``<script type="application/json">`` with ``< > &`` and U+2028/2029 escaped, and the page's
script puts it into the DOM with ``textContent`` only. A Content-Security-Policy allows just the
page's own two scripts (by hash), so even a slip would not run injected code or fetch anything.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import os
import re
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np

from kg.errors import InputError
from kg.graph.network import Event, Network, communities, events_of
from kg.model import ENTITY_TYPES, MODALITIES, PLOVER_TYPES
from kg.view.style import ENTITY_STYLES, QUAD_CLASSES, QUAD_COLORS, QUAD_LABELS, node_size

#: Above this many nodes the page draws straight edges and hides edges while dragging.
LARGE_GRAPH_NODES = 1000
LAYOUT_SEED = 7
GRAVITY = 1.0  # pull to the centre in the mesh layout of a big community (see _mesh_spring)
SPACING = 70.0  # pixels between neighbouring nodes in the laid-out page
VIS_VERSION = "vis-9.1.2"
__all__ = ["node_size", "render_html", "write_html", "view_data", "layout_positions", "community_layout"]
# Arabic-capable faces first: Naskh for reading, DejaVu Sans as the font every Debian has.
FONT_STACK = (
    '"Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "Scheherazade New", '
    '"DejaVu Sans", "Segoe UI", "Tahoma", "Arial", sans-serif'
)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_PLACEHOLDER = re.compile(r"\{\{([A-Z_]+)\}\}")
_UNSAFE_IN_SCRIPT = re.compile("[<>&\u2028\u2029]")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


# --------------------------------------------------------------------------- public API


def render_html(network: Network, *, lang: str = "en") -> str:
    """The network as one self-contained HTML page (a string).

    ``lang`` ("en" or "ar") chooses the labels and the interface language (Arabic reads right
    to left) the page opens with; the page has a switch.
    Raises InputError when the network is malformed (the message lists every problem).
    """
    return "".join(_page(network, lang))


def write_html(network: Network, path: str | os.PathLike[str], *, lang: str = "en") -> Path:
    """Write the page to ``path`` atomically (``kg.corpus.atomic_write``: a temporary file in the
    same folder, then os.replace; one a killed run left is removed by the next run). The page
    goes out in pieces, never whole in memory: a corpus's page is tens of MB of text."""
    from kg.corpus import atomic_write

    return atomic_write(Path(path), _page(network, lang))


def _page(network: Network, lang: str) -> Iterator[str]:
    """The page's text in pieces (``render_html``); the network is checked and laid out now."""
    if lang not in ("en", "ar"):
        raise InputError(f"unknown label language {lang!r}; use 'en' or 'ar'")
    data = view_data(network, lang=lang)
    app_js = _asset("view.js")
    vis_js = _vis_asset("vis-network.min.js")
    values = {
        "TITLE": html.escape(data["title"]),
        "FONT_STACK": html.escape(FONT_STACK, quote=False),
        "CSP": html.escape(_content_security_policy(vis_js, app_js)),
        "VIS_CSS": _vis_asset("vis-network.css"),
        "VIEW_CSS": _asset("view.css").replace("FONT_STACK", FONT_STACK),
        "VIS_JS": vis_js,
        "VIEW_JS": app_js,
        "LANG": lang,
        "DIR": "rtl" if lang == "ar" else "ltr",
    }
    # One pass: text put in by one placeholder is never scanned for another.
    pieces = _PLACEHOLDER.split(_asset("template.html"))

    def parts() -> Iterator[str]:
        for i, piece in enumerate(pieces):
            if i % 2 == 0:
                yield piece
            elif piece == "DATA":
                yield from embed_json_parts(data)
            else:
                yield values[piece]

    return parts()


# --------------------------------------------------------------------------- the view data


def view_data(network: Network, *, lang: str = "en") -> dict[str, Any]:
    """The plain JSON the page's script reads: vis nodes/edges/options, events (with and
    without a recipient), legends, the month histogram and the corpus the title describes."""
    nodes, edges = _checked(network)
    index = {node["id"]: f"n{i}" for i, node in enumerate(nodes)}
    events = [_event(i, edge, index) for i, edge in enumerate(edges)]
    solo = [
        _solo(len(events) + k, e, index)
        for k, e in enumerate(e for e in events_of(network) if not e["recipients"] and e["actors"])
    ]
    solo = [e for e in solo if e["actors"]]
    groups = fold_events(events)
    for group in groups:
        for i in group["events"]:
            events[i]["group"] = group["id"]
    community = communities(network)
    pairs = [(g["from"], g["to"], len(g["events"])) for g in groups]
    sizes = {index[n["id"]]: node_size(_count(n.get("events"))) for n in nodes}
    membership = {index[k]: c for k, c in community.items() if k in index}
    positions = community_layout(list(index.values()), pairs, membership, sizes=sizes)
    large = len(nodes) > LARGE_GRAPH_NODES
    vis_nodes, vis_edges, options = _vis_items(nodes, index, groups, events, positions, community, large, lang)
    every = [*events, *solo]
    dates = sorted(e["date"] for e in every if e["date"])
    corpus = network.get("corpus") or {
        "articles": len({e["doc_id"] for e in every if e["doc_id"]}),
        "first": None,
        "last": None,
    }
    if dates and not corpus.get("first"):
        corpus = {**corpus, "first": dates[0], "last": dates[-1]}
    title = str(network.get("title") or "kg actor network")
    return {
        "title": title,
        "autoTitle": title.startswith("kg — ") and bool(network.get("corpus")),
        "corpus": corpus,
        "lang": lang,
        "large": large,
        "nodes": vis_nodes,
        "edges": vis_edges,
        "options": options,
        "events": events,
        "solo": solo,
        "types": _type_counts(every),
        "quads": [
            {"quad": q, "label": QUAD_LABELS[q]["en"], "label_ar": QUAD_LABELS[q]["ar"], "color": QUAD_COLORS[q]}
            for q in (*QUAD_CLASSES, "")
            if q or any(not e["quad"] for e in every)
        ],
        "entityTypes": [
            {
                "type": t,
                "label_ar": ENTITY_STYLES[t]["ar"],
                "shape": ENTITY_STYLES[t]["shape"],
                "color": ENTITY_STYLES[t]["color"],
                "symbol": ENTITY_STYLES[t]["symbol"],
            }
            for t in ENTITY_TYPES
        ],
        "modalities": list(MODALITIES),
        "dateRange": [dates[0], dates[-1]] if dates else [None, None],
        "months": month_counts(_core_dates(dates, corpus)),
        "fontStack": FONT_STACK,
    }


def _core_dates(dates: list[str], corpus: Any) -> list[str]:
    """The dates the histogram spans: all but the outlying 2 % on each side (an event dated to
    2011 in a 2018 corpus would flatten the bars). The slider's two ends stay open, so those
    events are still shown while it is not moved."""
    del corpus  # the articles' range may hold an outlier too (one 2013 article among 2018 news)
    if len(dates) < 20:
        return dates
    lo, hi = dates[len(dates) // 50], dates[-1 - len(dates) // 50]
    return [d for d in dates if lo <= d <= hi]


def month_counts(dates: list[str]) -> list[dict[str, Any]]:
    """Events per month from the first dated month to the last, empty months included (the
    page's time histogram)."""
    if not dates:
        return []
    counts: dict[str, int] = {}
    for d in dates:
        counts[d[:7]] = counts.get(d[:7], 0) + 1
    year, month = int(dates[0][:4]), int(dates[0][5:7])
    last = dates[-1][:7]
    out = []
    while True:
        key = f"{year:04d}-{month:02d}"
        out.append({"month": key, "count": counts.get(key, 0)})
        if key >= last or len(out) > 1200:
            return out
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def fold_events(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Group events by ordered (source, target) pair: one drawn edge per group, in input order.

    Ordered, because direction carries meaning: Libya accusing Egypt is not Egypt accusing
    Libya. Each group lists its events' ``i``.
    """
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for event in events:
        key = (event["source"], event["target"])
        if key not in groups:
            groups[key] = {"id": f"g{len(groups)}", "from": key[0], "to": key[1], "events": []}
        groups[key]["events"].append(event["i"])
    return list(groups.values())


def trigger_parts(sentence: str, trigger: str) -> list[str]:
    """[before, trigger, after] around the trigger's first occurrence, else [sentence].

    The page wraps the middle part in <mark>. Matching is exact on purpose: the trigger is
    quoted from the sentence, so a miss means the two disagree and nothing is highlighted.
    """
    at = sentence.find(trigger) if trigger else -1
    if at < 0:
        return [sentence]
    return [sentence[:at], trigger, sentence[at + len(trigger) :]]


def layout_positions(
    nodes: list[str], pairs: list[tuple[str, str]], seed: int = LAYOUT_SEED
) -> dict[str, tuple[float, float]]:
    """Pixel positions for a large graph, computed once and deterministically.

    Fruchterman-Reingold with far repulsion approximated on a mesh (see _mesh_spring): seconds
    for 10,000 nodes, where networkx's spring_layout (O(n^2) a step) takes a minute for 5,000.
    """
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from((u, v) for u, v in pairs if u != v)
    order = list(graph.nodes)
    if len(order) <= 2:
        return {n: (float(i) * 120.0, 0.0) for i, n in enumerate(order)}
    xy = _mesh_spring(len(order), _edge_index(graph, order), seed)
    return {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in zip(order, xy)}


def community_layout(
    nodes: list[str],
    pairs: list[tuple[str, str, int]],
    community: dict[str, int],
    seed: int = LAYOUT_SEED,
    sizes: dict[str, float] | None = None,
) -> dict[str, tuple[float, float]]:
    """Pixel positions that keep communities apart: each community (``community[node]``, -1 for
    none) is laid out on its own, then the communities are packed as discs (bigger and more
    linked ones near the centre) without overlapping. Nodes without an edge sit in rows below.

    Deterministic for ``seed``; ``pairs`` are (u, v, events); ``sizes`` the drawn radius of each
    node (``node_size``), so that big nodes do not cover their neighbours.
    """
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    for u, v, w in pairs:
        if u != v:
            graph.add_edge(u, v, weight=graph.edges[u, v]["weight"] + w if graph.has_edge(u, v) else w)
    members: dict[int, list[str]] = {}
    for n in nodes:
        c = community.get(n, -1)
        if c >= 0 and graph.degree(n) > 0:
            members.setdefault(c, []).append(n)
    placed: dict[str, tuple[float, float]] = {}
    discs: list[tuple[int, dict[str, np.ndarray], float]] = []
    for c in sorted(members, key=lambda c: (-len(members[c]), c)):
        inner = _inner_layout(graph.subgraph(members[c]), seed, sizes or {})
        radius = max((float(np.hypot(*p)) for p in inner.values()), default=0.0) + SPACING * 0.75
        discs.append((c, inner, radius))
    if discs:
        centres = _pack_discs(discs, graph, community, seed)
        for (_, inner, _), centre in zip(discs, centres):
            for n, p in inner.items():
                placed[n] = (round(float(centre[0] + p[0]), 1), round(float(centre[1] + p[1]), 1))
    loose = [n for n in nodes if n not in placed]
    if loose:  # a grid under the drawing (hidden by default: they have no edge)
        top = max((y for _, y in placed.values()), default=0.0) + 2 * SPACING
        left = min((x for x, _ in placed.values()), default=0.0)
        width = max((x for x, _ in placed.values()), default=0.0) - left
        per_row = max(int(width // SPACING) + 1, int(math.sqrt(len(loose))) + 1)
        for i, n in enumerate(loose):
            placed[n] = (round(left + SPACING * (i % per_row), 1), round(top + SPACING * (i // per_row), 1))
    return placed


def _inner_layout(view: nx.Graph, seed: int, sizes: dict[str, float]) -> dict[str, np.ndarray]:
    """One community's positions around (0, 0), nearest neighbours about SPACING apart."""
    # a graph of its own with nodes and edges in sorted order: a subgraph view may iterate a set,
    # whose order changes with Python's hash seed, and the layout would with it
    order = sorted(view.nodes)
    sub = nx.Graph()
    sub.add_nodes_from(order)
    sub.add_edges_from(sorted(tuple(sorted(e)) for e in view.edges()))
    if len(order) == 1:
        return {order[0]: np.zeros(2)}
    if len(order) == 2:
        return {order[0]: np.array([-SPACING / 2, 0.0]), order[1]: np.array([SPACING / 2, 0.0])}
    if len(order) <= 400:
        raw = nx.spring_layout(sub, seed=seed, weight=None, iterations=80)
        xy = np.array([raw[n] for n in order])
    else:
        xy = _mesh_spring(len(order), _edge_index(sub, order), seed)
    xy = xy - xy.mean(axis=0)
    from scipy.spatial import cKDTree

    nearest = cKDTree(xy).query(xy, k=2)[0][:, 1]
    xy = xy * (SPACING / max(float(np.median(nearest)), 1e-9))
    return dict(zip(order, _spread(xy, np.array([sizes.get(n, 14.0) for n in order]))))


def _spread(xy: np.ndarray, radius: np.ndarray, rounds: int = 40) -> np.ndarray:
    """Push apart nodes whose discs (plus room for a label) overlap; a few rounds suffice."""
    from scipy.spatial import cKDTree

    room = 36.0  # a label under the node, and an edge long enough for its own label
    reach = 2 * float(radius.max()) + room
    n = len(xy)
    for _ in range(rounds):
        near = cKDTree(xy).query_pairs(r=reach, output_type="ndarray")
        if not len(near):
            break
        i, j = near[:, 0], near[:, 1]
        delta = xy[i] - xy[j]
        dist = np.maximum(np.hypot(delta[:, 0], delta[:, 1]), 1e-6)
        overlap = np.clip(radius[i] + radius[j] + room - dist, 0, None)
        if not overlap.any():
            break
        push = (delta / dist[:, None]) * (overlap / 2)[:, None]
        xy = xy + _scatter(i, push, n) - _scatter(j, push, n)
    return xy - xy.mean(axis=0)


def _pack_discs(
    discs: list[tuple[int, dict[str, np.ndarray], float]], graph: nx.Graph, community: dict[str, int], seed: int
) -> np.ndarray:
    """Centres for the communities' discs: linked communities attract, the centre pulls big ones
    in, and overlapping discs are pushed apart until none overlap."""
    k = len(discs)
    radius = np.array([r for _, _, r in discs])
    if k == 1:
        return np.zeros((1, 2))
    slot = {c: i for i, (c, _, _) in enumerate(discs)}
    links = nx.Graph()
    links.add_nodes_from(range(k))
    for u, v, data in graph.edges(data=True):
        a, b = slot.get(community.get(u, -1)), slot.get(community.get(v, -1))
        if a is not None and b is not None and a != b:
            w = links.edges[a, b]["weight"] + data["weight"] if links.has_edge(a, b) else data["weight"]
            links.add_edge(a, b, weight=w)
    rng = np.random.default_rng(seed)
    # start on a spiral, biggest first, so the big communities take the middle
    angle = np.arange(k) * 2.39996
    spread = np.sqrt(np.cumsum(radius**2)) * 1.2
    pos = np.stack([np.cos(angle), np.sin(angle)], axis=1) * spread[:, None]
    pos += rng.normal(scale=1.0, size=pos.shape)
    pairs = np.array([(a, b) for a, b in links.edges()], dtype=np.int64).reshape(-1, 2)
    weight = np.array([links.edges[a, b]["weight"] for a, b in links.edges()], dtype=float)
    from scipy.spatial import cKDTree

    gap = SPACING * 0.5
    reach = 2 * float(radius.max()) + gap  # discs farther apart than this cannot overlap
    for _step in range(300 if k <= 200 else 150):
        move = -pos * 0.02  # gravity
        if len(pairs):
            delta = pos[pairs[:, 1]] - pos[pairs[:, 0]]
            dist = np.maximum(np.hypot(delta[:, 0], delta[:, 1]), 1e-6)
            gap_ = dist - (radius[pairs[:, 0]] + radius[pairs[:, 1]])
            pull = (delta / dist[:, None]) * (np.clip(gap_, 0, None) * 0.05 * np.minimum(weight, 5) / 5)[:, None]
            move += _scatter(pairs[:, 0], pull, k) - _scatter(pairs[:, 1], pull, k)
        pos += move
        for _ in range(3):  # push overlapping discs apart (candidate pairs from a k-d tree)
            near = cKDTree(pos).query_pairs(r=reach, output_type="ndarray")
            if not len(near):
                break
            i, j = near[:, 0], near[:, 1]
            delta = pos[i] - pos[j]
            dist = np.maximum(np.hypot(delta[:, 0], delta[:, 1]), 1e-6)
            overlap = np.clip(radius[i] + radius[j] + gap - dist, 0, None)
            if not overlap.any():
                break
            push = (delta / dist[:, None]) * (overlap / 2)[:, None]
            pos += _scatter(i, push, k) - _scatter(j, push, k)
    return pos - pos.mean(axis=0)


def embed_json(value: Any) -> str:
    """JSON safe to put inside <script type="application/json">: no ``<``, ``>``, ``&``,
    U+2028 or U+2029 survives, so ``</script>`` or ``<!--`` in article text stays data."""
    return "".join(embed_json_parts(value))


def embed_json_parts(value: Any, depth: int = 2) -> Iterator[str]:
    """``embed_json`` of ``value`` in pieces: the items of its dicts (string keys) and lists one
    at a time, ``depth`` levels down (compact JSON of a container is its items' JSON joined, so
    the text is the same)."""
    if depth and isinstance(value, dict) and all(isinstance(key, str) for key in value):
        yield "{"
        for i, (key, item) in enumerate(value.items()):
            yield ("," if i else "") + _embedded(key) + ":"
            yield from embed_json_parts(item, depth - 1)
        yield "}"
    elif depth and isinstance(value, list):
        yield "["
        for i, item in enumerate(value):
            if i:
                yield ","
            yield from embed_json_parts(item, depth - 1)
        yield "]"
    else:
        yield _embedded(value)


def _embedded(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _UNSAFE_IN_SCRIPT.sub(lambda m: _JSON_ESCAPES[m.group(0)], text)


# --------------------------------------------------------------------------- input checks


def _checked(network: Network) -> tuple[list[Any], list[Any]]:
    """The nodes and edges, after checking every edge names known nodes; all problems at once."""
    if not isinstance(network, dict):
        raise InputError(f"network must be a dict with 'nodes' and 'edges', got {type(network).__name__}")
    nodes, edges = network.get("nodes"), network.get("edges")
    if not isinstance(nodes, list) or not isinstance(edges, list):
        raise InputError(
            "network needs a list 'nodes' and a list 'edges' (as kg.graph.network.network_from_store returns)"
        )
    problems: list[str] = []
    seen: set[str] = set()
    for i, node in enumerate(nodes):
        node_id = node.get("id") if isinstance(node, dict) else None
        if not isinstance(node_id, str) or not node_id:
            problems.append(f"node {i} has no string 'id'")
        elif node_id in seen:
            problems.append(f"node {node_id!r} appears twice")
        else:
            seen.add(node_id)
    for i, edge in enumerate(edges):
        if not isinstance(edge, dict):
            problems.append(f"edge {i} is not a dict")
            continue
        for end in ("source", "target"):
            if edge.get(end) not in seen:
                problems.append(f"edge {i} ({edge.get('event')!r}) has {end} {edge.get(end)!r}, which is not a node")
        quad = edge.get("quad")
        if quad not in (None, "", *QUAD_CLASSES):
            problems.append(f"edge {i} has quad {quad!r}; valid: {', '.join(QUAD_CLASSES)}")
        try:
            _confidence(edge.get("confidence"))
        except (TypeError, ValueError):
            problems.append(f"edge {i} has confidence {edge.get('confidence')!r}; give a number in [0, 1] or null")
    if problems:
        shown = "; ".join(problems[:10])
        more = f" (and {len(problems) - 10} more)" if len(problems) > 10 else ""
        raise InputError(f"cannot render the network: {shown}{more}")
    return nodes, edges


def _confidence(value: Any) -> float | None:
    if value is None or value == "":
        return None
    number = float(value)
    if math.isnan(number) or not 0.0 <= number <= 1.0:
        raise ValueError(value)
    return number


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _event(i: int, edge: dict[str, Any], index: dict[str, str]) -> dict[str, Any]:
    """One event as the page shows it (plain strings; the page never parses them as HTML)."""
    date = _text(edge.get("date"))
    modality = _text(edge.get("modality"))
    sentence, trigger = _text(edge.get("sentence")), _text(edge.get("trigger"))
    return {
        "i": i,
        "source": index[edge["source"]],
        "target": index[edge["target"]],
        "type": _text(edge.get("type")).upper(),
        "quad": _text(edge.get("quad")),
        "predicate_en": _text(edge.get("predicate_en")),
        "predicate_ar": _text(edge.get("predicate_ar")),
        "date": date[:10] if _DATE.match(date) else None,
        "modality": modality if modality in MODALITIES else "asserted",
        "confidence": _confidence(edge.get("confidence")),
        "parts": trigger_parts(sentence, trigger),
        "trigger": trigger,
        "doc_id": _text(edge.get("doc_id")),
        "event": _text(edge.get("event")),
    }


def _solo(i: int, event: Event, index: dict[str, str]) -> dict[str, Any]:
    """An event without a recipient as the page lists it under each of its actors."""
    date = _text(event.get("date"))
    modality = _text(event.get("modality"))
    sentence, trigger = _text(event.get("sentence")), _text(event.get("trigger"))
    return {
        "i": i,
        "actors": [index[a] for a in event["actors"] if a in index],
        "type": _text(event.get("type")).upper(),
        "quad": _text(event.get("quad")),
        "predicate_en": _text(event.get("predicate_en")),
        "predicate_ar": _text(event.get("predicate_ar")),
        "date": date[:10] if _DATE.match(date) else None,
        "modality": modality if modality in MODALITIES else "asserted",
        "confidence": _confidence(event.get("confidence")),
        "parts": trigger_parts(sentence, trigger),
        "trigger": trigger,
        "doc_id": _text(event.get("doc_id")),
        "event": _text(event.get("event")),
    }


def _type_counts(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Event types present, PLOVER order first, each with its quad class and count."""
    counts: dict[str, list[Any]] = {}
    for event in events:
        entry = counts.setdefault(event["type"], [0, event["quad"]])
        entry[0] += 1
    rank = {t: i for i, t in enumerate(PLOVER_TYPES)}
    ordered = sorted(counts, key=lambda t: (rank.get(t, len(rank)), t))
    return [
        {
            "type": t,
            "count": counts[t][0],
            "quad": counts[t][1],
            "color": QUAD_COLORS.get(counts[t][1], QUAD_COLORS[""]),
        }
        for t in ordered
    ]


# --------------------------------------------------------------------------- vis-network items


def _vis_items(
    nodes: list[dict[str, Any]],
    index: dict[str, str],
    groups: list[dict[str, Any]],
    events: list[dict[str, Any]],
    positions: dict[str, tuple[float, float]],
    community: dict[str, int],
    large: bool,
    lang: str,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
    """vis-network nodes, folded edges and options, built with pyvis' item and option classes.

    pyvis' Network.add_edge checks node existence with a list scan (O(n*m)), so the items are
    made with its Node/Edge classes directly; its Network object supplies the options. A node's
    ``value`` (its events) sizes it and its label (``node_size``: the exports' sizes too).
    """
    from pyvis.edge import Edge  # imported here: pyvis pulls in IPython, slow to import
    from pyvis.node import Node

    linked = {g["from"] for g in groups} | {g["to"] for g in groups}
    vis_nodes = []
    for node in nodes:
        vid = index[node["id"]]
        kind = _text(node.get("type"))
        style = ENTITY_STYLES.get(kind, ENTITY_STYLES[""])
        label_en, label_ar = _text(node.get("label_en")), _text(node.get("label_ar"))
        count = _count(node.get("events"))
        x, y = positions.get(vid, (0.0, 0.0))
        extra: dict[str, Any] = {
            "color": style["color"],
            "value": count,
            "iri": node["id"],
            "kind": kind,
            "label_en": label_en,
            "label_ar": label_ar,
            "wikidata": _text(node.get("wikidata")),
            "events": count,
            "community": community.get(node["id"], -1),
            "isolated": vid not in linked,
            "x": x,
            "y": y,
        }
        shown = (label_ar or label_en) if lang == "ar" else (label_en or label_ar)
        vis_nodes.append(Node(vid, style["shape"], label=shown or node["id"], **extra).options)
    vis_edges = []
    for group in groups:
        first = events[group["events"][0]]
        vis_edges.append(
            Edge(
                group["from"],
                group["to"],
                directed=True,
                id=group["id"],
                events=group["events"],
                label=first["predicate_en"],
                color=QUAD_COLORS.get(first["quad"], QUAD_COLORS[""]),
            ).options
        )
    return vis_nodes, vis_edges, _vis_options(large, len(nodes))


def _count(value: Any) -> int:
    try:
        return max(int(value), 0)
    except (TypeError, ValueError):
        return 0


def _vis_options(large: bool, n_nodes: int) -> dict[str, Any]:
    """vis-network options: positions come laid out, so physics is off (the page turns it on
    briefly to lay out again when the shown actors change). Node labels are placed by the page
    (the busiest actors in view, none covering another); edge labels are scaled with their edge
    and not drawn below a legible size on screen."""
    from pyvis.network import Network as PyvisNetwork

    net = PyvisNetwork(directed=True)
    net.barnes_hut(
        gravity=-6000, central_gravity=0.3, spring_length=150, spring_strength=0.04, damping=0.35, overlap=0.2
    )
    net.set_edge_smooth("continuous" if not large else "dynamic")
    net.toggle_hide_edges_on_drag(large)
    net.toggle_physics(False)
    options: dict[str, Any] = json.loads(net.options.to_json())
    if large:
        options["edges"]["smooth"] = {"enabled": False}
    options["physics"]["stabilization"].update(enabled=False, iterations=200, updateInterval=25, fit=False)
    options["layout"] = {"improvedLayout": False, "randomSeed": LAYOUT_SEED}
    options["nodes"] = {
        "borderWidth": 1.5,
        "borderWidthSelected": 3,
        # sizes follow kg.view.style.node_size (the page sets the same curve as its scaling
        # function); labels are placed by the page at a constant size on screen (placeLabels)
        "scaling": {"min": 14, "max": 56, "label": {"enabled": False}},
        "font": {"face": FONT_STACK, "size": 16, "color": "#0f172a", "strokeWidth": 4, "strokeColor": "#ffffff"},
        "shadow": {"enabled": not large, "size": 6, "x": 1, "y": 2, "color": "rgba(15,23,42,0.18)"},
    }
    options["edges"].update(
        {
            "color": {"inherit": False, "opacity": 0.9},
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.7}},
            "scaling": {"min": 1.5, "max": 9, "label": {"enabled": True, "min": 12, "max": 15, "drawThreshold": 9}},
            "font": {
                "face": FONT_STACK,
                "size": 13,
                "color": "#1e293b",
                "strokeWidth": 0,
                "background": "rgba(255,255,255,0.88)",
                "align": "horizontal",
            },
            "selectionWidth": 2,
            "hoverWidth": 1.5,
        }
    )
    options["interaction"].update(
        hover=True, tooltipDelay=150, navigationButtons=False, keyboard=False, multiselect=False, hideEdgesOnZoom=large
    )
    return options


# --------------------------------------------------------------------------- layout


def _edge_index(graph: nx.Graph, order: list[str]) -> np.ndarray:
    position = {n: i for i, n in enumerate(order)}
    pairs = [(position[u], position[v]) for u, v in graph.edges()]
    return np.array(pairs, dtype=np.int64).reshape(-1, 2)


def _mesh_spring(n: int, edges: np.ndarray, seed: int, iterations: int = 50, spacing: float = 70.0) -> np.ndarray:
    """Fruchterman-Reingold positions (n x 2, pixels), repulsion approximated on a mesh.

    Near nodes (closer than two ideal lengths, found with a k-d tree) repel exactly; far ones
    through the mass and centroid of the mesh cell they fall in (a particle-mesh scheme), so
    a step costs O(n * cells) instead of O(n^2).
    """
    from scipy.spatial import cKDTree

    rng = np.random.default_rng(seed)
    k = 1.0
    side = math.sqrt(n) * k
    pos = rng.random((n, 2)) * side - side / 2
    cells = int(min(max(math.sqrt(n) / 8, 6), 14))
    a, b = (edges[:, 0], edges[:, 1]) if len(edges) else (np.empty(0, int), np.empty(0, int))
    for step in range(iterations):
        temperature = max(side / 10 * (1 - step / iterations), 0.02 * k)
        disp = _far_push(pos, cells, k)
        pairs = cKDTree(pos).query_pairs(r=2 * k, output_type="ndarray")
        if len(pairs):
            i, j = pairs[:, 0], pairs[:, 1]
            delta = pos[i] - pos[j]
            dist2 = np.maximum((delta**2).sum(axis=1), 1e-4)
            push = delta * (k * k / dist2)[:, None]
            disp += _scatter(i, push, n) - _scatter(j, push, n)
        if len(a):
            delta = pos[a] - pos[b]
            dist = np.maximum(np.hypot(delta[:, 0], delta[:, 1]), 1e-2)
            pull = delta * (dist / k)[:, None]
            disp += _scatter(b, pull, n) - _scatter(a, pull, n)
        disp -= pos * (GRAVITY / k)  # holds isolated nodes and small components near the rest
        length = np.maximum(np.hypot(disp[:, 0], disp[:, 1]), 1e-9)
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
    # scale so that the typical node has its nearest neighbour ``spacing`` pixels away
    nearest = cKDTree(pos).query(pos, k=2)[0][:, 1]
    return (pos - pos.mean(axis=0)) * (spacing / max(float(np.median(nearest)), 1e-9))


def _far_push(pos: np.ndarray, cells: int, k: float, chunk: int = 4096) -> np.ndarray:
    """Repulsion k^2/d on every node from every mesh cell's mass, softened near the cell."""
    low, high = pos.min(axis=0), pos.max(axis=0)
    size = np.maximum((high - low) / cells, 1e-9)
    cell = np.minimum(((pos - low) / size).astype(np.int64), cells - 1)
    cid = cell[:, 0] * cells + cell[:, 1]
    mass = np.bincount(cid, minlength=cells * cells).astype(float)
    full = mass > 0
    centre = (
        np.stack(
            [
                np.bincount(cid, weights=pos[:, 0], minlength=cells * cells)[full],
                np.bincount(cid, weights=pos[:, 1], minlength=cells * cells)[full],
            ],
            axis=1,
        )
        / mass[full][:, None]
    )
    soft = float((size**2).sum()) / 4
    out = np.empty_like(pos)
    for at in range(0, len(pos), chunk):
        delta = pos[at : at + chunk, None, :] - centre[None, :, :]
        dist2 = (delta**2).sum(axis=2) + soft
        out[at : at + chunk] = (delta * (k * k * mass[full] / dist2)[:, :, None]).sum(axis=1)
    return out


def _scatter(index: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    """Sum rows of ``values`` into ``n`` bins by ``index`` (np.add.at, but fast)."""
    return np.stack(
        [np.bincount(index, weights=values[:, 0], minlength=n), np.bincount(index, weights=values[:, 1], minlength=n)],
        axis=1,
    )


# --------------------------------------------------------------------------- assets and CSP


def _asset(name: str) -> str:
    """A file shipped beside this module (template.html, view.js, view.css)."""
    return resources.files("kg.view").joinpath(name).read_text(encoding="utf-8")


def _vis_asset(name: str) -> str:
    """vis-network's JS or CSS from inside the installed pyvis package; never a CDN.

    pyvis 0.3.2 ships lib/vis-9.0.4 and lib/vis-9.1.2; VIS_VERSION is preferred, else the
    newest vis-* folder present, so a pyvis upgrade keeps working.
    """
    import pyvis

    lib = Path(pyvis.__file__).parent / "lib"
    folders = sorted(lib.glob("vis-*"), key=lambda p: [int(x) for x in re.findall(r"\d+", p.name)])
    folder = lib / VIS_VERSION if (lib / VIS_VERSION).is_dir() else (folders or [lib])[-1]
    path = folder / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise InputError(
            f"cannot read {path} ({err}); reinstall pyvis (pip install 'pyvis==0.3.2'), which ships vis-network"
        ) from err
    if "</script" in text.lower() or "</style" in text.lower():
        raise InputError(f"{path} cannot be inlined: it contains a closing tag")
    return text


def _content_security_policy(*scripts: str) -> str:
    """Allow only these inline scripts (by hash); no fetch, no external anything."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'" for s in scripts
    )
    return (
        "default-src 'none'; "
        f"script-src {hashes}; "
        "style-src 'unsafe-inline'; "
        "img-src data:; font-src data:; connect-src 'none'; base-uri 'none'; "
        "form-action 'none'; object-src 'none'"
    )
