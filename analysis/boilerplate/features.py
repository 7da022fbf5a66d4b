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
BULLET = re.compile(r"^[•◆◇▲△▼■□●○★☆►▶\-*·※]")
BRACKETED = re.compile(r"^[（(【\[〔].*[）)】\]〕]$")
DATE = re.compile(r"(?<!\d)(\d{4}|\d{2})\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}(?!\d)|(?<!\d)\d{1,2}[./]\d{1,2}[./]\d{4}(?!\d)")
TIME = re.compile(r"(?<!\d)\d{1,2}[:：]\d{2}([:：]\d{2})?(?!\d)")
NUMBER = re.compile(r"\d+")
MARKUP = re.compile(r"</?[A-Za-z][^<>]*>|&[a-z]{2,8};|&#\d+;")
LIST_MARKER = re.compile(r"^[0-9０-９]{1,3}[.、．]?$|^[0-9]{1,2}[.、]\S{0,3}$")
CREDIT_MARK = re.compile(r"(摄|供图|提供|/图|／图)[)）]?$|^[（(【\[]?[\u4e00-\u9fff]{0,12}?(记者|通讯员|编辑|作者|来源|出处)\s*[:：/／|｜]?\s*[\u4e00-\u9fff]{0,8}$|(记者|编辑|作者|来源|出处|摄影)\s*[:：/／|｜]")
COLON_END = re.compile(r"[:：]$")
BODY_LEN = 40               # a "long body paragraph" for the zone features has this many characters
SHORT = 12


@functools.cache
def words() -> dict[str, re.Pattern]:
    data = yaml_data("boilerplate_words.yaml")
    out = {}
    for key in ("furniture", "function_words", "link_block_heads", "credit_roles"):
        ws = sorted({str(w) for w in data[key]}, key=len, reverse=True)
        out[key] = re.compile("|".join(map(re.escape, ws)))
    return out


def covered(pattern: re.Pattern, text: str) -> int:
    return sum(m.end() - m.start() for m in pattern.finditer(text))


def bigrams(text: str) -> set[str]:
    t = "".join(CJK.findall(text)) or text
    return {t[i:i + 2] for i in range(len(t) - 1)}


