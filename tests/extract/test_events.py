"""Events in small hand-written sentences: every frame, every modality, every PLOVER type."""

import pytest

from kg.pipeline import extract


def events(text, date=None):
    doc = extract(text, "t", date)
    label = {e.id: e.label_en for e in doc.entities}
    return doc, [
        (ev.type, tuple(label[s] for s in ev.source), tuple(label[t] for t in ev.target), ev.modality)
        for ev in doc.events
    ]


def has(found, typ, source=None, target=None, modality="asserted"):
    return any(
        t == typ and (source is None or source in s) and (target is None or target in g) and m == modality
        for t, s, g, m in found
    )


# ---------------------------------------------------------------- frames
@pytest.mark.parametrize(
    "text, typ, source, target",
    [
        (
            "زار وزير الخارجية الجزائري عبد القادر مساهل ليبيا أمس.",
            "CONSULT",
            "Abdelkader Messahel",
            "Libya",
        ),  # VSO + title
        ("الجزائر أوقفت التعاون الأمني مع ليبيا.", "SANCTION", "Algeria", "Libya"),  # SVO
        (
            "وأكد مساهل أن زيارة مساهل إلى ليبيا كانت ناجحة.",
            "CONSULT",
            "Abdelkader Messahel",
            "Libya",
        ),  # noun + possessor
        (
            "وصل مساهل إلى تونس. وقال إن زيارته إلى ليبيا مهمة.",
            "CONSULT",
            "Abdelkader Messahel",
            "Libya",
        ),  # pronoun suffix
        ("وقام وزير الخارجية الأمريكي مايك بومبيو بزيارة إلى مصر.", "CONSULT", "Mike Pompeo", "Egypt"),  # light verb
        ("طالب وزير الخارجية الليبي محمد سيالة، الجزائر بدعم ليبيا.", "REQUEST", "Mohamed Siala", "Algeria"),
        ("عرضت الجزائر على ليبيا تدريب عناصر الشرطة.", "AGREE", "Algeria", "Libya"),  # على marks the recipient
        ("التقى الرئيس التونسي قيس سعيد نظيره الجزائري في تونس.", "CONSULT", "Kais Saied", "Algeria"),
        ("انتقدت تركيا إسرائيل بشدة.", "ACCUSE", "Türkiye", "Israel"),
        ("وأشار التقرير إلى الاجتماع بين الجزائر والمغرب في الرباط.", "CONSULT", "Algeria", "Morocco"),  # بين X و Y
    ],
)
def test_argument_frames(text, typ, source, target):
    _, found = events(text)
    assert has(found, typ, source, target), found


def test_a_host_verb_puts_the_visitor_first():
    _, found = events("استقبل الرئيس الجزائري عبد المجيد تبون وزير الخارجية الفرنسي في الجزائر.")
    assert any(t == "CONSULT" and "Algeria" not in s for t, s, g, m in found) or not found


def test_coordinated_actors_are_both_sources():
    _, found = events("اتفقت الجزائر وتونس على تعزيز التعاون الأمني.")
    assert any(t == "AGREE" and {"Algeria", "Tunisia"} <= set(s) for t, s, g, m in found), found


def test_a_capital_acting_stands_for_its_country():
    _, found = events("أدانت واشنطن الهجوم على السفارة.")
    assert has(found, "ACCUSE", "United States"), found


def test_a_glued_impersonal_future_sentence_gives_both_countries():
    _, found = events("وأكد الوزير أنه سيتم إعادة فتح سفارة الجزائربطرابلس قريبا.")
    assert has(found, "AGREE", "Algeria", "Libya", "future"), found


def test_first_person_in_a_quote_takes_the_speaker():
    doc, found = events('وقال وزير الخارجية الجزائري عبد القادر مساهل: "ندعم ليبيا في مكافحة الإرهاب".')
    assert any(s == ("Abdelkader Messahel",) for t, s, g, m in found), found
    assert any(f.predicate == "statedBy" for f in doc.facts)


