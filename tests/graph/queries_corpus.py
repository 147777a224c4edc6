"""Five hand-built articles (Documents, Arabic labels and sentences) for the bundled queries.

They hold what broke the queries on real stores: events without a recipient or a location, an
event with two recipients, a hosted visit, a negated visit, an undated article, an actor with
two Arabic spellings that fold to one IRI (أحمد أويحيى / احمد اويحيى), actors shared between
articles. ``expected_*`` compute each query's answers from the Documents, in Python.
"""

from __future__ import annotations

from kg.graph.rdf import entity_iri, event_iri
from kg.model import Document, Entity, Event, Fact

ALGERIA = Entity("algeria", "Country", "الجزائر", "Algeria", "Q262")
LIBYA = Entity("libya", "Country", "ليبيا", "Libya", "Q1016")
MOROCCO = Entity("morocco", "Country", "المغرب", "Morocco", "Q1028")
TUNISIA = Entity("tunisia", "Country", "تونس", "Tunisia", "Q948")
MESSAHEL = Entity("messahel", "Person", "عبد القادر مساهل", "Abdelkader Messahel", None, "algeria", "Foreign Minister")
SIALA = Entity("siala", "Person", "محمد سيالة", "Mohamed Siala", None, "libya", "Foreign Minister")
OUYAHIA_1 = Entity("ouyahia", "Person", "أحمد أويحيى", "Ahmed Ouyahia", None, None, "Prime Minister")
OUYAHIA_2 = Entity("ouyahia", "Person", "احمد اويحيى", "Ahmed Ouyahia", None, None, "Prime Minister")
TRIPOLI = Entity("tripoli", "Place", "طرابلس", "Tripoli", "Q3579", "libya")
UN = Entity("un", "Organization", "الأمم المتحدة", "United Nations", "Q1065")

PREDICATES = {
    "visit": ("CONSULT", "visit", "042", "visits", "زار"),
    "host": ("CONSULT", "host", "043", "hosts", "استقبل"),
    "meet": ("CONSULT", "meet", "040", "meets", "التقى"),
    "request": ("REQUEST", None, "020", "requests support from", "طالب بدعم"),
    "accuse": ("ACCUSE", None, "112", "accuses", "اتهم"),
    "reject": ("REJECT", None, "120", "rejects", "رفض"),
    "support": ("SUPPORT", None, "051", "supports", "دعم"),
    "agree": ("AGREE", None, "030", "agrees with", "اتفق مع"),
}


def _event(
    n: int,
    kind: str,
    source: tuple[Entity, ...],
    target: tuple[Entity, ...],
    sentence: str,
    trigger: str,
    *,
    modality: str = "asserted",
    location: Entity | None = None,
    date: str | None = None,
) -> Event:
    plover, mode, cameo, en, ar = PREDICATES[kind]
    start = sentence.index(trigger)
    return Event(
        id=f"e{n}",
        type=plover,
        mode=mode,
        cameo=cameo,
        source=tuple(e.id for e in source),
        target=tuple(e.id for e in target),
        trigger=trigger,
        sentence=sentence,
        start=start,
        end=start + len(trigger),
        modality=modality,
        location=location.id if location else None,
        date=date,
        predicate_en=en,
        predicate_ar=ar,
        confidence=0.8,
        rule="verb-vso",
    )


def _doc(doc_id: str, date: str | None, entities: tuple[Entity, ...], events: tuple[Event, ...], facts=()) -> Document:
    text = " ".join(dict.fromkeys(ev.sentence for ev in events))
    # offsets of each event refer to its sentence; shift them to the text
    shifted = []
    for ev in events:
        at = text.index(ev.sentence)
        shifted.append(Event(**{**ev.__dict__, "start": ev.start + at, "end": ev.end + at}))
    return Document(doc_id=doc_id, text=text, date=date, entities=entities, events=tuple(shifted), facts=tuple(facts))


