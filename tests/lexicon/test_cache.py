"""The cache of built lexicons: read when fresh, built again when stale, corrupt or off."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

from kg.lexicon import cache


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV, str(tmp_path))
    return tmp_path


def _counting(value):
    calls = []

    def build():
        calls.append(1)
        return value

    return build, calls


def test_a_second_run_reads_what_the_first_built(folder):
    build, calls = _counting({"a": [1, 2]})
    assert cache.cached("x", build, dict) == {"a": [1, 2]}
    assert cache.cached("x", build, dict) == {"a": [1, 2]}
    assert len(calls) == 1
    assert [p.name for p in folder.iterdir()] == [f"x-{cache.fingerprint()}.pickle"]


def test_a_stale_file_is_built_over_and_removed(folder, monkeypatch):
    cache.cached("x", lambda: {"old": 1}, dict)
    monkeypatch.setattr(cache, "fingerprint", lambda: "0123456789abcdef")
    build, calls = _counting({"new": 1})
    assert cache.cached("x", build, dict) == {"new": 1}
    assert calls and [p.name for p in folder.iterdir()] == ["x-0123456789abcdef.pickle"]


@pytest.mark.parametrize(
    "content", [b"", b"not a pickle", pickle.dumps(["a list, not a dict"])[:-3], pickle.dumps([1])]
)
def test_a_corrupt_or_foreign_file_is_built_over(folder, content):
    path = folder / f"x-{cache.fingerprint()}.pickle"
    path.write_bytes(content)
    build, calls = _counting({"a": 1})
    assert cache.cached("x", build, dict) == {"a": 1}
    assert calls == [1]
    assert pickle.loads(path.read_bytes()) == {"a": 1}


def test_off_builds_every_time_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV, "off")
    monkeypatch.chdir(tmp_path)
    build, calls = _counting({"a": 1})
    cache.cached("x", build, dict)
    cache.cached("x", build, dict)
    assert len(calls) == 2 and list(tmp_path.iterdir()) == []


def test_a_folder_that_cannot_be_written_only_costs_the_time(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv(cache.ENV, str(blocker / "cache"))  # under a file: cannot be made
    assert cache.cached("x", lambda: {"a": 1}, dict) == {"a": 1}


def test_lexicons_read_from_elsewhere_are_never_cached(folder, monkeypatch, tmp_path_factory):
    from kg.lexicon import tsv

    monkeypatch.setattr(tsv, "DATA", tmp_path_factory.mktemp("data"))
    build, calls = _counting({"a": 1})
    cache.cached("x", build, dict)
    cache.cached("x", build, dict)
    assert len(calls) == 2 and list(folder.iterdir()) == []


def test_the_cached_gazetteer_and_tagger_are_the_built_ones(folder):
    from kg.extract.tagger.model import Model, model_path
    from kg.lexicon.actors import Gazetteer, build

    for _ in range(2):  # built and written, then read
        g = cache.cached("gazetteer", build, Gazetteer)
        assert g == build()
        m = cache.cached("tagger", lambda: Model.load(model_path()), Model)
        fresh = Model.load(model_path())
        assert m.labels == fresh.labels and np.array_equal(m.transitions, fresh.transitions)
        mine, theirs = m.features, fresh.features
        assert mine.keys() == theirs.keys() and all(np.array_equal(v, theirs[k]) for k, v in mine.items())


def test_the_cached_predicates_word_lists_and_positions_are_the_built_ones(folder, monkeypatch):
    from kg.lexicon import positions, predicates, words

    loaders = {
        "predicates": predicates.predicate_lexicon,
        "positions": positions.positions,
        "word_set-common_nouns": lambda: words.word_set("common_nouns.tsv"),
        "word_map-frequent_words-kind": lambda: words.word_map("frequent_words.tsv", "kind"),
    }

    def fresh() -> dict:
        for fn in (predicates.predicate_lexicon, positions.positions, words.word_set, words.word_map):
            fn.cache_clear()  # the next call reads the cache folder (or builds) again
        return {name: load() for name, load in loaders.items()}

    monkeypatch.setenv(cache.ENV, "off")
    built = fresh()
    monkeypatch.setenv(cache.ENV, str(folder))
    try:
        assert fresh() == built  # built and written
        assert {p.name.rsplit("-", 1)[0] for p in folder.iterdir()} >= set(loaders)
        assert fresh() == built  # read
    finally:
        fresh()  # the next tests get the package's own lexicons again
