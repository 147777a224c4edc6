"""The HTML view: self-contained, data present, article text inert, folding and layout."""

from __future__ import annotations

import base64
import html
import hashlib
import json
import os
import re
import stat
from pathlib import Path
from typing import Any

import pytest

from kg.errors import InputError
from kg.view import html as view
from kg.view import render_html, view_data, write_html

R = "https://w3id.org/kg-arabic/resource/"
SIALA, ALGERIA, LIBYA, EGYPT = (
    R + "entity/person/siala-1a2b3c4d",
    R + "entity/Q262",
    R + "entity/Q1016",
    R + "entity/Q79",
)
PAYLOADS = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "</script><script>alert(2)</script>",
)


def _node(node_id: str, ar: str, en: str, kind: str, events: int, qid: str | None = None) -> dict[str, Any]:
    return {"id": node_id, "label_ar": ar, "label_en": en, "type": kind, "wikidata": qid, "events": events}


def _edge(
    source: str, target: str, kind: str, quad: str, en: str, ar: str, sentence: str, trigger: str, **extra: Any
) -> dict[str, Any]:
    edge = {
        "source": source,
        "target": target,
        "type": kind,
        "quad": quad,
        "predicate_en": en,
        "predicate_ar": ar,
        "date": "2018-05-14",
        "modality": "asserted",
        "confidence": 0.9,
        "sentence": sentence,
        "trigger": trigger,
        "doc_id": "sample-001",
        "event": R + "event/sample-001/e1",
    }
    edge.update(extra)
    return edge


@pytest.fixture
def network() -> dict[str, Any]:
    """Three countries and a person, four events (two between the same pair)."""
    return {
        "title": "Libya and its neighbours",
        "nodes": [
            _node(ALGERIA, "الجزائر", "Algeria", "Country", 2, "Q262"),
            _node(LIBYA, "ليبيا", "Libya", "Country", 2),
            _node(EGYPT, "مصر", "Egypt", "Country", 2),
            _node(SIALA, "محمد الطاهر سيالة", "Mohamed Taher Siala", "Person", 2),
        ],
        "edges": [
            _edge(
                SIALA,
                ALGERIA,
                "CONSULT",
                "verbal-cooperation",
                "visits",
                "زار",
                "زار وزير الخارجية الليبي محمد الطاهر سيالة الجزائر أمس.",
                "زار",
            ),
            _edge(
                SIALA,
                ALGERIA,
                "REQUEST",
                "verbal-cooperation",
                "requests support from",
                "طالب بدعم",
                "وطالب سيالة الجزائر بدعم جهود المصالحة.",
                "طالب",
                event=R + "event/sample-001/e2",
            ),
            _edge(
                EGYPT,
                LIBYA,
                "SUPPORT",
                "verbal-cooperation",
                "supports",
                "دعم",
                "وأعلنت مصر أنها ستدعم المسار السياسي في ليبيا.",
                "ستدعم",
                modality="future",
                doc_id="sample-002",
                date="2018-06-02",
                event=R + "event/sample-002/e1",
            ),
            _edge(
                LIBYA,
                EGYPT,
                "ACCUSE",
                "verbal-conflict",
                "accuses",
                "اتهم",
                "ولم تتهم ليبيا مصر بالتدخل.",
                "تتهم",
                modality="negated",
                date=None,
                confidence=0.6,
                doc_id="sample-003",
                event=R + "event/sample-003/e1",
            ),
        ],
    }


@pytest.fixture
def hostile(network: dict[str, Any]) -> dict[str, Any]:
    """Every article-borne text field carrying an injection payload."""
    network["title"] = PAYLOADS[0]
    network["nodes"][0].update(label_ar=PAYLOADS[1], label_en=PAYLOADS[0], wikidata=PAYLOADS[2])
    network["edges"][0].update(
        sentence="قال " + PAYLOADS[3] + " " + PAYLOADS[0],
        trigger=PAYLOADS[0],
        doc_id=PAYLOADS[2],
        predicate_en=PAYLOADS[1],
        predicate_ar=PAYLOADS[3],
    )
    return network