def documents() -> list[Document]:
    s1 = "زار عبد القادر مساهل ليبيا أمس والتقى في طرابلس."
    s2 = "وطالب محمد سيالة الجزائر بدعم جهود المصالحة."
    s3 = "واتهمت الجزائر جهات لم تسمها بعرقلة الحوار."
    a1 = _doc(
        "a1-visit-tripoli",
        "2018-03-01",
        (ALGERIA, LIBYA, MESSAHEL, SIALA, TRIPOLI),
        (
            _event(1, "visit", (MESSAHEL,), (LIBYA,), s1, "زار", location=TRIPOLI, date="2018-02-28"),
            _event(2, "request", (SIALA,), (ALGERIA,), s2, "طالب"),
            _event(3, "accuse", (ALGERIA,), (), s3, "اتهمت"),
        ),
        (Fact("messahel", "citizenOf", "algeria", 0, 3), Fact("tripoli", "capitalOf", "libya", 0, 3)),
    )
    s4 = "وزار أحمد أويحيى تونس."
    s5 = "واستقبلت تونس عبد القادر مساهل."
    s6 = "وطالبت ليبيا الجزائر والمغرب بدعم الحكومة."
    a2 = _doc(
        "a2-tunis",
        "2018-04-10",
        (ALGERIA, LIBYA, MOROCCO, TUNISIA, MESSAHEL, OUYAHIA_1),
        (
            _event(1, "visit", (OUYAHIA_1,), (TUNISIA,), s4, "زار"),
            _event(2, "host", (TUNISIA,), (MESSAHEL,), s5, "استقبلت"),
            _event(3, "request", (LIBYA,), (ALGERIA, MOROCCO), s6, "طالبت"),
        ),
        (Fact("ouyahia", "citizenOf", "algeria", 0, 3), Fact("ouyahia", "holdsPosition", "Prime Minister", 0, 3)),
    )
    s7 = "ولن يزور احمد اويحيى ليبيا."
    s8 = "واتهم المغرب الجزائر بدعم الانفصاليين."
    s9 = "ورفضت الجزائر اتهامات المغرب."
    s10 = "وطالب محمد سيالة بوقف القتال."
    a3 = _doc(
        "a3-negated",
        "2018-05-20",
        (ALGERIA, LIBYA, MOROCCO, SIALA, OUYAHIA_2),
        (
            _event(1, "visit", (OUYAHIA_2,), (LIBYA,), s7, "يزور", modality="negated"),
            _event(2, "accuse", (MOROCCO,), (ALGERIA,), s8, "اتهم"),
            _event(3, "reject", (ALGERIA,), (MOROCCO,), s9, "رفضت"),
            _event(4, "request", (SIALA,), (), s10, "طالب"),
        ),
        (Fact("ouyahia", "citizenOf", "algeria", 0, 3),),
    )
    s11 = "ووصل عبد القادر مساهل إلى طرابلس في زيارة."
    s12 = "ودعمت الأمم المتحدة ليبيا."
    a4 = _doc(
        "a4-undated",
        None,
        (LIBYA, MESSAHEL, TRIPOLI, UN),
        (
            _event(1, "visit", (MESSAHEL,), (), s11, "زيارة", location=TRIPOLI, date="2018-06-02"),
            _event(2, "support", (UN,), (LIBYA,), s12, "دعمت"),
        ),
    )
    s13 = "وستتفق الجزائر مع ليبيا على فتح الحدود."
    s14 = "والتقت الجزائر ليبيا في تونس."
    s15 = "وطالب محمد سيالة الجزائر بالدعم مرة أخرى."
    a5 = _doc(
        "a5-agree",
        "2018-07-15",
        (ALGERIA, LIBYA, TUNISIA, SIALA),
        (
            _event(1, "agree", (ALGERIA,), (LIBYA,), s13, "ستتفق", modality="future"),
            _event(2, "meet", (ALGERIA,), (LIBYA,), s14, "التقت", location=TUNISIA),
            _event(3, "request", (SIALA,), (ALGERIA,), s15, "طالب", date="2018-07-14"),
        ),
    )
    return [a1, a2, a3, a4, a5]


# ------------------------------------------------------------------------ expected answers
def iri(entity_id: str) -> str:
    return str(entity_iri(ENTITIES[entity_id]))


ENTITIES = {e.id: e for e in (ALGERIA, LIBYA, MOROCCO, TUNISIA, MESSAHEL, SIALA, OUYAHIA_1, TRIPOLI, UN)}
ARABIC = {e.id: min(x.label_ar for x in (OUYAHIA_1, OUYAHIA_2) if x.id == e.id) for e in (OUYAHIA_1,)}


