"""Character features for the sentence-level CRF recognizer (``ner.py``).

One list of string features per character of the input.  The same function
is used to train the model (``benchmarks/train_ner.py``) and to tag, so any
change here requires retraining.

Features: the character and its neighbours (full-width forms folded, digits
and Latin letters reduced to a shape), character bigrams, the position of the
character in its jieba word (private tokenizer, HMM on, so unseen names come
out as new words), the word itself and its dictionary tag (nr/ns/nt/...,
``oov`` for words the HMM discovered), the neighbouring words at word edges,
and lexicon hits: surnames, titles after a word, organization suffixes.
"""
from __future__ import annotations

import functools
import itertools

from analysis import resources
from analysis.extract import lexicon

# full-width ASCII -> ASCII, ideographic space -> space, lone surrogates -> U+FFFD,
# control characters -> space (feature strings must encode to UTF-8 and hold no NUL)
_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20})
_FOLD.update({c: 0xFFFD for c in range(0xD800, 0xE000)})
_FOLD.update({c: 0x20 for c in range(0x20)})
_FOLD.update({0x7F: 0x20})

_LOW_ASCII_DIGIT = set("0123456789")
_MATCH_TAGS = frozenset(("nr", "ns", "nt", "j"))
_MAX_MATCH = 8


def _shape(c: str) -> str:
    if c in _LOW_ASCII_DIGIT:
        return "0"
    if "a" <= c <= "z" or "A" <= c <= "Z":
        return "A"
    return c


@functools.cache
def lexicons() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str], int]:
    """(single surnames, compound surnames, titles, org suffixes, longest suffix)."""
    names = resources.word_list("surnames.txt")
    single = frozenset(n for n in names if len(n) == 1)
    compound = frozenset(n for n in names if len(n) == 2)
    titles = resources.word_list("ner_titles.txt")
    suffixes = resources.word_list("ner_org_suffixes.txt")
    return single, compound, titles, suffixes, max(map(len, suffixes))


@functools.cache
def char_classes() -> dict[str, str]:
    """Character -> ``given`` (common in given names) or ``translit`` (common in transliterated names)."""
    return {row["char"]: row["class"] for row in resources.tsv_rows("ner_chars.tsv")}


@functools.cache
def word_tags() -> dict[str, str]:
    """Coarse part-of-speech tag of every dictionary word (``lexicon.COARSE_TAGS``), user dictionary included."""
    tags = dict(lexicon.coarse_tags())
    userdict = resources.data_path("userdict.txt")
    if userdict.exists():
        with userdict.open(encoding="utf-8") as f:
            for line in f:
                parts = line.split()
                if len(parts) == 3 and parts[2] in lexicon.COARSE_TAGS:
                    tags[parts[0]] = lexicon.COARSE_TAGS[parts[2]]
    return tags


def fold(text: str) -> str:
    """Same-length normalization used for features only (offsets stay those of ``text``)."""
    return text.translate(_FOLD)


@functools.cache
def _suffix_ends() -> frozenset[str]:
    return frozenset(s[-1] for s in lexicons()[3])