# ---------------------------------------------------------------- modality
@pytest.mark.parametrize(
    "text, typ, modality",
    [
        ("لم يزر مساهل ليبيا.", "CONSULT", "negated"),
        ("لن يزور مساهل ليبيا.", "CONSULT", "negated"),
        ("ولا يدعم المغرب البوليساريو.", "SUPPORT", "negated"),
        ("سيزور مساهل ليبيا الأسبوع المقبل.", "AGREE", "future"),  # future CONSULT becomes AGREE
        ("ومن المقرر أن يزور مساهل ليبيا.", "AGREE", "future"),
        ("يعتزم وزير الخارجية الروسي سيرغي لافروف زيارة كوريا الشمالية.", "AGREE", "future"),
        ("إذا زار مساهل ليبيا فسيلتقي السراج.", "CONSULT", "hypothetical"),
        ("ربما يزور مساهل ليبيا.", "CONSULT", "hypothetical"),
    ],
)
def test_modality(text, typ, modality):
    _, found = events(text)
    assert any(t == typ and m == modality for t, s, g, m in found), found


# ---------------------------------------------------------------- every PLOVER type
@pytest.mark.parametrize(
    "text, typ",
    [
        ("اتفقت مصر والسودان على استئناف المفاوضات.", "AGREE"),
        ("التقى وزير الخارجية المصري سامح شكري نظيره الأردني.", "CONSULT"),
        ("رحبت الجامعة العربية بالاتفاق بين الفصائل.", "SUPPORT"),
        ("أشاد الرئيس الجزائري بدور تونس.", "SUPPORT"),
        ("أفرجت إسرائيل عن عشرات الأسرى الفلسطينيين.", "RETREAT"),
        ("تعاونت الأجهزة الأمنية الجزائرية مع تونس في تأمين الحدود.", "COOPERATE"),
        ("أرسلت الجزائر مساعدات إنسانية إلى ليبيا.", "AID"),
        ("انسحبت القوات التركية من المنطقة.", "RETREAT"),
        ("دعت الأمم المتحدة إسرائيل إلى وقف الاستيطان.", "REQUEST"),
        ("اتهمت إيران الولايات المتحدة بدعم الإرهاب.", "ACCUSE"),
        ("رفضت الجزائر المقترح المغربي.", "REJECT"),
        ("هددت إيران إسرائيل برد قاس.", "THREATEN"),
        ("تظاهر الآلاف أمس في تونس احتجاجا على الغلاء.", "PROTEST"),
        ("فرضت الولايات المتحدة عقوبات على إيران.", "SANCTION"),
        ("حشدت روسيا قواتها على الحدود مع أوكرانيا.", "MOBILIZE"),
        ("اعتقلت الشرطة الإسرائيلية ستة فلسطينيين.", "COERCE"),
        ("قصفت الطائرات الإسرائيلية غزة أمس.", "ASSAULT"),
        ("تنازلت إثيوبيا عن شرطها.", "CONCEDE"),
    ],
)
def test_every_plover_type_has_a_general_rule(text, typ):
    _, found = events(text)
    assert any(t == typ for t, s, g, m in found), found


def test_dates_resolve_against_the_article_date():
    doc, _ = events("زار مساهل ليبيا أمس.", date="2018-05-16")
    assert doc.events and doc.events[0].date == "2018-05-15"


def test_event_offsets_point_at_the_trigger():
    doc, _ = events("وزار وزير الخارجية الجزائري عبد القادر مساهل ليبيا.")
    for ev in doc.events:
        assert doc.text[ev.start : ev.end] == ev.trigger
        assert ev.trigger in ev.sentence and 0 < ev.confidence <= 1


# ---------------------------------------------------------------- street events
@pytest.mark.parametrize(
    "text",
    [
        "وتجمع المتظاهرون أمام السفارة الأمريكية أمس.",
        "وخرج المتظاهرون إلى الشوارع في تونس أمس.",
    ],
)
def test_the_agent_inside_a_phrase_trigger_is_its_source(text):
    _, found = events(text)
    assert has(found, "PROTEST", source="protesters"), found


def test_clashes_with_protesters_are_not_a_protest_of_theirs():
    _, found = events("وقعت اشتباكات مع المتظاهرين قرب البرلمان أمس.")  # the police clash with them
    assert not any(t == "PROTEST" for t, *_ in found), found


def test_chanting_against_someone_is_protesting_against_them():
    _, found = events("وهتف المتظاهرون ضد الحكومة الأردنية أمام البرلمان.")
    assert has(found, "PROTEST", source="protesters", target="Jordan"), found


@pytest.mark.parametrize(
    "text",
    [
        "وشكل عدة مئات من المتظاهرين سلسلة بشرية قرب المطار.",
        "وقال المنظمون إن نحو 50 متظاهرا اقتربوا من السياج الأمني.",
    ],
)
def test_a_counted_crowd_of_protesters_is_a_protest(text):
    _, found = events(text)
    assert has(found, "PROTEST", source="protesters"), found


