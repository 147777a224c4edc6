"""Reading SPARQL text: the prefixes a query uses and declares, kg's predeclared ones added in
front, unknown prefixes and misspelt kg: terms found outside strings, IRIs and comments."""

from __future__ import annotations

import pytest

from kg.graph.sparql import declared_prefixes, unknown_prefixes, unknown_terms, used_prefixes, with_prefixes
from kg.graph.vocab import PREFIXES


def test_used_prefixes_skip_strings_iris_comments_and_variables() -> None:
    query = '# foo:bar\nSELECT ?x WHERE { ?x kg:actor ?y ; rdfs:label "a:b"@en . ?y <http://q:1/x> _:b1 }'
    assert used_prefixes(query) == {"kg", "rdfs"}


def test_typed_literal_and_long_string_are_read_right() -> None:
    query = 'SELECT * WHERE { ?e kg:date "2018-05-16"^^xsd:date ; kg:evidence """x:y\nz:w""" }'
    assert used_prefixes(query) == {"kg", "xsd"}


def test_with_prefixes_declares_only_what_is_used_and_not_declared() -> None:
    query = "PREFIX kg: <http://other#>\nSELECT ?a WHERE { ?a kg:x ?b ; rdfs:label ?l }"
    fixed = with_prefixes(query)
    assert fixed.startswith(f"PREFIX rdfs: <{PREFIXES['rdfs']}>\n") and fixed.endswith(query)
    assert declared_prefixes(fixed) == {"rdfs": PREFIXES["rdfs"], "kg": "http://other#"}
    assert with_prefixes("ASK { ?a ?b ?c }") == "ASK { ?a ?b ?c }"


def test_unknown_prefixes_are_those_neither_declared_nor_predeclared() -> None:
    assert unknown_prefixes("PREFIX foaf: <x#> SELECT * { ?a foaf:name ?n ; dc:title ?t ; kg:actor ?b }") == {"dc"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELECT * { ?a kg:requestFrom ?b }", [("kg:requestFrom", "kg:requestsFrom")]),
        ("SELECT * { ?a <https://w3id.org/kg-arabic/ontology#actr> ?b }", [("kg:actr", "kg:actor")]),
        ("SELECT * { ?a kg:requestsFrom ?b ; kg:actor ?c ; a kg:Consult }", []),
        ('SELECT * { ?a ?p "kg:nothing" } # kg:notATerm', []),
        ("PREFIX kg: <http://example.org/> SELECT * { ?a kg:whatever ?b }", []),
    ],
)
def test_unknown_kg_terms_with_the_closest_declared_term(query: str, expected: list) -> None:
    assert unknown_terms(query) == expected