def char_features(text: str) -> list[list[str]]:
    n = len(text)
    if not n:
        return []
    single, compound, titles, suffixes, maxsfx = lexicons()
    suffix_ends = _suffix_ends()
    tags = word_tags()
    chars = char_classes()
    tok = resources.tokenizer()
    freq = tok.FREQ
    folded = fold(text)
    sh = ["<s2>", "<s>", *map(_shape, folded), "</s>", "</s2>"]

    # words, their dictionary class, and each character's place in its word
    words = tok.lcut(folded, HMM=True)
    if sum(map(len, words)) != n:  # never expected; fall back to one word per character
        words = list(folded)
    wclass: list[str] = []
    for w in words:
        t = tags.get(w)
        if t is None:
            t = "oov" if not freq.get(w) else "w"
        wclass.append(t)
    wlen = [str(min(len(w), 4)) for w in words]
    cwlen = [L for L, w in zip(wlen, words) for _ in w]
    wpos: list[str] = []
    wp: list[str] = []
    wcp: list[str] = []
    wcc: list[str] = []
    i = 0
    for k, w in enumerate(words):
        lw = len(w)
        wc = wclass[k]
        if lw == 1:
            wpos.append("S")
            wp.append("wp=S1")
            wcp.append("wc=" + wc + "S")
        else:
            wpos.extend(["B", *("M" * (lw - 2)), "E"])
            L = wlen[k]
            wp.extend(["wp=B" + L, *(["wp=M" + L] * (lw - 2)), "wp=E" + L])
            wcp.extend(["wc=" + wc + "B", *(["wc=" + wc + "M"] * (lw - 2)), "wc=" + wc + "E"])
        pre = "wcc=" + wc
        wcc.extend([pre + c for c in sh[i + 2:i + 2 + lw]])
        i += lw

    # the same thirteen features for every character, built column by column
    big = [a + b for a, b in itertools.pairwise(sh)]  # big[j] = sh[j] + sh[j + 1]
    feats = [list(t) for t in zip(
        ["c=" + c for c in sh[2:-2]], ["p1=" + c for c in sh[1:-3]], ["n1=" + c for c in sh[3:-1]],
        ["p2=" + c for c in sh[:-4]], ["n2=" + c for c in sh[4:]],
        ["pc=" + b for b in big[1:n + 1]], ["cn=" + b for b in big[2:n + 2]],
        ["pn=" + a + b for a, b in zip(sh[1:], sh[3:n + 3])],
        ["pp=" + b for b in big[:n]], ["nn=" + b for b in big[3:n + 3]],
        wp, wcp, wcc,
    )]

    # word-level features: neighbours at the word's edges, the word itself inside it
    nw = len(words)
    i = 0
    for k, w in enumerate(words):
        lw = len(w)
        prev = words[k - 1] if k else "<s>"
        lf = ["pw=" + prev, "pwc=" + (wclass[k - 1] if k else "<s>")]
        if prev in titles:
            lf.append("ptitle")
        nxt = words[k + 1] if k + 1 < nw else "</s>"
        rf = ["nw=" + nxt, "nwc=" + (wclass[k + 1] if k + 1 < nw else "</s>")]
        if nxt in titles:
            rf.append("ntitle")
        elif nxt[:1] in titles and len(nxt) <= 2:
            rf.append("ntitle1")
        if lw == 1:
            feats[i] += lf
            feats[i] += rf
        else:
            wf = "w=" + w
            feats[i] += lf
            feats[i].append(wf)
            for j in range(i + 1, i + lw - 1):
                feats[j].append(wf)
            feats[i + lw - 1] += rf
            feats[i + lw - 1].append(wf)
        i += lw

    # lexicon marks: surnames, name candidates, dictionary matches, character classes, org suffixes
    for i, c in enumerate(folded):
        f = feats[i]
        if c in single:
            f.append("sur")
            pos = wpos[i]
            if pos == "B" or pos == "S":
                f.append("surB" + pos + cwlen[i])
        if i + 1 < n and folded[i:i + 2] in compound:
            f.append("sur2")
        sh_c = sh[i + 2]
        cc = chars.get(sh_c)
        if cc:
            f.append("cc=" + cc)
            f.append("ccp=" + cc + chars.get(sh[i + 1], "") + "|" + chars.get(sh[i + 3], ""))
        if c in suffix_ends:
            for L in range(min(maxsfx, i + 1), 0, -1):
                if folded[i - L + 1:i + 1] in suffixes:
                    f.append("osfx" + str(min(L, 3)))
                    if i:
                        feats[i - 1].append("osfxn")
                    break

    # name candidates: surname followed by one or two characters common in given names
    for i in range(n - 1):
        c = folded[i]
        j = i + 2 if folded[i:i + 2] in compound else i + 1 if c in single else 0
        if j and j < n and chars.get(folded[j]) == "given":
            two = j + 1 < n and chars.get(folded[j + 1]) == "given"
            tag = "nc3" if two else "nc2"
            marks = [tag + "B"] + [tag + "I"] * (j + two - i - 1) + [tag + "E"]
            for k, m in zip(range(i, j + 1 + two), marks):
                feats[k].append(m)

    # dictionary matches (independent of the segmentation): longest nr / ns / nt / j word from each position
    marks: dict[int, set[str]] = {}
    for i in range(n - 1):
        best: dict[str, int] = {}
        for L in range(2, min(_MAX_MATCH, n - i) + 1):
            sub = folded[i:i + L]
            if sub not in freq:  # jieba's FREQ holds every prefix of every word: nothing longer matches
                break
            t = tags.get(sub)
            if t in _MATCH_TAGS:
                best[t] = L
        for t, L in best.items():
            marks.setdefault(i, set()).add("d" + t + "B")
            for j in range(i + 1, i + L - 1):
                marks.setdefault(j, set()).add("d" + t + "I")
            marks.setdefault(i + L - 1, set()).add("d" + t + "E")
    for i, m in marks.items():
        feats[i] += m
    return feats
