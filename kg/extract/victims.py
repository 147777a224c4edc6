"""Victims and authors of violence: a violence verb read as its passive (``قتل 5 أشخاص``، ``17
من الحوثيين قتلوا``), the victims standing before it, victims counted after a casualty word, the
author an attack names when no subject does (``هجوم شنه مسلحون``، ``في غارة للتحالف``), harm that
no one did (a crash, a fire, the weather), and an attack in words (``هاجم الوزير السياسات``)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from kg.arabic.clitics import Clitic
from kg.arabic.normalize import fold
from kg.extract.arguments import BETWEEN, coordinated, joined
from kg.extract.clause import (
    FROM,
    IN,
    QUOTES,
    STOP_PUNCT,
    SVO_WINDOW,
    Arg,
    Trigger,
    actor_id,
    civil_state,
    group_role,
    type_of,
)
from kg.extract.time import looks_back, since_start
from kg.extract.tokens import Sentence
from kg.extract.triggers import VERB_POS
from kg.lexicon.markers import has_marker, marker_phrases, markers
from kg.lexicon.predicates import predicate_lexicon
from kg.model import Document

ARMED_ROLES = ("armed_group", "military")  # lexicon roles of an armed actor
VERBAL_ATTACK = "attack"  # هاجم (predicates.tsv): said of a person, an attack in words
SAID_OF_PERSON = frozenset({"perfect", "imperfect", "participle"})  # the forms of هاجم that attack in words


def reads_passive(s: Sentence, t: Trigger) -> bool:
    """An unvocalized violence verb that is also its passive (قتل is قَتَل and قُتِل) reads as the
    passive before a count of victims (``قتل 5 أشخاص``، ``قتل عشرات``) and, in the plural, with
    nothing after it that it could have done it to (``خمسة جنود قتلوا في الهجوم``)."""
    rest = s.folded[t.index][len(t.prefix) :]
    if t.length > 1 or not any(f.pos == "passive" for f in predicate_lexicon().forms.get(rest, ())):
        return False
    k = t.end + 1
    nxt = s.folded[k] if k < len(s.folded) else ""
    if rest.endswith("وا"):  # قتلوا شخصا: they killed someone; خمسة جنود قتلوا عندما: they were killed
        return not nxt or s.tokens[k].text in STOP_PUNCT or has_marker(nxt, "passive_follower", Clitic.CONJ)
    if rest.endswith("ت") and any(f.pos == "perfect" for f in predicate_lexicon().forms.get(rest[:-1], ())):
        return False  # الصواريخ قتلت 3 أشخاص: a feminine verb before a count has its subject before it
    fired = any(has_marker(w, "passive_follower") and has_marker(w, "agent") for w in s.folded[k : k + FIRE_REACH])
    return fired or _count_word(nxt) or any(c.isdigit() for c in nxt)  # قتل المهاجم برصاص الشرطة: killed by


FIRE_REACH = 3  # words after a singular violence verb where برصاص or بنيران makes it the passive
PARTITIVE = FROM  # 17 فردا من المتمردين
MEMBER_PREPOSITIONS = frozenset({PARTITIVE, IN})  # القيادي في حماس، عنصر من داعش


def passive_subject(s: Sentence, t: Trigger, args: Sequence[Arg]) -> Arg | None:
    """``17 من الحوثيين وقوات صالح قتلوا في مواجهات``: the first of the actors standing before a
    plural verb read as the passive, who were killed (its recipient), not killers; after a singular
    one, the actor right after it (``قتل جندي عراقي في قصف شنه داعش``)."""
    if not (t.pos == "passive" or reads_passive(s, t)):
        return None
    if not s.folded[t.index][len(t.prefix) :].endswith("وا"):  # قتل جندي عراقي في قصف شنه داعش: after it
        return next((a for a in args if a.marker == "" and t.end < a.first <= t.end + 2), None)
    before = [a for a in args if a.marker in ("", PARTITIVE) and a.last < t.index and t.index - a.last <= SVO_WINDOW]
    if not before:
        return None
    return next((a for a in before if before[-1] in coordinated(args, a, s)), before[-1])


def agent_before(s: Sentence, k: int) -> bool:
    """An agent phrase ends right before token k (شنه، على يد، من قبل: its author follows)."""
    return s.folded[k - 1] in markers()["agent"] or tuple(s.folded[max(0, k - 2) : k]) in marker_phrases()["agent"]


def named_perpetrator(doc: Document, s: Sentence, args: Sequence[Arg], t: Trigger) -> tuple[str, ...]:
    """Who did an attack the sentence reports without a subject: an armed group or force named
    as its author (هجوم شنه مسلحون، على أيدي مسلحين، تبناه تنظيم القاعدة), not its victims,
    nor the subject of a passive (``17 من الحوثيين قتلوا في غارة للتحالف``: killed, not killing); with
    those joined to it (``قصف قام به الحوثيون وقوات صالح``: both are its authors)."""
    if t.pos == "passive" or reads_passive(s, t):
        args = [a for a in args if a.first > t.end]
    for a in args:  # after an agent phrase anyone is the author: نفذته امرأة، على يد مسلحين، نسب إلى المتمردين
        in_subject = a.first < t.index and t.pos != "masdar"  # مشتبها به مطاردا من قبل الأمن فجر نفسه: chased by
        if a.first > 0 and agent_before(s, a.first) and not in_subject:
            return _with_joined(args, a, s)
    victim: Arg | None = None
    for a in args:
        if _counted_victims(s, a.first) or victim is not None and joined(s, victim, a):
            victim = a  # مقتل أربعة جنود، مقتل عشرات الحوثيين وقوات صالح: the victims, and who is joined to them
            continue
        if armed(doc, a.mention.entity_id) and not _holds_place(s, a.first):
            return _with_joined(args, a, s)
    return ()


def _holds_place(s: Sentence, first: int) -> bool:
    """Is the actor at token ``first`` named as who holds a place (``قصف استهدف مناطق تسيطر عليها
    فصائل المعارضة``، ``الخاضعة لسيطرة الحوثيين``)? It is where the attack fell, not its author."""
    return any(has_marker(s.folded[k], "held_by") for k in range(max(0, first - 2), first))


def _with_joined(args: Sequence[Arg], a: Arg, s: Sentence) -> tuple[str, ...]:
    """The author and those joined to it by و; after بين the others are the other side."""
    if BETWEEN in s.folded[max(0, a.first - 2) : a.first]:
        return (actor_id(a.mention),)  # قتال بين الجيش الإسرائيلي وحماس: two sides, not two authors
    return tuple(dict.fromkeys(actor_id(b.mention) for b in coordinated(args, a, s)))


def armed(doc: Document, x: str) -> bool:
    """An armed actor: a generic armed group (مسلحون) or an armed organization or force."""
    e = doc.entity(x)
    return group_role(doc, x) == "armed" or (e is not None and e.role_en in ARMED_ROLES)


def _counted_victims(s: Sentence, first: int) -> bool:
    """A victim word stands before token ``first``, past a count (``مقتل أربعة جنود``، ``مقتل
    عشرات الحوثيين``، ``قتل 17 عنصرا من``): what follows is who was killed or hurt."""
    k = first - 1 - (s.tokens[first - 1].text in QUOTES if first else 0)  # من ناشطي "كتائب القسام"
    while k >= 0 and first - k <= 4:
        w = s.folded[k]
        if has_marker(w, "victim", Clitic.WA_BA_ALL) or _member_of(s, k):
            return True
        if not (_count_word(w) or w == PARTITIVE):
            return False
        k -= 1
    return False


def _member_of(s: Sentence, k: int) -> bool:
    """``القيادي في حركة حماس``، ``أحد قادة``: a rank or membership before في/من (token ``k``) or
    right before the group names the victim's own group."""
    if has_marker(s.folded[k], "member", Clitic.WA_BA):
        return True
    return k > 0 and s.folded[k] in MEMBER_PREPOSITIONS and has_marker(s.folded[k - 1], "member", Clitic.WA_BA)


