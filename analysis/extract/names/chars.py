"""How typical a character is of Chinese given names, from the tokenizer's own dictionary.

``given_score(ch)`` is log(P(ch in a given name) / P(ch in running text)):

- given names: the characters after a one-character surname of the three-character words that the
  dictionary tags ``nr`` (about 46,000 names in jieba's dictionary);
- running text: every character of every dictionary word, weighted by the word's frequency.

Name characters score high (峰 2.8, 慧 3.1, 萍 3.9); characters that names avoid score low (坏 -2.6,
物 -2.3, 险 -2.3, 地 -2.9).  The table is computed once from the dictionary file and cached on disk
next to jieba's own cache; no data from any evaluation set is involved.
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
    source = getattr(tok, "dictionary", None)
    if not source:
        import jieba

        source = os.path.join(os.path.dirname(os.path.abspath(jieba.__file__)), jieba.DEFAULT_DICT_NAME)
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


def given_score(ch: str) -> float:
    """log-ratio of the character's share in given names to its share in text (0.0 when unknown)."""
    return _table().get(ch, 0.0)
