"""Actor and place mentions: gazetteer names (with clitics split by the lexicon), nisba
adjectives, glued tokens, and people found by title + name patterns."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache
from itertools import accumulate

from camel_tools.utils.dediac import dediac_ar

from kg.arabic.clitics import folded_prefix_to_original, proclitic_readings
from kg.arabic.normalize import fold, fold_names
from kg.extract.tokens import Sentence, sentences
from kg.lexicon.actors import SURNAME, Gazetteer, entry_entity, gazetteer, slug
from kg.lexicon.markers import NAME_WORDS, name_words, written
from kg.lexicon.romanize import romanize
from kg.lexicon.tsv import word_set
from kg.model import Document, Entity, Fact, Mention, Span

# Frequent news words that stand where a name is expected but are not names (data file).
COMMON_WORDS = word_set("common_words.tsv")


def name_stop() -> frozenset[str]:
    """Words that end a person's name after a title (prepositions, verbs of saying,
    conjunctions), as written: folding merges على (on) with علي (Ali)."""
    return written(NAME_WORDS)["stop"]


@cache
def folded_stop() -> frozenset[str]:
    """The stop words whose folded form is no name (not على → علي, not أن → ان)."""
    return frozenset(fold(w) for w in name_stop() if "ى" not in w and not w.startswith(("أ", "إ")))


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
            hit = g.lookup((rest,) + s.folded[i + 1 : i + length])
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


QUOTES = {'"': '"', "«": "»", "“": "”"}


def _masdar_shaped(w: str) -> bool:
    """Verbal nouns of the derived forms (إنتاج، استثمار، انسحاب، تحقيق) read as common nouns."""
    return len(w) >= 5 and (w[0] == "ا" and w[-2] == "ا" or w[0] == "ت" and w[-2] == "ي")


def org_head_mentions(doc: Document, g: Gazetteer, taken: list[Mention]) -> list[Mention]:
    """Organizations named after the common noun that introduces them: a quoted name
    (``صحيفة «القادسية»``) or one unknown word of four letters or more (``شركة نوكيا``;
    three-letter words are mostly Arabic nouns: ``فريق عمل``)."""
    heads = word_set("org_heads.tsv")
    strong = {h for h in heads if h in name_words()["strong_org_head"]}
    covered = Coverage(len(doc.text), taken)
    out: list[Mention] = []
    for s in sentences(doc):
        n = len(s.tokens)
        for i, w in enumerate(s.folded[:-1]):
            if not any(rest in heads for _pre, rest in proclitic_readings(w)):
                continue
            k = i + 1
            if k < n and s.folded[k] in heads:  # وكالة أنباء
                k += 1
            if k >= n or s.tokens[k].start in covered:
                continue
            close = QUOTES.get(s.tokens[k].text)
            if close:
                end = next((j for j in range(k + 1, min(n, k + 6)) if s.tokens[j].text == close), None)
                if end is None or end == k + 1 or any(s.tokens[j].start in covered for j in range(k + 1, end)):
                    continue
                a, b = s.tokens[k + 1].start, s.tokens[end - 1].end
            else:
                word = s.folded[k]
                club = word.startswith("ال") and any(
                    rest in name_words()["club_head"] for _pre, rest in proclitic_readings(w)
                )
                if club:  # نادي الزمالك، مراسل الجزيرة: a club's or a channel's name has the article
                    word = word[2:]
                    if (
                        _masdar_shaped(word)
                        or word.endswith(("اء", "ون", "ين", "ات"))
                        or len(word) < 3
                        or word in heads
                        or s.folded[k] in COMMON_WORDS
                        or s.folded[k] in g.title_vocab
                    ):
                        continue
                elif (
                    not any(rest in strong for _pre, rest in proclitic_readings(w))
                    or not _name_shaped(word, g)
                    or _masdar_shaped(word)
                ):
                    continue
                elif (
                    not _NAMEISH.match(word)
                    or len(word) < 4
                    or word.startswith("ال")
                    or word in COMMON_WORDS
                    or word in folded_stop()
                    or word.endswith(("ه", "ي", "يه"))
                    or _not_a_name(word)
                    or word in g.title_words
                    or (word,) in g.given_names
                ):
                    continue
                a, b = s.tokens[k].start, s.tokens[k].end
            name = doc.text[a:b]
            out.append(Mention(a, b, name, "org_" + slug(romanize(name, g)), "org-head"))
            covered.add(a, b)
    return out


def _named_after(g: Gazetteer, s: Sentence, i: int, key: str) -> bool:
    """A person's name after ``جائزة``، ``مطار``، ``شارع`` names a prize or a place, not the person."""
    if g.entries[key].type != "Person":
        return False
    return any(rest in name_words()["named_after"] for _pre, rest in proclitic_readings(s.folded[i - 1]))


