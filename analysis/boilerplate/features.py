"""Named features of a line of a web page, for the boilerplate line model.

None of them depends on the words of one site: shape (length, shares of CJK /
Latin / digits / punctuation, sentence and clause marks, separators of menus
and breadcrumbs), vocabulary densities (page furniture, function words of
prose: ``data/boilerplate_words.yaml``), date/time and credit shapes, position
(head zone before the first long body paragraph, tail zone after the last),
similarity to the title, repetition within the page, and the shape of the
neighbouring lines (a run of short unpunctuated lines is a link list).
Every feature has a name, so the weights in ``data/boilerplate_model.tsv`` can
be read next to them.
"""
from __future__ import annotations

import bisect
import functools
import math
import re
from collections import Counter
from collections.abc import Sequence

from analysis.boilerplate.stats import self_repeating
from analysis.resources import yaml_data

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN = re.compile(r"[A-Za-z]")
DIGIT = re.compile(r"[0-9]")
SPACE = re.compile(r"\s")
PUNCT = re.compile(r"[^\w\s]")
SENT_MARK = re.compile(r"[。！？!?…]")
CLAUSE_MARK = re.compile(r"[，、；,;：:]")
CLOSERS = "”’」』)）】》\"' "
SENT_END = set("。！？!?…")
MENU_SEP = re.compile(r"\s[>›»|｜丨/／•·]\s|[>›»｜丨•]|\|")
BULLETS = set("•◆◇▲△▼■□●○★☆►▶-*·※")
OPENERS = set("（(【[〔")
CLOSERS_BRACKET = set("）)】]〕")
DATE = re.compile(r"(?<!\d)(?=\d)(?:\d{4}|\d{2})\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}(?!\d)|(?<!\d)\d{1,2}[./]\d{1,2}[./]\d{4}(?!\d)")
TIME = re.compile(r"(?<!\d)\d{1,2}[:：]\d{2}(?:[:：]\d{2})?(?!\d)")
NUMBER = re.compile(r"\d+")
MARKUP = re.compile(r"</?[A-Za-z][^<>]*>|&[a-z]{2,8};|&#\d+;")
LIST_MARKER = re.compile(r"^[0-9０-９]{1,3}[.、．]?$|^[0-9]{1,2}[.、]\S{0,3}$")
CREDIT_MARK = re.compile(r"(摄|供图|提供|/图|／图)[)）]?$|^[（(【\[]?[\u4e00-\u9fff]{0,12}?(记者|通讯员|编辑|作者|来源|出处)\s*[:：/／|｜]?\s*[\u4e00-\u9fff]{0,8}$|(记者|编辑|作者|来源|出处|摄影)\s*[:：/／|｜]")
COLON_END = re.compile(r"[:：]$")
BODY_LEN = 40               # a "long body paragraph" for the zone features has this many characters
SHORT = 12
SAMPLE = 200                # characters of a line over which vocabulary shares are taken


@functools.cache
def words() -> dict[str, re.Pattern]:
    data = yaml_data("boilerplate_words.yaml")
    out = {}
    for key in ("furniture", "function_words", "link_block_heads", "credit_roles"):
        out[key] = vocabulary_pattern({str(w) for w in data[key]})
    return out


def vocabulary_pattern(vocab: set[str]) -> re.Pattern:
    """Longest-first alternation of the words, guarded by a class of their first characters (fast to
    reject a position), with one-character words as a plain class."""
    multi = sorted((w for w in vocab if len(w) > 1), key=len, reverse=True)
    single = sorted(w for w in vocab if len(w) == 1)
    parts = []
    if multi:
        firsts = "".join(sorted({re.escape(w[0]) for w in multi}))
        parts.append(f"(?=[{firsts}])(?:{'|'.join(map(re.escape, multi))})")
    if single:
        parts.append(f"[{''.join(map(re.escape, single))}]")
    return re.compile("|".join(parts))


def covered(pattern: re.Pattern, text: str) -> int:
    """Characters of ``text`` matched by ``pattern`` (a pattern without capturing groups)."""
    return len("".join(pattern.findall(text)))


def bigrams(text: str) -> set[str]:
    t = "".join(CJK.findall(text)) or text
    return {t[i:i + 2] for i in range(len(t) - 1)}


