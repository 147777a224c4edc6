"""Generate a corpus of realistic Arabic news articles for scale measurements.

Articles are put together from hand-written sentence templates (visits, meetings, requests,
condemnations, offers, suspensions, attacks, protests...) whose slots take actors, capitals and
countries from kg's actor lexicon, so extraction has real work to do on every article. The
output is deterministic for a seed.

    python benchmarks/generate_corpus.py -n 10000 --seed 1 -o /tmp/corpus.jsonl.gz
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Iterator

from kg.lexicon.actors import gazetteer

# Arabic titles for the roles most frequent in the lexicon (a person without one is named bare)
TITLES_AR = {
    "President": "الرئيس",
    "Acting President": "الرئيس المؤقت",
    "Vice President": "نائب الرئيس",
    "Prime Minister": "رئيس الوزراء",
    "Head of Government": "رئيس الحكومة",
    "Minister of Foreign Affairs": "وزير الخارجية",
    "Foreign Secretary": "وزير الخارجية",
    "Secretary of State": "وزير الخارجية",
    "Minister of Defence": "وزير الدفاع",
    "Secretary of Defense": "وزير الدفاع",
    "King": "الملك",
    "Crown Prince": "ولي العهد",
    "Emir": "الأمير",
    "Speaker of the Parliament": "رئيس البرلمان",
    "Spokesperson of the Ministry of Foreign Affairs": "المتحدث باسم وزارة الخارجية",
}

# {a} {b}: officials (title + name); {ca} {cb}: their countries; {city}: the capital of {cb};
# {org}: an organization; {when}: a time phrase; {topic} {crisis} {field} {n}: fillers.
TEMPLATES = (
    # visits
    "وصل {a} {when} إلى {city} في زيارة رسمية إلى {cb} تستغرق {n} أيام.",
    "زار {a} {cb} {when}، حيث بحث مع {b} {topic}.",
    "استقبل {b} {when} في {city} {a} الذي يزور {cb} حاليا.",
    "أجرى {a} زيارة عمل إلى {city} {when} التقى خلالها {b}.",
    "يزور {a} {cb} الأسبوع المقبل لبحث {topic}.",
    # meetings and talks
    "التقى {a} {when} {b} على هامش اجتماعات {org}.",
    "بحث {a} مع {b} في اتصال هاتفي {when} {topic}.",
    "عقد {a} و{b} اجتماعا {when} في {city} تناول {topic}.",
    "أجرى {a} محادثات مع {b} بشأن {crisis}.",
    "اجتمع {a} {when} بوفد من {org}.",
    # requests and appeals
    "طالب {a} {cb} بدعم جهود التسوية السياسية في {ca}.",
    "دعا {a} {org} إلى التدخل لوقف التصعيد.",
    "طلبت {ca} من {org} إرسال مساعدات إنسانية عاجلة.",
    "ناشد {a} {org} تقديم الدعم إلى {cb}.",
    "حث {a} {cb} على الالتزام باتفاق وقف إطلاق النار.",
    # condemnations, criticism, accusations
    "أدان {a} {when} الهجوم الذي استهدف {city}.",
    "أدانت {ca} بشدة تصريحات {b}.",
    "نددت {org} بالقصف الذي تعرضت له مناطق في {cb}.",
    "انتقد {a} موقف {cb} من {crisis}.",
    "اتهم {a} {cb} بدعم الجماعات المسلحة.",
    # offers, aid, agreements
    "عرض {a} على {b} وساطة {ca} لحل {crisis}.",
    "أبدى {a} استعداد {ca} لتقديم المساعدة إلى {cb}.",
    "قدمت {ca} {when} مساعدات إنسانية إلى {cb}.",
    "وقع {a} و{b} {when} اتفاقية للتعاون في مجال {field}.",
    "أعلن {a} أن {ca} ستقدم دعما ماليا إلى {cb}.",
    "أكد {a} دعم {ca} للحل السياسي في {cb}.",
    # suspensions, withdrawals, sanctions
    "أوقفت {ca} {when} رحلاتها الجوية إلى {cb}.",
    "قررت {ca} تعليق التعاون العسكري مع {cb}.",
    "أعلن {a} وقف المفاوضات مع {cb}.",
    "استدعت {ca} سفيرها لدى {cb} للتشاور.",
    "فرضت {ca} عقوبات اقتصادية على {cb}.",
    "هدد {a} بفرض عقوبات على {cb}.",
    "رفض {a} {when} مقترح {cb} بشأن {crisis}.",
    # attacks
    "شنت قوات {ca} {when} غارات جوية على مواقع في {cb}.",
    "قصفت {ca} مواقع لجماعات مسلحة قرب {city}.",
    "هاجمت مجموعة مسلحة {when} مقرا حكوميا في {city}.",
    "استهدف هجوم بسيارة مفخخة {when} موكبا رسميا في {city}.",
    # protests
    "تظاهر آلاف {when} أمام سفارة {ca} في {city}.",
    "احتج {a} على قرار {cb} إغلاق الحدود.",
    "نظم محتجون في {city} وقفة احتجاجية ضد سياسات {ca}.",
    # praise and statements
    "أشاد {a} بدور {cb} في {topic}.",
    "قال {a} إن {ca} و{cb} تربطهما علاقات تاريخية متينة.",
)

FILLERS = (
    "وتأتي هذه الخطوة في ظل توتر متزايد في المنطقة.",
    "ولم تصدر أي تعليقات رسمية حتى الآن.",
    "وأضاف المصدر أن المباحثات ستتواصل خلال الأيام المقبلة.",
    "وأشار البيان إلى أهمية تنسيق المواقف بين البلدين.",
    "ويرى مراقبون أن هذه التطورات قد تغير موازين القوى.",
    "وذكرت وسائل إعلام محلية أن اللقاء استمر ساعتين.",
)
TOPICS = (
    "العلاقات الثنائية",
    "التعاون الاقتصادي",
    "الأوضاع الأمنية في المنطقة",
    "ملف الهجرة غير النظامية",
    "مكافحة الإرهاب",
    "تطورات الأوضاع الإقليمية",
)
CRISES = (
    "الأزمة الليبية",
    "الأزمة السورية",
    "النزاع في اليمن",
    "أزمة سد النهضة",
    "القضية الفلسطينية",
    "الأزمة السياسية",
)
FIELDS = ("الطاقة", "التعليم", "الصحة", "النقل", "الزراعة", "الدفاع")
WHEN = ("أمس", "اليوم", "يوم الأحد", "يوم الاثنين", "يوم الثلاثاء", "الأربعاء الماضي", "مساء الخميس", "الأسبوع الماضي")
MONTHS = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر")
START, DAYS = date(2014, 1, 1), 9 * 365


@dataclass(frozen=True)
class Actors:
    """What the templates draw from: officials by country, capitals, countries, organizations."""

    officials: dict[str, list[str]]  # country key -> "title name" phrases
    countries: dict[str, str]  # country key -> Arabic name
    capitals: dict[str, str]  # country key -> Arabic name of its capital
    orgs: list[str]


def load_actors() -> Actors:
    """The lexicon's officials (with a title we can spell), countries, capitals and organizations."""
    entries = gazetteer().entries
    countries = {k: e.label_ar for k, e in entries.items() if e.type == "Country"}
    capitals = {e.capital_of: e.label_ar for e in entries.values() if e.type == "Place" and e.capital_of}
    officials: dict[str, list[str]] = {}
    for e in entries.values():
        if e.type == "Person" and e.country in countries:
            title = TITLES_AR.get(e.role_en or "")
            officials.setdefault(e.country, []).append(f"{title} {e.label_ar}" if title else e.label_ar)
    orgs = sorted(e.label_ar for e in entries.values() if e.type == "Organization" and e.role_en in ("igo", "council"))
    keep = sorted(k for k in officials if k in capitals)
    return Actors({k: sorted(officials[k]) for k in keep}, countries, capitals, orgs)


