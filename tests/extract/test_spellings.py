"""Spellings and names: a lexicon phrase with hamza on waw (مسؤولية، شؤون) is also read as written
with hamza on yeh (مسئولية، شئون); a feminine common noun after a given name is no surname
(``عباس حكومة الاحتلال``: Abbas, then the occupation government)."""

from __future__ import annotations

from extracted import events

from kg.arabic.normalize import hamza_spellings
from kg.pipeline import extract


def test_holding_responsible_is_read_in_both_spellings():
    for word in ("مسؤولية", "مسئولية"):
        found = events(f"وحمل الرئيس الفلسطيني محمود عباس إسرائيل {word} الهجوم.")
        assert any(e[0] == "ACCUSE" and e[1] == ("Mahmoud Abbas",) and e[2] == ("Israel",) for e in found), word


def test_a_title_with_the_other_hamza_spelling_is_a_title():
    doc = extract("وقال وزير الدولة للشئون الخارجية أنور قرقاش إن الأزمة طويلة.", "t", "2018-05-01")
    assert any(e.label_en == "Anwar Gargash" for e in doc.entities)


def test_hamza_spellings_leave_other_words_alone():
    assert hamza_spellings("رئيس الوزراء") == ["رئيس الوزراء"]
    assert hamza_spellings("حمل مسؤولية") == ["حمل مسؤولية", "حمل مسئولية"]


def test_a_feminine_common_noun_after_a_given_name_is_no_surname():
    doc = extract("وحمل عباس حكومة الاحتلال مسئولية ما جرى في قرية دوما.", "t", "2015-08-01")
    assert not any("حكومة" in m.text and m.entity_id.startswith("person_") for m in doc.mentions)


def test_a_surname_that_is_also_a_name_part_stays():
    doc = extract("وقال خليفة حفتر إن قواته ستدخل طرابلس.", "t", "2018-05-01")
    assert any(e.label_en == "Khalifa Haftar" for e in doc.entities)


def test_a_phrase_verb_written_with_hamza_on_its_alef_is_a_verb_not_a_definite_noun():
    found = events("وقالت الشرطة التركية إنها ألقت القبض على عناصر من تنظيم داعش.")
    assert any(e[0] == "COERCE" and e[1] == ("police (Türkiye)",) and e[2] == ("Islamic State",) for e in found)
    found = events("والشرطة التركية ألقت القبض على عناصر من تنظيم داعش.")
    assert any(e[0] == "COERCE" and e[1] == ("police (Türkiye)",) for e in found)
