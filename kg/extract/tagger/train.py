"""Training and cross-validating the tagger on a CoNLL file (ANERcorp's train split).

    python -m kg.extract.tagger train ../shared/eval/anercorp/train.txt   # writes the shipped model
    python -m kg.extract.tagger cv ../shared/eval/anercorp/train.txt -o /tmp/cv.txt

Training is deterministic: the same file, lexicon and parameters give the same model bytes
(L-BFGS in one thread, a fixed number of iterations, items in file order)."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.extract.tagger.combine import combine_conll
from kg.extract.tagger.features import document_dynamics, document_features
from kg.extract.tagger.model import Model

# c1 (L1) keeps the model small: most of the ~1M candidate weights go to zero
PARAMS = {"c1": 0.1, "c2": 0.05, "max_iterations": 100, "feature.possible_transitions": True}


@dataclass(frozen=True)
class Corpus:
    """Sentences of tokens and their gold labels (IOB2, MISC kept: it teaches what is no name)."""

    tokens: list[list[str]]
    labels: list[list[str]]


def read_conll(lines: Iterable[str], where: str = "input") -> Corpus:
    """``token TAG`` lines, blank lines between sentences."""
    tokens: list[list[str]] = []
    labels: list[list[str]] = []
    cur_t: list[str] = []
    cur_l: list[str] = []
    for n, line in enumerate(lines, 1):
        parts = line.split()
        if not parts:
            if cur_t:
                tokens.append(cur_t)
                labels.append(cur_l)
                cur_t, cur_l = [], []
            continue
        if len(parts) < 2:
            raise InputError(f"{where}:{n}: expected 'token TAG', got {line.strip()!r}")
        cur_t.append(parts[0])
        cur_l.append(parts[-1])
    if cur_t:
        tokens.append(cur_t)
        labels.append(cur_l)
    return Corpus(tokens, labels)


def fit(xs: Sequence[list[list[str]]], ys: Sequence[list[str]], params: dict | None = None) -> Model:
    """A CRF trained on featurized sentences (python-crfsuite, L-BFGS)."""
    import tempfile

    import pycrfsuite

    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    trainer.set_params({**PARAMS, **(params or {})})
    for x, y in zip(xs, ys):
        trainer.append(x, y)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "model.crfsuite"
        trainer.train(str(path))
        return Model.from_crfsuite(path)


def blocks(n: int, k: int) -> list[range]:
    """``k`` contiguous blocks of ``n`` sentences (an article's sentences stay together save
    at the few cuts)."""
    edges = [round(i * n / k) for i in range(k + 1)]
    return [range(a, b) for a, b in zip(edges, edges[1:])]


def cross_validate(corpus: Corpus, k: int = 5, params: dict | None = None, workers: int = 1) -> list[list[str]]:
    """CoNLL tags for every sentence from a model trained on the other ``k - 1`` blocks, combined
    with the rules as ``kg ner`` does; each block is read as a document of its own (the rules
    see no other block)."""
    from kg.extract.ner import rule_tags  # the rules, loaded only when training

    parts = blocks(len(corpus.tokens), k)
    full, dyn, rules, kinds = [], [], [], []
    for b in parts:
        sents = [corpus.tokens[j] for j in b]
        r, m = rule_tags(sents)
        full += document_features(sents, r, m)
        dyn += document_dynamics(sents, r, m)
        rules += r
        kinds += m
    jobs = [
        (
            [full[j] for j in range(len(full)) if j not in b],
            [corpus.labels[j] for j in range(len(full)) if j not in b],
            [corpus.tokens[j] for j in b],
            [dyn[j] for j in b],
            params,
        )
        for b in parts
    ]
    if workers > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(workers) as ex:
            results = list(ex.map(_fold, jobs))
    else:
        results = [_fold(j) for j in jobs]
    learned = [labels for part in results for labels in part]
    return [combine_conll(r, m, y) for r, m, y in zip(rules, kinds, learned)]


def _fold(job: tuple) -> list[list[str]]:
    xs, ys, tokens, dyn, params = job
    return fit(xs, ys, params).tag(tokens, dyn)


def main(argv: list[str] | None = None) -> int:
    import argparse

    from kg.extract.tagger.model import model_path

    ap = argparse.ArgumentParser(prog="python -m kg.extract.tagger", description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    tr = sub.add_parser("train", help="train the model on a CoNLL file and write it (default: the shipped model)")
    tr.add_argument("conll", type=Path)
    tr.add_argument("-o", "--output", type=Path, default=None)
    cv = sub.add_parser("cv", help="k-fold cross-validation over contiguous blocks; writes `token TAG` lines")
    cv.add_argument("conll", type=Path)
    cv.add_argument("-o", "--output", type=Path, required=True)
    cv.add_argument("-k", "--folds", type=int, default=5)
    cv.add_argument("-j", "--workers", type=int, default=1)
    a = ap.parse_args(argv)
    if not a.conll.is_file():
        print(f"error: no such file {a.conll}", file=sys.stderr)
        return 2
    with open(a.conll, encoding="utf-8") as fh:
        try:
            corpus = read_conll(fh, str(a.conll))
        except InputError as e:
            print(f"error: {e}", file=sys.stderr)
            return 2
    if a.command == "train":
        from kg.extract.ner import rule_tags

        out = a.output or model_path()
        r, m = rule_tags(corpus.tokens)
        model = fit(document_features(corpus.tokens, r, m), corpus.labels)
        model.save(out, NOTE.format(name=a.conll.name, sentences=len(corpus.tokens), params=PARAMS))
        print(f"wrote {out} ({out.stat().st_size:,} bytes) from {len(corpus.tokens):,} sentences of {a.conll}")
        return 0
    tags = cross_validate(corpus, a.folds, workers=a.workers)
    with open(a.output, "w", encoding="utf-8") as fh:
        for toks, row in zip(corpus.tokens, tags):
            fh.writelines(f"{w} {t}\n" for w, t in zip(toks, row))
            fh.write("\n")
    print(f"wrote {a.output}: score it with score_ner.py against {a.conll}")
    return 0


NOTE = """kg's learned name tagger: a linear-chain CRF (python-crfsuite, L-BFGS) over kg's rules.
Trained on {name} ({sentences} sentences): ANERcorp (Benajiba et al.), CAMeL Lab split,
CC BY-SA 4.0 -- this model is a derived work under the same licence (see NOTICE).
Parameters: {params}. Rebuild: python -m kg.extract.tagger train {name}"""
