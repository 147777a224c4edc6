"""The actor gazetteer: countries and capitals from CLDR (Babel) and ISO 3166 (pycountry),
nisba adjectives generated from a demonym stem, places, and the curated actor files.

Every surface form is stored as a tuple of folded tokens, so ``الأمم المتحدة`` and
``الامم المتحدة`` are one key; mentions keep the article's own spelling.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from kg.arabic.normalize import fold, fold_names
from kg.errors import LexiconError
from kg.lexicon.markers import name_words
from kg.lexicon.tsv import read_rows, split, word_set
from kg.model import PLOVER_TYPES, Entity

ACTOR_COLUMNS = (
    "id",
    "type",
    "label_en",
    "label_ar",
    "aliases_ar",
    "country",
    "role_en",
    "org",
    "start",
    "end",
    "wikidata",
)
COUNTRY_COLUMNS = ("iso2", "wikidata", "names_ar", "demonym_ar", "capital_en", "capital_ar", "capital_wikidata")
PLACE_COLUMNS = ("id", "label_en", "label_ar", "aliases_ar", "country", "wikidata")
TITLE_COLUMNS = ("title_ar", "role_en", "kind")
NAME_COLUMNS = ("ar", "en")
GROUP_FILE = "actors_groups.tsv"  # generic groups, with two more columns
GROUP_COLUMNS = (*ACTOR_COLUMNS, "group_role", "agent_of")
GROUP_ROLES = ("protesters", "armed", "state", "quantity")
ACTOR_FILES = (
    "actors_orgs.tsv",
    "actors_people.tsv",
    "actors_groups.tsv",
    "actors_people_archive.tsv",
    "actors_people_public.tsv",
    "actors_orgs_public.tsv",
)
TYPES = ("Person", "Country", "Organization", "Place")
FormKind = Literal["name", "nisba"]  # how a surface form names its entry: by name, or as its nisba adjective
# governments that are bodies of their own, not the country (an interim or regional government)
SPECIFIC_GOVERNMENTS = {"libya_interim_government", "kurdistan_regional_government", "group_government"}

FAMILY_NAME_FIRST = ("CN", "TW", "HK", "KR", "KP", "VN", "SG", "MO")
SURNAME = "surname_"  # entries for family names several known people share

# Arab League members: their people's surnames are more often ordinary words too
ARAB_STATES = (
    "DZ",
    "BH",
    "KM",
    "DJ",
    "EG",
    "IQ",
    "JO",
    "KW",
    "LB",
    "LY",
    "MR",
    "MA",
    "OM",
    "PS",
    "QA",
    "SA",
    "SO",
    "SD",
    "SY",
    "TN",
    "AE",
    "YE",
)

# Nisba endings: جزائري → جزائرية، جزائريون، جزائريين، جزائريان... (folded: ة → ه)
NISBA_ENDINGS = ("", "ه", "ون", "ين", "ان", "تان", "تين", "ات", "ا")  # فلسطينيا: accusative


@dataclass(frozen=True)
class ActorEntry:
    key: str
    type: str
    label_ar: str
    label_en: str
    wikidata: str | None = None
    country: str | None = None  # key of the country entry
    role_en: str | None = None
    org: str | None = None  # key of an organization entry
    capital_of: str | None = None
    group: str | None = None  # a generic group's role ("" for none; see actors_groups.tsv), None for others


@dataclass(frozen=True)
class Title:
    role_en: str
    kind: str


@dataclass
class Gazetteer:
    entries: dict[str, ActorEntry] = field(default_factory=dict)
    forms: dict[tuple[str, ...], tuple[str, FormKind]] = field(default_factory=dict)  # -> (key, kind)
    titles: dict[tuple[str, ...], Title] = field(default_factory=dict)
    name_parts: dict[str, str] = field(default_factory=dict)  # folded Arabic -> English
    title_words: set[str] = field(default_factory=set)  # first words of titles (وزير، الرئيس)
    title_vocab: set[str] = field(default_factory=set)  # every word of a title (الخارجية)
    given_names: dict[tuple[str, ...], str] = field(default_factory=dict)  # folded tokens -> English
    given_origin: dict[tuple[str, ...], str] = field(default_factory=dict)  # folded tokens -> tradition
    given_first: set[str] = field(default_factory=set)  # first words of given names (a quick pre-check)
    by_iso: dict[str, str] = field(default_factory=dict)
    implicit_agents: dict[str, str] = field(default_factory=dict)  # PLOVER type -> the group that did it
    max_len: int = 1
    first_tokens: set[str] = field(default_factory=set)

    def add_form(self, text: str, key: str, kind: FormKind = "name") -> None:
        toks = tuple(fold(text).split())
        if not toks or toks in self.forms:
            return
        self.forms[toks] = (key, kind)
        self.max_len = max(self.max_len, len(toks))
        self.first_tokens.add(toks[0])

    def lookup(self, toks: tuple[str, ...]) -> tuple[str, FormKind] | None:
        return self.forms.get(toks)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "x"


def nisba_forms(stem: str) -> list[str]:
    """All inflections of a nisba stem, with and without the article; in a two-word nisba
    every word agrees (``كوري شمالي`` → ``الكورية الشمالية``)."""
    words = fold(stem).split()
    out = []
    for end in NISBA_ENDINGS:
        out.append(" ".join(w + end for w in words))
        out.append(" ".join("ال" + w + end for w in words))
    return out


def _countries(g: Gazetteer) -> None:
    import pycountry
    from babel import Locale

    ar, en = Locale("ar").territories, Locale("en").territories
    rows = {r["iso2"].upper(): r for r in read_rows("countries.tsv", COUNTRY_COLUMNS, ("iso2",))}
    for c in pycountry.countries:
        iso = c.alpha_2
        row = rows.get(iso, {})
        label_en = en.get(iso) or getattr(c, "common_name", None) or c.name
        label_ar = ar.get(iso) or ""
        key = slug(label_en)
        names = [n for n in [label_ar, *split(row.get("names_ar", ""))] if n]
        if not names:
            continue
        g.entries[key] = ActorEntry(key, "Country", names[0], label_en, row.get("wikidata") or None, country=key)
        g.by_iso[iso] = key
        for n in names:
            g.add_form(n, key)
        for stem in split(row.get("demonym_ar", "")):
            for form in nisba_forms(stem):
                g.add_form(form, key, "nisba")
        cap_names = split(row.get("capital_ar", ""))
        if row.get("capital_en") and cap_names:
            ckey = slug(row["capital_en"])
            if ckey in g.entries:
                ckey = f"{ckey}_{iso.lower()}"
            g.entries[ckey] = ActorEntry(
                ckey,
                "Place",
                cap_names[0],
                row["capital_en"],
                row.get("capital_wikidata") or None,
                country=key,
                capital_of=key,
            )
            for n in cap_names:
                g.add_form(n, ckey)


PLACE_FILES = ("places.tsv", "places_world.tsv")


def _places(g: Gazetteer) -> None:
    for r in (r for f in PLACE_FILES for r in read_rows(f, PLACE_COLUMNS, ("id", "label_en", "label_ar"))):
        key = r["id"] if r["id"] not in g.entries else f"{r['id']}_place"
        country = g.by_iso.get(r["country"].upper()) if r["country"] else None
        g.entries[key] = ActorEntry(key, "Place", r["label_ar"], r["label_en"], r["wikidata"] or None, country=country)
        for n in [r["label_ar"], *split(r["aliases_ar"])]:
            g.add_form(n, key)


def _cities(g: Gazetteer) -> None:
    """World cities with their Arabic names from CLDR (the exemplar cities of time zones:
    نيويورك، هونغ كونغ، مدريد), after the curated places so those win. Non-Arab names also get
    the Egyptian spelling of g (هونج كونج)."""
    from babel import Locale
    from babel.core import get_global

    territory = get_global("zone_territories")
    for zone, names in Locale("ar").time_zones.items():
        name = names.get("city")
        if not name or zone.startswith("Etc/") or "،" in name or len(fold(name).replace(" ", "")) < 4:
            continue
        iso = territory.get(zone, "")
        label_en = zone.rsplit("/", 1)[-1].replace("_", " ")
        key = "city_" + slug(label_en)
        if key in g.entries or tuple(fold(name).split()) in g.forms:
            continue
        g.entries[key] = ActorEntry(key, "Place", name, label_en, None, country=g.by_iso.get(iso))
        g.add_form(name, key)


def _country_keys(g: Gazetteer, isos: tuple[str, ...]) -> set[str]:
    return {g.by_iso[c] for c in isos if c in g.by_iso}


def _egyptian_g(g: Gazetteer) -> None:
    """Foreign places and people written with the Egyptian ج for g (هونج كونج، جوتيريش) besides
    the Levantine غ."""
    arab = _country_keys(g, ARAB_STATES)
    for toks, (key, kind) in list(g.forms.items()):
        e = g.entries[key]
        if (
            kind == "name"
            and e.type in ("Place", "Country", "Person")
            and e.country not in arab
            and any("غ" in t for t in toks)
        ):
            variant = tuple(t.replace("غ", "ج") for t in toks)
            if variant not in g.forms:
                g.forms[variant] = (key, kind)
                g.first_tokens.add(variant[0])


def _actors(g: Gazetteer) -> None:
    """People and organizations; their forms take precedence over places with the same name."""
    pending: list[tuple[str, str]] = []
    for fname in ACTOR_FILES:
        columns = GROUP_COLUMNS if fname == GROUP_FILE else ACTOR_COLUMNS
        for r in read_rows(fname, columns, ("id", "type", "label_en", "label_ar")):
            if r["type"] not in TYPES:
                raise LexiconError(f"{r['_line']}: type '{r['type']}' is not one of {', '.join(TYPES)}")
            key = r["id"]
            if key in g.entries and g.entries[key].type != "Country":
                raise LexiconError(f"{r['_line']}: id '{key}' is used twice")
            g.entries[key] = _actor_entry(g, r, _group(g, r) if fname == GROUP_FILE else None)
            pending += [(n, key) for n in [r["label_ar"], *split(r["aliases_ar"])]]
    # A country and its government are one actor (الحكومة الجزائرية is Algeria), unless the
    # article names a specific body (حكومة الوفاق الوطني keeps its own entry).
    alias_of = {
        key: e.country
        for key, e in g.entries.items()
        if key.endswith("_government")
        and e.type == "Organization"
        and e.country
        and e.role_en == "government"
        and key not in SPECIFIC_GOVERNMENTS
    }
    pending = [(n, alias_of.get(key, key)) for n, key in pending]
    # actor forms override gazetteer forms of places (e.g. a person's surname that is also a town)
    for n, key in pending:
        toks = tuple(fold(n).split())
        if toks and (toks not in g.forms or g.entries[g.forms[toks][0]].type == "Place"):
            g.forms[toks] = (key, "name")
            g.max_len = max(g.max_len, len(toks))
            g.first_tokens.add(toks[0])


def _actor_entry(g: Gazetteer, r: dict[str, str], group: str | None) -> ActorEntry:
    return ActorEntry(
        r["id"],
        r["type"],
        r["label_ar"],
        r["label_en"],
        r["wikidata"] or None,
        country=g.by_iso.get(r["country"].upper()) if r["country"] else None,
        role_en=next(iter(split(r["role_en"])), None),
        org=r["org"] or None,
        group=group,
    )


def _group(g: Gazetteer, r: dict[str, str]) -> str:
    """A generic group's role, checked; the PLOVER types it is the implicit actor of are noted."""
    if r["group_role"] and r["group_role"] not in GROUP_ROLES:
        raise LexiconError(f"{r['_line']}: group_role '{r['group_role']}' is not one of {', '.join(GROUP_ROLES)}")
    for plover in split(r["agent_of"]):
        if plover not in PLOVER_TYPES:
            raise LexiconError(f"{r['_line']}: agent_of '{plover}' is not a PLOVER type ({', '.join(PLOVER_TYPES)})")
        if plover in g.implicit_agents:
            raise LexiconError(f"{r['_line']}: {plover} already has an implicit actor, '{g.implicit_agents[plover]}'")
        g.implicit_agents[plover] = r["id"]
    return r["group_role"]


