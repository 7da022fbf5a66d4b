"""The recognizer's two models scored in one pass: persons from ner_crf_per, the rest from ner_crf."""
from pathlib import Path

import numpy as np

from analysis import resources
from analysis.extract import ner, ner_features, ner_model, ner_viterbi

TEXTS = [line for path in sorted(Path(__file__).resolve().parent.parent.joinpath("corpus").glob("*.txt"))
         for line in path.read_text(encoding="utf-8").splitlines() if len(line) > 8][:300]


def _labels(crf, texts):
    return crf.tag([ner_features.columns(t) for t in texts])


def test_pair_keeps_the_persons_of_the_second_model_and_the_rest_of_the_first():
    first_path = resources.data_path(ner.MODEL_FILE)
    second_path = resources.data_path(ner.PERSONS_FILE)
    pair = ner_model.CRF.load_pair(first_path, second_path)
    first, second = ner_model.CRF.load(first_path), ner_model.CRF.load(second_path)
    assert len(TEXTS) > 100
    persons_seen = 0
    for got, a, b in zip(_labels(pair, TEXTS), _labels(first, TEXTS), _labels(second, TEXTS)):
        theirs = [lab.endswith("PER") for lab in b]
        persons_seen += any(theirs)
        for i, lab in enumerate(got):
            if theirs[i]:
                assert lab == b[i]                      # every person label of the second model
            elif lab != "O":
                assert lab == a[i] and not lab.endswith("PER")   # the others are the first model's
        # an entity of the first model is dropped only where it meets a person of the second
        for i, lab in enumerate(a):
            if lab != "O" and not lab.endswith("PER") and got[i] == "O":
                assert any(theirs)
    assert persons_seen > 20


def test_merge_drops_an_entity_that_overlaps_a_person():
    labels = ("O", "B-ORG", "I-ORG", "E-ORG", "B-PER", "E-PER", "S-LOC")
    persons = np.array([lab.endswith("PER") for lab in labels])
    first = np.array([1, 2, 3, 6, 0, 4, 5])      # ORG ORG ORG LOC O PER PER
    second = np.array([0, 0, 4, 5, 0, 0, 0])     # a person inside the organization
    out = ner_viterbi.merge(first, second, persons, labels)
    assert [labels[j] for j in out] == ["O", "O", "B-PER", "E-PER", "O", "O", "O"]


def test_no_person_model_reads_the_first_alone(monkeypatch):
    monkeypatch.setenv("KEFU_NER_PERSONS", "none")
    crf = ner.load_model.__wrapped__()
    assert crf.split == 0 and len(crf.labels) == len(set(crf.labels))


def test_a_first_model_without_a_label_of_the_second_still_pairs(tmp_path):
    """A first model trained on data with no single-character organization has no S-ORG; the second
    model's labels it lacks are read as O (only the second model's persons are used)."""
    second_path = resources.data_path(ner.PERSONS_FILE)
    second = ner_model.CRF.load(second_path)
    assert "S-ORG" in second.labels
    first_path = tmp_path / "first.tsv.gz"
    import gzip
    with gzip.open(first_path, "wt", encoding="utf-8") as f:   # persons and places, no organization: 市 ends a place
        f.write("# a tiny model\nlabels\tO\tB-LOC\tE-LOC\tB-PER\tI-PER\tE-PER\tS-PER\n"
                "->O\t0:1\t2:1\n->B-LOC\t0:0.5\t2:0.5\n->E-LOC\t1:3\nc=市\t2:4\t1:-2\n")
    pair = ner_model.CRF.load_pair(first_path, second_path)
    got = _labels(pair, TEXTS[:60])
    theirs = _labels(second, TEXTS[:60])
    for g, b in zip(got, theirs):
        assert set(g) <= {"O", "B-LOC", "E-LOC", *(lab for lab in b if lab.endswith("PER"))}
        assert not any(lab.endswith("ORG") for lab in g)
        assert [lab for lab in g if lab.endswith("PER")] == [lab for lab in b if lab.endswith("PER")]
    assert any(lab.endswith("PER") for g in got for lab in g)


def test_model_read_back_from_its_plain_data_tags_the_same():
    """``load_model`` keeps the parsed model in the cache folder as plain data (``state``)."""
    pair = ner_model.CRF.load_pair(resources.data_path(ner.MODEL_FILE), resources.data_path(ner.PERSONS_FILE))
    back = ner_model.CRF.from_state(pair.state())
    assert back.labels == pair.labels and back.split == pair.split
    assert (back.weights == pair.weights).all() and (back.transitions == pair.transitions).all()
    assert back.dense == pair.dense and back.marks == pair.marks
    assert back.marks["no such mark"] == pair.marks.zero
    assert _labels(back, TEXTS[:80]) == _labels(pair, TEXTS[:80])


def test_character_features_scored_as_numbers_as_their_attribute_strings():
    """``scores`` looks the character templates up as numbers (pads, pairs, characters outside the BMP);
    it gives the summed weights of the attribute strings ``char_features`` lists."""
    texts = ["<s>王先生说：𠀋字和A1也算。", "李", "x</s2>", "ＡＢＣ公司１２３号，欧阳明辉表示：好！"]
    feats = [ner_features.char_features(t) for t in texts]
    names = sorted({a for f in feats for char in f for a in char})
    rng = np.random.default_rng(7)
    attributes = {a: {0: float(rng.normal()), 1: float(rng.normal())} for a in names[::2]}  # half the attributes
    crf = ner_model.CRF(["O", "S-PER"], attributes, {0: {0: 0.5}, 1: {0: -0.5}})
    assert any(a.startswith(("pp=<s2>", "nn=</s>", "pn=<s>")) for a in attributes)
    got = crf.scores([ner_features.columns(t) for t in texts])
    want = [[sum(attributes.get(a, {}).get(j, 0.0) for a in char) for j in (0, 1)] for f in feats for char in f]
    assert np.allclose(got, want)
