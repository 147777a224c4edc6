"""Actor and place mentions: gazetteer names (with clitics split by the lexicon), nisba
adjectives, glued tokens, and people found by title + name patterns."""
from __future__ import annotations

import re

from camel_tools.utils.dediac import dediac_ar

from kg.arabic.normalize import fold, fold_names
from kg.arabic.clitics import folded_prefix_to_original, proclitic_readings
from kg.lexicon.actors import Gazetteer, entry_entity, gazetteer, slug
from kg.lexicon.romanize import romanize
from kg.model import Document, Entity, Fact, Mention, Span
from kg.extract.tokens import Sentence, sentences

# Words that end a person's name after a title (prepositions, verbs of saying, conjunctions).
NAME_STOP = set("""في من إلى الى على عن مع أن ان إن لا لم لن قد كان كانت التي الذي الذين خلال بعد قبل
منذ حول أمس اليوم غدا قال وقال أكد وأكد أوضح وأوضح أضاف وأضاف هو هي هذا هذه ذلك تلك ثم أو أي كل
عند لدى بين حيث كما إلا الا حتى ضد نحو عبر دون بشأن لكن بل وفي ومن وعلى ولا وأن وإن""".split())
# Frequent news words that follow a name slot but are not names (ordinals, time words,
# quantities, pronoun-suffixed particles).
COMMON_WORDS = {fold(w) for w in """أنه انه إنه بأنه فيها لها له فيه منها منه عنه عليه عليها إليه
عدد أكثر اكثر أقل سنة شهر يوم أخرى آخر اخر حوالي نحو بينما عندما يمكن قد مليار مليون ألف وسط بما
لأن لان مساء صباح جديد جديدة واحد دائما أفضل جدا كل بعض غير مجلس قوات قرار دور مؤتمر اجتماع نشر
يكون سيكون تكون كان كانت باسم اسم جانب صفر ولد منتخب نادي فريق فريقه جائزة مشروع لجنة مباشرة عسكرية
قوية حدود دين حال ملك لماذا هؤلاء مهمة وليس لمواجهة مواجهة أثناء سجل سكان بلاد مجلة وبالتالي ولكنه
وغيرها بعنوان كتب تقدم قالت وقالت يقول ويقول أكد وأكد واكد وأشار أشار
الأول الثاني الثالث الرابع الخامس السادس عشر أمس اليوم غدا
الوزراء المجلس التعاون البرنامج الأزمة المجتمع الحكومة الدولة العام الجديد السابق
الحالي الأسبق الراحل نفسه أيضا وهي وهو يناهز ناهز عاما عام""".split()}
# Folding merges على (on) with علي (Ali): stop words are checked on the written form first.
FOLDED_STOP = {fold(w) for w in NAME_STOP if "ى" not in w and not w.startswith(("أ", "إ"))}
# Arabic-script name tokens: letters only, 2..15 long
_NAMEISH = re.compile(r"^[\u0621-\u064A]{2,15}$")


def _match_gazetteer(g: Gazetteer, s: Sentence, i: int) -> tuple[int, int, str, str] | None:
    """Longest gazetteer match starting at token i: (length, prefix chars, key, kind)."""
    best = None
    n = len(s.folded)
    for pre, rest in proclitic_readings(s.folded[i]):
        if rest not in g.first_tokens:
            continue
        for length in range(min(g.max_len, n - i), 0, -1):
            hit = g.lookup((rest,) + s.folded[i + 1:i + length])
            if hit:
                if best is None or length > best[0]:
                    best = (length, len(pre), hit[0], hit[1])
                break
    return best


def _glued(g: Gazetteer, word: str) -> list[tuple[int, int, str, str]]:
    """Two names written as one token (``الجزائربطرابلس``): folded (start, end, key, kind)."""
    if len(word) < 7:
        return []
    for k in range(3, len(word) - 2):
        left = g.lookup((word[:k],))
        if not left:
            continue
        for pre, rest in proclitic_readings(word[k:]):
            right = g.lookup((rest,))
            if right:
                return [(0, k, *left), (k + len(pre), len(word), *right)]
    return []


