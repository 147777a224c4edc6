"""Words that look like acts or recipients in a random sample of corpus events (seed 38): a
prayer formula after a king's name (``الملك سلمان – أيده الله –``) supports no one; a social network
after a preposition (``أشاد الوزير على تويتر``) is where words were said, not to whom; a feminine
title of office (``المديرة العامة``) stands before its holder; a foreign name may start with لا after a
foreign given name (``كريستين لاغارد``); burning the stages (``تحرق المراحل``) is a figure."""

from __future__ import annotations

from extracted import events

from kg.pipeline import extract


def test_a_prayer_formula_supports_no_one():
    text = "وصلت إلى كاتماندو طائرة المساعدات التي أمر بها الملك سلمان بن عبدالعزيز – أيده الله – لإغاثة شعب النيبال."
    assert not [e for e in events(text) if e[0] == "SUPPORT"]
    assert [e for e in events("وأيد الرئيس المصري عبد الفتاح السيسي الموقف السعودي من الأزمة.") if e[0] == "SUPPORT"]


def test_a_social_network_after_a_preposition_is_no_recipient():
    praised = [e for e in events("وأشاد وزير الداخلية الفرنسي جيرار كولومب على تويتر بسرعة استجابة رجال الشرطة.")]
    criticized = [e for e in events("وانتقد الناشط البحريني نبيل رجب السلطات على تويتر.")]
    assert praised and criticized and all("Twitter" not in " ".join(e[2]) for e in praised + criticized)
    asked = [e for e in events("وطالبت الحكومة الألمانية تويتر بحذف الحسابات المتطرفة.") if e[0] == "REQUEST"]
    assert asked and any("Twitter" in " ".join(e[2]) for e in asked)


def test_a_feminine_director_title_and_a_foreign_name_with_la():
    doc = extract("وحذرت المديرة العامة لصندوق النقد الدولي كريستين لاغارد من تباطؤ النمو.", "t", "2018-06-01")
    assert "كريستين لاغارد" in [m.text for m in doc.mentions]
    people = [e for e in doc.entities if e.type == "Person"]
    assert [e.role_en for e in people] == ["Director-General"]


def test_a_word_with_the_article_after_a_foreign_given_name_still_ends_it():
    doc = extract("وحكمت المحكمة على صهر الملك فيليبي بالسجن خمس سنوات.", "t", "2018-06-01")
    assert all("بالسجن" not in m.text for m in doc.mentions)


def test_burning_the_stages_is_a_figure():
    assert not [e for e in events("واعتبرت الصحيفة أن المبادرة الفرنسية تحرق المراحل في ليبيا.") if e[0] == "ASSAULT"]


def test_a_request_to_convey_greetings_is_a_courtesy():
    text = "وفي ختام اللقاء، طلب الرئيس عبدالفتاح السيسي نقل تحياته إلى أخيه خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز."
    assert not [e for e in events(text) if e[0] == "REQUEST"]
    assert [e for e in events("وطلب الرئيس عبدالفتاح السيسي من الملك سلمان دعم مصر.") if e[0] == "REQUEST"]


def test_prompted_is_no_call():
    text = "حجبت تركيا ستة مواقع إخبارية هذا الأسبوع مما دعا جماعة موالية لتنظيم داعش لاتهام تركيا باضطهاد المسلمين."
    assert not [e for e in events(text) if e[0] == "REQUEST"]
    assert [
        e for e in events("ودعا الرئيس اللبناني ميشال عون اللبنانيين إلى المشاركة في الانتخابات.") if e[0] == "REQUEST"
    ]


def test_a_condition_a_few_words_back_holds_the_act():
    text = "وأكد روحاني أن بلاده لن تقبل بذلك حتى لو قررت واشنطن البقاء ضمن الاتفاق النووي الإيراني."
    assert all(e[-1] != "asserted" for e in events(text) if e[0] == "AGREE")
