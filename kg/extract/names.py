"""What a name looks like: the run of words that make a person's name after a title, a given
name or a verb of saying (``عبد القادر مساهل``، ``رود فان نيستلروي``، ``محمد بن راشد آل
مكتوم``), and the words that cannot begin or continue one (stop words, common words, verbs,
words with a glued preposition or a pronoun suffix)."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from functools import cache, lru_cache
from typing import Literal

from kg.arabic.clitics import Clitic, proclitic_readings, strip_clitic
from kg.arabic.normalize import dediac, fold, fold_names
from kg.extract.tokens import Sentence
from kg.lexicon.actors import Gazetteer, gazetteer, slug
from kg.lexicon.markers import NAME_WORDS, has_marker, name_words, written
from kg.lexicon.predicates import predicate_lexicon
from kg.lexicon.romanize import romanize
from kg.lexicon.words import word_map, word_set
from kg.model import Mention

NAMEISH = re.compile(r"^[\u0621-\u064A]{2,15}$")  # Arabic-script name tokens: letters only, 2..15 long
NOT_NAME_KINDS = ("speech", "negation", "future", "light", "begin", "complementizer")  # markers.tsv kinds
PRONOUN_ENDINGS = ("هم", "هن", "كم", "نا")  # أنفسهم، لنا: no name ends so
FOREIGN_GIVEN = frozenset({"western", "russian", "african", "asian", "hebrew"})  # given_names.tsv origins
# After these titles news names people of every origin (اللاعب الكاميروني صامويل إيتو), so the
# name need not start with a known name part.
LOOSE_TITLES = frozenset(
    {
        "profession",
        "honorific",
        "religious",
        "head_of_state",
        "head_of_government",
        "minister",
        "diplomat",
        "envoy",
        "spokesperson",
        "legislator",
        "official",
        "royal",
    }
)  # not military: الفريق، اللواء are also units


def common_words() -> frozenset[str]:
    """Frequent news words that stand where a name is expected but are not names."""
    return word_set("common_words.tsv")


def common_nouns() -> frozenset[str]:
    """Words news writes with the article: common nouns and adjectives, never the start of a
    name (بشكل، لصحيفة); a place named by one (الساحل coast) needs a locative context."""
    return word_set("common_nouns.tsv")


def frequent_words() -> dict[str, str]:
    """Verbs (kind verb: اتخذ) and frequent words (kind frequent: حجم) of news that are no name,
    from corpus counts (tools/build_common_nouns.py)."""
    return word_map("frequent_words.tsv", "kind")


def no_name_start(w: str, body: bool = False) -> bool:
    """A verb or a frequent word does not begin an unknown person's name, unless it has the shape
    of a nisba in -ي, as surnames often do (حجازي، عسيري); a ``body`` (صحيفة عكاظ) may be named by a
    frequent word, not by a verb (شركة تدير)."""
    kind = frequent_words().get(w)
    return kind == "verb" or not body and kind == "frequent" and not w.endswith("ي")


def one_word_noun(words: list[str]) -> bool:
    """A rarer common noun or adjective found alone where a name is expected (``الرئيس ممتن``،
    ``وقال قائل``، in the accusative ``عالقا``) is no one-word name: news writes it with the
    article too (frequent_words.tsv, kind rare_noun)."""
    if len(words) != 1:
        return False
    w, kinds = words[0], frequent_words()
    return kinds.get(w) == "rare_noun" or w.endswith("ا") and kinds.get(w[:-1]) == "rare_noun"


def name_stop() -> frozenset[str]:
    """Words that end a person's name after a title (prepositions, verbs of saying,
    conjunctions), as written: folding merges على (on) with علي (Ali)."""
    return written(NAME_WORDS)["stop"]


@cache
def folded_stop() -> frozenset[str]:
    """The stop words whose folded form is no name (not على → علي, not أن → ان)."""
    return frozenset(fold(w) for w in name_stop() if "ى" not in w and not w.startswith(("أ", "إ")))


def masdar_shaped(w: str) -> bool:
    """Verbal nouns of the derived forms (إنتاج، استثمار، انسحاب، تحقيق، تضافر) read as common nouns."""
    tafaul = len(w) == 5 and w[0] == "ت" and w[2] == "ا" and not w.endswith(("ا", "ي"))  # تعاون، تضافر (not تمارا)
    return tafaul or len(w) >= 5 and (w[0] == "ا" and w[-2] == "ا" or w[0] == "ت" and w[-2] == "ي")


@lru_cache(maxsize=65536)  # asked of every word of a name run: kept per word
def not_a_name(w: str) -> bool:
    """Event words, function words and verbs of saying are not names (``وقالت``، ``يكون``)."""
    bare = strip_clitic(w)
    forms = predicate_lexicon().forms
    if bare in forms or w in forms:
        return True
    if any(has_marker(w, kind) for kind in NOT_NAME_KINDS):
        return True
    # an imperfect verb: يكون، سيكون، تقول
    return len(bare) >= 4 and bare[0] in "يت" and bare[-1] in "نلرد" and bare[1:] in name_words()["verb_stem"]


def name_shaped(w: str, g: Gazetteer, nouns: bool = True, body: bool = False) -> bool:
    """Could this unknown word begin a name? Not a common noun (شكل; ``nouns=False`` when the
    full name came before), nor with a glued preposition or conjunction (لكرة، وفشل، بشكل،
    لترامب), an imperfect prefix (يعلم), a feminine or plural ending (فكرة، سلطات), a perfect
    feminine ending (شهدت) or the tenth form (استدعي) — unless it is a known given name."""
    if (w,) in g.given_names or w in g.name_parts:
        return True
    plural = w.endswith(("يون", "يين")) or w[0] == "م" and w.endswith(("ون", "ين"))  # not رايمون، كلينتون
    rest = w[1:]
    glued = w[0] in "لبك" and (
        rest.startswith(("ال", "م", "ل"))  # لل: ل and the article (كنادي للشباب)
        or rest in common_words()
        or rest in common_nouns()
        or (rest,) in g.forms
        or not_a_name(rest)
        or masdar_shaped(rest)
        or rest in g.title_words
        or frequent_words().get(rest) == "verb"
        or bu_glued(w)
        or my_noun(rest)
        or len(rest) >= 4
        and rest.endswith(("ه", "ها"))
    )  # بمركز، لكرة، بشكل، لترامب، بإطلاق، لوزير، ليجلس، بتبنيها
    return not (
        (nouns and (w in common_nouns() or no_name_start(w, body)))
        or (nouns and accusative_noun(w))  # اتصالا هاتفيا، رئيسا
        or glued
        or w[0] in "وفي"
        or w.endswith(("ه", "ات"))
        or plural
        or construct_plural(w)
        or my_noun(w)
        or (w.endswith("ت") and len(w) <= 5)
        or len(w) >= 4
        and w.endswith(PRONOUN_ENDINGS)
        or len(w) >= 5
        and w.startswith(("سي", "ست", "سن", "است"))
    )  # future verbs: سيزور، ستعقد; the tenth form: استدعي، استقبل


def construct_plural(w: str) -> bool:
    """A participle's sound masculine plural in construct, its ن dropped before the noun it governs
    (``مقاتلي المعارضة``، ``مستخدمي تويتر``): its ون or ين form is a common word of news."""
    if len(w) < 5 or w[0] != "م" or not w.endswith("ي"):
        return False
    nouns = common_nouns() | common_words()
    return w[:-1] + "ين" in nouns or w[:-1] + "ون" in nouns


def my_noun(w: str) -> bool:
    """A feminine noun with the suffix ي (my), its ة written ت (``ابنتي``، ``عبارتي``، ``سيارتي``): a
    common word of news with ة, no name."""
    return len(w) >= 5 and w.endswith("تي") and (w[:-2] + "ه" in common_nouns() or w[:-2] + "ه" in frequent_words())


def bu_glued(w: str) -> bool:
    """ب and a noun that begins with و (``بوجه خاص``، ``بوقف``، ``بوصول``), not a Maghrebi name in بو
    (بوتفليقة، بوريطة، بوحجة: no word after the ب) nor ب + و + a particle (بولا)."""
    rest = w[1:]
    return (
        len(w) >= 4
        and w.startswith("بو")
        and (rest in common_nouns() or rest in frequent_words())
        and rest[1:] not in folded_stop()
    )


def plausible_name(words: list[str], g: Gazetteer, loose: bool = False) -> bool:
    """A name starts with a known name part (``محمد``، ``عبد``) and holds no title word; after a
    ``loose`` title any name-like run will do."""
    if any((w,) in g.titles for w in words) or names_a_place(words):
        return False
    if words[0] in g.name_parts or " ".join(words[:2]) in g.name_parts:
        return True
    return loose and starts_a_name(words, g)


def _reads_in(s: Sentence, k: int, words: Collection[str]) -> bool:
    """Is the word at token k, past any proclitic reading, one of ``words``?"""
    return k >= 0 and any(rest in words for _pre, rest in proclitic_readings(s.folded[k]))


def thing_named_before(s: Sentence, i: int) -> bool:
    """Does a thing named after a person stand right before token i (``جامعة نايف``، ``جائزة``،
    ``مطار``، ``شارع``: name_words.tsv, named_after)? The name after it names the thing."""
    return _reads_in(s, i - 1, name_words()["named_after"])


def names_a_thing(s: Sentence, i: int, g: Gazetteer) -> bool:
    """Does the person's name at token i name a thing, after the thing's noun directly or past
    the person's title (``جامعة الملك عبد العزيز``، ``مستشفى الملك خالد``، ``مركز الأمير سلطان``)?"""
    return thing_named_before(s, i) or _reads_in(s, i - 1, g.title_words) and thing_named_before(s, i - 1)