def article(rng: random.Random, actors: Actors, n: int) -> dict[str, str]:
    """One article: a lead and 3-8 more sentences about two countries and their officials."""
    ka, kb = rng.sample(sorted(actors.officials), 2)
    day = START + timedelta(days=rng.randrange(DAYS))
    slots = {
        "a": rng.choice(actors.officials[ka]),
        "b": rng.choice(actors.officials[kb]),
        "ca": actors.countries[ka],
        "cb": actors.countries[kb],
        "city": actors.capitals[kb],
    }
    sentences = []
    for i in range(rng.randint(4, 9)):
        if i and rng.random() < 0.25:
            sentences.append(rng.choice(FILLERS))
            continue
        when = rng.choice(WHEN) if rng.random() < 0.7 else f"في {day.day} {MONTHS[day.month - 1]} {day.year}"
        sentences.append(
            rng.choice(TEMPLATES).format(
                when=when,
                org=rng.choice(actors.orgs),
                topic=rng.choice(TOPICS),
                crisis=rng.choice(CRISES),
                field=rng.choice(FIELDS),
                n=rng.choice(("ثلاثة", "أربعة", "خمسة")),
                **slots,
            )
        )
        if rng.random() < 0.3:  # the other side now and then takes the lead
            ka, kb = kb, ka
            slots.update(a=slots["b"], b=slots["a"], ca=slots["cb"], cb=slots["ca"], city=actors.capitals[kb])
    text = " ".join(sentences)
    return {
        "id": f"gen-{n:07d}",
        "date": day.isoformat(),
        "source": "kg-generated",
        "title": sentences[0][:80],
        "text": text,
    }


def generate(n: int, seed: int = 1, start: int = 0) -> Iterator[dict[str, str]]:
    """``n`` articles (ids gen-<start>... ), the same for the same seed."""
    rng = random.Random(seed)
    actors = load_actors()
    for i in range(start, start + n):
        yield article(rng, actors, i)


def write(path: Path, rows: Iterator[dict[str, str]]) -> int:
    """Write rows as JSONL (gzipped when the name ends in .gz); returns the count."""
    path.parent.mkdir(parents=True, exist_ok=True)
    opener = gzip.open if path.name.endswith(".gz") else open
    count = 0
    with opener(path, "wt", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", "--count", type=int, default=1000, help="articles to write")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--out", type=Path, required=True, help="file.jsonl or file.jsonl.gz")
    args = ap.parse_args(argv)
    n = write(args.out, generate(args.count, args.seed))
    print(f"wrote {n} articles to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
