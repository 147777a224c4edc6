"""SIGKILL during the store's bulk writes, in-place replacements and `kg compact`: the store
always opens, every article in it is exactly one version of itself, and a new run finishes.
(fuzz/kill_store.py does the work; kg build's own kills are in test_crash.py.)"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from hardening_support import load_script
from kg.graph.store import Store

pytestmark = pytest.mark.slow


def _kill_store():
    return load_script("fuzz/kill_store.py")


def test_kills_during_bulk_writes_and_replacements_leave_whole_articles(tmp_path: Path) -> None:
    report = _kill_store().kill_writes(tmp_path, kills=8, seed=16)
    assert report.problems == []
    assert report.kills == 8 and report.survived == 8
    assert report.kills - report.finished_before_kill >= 6  # most kills hit a running writer


def test_kills_during_partition_writes_through_put_nquads_leave_whole_articles(tmp_path: Path) -> None:
    report = _kill_store().kill_writes(tmp_path, kills=6, seed=18, via="nquads")
    assert report.problems == []
    assert report.kills == 6 and report.survived == 6
    assert report.kills - report.finished_before_kill >= 4  # most kills hit a running writer


def test_kills_during_compaction_lose_nothing(tmp_path: Path) -> None:
    report = _kill_store().kill_compaction(tmp_path, kills=3, seed=17)
    assert report.problems == []
    assert report.kills == 3 and report.survived == 3


def test_store_check_catches_an_article_mixed_from_two_versions(tmp_path: Path) -> None:
    """The checker itself must be able to fail."""
    ks = _kill_store()
    iri, first, _ = ks.article(3, 1)
    _, second, _ = ks.article(3, 2)
    with Store.open(tmp_path / "s") as store:
        store.oxigraph.load(first + second, ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(iri))
    graphs, shared = ks.expected()
    problems = ks.store_problems(tmp_path / "s", graphs, shared)
    assert any("is no version of its article" in p for p in problems)
