"""Clitics: readings a lexicon may keep, and the one-letter policies the rules strip by."""

import pytest

from kg.arabic.clitics import Clitic, proclitic_readings, strip_clitic


def test_proclitic_readings_keep_the_whole_word_first():
    assert proclitic_readings("للمجلس")[0] == ("", "للمجلس")
    assert ("ل", "المجلس") in proclitic_readings("للمجلس")
    assert ("وب", "طرابلس") in proclitic_readings("وبطرابلس")


@pytest.mark.parametrize(
    "word, clitic, bare",
    [
        ("وقال", Clitic.CONJ, "قال"),
        ("ولا", Clitic.CONJ, "ولا"),  # three letters: not و + لا under the usual policy
        ("ولا", Clitic.CONJ_SHORT, "لا"),
        ("وفي", Clitic.CONJ_SHORT, "في"),
        ("في", Clitic.CONJ_SHORT, "في"),
        ("يقال", Clitic.ANY, "قال"),  # any first letter
        ("بالازمه", Clitic.WA_BA, "الازمه"),
        ("وبالازمه", Clitic.WA_BA, "بالازمه"),  # one letter only
        ("بقتل", Clitic.WA_BA_LONG, "قتل"),
        ("وبمقتل", Clitic.WA_BA_ALL, "مقتل"),  # every و and ب at the start
        ("وقال", Clitic.NONE, "وقال"),
        ("", Clitic.ANY, ""),
    ],
)
def test_each_clitic_policy_strips_what_it_says(word, clitic, bare):
    assert strip_clitic(word, clitic) == bare
