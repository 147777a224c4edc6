"""Document -> RDF: one named graph per article, deterministic IRIs, labels in @ar and @en.

IRIs are minted only from normalized, checked parts (a QID, an ascii slug, a hash), never from
raw text, so article text cannot change the graph's structure.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import re
from decimal import Decimal
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, XSD

from kg import __version__
from kg.arabic.normalize import name_key
from kg.errors import InputError
from kg.graph.vocab import (
    DESCRIPTION_PREDICATES,
    ENTITY_CLASS,
    ENTITY_GRAPH,
    ENTITY_PREFIX,
    EVENT_CLASS,
    FACT_PROPERTY,
    KG,
    QUAD_CLASS,
    RES,
    WD,
)
from kg.lexicon.actors import gazetteer
from kg.lexicon.romanize import romanize
from kg.model import FACT_ORIGINS, Document, Entity, Fact

_QID = re.compile(r"^Q[1-9][0-9]*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _ascii_slug(text: str, limit: int = 40) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:limit].strip("-")


def _hash(text: str, n: int = 8) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:n]


# Characters a document id keeps in its IRI; every other one is percent-encoded (UTF-8, upper
# hex), so the IRI reads as the id and no two ids share one: ``News`` and ``news``, ``AFP.123``
# and ``afp-123-72c4e556`` stay apart (the store format before 2 lower-cased and hashed ids).
_IRI_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-")


def doc_slug(doc_id: str) -> str:
    """The id as an IRI path segment: letters, digits, ``.``, ``_`` and ``-`` as they are, any
    other character percent-encoded (a leading ``.`` too, so ``.`` and ``..`` are no dot
    segments). Injective: ``urllib.parse.unquote`` gives the id back; never raw text."""
    out = []
    for i, ch in enumerate(doc_id):
        if ch in _IRI_SAFE and not (i == 0 and ch == "."):
            out.append(ch)
        else:
            out.append("".join(f"%{b:02X}" for b in ch.encode("utf-8", "surrogatepass")))
    return "".join(out)


def graph_iri(doc_id: str) -> URIRef:
    """The article's IRI, which is also the name of its graph."""
    return RES[f"article/{doc_slug(doc_id)}"]


# Entity descriptions (types, labels, links) live once in a shared graph (vocab.ENTITY_GRAPH), not
# in every article's graph: a union default graph would otherwise see each label once per article
# that mentions the actor, and joins multiply (oxigraph#1919). An article's graph keeps what it
# says: its events, edges, role facts, and which entities it mentions.


def entity_iri(e: Entity, doc_id: str | None = None) -> URIRef:
    """From the Wikidata QID when linked, else from type + the name's key, which folds spelling
    variants (``name_key``: ترامب and ترمب, بومبيو and بومبيوا are one node across articles). The
    readable part is romanized from that key too, so the two spellings give the very same IRI.
    A generic group (``مسلحون``، ``القوات الإسرائيلية``) is no one actor across articles: its node
    belongs to the article that names it (``doc_id``), with its nationality in its key."""
    if e.wikidata and _QID.match(e.wikidata):
        return RES[f"entity/{e.wikidata}"]
    key = name_key(e.label_ar) or e.id
    readable = _ascii_slug(romanize(key, gazetteer())) or "x"
    if e.group is not None and doc_id is not None:
        scope = doc_slug(doc_id)
        return RES[f"entity/group/{scope}/{_ascii_slug(e.id) or readable}-{_hash(scope + ':' + e.id)}"]
    return RES[f"entity/{e.type.lower()}/{readable}-{_hash(e.type + ':' + key)}"]


def event_iri(doc: Document, event_id: str) -> URIRef:
    return RES[f"event/{doc_slug(doc.doc_id)}/{_ascii_slug(event_id) or _hash(event_id)}"]


def content_hash(doc: Document, min_confidence: float = 0.0) -> str:
    """SHA-256 of id, date and text, of the extractor that reads them (``extractor_fingerprint``)
    and of ``--min-confidence`` when set: an article is "unchanged", and skipped by `kg build`,
    only when the same kg would store the same graph for it; after an upgrade of kg, or with
    another threshold, it is extracted again and replaced. ``surrogatepass``: a lone surrogate
    (from a JSON escape) must not crash the hashing that decides whether to build;
    document_graph refuses it."""
    setting = f"\nmin-confidence {min_confidence:g}" if min_confidence > 0 else ""
    data = f"{doc.doc_id}\n{doc.date}\n{doc.text}\n{extractor_fingerprint()}{setting}"
    return hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()


#: What decides the graph of an article: kg's code and data for reading Arabic, extracting and
#: mapping to RDF (paths inside the kg package).
EXTRACTOR_PARTS = ("arabic", "extract", "lexicon", "pipeline.py", "model.py", "graph/rdf.py", "graph/vocab.py")