def nisba_person_mentions(doc: Document, g: Gazetteer, taken: list[Mention]) -> tuple[list[Mention], dict[str, dict]]:
    """A nationality standing for a noun, then a name: ``وسجل الفرنسي تييري هنري``، ``على
    الهولندي رود فان نيستلروي``. The nisba must not describe a noun before it (``الجيش الفرنسي``),
    so what precedes it is a verb, a preposition, punctuation or nothing."""
    taken_at = {m.start: m for m in taken}
    covered = Coverage(len(doc.text), taken)
    out: list[Mention] = []
    info: dict[str, dict] = {}
    for s in sentences(doc):
        for i, tok in enumerate(s.tokens[:-1]):
            m = taken_at.get(tok.start) or _mention_starting(taken_at, tok)
            w = s.folded[i]
            if (
                m is None
                or m.kind != "nisba"
                or m.end != tok.end
                or not w.lstrip("وفبل").startswith("ال")
                or not w.endswith(("ي", "يه"))
            ):  # singular: الفرنسي، not الليبيين أنفسهم
                continue
            if i > 0:
                prev = s.folded[i - 1]
                if (
                    prev.startswith(("ال", "وال"))
                    or s.tokens[i - 1].start in covered
                    or prev.endswith(("ه", "ها", "هم"))
                    or prev in g.title_vocab
                ):
                    continue
            run = _name_run(s, i + 1, taken_at, limit=3)
            if not run or not _name_shaped(s.folded[run[0]], g) or any(s.tokens[k].start in covered for k in run):
                continue
            a, b = s.tokens[run[0]].start, s.tokens[run[-1]].end
            name = doc.text[a:b]
            key = _person_key(name, g)
            out.append(Mention(a, b, name, key, "nisba-name"))
            covered.add(a, b)
            info.setdefault(key, {"label_ar": name, "label_en": romanize(name, g), "country": m.entity_id})
    return out, info


def _other_bearer(g: Gazetteer, s: Sentence, i: int, key: str) -> bool:
    """A known person's surname after a given name that is not theirs names someone else
    (``كوندوليزا رايس`` is not Susan Rice): the given-name rule takes it."""
    e = g.entries[key]
    if e.type != "Person":
        return False
    prev = fold_names(s.tokens[i - 1].text)
    prev = prev[1:] if prev[:1] in "وف" and (prev[1:],) in g.given_names else prev
    return (prev,) in g.given_names and prev not in fold_names(e.label_ar).split()


def gazetteer_mentions(doc: Document, g: Gazetteer) -> list[Mention]:
    out: list[Mention] = []
    for s in sentences(doc):
        i = 0
        while i < len(s.tokens):
            hit = _match_gazetteer(g, s, i)
            if hit and i > 0 and (hit[0] == 1 and _other_bearer(g, s, i, hit[2]) or _named_after(g, s, i, hit[2])):
                hit = None
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
            key = (rest,) + s.folded[i + 1 : i + length]
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
                if (w.startswith("ال") or w.startswith("وال")) and w not in name_stop() and len(w) > 3:
                    j += 1
                    continue
                break
            # the name
            k = j
            if k < n and s.tokens[k].text in "،,":
                k += 1  # apposition: title، name
            name_toks = _name_run(s, k, taken_at)
            k = name_toks[-1] + 1 if name_toks else k
            if name_toks and _plausible_name([s.folded[x] for x in name_toks], g, loose=role.kind in LOOSE_TITLES):
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


