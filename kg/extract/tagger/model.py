"""The shipped model (a CRF trained on ANERcorp's train split, see NOTICE): loading, decoding
and label probabilities.

python-crfsuite trains the CRF; what ships is its non-zero weights as text (``MODEL_NAME``,
gzip), decoded here with numpy. A linear CRF's score of a label at a token is the sum of the
weights of the token's features, so the part that comes from a word (its own features and
those it gives its neighbours) is summed once per word and cached; Viterbi runs over all the
sentences of a document at once."""

from __future__ import annotations

import gzip
from collections.abc import Sequence
from functools import lru_cache
from importlib.resources import files
from itertools import chain, compress, repeat
from operator import is_not
from pathlib import Path
from typing import cast

import numpy as np

from kg.errors import KGError
from kg.extract.tagger.features import CONTEXT, CONTEXT_SIZE, Dynamic, Window, window_strings, word_features

MODEL_NAME = "anercorp.crf.gz"
FORMAT = "kg-crf 1"
TRAIN_HINT = "rebuild it with `python -m kg.extract.tagger train ../shared/eval/anercorp/train.txt`"
OFFSETS = (0, *CONTEXT)
BATCH = 64  # sentences decoded together
WORD_TABLE = 50_000  # words whose scores are kept (news repeats its words): 18 MB
CONTEXT_TABLE = 200_000  # features whose rows at the neighbours' offsets are kept
_CONTEXT_PREFIXES = tuple(f"{o}:" for o in CONTEXT)  # -2:w=…
_NO_CONTEXT: tuple[None, ...] = (None,) * len(CONTEXT)  # what a feature no neighbour weighs gives
_total = np.add.reduce  # what ndarray.sum calls, without its Python wrapper (each step of marginals)


def model_path() -> Path:
    """Where the shipped model lies in the package."""
    return Path(str(files("kg") / "extract" / "tagger" / MODEL_NAME))


