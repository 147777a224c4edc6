"""The tagger's features: what a word looks like, what the lexicon knows of it, what the rules
made of it and its neighbours."""

import pytest

from kg.arabic.normalize import fold
from kg.extract.tagger.features import document_features, sentence_features, shape, stem, word_features


@pytest.mark.parametrize(
    "folded, split",
    [
        ("والقاهره", ("وال", "قاهره")),
        ("للمجلس", ("لل", "مجلس")),
        ("بالعاصمه", ("بال", "عاصمه")),
        ("وزير", ("", "وزير")),  # و is no conjunction before a three-letter rest
        ("وليد", ("", "وليد")),
    ],
)
def test_stem_splits_conjunction_preposition_and_article(folded, split):
    assert stem(folded) == split


@pytest.mark.parametrize("word, cls", [("القاهرة", "A"), ("2015", "D"), ("Reuters", "L"), ("«", "P«"), ("،", "P،")])
def test_shape_classes(word, cls):
    assert shape(word) == cls


def test_a_glued_place_name_is_found_in_the_gazetteer_through_its_clitics():
    feats = word_features("والقاهرة")
    assert "pre=وال" in feats and "s=قاهره" in feats
    assert any(f.startswith("gz=Place") for f in feats), feats


def test_a_given_name_and_a_title_word_are_marked():
    assert any(f.startswith("gn=") and f != "gn=0" for f in word_features("محمد"))
    assert "tw=1" in word_features("الرئيس")
    assert "gn=0" in word_features("الرئيس")


def test_a_common_word_is_marked():
    assert "cw=1" in word_features("أنه")


def test_neighbours_and_rule_tags_are_features_of_a_token():
    toks = ["وقال", "الرئيس", "فلان", "الفلاني", "إن"]
    rules = ["O", "O", "B-PERS", "I-PERS", "O"]
    kinds = ["O", "O", "B-title-Person", "I-title-Person", "O"]
    feats = sentence_features(toks, rules, kinds)
    assert len(feats) == len(toks)
    f = feats[2]
    assert "r=B-PERS" in f and "k=B-title-Person" in f
    assert "-1:w=" + fold("الرئيس") in f and "-1:tw=1" in f and "1:r=I-PERS" in f
    assert "rrr=O|B-PERS|I-PERS" in f
    assert "-1:edge" in feats[0] and "1:edge" in feats[-1]


def test_a_word_the_rules_named_elsewhere_in_the_document_carries_that_type():
    toks = [["وقال", "الرئيس", "بوتفليقة", "إن"], ["وأكد", "بوتفليقة", "أن"]]
    rules = [["O", "O", "B-PERS", "O"], ["O", "O", "O"]]
    kinds = [["O", "O", "B-title-Person", "O"], ["O", "O", "O"]]
    second = document_features(toks, rules, kinds)[1][1]
    assert "d=PERS" in second
    assert not any(f.startswith("d=") for f in document_features(toks, rules, kinds)[1][0])
