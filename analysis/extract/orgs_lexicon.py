"""Organization lexicons: the gazetteer (``data/orgs.tsv``), head words (``data/org_suffixes.tsv``),
words around names (``data/org_words.tsv``); lookups of known names and outlets."""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from analysis import resources
from analysis.extract import ner_segment

CJK = r"\u4e00-\u9fff"
TYPES = ("company", "media", "hospital", "government", "school", "other")


@dataclass(frozen=True)
class Gazetteer:
    canonical: dict[str, str]          # surface form -> canonical name
    weak: frozenset[str]               # surface forms that need corroboration
    types: dict[str, str]              # canonical -> type
    parent: dict[str, str]             # canonical -> parent canonical
    pattern: re.Pattern | None


@dataclass(frozen=True)
class Suffix:
    text: str
    type: str
    generic_ok: bool
    max_tokens: int


@functools.cache
def gazetteer() -> Gazetteer:
    canonical: dict[str, str] = {}
    weak: set[str] = set()
    types: dict[str, str] = {}
    parent: dict[str, str] = {}
    for row in resources.tsv_rows("orgs.tsv"):
        name = row.get("name", "")
        if not name:
            continue
        types[name] = row.get("type") or "other"
        if row.get("parent"):
            parent[name] = row["parent"]
        canonical.setdefault(name, name)
        for a in _split(row.get("aliases", "")):
            canonical.setdefault(a, name)
        for a in _split(row.get("weak", "")):
            canonical.setdefault(a, name)
            weak.add(a)
    pattern = re.compile(trie_regex(canonical)) if canonical else None
    return Gazetteer(canonical, frozenset(weak), types, parent, pattern)