def test_protesters_merely_mentioned_are_no_protest():
    _, found = events("واستخدمت الشرطة الغاز لتفريق المتظاهرين.")
    assert not any(t == "PROTEST" for t, *_ in found), found


@pytest.mark.parametrize(
    "text",
    [
        "من ناحية ثانية، قتل أربعة أشخاص بهجوم انتحاري في الموصل.",
        "وأسفر انفجار سيارة ملغومة في وسط المدينة عن إصابة عشرة أشخاص.",
    ],
)
def test_violence_with_counted_victims_is_an_assault_even_without_a_named_attacker(text):
    _, found = events(text)
    assert any(t == "ASSAULT" for t, *_ in found), found


def test_an_armed_group_named_as_the_author_of_an_unattributed_attack_is_its_source():
    _, found = events("وقتل أمس أربعة جنود في هجوم شنه مسلحون مجهولون على ثكنة عسكرية.")
    assert any(t == "ASSAULT" and any("gunmen" in x for x in src) for t, src, *_ in found), found


def test_violence_discussed_without_victims_counted_is_no_assault():
    _, found = events("وقال إن الهجوم على المدنيين أمر مرفوض.")
    assert not any(t == "ASSAULT" for t, *_ in found), found


@pytest.mark.parametrize(
    "text",
    [
        "وانتقد الحزب القرار الذي فجر الأزمة الأخيرة في البلاد.",
        "وقال إن هذه الأعمال تستهدف الاستقرار في لبنان.",
    ],
)
def test_violence_words_used_of_abstractions_are_not_assaults(text):
    _, found = events(text)
    assert not any(t == "ASSAULT" for t, *_ in found), found


def test_a_literal_detonation_is_still_an_assault():
    _, found = events("فجر انتحاري نفسه في سوق ببغداد أمس.")
    assert any(t == "ASSAULT" for t, *_ in found), found


@pytest.mark.parametrize(
    "text",
    [
        "وسار المتظاهرون بصمت نحو مقر الحاكم أمس.",
        "وتدفق آلاف المتظاهرين إلى وسط المدينة احتجاجا على الزيارة.",
    ],
)
def test_protesters_on_the_move_are_a_protest(text):
    _, found = events(text)
    assert has(found, "PROTEST", source="protesters"), found


@pytest.mark.parametrize("text", ["وسار الوزير إلى القاعة بعد الاجتماع.", "وتوجه الرئيس إلى باريس أمس."])
def test_motion_verbs_of_anyone_else_are_no_protest(text):
    _, found = events(text)
    assert not any(t == "PROTEST" for t, *_ in found), found


def test_a_nationality_after_an_attack_noun_is_its_author():
    _, found = events("وقتل 150 مدنيا في سلسلة من الضربات الجوية الأميركية أمس.")
    assert any(t == "ASSAULT" and "United States" in src for t, src, *_ in found), found


def test_a_nationality_after_a_killing_noun_is_its_victim():
    _, found = events("وأدى الحادث إلى مقتل إسرائيلي أمس.")
    assert not any(t == "ASSAULT" and "Israel" in src for t, src, *_ in found), found


def test_the_author_named_after_an_agent_phrase():
    _, found = events("وأعلنت مصادر مقتل ثلاثة أشخاص في هجوم انتحاري نفذته امرأة أمس.")
    assert any(t == "ASSAULT" for t, *_ in found), found


def test_who_announces_a_killing_did_not_kill():
    _, found = events("أعلنت الشرطة مقتل سبعة أشخاص بتفجير انتحاري أمس.")
    assert not any(t == "ASSAULT" and any("police" in x for x in src) for t, src, *_ in found), found


def test_an_event_of_another_year_is_not_dated_to_the_article():
    doc = extract("وكان مساهل قد زار ليبيا عام 2012.", "t", "2017-03-01")
    assert doc.events and doc.events[0].date is None
    doc = extract("وزار مساهل ليبيا أمس لبحث خطة 2020 للتعاون.", "t", "2017-03-01")
    assert doc.events and doc.events[0].date == "2017-02-28"  # a stated day still wins


def test_who_follows_a_passive_verb_of_violence_is_its_victim():
    doc, found = events("وكان رفيق الحريري قد اغتيل في بيروت أمس.")
    assert any(t == "ASSAULT" and "Rafic Hariri" not in src for t, src, *_ in found), found
