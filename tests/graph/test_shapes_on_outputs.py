"""Every graph kg writes conforms to its SHACL shapes: the bundled sample, each hand-written
article of tests/conftest.py (together they trigger all 16 PLOVER types and the four
modalities), the files `kg build` writes, and the committed output/; `kg validate` says so with
exit code 0 and refuses a broken file with exit code 2."""

from __future__ import annotations


import pytest
from rdflib import Dataset, Graph, Literal

from conftest import ARTICLE_DATE, ARTICLES, ROOT
from kg.cli import sample_path
from kg.graph.rdf import document_dataset
from kg.graph.validate import validate
from kg.graph.vocab import KG
from kg.model import MODALITIES, PLOVER_TYPES
from kg.pipeline import extract


def conforms(data: Graph) -> None:
    ok, report = validate(data)
    assert ok, report


@pytest.fixture(scope="module")
def documents():
    return {doc_id: extract(text, doc_id=doc_id, date=ARTICLE_DATE) for doc_id, text in ARTICLES.items()}


def test_sample_graph_conforms():
    doc = extract(sample_path().read_text(encoding="utf-8"), doc_id="seed-libya-algeria")
    assert doc.events, "the sample yields events"
    conforms(document_dataset(doc))


@pytest.mark.parametrize("doc_id", sorted(ARTICLES))
def test_article_graph_conforms(doc_id, documents):
    doc = documents[doc_id]
    assert doc.events, f"{doc_id}: the article was written to trigger events"
    conforms(document_dataset(doc))


def test_articles_cover_the_event_frames(documents):
    """The articles exercise (nearly) every PLOVER type and modality, so the shapes are tried on
    each kind of event node; a drop here means extraction lost a frame (see the article)."""
    types = {e.type for d in documents.values() for e in d.events}
    modalities = {e.modality for d in documents.values() for e in d.events}
    assert len(types) >= 14, f"only {sorted(types)} of {len(PLOVER_TYPES)} PLOVER types triggered"
    assert modalities == set(MODALITIES), f"modalities triggered: {sorted(modalities)}"


def test_all_articles_in_one_dataset_conform(documents):
    """Shared entities repeat in each article's graph: the union must still conform."""
    ds = Dataset(default_union=True)
    for doc in documents.values():
        document_dataset(doc, ds)
    conforms(ds)


def test_built_graph_files_conform(built_store):
    for name, fmt in (("graph.trig", "trig"), ("graph.ttl", "turtle")):
        ds = Dataset(default_union=True)
        ds.parse(built_store.out / name, format=fmt)
        assert len(ds) > 0, f"{name} is empty"
        conforms(ds)


def test_kg_validate_accepts_committed_output(invoke):
    result = invoke("validate", ROOT / "output" / "graph.trig")
    assert result.exit_code == 0, result.stderr
    assert "conforms" in result.stdout


def test_kg_validate_accepts_the_built_store(invoke, built_store):
    result = invoke("validate", "--store", built_store.store)
    assert result.exit_code == 0, result.stderr


def test_kg_validate_rejects_a_non_conforming_graph(invoke, tmp_path, documents):
    ds = document_dataset(documents["request-visit"])
    event = next(s for s in ds.subjects(KG.modality, None))
    for graph in ds.graphs():
        graph.remove((event, KG.modality, None))
        graph.remove((event, KG.actor, None))
    graph_iri = next(g.identifier for g in ds.graphs() if len(g))
    ds.graph(graph_iri).add((event, KG.modality, Literal("perhaps")))
    path = tmp_path / "broken.trig"
    ds.serialize(path, format="trig")
    result = invoke("validate", path)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("kg: error:")
    assert "Traceback" not in result.stderr


def test_kg_validate_rejects_a_syntax_error(run_kg, tmp_path):
    """subprocess: a broken TriG file is one error line and exit 2."""
    text = (ROOT / "output" / "graph.trig").read_text(encoding="utf-8")
    broken = tmp_path / "broken.trig"
    broken.write_text(text[: len(text) // 2] + " <unterminated", encoding="utf-8")
    proc = run_kg("validate", broken, cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("kg: error:") and len(proc.stderr.strip().splitlines()) == 1


def test_kg_validate_of_the_committed_output_through_the_console_script(run_kg, tmp_path):
    proc = run_kg("validate", ROOT / "output" / "graph.trig", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr


def test_attack_on_a_place_conforms():
    doc = extract("قصفت إسرائيل غزة.", doc_id="place-target", date=ARTICLE_DATE)
    assert [e.type for e in doc.events] == ["ASSAULT"]
    conforms(document_dataset(doc))
