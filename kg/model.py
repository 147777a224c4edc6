"""The data model: one immutable Document that every stage takes and returns anew.

Offsets (start, end) always index the original ``Document.text`` so evidence can be
highlighted exactly as the article wrote it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import Any, Literal, get_args

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
ENTITY_TYPES: tuple[str, ...] = ("Person", "Country", "Organization", "Place")
# How a mention was found: name (lexicon), nisba (a country's adjective), title, given-name,
# speaker, nisba-name (person patterns), short-name (a name found again), org-head, dateline
# (organization patterns), ner (camel-tools), tagger (the learned tagger), description, pair (coreference).
MentionKind = Literal[
    "name",
    "nisba",
    "title",
    "given-name",
    "speaker",
    "nisba-name",
    "short-name",
    "org-head",
    "dateline",
    "ner",
    "tagger",
    "description",
    "pair",
]
MENTION_KINDS: tuple[MentionKind, ...] = get_args(MentionKind)
MODALITIES: tuple[str, ...] = ("asserted", "negated", "future", "hypothetical")
FACT_PREDICATES: tuple[str, ...] = (
    "holdsPosition",
    "memberOf",
    "headOf",
    "capitalOf",
    "locatedIn",
    "citizenOf",
    "statedBy",
)


@dataclass(frozen=True)
class Span:
    """A sentence or token: a stretch of the original text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """A stretch of text that refers to an entity.

    ``kind`` says how it was found (``MentionKind``): ``name`` (lexicon or gazetteer), ``nisba``
    (adjective of a country), ``title`` (title + name pattern), ``description``/``pair``
    (coreference)…; another kind is refused. ``antecedent`` gives, for coreferent mentions, the
    offsets of the mention they resolve to.
    """

    start: int
    end: int
    text: str
    entity_id: str
    kind: MentionKind = "name"
    antecedent: tuple[int, int] | None = None

    def __post_init__(self) -> None:
        if self.kind not in MENTION_KINDS:
            raise ValueError(f"mention kind '{self.kind}' is not one of {', '.join(MENTION_KINDS)}")


@dataclass(frozen=True)
class Entity:
    id: str
    type: str
    label_ar: str
    label_en: str
    wikidata: str | None = None
    country: str | None = None  # entity id of the country it belongs to
    role_en: str | None = None
    group: str | None = None  # a generic group's role (actors_groups.tsv; "" for none), None for other actors


@dataclass(frozen=True)
class Event:
    id: str
    type: str
    mode: str | None
    cameo: str | None
    source: tuple[str, ...]
    target: tuple[str, ...]
    trigger: str
    sentence: str
    start: int
    end: int
    modality: str = "asserted"
    location: str | None = None
    date: str | None = None
    predicate_en: str = ""
    predicate_ar: str = ""
    confidence: float = 0.5
    rule: str = ""  # which frame fired, for --explain


FACT_ORIGINS: tuple[str, ...] = ("article", "wikidata", "lexicon")


@dataclass(frozen=True)
class Fact:
    """A role fact. A ``holdsPosition`` says where it came from: ``origin`` is ``article`` (a
    title the text states; start/end span it), ``wikidata`` (a dated position of the reference
    data valid on the article's date; ``source`` names the list, ``valid_from``/``valid_to`` its
    dates) or ``lexicon`` (kg's curated data files)."""

    subject: str  # entity id or event id
    predicate: str  # one of FACT_PREDICATES
    object: str  # entity id, or a literal for holdsPosition
    start: int
    end: int
    origin: str | None = None  # one of FACT_ORIGINS
    source: str | None = None  # the reference list a wikidata fact comes from (saudi-ministers:holders21)
    valid_from: str | None = None  # the position's start (ISO date, YYYY-MM or YYYY)
    valid_to: str | None = None  # its end; None while open