def similarity(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def is_body_anchor(f: dict) -> bool:
    """A long paragraph of prose (from its shape features): it anchors the head and tail zones."""
    return f["len"] >= BODY_LEN and f["marks"] >= 2 and f["function.share"] >= 0.06


def prose(text: str) -> dict[str, float] | None:
    """The few features of a long paragraph of prose (an anchor), or None for any other line.

    The model never removes an anchor, so at run time the rest of its features is not computed."""
    t = text.strip()
    if len(t) < BODY_LEN:
        return None
    sent = len(SENT_MARK.findall(t))
    clause = len(CLAUSE_MARK.findall(t))
    if sent + clause < 2:
        return None
    sample = SPACE.sub("", t[:SAMPLE + 20])[:SAMPLE]
    f = {"len": float(len(SPACE.sub("", t))), "marks": float(sent + clause),
         "function.share": covered(words()["function_words"], sample) / max(len(sample), 1)}
    if not is_body_anchor(f):
        return None
    f.update({"len.le12": 0.0, "len.le25": 0.0, "marks.none": 0.0, "furniture.share": 0.0, "prose": 1.0,
              "ends.sentence": 0.0, "marks.sentence.log": math.log1p(sent)})
    return f


def shape(text: str) -> dict[str, float]:
    """Features of the line alone."""
    w = words()
    t = text.strip()
    compact = SPACE.sub("", t)
    n = max(len(compact), 1)
    sample = compact[:SAMPLE]        # shares of a long paragraph are taken from its beginning
    m = max(len(sample), 1)
    latin = len(LATIN.findall(sample))
    digit = len(DIGIT.findall(sample))
    punct = len(PUNCT.findall(sample))
    cjk = m - latin - digit - punct          # the rest: CJK (other scripts are rare on these pages)
    sent = len(SENT_MARK.findall(t))
    clause = len(CLAUSE_MARK.findall(t))
    core = t.rstrip(CLOSERS)
    head = t[:SAMPLE]
    dates = "".join(DATE.findall(head)) if digit else ""
    times = "".join(TIME.findall(head)) if digit else ""
    date_chars = len(dates) + len(times)
    tokens = t.split()
    furniture = covered(w["furniture"], sample)
    first, last = (t[0], t[-1]) if t else ("", "")
    f = {
        "len": float(n),
        "marks": float(sent + clause),
        "len.log": math.log1p(n),
        "len.le4": float(n <= 4),
        "len.le12": float(n <= SHORT),
        "len.le25": float(n <= 25),
        "len.ge60": float(n >= 60),
        "share.cjk": cjk / m,
        "share.latin": latin / m,
        "share.digit": digit / m,
        "share.punct": punct / m,
        "ends.sentence": float(bool(core) and core[-1] in SENT_END),
        "ends.colon": float(bool(COLON_END.search(t))),
        "marks.sentence.log": math.log1p(sent),
        "marks.clause.log": math.log1p(clause),
        "marks.none": float(sent + clause == 0),
        "sep.menu.log": math.log1p(len(MENU_SEP.findall(t))),
        "tokens.many_short": float(len(tokens) >= 3 and sum(map(len, tokens)) / len(tokens) <= 4),
        "bullet": float(first in BULLETS),
        "bracketed": float(first in OPENERS and last in CLOSERS_BRACKET),
        "date": float(bool(dates)),
        "time": float(bool(times)),
        "date.share": min(date_chars / m, 1.0),
        "digits.only": float(n <= SAMPLE and (digit + punct) == n),
        "markup": float(("<" in t or "&" in t) and bool(MARKUP.search(t))),
        "list_marker": float(n <= 6 and bool(LIST_MARKER.search(compact))),
        "credit.shape": float(n <= 60 and bool(CREDIT_MARK.search(t))),
        "latin.line": float(latin >= 0.6 * n),
        "furniture.share": furniture / m,
        "furniture.any": float(furniture > 0),
        "function.share": covered(w["function_words"], sample) / m,
        "link_head": float(n <= 8 and bool(w["link_block_heads"].fullmatch(compact.strip(":：")))),
        "credit.role": float(n <= 40 and bool(w["credit_roles"].search(compact))),
        "numbers.many": float(digit > 0 and sent == 0 and len(NUMBER.findall(t)) >= 3),
    }
    return f


def document(texts: Sequence[str], *, title: str | None = None, full: bool = False) -> list[dict[str, float]]:
    """Features of every text line of one page, in order (context included).

    Anchors get only what the context pass reads unless ``full`` (training wants every feature)."""
    shapes = [shape(t) if full else prose(t) or shape(t) for t in texts]
    n = len(texts)
    anchors = [i for i, f in enumerate(shapes) if is_body_anchor(f)]
    anchor_set = set(anchors)
    runs = _short_runs(shapes)
    first = anchors[0] if anchors else n
    last = anchors[-1] if anchors else -1
    keys = [SPACE.sub("", t) for t in texts]
    counts = Counter(keys)
    title_grams = bigrams(title) if title else set()
    candidates = _headlines(texts, shapes, first)
    headline = max(candidates, key=lambda i: len(texts[i]), default=-1)
    out = []
    for i, f in enumerate(shapes):
        if "prose" in f:
            out.append({"anchor": 1.0, "len.le12": 0.0, "len.le25": 0.0, "headline": 0.0, "link_head": 0.0,
                        "headline.shape": 0.0})
            continue
        g = dict(f)
        del g["len"], g["marks"]          # raw counts: used above, not model features
        g["bias"] = 1.0
        g["zone.head"] = float(i < first)
        g["zone.tail"] = float(i > last)
        g["zone.none"] = float(not anchors)
        edge = g["zone.head"] or g["zone.tail"]
        for k in ("date", "time", "credit.shape"):      # a date in the page head is a dateline, mid-text a subheading
            g[f"{k}.mid"] = 0.0 if edge else g[k]
            g[k] = g[k] if edge else 0.0
        g["anchor"] = float(i in anchor_set)
        k = bisect.bisect_left(anchors, i)
        near = min([abs(i - anchors[j]) for j in (k - 1, k) if 0 <= j < len(anchors)], default=n)
        g["anchor.dist.log"] = math.log1p(near)
        g["pos.first"] = float(i == 0)
        g["pos.last"] = float(i == n - 1)
        g["headline"] = float(i == headline)
        g["headline.shape"] = float(i in candidates)
        g["repeated"] = float(counts[keys[i]] >= 2 and len(keys[i]) >= 4)
        g["title.sim"] = similarity(bigrams(texts[i]), title_grams) if title_grams and i != headline else 0.0
        g["run.short.log"] = math.log1p(runs[i])
        for side, j in (("prev", i - 1), ("next", i + 1)):
            if 0 <= j < n:
                h = shapes[j]
                g[f"{side}.short"] = h["len.le12"] * h["marks.none"]
                g[f"{side}.furniture"] = h["furniture.share"]
                g[f"{side}.anchor"] = float(j in anchor_set)
            else:
                g[f"{side}.short"] = g[f"{side}.furniture"] = g[f"{side}.anchor"] = 0.0
        out.append(g)
    return out


def _short_runs(shapes: Sequence[dict]) -> list[int]:
    """Per line, the length of the run of short unpunctuated lines it belongs to (0 when it is not one)."""
    short = [f["len.le25"] == 1.0 and f["ends.sentence"] == 0.0 and f["marks.sentence.log"] == 0.0 for f in shapes]
    out = [0] * len(shapes)
    i = 0
    while i < len(shapes):
        if not short[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(shapes) and short[j + 1]:
            j += 1
        for k in range(i, j + 1):
            out[k] = j - i + 1
        i = j + 1
    return out


def _headlines(texts: Sequence[str], shapes: Sequence[dict], first: int) -> list[int]:
    """Lines of the head zone shaped like a headline: CJK, no furniture, dates, credits or sentence end."""
    out = []
    for i in range(min(first, len(texts))):
        f = shapes[i]
        n = len(texts[i])
        if not 6 <= n <= 80 or f["share.cjk"] < 0.5 or f["date"] or f["furniture.share"] > 0.2 \
                or f["credit.shape"] or f["ends.sentence"] or f["bracketed"] and n < 20 \
                or self_repeating(texts[i]):
            continue
        out.append(i)
    return out
