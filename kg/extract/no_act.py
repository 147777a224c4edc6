"""Trigger words that name no act where they stand: a figure of speech (``فجر الأزمة``), an
interception (``اعترض صاروخا``), a search (``يبحث عن``), a rate written like blame (``ما نسبته``),
a topic (``سبل التعاون``), a line that links to another story, a sports report; and a verb of
giving with no sum or aid after it (``منح مهلة``)."""

from __future__ import annotations

from kg.arabic.clitics import Clitic, CliticRule
from kg.extract.clause import MUTUAL, STOP_PUNCT, WHAT, WITH_REACH, Trigger, definite_nisba, preposition_of
from kg.extract.tokens import Sentence
from kg.extract.triggers import VERB_POS
from kg.lexicon.markers import has_marker, marker_of, marker_phrases, markers

FIGURATIVE_WINDOW = 10  # words after a violence verb where its abstract object may stand
GAME_WORDS = 2  # different words of play that make a sentence a sports report
DISCUSS = "discuss"  # بحث (predicates.tsv): to discuss, or to consider doing


def searched_for(s: Sentence, t: Trigger) -> bool:
    """``إسرائيل تبحث عن سبب``، ``يبحث عن مهاجم``: a verb of meeting followed by عن searches or
    speaks about something; it meets no one. ``موسكو تبحث تزويد سوريا بأنظمة``: بحث in the
    present before an indefinite verbal noun (تفعيل، إفعال، افتعال، استفعال) and with no one to
    discuss it with (مع) considers doing it."""
    k = t.index + t.length
    if t.form.predicate.type != "CONSULT" or t.pos not in VERB_POS or k >= len(s.folded):
        return False
    if has_marker(s.folded[k], "about", Clitic.NONE):
        return True
    considering = t.form.predicate.id == DISCUSS and t.pos == "imperfect" and _action_noun(s.folded[k])
    return considering and MUTUAL not in s.folded[k + 1 : k + 1 + WITH_REACH]


def _action_noun(word: str) -> bool:
    """An indefinite verbal noun of the derived patterns (تزويد، إرسال، اعتماد، استخدام)."""
    if word.startswith("ال") or len(word) < 5:
        return False
    return (word[0] == "ت" and word[-2] == "ي" and len(word) == 5) or (word[0] == "ا" and word[-2] == "ا")


def figurative(s: Sentence, t: Trigger) -> bool:
    """Violence words used of abstractions (``فجر الأزمة``، ``ضرب الاستقرار``، ``انفجار الوضع``)
    report no violence: the word right after the trigger is an abstract noun, or after a verb's
    subject (``فجرت إثيوبيا الخلاف``)."""
    k = t.index + t.length
    if t.form.predicate.type != "ASSAULT" or k >= len(s.folded):
        return False
    if has_marker(s.folded[k], "abstract", Clitic.WA_BA) or _characterized(s, t):
        return True
    return t.pos in VERB_POS and (_abstract_after_subject(s, k) or _abstract_object(s, k))


def _characterized(s: Sentence, t: Trigger) -> bool:
    """An indefinite noun of violence after a verb of being or counting as says what something
    is (``خطوة تشكل ضربة لبكين``، ``يعد اعتداء على السيادة``، ``بمثابة إعلان حرب``); it tells no attack."""
    word = s.folded[t.index]
    if t.pos in VERB_POS or t.index == 0 or word.startswith(("ال", "وال", "بال")):
        return False
    return has_marker(s.folded[t.index - 1], "copula")


def _abstract_after_subject(s: Sentence, k: int) -> bool:
    """``فجرت إثيوبيا الخلاف``، ``فجرت الحكومة الإثيوبية الخلاف``: the word after a one-word
    subject (and its nisba adjective) is a definite abstract noun."""
    j = k + 1
    if j < len(s.folded) and definite_nisba(s.folded[j]):
        j += 1
    if j >= len(s.folded) or any(s.tokens[i].text in STOP_PUNCT for i in range(k, j + 1)):
        return False
    return s.folded[j].startswith("ال") and has_marker(s.folded[j], "abstract", Clitic.NONE)


