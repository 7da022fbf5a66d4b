"""How typical a character is of Chinese given names, from the tokenizer's own dictionary.

``given_score(ch)`` is log(P(ch in a given name) / P(ch in running text)):

- given names: the characters after a one-character surname of the three-character words that the
  dictionary tags ``nr`` (about 46,000 names in jieba's dictionary);
- running text: every character of every dictionary word, weighted by the word's frequency.

Name characters score high (峰 2.8, 慧 3.1, 萍 3.9); characters that names avoid score low (坏 -2.6,
物 -2.3, 险 -2.3, 地 -2.9).  The table is computed once from the dictionary file and cached on disk
next to jieba's own cache; no data from any evaluation set is involved.

``name_score(x)`` reads the counts of ``name_chars.tsv`` (``benchmarks/train_name_chars.py``: given-name
characters of a large register of names, surnames of person names in data) against the same
running-text counts: log(P(surname) P(given characters) / P(the characters in text)), a naive-Bayes
ratio of "a name" to "running text" (王伟 8.7, 刘翔 8.5, 关羽 2.4; 薄殡 -2.4, 经适房 -5.8).
``foreign_score(x)``: the smallest log-ratio of a character's share in transliterated names to its
share in text (法拉第, 伊瓜因 score high: their characters spell foreign names).
"""
from __future__ import annotations

import functools
import math
import os
from collections import Counter

from analysis import resources

SMOOTHING = 1.0


@functools.cache
def _table() -> dict[str, float]:
    tok = resources.tokenizer()
    source = _dictionary_source(tok)
    if not os.path.isfile(source):
        return _compute(tok)
    return resources.cached(f"given-name-chars:v1:{resources.file_key(source)}", lambda: _compute(tok))


def _compute(tok) -> dict[str, float]:
    from analysis.extract.names import cues

    surnames = cues().surnames
    given: Counter = Counter()
    text: Counter = Counter()
    with tok.get_dict_file() as f:
        for raw in f:
            line = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            parts = line.split()
            if len(parts) < 3 or not parts[1].isdigit():
                continue
            word, freq, tag = parts[0], int(parts[1]), parts[2]
            for ch in word:
                text[ch] += freq
            if tag == "nr" and len(word) == 3 and word[0] in surnames:
                given.update(word[1:])
    g_total, t_total = sum(given.values()) or 1, sum(text.values()) or 1
    chars = set(given) | set(text)
    return {ch: math.log(((given[ch] + SMOOTHING) / g_total) / ((text[ch] + SMOOTHING) / t_total)) for ch in chars}


def _dictionary_source(tok) -> str:
    source = getattr(tok, "dictionary", None)
    if not source:
        import jieba

        source = os.path.join(os.path.dirname(os.path.abspath(jieba.__file__)), jieba.DEFAULT_DICT_NAME)
    return source


def _text_counts(tok) -> tuple[dict[str, int], int]:
    """Character -> its count in running text (dictionary words weighted by frequency), and the total."""
    text: Counter = Counter()
    with tok.get_dict_file() as f:
        for raw in f:
            parts = (raw.decode("utf-8") if isinstance(raw, bytes) else raw).split()
            if len(parts) >= 2 and parts[1].isdigit():
                for ch in parts[0]:
                    text[ch] += int(parts[1])
    return dict(text), sum(text.values())


@functools.cache
def _name_tables() -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
    """(surname, given, foreign) log-ratios of ``name_chars.tsv`` against running text, computed once and
    cached on disk (keyed by both files)."""
    tok = resources.tokenizer()
    source = _dictionary_source(tok)
    table = resources.data_path("name_chars.tsv")

    def compute():
        rows = resources.tsv_rows("name_chars.tsv")
        text, t_total = _text_counts(tok)
        out = []
        for col in ("surname", "given", "foreign"):
            counts = {r["char"]: int(r[col] or 0) for r in rows}
            total = sum(counts.values()) or 1
            out.append({ch: math.log((counts.get(ch, 0) + 0.5) / total)
                        - math.log((text.get(ch, 0) + 1) / t_total) for ch in set(counts) | set(text)})
        return tuple(out)

    if not os.path.isfile(source) or not table.is_file():
        return compute()
    key = f"name-tables:v1:{resources.file_key(source)}:{resources.file_key(table)}"
    return resources.cached(key, compute)


UNSEEN = -8.0        # a character neither in the name table nor in the dictionary


def name_score(x: str, surname: str) -> float:
    """log-ratio "name" vs "running text" of ``x`` read as ``surname`` + given name."""
    sur, given, _ = _name_tables()
    head = sur.get(surname, UNSEEN) if len(surname) == 1 else 1.0     # compound surnames are names
    return head + sum(given.get(ch, UNSEEN) for ch in x[len(surname):])


def surname_score(ch: str) -> float:
    """log-ratio of the character's share among surnames to its share in running text."""
    return _name_tables()[0].get(ch, UNSEEN)


def foreign_score(x: str) -> float:
    """The smallest log-ratio of the characters of ``x`` in transliterated names vs running text."""
    foreign = _name_tables()[2]
    return min((foreign.get(ch, UNSEEN) for ch in x), default=UNSEEN)


def given_score(ch: str) -> float:
    """log-ratio of the character's share in given names to its share in text (0.0 when unknown)."""
    return _table().get(ch, 0.0)