def names_a_place(words: list[str]) -> bool:
    """Does a run of words hold a noun that heads a place (``إقليم نانجارهار``، ``حاكم الإقليم``)?"""
    heads = name_words()["place_head"]
    return any(w in heads or w[:1] in "وبل" and w[1:] in heads for w in words)


def starts_a_name(words: list[str], g: Gazetteer) -> bool:
    """Can these words, found where a name is expected, be one? Not when the first is a common
    noun (بشكل واضح), unless a name-shaped word that is no noun follows it (دوري جولد), nor a
    common noun with its article after a first word that is no name part (``تطورات الأوضاع``:
    two nouns in construct), nor when one heads a place, nor when it is one rarer noun alone
    (الرئيس ممتن)."""
    if names_a_place(words) or one_word_noun(words):
        return False
    if words[0] in common_nouns() and len(words) >= 2:
        bare = words[0] not in g.name_parts  # a name part's surname may be a noun: عادل الصالح
        nouns = common_nouns()
        return all(
            w not in nouns and not (bare and w.startswith("ال") and w[2:] in nouns) and name_shaped(w, g)
            for w in words[1:]
        )
    return name_shaped(words[0], g)


def no_surname(w: str, g: Gazetteer, written_form: str = "", foreign: bool = False) -> bool:
    """Words that cannot follow a given name as its surname: a preposition glued to a word with
    a pronoun suffix or to a common word (لنعته، بقوله، بأحد، لموقع، ليكون), a verb (a perfect in -ت
    of four letters or of the fourth form, عباس جاءت، قيس أسفرت; a fourth-form perfect written with
    its hamza, حسين أصدر, or an imperfect, رمضان يرفع, after an Arabic given name), or an
    accusative noun (رئيسا).
    A glued word whose rest begins with alef is glued only when the text writes its hamza (بأحد،
    not باول: Powell) or the rest is a verbal noun whose alef never takes one (باغتيال، باستهداف)."""
    if w in g.name_parts or (w,) in g.given_names:
        return False
    rest = w[1:]
    glued = len(w) >= 4 and w[0] in "لب" and not w.startswith("بو")
    hamza = rest[:1] != "ا" or written_form[1:2] in "أإآ" or masdar_shaped(rest)  # باغتيال: its alef takes no hamza
    nouns = rest in common_words() or rest in common_nouns() or rest in g.title_words
    glued = glued and (w.endswith(("ه", "ها", "هم")) or hamza and nouns) or bu_glued(w)  # لنعته، بأحد، لخادم (الحرمين)
    verb = w.endswith("ت") and (len(w) == 4 or len(w) == 5 and w[0] == "ا" and not w.startswith("ال"))
    fourth_form = len(w) == 4 and written_form[:1] == "أ"  # حسين أصدر
    imperfect = len(w) >= 4 and w[0] == "ي" and not w.endswith(("ي", "نغ", "نج"))  # رمضان يرفع (not يماني)
    verb = verb or not foreign and (fourth_form or imperfect)  # a foreign name may: أرنو، يانوكوفيتش
    kind = frequent_words().get(w)
    common = (
        kind == "verb"
        or kind == "frequent"
        and (foreign or w[0] == "و")
        and not w.endswith("ي")  # توماس لقب، سامي وما
        or masdar_shaped(w)
        and w in common_nouns()  # شكري تأكيد
    )
    feminine_noun = dediac(written_form).endswith("ة") and w in common_nouns()  # عباس حكومة الاحتلال
    suffixed = noun_with_suffix(w, written_form) or my_noun(w)  # شكري نظيره، نادية ابنتي
    return glued or verb or accusative_noun(w, foreign) or common or feminine_noun or suffixed