def _data_block(page: str) -> str:
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert match, "data block missing"
    return match.group(1)


def test_page_loads_nothing_from_outside(network: dict[str, Any]) -> None:
    page = render_html(network)
    # The one absolute URL allowed is the base of the Wikidata link the panel offers for a
    # linked entity: an <a target=_blank> the user may click, which loads nothing by itself.
    page = page.replace('link.href = "https://www.wikidata.org/wiki/"', "")
    assert not re.search(r"""(?:src|href|action|srcset)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"<link\b|<iframe\b|<object\b|<embed\b|<base\b", page, re.I)
    assert not re.search(r"@import|url\(\s*[\"']?\s*(?:https?:)?//", page, re.I)
    assert not re.search(r"<script[^>]*\bsrc=", page, re.I)
    assert not re.search(r"fetch\(|XMLHttpRequest|WebSocket|sendBeacon", view._asset("view.js"))


def test_page_inlines_vis_network_from_the_pyvis_package(network: dict[str, Any]) -> None:
    page = render_html(network)
    vis_js = view._vis_asset("vis-network.min.js")
    assert vis_js in page
    assert view._vis_asset("vis-network.css") in page
    assert "@version 9.1.2" in page


def test_page_csp_allows_exactly_its_own_scripts(network: dict[str, Any]) -> None:
    page = render_html(network)
    csp = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1))
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 2
    for body in scripts:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert "default-src 'none'" in csp and "unsafe-eval" not in csp
    assert "script-src 'unsafe-inline'" not in csp


def test_data_block_holds_every_node_and_event(network: dict[str, Any]) -> None:
    data = json.loads(_data_block(render_html(network)))
    assert [n["iri"] for n in data["nodes"]] == [n["id"] for n in network["nodes"]]
    assert [e["event"] for e in data["events"]] == [e["event"] for e in network["edges"]]
    assert data["events"][0]["parts"] == ["", "زار", " وزير الخارجية الليبي محمد الطاهر سيالة الجزائر أمس."]
    assert data["events"][3]["modality"] == "negated" and data["events"][3]["date"] is None


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_stay_data(hostile: dict[str, Any], payload: str) -> None:
    page = render_html(hostile)
    block = _data_block(page)
    assert not set(block) & {"<", ">", "&", "\u2028", "\u2029"}
    if set(payload) & {"<", ">", "&"}:
        assert payload not in page
    assert not re.search(r"""(?:href|src)\s*=\s*["']?\s*javascript:""", page, re.I)
    texts = json.dumps(json.loads(block), ensure_ascii=False)
    assert json.dumps(payload, ensure_ascii=False)[1:-1] in texts  # data kept exactly


def test_wikidata_link_only_for_a_well_formed_qid() -> None:
    assert "/^Q[1-9][0-9]*$/.test(n.wikidata" in view._asset("view.js")


def test_title_is_escaped_in_head_and_header(hostile: dict[str, Any]) -> None:
    page = render_html(hostile)
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>" in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 2


def test_embed_json_escapes_markup_and_line_separators() -> None:
    text = view.embed_json({"s": "</script><!-- & \u2028\u2029"})
    assert text == '{"s":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\\u2029"}'
    assert json.loads(text) == {"s": "</script><!-- & \u2028\u2029"}


@pytest.mark.parametrize(
    "value",
    [
        {"events": [{"s": "</script>", "n": 1.5, "k": None}, {}], "nodes": [], "x": {"1": [True, "&"]}},
        {1: "int keys become strings", "l": [[["deep"]], "\u2028"]},
        ["</", {}, [], "كلمة", 0],
        "plain",
    ],
)
def test_embed_json_in_pieces_is_the_same_text(value: Any) -> None:
    # the page is written in pieces (a corpus's JSON is never one string): the same text
    safe = re.sub(
        "[<>&\u2028\u2029]",
        lambda m: view._JSON_ESCAPES[m.group(0)],
        json.dumps(value, ensure_ascii=False, separators=(",", ":")),
    )
    assert "".join(view.embed_json_parts(value)) == safe == view.embed_json(value)


def test_page_script_builds_dom_from_text_only() -> None:
    script = view._asset("view.js")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in script


def test_arabic_is_right_to_left_in_an_arabic_capable_font(network: dict[str, Any]) -> None:
    page = render_html(network, lang="ar")
    assert '"Noto Naskh Arabic"' in page and '"DejaVu Sans"' in page
    assert 'dir="rtl"' in page and 'data-lang="ar"' in page
    data = json.loads(_data_block(page))
    assert data["options"]["nodes"]["font"]["face"] == view.FONT_STACK
    assert data["nodes"][0]["label"] == "الجزائر"


def test_unknown_label_language_is_an_input_error(network: dict[str, Any]) -> None:
    with pytest.raises(InputError, match="'fr'"):
        render_html(network, lang="fr")


def test_nodes_styled_by_type_and_sized_by_events(network: dict[str, Any]) -> None:
    network["nodes"][0]["events"] = 40
    nodes = {n["iri"]: n for n in view_data(network)["nodes"]}
    assert nodes[ALGERIA]["shape"] == "diamond" and nodes[SIALA]["shape"] == "dot"
    assert nodes[ALGERIA]["color"] == view.ENTITY_STYLES["Country"]["color"]
    assert nodes[ALGERIA]["value"] == 40 > nodes[LIBYA]["value"]
    scaling = view_data(network)["options"]["nodes"]["scaling"]
    assert (scaling["min"], scaling["max"]) == (view.node_size(0), view.node_size(10**9))


def test_node_size_grows_with_events_and_is_capped() -> None:
    assert view.node_size(0) < view.node_size(1) < view.node_size(10)
    assert view.node_size(10**9) == 56.0


def test_parallel_events_fold_into_one_edge_per_ordered_pair(network: dict[str, Any]) -> None:
    data = view_data(network)
    folded = [(e["from"], e["to"], e["events"]) for e in data["edges"]]
    assert folded == [("n3", "n0", [0, 1]), ("n2", "n1", [2]), ("n1", "n2", [3])]
    assert data["edges"][0]["label"] == "visits"
    assert data["edges"][2]["color"] == view.QUAD_COLORS["verbal-conflict"]


def test_legends_list_quads_and_present_event_types(network: dict[str, Any]) -> None:
    data = view_data(network)
    assert [q["quad"] for q in data["quads"]] == list(view.QUAD_CLASSES)
    assert [(t["type"], t["count"]) for t in data["types"]] == [
        ("CONSULT", 1),
        ("SUPPORT", 1),
        ("REQUEST", 1),
        ("ACCUSE", 1),
    ]
    assert data["dateRange"] == ["2018-05-14", "2018-06-02"]


@pytest.mark.parametrize(
    ("sentence", "trigger", "parts"),
    [
        ("وطالب سيالة الجزائر", "طالب", ["و", "طالب", " سيالة الجزائر"]),
        ("زار الوزير", "زيارة", ["زار الوزير"]),
        ("زار الوزير", "", ["زار الوزير"]),
    ],
)
def test_trigger_parts_split_around_first_occurrence(sentence: str, trigger: str, parts: list[str]) -> None:
    assert view.trigger_parts(sentence, trigger) == parts


def test_every_graph_opens_laid_out_without_physics(network: dict[str, Any]) -> None:
    data = view_data(network)
    assert data["options"]["physics"]["enabled"] is False
    assert data["options"]["physics"]["stabilization"]["enabled"] is False
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) == 4
    assert view_data(network)["nodes"] == data["nodes"]  # deterministic


