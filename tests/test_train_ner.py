"""benchmarks/train_ner.py: the training splits labelled by a teacher recognizer (``--extra name:teacher``)."""
from tests.conftest import benchmark


def test_teacher_labels_keep_gold_persons_and_take_organizations_from_the_recognizer():
    train = benchmark("train_ner")
    text = "张建国在中国工商银行北京分行工作。"
    # the split's own organization (another convention) is replaced by the recognizer's
    gold = frozenset({("PER", 0, 3), ("ORG", 4, 10)})
    for rules in (False, True):
        [(same, spans)] = train.teacher_labels([(text, gold)], None, rules=rules)
        assert same == text
        assert {(ty, text[s:e]) for ty, s, e in spans} == {("PER", "张建国"), ("ORG", "中国工商银行北京分行")}


def test_gold_persons_win_over_teacher_spans_and_agreeing_government_spans_are_kept():
    train = benchmark("train_ner")
    text = "据深圳市民政局介绍，三家店今年开了。"
    [(_, spans)] = train.teacher_labels([(text, frozenset({("PER", 10, 13)}))], None)
    assert ("PER", 10, 13) in spans and not any(ty == "LOC" and s < 13 and 10 < e for ty, s, e in spans)
    # a government span overlapping the teacher's organization replaces it; one the teacher does not
    # see as an organization is not added
    [(_, spans)] = train.teacher_labels([(text, frozenset())], None, government=[{(1, 6), (10, 13)}])
    assert ("ORG", 1, 6) in spans and ("ORG", 1, 7) not in spans and ("ORG", 10, 13) not in spans