def noun_with_suffix(w: str, written_form: str) -> bool:
    """A common word with its article (``شكري الاتفاق``، ``عباس التأكيد``: a verbal noun of the
    derived forms or a frequent event word) or with a pronoun suffix written ه, not ة (``شكري
    نظيره``; ``أيمن عودة`` is a name): the object after a verb, no surname."""
    if w.startswith("ال"):
        bare = w[2:]  # a frequent event word: شكري اللقاء (not العدوان, a family name)
        return masdar_shaped(bare) or not_a_name(bare) and frequent_words().get(bare) == "frequent"
    if len(w) < 4 or not dediac(written_form).endswith("ه"):
        return False
    stems = (w[:-1], w[:-2] + "ه" if w[-2] == "ت" else "")  # نظير+ه، سعادة+ه (سعادته)
    return w in frequent_words() or any(stem in _nouns_and_titles() for stem in stems)


@cache
def _nouns_and_titles() -> frozenset[str]:
    """Common nouns, frequent words and title words: what takes a pronoun suffix."""
    return common_nouns() | frequent_words().keys() | gazetteer().title_words


def accusative_noun(w: str, foreign: bool = False) -> bool:
    """A title or, after an Arabic given name, a common noun in the accusative, its tanween
    unwritten (``شي رئيسا مدى الحياة``، ``عباس غضبا``): no name word. After a foreign given name
    the noun may be a surname (تياغو موتا، موديبو ديارا)."""
    if len(w) < 4 or not w.endswith("ا"):
        return False
    return w[:-1] in gazetteer().title_words or not foreign and w[:-1] in common_nouns()


