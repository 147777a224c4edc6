"""`kg serve` under a small load: 5 clients x 20 SELECTs all answered, a cross-product query
stopped by the server's timeout with the server still answering, UPDATE refused, loopback
bound by default. (benchmarks/endpoint_load.py is the full-size run with latencies.)"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.graph.server import DEFAULT_HOST, DEFAULT_QUERY_TIMEOUT_S, start_server

from hardening_support import load_script, need_oxigraph

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


def _load():
    return load_script("benchmarks/endpoint_load.py")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    need_oxigraph()
    load = _load()
    work = tmp_path_factory.mktemp("endpoint")
    load.build_store(work / "store", 24)
    with start_server(work / "store", port=load.free_port(), timeout_s=2, log_dir=work) as srv:
        yield srv.wait_ready()


def _plain_queries() -> list[str]:
    return [q for name, q in _load().query_mix().items() if not name.endswith(".rq")]


def test_five_clients_of_twenty_selects_get_every_answer(server) -> None:
    load = _load()
    result = load.run_load(server.query_url, clients=5, per_client=20, max_seconds=120, queries=_plain_queries())
    assert result["errors"] == 0, result["error_samples"]
    assert result["ok"] == 100


def test_a_cross_product_query_is_stopped_and_the_server_keeps_answering(server) -> None:
    load = _load()
    outcome = load.pathological(server.query_url, timeout_s=2)
    assert not outcome["complete_result"]
    assert server.process.poll() is None
    assert load.complete_result(*load.ask(server.query_url, load.SIMPLE))


def test_update_is_refused_by_the_read_only_server(server) -> None:
    assert _load().refuses_update(server) == {"update_status": 403, "refused": True}
    assert _load().complete_result(*_load().ask(server.query_url, _load().SIMPLE))


def test_server_binds_loopback_with_a_query_timeout_unless_told(server, tmp_path: Path) -> None:
    assert _load().bound_host(server) == "127.0.0.1" == DEFAULT_HOST
    with start_server(
        server.process.args[server.process.args.index("--store") + 1], port=_load().free_port(), log_dir=tmp_path
    ) as other:
        args = other.process.args
        assert args[args.index("--host") + 1] == "127.0.0.1"
        assert args[args.index("--timeout") + 1] == str(DEFAULT_QUERY_TIMEOUT_S)
        other.wait_ready()


def test_kg_serve_defaults_to_loopback() -> None:
    from kg.cli import main

    help_text = CliRunner().invoke(main, ["serve", "--help"]).output
    assert "127.0.0.1" in help_text


def test_kg_serve_without_store_uses_the_default_store(tmp_path: Path, monkeypatch) -> None:
    """Was: `kg serve` with no --store crashed with TypeError (Path(None))."""
    need_oxigraph()
    monkeypatch.setenv("KG_STORE", str(tmp_path / "absent"))
    from kg.errors import StoreError

    with pytest.raises(StoreError, match="absent"):
        start_server(None, port=_load().free_port(), log_dir=tmp_path)


# Were quadratic-and-worse in the articles naming an entity (its type and labels repeated per
# article graph under the union default graph); fixed by the shared entity graph.
BUNDLED = sorted(name for name in _load().query_mix() if name.endswith(".rq"))


@pytest.mark.parametrize("name", BUNDLED)
def test_every_bundled_query_answers_on_a_store_of_articles_sharing_actors(server, name: str) -> None:
    from kg.graph.store import Store

    location = server.process.args[server.process.args.index("--store") + 1]
    with Store.open(location, read_only=True) as store:
        result = store.query(_load().query_mix()[name], timeout_s=30)
    assert result.kind == "select"


def test_zz_a_four_way_cross_product_is_stopped_by_the_timeout(server) -> None:
    """Was an xfail: Oxigraph's --timeout-s is not checked while a four-way cross-product COUNT
    runs (it ran past 120 s with a 2 s timeout on 1,700 quads). kg serve's front now answers
    503 at its own deadline and replaces the busy server (kg.graph.endpoint)."""
    load = _load()
    status, body = load.ask(server.query_url, load.FOUR_WAY, timeout=15)
    assert status == 503, (status, body[:200])
    assert not load.complete_result(status, body)
    assert load.complete_result(*load.ask(server.query_url, load.SIMPLE))