def _name_run(
    s: Sentence, k: int, taken_at: dict[int, Mention], limit: int = 4, al_first: bool = False, foreign: bool = False
) -> list[int]:
    """Token indices of a name starting at k: name-like words, no stop words, no title words,
    no known mention; a word with the article ends the name (``فايز السراج``) and cannot
    start it."""
    g = gazetteer()
    nw, stop, folded_stops = name_words(), name_stop(), folded_stop()
    out: list[int] = []
    n = len(s.tokens)
    while k < n and sum(1 for x in out if s.folded[x] not in nw["connector"]) < limit:
        w = s.folded[k]
        written = dediac_ar(s.tokens[k].text)
        bare = written[1:] if len(written) > 2 and written[0] in "وف" else written
        bare_w = w[1:] if len(w) > 3 and w[0] in "وف" else w
        if out and w in nw["particle"] and k + 1 < n and _NAMEISH.match(s.folded[k + 1]):
            out.append(k)  # رود فان نيستلروي، أورسولا فون دير لاين
            k += 1
            continue
        inner = taken_at.get(s.tokens[k].start)
        if (
            inner is not None
            and (out or al_first)
            and inner.end == s.tokens[k].end
            and _NAMEISH.match(w)
            and (out and s.folded[out[-1]] in nw["connector"] or inner.kind == "nisba" and w.startswith("ال"))
        ):
            out.append(k)  # أبو غزة، بن الخليل، آل مكتوم، سعيد محمد الكندي: a known word inside a name
            if w.startswith("ال"):
                break
            k += 1
            continue
        if (
            written in stop
            or bare in stop
            or w in folded_stops
            or not _NAMEISH.match(w)
            or s.tokens[k].start in taken_at
            or w in g.title_words
            or bare_w in g.title_words
            or w in COMMON_WORDS
            or bare_w in COMMON_WORDS
            or _not_a_name(w)
        ):
            break
        if w.startswith("ال") and not out and not al_first:
            break
        if w.startswith(("لل", "وال")) or w.startswith(("بال", "كال", "فال")) and not foreign:
            break  # a preposition or conjunction glued to the article: بالقول is no name (but خورخي فالدانو)
        if (
            out
            and (w,) not in g.given_names
            and w not in g.name_parts
            and (
                len(w) >= 4
                and w.endswith(("هم", "هن", "كم", "نا"))
                or len(w) <= 5
                and w.endswith("ين")  # هدفين
                or w[0] in "يت"
                and len(w) >= 4
                and not w.endswith(("نغ", "نج"))
            )
        ):  # يونغ is Korean, no verb
            break  # a pronoun suffix (لإقناعهم) or an imperfect verb (يسمع، تشعر) ends the name
        compound = bool(out) and (
            (s.folded[k - 1], w) in g.given_names
            or f"{s.folded[k - 1]} {w}" in g.name_parts
            or w in nw["compound_tail"]
        )  # عبد الله، نور الدين
        if (
            out
            and not compound
            and (w,) not in g.given_names
            and w not in g.name_parts
            and _not_continuation(w, written, len(out))
        ):
            break  # بلقاء، بتهمة، مؤتمراً، المصنفة: the name ended before
        if out and w.startswith("و") and (w,) not in g.given_names and w not in g.name_parts:
            break  # a conjunction joins a second person or thing: رايس وخافيير سولانا، أحمد مظهر وشادية
        if not out and w.startswith(("و", "ف")) and (w[1:],) in g.given_names:
            break
        out.append(k)
        if w.startswith("ال"):
            break
        k += 1
    while out and s.folded[out[-1]] in nw["connector"]:  # a nasab chain cannot end on بن or آل
        out.pop()
    return out


