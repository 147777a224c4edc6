"""Events: predicate-lexicon triggers, argument frames, reported speech and modality.

A trigger is a verb (VSO: ``طالب سيالة``; SVO: ``الجزائر أوقفت``), a passive or impersonal verb
(``سيتم إعادة فتح سفارة الجزائر``), or a verbal noun whose possessor is the actor
(``زيارة مساهل``, ``زيارته`` → the salient person). The recipient is the actor marked by one of
the frame's prepositions (``عرضت على``، ``التعاون مع``، ``دعم … لليبيا``) or, failing that,
the next actor in the clause. Places go to ``location``; a capital in an actor's role stands
for its country (``واشنطن``).
"""
from __future__ import annotations

from dataclasses import dataclass

from kg.arabic.clitics import CONJ
from kg.extract.tokens import Sentence, sentences
from kg.lexicon.actors import gazetteer
from kg.lexicon.markers import markers
from kg.lexicon.predicates import Form, predicate_lexicon
from kg.model import Document, Event, Fact, Mention

FUTURE_TO_AGREE = {"CONSULT", "SUPPORT", "COOPERATE", "AID"}  # PLOVER: promised cooperation is AGREE
PREPOSITIONS = {"على", "الي", "الى", "مع", "من", "عن", "في", "ضد", "لدي", "بين", "حول", "نحو", "تجاه"}
VSO_WINDOW = 6  # tokens after a verb where its subject may stand (titles in between)
SVO_WINDOW = 10
TARGET_WINDOW = 14
CONFIDENCE = {"verb-vso": 1.0, "verb-svo": 0.9, "verb-speaker": 0.85, "verb-salient": 0.6,
              "impersonal": 0.75, "noun-possessor": 0.9, "noun-pronoun": 0.8, "noun-light-verb": 0.8,
              "noun-salient": 0.55, "phrase": 0.9}


@dataclass(frozen=True)
class Trigger:
    index: int  # token index in the sentence
    length: int  # tokens
    form: Form
    future_prefix: bool  # س/سوف attached or before
    prefix: str  # stripped proclitics (folded)


@dataclass(frozen=True)
class Arg:
    """An actor mention placed in a sentence."""

    mention: Mention
    first: int  # first token index
    last: int  # last token index
    marker: str  # preposition that governs it ('' when none): on the token or just before


def _readings(word: str) -> list[tuple[str, str, bool]]:
    """(prefix, rest, future) readings of a folded word for trigger lookup."""
    out = [("", word, False)]
    if len(word) > 3 and word[0] in CONJ:
        out.append((word[0], word[1:], False))
    for pre, rest, _ in list(out):
        if len(rest) > 3 and rest[0] == "س" and rest[1] in "يتنا":
            out.append((pre + "س", rest[1:], True))
        if len(rest) > 3 and rest[0] in "بلك":
            if rest.startswith("لل"):
                out.append((pre + "ل", "ال" + rest[2:], False))
            out.append((pre + rest[0], rest[1:], False))
    for pre, rest, fut in list(out):
        if rest.startswith("ال") and len(rest) > 4:
            out.append((pre + "ال", rest[2:], fut))
    return out


def find_triggers(s: Sentence, covered: set[int]) -> list[Trigger]:
    lex = predicate_lexicon()
    out: list[Trigger] = []
    i = 0
    n = len(s.folded)
    while i < n:
        if i in covered:
            i += 1
            continue
        hit = None
        for length in range(min(lex.max_phrase, n - i), 1, -1):
            for pre, rest, fut in _readings(s.folded[i]):
                forms = lex.phrases.get((rest,) + s.folded[i + 1:i + length])
                if forms:
                    hit = Trigger(i, length, forms[0], fut, pre)
                    break
            if hit:
                break
        if hit is None:
            for pre, rest, fut in _readings(s.folded[i]):
                forms = lex.forms.get(rest)
                if not forms:
                    continue
                if fut:
                    forms = [f for f in forms if f.pos == "imperfect"]
                if "ال" in pre or any(p in pre for p in "بلك"):
                    forms = [f for f in forms if f.pos == "masdar"]
                if forms:
                    hit = Trigger(i, 1, max(forms, key=lambda f: f.predicate.confidence), fut, pre)
                    break
        if hit:
            out.append(hit)
            i += hit.length
        else:
            i += 1
    return out


def _args(s: Sentence, mentions: list[Mention]) -> list[Arg]:
    """Mentions of the sentence placed on tokens, with the preposition that governs each."""
    out = []
    for m in mentions:
        first = next((k for k, t in enumerate(s.tokens) if t.end > m.start), None)
        if first is None:
            continue
        last = first
        while last + 1 < len(s.tokens) and s.tokens[last + 1].start < m.end:
            last += 1
        tok = s.tokens[first]
        prefix = s.text_of_prefix(tok, m) if hasattr(s, "text_of_prefix") else tok.text[:m.start - tok.start]
        marker = ""
        pre = prefix.replace("و", "").replace("ف", "")
        if pre and pre[-1] in "بلك":
            marker = pre[-1]
        elif first > 0 and s.folded[first - 1] in PREPOSITIONS:
            marker = s.folded[first - 1]
        elif first > 0 and s.folded[first - 1] in ("و" + p for p in PREPOSITIONS):
            marker = s.folded[first - 1][1:]
        out.append(Arg(m, first, last, marker))
    return out