def test_labels_are_drawn_only_when_legible(network: dict[str, Any]) -> None:
    options = view_data(network)["options"]
    label = options["edges"]["scaling"]["label"]
    assert label["enabled"] and label["drawThreshold"] >= 8
    assert options["nodes"]["scaling"]["label"]["enabled"] is False  # the page places node labels
    assert options["edges"]["font"]["background"].startswith("rgba(255,255,255")


def _clustered(sizes: tuple[int, ...], bridges: int = 1) -> dict[str, Any]:
    """Cliques of the given sizes, chained by ``bridges`` edges, plus two isolated actors."""
    nodes, edges, k = [], [], 0
    groups = []
    for g, size in enumerate(sizes):
        ids = [f"{R}entity/c{g}-{i}" for i in range(size)]
        groups.append(ids)
        for i in ids:
            nodes.append(_node(i, "فاعل", i.rsplit("/", 1)[1], "Person", 1))
        for a in range(size):
            for b in range(a + 1, size):
                k += 1
                edges.append(
                    _edge(
                        ids[a],
                        ids[b],
                        "CONSULT",
                        "verbal-cooperation",
                        "meets",
                        "التقى",
                        "التقى",
                        "التقى",
                        event=f"{R}event/d/e{k}",
                    )
                )
    for g in range(len(groups) - 1):
        for j in range(bridges):
            k += 1
            edges.append(
                _edge(
                    groups[g][j],
                    groups[g + 1][j],
                    "ACCUSE",
                    "verbal-conflict",
                    "accuses",
                    "اتهم",
                    "اتهم",
                    "اتهم",
                    event=f"{R}event/d/e{k}",
                )
            )
    nodes += [_node(f"{R}entity/alone-{i}", "وحيد", f"alone {i}", "Country", 0) for i in range(2)]
    return {"title": "clusters", "nodes": nodes, "edges": edges}