def _not_continuation(w: str, written: str, so_far: int) -> bool:
    """Words that cannot continue a name already begun: a preposition glued to a common or
    verbal noun (بلقاء، بتهمة، بارتكاب), an accusative with tanween (قادماً), a feminine
    descriptor with the article (المصنفة), or a third word with the article that is no nisba
    family name (البالغ after two name words; الحمادي is one)."""
    if w[0] in "بكل" and len(w) > 3:
        rest = w[1:]
        if rest in COMMON_WORDS or _not_a_name(rest) or _masdar_shaped(rest) or rest.endswith("ه") or rest[0] == "ا":
            return True
    if written.endswith("اً") or written.endswith("ًا"):
        return True
    if w.startswith("ال"):
        return w.endswith("ه") or (so_far >= 2 and not w.endswith("ي"))
    return False


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
    return len(bare) >= 4 and bare[0] in "يت" and bare[-1] in "نلرد" and bare[1:] in name_words()["verb_stem"]


# Written without its final ى (as many outlets do), the preposition على is the name علي.
PREPOSITION_NAMES = {"علي"}


def _preposition_reading(s: Sentence, i: int, k: int, g: Gazetteer) -> bool:
    """``علي الصعيد``، ``علي إصدار``: the given name is the preposition on a ى-less keyboard,
    unless another name part follows it (``علي عبد الله``، ``علي لاريجاني`` after a title is
    found by the title rule)."""
    word = fold_names(s.tokens[i].text)
    bare = word[1:] if word[:1] in "وف" and word[1:] in PREPOSITION_NAMES else word
    if bare not in PREPOSITION_NAMES:
        return False
    nxt = fold_names(s.tokens[k].text)
    return not ((nxt,) in g.given_names or s.folded[k] in g.name_parts)


# traditions whose given names are not Arabic words, so one of them alone names a person
FOREIGN_GIVEN = {"western", "russian", "african", "asian", "hebrew"}


def _alone_is_a_name(toks: tuple[str, ...], g: Gazetteer) -> bool:
    """``مايكل``، ``سيباستيان`` alone are people; short ones (جان، سام، بول) are too often words."""
    return g.given_origin.get(toks) in FOREIGN_GIVEN and len("".join(toks)) >= 5


def given_name_mentions(doc: Document, g: Gazetteer, taken: list[Mention]) -> list[Mention]:
    """People introduced by a known given name and a surname: ``كوفي أنان``، ``ومحمد سيالة``."""
    taken_at = {m.start: m for m in taken}
    covered = Coverage(len(doc.text), taken)
    out: list[Mention] = []
    for s in sentences(doc):
        i, n = 0, len(s.tokens)
        while i < n:
            tok = s.tokens[i]
            w = s.names[i]
            if (
                (w not in g.given_first and w[1:] not in g.given_first)
                or tok.start in covered
                or dediac_ar(tok.text) in name_stop()
            ):
                i += 1
                continue
            hit = None
            strict = s.names[i : i + 2]
            for pre, rest in proclitic_readings(strict[0]):
                if pre not in ("", "و", "ف"):
                    continue  # only و/ف before a name: بيان is no ب + يان
                for length in (2, 1):
                    if (rest,) + strict[1:length] in g.given_names:
                        hit = (len(pre), length, (rest,) + strict[1:length])
                        break
                if hit:
                    break
            if not hit:
                i += 1
                continue
            pre, length, given = hit
            rest = _name_run(
                s, i + length, taken_at, limit=3, al_first=True, foreign=g.given_origin.get(given) in FOREIGN_GIVEN
            )
            if rest and length == 1 and _preposition_reading(s, i, rest[0], g):
                rest = []
            if not rest and not _alone_is_a_name(given, g):
                i += length
                continue
            a = tok.start + folded_prefix_to_original(tok.text, pre)
            if not pre and i > 0 and s.folded[i - 1] in name_words()["kunya"] and s.tokens[i - 1].start not in covered:
                a = s.tokens[i - 1].start  # أبو عبد الله: the kunya is part of the name
            b = s.tokens[rest[-1]].end if rest else s.tokens[i + length - 1].end
            name = doc.text[a:b]
            out.append(Mention(a, b, name, _person_key(name, g), "given-name"))
            covered.add(a, b)
            i = rest[-1] + 1 if rest else i + length
    return out


SURNAME_REACH = 3000  # characters after the full name where the surname alone still refers to it
HEADLINE_REACH = 400  # and before it (a headline names the person before the first paragraph)


