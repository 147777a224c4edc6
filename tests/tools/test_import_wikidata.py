"""The Wikidata import's join: a QID only for a name that agrees on something else as well;
ambiguous or name-only joins get none (the reference data itself is not needed here)."""

import importlib.util
import sys
from pathlib import Path

import pytest

SPEC = importlib.util.spec_from_file_location(
    "import_wikidata", Path(__file__).resolve().parents[2] / "tools" / "import_wikidata.py"
)
iw = importlib.util.module_from_spec(SPEC)
sys.modules["import_wikidata"] = iw  # its dataclasses look their module up
SPEC.loader.exec_module(iw)


def lex(label_en, country="DZ", roles=("Minister of Foreign Affairs",), start=2017, end=2019, ar=()):
    return iw.LexPerson(iw.lex.slug(label_en), label_en, list(ar) or ["س"], country, list(roles), start, end, "")


def ref(qid, en, country="DZ", position="Minister of Foreign Affairs", start="2017-05-25", end="2019-03-13", ar=()):
    source = {"DZ": "algeria-cabinet", "SA": "saudi-ministers", "US": "us-cabinet", "LB": "lebanon"}[country]
    return iw.RefPerson(qid, [en], list(ar), [(position, start, end, f"{source}:holders21")], {country})


def join(people, refs):
    report = iw.Report()
    return iw.join_people(people, refs, 2023, report), report


def test_a_name_with_country_and_dates_is_joined():
    joins, _ = join([lex("Abdelkader Messahel")], [ref("Q1", "Abdelkader Messahel")])
    assert joins["abdelkader_messahel"].qid == "Q1"
    assert joins["abdelkader_messahel"].evidence == ["en", "country", "dates", "role"]


def test_the_same_name_in_another_country_is_refused():
    joins, report = join([lex("Ahmed Maher", country="EG")], [ref("Q1", "Ahmed Maher", country="LB")])
    assert joins == {} and "country EG" in report.refused[0]


def test_two_candidates_are_ambiguous_and_get_no_qid():
    refs = [ref("Q1", "Mohamed Salah"), ref("Q2", "Mohammed Salah", position="Minister of Finance")]
    joins, report = join([lex("Mohamed Salah")], refs)
    assert joins == {} and report.ambiguous


def test_a_name_with_nothing_else_to_check_gets_no_qid():
    person = lex("Nabil Fahmy", country="", roles=(), start=None, end=None)
    joins, _ = join([person], [ref("Q1", "Nabil Fahmy")])
    assert joins == {}


def test_a_longer_name_with_another_family_needs_the_office_to_agree():
    # King Abdullah bin Abdulaziz is not Abdullah bin Abdulaziz Al Rabeeah, a minister of health
    king = lex("Abdullah bin Abdulaziz", country="SA", roles=("King",), start=2005, end=2015)
    minister = ref("Q1", "Abdullah bin Abdulaziz Al Rabeeah", "SA", "Minister of Health", "2009-02-14", "2014-04-21")
    joins, _ = join([king], [minister])
    assert joins == {}


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("Mohammed bin Salman", "Mohammad bin Salman", True),
        ("Abd al-Aziz Bouteflika", "Abdelaziz Bouteflika", True),
        ("George H. W. Bush", "George W. Bush", False),  # middle initials differ
        ("Muhammad bin Nayef", "Mohammed bin Nawwaf", False),  # Nayef is not Nawwaf
        ("Li Qiang", "Lu Kang", False),  # too short a skeleton to mean anything
    ],
)
def test_english_names_are_compared_up_to_transliteration_only(a, b, same):
    joins, _ = join([lex(a, country="US", roles=("President",))], [ref("Q1", b, "US", "President")])
    assert (joins != {}) is same


def test_one_qid_for_two_lexicon_people_links_neither():
    people = [
        lex("Ahmed Ouyahia"),
        iw.LexPerson("ouyahia_2", "Ahmed Ouyahia", ["س"], "DZ", ["Minister of Foreign Affairs"], 2017, 2019, ""),
    ]
    joins, report = join(people, [ref("Q1", "Ahmed Ouyahia")])
    assert joins == {} and any("joins 2 lexicon people" in a for a in report.ambiguous)


def test_a_name_of_short_words_is_found_too():
    # every word's skeleton is under three letters (k-s, s-d): found by the whole name
    joins, _ = join(
        [lex("Kais Saied", country="US", roles=("President",))], [ref("Q1", "Kais Saied", "US", "President")]
    )
    assert joins["kais_saied"].qid == "Q1"


def test_a_short_form_of_the_given_name_is_the_same_name():
    # Jim Mattis is James Mattis; Defence and Defense are one office
    person = lex("Jim Mattis", country="US", roles=("Secretary of Defense",), start=2017, end=2019)
    joins, _ = join([person], [ref("Q1", "James Mattis", "US", "Secretary of Defence", "2017-01-20", "2018-12-31")])
    assert joins["jim_mattis"].evidence == ["en", "country", "dates", "role"]
    assert iw.en_tokens("Bill Gates") == iw.en_tokens("William Gates") != iw.en_tokens("Gates Bill")


def test_a_cyrillic_letter_inside_a_latin_name_reads_as_latin():
    assert iw.en_tokens("Smaїl Chergui") == iw.en_tokens("Smail Chergui")


def test_a_monarch_known_by_the_given_name_alone_needs_country_dates_and_office():
    king = lex("King Abdullah bin Abdulaziz", country="SA", roles=("King",), start=2005, end=2015)
    joins, _ = join([king], [ref("Q1", "Abdullah", "SA", "King", "2005-08-01", "2015-01-23")])
    assert joins["king_abdullah_bin_abdulaziz"].evidence == ["given", "country", "dates", "role"]
    scholar = lex("Salman al-Ouda", country="SA", roles=("religious scholar",), start=None, end=None)
    joins, _ = join([scholar], [ref("Q2", "Salman", "SA", "King", "2015-01-23", "")])
    assert joins == {}


def test_a_short_name_within_a_longer_one_needs_country_dates_and_office():
    # Saud al-Faisal is Saud bin Faisal Al Saud (words too short to be distinctive alone)
    person = lex("Saud al-Faisal", country="SA", roles=("Minister of Foreign Affairs",), start=1975, end=2015)
    minister = ref("Q1", "Saud bin Faisal Al Saud", "SA", "Minister of Foreign Affairs", "1975-10-13", "2015-04-29")
    joins, _ = join([person], [minister])
    assert joins["saud_al_faisal"].evidence == ["short-subset", "country", "dates", "role"]
    other = ref("Q2", "Saud bin Faisal Al Saud", "SA", "Governor of Riyadh Region", "1975-10-13", "2015-04-29")
    joins, _ = join([person], [other])
    assert joins == {}
