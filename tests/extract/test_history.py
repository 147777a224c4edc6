"""A street event an article dates to an earlier year is history, not news (``عام 1984، قام
الحزب بهجوم``، ``في 2012، هوجمت``): no ASSAULT or PROTEST. News of the day names its day, not its
year. A year after ``منذ`` opens a span up to now and dates nothing (``أقسى ضربة منذ 2014``); a
number before a counted noun is no year (``قتلت 2000 طفل``); a full date a few weeks before the
article is still news. Other types keep their events (a visit of 2015 told in 2018 is still a
visit). A toll counted since a start (``قتل 10 آلاف شخص منذ تدخل التحالف``) is no one act; an
act ranked against the span (``غارات هي الأعنف منذ بدء الهجوم``) is one."""

from __future__ import annotations

from extracted import events

from kg.arabic.normalize import fold
from kg.extract.time import looks_back


def _attacks(text: str, date: str | None = "2018-05-01") -> list[tuple]:
    return [e for e in events(text, date) if e[0] in ("ASSAULT", "PROTEST")]


def test_an_attack_dated_to_an_earlier_year_is_history():
    assert not _attacks("عام 1984، قام حزب الله بهجوم على السفارة الأميركية في بيروت.")
    assert not _attacks("وفي 2012، هوجمت جرافات الجيش اللبناني بقاذفات الصواريخ في البقاع.")
    assert not _attacks("وكانت الولايات المتحدة قد شنت غارة جوية على معسكر للقاعدة في نوفمبر 2013.")


def test_protests_of_an_earlier_year_are_history():
    assert not _attacks("وشارك الحوثيون بكثافة في المظاهرات المناهضة لحكم صالح خلال عام 2011.")


def test_an_attack_of_the_day_is_news():
    assert _attacks("شنت طائرات التحالف غارات على مواقع الحوثيين في صعدة أمس.")
    assert _attacks("شنت طائرات التحالف غارات على مواقع الحوثيين في صعدة في مايو 2018.")


def test_a_year_after_since_dates_nothing():
    assert _attacks("وجه الجيش الإسرائيلي أقسى ضربة منذ 2014 إلى الفصائل الفلسطينية في غزة.")
    assert _attacks("قتل متظاهر في هراري اليوم في مواجهات مع الشرطة أمام مقر الحزب الحاكم منذ1980.")


def test_a_count_is_no_year():
    words = tuple(fold("وقالت الوزارة إن القوات قتلت 2000 طفل في غزة").split())
    assert not looks_back(words, 4, "2018-05-01")
    assert looks_back(tuple(fold("وقالت الوزارة إن القوات قتلت في 2000 طفلا في غزة").split()), 4, "2018-05-01")


def test_a_full_date_weeks_before_the_article_is_news():
    text = "شنت طائرات التحالف غارات على مواقع الحوثيين في صعدة في 28 ديسمبر 2017."
    assert _attacks(text, "2018-01-05")
    assert not _attacks(text, "2018-06-05")


def test_other_types_keep_their_past_events():
    found = events("وكان وزير الخارجية الأمريكي قد زار الجزائر عام 2015.")
    assert any(e[0] == "CONSULT" for e in found)


def test_without_the_article_date_a_year_alone_looks_back_and_a_full_date_cannot_tell():
    words = tuple(fold("في عام 1996 تم تفجير أبراج سكنية في الخبر").split())
    assert looks_back(words, 4, None)
    words = tuple(fold("تم تفجير أبراج سكنية في الخبر في 25 يونيو 1996").split())
    assert not looks_back(words, 1, None)


def test_a_toll_since_a_start_is_no_one_attack():
    assert not _attacks("وقتل نحو عشرة آلاف شخص في اليمن منذ تدخل التحالف بقيادة السعودية.")
    assert not _attacks("ومنذ بدء هجوم القوات الحكومية قتل في الغوطة الشرقية أكثر من 1400 مدني.")


def test_an_attack_ranked_against_a_span_is_one_attack():
    assert _attacks("وشنت الطائرات الروسية غارات هي الأعنف منذ بدء الهجوم على درعا.")
    assert _attacks("قتل 25 مدنيا الخميس في غارات على درعا، في حصيلة هي الأكثر دموية منذ بدء الهجوم.")


def test_clashes_since_the_start_of_the_month_go_on():
    text = "قتل 25 جنديا من القوات الخاصة جراء الاشتباكات مع مسلحي التنظيم منذ بداية الشهر الجاري."
    assert _attacks(text)


def test_a_toll_over_years_or_in_thousands_is_no_one_attack():
    assert not _attacks("وقتل عشرات آلاف الأشخاص في التمرد الكردي المستمر منذ أكثر من 30 عاما.")
    assert not _attacks("وأدى الحصار إلى مقتل 1600 مدني في الغوطة الشرقية.")
    assert _attacks("قتل 25 شخصا في تفجير انتحاري استهدف مسجدا في كابول.")


def test_a_year_opening_the_sentence_dates_all_it_tells():
    text = "- عام 1983، قام عنصر من الحرس الثوري بتنفيذ عملية انتحارية في بيروت دبرتها إيران، أسفرت عن مقتل 241 جنديا أميركيا."
    assert not _attacks(text)