def counted(s: Sentence, first: int) -> bool:
    """A count stands right before token ``first`` (``23 من الكوريين``، ``عشرات الحوثيين``)."""
    k = first - 1
    if k >= 1 and s.folded[k] == PARTITIVE:
        k -= 1
    return k >= 0 and _count_word(s.folded[k])


def oblique_group(doc: Document, s: Sentence, a: Arg) -> bool:
    """A group named by a sound plural in -ين (``يقصف المزارعين``، ``دعا الأطباء اليمنيين``) is the
    object or a genitive, never a verb's subject, which takes -ون (``المتظاهرون``)."""
    e = doc.entity(a.mention.entity_id)
    words = {s.folded[a.first], s.folded[a.last]}  # الأطباء اليمنيين: the nisba shows the case too
    oblique = any(len(w) > 5 and w.endswith("ين") for w in words)
    head = s.folded[a.first]
    count = counted(s, a.first) or head in markers()["number"] or head in markers()["count"]
    return e is not None and e.group is not None and oblique and not count  # آلاف المتظاهرين: the count's genitive


def _count_word(w: str) -> bool:
    """A number, a number word or a word counting victims (``23``، ``عشرات``، ``قتيلا``)."""
    mk = markers()
    return w.isdigit() or w in mk["number"] or w in mk["casualty_counted"]


