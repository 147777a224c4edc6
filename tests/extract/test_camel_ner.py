"""camel-tools NER as an optional stage: IOB labels become Person/Place/Organization mentions
for spans the lexicon missed. Most tests use a stand-in recognizer that labels known words; the
slow test loads a tiny BERT model the test builds and saves itself (nothing downloaded)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.errors import KGError
from kg.extract import camel_ner
from kg.extract.camel_ner import iob_spans, ner_mentions
from kg.model import Document
from kg.pipeline import Pipeline

LEXICON = Pipeline(("sentences", "tokens", "mentions"))
TOKENS = Pipeline(("sentences", "tokens"))
CAMEL_LABELS = ["B-LOC", "B-ORG", "B-PERS", "B-MISC", "I-LOC", "I-ORG", "I-PERS", "I-MISC", "O"]


class WordLabels:
    """A recognizer that labels the words it knows and everything else O."""

    def __init__(self, labels: dict[str, str]):
        self.labels = labels
        self.calls: list[list[list[str]]] = []

    def predict(self, sentences):
        self.calls.append(sentences)
        return [[self.labels.get(w, "O") for w in s] for s in sentences]


def found(doc):
    ents = {e.id: e for e in doc.entities}
    return [(m.text, ents[m.entity_id].type, m.kind) for m in doc.mentions]


@pytest.mark.parametrize(
    "labels, spans",
    [
        (["O", "B-PERS", "I-PERS", "O"], [(1, 2, "PERS")]),
        (["B-LOC", "B-LOC"], [(0, 0, "LOC"), (1, 1, "LOC")]),
        (["O", "I-ORG", "I-ORG"], [(1, 2, "ORG")]),  # I- without B- still starts a span
        (["B-PERS", "I-LOC"], [(0, 0, "PERS"), (1, 1, "LOC")]),  # a type change ends a span
        (["B-ORG", "O", "I-ORG"], [(0, 0, "ORG"), (2, 2, "ORG")]),
        (["O", "O"], []),
        ([], []),
    ],
)
def test_iob_labels_become_word_spans(labels, spans):
    assert iob_spans(labels) == spans


def test_people_places_and_organizations_the_lexicon_missed_are_added():
    doc = LEXICON(Document("t", "قال الدباغ إن جمعية الرحمة ستبني مدرسة في كفرسلوان."))
    rec = WordLabels({"الدباغ": "B-PERS", "جمعية": "B-ORG", "الرحمة": "I-ORG", "كفرسلوان": "B-LOC"})
    out = ner_mentions(doc, rec)
    assert found(out) == [
        ("الدباغ", "Person", "ner"),
        ("جمعية الرحمة", "Organization", "ner"),
        ("كفرسلوان", "Place", "ner"),
    ]
    person = out.entity("person_al_dbagh")
    assert person is not None and person.label_ar == "الدباغ" and person.label_en == "al-dbagh"
    assert out.entity("place_kfrslouan").label_en == "Kfrslouan"


def test_spans_the_lexicon_already_read_are_kept_as_they_are():
    doc = LEXICON(Document("t", "وصل وفد ليبيا إلى غدامس"))
    rec = WordLabels({"ليبيا": "B-ORG", "غدامس": "B-PERS", "وفد": "B-ORG"})
    out = ner_mentions(doc, rec)
    assert [(m.text, m.entity_id, m.kind) for m in out.mentions] == [
        ("وفد", "org_wfd", "ner"),
        ("ليبيا", "libya", "name"),
        ("غدامس", "ghadames", "name"),
    ]
    assert out.entity("libya").type == "Country"


def test_a_person_gets_the_id_the_name_patterns_give_the_same_name():
    by_lexicon = LEXICON(Document("a", "وصل سالم الدباغ إلى غدامس"))
    (lexicon_id,) = [m.entity_id for m in by_lexicon.mentions if m.text == "سالم الدباغ"]
    doc = TOKENS(Document("b", "تحدث سالم الدباغ"))
    out = ner_mentions(doc, WordLabels({"سالم": "B-PERS", "الدباغ": "I-PERS"}))
    assert [m.entity_id for m in out.mentions] == [lexicon_id]


def test_one_entity_for_a_name_found_twice():
    doc = TOKENS(Document("t", "زار الدباغ كفرسلوان. ثم غادر الدباغ كفرسلوان."))
    out = ner_mentions(doc, WordLabels({"الدباغ": "B-PERS", "كفرسلوان": "B-LOC"}))
    assert len(out.mentions) == 4
    assert sorted(e.id for e in out.entities) == ["person_al_dbagh", "place_kfrslouan"]


@pytest.mark.parametrize(
    "word, label, mention",
    [
        ("والقاهرة", "B-LOC", "القاهرة"),  # و before the article is the conjunction
        ("بالزاوية", "B-LOC", "الزاوية"),
        ("وبالزاوية", "B-ORG", "الزاوية"),
        ("ومحمد", "B-PERS", "محمد"),  # و before a known name part
        ("فمحمد", "B-PERS", "محمد"),
        ("وليد", "B-PERS", "وليد"),  # a name that starts with و keeps it
        ("ووليد", "B-PERS", "وليد"),
        ("وهران", "B-LOC", "وهران"),  # not a person: و is part of the place
        ("للزاوية", "B-LOC", "للزاوية"),  # ل + ال written لل: no clean cut, kept whole
    ],
)
def test_a_glued_conjunction_or_preposition_stays_out_of_the_name(word, label, mention):
    doc = TOKENS(Document("t", f"وصل {word} أمس"))
    out = ner_mentions(doc, WordLabels({word: label}))
    (m,) = out.mentions
    assert m.text == mention
    assert doc.text[m.start : m.end] == mention


def test_misc_and_punctuation_give_no_mentions():
    doc = TOKENS(Document("t", "حضر مهرجان قرطاج ، ثم عاد"))
    rec = WordLabels({"مهرجان": "B-MISC", "قرطاج": "I-MISC", "،": "B-PERS", "عاد": "O"})
    assert ner_mentions(doc, rec).mentions == ()


def test_punctuation_at_the_edge_of_a_span_is_trimmed():
    doc = TOKENS(Document("t", "قال ( الدباغ ) أمس"))
    rec = WordLabels({"(": "B-PERS", "الدباغ": "I-PERS", ")": "I-PERS"})
    (m,) = ner_mentions(doc, rec).mentions
    assert m.text == "الدباغ"


def test_a_sentence_whose_labels_do_not_align_with_its_words_is_skipped():
    class Short:
        def predict(self, sentences):
            return [["B-PERS"] * (len(s) - 1) if i == 0 else ["B-PERS"] * len(s) for i, s in enumerate(sentences)]

    doc = TOKENS(Document("t", "قال الدباغ. قال كفرسلوان."))
    out = ner_mentions(doc, Short())
    assert {m.text for m in out.mentions} == {"قال", "كفرسلوان"}
    assert all(m.start > doc.text.index(".") for m in out.mentions)


def test_all_sentences_go_to_the_recognizer_in_one_batch():
    doc = TOKENS(Document("t", "قال الدباغ. وصل كفرسلوان. عاد"))
    rec = WordLabels({})
    assert ner_mentions(doc, rec) == doc
    assert rec.calls == [[["قال", "الدباغ", "."], ["وصل", "كفرسلوان", "."], ["عاد"]]]


def test_a_document_without_tokens_is_returned_unchanged():
    doc = Document("t", "")
    rec = WordLabels({})
    assert ner_mentions(doc, rec) is doc
    assert rec.calls == []


def test_without_camel_data_the_model_is_not_available(monkeypatch):
    from kg.arabic import morphology

    monkeypatch.setattr(morphology, "camel_catalogue", lambda: None)
    assert camel_ner.available() is False
    with pytest.raises(KGError, match="camel_data -i ner-arabert"):
        camel_ner.load_recognizer()


def test_a_folder_without_a_model_names_the_camel_data_command(tmp_path):
    with pytest.raises(KGError, match="camel_data -i ner-arabert"):
        camel_ner.load_recognizer(str(tmp_path))


def test_importing_the_stage_does_not_import_torch(tmp_path):
    env = {**os.environ, "CAMELTOOLS_DATA": str(tmp_path)}
    code = (
        "import sys\nimport kg.extract.camel_ner as c\n"
        "print(c.available(), 'torch' in sys.modules, 'transformers' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", "False", "False"]


def tiny_model(folder: Path, word_labels: dict[str, str]) -> None:
    """Save a 1-layer BERT token classifier whose prediction for a word is ``word_labels[word]``
    (O for any other word), with camel's nine labels and a vocabulary of those words.

    The encoder's output projections are zero, so each layer passes its input through
    (LayerNorm only); a word's embedding is +1/-1 on two dimensions chosen by its label and the
    classifier row of that label reads the same two dimensions."""
    import torch
    from transformers import BertConfig, BertForTokenClassification, BertTokenizer

    special = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    vocab = special + list(word_labels)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    hidden = 32
    config = BertConfig(
        vocab_size=len(vocab),
        hidden_size=hidden,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=hidden,
        max_position_embeddings=260,
        id2label=dict(enumerate(CAMEL_LABELS)),
        label2id={lab: i for i, lab in enumerate(CAMEL_LABELS)},
    )
    model = BertForTokenClassification(config)

    def direction(label: str) -> torch.Tensor:
        v = torch.zeros(hidden)
        k = CAMEL_LABELS.index(label)
        v[k], v[k + hidden // 2] = 1.0, -1.0
        return v

    with torch.no_grad():
        for name, p in model.named_parameters():
            p.fill_(1.0 if name.endswith("LayerNorm.weight") else 0.0)
        emb = model.bert.embeddings.word_embeddings.weight
        for i, token in enumerate(vocab):
            emb[i] = direction(word_labels.get(token, "O"))
        for k, label in enumerate(CAMEL_LABELS):
            model.classifier.weight[k] = direction(label)
    model.save_pretrained(str(folder))
    BertTokenizer(str(folder / "vocab.txt"), do_lower_case=False).save_pretrained(str(folder))


@pytest.mark.slow
def test_a_real_camel_recognizer_loads_a_saved_model_and_feeds_the_stage(tmp_path):
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    words = {
        "الدباغ": "B-PERS",
        "جمعية": "B-ORG",
        "الرحمة": "I-ORG",
        "كفرسلوان": "B-LOC",
        "ليبيا": "B-PERS",
        "قال": "O",
    }
    tiny_model(tmp_path / "model", words)
    rec = camel_ner.load_recognizer(str(tmp_path / "model"), use_gpu=False)
    assert type(rec).__module__ == "camel_tools.ner"
    assert rec.predict_sentence(["قال", "الدباغ", "كلمة", "كفرسلوان"]) == ["O", "B-PERS", "O", "B-LOC"]

    doc = LEXICON(Document("t", "قال الدباغ إن جمعية الرحمة في ليبيا ستبني مدرسة في كفرسلوان."))
    out = ner_mentions(doc, rec)
    assert found(out) == [
        ("الدباغ", "Person", "ner"),
        ("جمعية الرحمة", "Organization", "ner"),
        ("ليبيا", "Country", "name"),
        ("كفرسلوان", "Place", "ner"),
    ]


@pytest.mark.slow
def test_labels_from_a_loaded_recognizer_map_to_mentions(tmp_path, monkeypatch):
    """Whatever the loaded model predicts, the stage maps camel's labels the same way."""
    pytest.importorskip("torch")
    tiny_model(tmp_path / "model", {"قال": "O"})
    rec = camel_ner.load_recognizer(str(tmp_path / "model"), use_gpu=False)
    monkeypatch.setattr(rec, "predict", lambda sents: [["O", "B-PERS", "I-PERS", "O", "B-ORG"] for _ in sents])
    doc = TOKENS(Document("t", "قال محمد الدباغ إن الاتحاد"))
    assert found(ner_mentions(doc, rec)) == [("محمد الدباغ", "Person", "ner"), ("الاتحاد", "Organization", "ner")]