def _span(tok: Span, folded_start: int, folded_end: int) -> tuple[int, int]:
    a = folded_prefix_to_original(tok.text, folded_start)
    b = folded_prefix_to_original(tok.text, folded_end)
    return tok.start + a, tok.start + b


def gazetteer_mentions(doc: Document, g: Gazetteer) -> list[Mention]:
    out: list[Mention] = []
    for s in sentences(doc):
        i = 0
        while i < len(s.tokens):
            hit = _match_gazetteer(g, s, i)
            if hit:
                length, pre, key, kind = hit
                tok = s.tokens[i]
                start = tok.start + folded_prefix_to_original(tok.text, pre)
                end = s.tokens[i + length - 1].end
                out.append(Mention(start, end, doc.text[start:end], key, kind))
                i += length
                continue
            for fs, fe, key, kind in _glued(g, s.folded[i]):
                a, b = _span(s.tokens[i], fs, fe)
                out.append(Mention(a, b, doc.text[a:b], key, kind))
            i += 1
    return out


def _title_at(g: Gazetteer, s: Sentence, i: int) -> tuple[int, tuple[str, ...]] | None:
    """Longest title starting at token i: (length, title key)."""
    best = None
    for _pre, rest in proclitic_readings(s.folded[i]):
        if rest not in g.title_words:
            continue
        for length in range(min(6, len(s.folded) - i), 0, -1):
            key = (rest,) + s.folded[i + 1:i + length]
            if key in g.titles:
                if best is None or length > best[0]:
                    best = (length, key)
                break
    return best


def title_person_mentions(doc: Document, g: Gazetteer, taken: list[Mention]) -> tuple[list[Mention], dict[str, dict]]:
    """People after a title: ``وزير الخارجية الجزائري عبد القادر مساهل``.

    After the title come its complements (definite words: ``الشؤون المغاربية``, names of
    bodies, a nisba); the name is the run of undefined name-like tokens that follows, with a
    last ``ال`` word allowed as family name (``فايز السراج``). Returns the new mentions and, per
    new person, what the title said (role, country, org) for role facts.
    """
    covered = {(m.start, m.end) for m in taken}
    taken_at = {m.start: m for m in taken}
    out: list[Mention] = []
    info: dict[str, dict] = {}
    for s in sentences(doc):
        i = 0
        n = len(s.tokens)
        while i < n:
            t = _title_at(g, s, i)
            if not t:
                i += 1
                continue
            length, title_key = t
            role = g.titles[title_key]
            j = i + length
            country = org = None
            # complements: definite words, coordinated definite words, known bodies, nisba
            while j < n:
                w = s.folded[j]
                m = _mention_starting(taken_at, s.tokens[j])
                if m is not None:
                    ent = g.entries.get(m.entity_id)
                    if ent and ent.type == "Person":
                        break
                    if ent and ent.type == "Country":
                        country = ent.key
                    elif ent and ent.type == "Organization":
                        org = ent.key
                    while j < n and s.tokens[j].end <= m.end:
                        j += 1
                    continue
                if (w.startswith("ال") or w.startswith("وال")) and w not in NAME_STOP and len(w) > 3:
                    j += 1
                    continue
                break
            # the name
            k = j
            if k < n and s.tokens[k].text in "،,":
                k += 1  # apposition: title، name
            name_toks = _name_run(s, k, taken_at)
            k = name_toks[-1] + 1 if name_toks else k
            if name_toks and _plausible_name([s.folded[x] for x in name_toks], g):
                a, b = s.tokens[name_toks[0]].start, s.tokens[name_toks[-1]].end
                if (a, b) not in covered:
                    name = doc.text[a:b]
                    key = _person_key(name, g)
                    out.append(Mention(a, b, name, key, "title"))
                    covered.add((a, b))
                    d = info.setdefault(key, {"label_ar": name, "label_en": romanize(name, g)})
                    d.setdefault("role_en", role.role_en)
                    d.setdefault("title_span", (s.tokens[i].start, s.tokens[j - 1].end if j > i else s.tokens[i].end))
                    if country:
                        d.setdefault("country", country)
                    if org:
                        d.setdefault("org", org)
                i = k
                continue
            i = j if j > i else i + 1
    return out, info


