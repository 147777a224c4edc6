"""A light verb reaches its verbal noun across a person's long name (``قام صاحب السمو الملكي الأمير
محمد بن سلمان بن عبدالعزيز آل سعود بزيارة``): the name counts as one word, a dash around a
parenthesis (``ـ حفظه الله ـ``) as none; the family after a nasab (``بن عبدالعزيز آل سعود``) is part
of the name. Other words still count: a light verb too far before the noun is not its verb."""

from __future__ import annotations

from extracted import events

from kg.pipeline import extract


def test_a_long_name_between_light_verb_and_noun_counts_as_one_word():
    text = "فقد قام صاحب السمو الملكي الأمير محمد بن سلمان بن عبدالعزيز آل سعود بزيارة إلى مصر."
    assert any(e[0] == "CONSULT" and e[1] == ("Mohammed bin Salman",) for e in events(text, "2015-08-01"))


def test_a_dash_around_a_parenthesis_counts_as_no_word():
    text = "أجرى خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود ـ حفظه الله ـ اتصالاً هاتفياً بالرئيس عبدالفتاح السيسي."
    found = events(text, "2015-08-01")
    assert ("CONSULT", ("King Salman bin Abdulaziz",), ("Abdel Fattah el-Sisi",), "asserted") in found


def test_the_family_after_a_nasab_is_part_of_the_name():
    doc = extract("وقال الأمير محمد بن سلمان بن عبدالعزيز آل سعود إن العلاقات قوية.", "t", "2015-08-01")
    assert any(m.text.endswith("آل سعود") and m.entity_id == "mohammed_bin_salman" for m in doc.mentions)


def test_a_light_verb_far_before_the_noun_is_not_its_verb():
    text = "قام الوزير في يوم الأحد الماضي بعد اجتماع طويل في مقر الحكومة في القاهرة بزيارة إلى الأردن."
    near = "قام الوزير الأردني أيمن الصفدي بزيارة إلى القاهرة."
    assert all("light-verb" not in ev.rule for ev in extract(text, "t", "2018-05-01").events)
    assert any("light-verb" in ev.rule for ev in extract(near, "t", "2018-05-01").events)
