"""Shared word knowledge for the people and organization extractors.

``function_words()`` is the set of dictionary words that jieba's dictionary tags as verbs, adverbs,
prepositions, conjunctions, particles, pronouns, numerals, measure and time words: words that end a name
on the left (负责|市场监管局, 反映|幸福里社区) and are never names themselves. It is read once from the
dictionary of the private tokenizer.
"""
from __future__ import annotations

import functools
import os

from analysis import resources

FUNCTION_TAGS = frozenset({"v", "vd", "vg", "vi", "vq", "d", "dg", "p", "c", "u", "uj", "ul", "ud", "ug", "uv",
                           "uz", "r", "rr", "rz", "rg", "q", "t", "tg", "y", "e", "o", "f", "m", "mq", "l", "i",
                           "z", "zg"})


PROPER_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz", "j"})


# coarse part-of-speech classes of dictionary words, used as recognizer features (``ner_features.py``)
COARSE_TAGS = {"nr": "nr", "nrt": "nr", "nrfg": "nr", "ns": "ns", "nt": "nt", "nz": "nz", "j": "j",
               "t": "t", "m": "m", "v": "v", "vn": "v", "a": "a", "d": "d", "r": "r", "f": "f", "q": "q"}


@functools.cache
def _dictionary_classes() -> tuple[frozenset[str], frozenset[str], dict[str, str]]:
    """(function words, proper words, coarse tag of each word) of the private tokenizer's dictionary.

    One pass over the dictionary file, cached on disk next to jieba's own
    cache, keyed by that file and the tag sets.
    """
    tok = resources.tokenizer()
    source = _dictionary_path(tok)
    if source is None:
        return _read_dictionary(tok)
    key = (f"dictionary-classes:v2:{resources.file_key(source)}:{sorted(FUNCTION_TAGS)}:{sorted(PROPER_TAGS)}:"
           f"{sorted(COARSE_TAGS.items())}")
    return resources.cached(key, lambda: _read_dictionary(tok))


def _dictionary_path(tok) -> str | None:
    """The file the tokenizer's main dictionary comes from (jieba's packaged one by default)."""
    source = getattr(tok, "dictionary", None)
    if not source:
        import jieba

        source = os.path.join(os.path.dirname(os.path.abspath(jieba.__file__)), jieba.DEFAULT_DICT_NAME)
    return source if os.path.isfile(source) else None


def _read_dictionary(tok) -> tuple[frozenset[str], frozenset[str], dict[str, str]]:
    function, proper, coarse = set(), set(), {}
    with tok.get_dict_file() as f:
        for raw in f:
            line = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            parts = line.split()
            if len(parts) < 3:
                continue
            word, tag = parts[0], parts[2]
            if len(parts) == 3 and tag in COARSE_TAGS:
                coarse[word] = COARSE_TAGS[tag]
            if tag in FUNCTION_TAGS and not word.startswith("第"):
                function.add(word)
            elif tag in PROPER_TAGS:
                proper.add(word)
    return frozenset(function), frozenset(proper), coarse


def coarse_tags() -> dict[str, str]:
    """Word -> coarse class (nr, ns, nt, v, m...) for the dictionary words whose tag is in ``COARSE_TAGS``."""
    return _dictionary_classes()[2]


def function_words() -> frozenset[str]:
    return _dictionary_classes()[0]


def proper_words() -> frozenset[str]:
    """Dictionary words tagged as names of people, places, organizations or abbreviations."""
    return _dictionary_classes()[1]


def is_proper_or_unknown(word: str) -> bool:
    """A word that can carry a name: unknown to the dictionary, or tagged as a proper noun."""
    return word_freq(word) == 0 or word in proper_words()


def word_freq(word: str) -> int:
    """Frequency of ``word`` in the private tokenizer's dictionary (0 when unknown)."""
    return resources.tokenizer().FREQ.get(word, 0) or 0
