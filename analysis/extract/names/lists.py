"""Names run together without separators: 名誉副主席贾亦斌彭清源徐起超沈求我, 《毛泽东邓小平江泽民新闻宣传思想研究》.

Texts that lost their spaces and list marks print lists of names as one run of characters.  The
recognizer then tags two names as one span (邓小平江泽民) or leaves a name between or after the
names it tagged untagged (李赣骝|童傅厉无畏|钮小明).  Such a string is cut into surname + given
name pieces (``chars.name_score``, the best cut by the sum of the scores) when every piece reads as a
name; a piece after the last tagged name of a run must end where the list ends (punctuation, 等, 和).
"""
from __future__ import annotations

import functools

from analysis.extract import lexicon
from analysis.extract.names import chars, is_cjk, surname_of
from analysis.extract.names.evidence import LIST_END

PIECE_MIN = 0.0          # every piece reads at least as likely a name as running text (chars.name_score) ...
SPAN_MEAN = 3.0          # ... and the pieces of a tagged span, on average, this much likelier (not 古如鲁|益坚赞)
LONG_SPAN = 6            # a tagged span this long without a middle dot is two or more names (3 + 3)
GAP_MAX = 9              # an untagged gap of up to three names between two tagged ones
WORD_FREQ = 50           # a piece that is a dictionary word this common (not a person name) is a word


def split_names(s: str, *, mean: float = PIECE_MIN) -> list[str] | None:
    """``s`` cut into two or more surname + given name pieces that each read as a name (on average
    ``mean``), or None."""
    if not 4 <= len(s) <= 3 * GAP_MAX or not all(is_cjk(ch) for ch in s):
        return None
    cut = _best_cut(s)
    if not cut or len(cut) < 2 or sum(_piece_score(x) for x in cut) / len(cut) < mean:
        return None
    return list(cut)


def _piece_score(x: str) -> float | None:
    sur = surname_of(x)
    if not sur or not 1 <= len(x) - len(sur) <= 2:
        return None
    if lexicon.word_freq(x) >= WORD_FREQ and lexicon.coarse_tags().get(x) != "nr":
        return None
    score = chars.name_score(x, sur)
    return score if score >= PIECE_MIN else None


@functools.lru_cache(maxsize=4096)
def _best_cut(s: str) -> tuple[str, ...] | None:
    best: list[tuple[float, tuple[str, ...]] | None] = [None] * (len(s) + 1)
    best[0] = (0.0, ())
    for i in range(len(s)):
        if best[i] is None:
            continue
        for k in (2, 3, 4):
            x = s[i:i + k]
            if len(x) < k:
                break
            score = _piece_score(x)
            if score is None:
                continue
            cand = (best[i][0] + score, best[i][1] + (x,))
            if best[i + k] is None or cand[0] > best[i + k][0]:
                best[i + k] = cand
    return best[len(s)][1] if best[len(s)] else None


def run_together(text: str, spans) -> tuple[dict[str, list[str]], set[str]]:
    """(tagged PER string -> the names it is made of, names found in the gaps and tails of runs of tagged names)."""
    per = sorted((a, b) for ty, a, b in spans if ty == "PER")
    parts: dict[str, list[str]] = {}
    found: set[str] = set()
    for a, b in per:
        x = text[a:b]
        if len(x) >= LONG_SPAN and "·" not in x:
            pieces = split_names(x, mean=SPAN_MEAN)
            if pieces:
                parts[x] = pieces
    for (a1, b1), (a2, b2) in zip(per, per[1:]):
        gap = text[b1:a2]
        if 2 <= len(gap) <= GAP_MAX:
            pieces = [gap] if _piece_score(gap) is not None and len(gap) <= 4 else split_names(gap)
            if pieces:
                found.update(pieces)
    starts = {a for a, _ in per}
    ends = {b for _, b in per}
    for a, b in per:
        if a not in ends or b in starts:
            continue                                   # the last tagged name of a run of at least two
        for k in (3, 2):
            x = text[b:b + k]
            if len(x) == k and (b + k >= len(text) or not is_cjk(text[b + k]) or text[b + k] in LIST_END) \
                    and _piece_score(x) is not None:
                found.add(x)
                break
    return parts, found


def apply(text: str, tagged) -> set[str]:
    """``run_together`` on the recognizer's spans of ``text``: a tagged span made of several names gives its
    count (in ``tagged``, changed in place) to them; returns the names found in gaps and tails."""
    from analysis.extract import ner

    parts, found = run_together(text, ner.recognize_document(text))
    for x, pieces in parts.items():
        k = tagged.pop(x, 0)
        for p in pieces:
            tagged[p] += k
    return found
