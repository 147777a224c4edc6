"""Training is one deterministic command: the same CoNLL file gives the same model bytes."""

import pytest

from kg.errors import InputError
from kg.extract.tagger.model import Model
from kg.extract.tagger.train import blocks, main, read_conll

CONLL = """وقال O
الرئيس O
جورج B-PERS
بوش I-PERS
إن O
العراق B-LOC

زار O
كوفي B-PERS
أنان I-PERS
بغداد B-LOC
أمس O

أعلنت O
منظمة B-ORG
الصحة I-ORG
العالمية I-ORG
أمس O
"""


def test_training_on_the_same_file_writes_the_same_bytes(tmp_path):
    src = tmp_path / "tiny.txt"
    src.write_text(CONLL * 3, encoding="utf-8")
    a, b = tmp_path / "a.crf.gz", tmp_path / "b.crf.gz"
    assert main(["train", str(src), "-o", str(a)]) == 0
    assert main(["train", str(src), "-o", str(b)]) == 0
    assert a.read_bytes() == b.read_bytes()
    model = Model.load(a)
    assert {"B-PERS", "I-PERS", "B-LOC", "B-ORG", "O"} <= set(model.labels)


def test_a_conll_line_without_a_tag_is_reported_with_its_line():
    with pytest.raises(InputError, match="tiny:2"):
        read_conll(["زار O", "كوفي", ""], "tiny")


def test_a_missing_file_is_one_line_and_exit_2(tmp_path, capsys):
    assert main(["train", str(tmp_path / "none.txt")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_folds_are_contiguous_blocks_covering_every_sentence():
    parts = blocks(10, 3)
    assert [list(p) for p in parts] == [[0, 1, 2], [3, 4, 5, 6], [7, 8, 9]]
