"""Words by kind: the function words that change how a sentence is read (``markers.tsv``:
negation, future, speech, light verbs, prepositions …) and the words the mention stage reads
around names (``name_words.tsv``: stop words, name particles, heads of organizations …).

Each file is two columns (word, kind); a kind that is not declared here is an error naming its
line, so a misspelt kind fails when the file is read, not silently when a rule looks it up.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from itertools import compress

from kg.arabic.clitics import Clitic, CliticRule, strip_clitic
from kg.arabic.normalize import fold
from kg.errors import LexiconError
from kg.lexicon.tsv import read_rows

MARKERS = "markers.tsv"
NAME_WORDS = "name_words.tsv"
KINDS: dict[str, tuple[str, ...]] = {
    MARKERS: (
        "negation",
        "future",
        "conditional",
        "speech",
        "light",
        "begin",
        "pair",
        "complementizer",
        "occurrence",
        "abstract",
        "preposition",
        "agent_by",
        "verb_leader",
        "jussive_leader",
        "before_subject",
        "preverb",
        "that_pronoun",
        "title_link",
        "denial",
        "invitation",
        "time_anchor",
        "agent",
        "victim",
        "casualty",
        "casualty_counted",
        "number",
        "count",
        "head_of",
        "kingdom",
        "passive_follower",
        "irrealis",
        "possible",
        "relative",
        "clause_joiner",
        "or_joiner",
        "plan",
        "cause",
        "result",
        "question",
        "sentencing",
        "copula",
        "platform",
        "idiom_after",
        "national_after",
        "after_time",
        "delegation",
        "named_for_place",
        "courtesy",
        "sources",
        "prompting",
        "armed_anaphor",
        "follower",
        "negated_name",
        "any",
        "thousands",
        "noun_leader",
        "each",
        "clause_break",
        "attribution",
        "attribution_link",
        "held_by",
        "suffer",
        "obligation",
        "lineup",
        "burst",
        "explosion_word",
        "side",
        "government_of",
        "manner",
        "detached_pronoun",
        "during",
        "missile",
        "broke_out",
        "repel",
        "speech_present",
        "own_country",
        "counterpart",
        "terror",
        "former",
        "locative",
        "not_place_after",
        "patient_opener",
        "negation_written",
        "common_preposition",
        "state_noun",
        "org_anaphor",
        "counted_people",
        "figurative_object",
        "topic",
        "game",
        "game_venue",
        "spoken_for",
        "member",
        "about",
        "means",
        "companion",
        "partitive",
        "undergo",
        "object_pronoun",
        "link_line",
        "affiliation",
        "quoted_saying",
        "accident",
        "anonymity",
        "witnessed",
        "money",
        "planned",
        "prospect",
        "exception",
        "restrictive",
        "conditional_written",
        "citizenship",
        "claim",
    ),
    NAME_WORDS: (
        "stop",
        "said_that",
        "subject_follower",
        "addressee",
        "particle",
        "connector",
        "kunya",
        "nasab",
        "compound_tail",
        "verb_stem",
        "strong_org_head",
        "club_head",
        "team_head",
        "named_after",
        "sport_head",
        "media_head",
        "demonstrative",
        "adjective",
        "place_head",
    ),
}


@cache
def written(name: str = MARKERS) -> dict[str, frozenset[str]]:
    """The entries of each kind as the file writes them (spaces normalized, not folded)."""
    out: dict[str, set[str]] = {k: set() for k in KINDS[name]}
    for r in read_rows(name, ("word", "kind"), ("word", "kind")):
        if r["kind"] not in out:
            raise LexiconError(f"{r['_line']}: kind '{r['kind']}' is not one of {', '.join(KINDS[name])}")
        out[r["kind"]].add(" ".join(r["word"].split()))
    return {k: frozenset(v) for k, v in out.items()}


@cache
def _folded(name: str) -> dict[str, frozenset[str]]:
    return {k: frozenset(" ".join(fold(w).split()) for w in v) for k, v in written(name).items()}


@cache
def markers(name: str = MARKERS) -> dict[str, frozenset[str]]:
    """Folded words per kind (the entries of one word)."""
    return {k: frozenset(w for w in v if " " not in w) for k, v in _folded(name).items()}


@cache
def marker_phrases(name: str = MARKERS) -> dict[str, frozenset[tuple[str, ...]]]:
    """Entries of several words per kind, folded: ``عبر عن`` (expressed) is a light verb where
    ``عبر`` alone (through) is not."""
    return {k: frozenset(tuple(w.split()) for w in v if " " in w) for k, v in _folded(name).items()}


def name_words() -> dict[str, frozenset[str]]:
    """Folded words of ``name_words.tsv`` per kind."""
    return markers(NAME_WORDS)


@lru_cache(maxsize=65536)  # every stage asks it of every token: kept per word
def find_marker(word: str, kind: str, clitic: CliticRule = Clitic.CONJ, name: str = MARKERS) -> str:
    """The marker of ``kind`` that a folded word is, as it is or without a leading letter the
    ``clitic`` policy allows (``وقال`` → قال); '' when it is none."""
    found = markers(name)[kind]
    if word in found:
        return word
    bare = strip_clitic(word, clitic)
    return bare if bare in found else ""


@lru_cache(maxsize=65536)  # asked of every token of every sentence by several stages: a hit is one C call
def has_marker(word: str, kind: str, clitic: CliticRule = Clitic.CONJ, name: str = MARKERS) -> bool:
    """Is a folded word a marker of ``kind`` (see ``find_marker``)?"""
    return bool(find_marker(word, kind, clitic, name))


WORD_CACHE = 65_536  # words a kind's own cache keeps (``marker_of``)


@cache
def marker_of(kind: str, clitic: CliticRule = Clitic.CONJ) -> Callable[[str], str]:
    """``find_marker`` of one kind as a function of the word alone, with a cache of its own:
    for the rules that ask it of every word of a sentence (``map(marker_of("speech"), words)``
    costs one C call a word once the words are known). Sweeping every word through
    ``find_marker``'s shared cache would push out what the other rules keep there."""

    def find(word: str) -> str:
        return find_marker.__wrapped__(word, kind, clitic)

    return lru_cache(maxsize=WORD_CACHE)(find)


def first_marker(words: Sequence[str], kind: str, clitic: CliticRule = Clitic.CONJ) -> int:
    """Where the first marker of ``kind`` stands among ``words`` (-1: none)."""
    return next(compress(range(len(words)), map(marker_of(kind, clitic), words)), -1)


def last_marker(words: Sequence[str], kind: str, clitic: CliticRule = Clitic.CONJ) -> int:
    """Where the last marker of ``kind`` stands among ``words`` (-1: none)."""
    back = range(len(words) - 1, -1, -1)
    return next(compress(back, map(marker_of(kind, clitic), map(words.__getitem__, back))), -1)