INTERCEPTING = frozenset({"destroy", "shoot_down", "object"})  # predicates whose object may be a missile (اعترض)


def intercepted(s: Sentence, t: Trigger) -> bool:
    """``دمرت قوات الدفاع الجوي صاروخا باليستيا``، ``أسقطت الدفاعات طائرة مسيرة``: destroying or
    shooting down a missile or a drone (markers kind missile, the object after the subject)
    intercepts an attack and makes none on whom the sentence names."""
    if t.form.predicate.id not in INTERCEPTING:  # الإسقاط، التدمير، الاعتراض
        return False
    k = t.index + t.length  # not والصواريخ (Clitic.NONE): a means in a list (دمر المخيم بالطائرات والصواريخ)
    return _object_in_clause(s, k, k + FIGURATIVE_WINDOW, "missile", Clitic.NONE)


def _abstract_object(s: Sentence, k: int) -> bool:
    """``خطف البرازيلي ألميدا مهاجم الهلال، الأنظار``: a verb whose object, after its subject
    and within the sentence, is a noun of the spotlight or the score (``figurative_object``)."""
    return _object_in_clause(s, k + 1, k + FIGURATIVE_WINDOW, "figurative_object", Clitic.WA_BA)


def _object_in_clause(s: Sentence, first: int, stop: int, kind: str, clitic: CliticRule) -> bool:
    """Is a word of markers ``kind`` among tokens ``first`` to ``stop`` (exclusive), before the
    sentence ends or a complementizer opens another clause, with no preposition right before it?"""
    for j in range(first, min(len(s.folded), stop)):
        if s.tokens[j].text in ".؟?!:" or s.folded[j] in markers()["complementizer"]:
            return False
        if has_marker(s.folded[j], kind, clitic) and not preposition_of(s.folded[j - 1]):
            return True
    return False


BLAME = "attribute_blame"  # نسب الهجوم إلى: the predicate of blaming by attribution (predicates.tsv)
QUOTE_REACH = 8  # words after نسب where what a source is quoted as saying may stand


def no_blame(s: Sentence, t: Trigger) -> bool:
    """``ما نسبته 0.76 في المائة``، ``تبلغ نسبتهم 17,5%``: the noun of a rate, written like the verb
    of blaming (a number follows, or ما stands before); ``نسبت وكالة إنترفاكس إلى لافروف قوله``:
    a saying attributed to someone blames no one."""
    if t.form.predicate.id != BLAME:
        return False
    k = t.end + 1
    if k < len(s.tokens) and s.tokens[k].text[:1].isdigit() or t.index > 0 and s.folded[t.index - 1] == WHAT:
        return True
    return any(w in markers()["quoted_saying"] for w in s.folded[k : k + QUOTE_REACH])


LINK_REACH = 8  # words at a line's start where a link to a story may open (after a photo credit)


def link_line(s: Sentence) -> bool:
    """``للمزيد: ماكرون وميركل يدعوان …``، ``رابط الخبر بصحيفة الوئام: <the headline>``: a line
    that links to another story, or repeats the headline under a link, reports no event of its own."""
    head = s.folded[:LINK_REACH]
    pairs = marker_phrases()["link_line"]
    return any(w in markers()["link_line"] for w in head) or any(p in pairs for p in zip(head, head[1:]))


def of_the_game(s: Sentence) -> bool:
    """Two different words of a match in one sentence, one of them of play or players
    (``ركلة الجزاء … الشباك``، ``مدرب المنتخب … المباراة``), make it a sports report: its attacks,
    visits and agreements are of the game. The match and its ground alone (``زيارته … ملعب
    المباراة``) are named by political news too; a sentence that counts dead or wounded reports
    violence all the same."""
    play = set(map(marker_of("game", Clitic.WA_BA_ALL), s.folded)) - {""}
    if not play:
        return False
    venue = set(map(marker_of("game_venue", Clitic.WA_BA_ALL), s.folded)) - {""}
    if len(play | venue) < GAME_WORDS:
        return False
    return not any(map(marker_of("casualty_counted", Clitic.WA_BA), s.folded))


