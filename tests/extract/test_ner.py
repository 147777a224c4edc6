"""`kg ner`: CoNLL tags follow the convention that a name is tagged without the words that
introduce or describe it (titles, common nouns such as مدينة or شركة, descriptive bodies)."""

import pytest

from kg.extract.ner import conll_cut, tag_conll, tag_sentences


def tags(sentence: str) -> list[tuple[str, str]]:
    toks = sentence.split()
    return list(zip(toks, tag_sentences([toks])[0]))


def tagged(sentence: str, tag: str) -> list[str]:
    return [t for t, g in tags(sentence) if g.endswith(tag)]


@pytest.mark.parametrize(
    "sentence, name",
    [
        ("واستقبل الملك محمد السادس الوفد", ["محمد", "السادس"]),
        ("وقال الرئيس عبد العزيز بوتفليقة إن", ["عبد", "العزيز", "بوتفليقة"]),
    ],
)
def test_titles_are_left_out_of_person_names(sentence, name):
    assert tagged(sentence, "PERS") == name


@pytest.mark.parametrize(
    "sentence, name",
    [
        ("سقطت قذيفة في مدينة غزة أمس", ["غزة"]),
        ("توجه الوفد إلى مكة المكرمة أمس", ["مكة"]),
        ("وقعت اشتباكات في جنوب لبنان أمس", ["لبنان"]),
    ],
)
def test_introducing_nouns_and_epithets_are_left_out_of_place_names(sentence, name):
    assert tagged(sentence, "LOC") == name


def test_a_country_whose_name_starts_with_a_direction_keeps_it():
    assert tagged("زار الوفد جنوب أفريقيا أمس", "LOC") == ["جنوب", "أفريقيا"]


@pytest.mark.parametrize(
    "sentence",
    [
        "وقالت الحكومة اللبنانية إنها ترفض",
        "أعلنت وزارة الخارجية التركية أمس",
        "وقصف الجيش الإسرائيلي المنطقة",
    ],
)
def test_bodies_named_only_by_description_are_not_names(sentence):
    assert all(g == "O" for _, g in tags(sentence)), tags(sentence)


def test_a_body_with_a_proper_name_keeps_its_tag():
    assert tagged("اجتمع مجلس الأمن الدولي أمس", "ORG") == ["مجلس", "الأمن", "الدولي"]


def test_cut_never_returns_an_empty_person_name():
    words = ["الرئيس", "محمد"]
    assert conll_cut([0, 1], words, "Person") == [1]
    assert conll_cut([0], ["الرئيس"], "Person") == [0]


def test_tag_conll_echoes_tokens_and_sentence_breaks():
    lines = ["زار O", "مساهل O", "ليبيا O", "", "وصل O", "الوفد O"]
    out = list(tag_conll(lines))
    assert [l.split()[0] if l else "" for l in out] == [l.split()[0] if l else "" for l in lines]
    assert out[2] == "ليبيا B-LOC" and out[3] == ""


def test_a_place_inside_the_name_of_an_agreement_is_not_tagged():
    assert tagged("وأكد التزامه باتفاق الطائف كاملا", "LOC") == []
    assert tagged("وصل الوفد إلى الطائف أمس", "LOC") == ["الطائف"]


def test_the_nationality_after_a_club_is_not_part_of_its_name():
    assert tagged("وفاز تشلسي الإنجليزي على منافسه", "ORG") == ["تشلسي"]


def test_a_body_of_another_body_is_two_names():
    tags_ = tags("وصوتت الجمعية العامة للأمم المتحدة أمس")
    assert [g for _, g in tags_][1:5] == ["B-ORG", "I-ORG", "B-ORG", "I-ORG"], tags_


def test_a_conll_convention_row_of_an_unknown_role_is_refused(tmp_path, monkeypatch):
    from kg.errors import LexiconError
    from kg.extract import ner
    from kg.lexicon import tsv

    monkeypatch.setattr(tsv, "DATA", tmp_path)
    (tmp_path / "conll.tsv").write_text("word\trole\nمدينة\thead\nالتابع\tof\nالسيد\ttitle\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"conll.tsv:4: role 'title' is not one of head, epithet"):
        ner._convention.__wrapped__()
