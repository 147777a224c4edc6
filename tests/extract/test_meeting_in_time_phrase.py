"""A meeting noun in a phrase of time (``خلال لقاء مع``، ``في اتصال هاتفي مع``، ``في مؤتمر صحافي مشترك
مع``) is the main clause's subject meeting who comes after مع; not an interview with a news outlet
(``في حوار مع بي بي سي``), and not when the noun has an actor of its own."""

from __future__ import annotations

from extracted import events


def test_a_meeting_in_a_phrase_of_time_is_the_subjects():
    found = events("وأكد السيسي في اجتماع مع وزير الخارجية الأمريكي جون كيري أن مصر تحارب الإرهاب.", "2015-07-24")
    assert ("CONSULT", ("Abdel Fattah el-Sisi",), ("John Kerry",), "asserted") in found
    found = events("وقال ظريف في اتصال هاتفي مع نظيره الروسي إن إيران ملتزمة بالاتفاق.", "2015-07-24")
    assert ("CONSULT", ("Mohammad Javad Zarif",), ("Sergey Lavrov",), "asserted") in found


def test_a_joint_press_conference_is_a_meeting():
    text = "وقال بومبيو، خلال مؤتمر صحفي مشترك مع وزير الخارجية السعودي عادل الجبير، إن إيران تزعزع الاستقرار."
    assert ("CONSULT", ("Mike Pompeo",), ("Adel al-Jubeir",), "asserted") in events(text, "2018-04-29")


def test_an_interview_with_a_news_outlet_is_no_meeting():
    found = events("وقال السفير الإسرائيلي في حوار خاص مع بي بي سي إن الفلسطينيين يتحملون المسؤولية.")
    assert all(e[0] != "CONSULT" for e in found)


def test_a_visit_in_a_phrase_of_time_is_the_subjects():
    # found reading ourdev misses in stop 33 (خلال زيارة إلى …: the visit had no actor)
    found = events("وقال أردوغان خلال زيارة إلى إندونيسيا إن بلاده لن تتراجع.", "2015-07-31")
    assert ("CONSULT", ("Recep Tayyip Erdoğan",), ("Indonesia",), "asserted") in found
    found = events("وأكد الرئيس الفرنسي إيمانويل ماكرون في زيارة لبيروت أن فرنسا تدعم لبنان.")
    assert any(e[0] == "CONSULT" and e[1] == ("Emmanuel Macron",) and e[2] == ("Lebanon",) for e in found)


def test_a_visit_with_its_own_visitor_keeps_him():
    found = events("وأكد السيسي خلال زيارة الرئيس الفرنسي إلى القاهرة أن العلاقات قوية.")
    assert not any(e[0] == "CONSULT" and e[1] == ("Abdel Fattah el-Sisi",) for e in found)


def test_a_city_after_a_summit_or_talks_names_it():
    # stop 33, ourdev false events scored 0.6 or more: Finland had held the Helsinki summit with Putin
    found = events("وقال ترامب إنه يريد تهدئة الجدل الذي أعقب تصريحاته خلال قمة هلسنكي مع بوتين.")
    assert not [e for e in found if e[0] == "CONSULT" and "Finland" in e[1]]
    found = events("ويأتي اجتماع الخرطوم بعدما أعلنت حكومة جنوب السودان أن صبرها نفد.")
    assert not [e for e in found if e[0] == "CONSULT" and "Sudan" in e[1]]