def test_layout_keeps_communities_apart() -> None:
    data = view_data(_clustered((8, 8, 8)))
    import math

    by_community: dict[int, list[tuple[float, float]]] = {}
    for n in data["nodes"]:
        if not n["isolated"]:
            by_community.setdefault(n["community"], []).append((n["x"], n["y"]))
    assert len(by_community) == 3
    centres = {c: (sum(x for x, _ in p) / len(p), sum(y for _, y in p) / len(p)) for c, p in by_community.items()}
    spread = max(math.dist(p, centres[c]) for c, ps in by_community.items() for p in ps)
    gaps = [math.dist(centres[a], centres[b]) for a in centres for b in centres if a < b]
    assert min(gaps) > 1.5 * spread  # each community is a group of its own on the page


def test_isolated_actors_are_marked_and_placed_apart() -> None:
    data = view_data(_clustered((4, 4)))
    alone = [n for n in data["nodes"] if n["isolated"]]
    assert [n["label_en"] for n in alone] == ["alone 0", "alone 1"]
    lowest = max(n["y"] for n in data["nodes"] if not n["isolated"])
    assert all(n["y"] > lowest for n in alone)


def test_events_without_recipient_are_listed_with_their_actors() -> None:
    network = _clustered((3,))
    actor = network["nodes"][0]["id"]
    event = {
        "event": f"{R}event/d/solo",
        "type": "ACCUSE",
        "quad": "verbal-conflict",
        "mode": None,
        "cameo": None,
        "predicate_en": "condemns",
        "predicate_ar": "أدان",
        "date": "2018-03-02",
        "modality": "asserted",
        "confidence": 0.7,
        "sentence": "وأدان الهجوم",
        "trigger": "أدان",
        "start": 1,
        "end": 5,
        "doc_id": "d",
        "actors": [actor],
        "recipients": [],
        "location": None,
    }
    from kg.graph.network import events_of

    network["events"] = [*events_of(network), event]
    data = view_data(network)
    assert len(data["solo"]) == 1
    solo = data["solo"][0]
    assert solo["actors"] == ["n0"] and solo["parts"] == ["و", "أدان", " الهجوم"]
    assert {t["type"]: t["count"] for t in data["types"]}["ACCUSE"] == 1
    assert data["months"] == [
        {"month": "2018-03", "count": 1},
        {"month": "2018-04", "count": 0},
        {"month": "2018-05", "count": 3},
    ]


