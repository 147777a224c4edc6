"""An office named by its title and a nationality, with no name, is the person who held it on the
article's date (the reference positions): royal offices too (``العاهل الأردني``), titles of
several words (``وزير الخارجية المصري``), offices a state calls otherwise (the US Secretary of
State for ``وزير الخارجية الأمريكي``) and a title that names its state (``خادم الحرمين
الشريفين``). Not a former holder (``السابق``), not an office in construct with another title
(``مستشار خادم الحرمين الشريفين``), not the shorter title inside a longer one (``ولي ولي العهد``).
The titles after a subject belong to it: the recipient is looked for after them."""

from __future__ import annotations

from extracted import events

from kg.pipeline import extract


def labels(text: str, date: str) -> set[str]:
    return {e.label_en for e in extract(text, "t", date).entities}


def test_a_royal_office_and_a_nationality_is_its_holder():
    found = events("واستقبل العاهل الأردني الرئيس الفلسطيني محمود عباس في عمان أمس.", "2015-07-25")
    assert any(e[0] == "CONSULT" and "Abdullah II of Jordan" in e[1] + e[2] for e in found)


def test_the_custodian_of_the_two_holy_mosques_is_the_king_of_the_day():
    text = "واستقبل خادم الحرمين الشريفين الرئيس المصري في جدة أمس."
    assert "King Abdullah bin Abdulaziz" in labels(text, "2014-06-01")
    assert "King Salman bin Abdulaziz" in labels(text, "2015-07-25")


def test_a_title_of_several_words_and_a_nationality_is_its_holder():
    found = events("وبحث وزير الخارجية المصري مع نظيره الأردني العلاقات الثنائية.", "2015-07-25")
    assert any(e[0] == "CONSULT" and e[1] == ("Sameh Shoukry",) for e in found)


def test_the_american_foreign_minister_is_the_secretary_of_state_of_the_day():
    text = "وقال وزير الخارجية الأمريكي إن بلاده ستفرض عقوبات جديدة على إيران."
    assert "John Kerry" in labels(text, "2015-07-25")
    assert "Mike Pompeo" in labels(text, "2018-05-01")


def test_a_former_holder_is_not_who_holds_the_office_that_day():
    assert "Benjamin Netanyahu" not in labels("وانتقد رئيس الوزراء الإسرائيلي السابق الحكومة بشدة.", "2018-05-01")


def test_an_office_in_construct_with_another_title_is_not_its_holder():
    text = "ووافق مستشار خادم الحرمين الشريفين أمير منطقة مكة المكرمة على المشروع."
    assert "King Salman bin Abdulaziz" not in labels(text, "2015-07-25")


def test_the_deputy_crown_prince_is_not_the_crown_prince():
    assert "Crown Prince (Saudi Arabia)" not in labels("وأشاد الرئيس المصري بحضور ولي ولي العهد السعودي.", "2015-07-31")


def test_a_title_of_several_words_before_a_name_it_does_not_know_is_no_unnamed_official():
    text = "ودعا رئيس الوزراء اليوناني ألكسيس تسيبراس إلى الحوار."
    assert not any(label.startswith("Prime Minister (") for label in labels(text, "2018-04-22"))


def test_the_recipient_is_looked_for_after_the_titles_of_the_subject():
    found = events(
        "استقبل الأمير محمد بن سلمان بن عبدالعزيز ولي ولي العهد النائب الثاني لرئيس مجلس الوزراء وزير الدفاع "
        "في الرياض أمس وزير الخارجية الفرنسي لوران فابيوس.",
        "2015-07-25",
    )
    assert any(e[0] == "CONSULT" and "Laurent Fabius" in e[1] + e[2] for e in found)


def test_an_office_in_construct_with_a_state_is_its_holder():
    found = events("والتقى أمير قطر الرئيس التركي في الدوحة أمس.", "2015-07-25")
    assert any(e[0] == "CONSULT" and e[1] == ("Tamim bin Hamad Al Thani",) for e in found)
    found = events("وبحث وزير خارجية مصر مع نظيره الأردني العلاقات الثنائية.", "2015-07-25")
    assert any(e[0] == "CONSULT" and e[1] == ("Sameh Shoukry",) for e in found)