def casualties(s: Sentence) -> bool:
    """The sentence counts victims (مقتل أربعة، إصابة عشرة، 26 قتيلا، قتل شخصان، مقتل جندي): violence
    reported, not discussed."""
    words = s.folded
    mk = markers()
    if len(words) > 1 and words[0] in mk["casualty_counted"] and has_marker(words[1], "casualty_counted"):
        return True  # قتلى وجرحى بقصف …: a headline that opens with its dead
    for k, w in enumerate(words[:-1]):
        nxt = words[k + 1]
        counted = nxt.isdigit() or nxt in mk["number"] or fold(nxt) in mk["number"] or nxt in mk["casualty_counted"]
        if counted and has_marker(w, "casualty", Clitic.WA_BA_LONG):
            return True
        if (w.isdigit() or w in mk["number"]) and nxt in mk["casualty_counted"]:
            return True
    return False


def anchored_in_time(s: Sentence) -> bool:
    """A report of something that happened says when (أمس، الجمعة، a date); a general mention
    of protests or attacks does not."""
    return any(has_marker(w, "time_anchor", Clitic.ANY) for w in s.folded) or any(t.text.isdigit() for t in s.tokens)


EXPLOSION = "explosion"  # the predicate of an explosion (predicates.tsv)
ACCIDENT_REACH = 12  # words around a word of harm, in its clause, where a crash or a flood may be named
ACCIDENT_OPENING = 2  # the first words of a sentence, where an accident it tells is named


def accident(s: Sentence, t: Trigger) -> bool:
    """A crash, a fire or the weather is named beside the word of harm, in its clause, opens
    the sentence (``تحطمت طائرة هليكوبتر …، ما أسفر عن مقتل``) or is named as the cause after it
    (``مقتل 5 أشخاص، الأربعاء، من جراء تحطم طائرة``)."""
    if any(has_marker(w, "accident", Clitic.WA_BA) for w in s.folded[: min(ACCIDENT_OPENING, t.index)]):
        return True
    if t.form.predicate.id == EXPLOSION and any(_burst(s, k, k != t.end) for k in range(len(s.folded))):
        return True  # انفجار هائل لناقلة غاز: a tanker burst, no bomb; جراء الانفجار: the same burst
    if _result_of_before(s, t):
        return True
    for step, edge in ((-1, -1), (1, len(s.folded))):
        k = t.index - 1 if step < 0 else t.end + 1
        if step < 0 and _joined_verb(s, t):
            k -= 1  # الزلزال كان على عمق 10 كيلومترات، وضرب: the verb after the comma shares the subject
        for _ in range(ACCIDENT_REACH):
            if k == edge or s.tokens[k].text in STOP_PUNCT:
                break
            if has_marker(s.folded[k], "accident", Clitic.WA_BA) or _burst(s, k, explosion=True):
                return True
            k += step
    after = range(t.end + 1, min(len(s.folded) - 1, t.end + 2 * ACCIDENT_REACH))
    caused = (k for k in after if has_marker(s.folded[k], "cause"))
    return any(has_marker(s.folded[k + 1], "accident", Clitic.WA_BA) for k in caused)


def _burst(s: Sentence, k: int, explosion: bool = False) -> bool:
    """Does a thing that bursts (markers kind burst: a tanker, a pipeline) follow token ``k``, past
    one adjective (``انفجار هائل لناقلة غاز``)? With ``explosion``, token ``k`` must be a word of
    explosion itself (``قتل 3 في انفجار خط أنابيب``)."""
    if explosion and not has_marker(s.folded[k], "explosion_word", Clitic.WA_BA):
        return False
    return any(has_marker(w, "burst") for w in s.folded[k + 1 : k + 3])


RESULT_REACH = 3  # words before a word of harm where a verb of result stands (ما أدى إلى مقتل)