@dataclass(frozen=True)
class Document:
    doc_id: str
    text: str
    date: str | None = None
    sentences: tuple[Span, ...] = ()
    tokens: tuple[Span, ...] = ()
    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()
    events: tuple[Event, ...] = ()
    facts: tuple[Fact, ...] = ()
    meta: tuple[tuple[str, str], ...] = field(default=())  # source, url, title... as pairs
    lemmas: tuple[tuple[str, ...], ...] = ()  # per token, when the camel-tools morphology stage ran

    def with_(self, **changes: Any) -> Document:
        """A new Document with some fields replaced (stages never mutate): the fields set in its
        __dict__, as ``dataclasses.replace`` and __init__ would, without their generic walk
        and eleven object.__setattr__ calls (stages call it ten times a document)."""
        if not changes.keys() <= _DOCUMENT_FIELD_SET:
            raise TypeError(f"Document has no field {', '.join(sorted(changes.keys() - _DOCUMENT_FIELD_SET))}")
        new = object.__new__(Document)
        own = self.__dict__
        new.__dict__.update({name: changes[name] if name in changes else own[name] for name in _FIELD_NAMES[Document]})
        return new

    def entity(self, entity_id: str) -> Entity | None:
        return self._entities_by_id.get(entity_id)

    @cached_property
    def _entities_by_id(self) -> dict[str, Entity]:
        """Entities by id, built once per Document (stages look them up per mention)."""
        by_id: dict[str, Entity] = {}
        for e in self.entities:
            by_id.setdefault(e.id, e)  # the first one, as a scan would find
        return by_id


def document_json(doc: Document) -> dict[str, Any]:
    """The document JSON contract of DESIGN.md (read by tests, scorers and other tools)."""
    by_entity: dict[str, list[dict[str, Any]]] = {}
    for m in doc.mentions:
        item: dict[str, Any] = {"text": m.text, "start": m.start, "end": m.end}
        if m.kind != "name":
            item["kind"] = m.kind
        if m.antecedent is not None:
            item["resolves"] = {
                "start": m.antecedent[0],
                "end": m.antecedent[1],
                "text": doc.text[m.antecedent[0] : m.antecedent[1]],
            }
        by_entity.setdefault(m.entity_id, []).append(item)
    entities = []
    for e in doc.entities:
        d: dict[str, Any] = {
            "id": e.id,
            "type": e.type,
            "label_ar": e.label_ar,
            "label_en": e.label_en,
            "wikidata": e.wikidata,
            "mentions": by_entity.get(e.id, []),
        }
        if e.role_en:
            d["role_en"] = e.role_en
        entities.append(d)
    events = []
    for ev in doc.events:
        d = _field_dict(ev)
        d["source"], d["target"] = list(ev.source), list(ev.target)
        d.pop("rule")
        events.append(d)
    return {
        "doc_id": doc.doc_id,
        "date": doc.date,
        "entities": entities,
        "events": events,
        "facts": [fact_json(f) for f in doc.facts],
    }


def fact_json(f: Fact) -> dict[str, Any]:
    """A fact's JSON: the five original fields, ``origin``, and the reference details when set."""
    d = _field_dict(f)
    for key in ("source", "valid_from", "valid_to"):
        if d[key] is None:
            del d[key]
    return d


def _field_dict(obj: Event | Fact) -> dict[str, Any]:
    """The fields of an Event or Fact by name, in order (``_FIELD_NAMES``, which also gives
    ``Document.with_`` its fields): ``dataclasses.asdict`` without its
    deep copy, which these strings, numbers and tuples of strings do not need (a fifth of
    ``kg extract``'s writing)."""
    return {name: getattr(obj, name) for name in _FIELD_NAMES[type(obj)]}


_FIELD_NAMES: dict[type, tuple[str, ...]] = {cls: tuple(f.name for f in fields(cls)) for cls in (Document, Event, Fact)}
_DOCUMENT_FIELD_SET = frozenset(_FIELD_NAMES[Document])
