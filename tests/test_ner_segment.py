"""ner_segment.py gives jieba's own segmentation, faster: checked on every line of the seed corpus."""
from __future__ import annotations

from pathlib import Path

import pytest

from analysis import resources
from analysis.extract import ner_features, ner_segment

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _lines() -> list[str]:
    out = []
    for path in sorted(CORPUS.iterdir()):
        if path.is_file() and path.suffix in (".txt", ".md", ".html", ".htm"):
            out += [ln for ln in path.read_text(encoding="utf-8", errors="replace").splitlines() if ln.strip()]
    return out


@pytest.fixture(scope="module")
def lines() -> list[str]:
    found = _lines()
    assert len(found) > 50
    return found


def test_words_are_those_of_the_private_tokenizer(lines):
    tok = resources.tokenizer()
    for line in lines:
        for text in (line, ner_features.fold(line)):
            assert ner_segment.segment(text)[0] == tok.lcut(text, HMM=True), text


def test_cut_is_lcut_with_and_without_hmm(lines):
    tok = resources.tokenizer()
    windows = {line[i:i + n] for line in lines for n in (3, 8, 15) for i in range(0, max(1, len(line) - n), 5)}
    windows |= {"", "abc12中文 x", "Ｗｉｆｉ连接", "C++程序员5G网络", "营业部ab"}
    for text in sorted(windows | set(lines)):
        for hmm in (True, False):
            assert list(ner_segment.cut(text, hmm=hmm)) == tok.lcut(text, HMM=hmm), (text, hmm)


def test_hmm_is_that_of_jieba(lines):
    from jieba import finalseg

    runs = {line[i:i + n] for line in lines for n in (2, 3, 5, 9) for i in range(0, max(1, len(line) - n), 7)}
    runs |= {"", "ab12.5%中文", "一", "齉龘", "C++程序"}
    for run in sorted(runs):
        assert ner_segment._hmm_cut(run) == tuple(finalseg.cut(run)), run


def test_matches_are_the_longest_tagged_dictionary_words():
    tags = ner_features.word_tags()
    text = "他在北京大学和中国人民银行工作过。"
    words, matches = ner_segment.segment(text)
    assert words == resources.tokenizer().lcut(text, HMM=True)
    for s, e, t in matches:
        assert tags.get(text[s:e]) == t and 2 <= e - s <= 8
    assert any(text[s:e] == "中国人民银行" for s, e, _ in matches)
