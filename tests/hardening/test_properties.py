"""Property tests: hostile text (bidi controls, zero-width characters, diacritics, mixed scripts,
HTML, unbalanced quotes, 10k-character tokens, very long sentences) through normalization,
segmentation, the whole pipeline and the RDF mapping: nothing raises, every offset slices to
its text, every IRI is minted from normalized parts, every graph passes SHACL."""

from __future__ import annotations

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from hardening_support import SAFE_CHARS, examples, hostile_text, iri_problems, offset_problems
from kg.arabic.normalize import arabic_ratio, fold, fold_char, fold_names, fold_with_offsets
from kg.arabic.segment import split_sentences, tokenize
from kg.graph.rdf import document_dataset
from kg.graph.validate import validate
from kg.pipeline import extract

any_text = st.one_of(st.text(SAFE_CHARS, max_size=300), hostile_text())


@examples(150)
@given(any_text)
def test_fold_is_idempotent_including_presentation_forms(text: str) -> None:
    once = fold(text)
    assert fold(once) == once
    assert fold_names(fold_names(text)) == fold_names(text)


def _presentation_form(ch: str) -> bool:
    return "\ufb50" <= ch <= "\ufdff" or "\ufe70" <= ch <= "\ufeff"


@pytest.mark.parametrize("ch", ["\ufdf9", "\ufc5e", "\ufb50", "\ufdfa"])
def test_fold_is_idempotent_on_presentation_form_ligatures(ch: str) -> None:
    assert fold(fold(ch)) == fold(ch)


@examples(150)
@given(any_text)
def test_fold_with_offsets_points_back_to_the_character_it_came_from(text: str) -> None:
    folded, index = fold_with_offsets(text)
    assert folded == fold(text)
    assert len(index) == len(folded)
    assert index == sorted(index)
    assert all(0 <= i < len(text) and c in fold_char(text[i]) for c, i in zip(folded, index))


@examples(150)
@given(any_text)
def test_arabic_ratio_is_a_share(text: str) -> None:
    assert 0.0 <= arabic_ratio(text) <= 1.0


@examples(150)
@given(any_text)
@example('قال "' * 40 + "زار مساهل ليبيا.")  # unbalanced quotes everywhere
@example("\u202eزار مساهل ليبيا.\u202c")
def test_sentences_slice_to_their_text_in_order_without_overlap(text: str) -> None:
    spans = split_sentences(text)
    last = 0
    for s in spans:
        assert last <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == s.text and s.text == s.text.strip()
        last = s.end
    covered = "".join(s.text for s in spans)
    assert len("".join(covered.split())) == len("".join(text.split()))  # no letter lost


@examples(150)
@given(any_text, st.integers(0, 10_000))
def test_tokens_slice_to_their_text_at_any_offset(text: str, offset: int) -> None:
    padded = "x" * offset + text
    for t in tokenize(text, offset):
        assert padded[t.start : t.end] == t.text and t.text.strip() == t.text and t.text


@examples(40)
@given(hostile_text())
@example("ا" * 10_000)
@example(" ".join(["زار", "مساهل", "ليبيا", "و"] * 500))  # one 2,000-word sentence
@example('<script>alert(1)</script> زار مساهل ليبيا "><img src=x onerror=alert(1)>')
@example("طالب \u200bمساهل\u200d بدعم \u202eليبيا\u202c أمس.")
def test_pipeline_never_raises_and_every_offset_slices_to_its_text(text: str) -> None:
    doc = extract(text, doc_id="prop", date="2018-05-16")
    assert offset_problems(doc) == []
    assert doc.text == text  # stages never change the text


@examples(30)
@given(hostile_text())
def test_rdf_mapping_of_hostile_text_mints_iris_only_from_normalized_parts(text: str) -> None:
    ds = document_dataset(extract(text, doc_id="prop-1", date="2018-05-16"))
    assert iri_problems(ds) == []


@examples(12)
@given(hostile_text(max_pieces=30))
@example(
    'وزار وزير الخارجية الجزائري مساهل ليبيا أمس "><img src=x onerror=alert(1)> والتقى الرئيس المصري السيسي في القاهرة.'
)
def test_every_graph_written_from_hostile_text_passes_shacl(text: str) -> None:
    ds = document_dataset(extract(text, doc_id="shacl", date="2018-05-16"))
    conforms, report = validate(ds)
    assert conforms, report