def _name_run(s: Sentence, k: int, taken_at: dict[int, Mention], limit: int = 4,
              al_first: bool = False) -> list[int]:
    """Token indices of a name starting at k: name-like words, no stop words, no title words,
    no known mention; a word with the article ends the name (``فايز السراج``) and cannot
    start it."""
    g = gazetteer()
    out: list[int] = []
    n = len(s.tokens)
    while k < n and len(out) < limit:
        w = s.folded[k]
        written = dediac_ar(s.tokens[k].text)
        bare = written[1:] if len(written) > 2 and written[0] in "وف" else written
        if (written in NAME_STOP or bare in NAME_STOP or w in FOLDED_STOP or not _NAMEISH.match(w)
                or s.tokens[k].start in taken_at or w in g.title_words or w in COMMON_WORDS
                or _not_a_name(w)):
            break
        if w.startswith("ال") and not out and not al_first:
            break
        if w.startswith(("بال", "لل", "كال", "فال", "وال")):
            break  # a preposition or conjunction glued to the article: بالقول is no name
        if out or w.startswith(("و", "ف")):  # a second person begins: رايس وخافيير سولانا
            bare_f = w[1:] if w.startswith(("و", "ف")) and len(w) > 3 else w
            if (bare_f,) in g.given_names and (out or bare_f != w):
                break
        out.append(k)
        if w.startswith("ال"):
            break
        k += 1
    return out


class Coverage:
    """Which characters of the text already belong to a mention (constant-time lookups)."""

    def __init__(self, size: int, mentions: list[Mention]) -> None:
        self.bits = bytearray(size + 1)
        for m in mentions:
            self.add(m.start, m.end)

    def add(self, a: int, b: int) -> None:
        self.bits[a:b] = b"\x01" * (b - a)

    def __contains__(self, offset: int) -> bool:
        return bool(self.bits[offset])


def _not_a_name(w: str) -> bool:
    """Event words, function words and verbs of saying are not names (``وقالت``، ``يكون``)."""
    from kg.lexicon.markers import markers
    from kg.lexicon.predicates import predicate_lexicon

    bare = w[1:] if len(w) > 3 and w[0] in "وف" else w
    if bare in predicate_lexicon().forms or w in predicate_lexicon().forms:
        return True
    mk = markers()
    if any(bare in mk[k] or w in mk[k] for k in ("speech", "negation", "future", "light", "complementizer")):
        return True
    # an imperfect verb: يكون، سيكون، تقول
    return len(bare) >= 4 and bare[0] in "يت" and bare[-1] in "نلرد" and bare[1:] in COMMON_VERB_STEMS


COMMON_VERB_STEMS = {fold(w) for w in "كون قول ؤكد شير ضيف مكن جب تم عتبر رى بدو".split()}


def given_name_mentions(doc: Document, g: Gazetteer, taken: list[Mention]) -> list[Mention]:
    """People introduced by a known given name and a surname: ``كوفي أنان``، ``ومحمد سيالة``."""
    taken_at = {m.start: m for m in taken}
    covered = Coverage(len(doc.text), taken)
    out: list[Mention] = []
    for s in sentences(doc):
        i, n = 0, len(s.tokens)
        while i < n:
            tok = s.tokens[i]
            if tok.start in covered or dediac_ar(tok.text) in NAME_STOP:
                i += 1
                continue
            hit = None
            strict = tuple(fold_names(t.text) for t in s.tokens[i:i + 2])
            for pre, rest in proclitic_readings(strict[0])[:2]:  # only و/ف before a name
                for length in (2, 1):
                    if (rest,) + strict[1:length] in g.given_names:
                        hit = (len(pre), length)
                        break
                if hit:
                    break
            if not hit:
                i += 1
                continue
            pre, length = hit
            rest = _name_run(s, i + length, taken_at, limit=3, al_first=True)
            if not rest:
                i += length
                continue
            a = tok.start + folded_prefix_to_original(tok.text, pre)
            b = s.tokens[rest[-1]].end
            name = doc.text[a:b]
            out.append(Mention(a, b, name, _person_key(name, g), "given-name"))
            covered.add(a, b)
            i = rest[-1] + 1
    return out


