"""Violence words in sentences that tell no attack of the day, found reading the ASSAULT events
of random corpus sentences read alone: a toll since a year (``منذ العام 2014``) or counted after
joined words of harm (``مقتل وإصابة 3440``); a possibility (``قد تفتح النار``); deaths that a crash,
a collapse or an earthquake caused, named before a verb of result or before a joined verb; a charge,
a suspected plan, a pretext or a threat before the act (``بتهمة قتل``، ``تخطيطهما لشن``، ``ذريعة
لشن``، ``تهديدات … بشن``); an abstract object after the subject (``فجرت إثيوبيا الخلاف``); an
indefinite noun of violence after a verb of being (``تشكل ضربة لبكين``); a question (``هل اغتالت``);
a sentence to death and the court case of an act (``في قضية اقتحام``). Each has its counterpart that stays an attack."""

from __future__ import annotations

import pytest
from extracted import events


def _attacks(text: str, date: str | None = "2018-05-01") -> list[tuple]:
    return [e for e in events(text, date) if e[0] == "ASSAULT" and e[-1] == "asserted"]


def _modality(text: str, typ: str) -> list[str]:
    return [e[-1] for e in events(text, "2018-05-01") if e[0] == typ]


def test_a_toll_since_a_year_is_no_one_attack():
    assert not _attacks("ونفذت السلطات الإيرانية أحكاما بالإعدام بحق 500 شخص منذ العام 2015.")
    assert not _attacks("ويقاتل التحالف الحوثيين منذ عام 2015 لإعادة الحكومة إلى صنعاء.")


def test_an_attack_after_a_span_since_a_year_and_a_new_verb_is_one_attack():
    text = "يعيش السكان تحت الحصار منذ عام 2013 ويواجهون قصفا مكثفا تشنه القوات الحكومية على البلدة."
    assert _attacks(text)


def test_an_attack_ranked_against_the_years_since_is_one_attack():
    assert _attacks("شنت الطائرات الإسرائيلية غارات على غزة هي الأعنف منذ عام 2014.")


def test_a_toll_in_thousands_after_joined_words_of_harm_is_no_one_attack():
    assert not _attacks("وأعلنت البعثة الأممية مقتل وإصابة 2150 مدنيا خلال الشهر الماضي.")
    assert _attacks("وأعلنت الشرطة مقتل وإصابة 12 مدنيا في تفجير انتحاري استهدف سوقا في كابول.")


def test_an_attack_that_may_come_is_no_attack():
    assert not _attacks("وفي حال اندلاع حرب، فإن الحوثيين قد يفتحون النار على السفن في البحر الأحمر.")


def test_a_pledge_made_before_is_still_asserted():
    assert _modality("وكانت الكويت قد تعهدت بتقديم مساعدات لليمن خلال مؤتمر المانحين.", "AGREE") == ["asserted"]


@pytest.mark.parametrize(
    "text",
    [
        "أعلنت البحرية الأمريكية، الاثنين، عن تحطم مروحية عسكرية في ولاية تكساس، الأحد، ما أدى إلى مقتل ثلاثة جنود.",
        "قتل سبعة عمال وأصيب ثلاثة آخرون إثر انهيار مبنى قديم في وسط القاهرة.",
        "وقال الدفاع المدني التركي إن الزلزال كان على عمق 8 كيلومترات، وضرب مدينة إزمير.",
        "شهدت الكويت أمس عاصفة رملية كثيفة ضربت مختلف المناطق وأغلقت الطرق.",
    ],
)
def test_harm_a_crash_a_collapse_or_a_quake_caused_is_no_attack(text):
    assert not _attacks(text)


def test_a_blast_that_caused_deaths_is_still_an_attack():
    assert _attacks("انفجرت سيارة مفخخة في سوق شعبي ببغداد، الأحد، ما أدى إلى مقتل خمسة أشخاص.")


@pytest.mark.parametrize(
    "text",
    [
        "تجري محاكمة خمسة متهمين بتهمة قتل 40 شخصا في قرية شمال بغداد.",
        "اعتقلت الشرطة البلجيكية رجلين للاشتباه في تخطيطهما لشن هجمات داخل بروكسل.",
        "واعتبر المتحدث الإيراني أن التقرير ذريعة لشن عمليات عسكرية أمريكية ضد إيران.",
        "أخلى الجيش السوري مواقع عدة إثر تهديدات واشنطن بشن ضربة عسكرية في البلاد.",
    ],
)
def test_a_charged_suspected_pretexted_or_threatened_attack_is_not_told(text):
    assert not _attacks(text)


def test_an_abstract_object_after_the_subject_makes_the_blast_a_figure():
    assert not _attacks("وقد فجّرت كينيا الخلاف مع الصومال عندما رفضت نتائج التحكيم.")
    assert _attacks("فجرت القوات الإسرائيلية منزل الأسير في مدينة نابلس.")


def test_a_blow_that_a_step_constitutes_is_a_figure():
    assert not _attacks("وجاء القرار في خطوة تشكل ضربة لموسكو التي تعارض توسع الحلف.")
    assert _attacks("وجهت الطائرات الأمريكية ضربة لمواقع تنظيم داعش في الرقة.")


def test_a_question_tells_no_attack():
    assert not _attacks("هل اغتالت إسرائيل العالم النووي الإيراني في طهران؟")


def test_a_sentence_to_death_and_the_case_it_closes_are_no_attack():
    assert not _attacks("أصدرت محكمة مصرية حكما نهائيا بإعدام عشرة أشخاص في قضية اقتحام مركز شرطة.")
    assert not _attacks("قضت المحكمة بإعدام ثلاثة مدانين.")


def test_a_halt_of_fighting_is_no_fighting():
    assert not _attacks("الرئيس الروسي يأمر بوقف إنساني للقتال في الغوطة الشرقية")
    assert not _attacks("وأبدت بغداد رغبتها في اعتماد القنوات الدبلوماسية لإيقاف القصف التركي لقرى إقليم كردستان.")
    assert _attacks("اجتمع الوزراء وسط غياب موقف موحد حول الضربات التي شنتها الولايات المتحدة على سوريا.")


def test_a_tanker_or_a_pipeline_that_bursts_is_no_bomb():
    # stop 33, random sample of corpus events (seed 48): a gas tanker's explosion read as an attack on Italy
    for text in (
        "انفجار هائل لناقلة غاز يقتل 3 أشخاص ويصيب 55 في إيطاليا",
        "قتل 3 أشخاص في انفجار خط أنابيب غاز في نيجيريا",
        "انفجرت شاحنة ناقلة للغاز في مدينة بولونيا، مما أسفر عن مقتل 3 أشخاص وإصابة 55 جراء الانفجار.",
    ):
        assert not [e for e in events(text) if e[0] == "ASSAULT"], text
    assert [e for e in events("انفجار سيارة مفخخة يقتل 3 أشخاص في بغداد") if e[0] == "ASSAULT"]
    assert [e for e in events("هاجم الحوثيون ناقلة نفط سعودية في البحر الأحمر") if e[0] == "ASSAULT"]