def trie_regex(words: Iterable[str]) -> str:
    """One regex for a set of literal words, shaped as a prefix tree so that matching costs one
    pass per position instead of one try per word; at each position the longest word wins, as
    with a longest-first alternation."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if end else body

    return build(trie)


@functools.cache
def suffixes() -> tuple[tuple[Suffix, ...], re.Pattern]:
    rows = []
    for row in resources.tsv_rows("org_suffixes.tsv"):
        if row.get("suffix"):
            rows.append(Suffix(row["suffix"], row.get("type") or "other", row.get("generic_ok") == "yes",
                               int(row.get("max_tokens") or 0)))
    rows.sort(key=lambda s: len(s.text), reverse=True)
    return tuple(rows), re.compile("|".join(re.escape(s.text) for s in rows))


@functools.cache
def org_words(kind: str) -> frozenset[str]:
    return frozenset(r["word"] for r in resources.tsv_rows("org_words.tsv") if r.get("kind") == kind)


@functools.cache
def org_ends() -> dict[str, tuple[int, int]]:
    """word -> (organization names ending in it, occurrences) in public NER training splits
    (``data/org_end_words.tsv``, ``benchmarks/train_org_ends.py``); a word absent ends none."""
    return {r["word"]: (int(r["ends"]), int(r["seen"])) for r in resources.tsv_rows("org_end_words.tsv")}


@functools.cache
def org_inside_chars() -> dict[str, tuple[int, int]]:
    """Character -> (times it stands as a word of its own inside an organization name, times it stands
    so anywhere) in public NER training splits (住 of 北京市|住|建委, 所 of 地质研究|所:
    ``data/org_inside_chars.tsv``, ``benchmarks/train_org_outside.py``); absent: inside fewer than twice."""
    return {r["char"]: (int(r["inside"]), int(r["seen"])) for r in resources.tsv_rows("org_inside_chars.tsv")}


@functools.cache
def org_outside(least: int = 20) -> frozenset[str]:
    """Words seen at least ``least`` times in public NER training splits and never inside an
    organization name (只有, 通过, 经验; with a lower bar also 排队, 组队: ``data/org_outside_words.tsv``,
    ``benchmarks/train_org_outside.py``)."""
    return frozenset(r["word"] for r in resources.tsv_rows("org_outside_words.tsv") if int(r["seen"]) >= least)


@functools.cache
def org_end_chars(*, least: int = 20) -> frozenset[str]:
    """Characters that end at least ``least`` organization names of the training splits (院, 所, 队;
    10, 20 and 40 score the same on the dev splits and the devset dev half):
    a word the table has not seen still ends a name when its last character is one of them
    (精神病院, 管理所)."""
    counts: dict[str, int] = {}
    for w, (n, _) in org_ends().items():
        counts[w[-1]] = counts.get(w[-1], 0) + n
    return frozenset(c for c, n in counts.items() if n >= least)


def _split(value: str) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def _is_ascii_word(s: str) -> bool:
    return bool(s) and s.isascii()


# ---- gazetteer --------------------------------------------------------------------------------

def _gazetteer_hits(text: str, gaz: Gazetteer) -> list[tuple[int, int, str, str]]:
    """(start, end, surface, canonical); a parent glued to its child (阿里高德) becomes one child hit."""
    if gaz.pattern is None:
        return []
    hits = []
    for m in gaz.pattern.finditer(text):
        s, e, form = m.start(), m.end(), m.group()
        if _is_ascii_word(form) and ((s > 0 and text[s - 1].isascii() and text[s - 1].isalnum())
                                     or (e < len(text) and text[e].isascii() and text[e].isalnum())):
            continue
        if len(form) <= 2 and not _on_word_edges(text, s, e):
            continue                                  # 集中行动 holds no 中行, 群众安全 no 众安
        if len(form) == 3 and not _on_word_edges(text, s, e) and not _role_after(text, e):
            continue                                  # 司法部门 holds no 司法部 (司法部长 does)
        hits.append((s, e, form, gaz.canonical[form]))
    merged: list[tuple[int, int, str, str]] = []
    for h in hits:
        if merged:
            ps, pe, _pform, pcanon = merged[-1]
            if pe == h[0] and gaz.parent.get(h[3]) == pcanon:
                merged[-1] = (ps, h[1], text[ps:h[1]], h[3])
                continue
        merged.append(h)
    return merged


def _role_after(text: str, e: int) -> bool:
    """Does a role word start at the last character of a name ending at ``e`` (司法部|长: 部长)?"""
    from analysis.extract.names import cues

    roles = cues().roles
    return any(text[e - 1:e - 1 + n] in roles for n in (2, 3))


def _on_word_edges(text: str, s: int, e: int, *, margin: int = 4) -> bool:
    """Do ``s`` and ``e`` fall on word boundaries of the private tokenizer (on a small window)?"""
    lo, hi = max(0, s - margin), min(len(text), e + margin)
    edges, pos = {lo, hi}, lo
    for w in ner_segment.cut(text[lo:hi], hmm=False):
        pos += len(w)
        edges.add(pos)
    return s in edges and e in edges


def lookup(surface: str) -> str | None:
    """Canonical name of a surface form that is wholly a known organization (or parent+child)."""
    gaz = gazetteer()
    if not surface:
        return None
    if surface in gaz.canonical:
        return gaz.canonical[surface]
    hits = _gazetteer_hits(surface, gaz)
    if len(hits) == 1 and hits[0][0] == 0 and hits[0][1] == len(surface):
        return hits[0][3]
    return None


def org_type(canonical: str) -> str:
    return gazetteer().types.get(canonical, "other")


def outlet_name(value: str) -> str | None:
    """Canonical organization of a front-matter author or source: a known name (明報 -> 明报), the same
    with a channel word dropped (北京日报客户端, 扬子晚报网 -> 北京日报, 扬子晚报), or an unknown name
    with a media head word (某某晚报); a person's name gives None."""
    value = value.strip()
    if not value or len(value) > 30:
        return None
    canon = lookup(value)
    if canon is None and not value.isascii():
        simplified = resources.opencc_converter("t2s").convert(value)
        if simplified != value:
            return outlet_name(simplified)
    if canon:
        return canon
    for ch in sorted(org_words("channel"), key=len, reverse=True):
        if value.endswith(ch) and len(value) > len(ch) + 1:
            base = value[: -len(ch)].strip()
            canon = lookup(base)
            if canon:
                return canon
            if any(base.endswith(s.text) for s in suffixes()[0] if s.type == "media"):
                return base
    if any(value.endswith(s.text) for s in suffixes()[0] if s.type == "media") and len(value) >= 4:
        return value
    return None


def _values(value) -> list[str]:
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if isinstance(v, str) and v.strip()]
    return []


@functools.cache
def org_names() -> dict[str, tuple[int, int]]:
    """string -> (ORG spans that are exactly it, its occurrences) in public NER training splits
    (``data/org_name_words.tsv``, ``benchmarks/train_org_names.py``); absent: annotated fewer than twice."""
    return {r["name"]: (int(r["named"]), int(r["seen"])) for r in resources.tsv_rows("org_name_words.tsv")}