def arabic(entity_id: str) -> str:
    """The Arabic label a query gives: the first spelling in code-point order."""
    return ARABIC.get(entity_id, ENTITIES[entity_id].label_ar)


def events():
    """(document, event, its IRI, its date: the event's, else the article's)."""
    for doc in documents():
        for ev in doc.events:
            yield doc, ev, str(event_iri(doc, ev.id)), ev.date or doc.date


def expected_visits() -> set[tuple[str, str, str | None]]:
    """(event, visitor, host) of every visit, one per visitor and host."""
    out = set()
    for _doc_, ev, node, _ in events():
        if ev.type != "CONSULT" or ev.mode not in ("visit", "host"):
            continue
        visitors, hosts = (ev.source, ev.target) if ev.mode == "visit" else (ev.target, ev.source)
        out |= {(node, iri(v), iri(h) if h else None) for v in visitors for h in (hosts or (None,))}
    return out


def expected_requests() -> set[tuple[str, str, str | None]]:
    return {
        (node, iri(a), iri(r) if r else None)
        for _, ev, node, _ in events()
        if ev.type == "REQUEST"
        for a in ev.source
        for r in (ev.target or (None,))
    }


def expected_timeline(entity_id: str) -> set[tuple[str, str, str | None]]:
    """(event, role, other party) of an actor's events."""
    out = set()
    for _, ev, node, _ in events():
        if entity_id in ev.source:
            out |= {(node, "actor", iri(o) if o else None) for o in (ev.target or (None,))}
        if entity_id in ev.target:
            out |= {(node, "recipient", iri(o) if o else None) for o in (ev.source or (None,))}
        if ev.location == entity_id:
            out |= {(node, "location", iri(o) if o else None) for o in (ev.source or (None,))}
    return out


def expected_between_countries() -> set[tuple[str, str, str]]:
    countries = {e.id for e in ENTITIES.values() if e.type == "Country"}
    return {
        (node, iri(a), iri(b))
        for _, ev, node, _ in events()
        for a in ev.source
        for b in ev.target
        if a in countries and b in countries and a != b
    }


def expected_network() -> dict[tuple[str, str, str], tuple[int, str | None, str | None]]:
    """(source, target, PLOVER type) -> (non-negated events, first date, last date)."""
    found: dict[tuple[str, str, str], list] = {}
    for _, ev, _node, when in events():
        if ev.modality == "negated":
            continue
        for a in ev.source:
            for b in ev.target:
                entry = found.setdefault((iri(a), iri(b), ev.type), [0, set()])
                entry[0] += 1
                if when:
                    entry[1].add(when)
    return {k: (n, min(d) if d else None, max(d) if d else None) for k, (n, d) in found.items()}


def expected_types() -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for _, ev, _, _ in events():
        counts = out.setdefault(ev.type, {"events": 0, "asserted": 0, "negated": 0, "future": 0, "hypothetical": 0})
        counts["events"] += 1
        counts[ev.modality] += 1
    return out


def expected_officials() -> dict[str, int]:
    """Person IRI -> events they act in."""
    people = {e.id for e in ENTITIES.values() if e.type == "Person"}
    return {iri(p): len({node for _, ev, node, _ in events() if p in ev.source}) for p in people}


def expected_visits_by_nationals(host: str, visitor_country: str, since: str) -> set[tuple[str, str]]:
    """(event, visitor) of visits to ``host`` by ``visitor_country`` or its people since a date."""
    citizen = {(f.subject, f.object) for doc in documents() for f in doc.facts if f.predicate == "citizenOf"}
    capital = {
        (f.subject, f.object) for doc in documents() for f in doc.facts if f.predicate in ("capitalOf", "locatedIn")
    }

    def of(entity_id: str, country: str) -> bool:
        e = ENTITIES[entity_id]
        return entity_id == country and e.type == "Country" or e.country == country or (entity_id, country) in citizen

    out = set()
    for _, ev, node, when in events():
        if ev.type != "CONSULT" or ev.mode != "visit" or not when or when < since:
            continue
        to_host = (
            host in ev.target
            or ev.location == host
            or (ev.location, host) in capital
            or any(t != host and of(t, host) for t in ev.target)
        )
        if to_host:
            out |= {(node, iri(v)) for v in ev.source if of(v, visitor_country)}
    return out