def test_an_office_in_construct_before_a_name_it_does_not_know_is_not_the_holder():
    found = events("وصل رئيس كوبا الجديد ميغيل دياز كانيل إلى فنزويلا في أول زيارة.", "2018-05-30")
    assert not any("Raúl Castro" in e[1] for e in found)
    assert "Tamim bin Hamad Al Thani" not in labels("واتهم الشيخ سلطان بن سحيم أمير قطر السابق الدوحة.", "2018-03-12")


def test_a_counterpart_of_a_nationality_holds_the_same_office_there():
    found = events("التقى وزير الخارجية الأمريكي جون كيري نظيره الروسي في جنيف.", "2015-07-25")
    assert ("CONSULT", ("John Kerry",), ("Sergey Lavrov",), "asserted") in found
    found = events("وبحث الرئيس المصري عبد الفتاح السيسي مع نظيره الفرنسي العلاقات.", "2015-07-25")
    assert ("CONSULT", ("Abdel Fattah el-Sisi",), ("François Hollande",), "asserted") in found


def test_a_counterpart_before_a_name_kg_does_not_know_is_not_the_holder():
    found = events("التقى وزير الخارجية الأمريكي جون كيري نظيره الروسي ديمتري فلانوف في جنيف.", "2015-07-25")
    assert not any("Sergey Lavrov" in e[2] for e in found)


def test_the_deposed_one_of_yemeni_news_is_ali_abdullah_saleh():
    found = events("واتهم المخلوع صالح السعودية بالعدوان على اليمن.", "2015-07-25")
    assert ("ACCUSE", ("Ali Abdullah Saleh",), ("Saudi Arabia",), "asserted") in found
    assert "Ali Abdullah Saleh" not in labels("وقال الرئيس المخلوع حسني مبارك إنه بريء من التهم.", "2015-07-25")


def test_the_saudi_succession_offices_are_held_by_date():
    # positions_curated.tsv: the deputy crown prince in July 2015 is Mohammed bin Salman, the crown
    # prince Muhammad bin Nayef; in March 2015 the crown prince was Muqrin; in 2018 no one is deputy
    assert "Mohammed bin Salman" in labels("وأكد ولي ولي العهد السعودي أن المملكة تدعم اليمن.", "2015-07-25")
    assert "Muhammad bin Nayef" in labels("وأكد ولي العهد السعودي أن المملكة تدعم اليمن.", "2015-07-25")
    assert "Muqrin bin Abdulaziz" in labels("وأكد ولي العهد السعودي أن المملكة تدعم اليمن.", "2015-03-01")
    assert "Mohammed bin Salman" not in labels("وأكد ولي ولي العهد السعودي أن المملكة تدعم اليمن.", "2018-03-25")


def test_a_title_after_a_title_that_names_its_state_is_another_persons():
    # خادم الحرمين الشريفين وزير الخارجية الأمريكي: the king and his guest
    found = events("واستقبل خادم الحرمين الشريفين وزير الخارجية الأمريكي في الرياض.", "2018-03-25")
    assert ("CONSULT", ("Rex Tillerson",), ("King Salman bin Abdulaziz",), "asserted") in found


def test_the_office_of_a_named_body_is_its_holder_of_the_day():
    # الأمين العام للأمم المتحدة with no name: Ban Ki-moon in 2015, Guterres in 2018
    text = "ودعا الأمين العام للأمم المتحدة إيران إلى ضبط النفس."
    assert ("REQUEST", ("Ban Ki-moon",), ("Iran",), "asserted") in events(text, "2015-07-01")
    assert ("REQUEST", ("António Guterres",), ("Iran",), "asserted") in events(text, "2018-06-01")
    # in construct with another's office it names no one (the envoy of the Secretary-General)
    assert "Ban Ki-moon" not in labels("والتقى الرئيس اليمني مبعوث الأمين العام للأمم المتحدة في الرياض.", "2015-07-01")
    # a title with a generic group (رئيس الحكومة) names no body
    assert "Saadeddine Othmani" not in labels("وقال رئيس الحكومة إن الوضع صعب.", "2018-06-01")