def speaker_mentions(doc: Document, g: Gazetteer, taken: list[Mention]) -> list[Mention]:
    """The unknown name between a verb of saying and what was said: ``وقال ياهر إن …``."""
    from kg.lexicon.markers import markers

    mk = markers()
    speech, comp = mk["speech"], mk["complementizer"] | name_words()["said_that"]
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
            said = after < len(s.folded) and (s.folded[after] in comp or s.tokens[after].text in ':«"')
            # or a name-shaped subject followed by an apposition, a relative or an addressee:
            # وقال ريناتو سوليدام رئيس المعهد، وقال باتشان الذي، وقال تريباثي للصحفيين
            if not _name_shaped(s.folded[run[0]], g) or s.folded[run[-1]].endswith("ا") and len(run) == 1:
                continue  # رئيسا، متمنيا: an accusative word is no subject
            if not said and bare in PREPOSITION_SPEECH:
                continue  # وبين غروب الشمس: بين is "between" more often than "explained"
            if (
                said
                or after < len(s.folded)
                and (
                    s.tokens[after].text in "،,-("
                    or s.folded[after] in name_words()["subject_follower"]
                    or s.folded[after] in g.title_words
                    or s.folded[after].startswith("لل")
                )
            ):
                a, b = s.tokens[run[0]].start, s.tokens[run[-1]].end
                name = doc.text[a:b]
                out.append(Mention(a, b, name, _person_key(name, g), "speaker"))
                covered.add(a, b)
    return out


PREPOSITION_SPEECH = {fold("بين")}  # بيّن (explained) written like بين (between)


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
        if (
            len(words) >= 2
            and len(last) >= 3
            and fold(last) not in folded_stop()
            and not last.startswith("ال")
            and fold(last) not in COMMON_WORDS
            and (last,) not in gazetteer().given_names
            and _name_shaped(fold(last), gazetteer())
        ):
            surnames.setdefault(last, m)
    fulls = {
        tuple(fold_names(m.text).split()): m
        for m in people  # a speaker's name is too weak to repeat
        if m.entity_id not in known and len(m.text.split()) >= 2 and m.kind != "speaker"
    }
    if not surnames and not fulls:
        return []
    firsts = {k[0] for k in fulls}
    covered = Coverage(len(doc.text), taken)
    out = []
    for s in sentences(doc):
        names = s.names
        skip_to = 0
        for i, tok in enumerate(s.tokens):
            if tok.start in covered or i < skip_to:
                continue
            full = (
                _full_name_at(names, i, fulls)
                if firsts.intersection(names[i : i + 1]) or (names[i][1:] in firsts)
                else None
            )  # the whole name again, anywhere in the article
            if full is not None:
                (m, pre, n) = full
                a, b = tok.start + folded_prefix_to_original(tok.text, len(pre)), s.tokens[i + n - 1].end
                if not any(x in covered for x in range(a, b)):
                    out.append(Mention(a, b, doc.text[a:b], m.entity_id, "short-name"))
                    covered.add(a, b)
                    skip_to = i + n
                    continue
            w = names[i]
            if w not in surnames and w[1:] not in surnames:
                continue
            for pre, rest in proclitic_readings(w)[:2]:
                m = surnames.get(rest)
                if m is not None and (m.start - HEADLINE_REACH <= tok.start <= m.end + SURNAME_REACH):
                    a = tok.start + folded_prefix_to_original(tok.text, len(pre))
                    out.append(Mention(a, tok.end, doc.text[a : tok.end], m.entity_id, "short-name"))
                    break
    return out


def _full_name_at(names: tuple[str, ...], i: int, fulls: dict[tuple[str, ...], Mention]):
    """(mention, proclitic, length) when a full name found elsewhere starts at token i."""
    for pre, rest in proclitic_readings(names[i])[:2]:
        for n in (4, 3, 2):
            if i + n <= len(names) and (rest,) + names[i + 1 : i + n] in fulls:
                return fulls[(rest,) + names[i + 1 : i + n]], pre, n
    return None


NAME_KINDS = {"title", "given-name", "speaker", "nisba-name"}
_CLAN = re.compile(r"[ \t]+آل[ \t]+([\u0621-\u064A]{2,15})")