def person_key(name: str, g: Gazetteer) -> str:
    """The entity id of a person found in the text (not in the lexicon): from the romanized name."""
    return "person_" + slug(romanize(name, g))


def org_key(name: str, g: Gazetteer) -> str:
    """The entity id of an organization found in the text (not in the lexicon): from the romanized name."""
    return "org_" + slug(romanize(name, g))


def _not_continuation(
    w: str, written_form: str, so_far: int, foreign: bool = False, after_foreign: bool = False
) -> bool:
    """Words that cannot continue a name already begun: a preposition glued to a common or
    verbal noun (بلقاء، بتهمة، بارتكاب; after a foreign given name, a name may start with لا: كريستين
    لاغارد), an accusative with tanween (قادماً), a feminine
    descriptor with the article (المصنفة), or a third word with the article that is no nisba
    family name (البالغ after two name words; الحمادي is one)."""
    if w[0] in "بكل" and len(w) > 3:
        rest = w[1:]
        if (
            rest in common_words()
            or rest in common_nouns()
            or (rest,) in gazetteer().forms  # فيصل بمكة: a preposition and a place
            or not_a_name(rest)
            or masdar_shaped(rest)
            or rest.endswith("ه")
            or rest[0] == "ا"
            and not (after_foreign and w[0] == "ل" and not rest.startswith("ال"))
        ):
            return True
    if written_form.endswith("اً") or written_form.endswith("ًا") or accusative_noun(w, foreign):
        return True
    if noun_with_suffix(w, written_form) and not w.startswith("ال"):
        return True  # بلقاسم سعادته
    if w.startswith("ال"):
        return w.endswith("ه") or (so_far >= 2 and not w.endswith("ي"))
    return False