def _is_place(doc: Document, m: Mention) -> bool:
    e = doc.entity(m.entity_id)
    return e is not None and e.type == "Place"


def _actor_id(doc: Document, m: Mention) -> str:
    """A capital in an actor's role stands for its country (``واشنطن`` → United States)."""
    entry = gazetteer().entries.get(m.entity_id)
    if entry is not None and entry.capital_of:
        return entry.capital_of
    return m.entity_id


def _coordinated(args: list[Arg], a: Arg, s: Sentence) -> list[Arg]:
    """``الجزائر وليبيا``: the actor and those joined to it by و."""
    group = [a]
    for b in args:
        if b.first == group[-1].last + 1 and s.folded[b.first].startswith("و") and not b.marker:
            group.append(b)
    return group


class _State:
    """What the previous sentences made salient (for pronouns and omitted subjects)."""

    def __init__(self) -> None:
        self.last_person: Mention | None = None
        self.last_source: list[str] = []


def _recipient_ok(arg: Arg, preps: tuple[str, ...]) -> bool:
    if not arg.marker:
        return "obj" in preps or not preps
    return arg.marker in preps or (arg.marker in ("الي", "الى") and "الي" in preps)


def _modality(s: Sentence, t: Trigger, m: dict[str, frozenset[str]]) -> str:
    before = s.folded[max(0, t.index - 3):t.index]
    if any(w in m["negation"] for w in before[-2:]):
        return "negated"
    if any(w in m["conditional"] or w[1:] in m["conditional"] for w in s.folded[max(0, t.index - 8):t.index]):
        return "hypothetical"
    around = s.folded[max(0, t.index - 4):t.index + 6]
    if t.future_prefix or any(w in m["future"] or (len(w) > 3 and w[0] in "وف" and w[1:] in m["future"])
                              for w in around):
        return "future"
    return "asserted"


def _speaker(s: Sentence, t: Trigger, args: list[Arg], m: dict[str, frozenset[str]]) -> Arg | None:
    """The speaker of reported speech that contains the trigger: ``أكد سيالة أن "…"``."""
    for k in range(t.index - 1, -1, -1):
        w = s.folded[k]
        w1 = w[1:] if len(w) > 3 and w[0] in CONJ else w
        if w in m["speech"] or w1 in m["speech"]:
            after = [a for a in args if k < a.first <= k + VSO_WINDOW and a.first < t.index]
            before = [a for a in args if a.last < k and k - a.last <= SVO_WINDOW]
            return (after[:1] or before[-1:] or [None])[0]
    return None


def _event_id(n: int) -> str:
    return f"e{n}"