SURNAME_REACH = 3000  # characters after the full name where the surname alone still refers to it
HEADLINE_REACH = 400  # and before it (a headline names the person before the first paragraph)


def speaker_mentions(doc: Document, g: Gazetteer, taken: list[Mention]) -> list[Mention]:
    """The unknown name between a verb of saying and what was said: ``وقال ياهر إن …``."""
    from kg.lexicon.markers import markers

    mk = markers()
    speech, comp = mk["speech"], mk["complementizer"] | {fold(w) for w in ("أنه", "إنه", "انه", "بأن")}
    taken_at = {m.start: m for m in taken}
    covered = Coverage(len(doc.text), taken)
    out: list[Mention] = []
    for s in sentences(doc):
        for i, w in enumerate(s.folded):
            bare = w[1:] if len(w) > 3 and w[0] in "وف" else w
            if bare not in speech and w not in speech:
                continue
            run = _name_run(s, i + 1, taken_at, limit=3)
            if not run or any(s.tokens[k].start in covered for k in run):
                continue
            after = run[-1] + 1
            if after < len(s.folded) and (s.folded[after] in comp or s.tokens[after].text in ":«\""):
                a, b = s.tokens[run[0]].start, s.tokens[run[-1]].end
                name = doc.text[a:b]
                out.append(Mention(a, b, name, _person_key(name, g), "speaker"))
                covered.add(a, b)
    return out


def short_name_mentions(doc: Document, people: list[Mention], taken: list[Mention]) -> list[Mention]:
    """A person's surname alone after the full name (``أنان`` after ``كوفي أنان``); for people
    the lexicon knows, even a surname that is also a given name (``عباس``)."""
    surnames: dict[str, Mention] = {}
    known = gazetteer().entries
    for m in people:
        if m.entity_id in known:
            words = fold_names(m.text).split()
            if len(words) >= 2 and len(words[-1]) >= 3 and not words[-1].startswith("ال"):
                surnames.setdefault(words[-1], m)
            continue
        words = fold_names(m.text).split()
        last = words[-1] if words else ""
        if (len(words) >= 2 and len(last) >= 3 and fold(last) not in FOLDED_STOP and not last.startswith("ال")
                and fold(last) not in COMMON_WORDS and (last,) not in gazetteer().given_names):
            surnames.setdefault(last, m)
    if not surnames:
        return []
    covered = Coverage(len(doc.text), taken)
    out = []
    for s in sentences(doc):
        for i, tok in enumerate(s.tokens):
            if tok.start in covered:
                continue
            for pre, rest in proclitic_readings(fold_names(tok.text))[:2]:
                m = surnames.get(rest)
                if m is not None and (m.start - HEADLINE_REACH <= tok.start <= m.end + SURNAME_REACH):
                    a = tok.start + folded_prefix_to_original(tok.text, len(pre))
                    out.append(Mention(a, tok.end, doc.text[a:tok.end], m.entity_id, "short-name"))
                    break
    return out


def _person_key(name: str, g: Gazetteer) -> str:
    """The entity id of a person found in the text (not in the lexicon): from the romanized name."""
    return "person_" + slug(romanize(name, g))


def _mention_starting(taken_at: dict[int, Mention], tok: Span) -> Mention | None:
    for off in range(tok.start, min(tok.end, tok.start + 3)):
        if off in taken_at:
            return taken_at[off]
    return None


def _plausible_name(words: list[str], g: Gazetteer) -> bool:
    """A name starts with a known name part (``محمد``، ``عبد``) and holds no title word."""
    if any((w,) in g.titles for w in words):
        return False
    return words[0] in g.name_parts or " ".join(words[:2]) in g.name_parts


STATE_GROUPS = {"group_government", "group_authorities"}  # الحكومة الجزائرية is Algeria itself
QUANTIFIER = "group_crowds"