Step = Literal["join", "last", "stop"]  # the word joins the name, ends it as its last word, or is no part of it


def _known_inside(s: Sentence, k: int, out: list[int], taken_at: Mapping[int, Mention], al_first: bool) -> Step | None:
    """A particle of a European name (``رود فان نيستلروي``) or a known word inside a name
    (``أبو غزة``، ``بن الخليل``، ``آل مكتوم``، ``سعيد محمد الكندي``)."""
    w, nw = s.folded[k], name_words()
    if out and w in nw["particle"] and k + 1 < len(s.tokens) and NAMEISH.match(s.folded[k + 1]):
        return "join"
    inner = taken_at.get(s.tokens[k].start)
    if (
        inner is not None
        and (out or al_first)
        and inner.end == s.tokens[k].end
        and NAMEISH.match(w)
        and (out and s.folded[out[-1]] in nw["connector"] or inner.kind == "nisba" and w.startswith("ال"))
    ):
        return "last" if w.startswith("ال") else "join"
    return None


def _no_name_word(s: Sentence, k: int, taken_at: Mapping[int, Mention]) -> bool:
    """A stop word, a title word, a common word, a known mention, or no word of letters."""
    g, w = gazetteer(), s.folded[k]
    written_form = dediac(s.tokens[k].text)
    bare, bare_w = strip_clitic(written_form, Clitic.CONJ_SHORT), strip_clitic(w)
    stop = name_stop()
    return (
        written_form in stop
        or bare in stop
        or w in folded_stop()
        or not NAMEISH.match(w)
        or s.tokens[k].start in taken_at
        or w in g.title_words
        or bare_w in g.title_words
        or _bare_title(bare_w, g)
        or w in common_words()
        or bare_w in common_words()
        or not_a_name(w)
        or demonstrative(w)
    )


def _bare_title(w: str, g: Gazetteer) -> bool:
    """A title word without its article that is no name part (محامي, from المحامي: بيار دوناك
    محامي رودريغ; not سلطان، أمين، رائد, which are names too, nor an honorific: سيد ليلاز)."""
    title = g.titles.get(("ال" + w,))
    honorific = title is not None and title.kind == "honorific"
    return "ال" + w in g.title_words and not honorific and w not in g.name_parts and (w,) not in g.given_names


def demonstrative(w: str) -> bool:
    """A demonstrative or pronoun-adverb, with or without a glued preposition (كذلك، بذلك، بهذا)."""
    return any(rest in name_words()["demonstrative"] for _pre, rest in proclitic_readings(w))


ALLAH = "الله"


def _formula_word(s: Sentence, k: int, g: Gazetteer) -> bool:
    """A word before or at ``الله`` that makes no compound name with it: صلى الله عليه وسلم، بتوفيق
    الله are formulas, عبد الله، سيف الله names (given_names.tsv lists the compounds)."""
    w = s.folded[k]
    if w == ALLAH:
        return k == 0 or (s.folded[k - 1], w) not in g.given_names and f"{s.folded[k - 1]} {w}" not in g.name_parts
    nxt = s.folded[k + 1] if k + 1 < len(s.tokens) else ""
    return nxt == ALLAH and (w, nxt) not in g.given_names and f"{w} {nxt}" not in g.name_parts


def _no_surname_start(s: Sentence, k: int, g: Gazetteer) -> bool:
    """A word that cannot follow a given name as its surname: a conjunction glued to a known
    name (كيم وترامب: two people) or to a common word (سارة وأزمة الحوار: a title's two nouns), a
    feminine adjective with the article (جامعة نايف العربية)."""
    w = s.folded[k]
    rest = w[1:]
    if w.startswith("و") and ((rest,) in g.given_names or rest in g.name_parts or (rest,) in g.forms):
        return True
    if w.startswith("و") and (rest in common_nouns() or rest in common_words() or rest in frequent_words()):
        return True
    return w.startswith("ال") and w.endswith("يه")