def similarity(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def is_body_anchor(text: str) -> bool:
    """A long paragraph of prose: it anchors the head and tail zones."""
    n = len(text)
    if n < BODY_LEN:
        return False
    marks = len(SENT_MARK.findall(text)) + len(CLAUSE_MARK.findall(text))
    if marks < 2:
        return False
    return covered(words()["function_words"], text) / n >= 0.06


def shape(text: str) -> dict[str, float]:
    """Features of the line alone."""
    w = words()
    t = text.strip()
    compact = SPACE.sub("", t)
    n = max(len(compact), 1)
    cjk = len(CJK.findall(compact))
    latin = len(LATIN.findall(compact))
    digit = len(DIGIT.findall(compact))
    punct = len(PUNCT.findall(compact))
    sent = len(SENT_MARK.findall(t))
    clause = len(CLAUSE_MARK.findall(t))
    core = t.rstrip(CLOSERS)
    date_chars = covered(DATE, t) + covered(TIME, t)
    tokens = t.split()
    f = {
        "len.log": math.log1p(n),
        "len.le4": float(n <= 4),
        "len.le12": float(n <= SHORT),
        "len.le25": float(n <= 25),
        "len.ge60": float(n >= 60),
        "share.cjk": cjk / n,
        "share.latin": latin / n,
        "share.digit": digit / n,
        "share.punct": punct / n,
        "ends.sentence": float(bool(core) and core[-1] in SENT_END),
        "ends.colon": float(bool(COLON_END.search(t))),
        "marks.sentence.log": math.log1p(sent),
        "marks.clause.log": math.log1p(clause),
        "marks.none": float(sent + clause == 0),
        "sep.menu.log": math.log1p(len(MENU_SEP.findall(t))),
        "tokens.many_short": float(len(tokens) >= 3 and sum(map(len, tokens)) / len(tokens) <= 4),
        "bullet": float(bool(BULLET.search(t))),
        "bracketed": float(bool(BRACKETED.search(t))),
        "date": float(bool(DATE.search(t))),
        "time": float(bool(TIME.search(t))),
        "date.share": min(date_chars / n, 1.0),
        "digits.only": float(n > 0 and (digit + punct) == n),
        "markup": float(bool(MARKUP.search(t))),
        "list_marker": float(bool(LIST_MARKER.search(compact))),
        "credit.shape": float(bool(CREDIT_MARK.search(t)) and n <= 60),
        "latin.line": float(latin >= 0.6 * n),
        "furniture.share": covered(w["furniture"], compact) / n,
        "furniture.any": float(bool(w["furniture"].search(compact))),
        "function.share": covered(w["function_words"], compact) / n,
        "link_head": float(n <= 8 and bool(w["link_block_heads"].fullmatch(compact.strip(":：")))),
        "credit.role": float(n <= 40 and bool(w["credit_roles"].search(compact))),
        "numbers.many": float(len(NUMBER.findall(t)) >= 3 and sent == 0),
    }
    return f


def document(texts: Sequence[str], *, title: str | None = None) -> list[dict[str, float]]:
    """Features of every text line of one page, in order (context included)."""
    shapes = [shape(t) for t in texts]
    n = len(texts)
    anchors = [i for i, t in enumerate(texts) if is_body_anchor(t)]
    first = anchors[0] if anchors else n
    last = anchors[-1] if anchors else -1
    keys = [SPACE.sub("", t) for t in texts]
    counts = Counter(keys)
    title_grams = bigrams(title) if title else set()
    candidates = _headlines(texts, shapes, first)
    headline = max(candidates, key=lambda i: len(texts[i]), default=-1)
    out = []
    for i, f in enumerate(shapes):
        g = dict(f)
        g["bias"] = 1.0
        g["zone.head"] = float(i < first)
        g["zone.tail"] = float(i > last)
        g["zone.none"] = float(not anchors)
        edge = g["zone.head"] or g["zone.tail"]
        for k in ("date", "time", "credit.shape"):      # a date in the page head is a dateline, mid-text a subheading
            g[f"{k}.mid"] = 0.0 if edge else g[k]
            g[k] = g[k] if edge else 0.0
        g["anchor"] = float(i in anchors) if anchors else 0.0
        near = min((abs(i - a) for a in anchors), default=n)
        g["anchor.dist.log"] = math.log1p(near)
        g["pos.first"] = float(i == 0)
        g["pos.last"] = float(i == n - 1)
        g["headline"] = float(i == headline)
        g["headline.shape"] = float(i in candidates)
        g["repeated"] = float(counts[keys[i]] >= 2 and len(keys[i]) >= 4)
        g["title.sim"] = similarity(bigrams(texts[i]), title_grams) if title_grams and i != headline else 0.0
        g["run.short.log"] = math.log1p(_short_run(shapes, i))
        for side, j in (("prev", i - 1), ("next", i + 1)):
            if 0 <= j < n:
                h = shapes[j]
                g[f"{side}.short"] = h["len.le12"] * h["marks.none"]
                g[f"{side}.furniture"] = h["furniture.share"]
                g[f"{side}.anchor"] = float(j in anchors)
            else:
                g[f"{side}.short"] = g[f"{side}.furniture"] = g[f"{side}.anchor"] = 0.0
        out.append(g)
    return out


def _short_run(shapes: Sequence[dict], i: int) -> int:
    """Length of the run of short unpunctuated lines around line i (0 when line i is not one)."""
    def short(f: dict) -> bool:
        return f["len.le25"] == 1.0 and f["ends.sentence"] == 0.0 and f["marks.sentence.log"] == 0.0

    if not short(shapes[i]):
        return 0
    a = i
    while a > 0 and short(shapes[a - 1]):
        a -= 1
    b = i
    while b + 1 < len(shapes) and short(shapes[b + 1]):
        b += 1
    return b - a + 1


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