class Model:
    """CRF weights: ``labels``, ``transitions[a, b]`` (label a then b) and one row of label
    weights per feature."""

    def __init__(self, labels: Sequence[str], transitions: np.ndarray, features: dict[str, np.ndarray]) -> None:
        self.labels = tuple(labels)
        self.transitions = transitions
        names = sorted(features)
        self._row = {a: i for i, a in enumerate(names)}
        self._zero = np.zeros(len(self.labels))
        # the features' rows, then a row of zeros (``_pad``) that pads sums of fewer features
        self._weights = np.array([*(features[a] for a in names), self._zero])
        self._pad = len(names)
        self._word_ids: dict[str, int] = {}
        nl = len(self.labels)
        self._start_transitions = np.full((nl + 1, nl + 1), -np.inf)  # the labels and a start label
        self._start_transitions[:nl, :nl] = transitions
        self._start_transitions[nl, :] = 0.0
        self._into = np.ascontiguousarray(transitions.T)
        self._start_into = np.ascontiguousarray(self._start_transitions.T).ravel()
        self._froms = np.tile(np.arange(nl + 1), nl + 1)
        self._first = np.arange(nl) * nl
        self._word_table = np.zeros((1024, len(OFFSETS), len(self.labels)))
        self._windows: dict[Window, int] = {}
        self._seen_rows: dict[str, int | None] = {}  # a type the rules gave the word -> row of d=…
        self._context: dict[str, tuple[int | None, ...]] = {}
        # the features some neighbour has a weight for (``-1:w=…`` makes ``w=…`` one): most words'
        # own ``w=…`` and ``s=…`` are not, and need no lookup at each offset
        self._given_features = frozenset(a.split(":", 1)[1] for a in self._row if a.startswith(_CONTEXT_PREFIXES))
        self._window_matrix = np.zeros((256, len(self.labels)))  # a row per window, grown by doubling

    @property
    def features(self) -> dict[str, np.ndarray]:
        """The label weights of each feature."""
        return {a: self._weights[i] for a, i in self._row.items()}

    @classmethod
    def from_crfsuite(cls, path: Path) -> Model:
        """The non-zero weights of a model python-crfsuite wrote."""
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        info = tagger.info()
        labels = sorted(info.labels, key=lambda y: int(info.labels[y]))
        index = {y: i for i, y in enumerate(labels)}
        trans = np.zeros((len(labels), len(labels)))
        for (a, b), w in info.transitions.items():
            trans[index[a], index[b]] = w
        feats: dict[str, np.ndarray] = {}
        for (attr, y), w in info.state_features.items():
            feats.setdefault(attr, np.zeros(len(labels)))[index[y]] = w
        tagger.close()
        return cls(labels, trans, feats)

    @classmethod
    def load(cls, path: Path) -> Model:
        """Read a model written by ``save``; a clear error when it is missing or not one."""
        try:
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                lines = fh.read().splitlines()
        except FileNotFoundError:
            raise KGError(f"the tagger's model is missing at {path}; {TRAIN_HINT}") from None
        except (OSError, EOFError, UnicodeDecodeError) as e:
            raise KGError(f"cannot read the tagger's model {path} ({e}); {TRAIN_HINT}") from None
        body = [ln for ln in lines if not ln.startswith("#")]
        if not body or body[0] != FORMAT:
            raise KGError(f"{path} is no kg tagger model (first line is not '{FORMAT}'); {TRAIN_HINT}")
        labels = body[1].split("\t")[1:]
        index = {y: i for i, y in enumerate(labels)}
        trans = np.zeros((len(labels), len(labels)))
        rows: dict[str, int] = {}
        cells: list[tuple[int, int, float]] = []
        for ln in body[2:]:
            kind, a, y, w = ln.split("\t")
            if kind == "T":
                trans[index[a], index[y]] = float(w)
            else:
                cells.append((rows.setdefault(a, len(rows)), index[y], float(w)))
        weights = np.zeros((len(rows), len(labels)))
        if cells:
            at_row, at_col, value = zip(*cells)
            weights[list(at_row), list(at_col)] = value
        return cls(labels, trans, dict(zip(rows, weights)))

    def save(self, path: Path, comment: str = "") -> None:
        """Write the weights as sorted text lines, gzip'd without a timestamp (same model, same bytes)."""
        out = [f"# {line}" for line in comment.splitlines()]
        out += [FORMAT, "\t".join(["labels", *self.labels])]
        for i, a in enumerate(self.labels):
            for j, b in enumerate(self.labels):
                if self.transitions[i, j]:
                    out.append(f"T\t{a}\t{b}\t{self.transitions[i, j]:.6g}")
        for attr in sorted(self._row):
            row = self._weights[self._row[attr]]
            for j, y in enumerate(self.labels):
                if row[j]:
                    out.append(f"S\t{attr}\t{y}\t{row[j]:.6g}")
        with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as fh:
            fh.write(("\n".join(out) + "\n").encode("utf-8"))

    def _score(self, attrs: Sequence[str]) -> np.ndarray:
        rows = [r for r in map(self._row.get, attrs) if r is not None]
        return self._weights[rows].sum(axis=0) if rows else self._zero

    def _word_rows(self, words: Sequence[str]) -> np.ndarray:
        """Scores each word gives at each offset of ``OFFSETS`` (its own position, its
        neighbours'): tokens x offsets x labels, from a table that keeps each word once."""
        ids = self._word_ids
        if len(ids) + len(words) > WORD_TABLE:
            ids.clear()  # a long run of new words: start the table afresh
        found = list(map(ids.get, words))
        new = []
        if None in found:  # new words take the next rows, in the order they first come
            for k, i in enumerate(found):
                if i is None:
                    i = ids.get(words[k])
                    if i is None:
                        i = ids[words[k]] = len(ids)
                        new.append(words[k])
                    found[k] = i
        out = cast(list[int], found)
        if new:
            first = len(ids) - len(new)
            if len(ids) > len(self._word_table):
                size = len(self._word_table)
                while size < len(ids):  # one document of more words than WORD_TABLE: as many
                    size = min(2 * size, max(WORD_TABLE, len(ids)))
                grown = np.zeros((size, len(OFFSETS), len(self.labels)))
                grown[: len(self._word_table)] = self._word_table
                self._word_table = grown
            self._word_table[first : len(ids)] = self._scores(new)
        return self._word_table[out]

    def _scores(self, words: list[str]) -> np.ndarray:
        """The rows of new words for ``_word_rows`` (words x offsets x labels): each the sum of
        its features' weights, added in the features' order (as ``_score`` adds them, so the
        sums are the same to the last bit), all the words' at once: their own features in one
        matrix, the fewer they give their neighbours in another."""
        own: list[list[int]] = []
        near: list[list[int]] = []  # the rows a word gives each offset of CONTEXT, in turn
        known, any_row = self._context, self._given_features
        row = self._row.get
        for w in words:
            feats = word_features(w)
            own.append([r for r in map(row, feats) if r is not None])
            given = [
                known[x] if x in known else self._context_rows(x) if x in any_row else _NO_CONTEXT
                for x in feats[:CONTEXT_SIZE]
            ]
            near += ([i for i in column if i is not None] for column in zip(*given))
        out = np.empty((len(words), len(OFFSETS), len(self.labels)))
        out[:, 0] = self._summed(own)
        out[:, 1:] = self._summed(near).reshape(len(words), len(CONTEXT), len(self.labels))
        return out

    def _summed(self, segments: list[list[int]]) -> np.ndarray:
        """The sum of the weight rows of each segment (segments x labels), added in order."""
        width = max(1, *map(len, segments))
        pad = [self._pad] * width  # a row of zeros: x + 0.0 is x
        index = np.array([rows + pad[len(rows) :] for rows in segments], dtype=np.intp)
        # segments x width x labels, summed left to right (accumulate adds in order, one by one)
        return np.add.accumulate(self._weights[index], axis=1)[:, -1]

    def _context_rows(self, feature: str) -> tuple[int | None, ...]:
        """Rows of what a word's ``feature`` tells its neighbour at each offset of ``CONTEXT``
        (``-1:w=…``), or None where the model has no weight for it (few distinct: cached)."""
        hit = self._context.get(feature)
        if hit is None:
            if len(self._context) > CONTEXT_TABLE:
                self._context.clear()  # most are one word's own (w=…, s=…): a long run starts afresh
            hit = self._context[feature] = tuple(map(self._row.get, [p + feature for p in _CONTEXT_PREFIXES]))
        return hit

    def _window(self, window: Window) -> int:
        """Row of the summed weights of a rules' window (few distinct windows: cached)."""
        hit = self._windows.get(window)
        if hit is None:
            hit = self._windows[window] = len(self._windows)
            if hit >= len(self._window_matrix):
                grown = np.zeros((2 * len(self._window_matrix), len(self.labels)))
                grown[:hit] = self._window_matrix
                self._window_matrix = grown
            self._window_matrix[hit] = self._score(window_strings(window))
        return hit

    def emissions(self, sentences: Sequence[Sequence[str]], dynamic: Sequence[Dynamic]) -> list[np.ndarray]:
        """Label scores of each token of each sentence (n x labels a sentence): the words'
        cached parts and the features that depend on the rules and the document (``dynamic``)."""
        lengths = [len(t) for t in sentences]
        total = sum(lengths)
        if not total:
            return [np.zeros((0, len(self.labels))) for _ in sentences]
        words = self._word_rows(list(chain.from_iterable(sentences)))  # tokens x offsets x labels
        e = words[:, 0, :].copy()
        sid = np.repeat(np.arange(len(lengths)), lengths)
        one = total in lengths  # one sentence has every token: no part is masked (x * True is x)
        for k, off in enumerate(CONTEXT, 1):
            if abs(off) >= total:
                continue
            if off < 0:  # the word `off` before gives its part to this token, within a sentence
                e[-off:] += words[:off, k, :] if one else words[:off, k, :] * (sid[-off:] == sid[:off])[:, None]
            else:
                e[:-off] += words[off:, k, :] if one else words[off:, k, :] * (sid[:-off] == sid[off:])[:, None]
        windows = list(chain.from_iterable(dyn.windows for dyn in dynamic))
        known = list(map(self._windows.get, windows))
        wins = [self._window(w) if i is None else i for i, w in zip(known, windows)] if None in known else known
        e += self._window_matrix[cast(list[int], wins)]
        at, rows = self._dynamic_rows(dynamic)
        if rows:  # each token's pair, then the types it was seen with, in that order
            np.add.at(e, np.array(at), self._weights[rows])
        out, k = [], 0
        for n in lengths:
            out.append(e[k : k + n])
            k += n
        return out

    def _dynamic_rows(self, dynamic: Sequence[Dynamic]) -> tuple[list[int], list[int]]:
        """(token, row) of the features of the document's tokens besides the words' and the
        window's: the pair of words a token ends (``ww=previous|word``), then the types the
        rules gave the word elsewhere (``d=PERS``); tokens count over all the sentences."""
        found = list(map(self._row.get, chain.from_iterable(dyn.pairs for dyn in dynamic)))
        weighed = list(map(is_not, found, repeat(None)))  # row 0 is a row: not its truth
        at = list(compress(range(len(found)), weighed))
        rows = cast(list[int], list(compress(found, weighed)))
        seen = list(chain.from_iterable(dyn.seen for dyn in dynamic))
        for i in compress(range(len(seen)), seen):
            for t in seen[i]:
                r = self._seen_rows.get(t, -1)
                if r == -1:
                    r = self._seen_rows[t] = self._row.get("d=" + t)
                if r is not None:
                    at.append(i)
                    rows.append(r)
        return at, rows

    def decode(self, emissions: Sequence[np.ndarray]) -> list[list[str]]:
        """Viterbi labels of sentences, decoded together in batches of similar length."""
        order = sorted(range(len(emissions)), key=lambda i: len(emissions[i]))
        out: list[list[str]] = [[] for _ in emissions]
        for k in range(0, len(order), BATCH):
            batch = [i for i in order[k : k + BATCH] if len(emissions[i])]
            if len(batch) == 1:  # most documents of a sentence or two
                out[batch[0]] = self._viterbi_one(emissions[batch[0]])
                continue
            for i, labels in zip(batch, self._viterbi([emissions[i] for i in batch])):
                out[i] = labels
        return out

    def _viterbi_one(self, emissions: np.ndarray) -> list[str]:
        """Viterbi labels of one sentence: ``_viterbi``'s path (the same sums and the same first
        best label on a tie) without its start label, which one sentence does not need."""
        into = self._into  # transitions[from, to] as [to, from]: each step reduces its rows
        score = emissions[0]
        back = []
        first = self._first  # where each label's row of candidates begins in the flat matrix
        for t in range(1, len(emissions)):
            cand = into + score
            best = cand.argmax(axis=1)
            back.append(best)
            score = cand.take(best + first)  # the maxima, read at the argmax (take reads it flat)
            score += emissions[t]
        y = int(score.argmax())
        path = [y]
        for best in reversed(np.array(back).tolist() if back else []):
            y = best[y]
            path.append(y)
        labels = self.labels
        return [labels[y] for y in reversed(path)]

    def _viterbi(self, emissions: list[np.ndarray]) -> list[list[str]]:
        """Sentences aligned on their last token; before its first token a sentence sits in an
        extra start label that costs nothing to stay in or to leave, so no step needs a mask.
        Each step lays every label's candidates (the score of each label before it plus the
        transition) side by side in a row, takes the first best of each with one argmax and
        reads the best scores at those places (the maximum itself, without a second pass)."""
        if not emissions:
            return []
        nl, b = len(self.labels), len(emissions)
        w = nl + 1
        lengths = [len(e) for e in emissions]
        size = max(lengths)
        em = np.full((size, b, w), -np.inf)
        for i, e in enumerate(emissions):
            em[size - len(e) :, i, :nl] = e
            em[: size - len(e), i, nl] = 0.0
        steps = em.reshape(size, b * w)  # each step's scores flat: sentence by sentence, label by label
        into = np.tile(self._start_into, b)  # transitions[from, to] as [to, from], for each sentence
        froms = (np.arange(b)[:, None] * w + self._froms).ravel()  # where each candidate's score lies
        first = np.arange(b * w) * w  # where each sentence's label's candidates begin
        score = steps[0]
        back = np.empty((size, b * w), dtype=np.intp)
        for t in range(1, size):
            cand = score.take(froms)  # sentence x to x from: score[from] + transitions[from, to]
            cand += into
            best = back[t]
            cand.reshape(-1, w).argmax(axis=1, out=best)
            score = cand.take(best + first)
            score += steps[t]
        path = np.empty((size, b), dtype=np.intp)
        path[-1] = score.reshape(b, w).argmax(axis=1)
        rows = np.arange(b) * w
        for t in range(size - 1, 0, -1):
            path[t - 1] = back[t].take(rows + path[t])
        labels = self.labels
        return [[labels[y] for y in row[size - n :]] for row, n in zip(path.T.tolist(), lengths)]

    def marginals(self, emissions: Sequence[np.ndarray]) -> list[np.ndarray]:
        """P(label at token) of each sentence (n x labels), by forward-backward over all the
        sentences at once; each step is rescaled, so no logarithms are needed."""
        nl, b = len(self.labels), len(emissions)
        if not b:
            return []
        lengths = np.array([len(e) for e in emissions])
        size = int(lengths.max())
        pot = np.ones((b, size, nl))  # exp(emission), 1 past a sentence's end
        for i, e in enumerate(emissions):
            pot[i, : len(e)] = np.exp(e - e.max(axis=1, keepdims=True))
        step = np.exp(self.transitions - self.transitions.max())
        back = step.T
        alpha = np.empty((b, size, nl))
        beta = np.ones((b, size, nl))
        alpha[:, 0] = pot[:, 0] / pot[:, 0].sum(axis=1, keepdims=True)
        live = (lengths[:, None] > np.arange(size))[:, :, None]  # sentence x token x 1
        shortest = int(lengths.min())  # before it every sentence goes on: no row to keep
        for t in range(1, size):
            prev = alpha[:, t - 1]
            a = (prev @ step if t < shortest else np.where(live[:, t], prev @ step, prev)) * pot[:, t]
            alpha[:, t] = a / _total(a, axis=1, keepdims=True)  # an ended sentence's row stays as it was
        for t in range(size - 2, -1, -1):
            nxt = pot[:, t + 1] * beta[:, t + 1]
            v = nxt @ back if t + 1 < shortest else np.where(live[:, t + 1], nxt @ back, nxt)
            beta[:, t] = v / _total(v, axis=1, keepdims=True)
        p = alpha * beta
        p /= p.sum(axis=2, keepdims=True)
        return [p[i, :n] for i, n in enumerate(lengths.tolist())]

    def tag(self, tokens: Sequence[Sequence[str]], dynamic: Sequence[Dynamic]) -> list[list[str]]:
        """Labels of sentences of tokens, given each token's dynamic features (``document_dynamics``)."""
        emissions = self.emissions(tokens, dynamic)
        decoded = iter(self.decode([e for e in emissions if len(e)]))
        return [next(decoded) if len(e) else [] for e in emissions]


@lru_cache(maxsize=1)
def default_model() -> Model:
    """The shipped model, loaded once per process (from the cache an earlier run left when it
    can, ``kg.lexicon.cache``)."""
    from kg.lexicon.cache import cached

    return cached("tagger", lambda: Model.load(model_path()), Model)