def _names_a_person(m: Mention, g: Gazetteer) -> bool:
    """A person's name: found by a name rule, or a lexicon person's name form."""
    e = g.entries.get(m.entity_id)
    return m.kind in NAME_KINDS or (e is not None and e.type == "Person" and m.kind == "name")


def _with_clan(text: str, mentions: list[Mention], g: Gazetteer) -> list[Mention]:
    """A person's name goes on over the family that follows it: تميم بن حمد [آل ثاني]."""
    out = []
    for m in mentions:
        hit = _CLAN.match(text, m.end)
        if hit and _names_a_person(m, g):
            m = Mention(m.start, hit.end(), text[m.start : hit.end()], m.entity_id, m.kind, m.antecedent)
        out.append(m)
    return out


def _drop_inside_names(mentions: list[Mention], g: Gazetteer) -> list[Mention]:
    """A place or nationality inside a person's name (أبو غزة، محمد الكندي) is part of the name;
    a name found by a rule inside a known person's name (تميم بن حمد in الشيخ تميم بن حمد) is
    that person."""
    names = sorted({(m.start, m.end) for m in mentions if _names_a_person(m, g)})
    if not names:
        return mentions
    starts = [a for a, _ in names]
    reach = list(accumulate((b for _, b in names), max))  # the furthest end of a name starting so far
    longest = dict(names)  # start -> the furthest end of a name starting there (sorted: the last wins)

    def inside(m: Mention) -> bool:
        before = bisect_left(starts, m.start)  # names[:before] start before m
        return (before > 0 and reach[before - 1] >= m.end) or longest.get(m.start, -1) > m.end

    return [m for m in mentions if not inside(m)]


def _own_surnames(mentions: list[Mention], people: list[Mention], g: Gazetteer) -> list[Mention]:
    """A lexicon person's surname alone goes to the person of this article who bears it
    (``رايس`` after ``كوندوليزا رايس`` is Condoleezza, not the lexicon's Susan Rice)."""
    own = {}
    for m in people:
        words = fold_names(m.text).split()
        if len(words) >= 2:
            own.setdefault(words[-1], m.entity_id)
    if not own:
        return mentions
    out = []
    for m in mentions:
        e = g.entries.get(m.entity_id)
        words = fold_names(m.text).split()
        if (
            e is not None
            and e.type == "Person"
            and len(words) == 1
            and (len(e.label_ar.split()) > 1 or e.key.startswith(SURNAME))
        ):
            for _pre, rest in proclitic_readings(words[0])[:2]:
                if rest in own and own[rest] != m.entity_id:
                    m = Mention(m.start, m.end, m.text, own[rest], "short-name")
                    break
        out.append(m)
    return out


def _person_key(name: str, g: Gazetteer) -> str:
    """The entity id of a person found in the text (not in the lexicon): from the romanized name."""
    return "person_" + slug(romanize(name, g))


def _mention_starting(taken_at: dict[int, Mention], tok: Span) -> Mention | None:
    for off in range(tok.start, min(tok.end, tok.start + 3)):
        if off in taken_at:
            return taken_at[off]
    return None


# After these titles news names people of every origin (اللاعب الكاميروني صامويل إيتو), so the
# name need not start with a known name part.
LOOSE_TITLES = {
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
}  # not military: الفريق، اللواء are also units


def _plausible_name(words: list[str], g: Gazetteer, loose: bool = False) -> bool:
    """A name starts with a known name part (``محمد``، ``عبد``) and holds no title word; after a
    ``loose`` title any name-like run will do."""
    if any((w,) in g.titles for w in words):
        return False
    if words[0] in g.name_parts or " ".join(words[:2]) in g.name_parts:
        return True
    return loose and _name_shaped(words[0], g)


