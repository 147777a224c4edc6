"""The shipped model and its decoder: it loads, tags a known pattern, and decodes exactly as
python-crfsuite does."""

import gzip
import subprocess
import sys

import pycrfsuite
import pytest

from kg.errors import KGError
from kg.extract.ner import tag_sentences
from kg.extract.tagger.features import document_dynamics, document_features
from kg.extract.tagger.model import Model, default_model, model_path

SENTS = [
    ["وقال", "الرئيس", "الأمريكي", "جورج", "بوش", "إن", "بلاده", "ستدعم", "العراق"],
    ["وزار", "وزير", "الخارجية", "الفرنسي", "باريس", "أمس"],
    ["أعلنت", "منظمة", "الصحة", "العالمية", "اليوم", "أن", "الوباء", "انتشر"],
    ["وصل", "محمد", "إلى", "بيروت"],
]
LABELS = [
    ["O", "O", "O", "B-PERS", "I-PERS", "O", "O", "O", "B-LOC"],
    ["O", "O", "O", "O", "B-LOC", "O"],
    ["O", "B-ORG", "I-ORG", "I-ORG", "O", "O", "O", "O"],
    ["O", "B-PERS", "O", "B-LOC"],
]


def test_the_shipped_model_is_small_and_loads():
    assert model_path().stat().st_size < 5_000_000
    m = default_model()
    assert {"O", "B-PERS", "I-PERS", "B-LOC", "B-ORG"} <= set(m.labels)


def test_the_shipped_model_tags_a_title_and_a_name_as_a_person():
    toks = ["وقال", "الرئيس", "الأمريكي", "جورج", "بوش", "إن", "بلاده", "لن", "تنسحب"]
    assert tag_sentences([toks])[0][1:5] == ["O", "O", "B-PERS", "I-PERS"]


def test_the_decoder_agrees_with_crfsuite(tmp_path):
    rules = [["O"] * len(s) for s in SENTS]
    kinds = [["O"] * len(s) for s in SENTS]
    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.set_params({"c1": 0.0, "c2": 0.01, "max_iterations": 30, "feature.possible_transitions": True})
    for x, y in zip(document_features(SENTS, rules, kinds), LABELS):
        trainer.append(x, y)
    path = tmp_path / "m.crfsuite"
    trainer.train(str(path))
    reference = pycrfsuite.Tagger()
    reference.open(str(path))
    model = Model.from_crfsuite(path)
    ours = model.tag(SENTS, document_dynamics(SENTS, rules, kinds))
    theirs = [reference.tag(x) for x in document_features(SENTS, rules, kinds)]
    assert ours == theirs
    for i, x in enumerate(document_features(SENTS, rules, kinds)):
        reference.set(x)
        p = model.marginals(model.emissions(SENTS, document_dynamics(SENTS, rules, kinds)))[i]
        assert p.sum(axis=1) == pytest.approx([1.0] * len(x))
        for t in range(len(x)):
            for y in model.labels:
                assert p[t, model.labels.index(y)] == pytest.approx(reference.marginal(y, t), abs=1e-6)


def test_a_saved_model_reads_back_the_same(tmp_path):
    m = default_model()
    m.save(tmp_path / "copy.crf.gz")
    back = Model.load(tmp_path / "copy.crf.gz")
    assert back.labels == m.labels
    assert (back.transitions == pytest.approx(m.transitions, abs=1e-5)) is True
    assert back.features.keys() == m.features.keys()


def test_a_missing_or_foreign_model_file_says_how_to_rebuild_it(tmp_path):
    with pytest.raises(KGError, match="python -m kg.extract.tagger train"):
        Model.load(tmp_path / "none.crf.gz")
    bad = tmp_path / "bad.crf.gz"
    with gzip.open(bad, "wt") as fh:
        fh.write("something else\n")
    with pytest.raises(KGError, match="no kg tagger model"):
        Model.load(bad)


def test_sentences_without_tokens_keep_their_place():
    m = default_model()
    rules = [["O"] * len(s) for s in ([], SENTS[3])]
    out = m.tag([[], SENTS[3]], document_dynamics([[], SENTS[3]], rules, rules))
    assert out[0] == [] and len(out[1]) == len(SENTS[3])


def test_tagging_imports_neither_torch_nor_crfsuite():
    code = (
        "import sys\n"
        "from kg.extract.ner import tag_sentences\n"
        "from kg.model import Document\n"
        "from kg.pipeline import Pipeline\n"
        "tag_sentences([['وقال', 'الرئيس', 'جورج', 'بوش']])\n"
        "Pipeline()(Document('x', 'وقال الرئيس جورج بوش إن بلاده لن تنسحب.'))\n"
        "print(sorted(m for m in ('torch', 'transformers', 'pycrfsuite') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_one_sentence_decodes_as_in_a_batch_even_on_ties():
    import numpy as np

    m = default_model()
    rng = np.random.default_rng(7)
    for scale in (0.01, 1.0, 3.0):
        for _ in range(100):
            e = np.round(rng.normal(size=(int(rng.integers(1, 60)), len(m.labels))) * scale, 1)  # ties too
            assert m._viterbi_one(e) == m._viterbi([e])[0]


def test_new_words_score_as_the_sum_of_their_features_weights():
    import numpy as np

    from kg.extract.tagger.features import CONTEXT, context_features, word_features

    m = default_model()
    words = ["وزير", "الخارجية", "عبد", "القادر", "مساهل", "«", "2018", "Trump", "والجزائر"]
    got = m._scores(words)
    for i, w in enumerate(words):
        want = [m._score(word_features(w))] + [m._score(context_features(w, o)) for o in CONTEXT]
        assert all(np.array_equal(got[i, k], want[k]) for k in range(len(want))), w