@functools.lru_cache(maxsize=1)
def extractor_fingerprint() -> str:
    """SHA-256 (first 16 hex digits) of kg's version and of every file of ``EXTRACTOR_PARTS``
    (names and bytes, caches left out): it changes whenever what kg extracts can change."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(__version__.encode())
    for part in EXTRACTOR_PARTS:
        base = root / part
        files = sorted(base.rglob("*")) if base.is_dir() else [base]
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                digest.update(path.relative_to(root).as_posix().encode() + b"\0")
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _date(value: str | None) -> Literal | None:
    """An xsd:date for a real calendar date; None for anything else ("2018-02-31" would be an
    ill-typed literal that breaks the SHACL shapes and makes rdflib print tracebacks)."""
    if not value or not _DATE.match(value):
        return None
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return None
    return Literal(value, datatype=XSD.date)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _check_encodable(doc: Document) -> None:
    """InputError for a lone surrogate (from a JSON "\\ud800" escape): no RDF syntax can
    carry it, and it would otherwise fail deep inside a serializer."""
    fields = [("doc_id", doc.doc_id), ("text", doc.text), ("date", doc.date or "")]
    fields += [(f"entity {e.id}", e.label_ar + (e.label_en or "")) for e in doc.entities]
    for name, value in fields:
        if (m := _SURROGATE.search(value)) is not None:
            raise InputError(
                f"document '{doc.doc_id.encode('utf-8', 'replace').decode()}': "
                f"its {name} holds a lone surrogate U+{ord(m.group()):04X} at "
                f"{m.start()}, which is not Unicode text; fix the source (a broken "
                "\\u escape in JSON)"
            )


def document_graph(doc: Document, g: Graph, entities: Graph | None = None) -> Graph:
    """Add the article's triples to ``g`` (the article's named graph) and its entities'
    descriptions to ``entities`` (the shared entity graph; ``g`` itself when not given)."""
    entities = g if entities is None else entities
    _check_encodable(doc)
    article = graph_iri(doc.doc_id)
    g.add((article, RDF.type, KG.Article))
    g.add((article, KG.docId, Literal(doc.doc_id)))
    g.add((article, RDFS.label, Literal(doc.doc_id)))
    g.add((article, KG.contentHash, Literal(content_hash(doc))))
    g.add((article, KG.extractorVersion, Literal(__version__)))
    if (d := _date(doc.date)) is not None:
        g.add((article, KG.publishedOn, d))
    iri = {e.id: entity_iri(e, doc.doc_id) for e in doc.entities}
    for e in doc.entities:
        node = iri[e.id]
        entities.add((node, RDF.type, ENTITY_CLASS[e.type]))
        entities.add((node, RDFS.label, Literal(e.label_ar, lang="ar")))
        if e.label_en:
            entities.add((node, RDFS.label, Literal(e.label_en, lang="en")))
        if e.wikidata and _QID.match(e.wikidata):
            entities.add((node, OWL.sameAs, WD[e.wikidata]))
            entities.add((node, KG.wikidata, Literal(e.wikidata)))
        if e.country and e.country in iri and e.country != e.id:
            entities.add((node, KG.country, iri[e.country]))
        g.add((node, KG.mentionedIn, article))
    labels = {e.id: e.label_en or e.label_ar for e in doc.entities}
    for ev in doc.events:
        node = event_iri(doc, ev.id)
        cls, direct = EVENT_CLASS[ev.type]
        g.add((node, RDF.type, KG.Event))
        g.add((node, RDF.type, cls))
        g.add((node, KG.ploverType, Literal(ev.type)))
        g.add((node, KG.quadClass, Literal(QUAD_CLASS[ev.type])))
        for s in ev.source:
            if s in iri:
                g.add((node, KG.actor, iri[s]))
        for t in ev.target:
            if t in iri:
                g.add((node, KG.recipient, iri[t]))
        if ev.location in iri:
            g.add((node, KG.location, iri[ev.location]))
        if ev.mode:
            g.add((node, KG.mode, Literal(ev.mode)))
        if ev.cameo:
            g.add((node, KG.cameo, Literal(ev.cameo)))
        g.add((node, KG.modality, Literal(ev.modality)))
        g.add((node, KG.trigger, Literal(ev.trigger, lang="ar")))
        g.add((node, KG.evidence, Literal(ev.sentence, lang="ar")))
        g.add((node, KG.start, Literal(ev.start, datatype=XSD.integer)))
        g.add((node, KG.end, Literal(ev.end, datatype=XSD.integer)))
        g.add((node, KG.confidence, Literal(Decimal(str(ev.confidence)), datatype=XSD.decimal)))
        if (d := _date(ev.date)) is not None:
            g.add((node, KG.date, d))
        if ev.predicate_en:
            g.add((node, KG.predicateLabel, Literal(ev.predicate_en, lang="en")))
        if ev.predicate_ar:
            g.add((node, KG.predicateLabel, Literal(ev.predicate_ar, lang="ar")))
        g.add((node, KG.extractorVersion, Literal(__version__)))
        if ev.rule:
            g.add((node, KG.rule, Literal(ev.rule)))
        src = " and ".join(labels.get(s, s) for s in ev.source)
        tgt = " and ".join(labels.get(t, t) for t in ev.target)
        g.add((node, RDFS.label, Literal(f"{src} {ev.predicate_en or ev.type.lower()} {tgt}".strip(), lang="en")))
        g.add((node, PROV.wasDerivedFrom, article))
        if ev.modality != "negated":
            for s in ev.source:
                for t in ev.target:
                    if s in iri and t in iri:
                        g.add((iri[s], direct, iri[t]))
    events = {ev.id: event_iri(doc, ev.id) for ev in doc.events}
    qids = {e.id: e.wikidata for e in doc.entities if e.wikidata and _QID.match(e.wikidata)}
    for f in doc.facts:
        subj = iri.get(f.subject) or events.get(f.subject)
        if subj is None:
            continue
        prop = FACT_PROPERTY[f.predicate]
        if f.predicate == "holdsPosition":
            g.add((subj, prop, Literal(f.object, lang="en")))
            _holding(doc, f, subj, qids.get(f.subject), article, g)
        elif f.object in iri:
            g.add((subj, prop, iri[f.object]))
    return g


def _partial_date(value: str | None) -> Literal | None:
    """A position's start or end as xsd:date, xsd:gYearMonth or xsd:gYear (the reference data
    dates some offices to the month or the year only)."""
    if value and re.match(r"^\d{4}$", value):
        return Literal(value, datatype=XSD.gYear)
    if value and re.match(r"^\d{4}-(0[1-9]|1[0-2])$", value):
        return Literal(value, datatype=XSD.gYearMonth)
    return _date(value)


def _holding(doc: Document, f: Fact, person: URIRef, qid: str | None, article: URIRef, g: Graph) -> None:
    """The kg:PositionHolding beside a holdsPosition edge: where the position comes from (PROV-O)."""
    key = f"{f.subject}|{f.object}|{f.origin}|{f.source}|{f.valid_from}"
    node = RES[f"holding/{doc_slug(doc.doc_id)}/{_hash(key, 12)}"]
    g.add((node, RDF.type, KG.PositionHolding))
    g.add((node, KG.holder, person))
    g.add((node, KG.position, Literal(f.object, lang="en")))
    origin = f.origin if f.origin in FACT_ORIGINS else "article"
    g.add((node, KG.origin, Literal(origin)))
    if origin == "article":
        g.add((node, PROV.wasDerivedFrom, article))
        if 0 <= f.start < f.end <= len(doc.text):
            g.add((node, KG.statedAs, Literal(doc.text[f.start : f.end], lang="ar")))
    elif origin == "wikidata":
        if qid is not None:
            g.add((node, PROV.wasDerivedFrom, WD[qid]))
        note = "Wikidata P39 (position held)" + (f" via every-politician-scrapers {f.source}" if f.source else "")
        g.add((node, KG.sourceNote, Literal(note)))
    else:
        g.add((node, KG.sourceNote, Literal("kg curated lexicon (kg/lexicon/data)")))
    for prop, value in ((KG.validFrom, f.valid_from), (KG.validTo, f.valid_to)):
        if (lit := _partial_date(value)) is not None:
            g.add((node, prop, lit))


def document_dataset(doc: Document, ds: Dataset | None = None) -> Dataset:
    """A Dataset holding the article's named graph and the shared entity graph (added to
    ``ds`` when given)."""
    ds = ds if ds is not None else Dataset(default_union=True)
    document_graph(doc, ds.graph(graph_iri(doc.doc_id)), ds.graph(ENTITY_GRAPH))
    return ds


def split_entity_descriptions(ds: Dataset) -> Dataset:
    """The same quads in the store's layout: entity descriptions (type, labels, links, country
    of ``res:entity/…`` subjects) moved from the article graphs into ``ENTITY_GRAPH``."""
    out = Dataset(default_union=True)
    for s, p, o, g in ds.quads((None, None, None, None)):
        gid = g.identifier if g is not None and hasattr(g, "identifier") else g
        if isinstance(s, URIRef) and str(s).startswith(ENTITY_PREFIX) and p in DESCRIPTION_PREDICATES:
            gid = ENTITY_GRAPH
        out.graph(gid).add((s, p, o))
    return out
