"""How kg ner combines the tagger's labels with the rules' view: a lexicon name stands where
both see a name, the tagger decides elsewhere."""

from kg.extract.tagger.combine import combine_conll, iob_spans


def test_iob_spans_open_on_a_stray_inside_label():
    assert iob_spans(["O", "I-PERS", "I-PERS", "B-LOC", "O"]) == [(1, 3, "PERS"), (3, 4, "LOC")]


def test_a_lexicon_span_stands_whatever_the_tagger_sees():
    rules = ["B-PERS", "I-PERS", "I-PERS", "O"]
    kinds = ["B-name-Person", "I-name-Person", "I-name-Person", "O"]
    learned = ["B-ORG", "I-ORG", "O", "O"]
    assert combine_conll(rules, kinds, learned) == ["B-PERS", "I-PERS", "I-PERS", "O"]


def test_a_lexicon_span_stays_where_the_tagger_reads_no_name():
    rules = ["O", "O", "B-LOC", "O"]
    kinds = ["O", "O", "B-name-Place", "O"]
    assert combine_conll(rules, kinds, ["O", "O", "O", "O"]) == ["O", "O", "B-LOC", "O"]
    assert combine_conll(rules, kinds, ["B-MISC", "I-MISC", "I-MISC", "O"]) == ["O", "O", "B-LOC", "O"]


def test_a_pattern_span_gives_way_to_the_tagger():
    rules = ["B-PERS", "I-PERS", "O"]
    kinds = ["B-title-Person", "I-title-Person", "O"]
    assert combine_conll(rules, kinds, ["B-PERS", "O", "O"]) == ["B-PERS", "O", "O"]


def test_the_tagger_adds_names_the_rules_missed_and_misc_is_no_name():
    rules = ["O"] * 4
    assert combine_conll(rules, rules, ["B-ORG", "I-ORG", "B-MISC", "O"]) == ["B-ORG", "I-ORG", "O", "O"]
