"""Coverage-guided fuzzing of text -> extract -> RDF -> serializations (atheris / libFuzzer).

Each input becomes an article text (fuzzer bytes read as Unicode, mixed with Arabic words,
bidi and zero-width characters and markup from a fixed table), then:
  extract() must not raise and every offset must slice to its text;
  document_dataset() must mint IRIs only from normalized parts;
  N-Quads, TriG and JSON-LD must round-trip (same number of quads, same literals).

    .venv/bin/python fuzz/fuzz_pipeline.py -max_total_time=60          # atheris
    .venv/bin/python fuzz/fuzz_pipeline.py -runs=5000 corpus_dir/      # keep a corpus
    .venv/bin/python fuzz/fuzz_pipeline.py --hypothesis 2000           # without atheris

libFuzzer prints "Done N runs in S second(s)" at the end; a crash writes crash-<sha1> with the
input, replayed with `python fuzz/fuzz_pipeline.py crash-<sha1>`.
"""

from __future__ import annotations

import re
import sys

WORDS = (
    "زار",
    "التقى",
    "طالب",
    "أدان",
    "وزير",
    "الخارجية",
    "الجزائري",
    "الليبي",
    "ليبيا",
    "الجزائر",
    "تونس",
    "مساهل",
    "السراج",
    "أمس",
    "بدعم",
    "إلى",
    "في",
    "أن",
    "لم",
    "سوف",
    "زيارته",
    "البلدين",
    "قال",
    "أكد",
    "«",
    "»",
    '"',
    "(",
    ")",
    ".",
    "،",
    "؟",
    "\n",
    "\u202e",
    "\u202c",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\u0640",
    "\u064e",
    "\u0651",
    "<script>",
    "</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:",
    "\\",
    '"""',
    "> .",
    "} ;",
    "\u2028",
    "ﷺ",
    "ﻻ",
    "Hello",
    "٢٠١٨",
)
RESOURCE = re.compile(r"^https://w3id\.org/kg-arabic/resource/[A-Za-z0-9/_.-]+$")
WIKIDATA = re.compile(r"^http://www\.wikidata\.org/entity/Q[1-9][0-9]*$")
VOCAB = re.compile(
    r"^(https://w3id\.org/kg-arabic/ontology#|http://www\.w3\.org/|"
    r"https://schema\.org/|http://semanticweb\.cs\.vu\.nl/2009/11/sem/|"
    r"http://purl\.org/dc/terms/)"
)
_SURROGATE = re.compile("[\ud800-\udfff]")


def text_from(data: bytes) -> str:
    """An article text from fuzzer bytes: even bytes pick table words, the rest is Unicode."""
    out: list[str] = []
    i = 0
    while i < len(data):
        b = data[i]
        if b & 1:
            out.append(WORDS[(b >> 1) % len(WORDS)])
            i += 1
        else:
            size = 1 + (b >> 1) % 8
            chunk = data[i + 1 : i + 1 + size]
            out.append(chunk.decode("utf-8", "replace"))
            i += 1 + size
        if b % 7 == 0:
            out.append(" ")
    return _SURROGATE.sub("\ufffd", "".join(out))


def check_text(text: str) -> None:
    """The invariants; raises AssertionError (a fuzzer finding) when one breaks."""
    import pyoxigraph as ox
    from rdflib import Dataset, Literal, URIRef

    from kg.graph.rdf import document_dataset
    from kg.pipeline import extract

    doc = extract(text, doc_id="fuzz", date="2018-05-16")
    for kind, spans in (("sentence", doc.sentences), ("token", doc.tokens), ("mention", doc.mentions)):
        for s in spans:
            assert 0 <= s.start <= s.end <= len(text), (kind, s)
            assert text[s.start : s.end] == s.text, (kind, s)
    for ev in doc.events:
        assert text[ev.start : ev.end] == ev.trigger, ev
        assert ev.sentence in text, ev
    ds = document_dataset(doc)
    quads = list(ds.quads((None, None, None, None)))
    for s, p, o, g in quads:
        for term in (s, g):
            assert isinstance(term, URIRef) and (RESOURCE.match(term) or WIKIDATA.match(term)), term
        assert VOCAB.match(p), p
        if isinstance(o, URIRef):
            assert RESOURCE.match(o) or WIKIDATA.match(o) or VOCAB.match(o), o
    literals = sorted(str(o) for _s, _p, o, _g in quads if isinstance(o, Literal))
    for fmt in ("nquads", "trig"):
        data = ds.serialize(format=fmt, encoding="utf-8")
        back = list(ox.parse(data, ox.RdfFormat.N_QUADS if fmt == "nquads" else ox.RdfFormat.TRIG))
        assert len(back) == len(quads), (fmt, len(back), len(quads))
        got = sorted(q.object.value for q in back if isinstance(q.object, ox.Literal))
        assert got == literals, fmt
    back_ld = Dataset().parse(data=ds.serialize(format="json-ld"), format="json-ld")
    assert len(list(back_ld.quads((None, None, None, None)))) == len(quads), "json-ld"


def test_one_input(data: bytes) -> None:
    check_text(text_from(data))


def run_hypothesis(examples: int) -> int:
    """The same checks driven by hypothesis (when atheris is not installed); returns cases."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    count = 0

    @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(st.binary(max_size=400))
    def fuzz(data: bytes) -> None:
        nonlocal count
        count += 1
        test_one_input(data)

    fuzz()
    return count


def main(argv: list[str]) -> None:
    if len(argv) > 2 and argv[1] == "--hypothesis":
        print(f"Done {run_hypothesis(int(argv[2]))} runs (hypothesis)", file=sys.stderr)
        return
    import atheris

    with atheris.instrument_imports(include=["kg"]):
        import kg.graph.rdf  # noqa: F401  (instrumented for coverage feedback)
        import kg.pipeline  # noqa: F401
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
