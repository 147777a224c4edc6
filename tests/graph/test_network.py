"""The actor network: plain nodes/edges from a Dataset or the store, and networkx views."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
import rdflib

from kg.graph.network import (
    EDGE_FIELDS,
    EVENTS_QUERY,
    NODE_FIELDS,
    NODES_QUERY,
    ROLES_QUERY,
    actor_graph,
    communities,
    corpus_title,
    network_from_dataset,
    network_from_store,
    to_networkx,
)
from kg.graph.store import Store


import two_articles as F
from two_articles import ds, store  # noqa: F401  (fixtures)


@pytest.fixture
def network(ds: rdflib.Dataset) -> dict:
    return network_from_dataset(ds, title="two articles")


def test_network_has_the_documented_keys(network: dict) -> None:
    assert network["title"] == "two articles"
    assert all(tuple(node) == NODE_FIELDS for node in network["nodes"])
    assert all(set(edge) == set(EDGE_FIELDS) for edge in network["edges"])


def test_shared_entity_is_one_node_counting_events_of_both_articles(network: dict) -> None:
    nodes = {n["id"]: n for n in network["nodes"]}
    assert sorted(nodes) == sorted(map(str, (F.ALGERIA, F.SIALA, F.LIBYA)))
    algeria = nodes[str(F.ALGERIA)]
    assert (algeria["label_ar"], algeria["label_en"], algeria["type"], algeria["wikidata"], algeria["events"]) == (
        "الجزائر",
        "Algeria",
        "Country",
        "Q262",
        3,
    )
    assert nodes[str(F.SIALA)]["type"] == "Person" and nodes[str(F.SIALA)]["wikidata"] is None


def test_event_without_recipient_has_no_edge_but_counts_for_its_actor(network: dict) -> None:
    events = {e["event"] for e in network["edges"]}
    assert str(F.RES["event/libya-visit-2018/e2"]) not in events
    assert len(network["edges"]) == 3
    assert {n["id"]: n["events"] for n in network["nodes"]}[str(F.SIALA)] == 2


def test_event_without_recipient_is_in_the_events_list(network: dict) -> None:
    events = {e["event"]: e for e in network["events"]}
    assert len(events) == 4
    condemn = events[str(F.RES["event/libya-visit-2018/e2"])]
    assert (condemn["actors"], condemn["recipients"], condemn["type"]) == ([str(F.SIALA)], [], "ACCUSE")
    assert (condemn["start"], condemn["end"]) == (40, 40 + len("أدان")) and condemn["sentence"] == "أدان سيالة الهجوم"


def test_title_says_how_many_articles_and_which_dates(ds: rdflib.Dataset) -> None:
    network = network_from_dataset(ds)
    assert network["corpus"] == {"articles": 2, "first": "2018-05-14", "last": "2018-06-01"}
    assert network["title"] == "kg — 2 articles, 2018-05-14 – 2018-06-01"
    one = {"articles": 1, "first": "2016-05-07", "last": "2016-05-07"}
    assert corpus_title(one, ["seed"]) == "kg — seed, 2016-05-07"
    assert corpus_title({"articles": 3, "first": None, "last": None}) == "kg — 3 articles, undated"


def test_communities_group_linked_actors_and_leave_isolated_ones_out() -> None:
    nodes = [{"id": x, "label_ar": None, "label_en": x, "type": None, "wikidata": None, "events": 1} for x in "abcdefg"]
    pairs = [("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"), ("e", "f"), ("d", "f"), ("c", "d")]
    edges = [{"source": u, "target": v, "event": f"{u}{v}", "type": "CONSULT"} for u, v in pairs]
    found = communities({"title": "t", "nodes": nodes, "edges": edges})
    assert found["a"] == found["b"] == found["c"] != found["d"] == found["e"] == found["f"]
    assert found["g"] == -1 and {found["a"], found["d"]} == {0, 1}


def test_edge_carries_the_event_details(network: dict) -> None:
    edge = next(e for e in network["edges"] if e["type"] == "REQUEST")
    assert edge == {
        "source": str(F.SIALA),
        "target": str(F.ALGERIA),
        "type": "REQUEST",
        "quad": "verbal-cooperation",
        "mode": None,
        "cameo": None,
        "predicate_en": "requests support from",
        "predicate_ar": "طالب بدعم",
        "date": "2018-05-14",
        "modality": "asserted",
        "confidence": 0.85,
        "sentence": "طالب سيالة الجزائر بدعم الحوار",
        "trigger": "طالب",
        "doc_id": "libya-visit-2018",
        "event": str(F.RES["event/libya-visit-2018/e1"]),
    }


def test_negated_event_is_an_edge_marked_negated(network: dict) -> None:
    edge = next(e for e in network["edges"] if e["type"] == "ACCUSE")
    assert edge["modality"] == "negated" and edge["date"] is None


def test_network_is_json_serializable(network: dict) -> None:
    assert json.loads(json.dumps(network, ensure_ascii=False)) == network


def test_store_and_dataset_give_the_same_network(ds: rdflib.Dataset, tmp_path: Path) -> None:
    with Store.open(tmp_path / "store") as store:
        F.fill(store, ds)
        assert network_from_store(store, title="t") == network_from_dataset(ds, title="t")


def test_store_network_streams_its_rows(ds: rdflib.Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a corpus's events are held once, as events: never also as a materialized query result
    with Store.open(tmp_path / "store") as opened:
        F.fill(opened, ds)
        expected = network_from_dataset(ds, title="t")
        big = (ROLES_QUERY, EVENTS_QUERY, NODES_QUERY)
        real = Store.select

        def select(self: Store, sparql: str, **kwargs: object) -> list:
            assert sparql not in big, "a network query was materialized"
            return real(self, sparql, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(Store, "select", select)
        assert network_from_store(opened, title="t") == expected


def test_empty_source_gives_an_empty_network() -> None:
    network = network_from_dataset(rdflib.Dataset())
    assert (network["nodes"], network["edges"]) == ([], [])


def test_to_networkx_keeps_parallel_events_as_separate_edges(network: dict) -> None:
    graph = to_networkx(network)
    assert isinstance(graph, nx.MultiDiGraph)
    assert graph.number_of_edges(str(F.ALGERIA), str(F.LIBYA)) == 2
    assert graph.nodes[str(F.LIBYA)]["label_en"] == "Libya"
    key = str(F.RES["event/algeria-statement-2018/e1"])
    assert graph.edges[str(F.ALGERIA), str(F.LIBYA), key]["type"] == "AGREE"


def test_actor_graph_weights_edges_by_event_count(network: dict) -> None:
    graph = actor_graph(network)
    assert isinstance(graph, nx.DiGraph) and not graph.is_multigraph()
    assert graph.edges[str(F.ALGERIA), str(F.LIBYA)]["weight"] == 2
    assert graph.edges[str(F.ALGERIA), str(F.LIBYA)]["types"] == {"AGREE": 1, "ACCUSE": 1}
    assert graph.edges[str(F.SIALA), str(F.ALGERIA)]["weight"] == 1
    assert nx.degree_centrality(graph)[str(F.ALGERIA)] == 1.0


def _net() -> dict:
    nodes = [
        {"id": i, "label_ar": ar, "label_en": en, "type": "Country", "wikidata": None, "events": 1}
        for i, ar, en in (("a", "الجزائر", "Algeria"), ("b", "ليبيا", "Libya"), ("c", "تونس", "Tunisia"))
    ]
    edge = {
        "predicate_en": "",
        "predicate_ar": "",
        "quad": "verbal-cooperation",
        "sentence": "",
        "trigger": "",
        "doc_id": "d",
        "event": "",
    }
    edges = [
        {
            **edge,
            "source": "a",
            "target": "b",
            "event": "e1",
            "type": "REQUEST",
            "date": "2018-05-01",
            "confidence": 0.9,
            "modality": "asserted",
        },
        {
            **edge,
            "source": "b",
            "target": "c",
            "event": "e2",
            "type": "CONSULT",
            "date": None,
            "confidence": 0.4,
            "modality": "future",
        },
    ]
    return {"title": "t", "nodes": nodes, "edges": edges}


def test_filter_network_by_type_date_actor_confidence_and_modality() -> None:
    from kg.graph.network import filter_network

    net = _net()
    assert [e["type"] for e in filter_network(net, types={"REQUEST"})["edges"]] == ["REQUEST"]
    assert len(filter_network(net, since="2018-01-01")["edges"]) == 1  # undated events fall out
    assert len(filter_network(net, actor="تونس")["edges"]) == 1
    assert len(filter_network(net, actor="algeria")["edges"]) == 1
    assert len(filter_network(net, min_confidence=0.5)["edges"]) == 1
    assert len(filter_network(net, modalities={"future"})["edges"]) == 1
    only = filter_network(net, types={"REQUEST"})
    assert {n["id"] for n in only["nodes"]} == {"a", "b"}
    assert len(filter_network(net, types={"REQUEST"}, keep_isolated=True)["nodes"]) == 3


def test_filter_network_keeps_an_actors_events_without_recipient(network: dict) -> None:
    from kg.graph.network import filter_network

    kept = filter_network(network, actor="Siala")
    assert {e["type"] for e in kept["events"]} == {"REQUEST", "ACCUSE"}
    assert [e["type"] for e in kept["edges"]] == ["REQUEST"]
    assert filter_network(network, actor="Atlantis")["events"] == []