def _ends_run(s: Sentence, k: int, out: list[int], al_first: bool, foreign: bool) -> bool:
    """A word that cannot start a name here or continue the one begun."""
    g, w = gazetteer(), s.folded[k]
    known = (w,) in g.given_names or w in g.name_parts
    if w.startswith("ال") and not out and not al_first:
        return True
    if not out and s.tokens[k].text.endswith(("اً", "ًا")):
        return True  # an adverb with tanween (خلفاً، اعتباراً) begins no name
    if w.startswith(("لل", "وال")) or w.startswith(("بال", "كال", "فال")) and not foreign:
        return True  # a preposition or conjunction glued to the article: بالقول is no name (but خورخي فالدانو)
    if (
        out
        and not known
        and (
            len(w) >= 4
            and w.endswith(PRONOUN_ENDINGS)
            or len(w) <= 5
            and w.endswith("ين")  # هدفين
            or w[0] in "يت"
            and len(w) >= 4
            and not w.endswith(("نغ", "نج"))  # يونغ is Korean, no verb
        )
    ):
        return True  # a pronoun suffix (لإقناعهم) or an imperfect verb (يسمع، تشعر) ends the name
    compound = bool(out) and (
        (s.folded[k - 1], w) in g.given_names
        or f"{s.folded[k - 1]} {w}" in g.name_parts
        or w in name_words()["compound_tail"]
    )  # عبد الله، نور الدين
    if _formula_word(s, k, g) or not known and (w in name_words()["adjective"] or _no_surname_start(s, k, g)):
        return True  # محمد صلى الله عليه وسلم، خالد الدولي، كيم وترامب: the name ended before
    after_foreign = len(out) == 1 and _foreign_given(s, out[0])
    written = dediac(s.tokens[k].text)
    if out and not compound and not known and _not_continuation(w, written, len(out), foreign, after_foreign):
        return True  # بلقاء، بتهمة، مؤتمراً، المصنفة: the name ended before
    if out and w.startswith("و") and not known:
        return True  # a conjunction joins a second person or thing: رايس وخافيير سولانا، أحمد مظهر وشادية
    return not out and w.startswith(("و", "ف")) and (w[1:],) in g.given_names


def _step(s: Sentence, k: int, out: list[int], taken_at: Mapping[int, Mention], al_first: bool, foreign: bool) -> Step:
    """What token k does to the name run so far."""
    inside = _known_inside(s, k, out, taken_at, al_first)
    if inside is not None:
        return inside
    if _no_name_word(s, k, taken_at) or _ends_run(s, k, out, al_first, foreign):
        return "stop"
    w = s.folded[k]
    compound = bool(out) and (s.folded[k - 1], w) in gazetteer().given_names  # عبد الباسط بن سالم goes on
    return "last" if w.startswith("ال") and not compound else "join"


def _foreign_given(s: Sentence, k: int) -> bool:
    """Is the word at ``k`` a given name of a language other than Arabic (``كريستين``)?"""
    return gazetteer().given_origin.get((fold_names(s.tokens[k].text),)) in FOREIGN_GIVEN


def name_run(
    s: Sentence, k: int, taken_at: Mapping[int, Mention], limit: int = 4, al_first: bool = False, foreign: bool = False
) -> list[int]:
    """Token indices of a name starting at k: name-like words, no stop words, no title words,
    no known mention; a word with the article ends the name (``فايز السراج``) and cannot
    start it (unless ``al_first``). ``limit`` counts the words besides ``بن``، ``آل``…;
    ``foreign``: the given name before is not Arabic (``خورخي فالدانو``)."""
    connectors = name_words()["connector"]
    out: list[int] = []
    while k < len(s.tokens) and sum(1 for x in out if s.folded[x] not in connectors) < limit:
        step = _step(s, k, out, taken_at, al_first, foreign)
        if step == "stop":
            break
        out.append(k)
        if step == "last":
            break
        k += 1
    while out and s.folded[out[-1]] in connectors:  # a nasab chain cannot end on بن or آل
        out.pop()
    return out