def compose_groups(text: str, mentions: list[Mention], g: Gazetteer) -> tuple[list[Mention], dict[str, Entity]]:
    """Generic groups take the nationality that follows them (``الشرطة الإسرائيلية`` → police
    (Israel); ``الحكومة الجزائرية`` → Algeria), and quantities take what they count
    (``عشرات المتظاهرين`` → protesters)."""
    ms = sorted(mentions, key=lambda m: (m.start, -m.end))
    out: list[Mention] = []
    extra: dict[str, Entity] = {}
    i = 0
    while i < len(ms):
        m = ms[i]
        nxt = ms[i + 1] if i + 1 < len(ms) else None
        adjacent = nxt is not None and 0 < nxt.start - m.end <= 2 and text[m.end:nxt.start].isspace()
        if m.entity_id == QUANTIFIER and adjacent and (nxt.entity_id.startswith("group_") or nxt.kind == "nisba"):
            ms[i + 1] = Mention(m.start, nxt.end, text[m.start:nxt.end], nxt.entity_id, nxt.kind)
            i += 1
            continue
        if m.entity_id.startswith("group_") and adjacent and nxt.kind == "nisba":
            country = g.entries[nxt.entity_id]
            span = text[m.start:nxt.end]
            if m.entity_id in STATE_GROUPS:
                out.append(Mention(m.start, nxt.end, span, country.key, "name"))
            else:
                group = g.entries[m.entity_id]
                key = f"{m.entity_id}_{country.key}"
                extra.setdefault(key, Entity(key, "Organization", span, f"{group.label_en} ({country.label_en})",
                                             None, country=country.key, role_en="group"))
                out.append(Mention(m.start, nxt.end, span, key, "name"))
            i += 2
            continue
        out.append(m)
        i += 1
    return out, extra


def find_mentions(doc: Document) -> Document:
    """Stage: gazetteer and title-pattern mentions, the entities they refer to, and the role
    facts their titles state (holdsPosition, citizenOf, memberOf)."""
    g = gazetteer()
    mentions, composed = compose_groups(doc.text, gazetteer_mentions(doc, g), g)
    people, info = title_person_mentions(doc, g, mentions)
    given = given_name_mentions(doc, g, mentions + people)
    for m in given:
        info.setdefault(m.entity_id, {"label_ar": m.text, "label_en": romanize(m.text, g)})
    speakers = speaker_mentions(doc, g, mentions + people + given)
    for m in speakers:
        info.setdefault(m.entity_id, {"label_ar": m.text, "label_en": romanize(m.text, g)})
    given = given + speakers
    found = mentions + people + given
    lexicon_people = [m for m in mentions if m.entity_id in g.entries and g.entries[m.entity_id].type == "Person"]
    short = short_name_mentions(doc, people + given + lexicon_people, found)
    mentions = sorted(found + short, key=lambda m: (m.start, -m.end))
    entities: dict[str, Entity] = {}
    for m in mentions:
        if m.entity_id in entities:
            continue
        if m.entity_id in composed:
            entities[m.entity_id] = composed[m.entity_id]
            entities.setdefault(composed[m.entity_id].country, entry_entity(g.entries[composed[m.entity_id].country]))
        elif m.entity_id in g.entries:
            entities[m.entity_id] = entry_entity(g.entries[m.entity_id])
        else:
            d = info[m.entity_id]
            entities[m.entity_id] = Entity(m.entity_id, "Person", d["label_ar"], d["label_en"], None,
                                           country=d.get("country"), role_en=d.get("role_en"))
    facts = []
    for key, d in info.items():
        if "title_span" not in d:
            continue
        a, b = d["title_span"]
        facts.append(Fact(key, "holdsPosition", d["role_en"], a, b))
        if d.get("country"):
            facts.append(Fact(key, "citizenOf", d["country"], a, b))
            entities.setdefault(d["country"], entry_entity(g.entries[d["country"]]))
        if d.get("org"):
            facts.append(Fact(key, "memberOf", d["org"], a, b))
            entities.setdefault(d["org"], entry_entity(g.entries[d["org"]]))
    return doc.with_(mentions=tuple(mentions), entities=tuple(entities.values()),
                     facts=doc.facts + tuple(facts))