def names_no_act(s: Sentence, t: Trigger) -> bool:
    """The trigger's words name no act here: a figure of speech, an interception, a search, a
    rate written like blame, a topic (``سبل التعاون``), a prayer (``أيده الله``), a courtesy
    (``طلب نقل تحياته``), a verb of calling that means "led to" (``مما دعا``), a team's line (``خط الهجوم``)."""
    if figurative(s, t) or intercepted(s, t) or searched_for(s, t) or no_blame(s, t):
        return True
    return _prospect_of(s, t) or _prayer(s, t) or _courtesy(s, t) or _prompted(s, t) or _line_of(s, t)


def _line_of(s: Sentence, t: Trigger) -> bool:
    """``خط الهجوم الكاميروني``: the attack line of a team (or of an army's formation), no attack."""
    return t.pos == "masdar" and t.index > 0 and has_marker(s.folded[t.index - 1], "lineup", Clitic.CONJ_SHORT)


PROMPT = "call_on"  # predicates.tsv: دعا, which after ما/مما means "prompted"


def _prompted(s: Sentence, t: Trigger) -> bool:
    """``حجبت تركيا المواقع مما دعا جماعة لاتهامها``: دعا after ما or مما says what something led to;
    no one was called on."""
    return t.form.predicate.id == PROMPT and t.index > 0 and s.folded[t.index - 1] in markers()["prompting"]


COURTESY_REACH = 8  # words after a request (its subject between) where the greetings it asks to convey stand


def _courtesy(s: Sentence, t: Trigger) -> bool:
    """``طلب الرئيس نقل تحياته إلى الملك``: a request to convey greetings is a courtesy, no request."""
    if t.form.predicate.type != "REQUEST":
        return False
    return any(has_marker(w, "courtesy") for w in s.folded[t.end + 1 : t.end + 1 + COURTESY_REACH])


GOD = "الله"  # folded


def _prayer(s: Sentence, t: Trigger) -> bool:
    """A verb with God right after it is a formula of prayer (``الملك سلمان – أيده الله –``،
    ``حفظه الله``، ``دعا الله أن``): no act between actors."""
    k = t.end + 1
    return t.pos in VERB_POS and k < len(s.folded) and s.folded[k] == GOD


def _prospect_of(s: Sentence, t: Trigger) -> bool:
    """``بحث الجانبان سبل التعاون``، ``آفاق الشراكة بين البلدين``: a verbal noun after a noun of the
    ways or prospects of it names a topic, not an act."""
    if t.pos != "masdar" or t.index == 0:
        return False
    before = [t.index - 1]
    k = t.index - 1
    if k > 0 and not s.folded[k].startswith(("ال", "و")) and s.tokens[k].text not in STOP_PUNCT:
        before.append(k - 1)  # سبل تعزيز الشراكة: a verbal noun of promoting between
    return any(has_marker(s.folded[j], "prospect", Clitic.WA_BA) for j in before)


SUM_REACH = 6  # words after a verb of giving where the sum or the aid it gives may stand


def sum_follows(s: Sentence, t: Trigger) -> bool:
    """A number or a word of money or aid follows the verb in its clause (``تمنح 100 مليون دولار``،
    ``منحت الحكومة قرضا``)."""
    for k in range(t.end + 1, min(len(s.folded), t.end + 1 + SUM_REACH)):
        if s.tokens[k].text in STOP_PUNCT:
            return False
        if any(c.isdigit() for c in s.folded[k]) or has_marker(s.folded[k], "money", Clitic.WA_BA):
            return True
    return False
