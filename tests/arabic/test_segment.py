from hypothesis import given, settings
from hypothesis import strategies as st

from kg.arabic.clitics import proclitic_readings
from kg.arabic.segment import split_sentences, tokenize


def test_sentences_split_on_full_stops_and_question_marks():
    text = "زار الوزير الجزائر. والتقى الرئيس؟ ثم عاد."
    assert [s.text for s in split_sentences(text)] == ["زار الوزير الجزائر.", "والتقى الرئيس؟", "ثم عاد."]


def test_full_stop_inside_a_quotation_does_not_end_the_sentence():
    text = 'وأكد الوزير أن "العلاقات ممتازة. والتعاون مستمر". ثم غادر.'
    sents = [s.text for s in split_sentences(text)]
    assert sents[0] == 'وأكد الوزير أن "العلاقات ممتازة. والتعاون مستمر".'
    assert len(sents) == 2


def test_abbreviation_and_decimal_do_not_end_a_sentence():
    text = "قال د. أحمد إن النمو بلغ 2.5 في المئة."
    assert len(split_sentences(text)) == 1


def test_an_unbalanced_quote_does_not_swallow_the_article():
    text = 'قال "الوزير. ' + "جملة أخرى طويلة. " * 80
    assert len(split_sentences(text)) > 5


@given(st.text(max_size=200))
@settings(max_examples=200)
def test_sentence_and_token_offsets_index_the_text(text):
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text
        for t in tokenize(s.text, s.start):
            assert text[t.start : t.end] == t.text


def test_tokens_keep_diacritics_with_their_word():
    toks = tokenize("وجدّد مساهل، تأكيده")
    assert [t.text for t in toks] == ["وجدّد", "مساهل", "،", "تأكيده"]


def test_proclitic_readings_propose_conjunction_and_preposition_splits():
    readings = dict(proclitic_readings("وبطرابلس"))
    assert readings["وب"] == "طرابلس"
    assert ("ل", "الليبيا") not in proclitic_readings("لليبيا")
    assert dict(proclitic_readings("للمجلس"))["ل"] in ("المجلس", "لمجلس")
    assert proclitic_readings("ليبيا")[0] == ("", "ليبيا")


def test_bidi_marks_and_lone_diacritics_are_no_tokens():
    text = 'قتل \u200fخمسة \u202aمدنيين\u202c صحيفة ّ"الغد"'
    assert [t.text for t in tokenize(text)] == ["قتل", "خمسة", "مدنيين", "صحيفة", '"', "الغد", '"']


def test_a_joiner_inside_a_word_keeps_it_one_token():
    assert [t.text for t in tokenize("صار\u200dوخ أطلق")] == ["صار\u200dوخ", "أطلق"]


def test_a_line_of_tatweel_is_one_symbol_like_a_dash():
    assert [t.text for t in tokenize("ماريا ـــ ولدت")] == ["ماريا", "ـــ", "ولدت"]