def _name_shaped(w: str, g: Gazetteer) -> bool:
    """Could this unknown word begin a name? Not with a glued preposition or conjunction
    (لكرة، وفشل), an imperfect prefix (يعلم), a feminine or plural ending (فكرة، سلطات)
    or a perfect feminine ending (شهدت) — unless it is a known given name."""
    if (w,) in g.given_names:
        return True
    if w in g.name_parts:
        return True
    plural = w.endswith(("يون", "يين")) or w[0] == "م" and w.endswith(("ون", "ين"))  # not رايمون، كلينتون
    rest = w[1:]
    glued = w[0] in "لبك" and (rest.startswith(("ال", "م")) or rest in COMMON_WORDS or _not_a_name(rest))  # بمركز، لكرة
    return not (
        glued
        or w[0] in "وفي"
        or w.endswith(("ه", "ات"))
        or plural
        or (w.endswith("ت") and len(w) <= 5)
        or len(w) >= 4
        and w.endswith(("هم", "هن", "كم", "نا"))  # أنفسهم، لنا
        or len(w) >= 5
        and w.startswith(("سي", "ست", "سن"))
    )  # future verbs: سيزور، ستعقد


def _group_of(g: Gazetteer, key: str) -> str | None:
    """The role of a generic group of the lexicon (actors_groups.tsv), None for other actors."""
    entry = g.entries.get(key)
    return entry.group if entry is not None else None


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
        adjacent = nxt is not None and 0 < nxt.start - m.end <= 2 and text[m.end : nxt.start].isspace()
        group, nxt_group = _group_of(g, m.entity_id), _group_of(g, nxt.entity_id) if nxt is not None else None
        if group == "quantity" and adjacent and (nxt_group is not None or nxt.kind == "nisba"):
            ms[i + 1] = Mention(m.start, nxt.end, text[m.start : nxt.end], nxt.entity_id, nxt.kind)
            i += 1
            continue
        if group is not None and adjacent and nxt.kind == "nisba":
            country = g.entries[nxt.entity_id]
            span = text[m.start : nxt.end]
            if group == "state":  # الحكومة الجزائرية is Algeria itself
                out.append(Mention(m.start, nxt.end, span, country.key, "name"))
            else:
                base = g.entries[m.entity_id]
                key = f"{m.entity_id}_{country.key}"
                extra.setdefault(
                    key,
                    Entity(
                        key,
                        "Organization",
                        span,
                        f"{base.label_en} ({country.label_en})",
                        None,
                        country=country.key,
                        role_en="group",
                        group=base.group,
                    ),
                )
                out.append(Mention(m.start, nxt.end, span, key, "name"))
            i += 2
            continue
        out.append(m)
        i += 1
    return out, extra


def clubs_from_cities(doc: Document, mentions: list[Mention], g: Gazetteer) -> tuple[list[Mention], dict[str, Entity]]:
    """A place after a word of football (``صفوف مانشستر``) is its club, after a word of the
    press (``مراسل الجزيرة``) a broadcaster or paper: an organization either way. With a club
    word before it (``اتحاد طنجة``، ``دينامو كييف``) the two words are the club's name."""
    out, extra = [], {}
    for m in mentions:
        e = g.entries.get(m.entity_id)
        if e is not None and e.type in ("Place", "Country") and m.kind == "name":
            before = doc.text[max(0, m.start - 30) : m.start].split()
            prev = fold(before[-1]) if before else ""
            club = [(pre, rest) for pre, rest in proclitic_readings(prev) if rest in word_set("club_prefixes.tsv")]
            if club and doc.text[m.start - 1] == " ":
                word = before[-1]
                a = m.start - 1 - len(word) + folded_prefix_to_original(word, len(club[0][0]))
                key = f"club_{slug(romanize(club[0][1], g))}_{m.entity_id}"
                name = doc.text[a : m.end]
                extra.setdefault(
                    key,
                    Entity(
                        key,
                        "Organization",
                        name,
                        f"{romanize(name, g)} (club)",
                        None,
                        country=e.country if e.type == "Place" else e.key,
                        role_en="club",
                    ),
                )
                out.append(Mention(a, m.end, name, key, "name"))
                continue
            if e.type == "Country":
                out.append(m)
                continue
            for heads, kind in ((name_words()["sport_head"], "club"), (name_words()["media_head"], "media")):
                if any(rest in heads for _pre, rest in proclitic_readings(prev)):
                    key = f"{kind}_{m.entity_id}"
                    extra.setdefault(
                        key,
                        Entity(
                            key, "Organization", m.text, f"{e.label_en} ({kind})", None, country=e.country, role_en=kind
                        ),
                    )
                    m = Mention(m.start, m.end, m.text, key, "name")
                    break
        out.append(m)
    return out, extra