def _titles(g: Gazetteer) -> None:
    for r in read_rows("titles.tsv", TITLE_COLUMNS, ("title_ar", "role_en")):
        toks = tuple(fold(r["title_ar"]).split())
        if toks:
            g.titles[toks] = Title(r["role_en"], r["kind"] or "official")
            g.title_words.add(toks[0])
            g.title_vocab.update(toks)
    for r in read_rows("names_romanization.tsv", NAME_COLUMNS, ("ar", "en")):
        g.name_parts.setdefault(fold(r["ar"]), r["en"])
    for r in read_rows("given_names.tsv", ("ar", "en", "origin"), ("ar", "en")):
        toks = tuple(fold_names(r["ar"]).split())
        if toks:
            g.given_names.setdefault(toks, r["en"])
            g.given_origin.setdefault(toks, r["origin"])
            g.given_first.add(toks[0])
            g.name_parts.setdefault(" ".join(toks), r["en"])


def _surnames(g: Gazetteer) -> None:
    """News names known people by surname alone (بوتفليقة، شيراك، السنيورة): the last word of a
    lexicon person's names becomes a form of its own when no other person shares it and it is
    nothing else — not a name, place, nisba, given name, common name part, title or common word.
    Short surnames (عون) and short ones with the article (الأسد) stay out: too often words."""
    common = word_set("common_words.tsv")
    nasab = name_words()["nasab"]  # ابن عربي، آل مكتوم: no surname of its own
    arab = _country_keys(g, ARAB_STATES)
    family_first = _country_keys(g, FAMILY_NAME_FIRST)  # شي جين بينغ: بينغ is no surname
    owners: dict[str, set[str]] = {}
    for toks, (key, _kind) in g.forms.items():
        # from "given name … surname" only: not ابن عربي (a nasab), not موسيقار الأجيال (a sobriquet)
        if (
            len(toks) >= 2
            and g.entries[key].type == "Person"
            and toks[-2] not in nasab
            and g.entries[key].country not in family_first
            and ((toks[0],) in g.given_names or toks[0] in g.name_parts or " ".join(toks[:2]) in g.name_parts)
        ):
            owners.setdefault(toks[-1], set()).add(key)
    for w, keys in owners.items():
        bare = w[2:] if w.startswith("ال") else w
        shortest = 5 if any(g.entries[k].country in arab for k in keys) else 4  # خلاف، جراد are words
        if (
            len(bare) >= shortest
            and (w,) not in g.forms
            and (w,) not in g.given_names
            and (w.startswith("ال") or w not in g.name_parts and bare not in g.name_parts)
            and w not in common
            and w not in g.title_vocab
            and (len(w) >= 6 or not w.startswith("ال"))
        ):
            if len(keys) == 1:
                g.add_form(w, next(iter(keys)))
                continue
            # shared by several known people (المالكي، الحريري): a person of that family name,
            # linked to the article's own bearer when it names one (see mentions._own_surnames)
            label_en = g.entries[sorted(keys)[0]].label_en.split()[-1]
            key = SURNAME + slug(label_en)
            if key not in g.entries:
                g.entries[key] = ActorEntry(key, "Person", w, label_en, None, role_en="family name")
            g.add_form(w, key)


def entry_entity(entry: ActorEntry) -> Entity:
    """The document Entity for a lexicon entry."""
    return Entity(
        entry.key,
        entry.type,
        entry.label_ar,
        entry.label_en,
        entry.wikidata,
        country=entry.country,
        role_en=entry.role_en,
        group=entry.group,
    )


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer built once per process from the data files."""
    g = Gazetteer()
    _countries(g)
    _actors(g)
    _places(g)
    _cities(g)
    _egyptian_g(g)
    _titles(g)
    _surnames(g)
    return g
