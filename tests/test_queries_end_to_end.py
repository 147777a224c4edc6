"""The example queries of ontology/queries, run by `kg query -f` on a store built from the
hand-written articles of conftest.py: "request-visit" holds a request (طالبت ليبيا الجزائر بدعم …)
and a visit (وزار مساهل ليبيا …); the queries must return them with their evidence sentence."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import ARTICLES, REQUESTED_EN, REQUESTER_EN, ROOT, VISITED_EN, VISITOR_EN

QUERIES = ROOT / "ontology" / "queries"
QUERY_FILES = sorted(QUERIES.glob("*.rq"))
ARTICLE = ARTICLES["request-visit"]
REQUEST_SENTENCE = ARTICLE.split(". ")[0] + "."
VISIT_SENTENCE = ARTICLE.split(". ")[1] + "."
VALUES_LINE = re.compile(r'^\s*\("[^"]*"@en kg:\w+ "[^"]*"@en\)\s*$', re.MULTILINE)


def run_query(invoke, store: Path, *args: str | Path) -> list[dict]:
    """The rows of `kg query --format json` (the standard SPARQL results JSON) as plain values."""
    result = invoke("query", *args, "--store", store, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    return [{v: (b[v]["value"] if v in b else None) for v in data["head"]["vars"]} for b in data["results"]["bindings"]]


def from_article(rows: list[dict], doc_id: str) -> list[dict]:
    return [r for r in rows if (r.get("article") or "").endswith(f"/article/{doc_id}")]


def test_query_files_are_shipped():
    names = {p.stem for p in QUERY_FILES}
    assert {"who-asked-whom", "all-visits", "evidence-for-triple"} <= names


def test_who_asked_whom_returns_the_request_with_evidence(invoke, built_store):
    rows = from_article(run_query(invoke, built_store.store, "-f", QUERIES / "who-asked-whom.rq"), "request-visit")
    pairs = {(r["requesterEn"], r["requestedEn"]) for r in rows}
    assert (REQUESTER_EN, REQUESTED_EN) in pairs, rows
    row = next(r for r in rows if (r["requesterEn"], r["requestedEn"]) == (REQUESTER_EN, REQUESTED_EN))
    assert row["evidence"] == REQUEST_SENTENCE
    assert row["trigger"] == "طالبت" and row["modality"] == "asserted"
    assert row["requesterAr"] == "ليبيا" and row["requestedAr"] == "الجزائر"


def test_all_visits_returns_the_visit_with_evidence(invoke, built_store):
    rows = from_article(run_query(invoke, built_store.store, "-f", QUERIES / "all-visits.rq"), "request-visit")
    row = next((r for r in rows if (r["visitorEn"], r["hostEn"]) == (VISITOR_EN, VISITED_EN)), None)
    assert row is not None, rows
    assert row["evidence"] == VISIT_SENTENCE
    assert row["mode"] == "visit" and row["modality"] == "asserted"
    assert row["when"] == "2018-05-15", "أمس (yesterday) against the article date 2018-05-16"


def test_all_visits_says_which_visits_did_not_happen(invoke, built_store):
    """لن يزور (negated) and إذا زار (hypothetical) come back with their modality, not as facts."""
    rows = from_article(run_query(invoke, built_store.store, "-f", QUERIES / "all-visits.rq"), "modality")
    by_host = {r["hostEn"]: r["modality"] for r in rows}
    assert by_host.get("Morocco") == "negated", rows
    assert by_host.get("Libya") == "hypothetical", rows


def evidence_query(subject_en: str, prop: str, object_en: str) -> str:
    text = (QUERIES / "evidence-for-triple.rq").read_text(encoding="utf-8")
    assert len(VALUES_LINE.findall(text)) == 1, "evidence-for-triple.rq: the VALUES line to edit moved"
    return VALUES_LINE.sub(f'    ("{subject_en}"@en kg:{prop} "{object_en}"@en)', text, count=1)


def test_evidence_for_triple_returns_the_events_behind_an_edge(invoke, built_store, tmp_path):
    query = tmp_path / "evidence.rq"
    query.write_text(evidence_query(REQUESTER_EN, "requestsFrom", REQUESTED_EN), encoding="utf-8")
    rows = run_query(invoke, built_store.store, "-f", query)
    assert rows, "no event behind Libya kg:requestsFrom Algeria"
    row = from_article(rows, "request-visit")[0]
    assert row["evidence"] == REQUEST_SENTENCE and row["docId"] == "request-visit"
    start, end = int(row["start"]), int(row["end"])
    assert ARTICLE[start:end] == row["trigger"] == "طالبت"


def test_evidence_for_triple_finds_nothing_for_an_absent_edge(invoke, built_store, tmp_path):
    query = tmp_path / "evidence.rq"
    query.write_text(evidence_query(REQUESTED_EN, "requestsFrom", REQUESTER_EN), encoding="utf-8")
    assert run_query(invoke, built_store.store, "-f", query) == []


def test_evidence_for_triple_as_shipped_answers_on_the_sample(invoke, tmp_path):
    store = tmp_path / "store"
    result = invoke("build", "--store", store, "--out", tmp_path / "out", "--no-view")
    assert result.exit_code == 0, result.stderr
    assert run_query(invoke, store, "-f", QUERIES / "evidence-for-triple.rq")


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_every_example_query_runs_on_the_store(path, invoke, built_store):
    result = invoke("query", "-f", path, "--store", built_store.store, "--format", "json")
    assert result.exit_code == 0, f"{path.name}: {result.stderr}"
    data = json.loads(result.stdout)
    assert "results" in data and set(data["head"]) == {"vars"}


def test_query_file_by_bare_name_falls_back_to_the_packaged_one(invoke, built_store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("query", "-f", "all-visits.rq", "--store", built_store.store, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("when,visitorEn,")


def test_example_query_through_the_console_script(run_kg, built_store, tmp_path):
    """subprocess: `kg query -f ontology/queries/who-asked-whom.rq` from the repository."""
    proc = run_kg(
        "query", "-f", "ontology/queries/who-asked-whom.rq", "--store", built_store.store, "--format", "csv", cwd=ROOT
    )
    assert proc.returncode == 0, proc.stderr
    assert REQUEST_SENTENCE in proc.stdout


def test_query_json_is_the_standard_sparql_results_format(invoke, built_store):
    """What SPARQLWrapper and other clients read: head.vars, results.bindings, typed terms."""
    sparql = "SELECT ?e ?label ?date WHERE { ?e a kg:Event ; rdfs:label ?label . OPTIONAL { ?e kg:date ?date } }"
    result = invoke("query", sparql, "--store", built_store.store, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["head"]["vars"] == ["e", "label", "date"]
    bindings = data["results"]["bindings"]
    assert bindings and all(b["e"]["type"] == "uri" for b in bindings)
    assert all(b["label"] == {"type": "literal", "value": b["label"]["value"], "xml:lang": "en"} for b in bindings)
    dated = [b["date"] for b in bindings if "date" in b]
    assert dated and all(d["datatype"] == "http://www.w3.org/2001/XMLSchema#date" for d in dated)


def test_ask_as_json_is_a_boolean(invoke, built_store):
    result = invoke("query", "ASK { ?a kg:requestsFrom ?b }", "--store", built_store.store, "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout) == {"head": {}, "boolean": True}


def test_misspelt_kg_term_gets_a_warning_with_the_closest_term(invoke, built_store):
    result = invoke("query", "SELECT ?a WHERE { ?a kg:requestFrom ?b }", "--store", built_store.store)
    assert result.exit_code == 0
    assert "kg:requestFrom is not a term of kg's ontology (did you mean kg:requestsFrom?)" in result.stderr


def test_kg_terms_in_strings_and_comments_and_known_terms_get_no_warning(invoke, built_store):
    sparql = '# kg:nothing here\nSELECT ?a WHERE { ?a kg:requestsFrom ?b . FILTER(STR(?a) != "kg:notATerm") }'
    result = invoke("query", sparql, "--store", built_store.store)
    assert result.exit_code == 0 and "warning" not in result.stderr


def test_unknown_prefix_is_a_clear_error(invoke, built_store):
    result = invoke("query", "SELECT ?a WHERE { ?a foaf:name ?b }", "--store", built_store.store)
    assert result.exit_code == 2
    assert "uses the prefix foaf: without declaring it" in result.stderr and "kg:" in result.stderr
    assert "expected" not in result.stderr  # no grammar dump


def test_demo_article_carries_its_date_so_date_queries_answer(invoke, tmp_path):
    from kg.cli import sample_date

    store = tmp_path / "store"
    result = invoke("build", "--store", store, "--out", tmp_path / "out", "--no-view")
    assert result.exit_code == 0, result.stderr
    rows = run_query(invoke, store, "-f", QUERIES / "visits-by-nationals.rq")
    assert rows and {r["visitorEn"] for r in rows} == {VISITOR_EN}
    assert all(r["when"] >= "2016-01-01" for r in rows)
    published = run_query(invoke, store, "SELECT ?d WHERE { ?a kg:publishedOn ?d }")
    assert [r["d"] for r in published] == [sample_date()]