DASHES = {"-", "ـ", "–", "—"}


def dateline_mentions(doc: Document, g: Gazetteer, taken: list[Mention]) -> list[Mention]:
    """The source in a news dateline is an organization: ``الدوحة - قنا -``، ``بيروت ـ ا ف ب:``،
    ``لندن - «الشرق الأوسط»:`` (a place, a dash, one to three words, a colon or dash)."""
    covered = Coverage(len(doc.text), taken)
    out = []
    for s in sentences(doc):
        toks = s.tokens
        if len(toks) < 4 or toks[1].text not in DASHES or toks[0].start not in covered:
            continue
        for n in (1, 2, 3):
            k = 2 + n
            if k < len(toks) and (toks[k].text in DASHES or toks[k].text in (":", "،")):
                inner = [t for t in toks[2:k] if t.text not in '«»"']
                if not inner or any(t.start in covered for t in inner):
                    break
                a, b = inner[0].start, inner[-1].end
                name = doc.text[a:b]
                out.append(Mention(a, b, name, "org_" + slug(romanize(name, g)), "dateline"))
                break
    return out


def find_mentions(doc: Document) -> Document:
    """Stage: gazetteer and title-pattern mentions, the entities they refer to, and the role
    facts their titles state (holdsPosition, citizenOf, memberOf)."""
    g = gazetteer()
    mentions, composed = compose_groups(doc.text, gazetteer_mentions(doc, g), g)
    mentions, clubs = clubs_from_cities(doc, mentions, g)
    composed.update(clubs)
    people, info = title_person_mentions(doc, g, mentions)
    given = given_name_mentions(doc, g, mentions + people)
    for m in given:
        info.setdefault(m.entity_id, {"label_ar": m.text, "label_en": romanize(m.text, g)})
    speakers = speaker_mentions(doc, g, mentions + people + given)
    for m in speakers:
        info.setdefault(m.entity_id, {"label_ar": m.text, "label_en": romanize(m.text, g)})
    given = given + speakers
    nationals, n_info = nisba_person_mentions(doc, g, mentions + people + given)
    for k, d in n_info.items():
        info.setdefault(k, d)
    given = given + nationals
    orgs = org_head_mentions(doc, g, mentions + people + given)
    orgs += dateline_mentions(doc, g, mentions + people + given + orgs)
    for m in orgs:
        info.setdefault(m.entity_id, {"label_ar": m.text, "label_en": romanize(m.text, g), "type": "Organization"})
    found = mentions + people + given + orgs
    lexicon_people = [m for m in mentions if m.entity_id in g.entries and g.entries[m.entity_id].type == "Person"]
    short = short_name_mentions(doc, people + given + lexicon_people, found)
    mentions = _own_surnames(sorted(found + short, key=lambda m: (m.start, -m.end)), people + given + lexicon_people, g)
    mentions = _drop_inside_names(_with_clan(doc.text, mentions, g), g)
    entities: dict[str, Entity] = {}
    for m in mentions:
        if m.entity_id in entities:
            continue
        if m.entity_id in composed:
            entities[m.entity_id] = composed[m.entity_id]
            if composed[m.entity_id].country:
                entities.setdefault(
                    composed[m.entity_id].country, entry_entity(g.entries[composed[m.entity_id].country])
                )
        elif m.entity_id in g.entries:
            entities[m.entity_id] = entry_entity(g.entries[m.entity_id])
        else:
            d = info[m.entity_id]
            entities[m.entity_id] = Entity(
                m.entity_id,
                d.get("type", "Person"),
                d["label_ar"],
                d["label_en"],
                None,
                country=d.get("country"),
                role_en=d.get("role_en"),
            )
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
    return doc.with_(mentions=tuple(mentions), entities=tuple(entities.values()), facts=doc.facts + tuple(facts))