def _result_of_before(s: Sentence, t: Trigger) -> bool:
    """Harm told as the result of an accident named before it in the sentence, past commas
    (``تحطم مروحية في كاليفورنيا، الثلاثاء، ما أدى إلى مقتل أربعة``)."""
    words = s.folded[max(0, t.index - RESULT_REACH) : t.index + 1]
    k = next((t.index - len(words) + 1 + i for i, w in enumerate(words) if has_marker(w, "result")), -1)
    return k >= 0 and any(
        has_marker(w, "accident", Clitic.WA_BA) or _burst(s, j, True) for j, w in enumerate(s.folded[:k])
    )


def _joined_verb(s: Sentence, t: Trigger) -> bool:
    """A verb joined by و right after a comma (``…، وضرب``): its subject is in the clause before."""
    after_comma = t.index > 1 and s.tokens[t.index - 1].text in "،,"
    return t.pos in VERB_POS and after_comma and s.folded[t.index].startswith("و")


def said_at(doc: Document, t: Trigger, actors: Sequence[str], recipients: Sequence[str]) -> bool:
    """The verb هاجم of a state or its civil bodies against people or unarmed bodies (``هاجمت
    الصين تعليقات ترامب``، ``هاجمت الخارجية الإسرائيلية نادي ريال مدريد``), and any هاجم of a
    civil body (a ministry has no arms: ``هاجمت الخارجية الإيرانية السعودية``), is words, as a
    person's is; an army's is not."""
    if not verbal_attack(t) or not actors or not all(civil_state(doc, x) for x in actors):
        return False
    if all(type_of(doc, x) == "Organization" for x in actors):
        return True
    return bool(recipients) and all(_unarmed_named(doc, x) for x in recipients)


def _unarmed_named(doc: Document, x: str) -> bool:
    """A person, or a named body that bears no arms (a club, a newspaper; not a generic group such
    as soldiers or protesters, whom a state attacks in deed)."""
    e = doc.entity(x)
    return e is not None and (
        e.type == "Person" or e.type == "Organization" and e.role_en != "group" and not armed(doc, x)
    )


def verbal_attack(t: Trigger) -> bool:
    """The verb هاجم (not the noun هجوم, which an order or a plan may launch)."""
    return t.form.predicate.id == VERBAL_ATTACK and t.pos in SAID_OF_PERSON


TOLD_AS_NEWS = frozenset({"ASSAULT", "PROTEST"})  # street events: harm of the day, not of history


def not_news(s: Sentence, t: Trigger, typ: str, mod: str, article_date: str | None) -> bool:
    """Is the street event no event of the day? Harm no one did (``تحطم طائرة أسفر عن مقتل``،
    ``موجة طقس تضرب بريطانيا``), an attack that has not happened (``تفادي أي ضربة``، ``ستشن
    غارات``), a toll since a start (``قتل 10 آلاف شخص منذ تدخل التحالف``) or history the article
    dates to an earlier year (``عام 1983، قام حزب الله بهجوم``)."""
    if typ == "ASSAULT" and (accident(s, t) or mod in ("hypothetical", "future")):
        return True
    if typ == "ASSAULT":
        stops = [tok.text in STOP_PUNCT for tok in s.tokens]
        if since_start(s.folded, t.index, stops) or _thousands(s, t):
            return True  # قتل 10 آلاف شخص منذ تدخل التحالف: a toll, no one act
    return looks_back(s.folded, t.index, article_date)


CASUALTY_ENTRIES = frozenset({"kill", "casualties"})  # predicates.tsv ids of words of harm that count victims
TOLL_COUNT = 1000  # killed or hurt in one attack: fewer; a war's toll: more
THOUSANDS_REACH = 4  # words after a word of harm where its count stands


def _thousands(s: Sentence, t: Trigger) -> bool:
    """Harm counted in thousands right after its word (``مقتل 1600 مدني``، ``قتل عشرات الآلاف``،
    ``مقتل نحو 122 ألف عنصر``، ``مقتل وإصابة 3440 عراقيا``): the toll of a war or a campaign, no one attack."""
    if t.form.predicate.id not in CASUALTY_ENTRIES:
        return False
    window = s.folded[t.end + 1 : t.end + 1 + THOUSANDS_REACH]
    after = list(itertools.dropwhile(lambda w: has_marker(w, "casualty"), window))  # مقتل وإصابة 3440
    number = "".join(itertools.takewhile(lambda w: w.isdigit() or w in ",٬", after))  # 63 , 360: one number
    if number.strip(",٬") and int(number.replace(",", "").replace("٬", "")) >= TOLL_COUNT:
        return True
    return any(w in markers()["thousands"] for w in after)