def test_month_histogram_spans_the_core_dates_with_empty_months() -> None:
    assert view.month_counts(["2018-01-05", "2018-03-09", "2018-03-10"]) == [
        {"month": "2018-01", "count": 1},
        {"month": "2018-02", "count": 0},
        {"month": "2018-03", "count": 2},
    ]
    dates = ["2011-06-01"] + ["2018-05-01"] * 60 + ["2018-07-01"] * 39
    months = view_data({"title": "t", "nodes": [], "edges": []})["months"]
    assert months == []
    assert view._core_dates(sorted(dates), {"first": "2013-12-26", "last": "2018-07-01"})[0] == "2018-05-01"


def test_title_from_the_corpus_is_marked_for_translation() -> None:
    network = {
        **_clustered((3,)),
        "title": "kg — 3 articles, 2018-05-14",
        "corpus": {"articles": 3, "first": "2018-05-14", "last": "2018-05-14"},
    }
    data = view_data(network)
    assert data["autoTitle"] is True and data["corpus"]["articles"] == 3
    assert view_data({**network, "title": "My title"})["autoTitle"] is False


def test_layout_positions_spread_nodes_deterministically() -> None:
    nodes = [f"n{i}" for i in range(300)]
    pairs = [(f"n{i}", f"n{(i * 7 + 1) % 300}") for i in range(300)]
    first = view.layout_positions(nodes, pairs)
    assert first == view.layout_positions(nodes, pairs)
    assert set(first) == set(nodes) and len(set(first.values())) == 300
    assert first != view.layout_positions(nodes, pairs, seed=8)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda n: n["edges"][0].update(target="nowhere"), "'nowhere', which is not a node"),
        (lambda n: n["edges"][0].update(quad="friendly"), "quad 'friendly'"),
        (lambda n: n["edges"][0].update(confidence=1.5), "confidence 1.5"),
        (lambda n: n["nodes"].append(dict(n["nodes"][0])), "appears twice"),
        (lambda n: n.pop("edges"), "list 'nodes' and a list 'edges'"),
    ],
)
def test_malformed_network_is_an_input_error(network: dict[str, Any], change: Any, message: str) -> None:
    change(network)
    with pytest.raises(InputError, match=re.escape(message)):
        render_html(network)


def test_missing_optional_fields_render(network: dict[str, Any]) -> None:
    for edge in network["edges"]:
        for key in ("quad", "predicate_ar", "date", "modality", "confidence", "trigger"):
            edge[key] = None
    network["nodes"][1].update(label_ar=None, type=None, events=None)
    data = view_data(network)
    assert data["events"][0]["modality"] == "asserted"
    assert data["quads"][-1]["quad"] == ""
    assert data["nodes"][1]["label"] == "Libya"


def test_write_html_replaces_file_atomically(network: dict[str, Any], tmp_path: Path) -> None:
    target = tmp_path / "out" / "view.html"
    assert write_html(network, target) == target
    assert target.read_text(encoding="utf-8") == render_html(network)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o644
    network["edges"][0]["target"] = "nowhere"
    with pytest.raises(InputError):
        write_html(network, target)
    assert "Libya and its neighbours" in target.read_text(encoding="utf-8")
    assert sorted(p.name for p in target.parent.iterdir()) == ["view.html"]


def test_empty_network_renders_a_page() -> None:
    data = json.loads(_data_block(render_html({"title": "empty", "nodes": [], "edges": []})))
    assert (data["nodes"], data["edges"], data["events"]) == ([], [], [])
    assert data["dateRange"] == [None, None]


def test_layout_is_the_same_whatever_the_hash_seed() -> None:
    """Sets of strings iterate in an order that changes with PYTHONHASHSEED; the page's
    communities and positions must not (output/graph.html is compared byte for byte)."""
    import subprocess
    import sys

    code = (
        "import hashlib, json, sys; sys.path.insert(0, 'tests/view'); from networks import corpus_network; "
        "from kg.view.html import view_data; "
        "print(hashlib.sha256(json.dumps(view_data(corpus_network(400))['nodes']).encode()).hexdigest())"
    )
    root = Path(__file__).resolve().parents[2]
    digests = {
        subprocess.run(
            [sys.executable, "-c", code],
            cwd=root,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(digests) == 1
