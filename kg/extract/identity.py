"""One actor, one node: the spellings of a person's name in an article resolve to one entity.

A name the rules found (after a title, a given name, a verb of saying) whose spelling differs
from a known person's only by the variants ``name_key`` folds (``مايك بومبيوا`` for
``مايك بومبيو``, ``دونالد ترمب`` for ``دونالد ترامب``) is that person, with their QID; two spellings
of an unknown name are one person; a surname alone that another person of the article bears is
that person. Across articles the graph does the same: an entity IRI is the QID, else type +
``name_key`` (``kg.graph.rdf.entity_iri``).
"""

from __future__ import annotations

from dataclasses import replace

from kg.arabic.normalize import name_key
from kg.lexicon.actors import entry_entity, gazetteer
from kg.lexicon.markers import name_words
from kg.model import Document, Entity


def _target(e: Entity, keys: dict[str, str], surnames: dict[str, str]) -> str | None:
    """The entity an unknown person is another spelling of, if any."""
    g = gazetteer()
    k = name_key(e.label_ar)
    if " " in k:
        return g.variants.get(k) or (keys[k] if keys.get(k) not in (None, e.id) else None)
    owner = surnames.get(k)
    return owner if owner not in (None, e.id) else None


def one_actor_one_node(doc: Document) -> Document:
    """Stage: merge the entities that are spellings of one person."""
    g = gazetteer()
    people = [e for e in doc.entities if e.type == "Person"]
    unknown = [e for e in people if e.id not in g.entries]
    if not unknown:
        return doc
    keys: dict[str, str] = {}  # name_key of a full name -> the first entity that bears it
    surnames: dict[str, str] = {}  # name_key of a last name -> its one bearer in the article
    shared: set[str] = set()
    for e in people:
        k = name_key(e.label_ar)
        if " " in k:
            keys.setdefault(k, e.id)
            *first, last = k.split()
            if first[-1] in name_words()["nasab"]:
                continue  # محمد بن سلمان: سلمان is his father, not his family name
            if surnames.setdefault(last, e.id) != e.id:
                shared.add(last)
    for last in shared:
        del surnames[last]
    merged = {e.id: t for e in unknown if (t := _target(e, keys, surnames)) is not None}
    for src in list(merged):  # follow chains to their end (a -> b -> lexicon entry)
        seen = {src}
        while merged[src] in merged and merged[src] not in seen:
            seen.add(merged[src])
            merged[src] = merged[merged[src]]
    if not merged:
        return doc
    present = {e.id for e in doc.entities}
    entities = [e for e in doc.entities if e.id not in merged]
    for target in sorted(set(merged.values()) - present):
        entities.append(entry_entity(g.entries[target]))
    by_id = {e.id: e for e in doc.entities}
    for src, target in merged.items():  # what the text said of the other spelling still holds
        kept = next(x for x in entities if x.id == target)
        other = by_id[src]
        if (not kept.country and other.country) or (not kept.role_en and other.role_en):
            entities[entities.index(kept)] = replace(
                kept, country=kept.country or other.country, role_en=kept.role_en or other.role_en
            )
    mentions = tuple(replace(m, entity_id=merged[m.entity_id]) if m.entity_id in merged else m for m in doc.mentions)
    facts = tuple(
        replace(f, subject=merged.get(f.subject, f.subject), object=merged.get(f.object, f.object)) for f in doc.facts
    )
    return doc.with_(mentions=mentions, entities=tuple(entities), facts=facts)