def extract_sentence(doc: Document, s: Sentence, mentions: list[Mention], state: _State,
                     start_id: int) -> tuple[list[Event], list[Fact]]:
    m = markers()
    args = [a for a in _args(s, mentions)]
    covered = {k for a in args for k in range(a.first, a.last + 1)}
    events: list[Event] = []
    facts: list[Fact] = []
    seen: set[tuple] = set()
    for t in find_triggers(s, covered):
        pred = t.form.predicate
        actors = [a for a in args if not _is_place(doc, a.mention) or gazetteer().entries.get(a.mention.entity_id, None) and gazetteer().entries[a.mention.entity_id].capital_of]
        end_idx = t.index + t.length - 1
        speaker = _speaker(s, t, args, m)
        source: list[Arg] = []
        rule = ""
        pronoun_src: Mention | None = None
        if t.form.pos == "masdar":
            nxt = [a for a in actors if a.first == end_idx + 1 and not a.marker]
            if nxt:
                source, rule = _coordinated(actors, nxt[0], s), "noun-possessor"
            elif t.form.suffix in ("ه", "ها", "هم", "هما") and state.last_person is not None:
                pronoun_src, rule = state.last_person, "noun-pronoun"
            else:
                light = any(w in m["light"] or w[1:] in m["light"] for w in s.folded[max(0, t.index - 4):t.index])
                before = [a for a in actors if a.last < t.index and t.index - a.last <= SVO_WINDOW and not a.marker]
                if light and before:
                    source, rule = [before[-1]], "noun-light-verb"
                elif light and state.last_source:
                    rule = "noun-salient"
                else:
                    continue
        else:
            if t.form.person == "1" and speaker is not None:
                source, rule = [speaker], "verb-speaker"
            else:
                after = [a for a in actors if end_idx < a.first <= end_idx + VSO_WINDOW and not a.marker]
                # a subject stands right after the verb, or after a title the gazetteer does not know
                before = [a for a in actors if a.last < t.index and t.index - a.last <= SVO_WINDOW and not a.marker
                          and (speaker is None or a.mention is not speaker.mention or t.index - a.last <= 2)]
                if after and t.form.pos != "passive" and (not before or after[0].first - end_idx <= 4):
                    source, rule = _coordinated(actors, after[0], s), "verb-vso"
                elif before:
                    source, rule = _coordinated(actors, before[-1], s), "verb-svo"
                elif speaker is not None:
                    source, rule = [speaker], "verb-speaker"
                elif after:
                    source, rule = [after[0]], "impersonal"
                elif state.last_source and t.form.pos in ("perfect", "imperfect"):
                    rule = "verb-salient"
                else:
                    continue
        if source:
            src_ids = [_actor_id(doc, a.mention) for a in source]
            anchor = max(end_idx, max(a.last for a in source))
        elif pronoun_src is not None:
            src_ids = [pronoun_src.entity_id]
            anchor = end_idx
        else:
            src_ids = list(state.last_source)
            anchor = end_idx
        # recipient: prefer the frame's preposition, else the next actor in the clause
        cands = [a for a in args if anchor < a.first <= anchor + TARGET_WINDOW
                 and _actor_id(doc, a.mention) not in src_ids]
        if rule == "verb-svo" or rule.startswith("noun-light"):
            cands = [a for a in args if end_idx < a.first <= end_idx + TARGET_WINDOW
                     and _actor_id(doc, a.mention) not in src_ids]
        marked = [a for a in cands if a.marker and _recipient_ok(a, pred.recipient)]
        unmarked = [a for a in cands if not a.marker and "obj" in pred.recipient]
        target_arg = (marked or unmarked or [a for a in cands if a.marker not in ("في",)] or [None])[0]
        location = None
        target: list[str] = []
        if target_arg is not None:
            group = _coordinated(args, target_arg, s)
            for a in group:
                if _is_place(doc, a.mention):
                    entry = gazetteer().entries.get(a.mention.entity_id)
                    location = location or a.mention.entity_id
                    country = entry.capital_of if entry and entry.capital_of else None
                    target.append(country or a.mention.entity_id)
                else:
                    target.append(a.mention.entity_id)
        places = [a for a in args if _is_place(doc, a.mention) and a.marker in ("ب", "في")
                  and a.first > t.index]
        if location is None and places:
            location = places[0].mention.entity_id
        modality = _modality(s, t, m)
        typ = pred.type
        predicate_en, predicate_ar = pred.predicate_en, pred.predicate_ar
        if modality == "future" and typ in FUTURE_TO_AGREE:
            typ, predicate_en = "AGREE", f"agreed: {pred.predicate_en}"
        target = [x for x in dict.fromkeys(target) if x not in src_ids]
        key = (typ, tuple(src_ids), tuple(target))
        if not src_ids or key in seen:
            continue
        seen.add(key)
        first_tok, last_tok = s.tokens[t.index], s.tokens[end_idx]
        start = first_tok.start + len(t.prefix) if t.form.pos != "phrase" else first_tok.start
        start = min(start, first_tok.end - 1)
        eid = _event_id(start_id + len(events))
        conf = round(pred.confidence * CONFIDENCE.get(rule, 0.7) * (1.0 if target else 0.9), 3)
        events.append(Event(
            id=eid, type=typ, mode=pred.mode, cameo=pred.cameo, source=tuple(src_ids), target=tuple(target),
            trigger=doc.text[start:last_tok.end], sentence=s.span.text, start=start, end=last_tok.end,
            modality=modality, location=location, date=doc.date, predicate_en=predicate_en,
            predicate_ar=predicate_ar, confidence=conf, rule=f"{t.form.pos}:{rule}:{pred.id}"))
        if speaker is not None and rule != "verb-speaker" or (speaker is not None and rule == "verb-speaker"):
            facts.append(Fact(eid, "statedBy", _actor_id(doc, speaker.mention),
                              speaker.mention.start, speaker.mention.end))
        if source:
            state.last_source = src_ids
    for a in args:
        e = doc.entity(a.mention.entity_id)
        if e is not None and e.type == "Person":
            state.last_person = a.mention
    return events, facts


def find_events(doc: Document) -> Document:
    """Stage: events of every sentence, with statedBy facts for reported speech."""
    state = _State()
    events: list[Event] = []
    facts: list[Fact] = []
    ordered = sorted(doc.mentions, key=lambda x: x.start)
    k = 0
    for s in sentences(doc):
        in_sentence = []
        while k < len(ordered) and ordered[k].start < s.span.end:
            if ordered[k].start >= s.span.start:
                in_sentence.append(ordered[k])
            k += 1
        evs, fs = extract_sentence(doc, s, in_sentence, state, len(events) + 1)
        events += evs
        facts += fs
    return doc.with_(events=tuple(events), facts=doc.facts + tuple(facts))
