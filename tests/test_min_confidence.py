"""`--min-confidence` on kg extract, build and export, and what makes an article "unchanged".

The thresholds are read from the confidences kg gives in the test itself (no figure of a
particular article is written down here): a threshold between the lowest and the highest keeps
some events and drops others, and exactly those at or above it stay.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main, sample_date, sample_path
from kg.extract.scorer import keep_confident
from kg.graph.rdf import content_hash, extractor_fingerprint
from kg.model import Document
from kg.pipeline import extract


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def sample_doc() -> Document:
    return extract(sample_path().read_text(encoding="utf-8"), "seed", sample_date())


@pytest.fixture(scope="module")
def middle(sample_doc: Document) -> float:
    """A threshold strictly between the lowest and highest confidence of the sample's events."""
    scores = sorted({e.confidence or 0.0 for e in sample_doc.events})
    assert len(scores) >= 2, "the sample should give events of different confidence"
    return (scores[0] + scores[-1]) / 2


def test_keep_confident_keeps_exactly_the_events_at_or_above(sample_doc: Document, middle: float) -> None:
    kept = keep_confident(sample_doc, middle)
    assert 0 < len(kept.events) < len(sample_doc.events)
    assert {e.id for e in kept.events} == {e.id for e in sample_doc.events if (e.confidence or 0) >= middle}
    ids = {e.id for e in kept.events}
    assert all(f.subject in ids for f in kept.facts if f.predicate == "statedBy")
    assert keep_confident(sample_doc, 0.0) is sample_doc


def test_content_hash_depends_on_the_threshold_and_the_extractor(sample_doc: Document, monkeypatch) -> None:
    plain, strict = content_hash(sample_doc), content_hash(sample_doc, 0.6)
    assert plain != strict and content_hash(sample_doc, 0.6) == strict
    assert len(extractor_fingerprint()) == 16
    monkeypatch.setattr("kg.graph.rdf.extractor_fingerprint", lambda: "another-kg")
    assert content_hash(sample_doc) != plain  # an upgraded kg extracts the article again


def test_extract_min_confidence_drops_the_less_confident_events(tmp_path: Path, middle: float) -> None:
    article = tmp_path / "a.txt"
    article.write_text(sample_path().read_text(encoding="utf-8"), encoding="utf-8")
    every = json.loads(run("extract", str(article), "--date", sample_date()).stdout)
    some = json.loads(run("extract", str(article), "--date", sample_date(), "--min-confidence", str(middle)).stdout)
    assert 0 < len(some["events"]) < len(every["events"])
    assert all(e["confidence"] >= middle for e in some["events"])


def test_build_with_another_threshold_replaces_the_article(tmp_path: Path, middle: float) -> None:
    store, out = str(tmp_path / "store"), str(tmp_path / "out")

    def events() -> int:
        result = run("query", "SELECT (COUNT(?e) AS ?n) WHERE { ?e a kg:Event }", "--store", store, "--format", "json")
        return int(json.loads(result.stdout)["results"]["bindings"][0]["n"]["value"])

    assert run("build", "--store", store, "--out", out, "--no-view").exit_code == 0
    every = events()
    result = run("build", "--store", store, "--out", out, "--no-view", "--min-confidence", str(middle))
    assert result.exit_code == 0 and "1 built" in result.stderr, result.stderr
    assert 0 < events() < every
    again = run("build", "--store", store, "--out", out, "--no-view", "--min-confidence", str(middle))
    assert "unchanged" in again.stderr and "0 built" in again.stderr, again.stderr


def test_export_min_confidence_filters_network_formats_and_refuses_rdf(tmp_path: Path, middle: float) -> None:
    store, out = str(tmp_path / "store"), str(tmp_path / "out")
    assert run("build", "--store", store, "--out", out, "--no-view").exit_code == 0
    rows = {}
    for threshold in ("0", str(middle)):
        target = tmp_path / f"events-{threshold}.csv"
        result = run("export", "--format", "events", "-o", str(target), "--store", store, "--min-confidence", threshold)
        assert result.exit_code == 0, result.stderr
        rows[threshold] = target.read_text(encoding="utf-8").count("\n")
    assert rows[str(middle)] < rows["0"]
    refused = run(
        "export", "--format", "turtle", "-o", str(tmp_path / "g.ttl"), "--store", store, "--min-confidence", "0.5"
    )
    assert refused.exit_code == 2 and "kg build --min-confidence" in refused.stderr
    assert not (tmp_path / "g.ttl").exists()
